"""PT-T05 span-outside-year: a date span that is not inside the budget year.

A span such as ``2023.07-2024.01`` in a 2023 table runs past the year end: the annual
table can only promise what happens within its own budget (calendar) year, and the
self-evaluation at year end cannot check the months after it. Applies to every row whose
target is a span of months. A span that starts before the year (``2024.10-2025.03`` in a
2025 table) or lies wholly in another year is reported the same way.

Source: annual table with service period ``2023.07-2024.01`` (湘潭 2023, S21); annual
targets are separate from 实施期 targets (财预〔2015〕88号).

Fails: ``year: 2023``, ``target: 2023.07-2024.01``.
Passes: ``year: 2025``, ``target: 2025.03-2025.10``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import N_, _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-T05"
NAME = "span-outside-year"
SEVERITY = "warning"

#: What is said of a span, by where it lies against the budget year (translated where shown).
_OUTSIDE = N_("date span {target!r} ({start} to {end}) lies outside budget year {year}; expected a span within "
              "{year}-01 to {year}-12 — state this year's part and keep the whole span for the 实施期 (mid-term) "
              "target")
_PAST_END = N_("date span {target!r} ({start} to {end}) runs past the end of budget year {year}; expected a span "
               "within {year}-01 to {year}-12 — state this year's part and keep the whole span for the 实施期 "
               "(mid-term) target")
_BEFORE_START = N_("date span {target!r} ({start} to {end}) starts before budget year {year}; expected a span within "
                   "{year}-01 to {year}-12 — state this year's part and keep the whole span for the 实施期 "
                   "(mid-term) target")
_BOTH_ENDS = N_("date span {target!r} ({start} to {end}) runs beyond both ends of budget year {year}; expected a span "
                "within {year}-01 to {year}-12 — state this year's part and keep the whole span for the 实施期 "
                "(mid-term) target")


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    year = project.year
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if t.kind != "range" or t.unit != "date" or t.value is None or t.high is None or t.value.startswith("--"):
            continue  # a span of months without a year (1-12月) is in the table's year
        low, high = sorted((int(t.value[:4]), int(t.high[:4])))
        if low == year == high:
            continue
        if high < year or low > year:
            message = _OUTSIDE
        elif low == year:
            message = _PAST_END
        elif high == year:
            message = _BEFORE_START
        else:
            message = _BOTH_ENDS
        yield Problem(("indicators", i, "target"),
                      _(message).format(target=ind.target, start=t.value, end=t.high, year=year))
