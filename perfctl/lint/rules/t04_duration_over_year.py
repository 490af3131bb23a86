"""PT-T04 duration-over-year: a 时效 duration longer than twelve months.

An annual table covers one budget year, so the time a task may take (``≤9个月``,
``≤48小时``) must fit in it. A duration such as ``≤18个月`` or ``≤2年`` describes a
multi-year task: the annual target should state the part done this year, and the whole
duration belongs in the 实施期 target. Durations are converted to months with the table of
units in ``perfctl/lexicons/durations.yaml`` (a year = 12 months = 52 weeks = 365 days =
250 working days = 8760 hours); one year exactly (``≤12个月``, ``≤365天``) passes.

Applies to 时效指标 rows whose target is a duration (or a range of durations: its upper
end) stated as an upper bound or exact value (``≤``, ``<``, ``=`` or none). A lower bound
(``质保期 ≥3年``) says how long a result must last, not how long the work takes, and is
not reported.

Source: heuristic (rules.md §4.7); the annual table vs the 实施期/中期 target
(财预〔2015〕88号).

Fails: ``level2: 时效指标``, ``target: ≤18个月``.
Passes: ``level2: 时效指标``, ``target: ≤9个月``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from perfctl import lexicons
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level2_of
from perfctl.model import Project

CODE = "PT-T04"
NAME = "duration-over-year"
SEVERITY = "warning"


@lru_cache(maxsize=1)
def per_year() -> dict[str, Decimal]:
    """How many of each unit of time make a year (``天`` → 365)."""
    return {unit: Decimal(str(n)) for unit, n in lexicons.load("durations")["per_year"].items()}


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if level2_of(ind.level2.strip()) != "时效指标" or t.unit not in per_year():
            continue
        if t.kind == "duration" and t.op in (None, "≤", "<", "="):
            length = Decimal(t.value or 0)
        elif t.kind == "range":
            length = Decimal(t.high or 0)
        else:
            continue
        year = per_year()[t.unit]
        if length > year:
            months = (length * 12 / year).quantize(Decimal("0.1")).normalize()
            yield Problem(("indicators", i, "target"),
                          _("时效 duration {target!r} is about {months} months, longer than the budget year; "
                            "expected at most 12 months — state the part done this year and keep the whole "
                            "duration for the 实施期 (mid-term) target").format(target=ind.target,
                                                                              months=f"{months:f}"))
