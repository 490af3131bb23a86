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

from collections.abc import Iterator
from datetime import date

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import readings
from perfctl.model import Project

CODE = "PT-T01"
NAME = "deadline-after-year"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    year_end = date(project.year, 12, 31)
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if t.kind != "deadline":
            continue
        earliest = readings(t, project.year)[0]
        if earliest > year_end:
            yield Problem(("indicators", i, "target"),
                          _("deadline {target!r} is after the end of budget year {year} ({year_end}); an annual "
                            "target must be met within the year — set a date in {year} and keep the later date for "
                            "the 实施期 (mid-term) target").format(target=ind.target, year=project.year,
                                                                year_end=year_end.isoformat()))
