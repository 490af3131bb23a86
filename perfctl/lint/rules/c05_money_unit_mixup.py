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


def _hint(op: str | None, value: str | None, unit: str | None) -> str:
    """A suggestion with 元 and 万元 swapped, when the target is in one of them."""
    other = SWAP.get(unit or "")
    return f"was {op or ''}{value}{other} meant?" if other else "check the money unit"


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
        if t.value_yuan < budget * LOW:
            yield Problem(("indicators", i, "target"),
                          f"cost target {ind.target!r} is less than 1% of 预算数 {shown}; {_hint(t.op, t.value, t.unit)}")
        elif t.value_yuan > budget * HIGH:
            yield Problem(("indicators", i, "target"),
                          f"cost target {ind.target!r} is more than 100 times 预算数 {shown}; "
                          f"{_hint(t.op, t.value, t.unit)}")
