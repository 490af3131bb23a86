"""PT-D02 description-repeats-name: 绩效指标描述 identical to the 三级指标 name.

The description (指标解释) should say what is counted, how a rate is computed and where
the data comes from; repeating the name adds nothing a reviewer or an evaluator can use.

Source: indicator libraries explain each indicator (``反映…情况``); heuristic.

Fails: ``name: 场地使用费``, ``description: 场地使用费``.
Passes: ``name: 场地使用费``, ``description: 反映租用活动场地的费用``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-D02"
NAME = "description-repeats-name"
SEVERITY = "info"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if ind.description is not None and ind.description.strip() and ind.description.strip() == ind.name.strip():
            yield Problem(("indicators", i, "description"),
                          _("绩效指标描述 repeats the indicator name; say what is counted and how (反映…)"))
