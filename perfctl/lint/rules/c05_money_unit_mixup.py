"""PT-C05 money-unit-mixup: a cost amount so far from the budget that 元 and 万元 were mixed up.

A money cost target (not a unit cost) below 1% of 预算数 or above 100 times it is almost
always written in the wrong unit: ``≤90元`` on a 90万元 project meant ``≤90万元``, and
``≤230000万元`` on a 230000元 project meant ``≤230000元``. Both are converted to yuan
before comparing. Applies to economic cost rows (产出指标/成本指标 or 成本指标/经济成本指标).

Source: heuristic; national forms use 万元 while local systems use 元 (S34), and tables
converted between them carry this mistake.

Fails: budget 90万元, ``成本指标/项目总成本 | ≤90元``.
Passes: budget 90万元, ``成本指标/项目总成本 | ≤90万元``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl import money
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, is_cost
from perfctl.model import Project

CODE = "PT-C05"
NAME = "money-unit-mixup"
SEVERITY = "warning"
NEEDS_BUDGET = True

#: Share of the budget below which a cost amount is suspect (1%).
LOW = Decimal("0.01")
#: Multiple of the budget above which a cost amount is suspect.
HIGH = Decimal(100)
#: The unit a mixed-up amount was probably meant in.
SWAP = {"元": "万元", "万元": "元"}


def _meant(op: str | None, value: str | None, unit: str | None) -> str | None:
    """The target with 元 and 万元 swapped, when it is in one of them."""
    other = SWAP.get(unit or "")
    return f"{op or ''}{value}{other}" if other else None


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    unit = project.money_unit
    budget = money.to_yuan(project.budget.total, unit)
    if budget <= 0:
        return
    shown = f"{money.amount_text(project.budget.total.normalize())}{unit}"
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if not is_cost(ind) or t.value_yuan is None or "/" in (t.unit or ""):
            continue
        meant = _meant(t.op, t.value, t.unit)
        if t.value_yuan < budget * LOW:
            message = (_("cost target {target!r} is less than 1% of 预算数 {budget}; was {meant} meant?") if meant
                       else _("cost target {target!r} is less than 1% of 预算数 {budget}; check the money unit"))
        elif t.value_yuan > budget * HIGH:
            message = (_("cost target {target!r} is more than 100 times 预算数 {budget}; was {meant} meant?") if meant
                       else _("cost target {target!r} is more than 100 times 预算数 {budget}; check the money unit"))
        else:
            continue
        yield Problem(("indicators", i, "target"), message.format(target=ind.target, budget=shown, meant=meant))
