"""PT-V01 empty-target: an indicator row without a 指标值.

Every 三级指标 needs a target value: without one there is nothing to approve with the
budget and nothing to score at year end. A row that has neither a name nor a value is a
blank 二级 row, reported by PT-S10 instead.

Source: required fields of the target table in budget systems (指标值 is mandatory; rules.md
S30); review criterion 完整性 (财预〔2015〕88号).

Fails: ``name: 培训人次``, ``target: ''``.
Passes: ``name: 培训人次``, ``target: ≥500人次``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-V01"
NAME = "empty-target"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if not "".join(ind.target.split()) and ind.name.strip():
            yield Problem(("indicators", i, "target"),
                          _("indicator {name!r} has no target value; fill in the 指标值 "
                            "(≥500人次, ≥95%, 2025年11月30日前)").format(name=ind.name))
