"""PT-C07 execution-as-result: a budget-execution measure filed as a cost or a benefit.

预算执行率, 资金到位率, 结余率, 支付进度 and the like measure how the budget was spent, not
what it cost or what it achieved. Self-evaluation scores budget execution separately
(预算执行率, 10 points), so such a row under 成本 or 效益 is counted twice and displaces a
real cost or effect (``经济效益指标/结余率 | ≤5%``). The measures are the ``execution``
lexicon (``perfctl/lexicons/execution.yaml``), extensible under
``lint.lexicons.execution``. Reported on the name.

Source: 财预〔2020〕10号 (预算执行率 scored on its own); published self-evaluation (S37);
inputs are not performance targets (S33).

Fails: ``效益指标/经济效益指标/结余率 | ≤5%``.
Passes: ``效益指标/经济效益指标/带动企业增收 | ≥50万元``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import NATIONAL_COST, Context, is_cost, level1_of, level2_of
from perfctl.model import Indicator, Project

CODE = "PT-C07"
NAME = "execution-as-result"
SEVERITY = "warning"


def _cost_or_benefit(ind: Indicator) -> bool:
    return (is_cost(ind) or level2_of(ind.level2) in NATIONAL_COST
            or level1_of(ind.level1) in ("成本指标", "效益指标"))


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    words = ctx.words("execution")
    for i, ind in enumerate(project.indicators):
        word = next((w for w in words if w in ind.name), None)
        if word is not None and _cost_or_benefit(ind):
            yield Problem(("indicators", i, "name"),
                          _("{name!r} under {level1}/{level2} is a budget-execution measure ({word}), "
                            "scored separately in self-evaluation; expected a money cost or an effect of the project")
                          .format(name=ind.name, level1=ind.level1, level2=ind.level2, word=word))
