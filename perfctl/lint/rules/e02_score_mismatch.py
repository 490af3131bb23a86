"""PT-E02 score-mismatch: a declared 得分 differs from the one the rules give.

A quantitative row's score follows from its 年度指标值 A, 实际完成值 B and 分值 w: a ≥ row
that missed scores B ÷ A × w, a ≤ row that was exceeded A ÷ B × w, a met target w (rounded
half up to 2 decimals; ``perfctl score`` shows the arithmetic). A declared 得分 further than
the tolerance from it is a wrong score, the commonest error of published tables (a missed
target given full points). The tolerance is the store config's ``score.tolerance`` (0.01
points; ``perfctl lint --tolerance 0.5`` for tables rounded to whole points: perfctl's
choice, no rule fixes a rounding). Rows scored by the evaluator (qualitative rows, missed
deadlines) are checked against their band instead (PT-E04). Applies to projects with
results; reported on the 得分.

Source: 财预〔2020〕10号 第十五条 (quantitative scoring) and 附件1 (得分 column); rule set R4
and R8.

Fails: ``target: ≥4754人``, ``actual: 4604人``, ``weight: '5'``, ``score: '5'`` (4604 ÷ 4754 × 5 = 4.84).
Passes: ``target: ≥4754人``, ``actual: 4604人``, ``weight: '5'``, ``score: '4.84'``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-E02"
NAME = "score-mismatch"
SEVERITY = "error"
RESULTS = True


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for issue in ctx.score_issues(project, "score-mismatch"):
        tolerance = ctx.score_settings().tolerance
        yield Problem(issue.node, _("{issue}, more than {tolerance} apart (score.tolerance); correct the 得分 or the "
                                    "实际完成值").format(issue=issue.message, tolerance=f"{tolerance:f}"))
