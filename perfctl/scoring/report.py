"""``perfctl score``'s output formats: text for a terminal, JSON and CSV for scripts.

Machine formats keep stable English keys; points and money are decimal strings as worked
out (``"4.84"``), the execution rate a fraction string rounded half up to 4 decimals
(``"0.8620"``), so nothing passes through binary floats.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from perfctl import terminal
from perfctl.i18n import N_, _, ngettext
from perfctl.scoring.result import Issue, Result
from perfctl.scoring.rows import percent, round_points, score_text

#: The CSV columns, one row per indicator and one for the execution row (``row`` = ``execution``).
CSV_COLUMNS = ("path", "department.code", "year", "project", "row", "level1", "level2", "indicator",
               "weight", "target", "actual", "method", "score", "declared", "needs_reason", "total", "grade")

#: The severities of an issue as the text report names them (JSON and CSV keep the codes).
SEVERITY_LABELS = {"error": N_("error"), "finding": N_("finding")}

_METHODS = {"ge": "≥", "eq": "=", "le": "≤", "range": "区间", "deadline": "时限", "qualitative": "定性"}


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def rate_text(rate: Decimal | None) -> str | None:
    """The execution rate as a fraction string, 4 decimals half up; ``None`` when unknown."""
    return None if rate is None else f"{round_points(rate, 4):f}"


def position(result: Result, issue: Issue) -> tuple[int, int]:
    """(line, col) in the file of what an issue concerns: where it was placed, else the node's
    (or its nearest parent's) in ``Project.doc``, else its row's line; (1, 1) when unknown."""
    if issue.line is not None:
        return issue.line, issue.col or 1
    doc = result.project.doc
    if doc is not None:
        line, col = doc.mark(issue.node)
        return line or 1, col or 1
    node = issue.node
    if len(node) > 1 and node[0] == "indicators" and isinstance(node[1], int):
        return result.rows[node[1]].line or 1, 1
    return 1, 1


def issue_line(result: Result, issue: Issue) -> str:
    """``  line:col  severity  code  message``, as lint prints a finding under its file."""
    line, col = position(result, issue)
    severity = _(SEVERITY_LABELS.get(issue.severity, issue.severity))
    pad = " " * max(1, 9 - terminal.width(severity))
    return f"  {f'{line}:{col}':<7}{severity}{pad}{issue.code}  {issue.message}"


def record(result: Result) -> dict[str, Any]:
    """One project's result as JSON-ready data (see the README's "Self-evaluation" section)."""
    p, ex = result.project, result.execution
    return {
        "path": str(p.path), "department": {"code": p.department.code, "name": p.department.name},
        "year": p.year, "name": p.name, "money_unit": p.money_unit, "profile": result.profile, "round": result.round,
        "execution": {"budget": _text(ex.budget), "budget_field": f"budget.{ex.budget_key}", "spent": _text(ex.spent),
                      "weight": _text(ex.weight), "rate": rate_text(ex.rate), "score": _text(ex.score),
                      "needs_reason": ex.needs_reason, "deviation": p.budget.deviation},
        "rows": [{"level1": r.level1, "level2": r.level2, "name": r.name, "weight": _text(r.weight),
                  "target": r.target, "actual": r.actual, "method": r.method, "score": _text(r.score),
                  "computed": _text(r.computed), "declared": _text(r.declared), "band": r.band,
                  "needs_reason": r.needs_reason, "reason": r.reason, "deviation": r.deviation,
                  "line": r.line} for r in result.rows],
        "weight_total": _text(result.weight_total), "total": _text(result.total), "grade": result.grade,
        "issues": [{"code": i.code, "severity": i.severity, "line": line, "col": col, "message": i.message}
                   for i in result.issues for line, col in (position(result, i),)],
    }


def json_parts(results: list[Result]) -> Iterator[str]:
    """A JSON list of :func:`record`, indented 2, a project at a time."""
    if not results:
        yield "[]\n"
        return
    for n, result in enumerate(results):
        text = json.dumps(record(result), ensure_ascii=False, indent=2)
        yield ("[\n  " if n == 0 else ",\n  ") + text.replace("\n", "\n  ")
    yield "\n]\n"


def csv_parts(results: list[Result]) -> Iterator[str]:
    """CSV with :data:`CSV_COLUMNS`, formula-like cells neutralised as ``export`` does."""
    from perfctl.export import neutralise

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in results:
        p, ex = result.project, result.execution
        base = [str(p.path), p.department.code, str(p.year), p.name]
        tail = [_text(result.total) or "", result.grade or ""]
        writer.writerow([neutralise(c or "") for c in base + [
            "execution", "", "", "预算执行率", _text(ex.weight), _text(ex.budget), _text(ex.spent), "execution",
            _text(ex.score), "", str(ex.needs_reason).lower()] + tail])
        for r in result.rows:
            writer.writerow([neutralise(c or "") for c in base + [
                str(r.index + 1), r.level1, r.level2, r.name, _text(r.weight), r.target, r.actual, r.method,
                _text(r.score), _text(r.declared), str(r.needs_reason).lower()] + tail])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


def text(result: Result, cols: int) -> str:
    """A project's scores for the terminal: its path and title (wrapped), the table (the
    execution row first: 全年预算数 under 指标值, 全年执行数 under 实际完成值), the total and
    grade, then the issues in file order (:func:`issue_line`); no line wider than ``cols``.
    The 偏差 column says whether a 偏差原因 is needed: 已说明 (given) or 缺 (missing); it and
    原表得分 (a declared 得分 other than the one worked out) are left out when no row has one."""
    from perfctl.render import amount  # as people write it: 240.00 for the file's 240.000000

    p, ex = result.project, result.execution
    unit = p.money_unit or ""
    title = f"{p.name}  {p.department.code} {p.department.name}  {p.year}"
    rule = ngettext("{profile}: rows rounded half up to {n} decimal, the total their sum",
                    "{profile}: rows rounded half up to {n} decimals, the total their sum",
                    result.round).format(profile=result.profile, n=result.round)
    head = [str(p.path), *terminal.wrap(title, cols), *terminal.wrap(rule, cols)]
    rate = percent(ex.rate)
    d = result.round
    rows = [["预算执行率", f"执行率 {rate}" if rate else "", amount(ex.budget, unit), amount(ex.spent, unit),
             _show(ex.weight), score_text(ex.score, d), "", _reason(ex.needs_reason, bool((p.budget.deviation or "").strip()))]]
    prev = None
    for r in result.rows:
        rows.append(["" if r.level1 == prev else r.level1, r.name, r.target, r.actual or "",
                     _show(r.weight), score_text(r.score, d), "" if r.declared in (None, r.score) else score_text(r.declared, d),
                     _reason(r.needs_reason, bool((r.deviation or "").strip()))])
        prev = r.level1
    headers = ["一级指标", "三级指标", f"指标值 / 全年预算数（{unit}）" if unit else "指标值",
               "实际完成值 / 全年执行数", "分值", "得分", "原表得分", "偏差"]
    keep = [i for i in range(len(headers)) if i < 6 or any(row[i] for row in rows)]  # 原表得分, 偏差 when used
    table = terminal.table([[row[i] for i in keep] for row in rows], [headers[i] for i in keep], cols, fmt="grid")
    total = (f"总分 {score_text(result.total, d)}  {result.grade}" if result.total is not None
             else _("总分 not scored: see the errors below"))
    if result.weight_total != 100:
        total += "  " + _("(the 分值 total {total}, not 100: see perfctl lint, PT-E01)").format(
            total=f"{result.weight_total:f}")
    issues = sorted(result.issues, key=lambda i: position(result, i))
    lines = [*head, table, *terminal.wrap(total, cols)] + [issue_line(result, i) for i in issues]
    return "\n".join(lines)


def _reason(needed: bool, given: bool) -> str:
    """The 偏差 cell: ``已说明`` when a reason is needed and given, ``缺`` when it is missing."""
    return ("已说明" if given else "缺") if needed else ""


def _show(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"

