"""PT-T01 deadline-after-year: a deadline later than 31 December of the budget year.

A project target table is an annual table: its targets are what this year's money
achieves by the end of the budget (calendar) year. A deadline in a later year
(``2026年6月前`` in a 2025 table) is a 实施期 / 中期 target, not an annual one, and cannot be
checked in this year's self-evaluation. Applies to every row whose target is a deadline.

A deadline is read in its most lenient sense: ``前``/``之前``/``以前`` is "before the period
starts" (``2026年1月前`` = by 2025-12-31, not reported), ``底``/``末``/``内`` or no suffix
is "by the end of the period" (``2026年1月底前`` = by 2026-01-31, reported). Only a deadline
that is late under both readings is reported.

The catalogue makes this an error when the project period (项目期) is one year; the project
file does not record a project period, so the finding is always a warning.

Source: 财预〔2015〕88号 (annual targets are separate from 中期/实施期 targets and are
approved with the year's budget); annual table with a period into the next year (湘潭 2023,
S21); the date check itself is heuristic.

Fails: ``year: 2025``, ``target: 2026年6月前``.
Passes: ``year: 2025``, ``target: 2025年11月30日前``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta

from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project
from perfctl.target import Target

CODE = "PT-T01"
NAME = "deadline-after-year"
SEVERITY = "warning"


def period(iso: str) -> tuple[date, date]:
    """First and last day of the period an ISO date names (``2025``, ``2025-12``, ``2025-12-31``)."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    day = date(*parts)
    return day, day


def readings(t: Target) -> tuple[date, date]:
    """The earliest and the latest reading of the last day a deadline target allows.

    ``前`` after a date is read both as "before the period starts" (earliest) and as "by
    the end of it" (latest); ``底``/``末``/``内`` or no suffix mean the end of the period,
    ``<`` the day before it starts.
    """
    assert t.kind == "deadline" and t.value is not None
    start, end = period(t.value)
    text = "".join(unicodedata.normalize("NFKC", t.text).split())
    strict = not re.search(r"[底末内]", text) and (t.op == "<" or text.endswith("前"))
    latest = start - timedelta(days=1) if t.op == "<" else end
    return (start - timedelta(days=1) if strict else end), latest


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    year_end = date(project.year, 12, 31)
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if t.kind != "deadline":
            continue
        earliest, _ = readings(t)
        if earliest > year_end:
            yield Problem(("indicators", i, "target"),
                          f"deadline {ind.target!r} is after the end of budget year {project.year} "
                          f"({year_end.isoformat()}); an annual target must be met within the year — set a date "
                          f"in {project.year} and keep the later date for the 实施期 (mid-term) target")
