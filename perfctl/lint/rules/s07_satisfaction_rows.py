"""PT-S07 satisfaction-rows: the table has no 满意度指标 row.

Service-object satisfaction (服务对象满意度) is one of the dimensions national rules ask
targets to cover. It may be left out where the project has no outside service object;
its 10 points in the self-evaluation then go to 产出 or 效益 (which one is not settled:
``perfctl prepare`` proposes 效益 unless ``score.no_satisfaction_to`` says otherwise). Hence a warning: add a row, or keep
the omission deliberately (suppress the finding with a comment saying why). Rows under
满意度指标, its aliases, or with 二级指标 服务对象满意度指标 count; blank rows (PT-S10) do not.

Source: 中发〔2018〕34号 (服务对象满意度); 财预〔2020〕10号 第十四条 (the 满意度 weight of the
self-evaluation; where it goes when the row is omitted is not confirmed by a readable text).

Fails: indicators only under 产出指标 and 效益指标.
Passes: ``level1: 满意度指标``, ``level2: 服务对象满意度指标``, ``name: 参训学员满意度``, ``target: ≥90%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of, level2_of
from perfctl.lint.rows import is_blank_row
from perfctl.model import Project

CODE = "PT-S07"
NAME = "satisfaction-rows"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    if not any((level1_of(i.level1) == "满意度指标" or level2_of(i.level2) == "服务对象满意度指标")
               and not is_blank_row(i, ctx) for i in project.indicators):
        yield Problem(("indicators",), _("no 满意度指标 row; add 服务对象满意度指标 (e.g. 参训学员满意度 ≥90%), "
                                         "or suppress this finding if the project has no service object"))
