"""PT-G05 stale-year: a goal, purpose or description in a table for year Y names Y-1.

A target table is rewritten every year from last year's (``perfctl new --from``, or a
system's 复制上年指标). A 绩效目标, 中期目标, 预算规模及资金用途 or 绩效指标描述 that still
says ``2025年`` / ``2025年度`` in the 2026 table was not rewritten: it describes last
year's work, and the reviewer reads the table as copied unread. Only the year just before
the budget year counts, written as a year (four digits and 年): an older year is usually
history (``自2019年以来``), and a text that also names the budget year or a later one
(``2025年至2026年``, an 实施期 ``2025年至2027年``) speaks of a period. Targets are not read
here (``new --from`` moves deadlines; PT-T02 reports one before the year). Last year named as
the baseline of a comparison (``较2025年提高10%``, ``在2025年基础上``) is meant and does not
count. An error: a table that still describes last year's work is not ready to submit.

Source: review criterion 完整性 (财预〔2015〕88号: target content clear and explicit for
the budget year); targets copied from prior years, a defect reviews report (rules.md §5.3).

Fails: ``year: 2026`` with ``goals: [2025年完成基层干部培训500人次…]``.
Passes: ``year: 2026`` with ``goals: [2026年完成基层干部培训500人次…]``, ``[自2019年以来…]`` or
``[培训人次较2025年提高10%]``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.authoring.copy import names_old_year
from perfctl.i18n import N_, _
from perfctl.lint import NodePath, Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-G05"
NAME = "stale-year"
SEVERITY = "error"


#: The finding, per kind of text read (translated where reported).
_MESSAGES = {
    "purpose": N_("purpose names {last} in a {year} table; a copied table still says last year's year — rewrite it "
                  "for {year}"),
    "goal": N_("goal names {last} in a {year} table; a copied table still says last year's year — rewrite it for "
               "{year}"),
    "midterm goal": N_("midterm goal names {last} in a {year} table; a copied table still says last year's year — "
                       "rewrite it for {year}"),
    "indicator description": N_("indicator description names {last} in a {year} table; a copied table still says "
                                "last year's year — rewrite it for {year}"),
}


def _texts(project: Project) -> Iterator[tuple[NodePath, str, str | None]]:
    """Every text read: (node, what it is, text)."""
    yield ("purpose",), "purpose", project.purpose
    for i, goal in enumerate(project.goals):
        yield ("goals", i), "goal", goal
    for i, goal in enumerate(project.midterm_goals):
        yield ("midterm_goals", i), "midterm goal", goal
    for i, ind in enumerate(project.indicators):
        yield ("indicators", i, "description"), "indicator description", ind.description


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    year = project.year
    last = f"{year - 1}年"
    for node, what, text in _texts(project):
        if text and "年" in text and names_old_year(text, year - 1, year):
            yield Problem(node, _(_MESSAGES[what]).format(last=last, year=year))
