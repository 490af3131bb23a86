"""PT-S06 benefit-rows: the table has no 效益指标 row.

Benefits (效益) are why the money is spent: the economic, social, ecological or lasting
effect of the outputs. A table with only outputs and satisfaction says what will be done
but not what it achieves. Rows filed under an alias (效果指标, 实施效果指标) count; blank
rows (PT-S10) do not.

Source: 中发〔2018〕34号 (targets cover 经济效益、社会效益、生态效益、可持续影响); 财预〔2015〕88号
and 财预〔2021〕101号 frameworks; review criterion 完整性.

Fails: indicators only under 产出指标 and 满意度指标.
Passes: ``level1: 效益指标``, ``level2: 社会效益指标``, ``name: 学员履职能力提升率``, ``target: ≥80%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of
from perfctl.lint.rows import is_blank_row
from perfctl.model import Project

CODE = "PT-S06"
NAME = "benefit-rows"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    if not any(level1_of(i.level1) == "效益指标" and not is_blank_row(i, ctx) for i in project.indicators):
        yield Problem(("indicators",), _("no 效益指标 row; state what the outputs achieve (expected one of: {expected})")
                      .format(expected=listing(ctx.structure()["效益指标"])))
