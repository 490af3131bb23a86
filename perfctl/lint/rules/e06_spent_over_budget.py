"""PT-E06 spent-over-budget: 全年执行数 above 全年预算数.

The execution rate is 全年执行数 ÷ 全年预算数 over all fund sources; money cannot be spent
beyond the full-year (adjusted) budget, so a 全年执行数 above it is a data error (a figure
typed in the wrong column or unit, or a budget not adjusted). The score of the execution
row is capped at its points (``national-2020``; perfctl's choice) and hides the error;
this rule shows it. Compared with 全年预算数 (``budget.adjusted``), or with 预算数
(``budget.total``) when the file has no 全年预算数, exactly, in the table's money unit.
Reported on ``budget.spent``.

Source: 财预〔2020〕10号 附件1 (预算执行情况: 全年预算数, 全年执行数, 执行率); rule set R3.

Fails: ``adjusted: '90'``, ``spent: '95'``.
Passes: ``adjusted: '90'``, ``spent: '89.974'``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-E06"
NAME = "spent-over-budget"
SEVERITY = "error"
NEEDS_BUDGET = True
RESULTS = True


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    b = project.budget
    adjusted = b.adjusted is not None
    budget = b.adjusted if adjusted else b.total
    if b.spent is None or budget is None or b.spent <= budget:
        return
    unit = project.money_unit
    if adjusted:
        message = _("全年执行数 {spent}{unit} is above 全年预算数 {budget}{unit}; spending cannot exceed the full-year "
                    "budget: correct the figures or the 全年预算数")
    else:
        message = _("全年执行数 {spent}{unit} is above 预算数 {budget}{unit} (no 全年预算数 given); spending cannot "
                    "exceed the full-year budget: correct the figures or the 全年预算数")
    yield Problem(("budget", "spent"), message.format(spent=b.spent, budget=budget, unit=unit))
