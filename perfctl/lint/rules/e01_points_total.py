"""PT-E01 points-total: the 分值 of a self-evaluation do not total 100.

A self-evaluation is scored out of 100: the 分值 of the indicator rows plus the 预算执行率
row's (``budget.weight``; 10 when the file does not state it). Points may be moved between
groups in a special case, but must still total 100. A row without 分值 counts as 0 (the
message says how many). When the table has no 满意度指标 row (nor a 服务对象满意度指标 one),
its 10 points stay inside 产出 and 效益: 产出 + 效益 must be 90 (100 less the 预算执行率
row's points); rows under 成本指标 as a 一级指标 count with 产出. Where the 10 points go is
not settled: one reading gives them to 效益 (产出 50, 效益 40), a published Sichuan table to
产出 (60/30). perfctl's choice: accept either split and check only the sum. Applies to
tables where any row has a 分值, with results or not. Reported on ``indicators``.

Source: 财预〔2020〕10号 第十四条 (产出 50, 效益 30, 满意度 10, 预算执行率 10, total 100)
and 附件1 (项目支出绩效自评表); rule set R2.

Fails: rows 产出 50, 效益 30, 满意度 5 and no ``budget.weight`` (total 95).
Passes: rows 产出 50, 效益 40, no 满意度 row and no ``budget.weight`` (50 + 40 + 10 = 100).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _, ngettext
from perfctl.lint import Problem
from perfctl.lint.context import Context, filed_as_satisfaction
from perfctl.model import Project

CODE = "PT-E01"
NAME = "points-total"
SEVERITY = "warning"
RESULTS = True

FULL = Decimal(100)


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    rows = project.indicators
    if not any(r.weight is not None for r in rows):
        return
    from perfctl.scoring.weights import BENEFIT, OUTPUT, group_of
    from perfctl.scoring.weights import points_text as pts

    s = ctx.score_settings()
    given = project.budget.weight
    execution = given if given is not None else s.execution_points
    indicators = sum((r.weight for r in rows if r.weight is not None), Decimal(0))
    parts = []
    if indicators + execution != FULL:
        missing = sum(r.weight is None for r in rows)
        fields = dict(total=pts(indicators + execution), rows=pts(indicators), execution=pts(execution), n=missing)
        if given is not None and missing:
            part = ngettext("分值 total {total} (indicator rows {rows} + 预算执行率 {execution}; {n} row without 分值), "
                            "not 100",
                            "分值 total {total} (indicator rows {rows} + 预算执行率 {execution}; {n} rows without 分值), "
                            "not 100", missing)
        elif missing:
            part = ngettext("分值 total {total} (indicator rows {rows} + 预算执行率 {execution} by default; {n} row "
                            "without 分值), not 100",
                            "分值 total {total} (indicator rows {rows} + 预算执行率 {execution} by default; {n} rows "
                            "without 分值), not 100", missing)
        elif given is not None:
            part = _("分值 total {total} (indicator rows {rows} + 预算执行率 {execution}), not 100")
        else:
            part = _("分值 total {total} (indicator rows {rows} + 预算执行率 {execution} by default), not 100")
        parts.append(part.format(**fields))
    if not any(filed_as_satisfaction(r) for r in rows):
        points = {OUTPUT: Decimal(0), BENEFIT: Decimal(0)}  # 成本指标 as a 一级 shares 产出指标's
        for r in rows:
            group = group_of(r.level1)
            if r.weight is not None and group in points:
                points[group] += r.weight
        output, benefit = points[OUTPUT], points[BENEFIT]
        if output + benefit != FULL - execution:
            parts.append(_("no 满意度指标 row: 产出 {output} + 效益 {benefit} = {sum}, not {expected}; its {points} "
                           "points go to 效益 (产出 50, 效益 40) by one reading, to 产出 (60/30) by another").format(
                output=pts(output), benefit=pts(benefit), sum=pts(output + benefit), expected=pts(FULL - execution),
                points=pts(s.level1_points["满意度指标"])))
    if parts:
        message = parts[0] if len(parts) == 1 else _("{first}; {second}").format(first=parts[0], second=parts[1])
        yield Problem(("indicators",), message)
