"""PT-E05 reason-missing: a result that needs explaining without 偏差原因分析及改进措施.

A goal not met, or far off its target, needs its cause and the corrective measures in the
偏差原因分析及改进措施 column (``deviation``; for the execution row ``budget.deviation``).
perfctl's triggers, built from practice: a row scoring below its 分值; a ≥ row whose
实际完成值 is at least ``score.over_ratio`` (1.3) times its target (a target set too low); a
qualitative outcome other than 达成; a missed deadline; a 预算执行率 below
``score.reason_rate`` (90 %). Under the ``pmkpi`` profile a score below the points and a
low 预算执行率 need no reason. Applies to projects with results; reported on the row (its
``deviation``) or on ``budget.deviation``.

Source: 财预〔2020〕10号 第十五条 (deviations explained, over-achievement reviewed) and 附件1
(偏差原因分析及改进措施 column); rule set R10 (the triggers are perfctl's choice; the 90 %
line is Sichuan's, the 1.3 ratio Guangxi's).

Fails: ``target: ≥4754人``, ``actual: 4604人``, ``weight: '5'`` and no ``deviation``.
Passes: the same row with ``deviation: 特困人员实行动态管理，人数随审核减少``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-E05"
NAME = "reason-missing"
SEVERITY = "warning"
RESULTS = True


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for issue in ctx.score_issues(project, "reason-missing"):
        yield Problem(issue.node, issue.message)
