"""``perfctl show``: target tables in the terminal, Chinese columns aligned.

Each project prints as a header block (项目名称 … 绩效目标) and the indicator table
(一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值), both wrapped to the terminal width
(``$COLUMNS`` when set). Money is printed as people write it, in its 单位: the unit's 2
decimals, more only when the file's amount has them (:func:`perfctl.money.display`).
A project with results prints as its 项目支出绩效自评表 instead (:func:`selfeval`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfctl import fields, terminal
from perfctl.commands import load
from perfctl.model import Project
from perfctl.render import amount, cell, extra, row_columns

HEADERS = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]
#: The columns of a 项目支出绩效自评表's money block (after its 项目资金 heading) and indicator table.
MONEY_HEADERS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
SELFEVAL_HEADERS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施"]


def run(paths: list[Path], thousands: bool = False) -> int:
    """Print every project under ``paths``, one after another, separated by a blank line;
    ``thousands``: amounts with thousands separators (``1,234,567.80``).

    Files that fail to load are reported on stderr (``file:line:col: message``) and the
    others are still shown. Returns 0, or 2 when any file or path failed.
    """
    projects, failed = load(paths)
    cols = terminal.terminal_width()
    if projects:
        print("\n\n".join(render(project, cols, thousands=thousands) for project in projects))
    return 2 if failed else 0


def render(project: Project, cols: int, *, thousands: bool = False) -> str:
    """The header block and the indicator table of ``project``, no line wider than ``cols``;
    for a project with results, its 项目支出绩效自评表 (:func:`selfeval`)."""
    from perfctl.scoring import form

    evaluated = form.evaluate(project, thousands=thousands)
    if evaluated is not None:
        return selfeval(evaluated, cols)
    return header(project, cols, thousands=thousands) + "\n\n" + indicators(project, cols)


def header(project: Project, cols: int, *, thousands: bool = False) -> str:
    """项目名称 … 绩效目标 as two aligned columns (label, value); goals numbered 1., 2.

    Rows for what a table may lack (单位 and the budget in a department table) are left out
    when it does; rows for fields beyond the form (实施单位, 项目期, 中期目标, 年初预算数 …,
    extra rows as :func:`perfctl.render.extra` gives them) follow 绩效目标 when the project has them.
    """
    b = project.budget
    kind = fields.BY_PATH[("kind",)]
    rows = [[_label(("name",)), project.name]]
    if fields.present(kind, project.kind):
        rows.append([kind.label, kind.choices.get(project.kind, project.kind)])
    rows += [[_label(("department",)), f"{project.department.code} {project.department.name}"],
             [_label(("year",)), str(project.year)]]
    if project.money_unit is not None:
        rows.append([_label(("money_unit",)), project.money_unit])
    if b.total is not None:
        rows += [[_label(("budget", key)), amount(getattr(b, key), project.money_unit, thousands=thousands)]
                 for key in ("total", "fiscal", "other")]
    rows.append([_label(("purpose",)), project.purpose or ""])
    lists = {len(rows): project.goals}
    rows.append([_label(("goals",)), ""])
    for fact in extra(project, thousands=thousands):
        if fact["texts"]:
            lists[len(rows)] = fact["texts"]
        rows.append([fact["label"], fact["text"]])
    return _aligned(rows, lists, cols)


def _aligned(rows: list[list[str]], lists: dict[int, list[str]], cols: int) -> str:
    """(label, value) rows as two aligned columns; ``lists`` maps a row to the items its value
    shows numbered (1., 2.) with a hanging indent. Labels are never cut: when they and the
    widest number or date of the values do not fit side by side, one field per line
    (``label: value``, :func:`perfctl.terminal.fields`)."""
    widths = terminal.layout(rows + [["", f"1. {item}"] for items in lists.values() for item in items], None, cols,
                             fmt="plain", whole=(0,))
    value_width = widths[1] if widths else cols - 2  # the fallback indents values by 2
    for at, items in lists.items():
        rows[at][1] = "\n".join(_numbered(items, value_width))
    if widths is None:
        return terminal.fields(rows, None, cols)
    return terminal.table(rows, None, cols, fmt="plain", whole=(0,))


def _label(path: tuple[str, ...]) -> str:
    """The form label of the field at ``path`` (:attr:`perfctl.fields.Field.label`)."""
    return fields.BY_PATH[path].label


def _numbered(goals: list[str], cols: int) -> list[str]:
    """Goals as ``1. text`` with continuation lines indented under the text."""
    lines: list[str] = []
    for i, goal in enumerate(goals, 1):
        mark = f"{i}. "
        wrapped = terminal.wrap(goal, cols - len(mark))
        lines += [mark + wrapped[0]] + [" " * len(mark) + rest for rest in wrapped[1:]]
    return lines


def indicators(project: Project, cols: int) -> str:
    """The indicator table; a 一级指标 (and its 二级指标) repeated from the row above is left blank.
    Columns beyond the form's five (计量单位, 分值, 实际完成值 …) are added when a row has them."""
    columns = row_columns(project.indicators)
    rows = []
    prev: tuple[str, str] | None = None
    for ind in project.indicators:
        level1 = "" if prev and prev[0] == ind.level1 else ind.level1
        level2 = "" if prev == (ind.level1, ind.level2) else ind.level2
        rows.append([level1, level2, ind.name, ind.description or "", ind.target,
                     *(cell(f, getattr(ind, f.key)) for f in columns)])
        prev = (ind.level1, ind.level2)
    return terminal.table(rows, HEADERS + [f.heading for f in columns], cols, fmt="grid")


def selfeval(f: dict[str, Any], cols: int) -> str:
    """A 项目支出绩效自评表 (the form :func:`perfctl.scoring.form.context` lays out) for the
    terminal: the title and header block (项目名称, 主管部门, 实施单位, 预期目标, 实际完成情况),
    the money block, the indicator table ending in its 总分 row, then the note on the scoring
    basis and, when the project cannot be scored, why. No line wider than ``cols``."""
    rows = [["项目名称", f["name"]], ["主管部门", f"{f['department']['code']} {f['department']['name']}"]]
    if f["implementing_unit"]:
        rows.append(["实施单位", f["implementing_unit"]])
    lists = {len(rows): f["goals"], len(rows) + 1: f["goals_actual"]}
    rows += [["预期目标", ""], ["实际完成情况", ""]]
    m = f["money"]
    money = terminal.table([[r["label"], r["initial"], r["adjusted"], r["spent"], r["weight"], r["rate"], r["score"]]
                            for r in m["rows"]], [m["heading"], *MONEY_HEADERS], cols, fmt="grid")
    body = [[r["level1"] if r["first_in_level1"] else "", r["level2"] if r["first_in_level2"] else "", r["name"],
             r["target"], r["actual"], r["weight"], r["score"] + (f"（原表{r['declared']}）" if r["declared"] else ""),
             r["deviation"]] for r in f["rows"]]
    body.append(["总分", "", "", "", "", f["weight_total"], f["total"], f"评价等级：{f['grade']}" if f["grade"] else ""])
    parts = ["\n".join(terminal.wrap(f"{f['title']}（{f['year']}年度）", cols)), _aligned(rows, lists, cols), money]
    if m["deviation"]:
        parts.append("\n".join(terminal.wrap(f"预算执行偏差原因分析及改进措施：{m['deviation']}", cols)))
    parts.append(terminal.table(body, SELFEVAL_HEADERS, cols, fmt="grid"))
    lines = [line for note in [f["note"], *f["notes"]] for line in terminal.wrap(note, cols)]
    if f["errors"]:
        lines += ["未能计算总分："] + ["  " + line for e in f["errors"] for line in terminal.wrap(e, cols - 2)]
    return "\n".join(parts[:1] + ["\n\n".join(parts[1:])] + lines)
