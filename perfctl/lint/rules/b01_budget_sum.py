"""PT-B01 budget-sum: 财政资金 + 其他资金 must equal 预算数.

The header's money rows are one sum: 预算数 (年度资金总额) = 其中：财政资金 + 其他资金
(+ 上年结转资金, the 年初预算数 of ``budget.parts.carryover``, in a self-evaluation that has
that row). A table whose parts do not add up cannot be approved as filed. The sum is
compared in the table's money unit with the store's ``money_tolerance`` (default 0.01 of the
unit); a missing 其他资金 counts as 0. Tables that give no 财政资金 are not checked.

Source: the budget block of the target table form (财预〔2015〕88号 annex); review
criterion 完整性.

Fails: ``total: '100'``, ``fiscal: '80'``, ``other: '10'``.
Passes: ``total: '200000.00'``, ``fiscal: '200000.00'``, ``other: '0.00'``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-B01"
NAME = "budget-sum"
SEVERITY = "error"
NEEDS_BUDGET = True


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    b = project.budget
    if b.fiscal is None:
        return
    carried = b.parts.carryover.initial if b.parts and b.parts.carryover else None
    parts = b.fiscal + (b.other or Decimal(0)) + (carried or Decimal(0))
    if abs(parts - b.total) > ctx.threshold("money_tolerance"):
        unit = project.money_unit
        carry = f" + 上年结转资金 {carried}{unit}" if carried is not None else ""
        yield Problem(("budget", "total"),
                      _("预算数 {total}{unit} ≠ 财政资金 {fiscal}{unit} + 其他资金 {other}{unit}{carry} = "
                        "{parts}{unit}; the parts must add up to the total")
                      .format(total=b.total, fiscal=b.fiscal, other=b.other or 0, unit=unit, carry=carry, parts=parts))
