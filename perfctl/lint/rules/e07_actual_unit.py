"""PT-E07 actual-unit: a 实际完成值 in a unit its target's cannot be compared with.

A row is scored by dividing its 实际完成值 by its 年度指标值, which needs one unit: the
same unit, no unit on one side, or two money units (万元 and 元, converted exactly). A
target of ``≥4754人`` with an actual of ``4604户``, or a rate against a count, cannot be
scored, and ``perfctl score`` refuses the project. Write the 实际完成值 in the target's
unit. Applies to projects with results; reported on the 实际完成值.

Source: 财预〔2020〕10号 第十五条 (actual compared with the target); rule set R4 (units made
comparable before dividing: perfctl's choice, no rule says how).

Fails: ``target: ≥4754人``, ``actual: 4604户``.
Passes: ``target: ≥40万元``, ``actual: 372400元``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-E07"
NAME = "actual-unit"
SEVERITY = "error"
RESULTS = True


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for issue in ctx.score_issues(project, "units-incomparable"):
        index = issue.node[1]
        assert isinstance(index, int)
        ind = project.indicators[index]
        yield Problem(issue.node, _("实际完成值 {actual!r} cannot be scored against 指标值 {target!r}; {reason}").format(
            actual=ind.actual, target=ind.target, reason=issue.message))
