"""PT-E04 qualitative-band: a qualitative 得分 outside the band of the stated outcome.

A qualitative row (and a missed deadline) is scored by the evaluator, inside the band of
the outcome its 实际完成值 states: 达成年度指标 0.8 to 1 × 分值 (80 % included),
部分达成年度指标并具有一定效果 0.5 to 0.8 × 分值 (50 % included, 80 % not),
未达成年度指标且效果较差 below 0.5 × 分值 (``pmkpi``: 0.6 instead of 0.5). The outcome words
are the ``outcomes`` lexicon (older forms say 预期指标 for 年度指标). A score outside the band
contradicts the 实际完成值. Rows whose 实际完成值 states no outcome are not checked.
Applies to projects with results; reported on the 得分.

Source: 财预〔2020〕10号 第十五条 (qualitative scoring in three bands) and 附件1; rule set R5
and R6.

Fails: ``target: 效果明显``, ``actual: 部分达成年度指标并具有一定效果``, ``weight: '10'``, ``score: '9'``.
Passes: ``target: 效果明显``, ``actual: 部分达成年度指标并具有一定效果``, ``weight: '10'``, ``score: '7'``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-E04"
NAME = "qualitative-band"
SEVERITY = "error"
RESULTS = True


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for issue in ctx.score_issues(project, "score-outside-band"):
        yield Problem(issue.node, _("{issue}; score inside the band or correct the 实际完成值").format(
            issue=issue.message))
