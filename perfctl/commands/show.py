"""``perfctl show``: target tables in the terminal, Chinese columns aligned.

Each project prints as a header block (项目名称 … 绩效目标) and the indicator table
(一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值), both wrapped to the terminal width
(``$COLUMNS`` when set). Money is printed exactly as written in the file, in its 单位.
"""

from __future__ import annotations

from pathlib import Path

from perfctl import fields, terminal
from perfctl.commands import load
from perfctl.model import Project
from perfctl.render import amount, cell, extra, row_columns

HEADERS = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]


def run(paths: list[Path]) -> int:
    """Print every project under ``paths``, one after another, separated by a blank line.

    Files that fail to load are reported on stderr (``file:line:col: message``) and the
    others are still shown. Returns 0, or 2 when any file or path failed.
    """
    projects, failed = load(paths)
    cols = terminal.terminal_width()
    if projects:
        print("\n\n".join(render(project, cols) for project in projects))
    return 2 if failed else 0


def render(project: Project, cols: int) -> str:
    """The header block and the indicator table of ``project``, no line wider than ``cols``."""
    return header(project, cols) + "\n\n" + indicators(project, cols)


def header(project: Project, cols: int) -> str:
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
        rows += [[_label(("budget", key)), amount(getattr(b, key))] for key in ("total", "fiscal", "other")]
    rows.append([_label(("purpose",)), project.purpose or ""])
    lists = {len(rows): project.goals}
    rows.append([_label(("goals",)), ""])
    for fact in extra(project):
        if fact["texts"]:
            lists[len(rows)] = fact["texts"]
        rows.append([fact["label"], fact["text"]])
    label_width = max(terminal.width(label) for label, _ in rows)
    _, value_width = terminal.fit([label_width, cols], cols - 2)  # as terminal.table will split
    for at, items in lists.items():
        rows[at][1] = "\n".join(_numbered(items, value_width))
    return terminal.table(rows, None, cols, fmt="plain")


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
