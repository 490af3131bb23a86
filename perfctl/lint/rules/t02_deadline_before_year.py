"""PT-T02 deadline-before-year: a deadline earlier than 1 January of the budget year.

A target for the budget year cannot be due before the year starts. A deadline such as
``2024年12月前`` in a 2025 table is almost always copied from last year's table without
updating the date. Applies to every row whose target is a deadline. A deadline is read in
its latest sense (``2025年1月前`` may mean "by the end of January 2025" and is not
reported); only a deadline that is early under every reading is reported (see PT-T01).

Source: heuristic (tables copied from the previous year; 财预〔2015〕88号: targets are
set for the year of the budget they are approved with).

Fails: ``year: 2025``, ``target: 2024年12月前``.
Passes: ``year: 2025``, ``target: 2025年12月前``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import readings
from perfctl.model import Project

CODE = "PT-T02"
NAME = "deadline-before-year"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    year_start = date(project.year, 1, 1)
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if t.kind != "deadline":
            continue
        latest = readings(t, project.year)[1]
        if latest < year_start:
            yield Problem(("indicators", i, "target"),
                          _("deadline {target!r} is before budget year {year} starts ({year_start}); expected a "
                            "date in {year} (copied from last year's table?)").format(
                              target=ind.target, year=project.year, year_start=year_start.isoformat()))
