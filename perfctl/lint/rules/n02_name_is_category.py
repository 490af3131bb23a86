"""PT-N02 name-is-category: the 三级 name is a 一级 or 二级 category label.

A row such as ``效益指标/社会效益指标/社会效益指标 | 良好`` repeats the category instead of
naming what is measured, so the value cannot be checked against anything. The labels
are the 一级 and 二级 names of both frameworks (legacy-2015 and national-2021, whatever
the table's profile) and the aliases of real tables (效果指标, 环境效益指标, 服务对象满意度),
from ``perfctl/lexicons/categories.yaml``; spaces are ignored. A label without its
trailing 指标 (``社会效益``, ``质量``) is a generic name, reported by PT-N06.

Source: published table with ``社会成本指标`` and ``社会效益指标`` as 三级 (岳阳楼区 2023,
S22); 财预〔2015〕88号 and 财预〔2021〕101号 (三级指标 are set by the unit to fit the project).

Fails: ``level2: 社会效益指标``, ``name: 社会效益指标``.
Passes: ``level2: 社会效益指标``, ``name: 学员履职能力提升率``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import labels, plain
from perfctl.model import Project

CODE = "PT-N02"
NAME = "name-is-category"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        level = labels().get(plain(ind.name))
        if level is not None:
            yield Problem(("indicators", i, "name"),
                          _("三级指标 name {name!r} is a {level} label, not an indicator; expected a name for what is "
                            "measured (参训学员满意度, 学员履职能力提升率, 培训总成本)").format(name=ind.name, level=level))
