"""PT-V10 qualitative-unit: a target in words with a unit in the 计量单位 column.

A qualitative target (``应保尽保``, ``达到``) has no number, so a unit such as ``%`` beside
it means either the number is missing or the unit was filled in by habit. Budget systems
make 计量单位 empty for 定性 rows. A column that says there is no unit (``/``, ``无``,
``定性``: the ``no_unit`` lexicon in ``perfctl/lexicons/values.yaml``) is fine.

Source: qualitative value with unit ``%`` in a published 整体绩效目标表 (rules.md S22);
计量单位 is not used with the 定性 operator in budget systems (S30).

Fails: ``target: 应保尽保``, ``unit: '%'``.
Passes: ``target: 应保尽保``, ``unit: 定性``; ``target: '100'``, ``unit: '%'``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import column_unit
from perfctl.model import Project
from perfctl.target import parse

CODE = "PT-V10"
NAME = "qualitative-unit"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if (parse(ind.target).kind == "qualitative" and not ctx.is_placeholder(ind.target)
                and column_unit(ind, ctx) is not None):
            yield Problem(("indicators", i, "unit"),
                          _("qualitative target {target!r} has the unit {unit!r}; a value in words takes no "
                            "unit: leave 计量单位 empty, or give a number in that unit").format(target=ind.target,
                                                                                          unit=ind.unit))
