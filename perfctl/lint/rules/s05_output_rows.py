"""PT-S05 output-rows: the table has no 产出指标 row.

Outputs (产出) are what the money buys: how many, how good, by when. A target table
without them cannot be checked against the budget or scored at year end. Rows filed under
an alias of the category count; blank rows (PT-S10) do not.

Source: 中发〔2018〕34号 (targets cover 产出, 成本, 效益 and 满意度); the three 一级指标 of
财预〔2015〕88号 and the four of 财预〔2021〕101号; review criterion 完整性.

Fails: indicators only under 效益指标 and 满意度指标.
Passes: ``level1: 产出指标``, ``level2: 数量指标``, ``name: 培训人次``, ``target: ≥500人次``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of
from perfctl.lint.rows import is_blank_row
from perfctl.model import Project

CODE = "PT-S05"
NAME = "output-rows"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    if not any(level1_of(i.level1) == "产出指标" and not is_blank_row(i, ctx) for i in project.indicators):
        yield Problem(("indicators",), _("no 产出指标 row; state the outputs the money buys (数量指标, 质量指标, 时效指标)"))
