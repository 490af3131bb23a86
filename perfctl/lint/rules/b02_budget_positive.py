"""PT-B02 budget-positive: 预算数 must be above zero and no amount negative.

A target table is filed for money to be spent: a 预算数 of 0 (or less) means the budget
block was not filled in or the wrong figure was copied, and a negative 财政资金 or
其他资金 cannot be a source of funds.

Source: heuristic on the budget block of the target table form (财预〔2015〕88号 annex);
review criterion 完整性.

Fails: ``total: '0'``; ``other: '-5'``.
Passes: ``total: '50'``, ``fiscal: '45'``, ``other: '5'``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl import money
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-B02"
NAME = "budget-positive"
SEVERITY = "error"
NEEDS_BUDGET = True

_LABELS = {"total": "预算数", "fiscal": "财政资金", "other": "其他资金"}


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    b, unit = project.budget, project.money_unit
    if b.total <= 0:
        yield Problem(("budget", "total"),
                      _("预算数 {amount}{unit} is not above zero; give the year's budget for the project")
                      .format(amount=money.amount_text(b.total), unit=unit))
    for key in ("fiscal", "other"):
        value = getattr(b, key)
        if value is not None and value < 0:
            yield Problem(("budget", key),
                          _("{label} {amount}{unit} is negative; amounts of funds are 0 or more")
                          .format(label=_LABELS[key], amount=money.amount_text(value), unit=unit))
