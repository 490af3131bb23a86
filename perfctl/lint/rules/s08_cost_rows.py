"""PT-S08 cost-rows: the table has no money-cost row.

Cost (成本) is one of the dimensions national rules ask targets to cover: what the outputs
cost in money, in total or per unit, so that the reviewer can match targets and budget.
In the 2015 framework the row sits under 产出指标/成本指标; 财预〔2021〕101号 makes
成本指标 a 一级指标 whose 经济成本指标 is required, so the finding is an error under the
national-2021 profile and a warning under legacy-2015. 社会成本指标 and 生态环境成本指标
rows are side-effects, not the money cost, and do not count; blank rows (PT-S10) do not.

Source: 中发〔2018〕34号 (targets cover 成本); 财预〔2021〕101号 (成本指标 as a 一级指标,
经济成本指标 = the project's direct money cost).

Fails: no row under 产出指标/成本指标 or 成本指标/经济成本指标.
Passes: ``level1: 产出指标``, ``level2: 成本指标``, ``name: 培训总成本``, ``target: ≤40万元``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, is_cost
from perfctl.lint.rows import is_blank_row
from perfctl.model import Project

CODE = "PT-S08"
NAME = "cost-rows"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    if any(is_cost(i) and not is_blank_row(i, ctx) for i in project.indicators):
        return
    if ctx.profile == "national-2021":
        yield Problem(("indicators",), _("no money-cost row; national-2021 requires 成本指标/经济成本指标 "
                                         "(e.g. 项目总成本 ≤40万元, 人均成本 ≤800元/人)"), severity="error")
    else:
        yield Problem(("indicators",), _("no money-cost row; add 产出指标/成本指标 "
                                         "(e.g. 项目总成本 ≤40万元, 人均成本 ≤800元/人)"))
