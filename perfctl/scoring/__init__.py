"""Year-end self-evaluation scoring (项目支出绩效自评, 财预〔2020〕10号 第十三条至第十五条, 附件1).

:func:`score` turns a project file with results (实际完成值, 分值, 得分, 全年执行数) into the
numbers of its 自评表: the budget-execution score, each indicator row's score, the total
(总分) and the grade, and the issues found. All arithmetic is exact
(:class:`~decimal.Decimal`); each row score is rounded half up to ``Settings.round``
digits (a met row scores exactly its points) and the total is the sum of the rounded rows
(``pmkpi``: the execution score is kept exact and the total rounded).

- :mod:`perfctl.scoring.settings`: the profiles (``national-2020``, ``pmkpi``) and settings;
- :mod:`perfctl.scoring.rows`: one indicator row by its operator;
- :mod:`perfctl.scoring.values`: the actual against the target (units, dates, outcome words);
- :mod:`perfctl.scoring.result`: the result's shape and the issue codes.
"""

from __future__ import annotations

from decimal import Decimal

from perfctl.i18n import _
from perfctl.model import Project
from perfctl.scoring.result import Execution, Issue, Result, RowResult
from perfctl.scoring.rows import percent, points, round_points, score_row
from perfctl.scoring.settings import Settings, settings

__all__ = ["Execution", "Issue", "Result", "RowResult", "Settings", "has_results", "score", "settings"]


def has_results(project: Project) -> bool:
    """Whether the project holds any year-end result: a row's 实际完成值 or 得分, or 全年执行数."""
    return project.budget.spent is not None or any(
        i.actual is not None or i.score is not None for i in project.indicators)


def score(project: Project, s: Settings) -> Result:
    """Score ``project`` under ``s``. Never raises for what a file holds: what cannot be
    scored is an ``error`` issue and leaves ``total`` and ``grade`` ``None``."""
    issues: list[Issue] = []
    execution = _execution(project, s, issues)
    if project.indicators and all(ind.weight is None for ind in project.indicators):
        # one error for the table, not one per row: a form with no points column (区域绩效目标自评表)
        issues.append(Issue("no-weight", "error", ("indicators",),
                            _("no indicator row has a 分值 (weight): fill them in, or run perfctl prepare to propose them")))
        rows = [RowResult(i, ind.level1, ind.level2, ind.name, None, ind.target, ind.actual, declared=ind.score,
                          line=ind.line) for i, ind in enumerate(project.indicators)]
    else:
        rows = [score_row(i, ind, s, issues, project.year) for i, ind in enumerate(project.indicators)]
    result = Result(project, execution, rows, issues=issues, profile=s.profile, round=s.round)
    parts = [execution.score, *(r.score for r in rows)]
    if not result.errors and all(p is not None for p in parts):
        total = sum((p for p in parts if p is not None), Decimal(0))
        # national-2020: the sum of the rounded rows, as it is (a met row keeps its 8.35 points
        # under round: 0); pmkpi keeps the execution score exact and rounds the total
        result.total = total if s.round_execution else round_points(total, s.round)
        result.grade = s.grade(result.total)
    return result


def _execution(project: Project, s: Settings, issues: list[Issue]) -> Execution:
    """The budget-execution row (rule set R3): rate X ÷ P over all fund sources, score rate × W,
    capped at W (``national-2020``), rounded like a row unless the profile keeps it exact."""
    b = project.budget
    weight = b.weight if b.weight is not None else s.execution_points
    key = "adjusted" if b.adjusted is not None else "total"
    ex = Execution(b.adjusted if b.adjusted is not None else b.total, b.spent, weight, budget_key=key)
    if ex.budget is None:
        issues.append(Issue("no-budget", "error", ("budget",), _("no 全年预算数 (budget.adjusted) or 预算数: "
                                                                  "the execution row cannot be scored")))
        return ex
    if ex.spent is None:
        issues.append(Issue("no-spent", "error", ("budget", "spent"),
                            _("no 全年执行数 (budget.spent): the execution row cannot be scored")))
        return ex
    if ex.budget == 0:
        issues.append(Issue("budget-zero", "error", ("budget", key),
                            _("{field} is 0: no execution rate can be worked out").format(
                                field="全年预算数" if key == "adjusted" else "预算数")))
        return ex
    ex.rate = max(ex.spent, Decimal(0)) / ex.budget
    raw = ex.rate * weight
    if s.execution_cap:
        ex.score = points(raw, weight, s.round) if s.round_execution else min(raw, weight)
    else:
        ex.score = round_points(raw, s.round) if s.round_execution else raw
    if s.reason_rate is not None and ex.rate * 100 < s.reason_rate:
        ex.needs_reason = True
        if not (b.deviation or "").strip():
            issues.append(Issue("reason-missing", "finding", ("budget", "deviation"),
                                _("预算执行率 {rate} is below {threshold}%: "
                                  "偏差原因分析及改进措施 (budget.deviation) expected").format(
                                    rate=percent(ex.rate), threshold=f"{s.reason_rate:f}")))
    return ex
