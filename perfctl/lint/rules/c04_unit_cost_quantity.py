"""PT-C04 unit-cost-quantity: unit cost × planned quantity is more than the budget.

A unit cost (``≤800元/人``) times the quantity it is paid for (a 数量指标 row in the same
unit, ``≥1000人``) is what the project plans to spend on it; if that exceeds 预算数 by more
than the store's ``unit_cost_tolerance`` (percent, default 10), the unit cost, the quantity
or the budget is wrong. The quantity is the 数量指标 row whose unit equals the part after
the slash (元/人 → 人, 元/人次 → 人次, 万元/公里 → 公里); with several such rows, the one whose
name shares most characters with the cost row's name, and on a tie the smallest. Money is
compared in yuan; the finding names the amounts in the table's money unit.

Source: 财预〔2015〕88号 review criteria 相应匹配 and 适当性 (the money and the target
match); the ratio check is a heuristic.

Fails: budget 50万元, ``数量指标/培训人数 | ≥1000人``, ``成本指标/人均培训成本 | ≤800元/人``.
Passes: budget 50万元, ``数量指标/培训人次 | ≥500人次``, ``成本指标/人均培训成本 | ≤800元/人次``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl import money
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, is_cost, level2_of
from perfctl.model import Indicator, Project

CODE = "PT-C04"
NAME = "unit-cost-quantity"
SEVERITY = "warning"
NEEDS_BUDGET = True


def _quantity(project: Project, cost: Indicator, per: str) -> Indicator | None:
    """The 数量指标 row counted in ``per`` that ``cost`` is most likely paid for."""
    rows = [ind for ind in project.indicators if level2_of(ind.level2) == "数量指标"
            and ind.parsed.kind == "quantity" and ind.parsed.unit == per]
    if not rows:
        return None
    return max(rows, key=lambda q: (len(set(q.name) & set(cost.name)), -Decimal(q.parsed.value or "0")))


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    unit = project.money_unit
    budget = money.to_yuan(project.budget.total, unit)
    tolerance = ctx.threshold("unit_cost_tolerance")
    limit = budget * (1 + tolerance / 100)
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if not is_cost(ind) or t.value_yuan is None or "/" not in (t.unit or "") or t.op not in ("≤", "<", "=", None):
            continue
        q = _quantity(project, ind, (t.unit or "").split("/", 1)[1])
        if q is None:
            continue
        spend = t.value_yuan * Decimal(q.parsed.value or "0")
        if spend > limit:
            pct = money.amount_text(tolerance.normalize())
            yield Problem(("indicators", i, "target"),
                          _("unit cost {target!r} × {quantity!r} ({name}) = {spend}{unit}, more than 预算数 "
                            "{budget}{unit} plus unit_cost_tolerance {percent}% ({limit}{unit}); the unit cost, the "
                            "quantity and the budget must match")
                          .format(target=ind.target, quantity=q.target, name=q.name, unit=unit,
                                  spend=money.from_yuan_text(spend, unit), budget=money.from_yuan_text(budget, unit),
                                  percent=pct, limit=money.from_yuan_text(limit, unit)))
