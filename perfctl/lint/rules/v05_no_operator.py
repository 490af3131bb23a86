"""PT-V05 no-operator: a number without an operator (``1人``, ``100%``).

A bare number leaves the direction to the reader: is ``1人`` exactly one or at least one?
Budget systems store a 计算符号 (≥ ≤ = > <) for every quantitative indicator, and year-end
scoring treats ≥ and ≤ targets differently. The value is accepted; write the operator.

Source: the 计算符号 / 指标性质 of 财预〔2021〕101号 templates and budget systems (rules.md
S28, S30); practice.

Fails: ``target: 1人``; ``target: 100%``.
Passes: ``target: =1人``; ``target: ≥95%``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import BOUNDS, target_of
from perfctl.model import Project

CODE = "PT-V05"
NAME = "no-operator"
SEVERITY = "info"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = target_of(ind, ctx)
        if t.kind in ("quantity", "duration") and t.op is None:
            whole = BOUNDS.get(t.unit or "")
            c = f"{t.value}{t.unit or ''}"  # the number and unit only: a remark (100%完成) is no part of it
            if whole is not None and Decimal(t.value or 0) >= whole:
                message = _("target {target!r} has no operator; write ={value} so the direction is clear")
            else:
                message = _("target {target!r} has no operator; write ={value} or ≥{value} so the direction is clear")
            yield Problem(("indicators", i, "target"), message.format(target=ind.target, value=c))
