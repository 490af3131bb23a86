"""PT-E03 score-above-weight: a declared 得分 above the row's 分值.

No row may score more than its points: over-achievement never adds points, whatever the
operator (a ≥ row far above its target, a ≤ row below it, both score exactly their 分值).
A 得分 above the 分值 is a typing error or points taken from another row. Applies to
projects with results, to every row that can be scored; reported on the 得分.

Source: 财预〔2020〕10号 第十五条 and the notes of its 附件1 (no row above its points);
rule set R4 and R7.

Fails: ``weight: '5'``, ``score: '6'``.
Passes: ``weight: '5'``, ``score: '5'``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-E03"
NAME = "score-above-weight"
SEVERITY = "error"
RESULTS = True


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for issue in ctx.score_issues(project, "score-above-weight"):
        yield Problem(issue.node, _("{issue}; a row scores at most its points").format(issue=issue.message))
