"""PT-B04 amount-precision: an amount finer than one fen (0.01元).

Money is counted to the fen: an amount in 元 takes at most 2 decimals, one in 万元 at most
6 (0.000001万元 = 0.01元; one local filling guide asks for 万元 with six decimals). More
digits than that are a conversion or rounding slip (``12.3456789万元``). Trailing zeros do
not count: ``12.30000000`` is exact to the fen.

Source: 绩效目标申报表填写要求 (unit-level filling guide: 万元 with six decimals).

Fails: ``money_unit: 万元``, ``total: '12.3456789'``.
Passes: ``money_unit: 万元``, ``total: '12.345678'``; ``money_unit: 元``, ``total: '200000.00'``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl import money
from perfctl.i18n import ngettext
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-B04"
NAME = "amount-precision"
SEVERITY = "info"
NEEDS_BUDGET = True

_LABELS = {"total": "预算数", "fiscal": "财政资金", "other": "其他资金"}


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    unit = project.money_unit
    places = money.UNIT_PLACES[unit]
    step = Decimal(1).scaleb(-places)
    for key, label in _LABELS.items():
        value = getattr(project.budget, key)
        if value is not None and value != value.quantize(step):
            rounded = money.amount_text(value.quantize(step))
            yield Problem(("budget", key),
                          ngettext("{label} {amount}{unit} is finer than one fen; "
                                   "{unit} amounts take at most {places} decimal (round to {rounded})",
                                   "{label} {amount}{unit} is finer than one fen; "
                                   "{unit} amounts take at most {places} decimals (round to {rounded})", places)
                          .format(label=label, amount=money.amount_text(value), unit=unit, places=places,
                                  rounded=rounded))
