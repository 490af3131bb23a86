"""PT-C01 cost-within-budget: the money cost targets together must not exceed 预算数.

Cost rows (产出指标/成本指标 in the 2015 framework, 成本指标/经济成本指标 in the 2021 one)
whose target is an upper bound or an exact amount of money (``≤8万元``, ``=3万元``) are
totals of what the project will spend; their sum, converted to yuan, must stay within the
budget total (converted from the table's money unit), within ``money_tolerance``. Unit
costs (``≤800元/人``) are not added (PT-C04 checks them). The finding is reported on the
cost row that takes the sum over the budget, and names both sums in the table's unit.

Source: 财预〔2015〕88号 review criterion 相应匹配 / 适当性 (targets match the money);
财预〔2021〕101号 (经济成本指标 are the project's direct money cost).

Fails: budget 200000.00元 with cost rows ``≤8万元`` and ``≤20万元`` (28万 > 20万).
Passes: budget 200000.00元 with cost rows ``≤8万元`` and ``≤12万元``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl import money
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, is_cost
from perfctl.model import Project

CODE = "PT-C01"
NAME = "cost-within-budget"
SEVERITY = "error"
NEEDS_BUDGET = True


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    budget = money.to_yuan(project.budget.total, project.money_unit)
    tolerance = money.to_yuan(ctx.threshold("money_tolerance"), project.money_unit)
    total = Decimal(0)
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if not is_cost(ind) or t.value_yuan is None or "/" in (t.unit or "") or t.op not in ("≤", "<", "=", None):
            continue
        total += t.value_yuan
        if total > budget + tolerance:
            unit = project.money_unit
            yield Problem(("indicators", i, "target"),
                          _("cost targets add up to {costs}{unit}, more than 预算数 {budget}{unit}; "
                            "the money cost must fit the budget")
                          .format(costs=money.from_yuan_text(total, unit), budget=money.from_yuan_text(budget, unit),
                                  unit=unit))
            return
