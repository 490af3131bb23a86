"""``perfctl show``: target tables in the terminal, Chinese columns aligned.

Each project prints as a header block (项目名称 … 绩效目标) and the indicator table
(一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值), both wrapped to the terminal width
(``$COLUMNS`` when set). Money is printed exactly as written in the file, in its 单位.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from perfctl import money, terminal
from perfctl.commands import load
from perfctl.model import Project

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
    """项目名称 … 绩效目标 as two aligned columns (label, value); goals numbered 1., 2."""
    b = project.budget

    def amount(value: Decimal | None) -> str:
        return money.amount_text(value) if value is not None else ""

    rows = [
        ["项目名称", project.name],
        ["主管部门", f"{project.department.code} {project.department.name}"],
        ["预算年度", str(project.year)],
        ["单位", project.money_unit],
        ["预算数", amount(b.total)],
        ["其中：财政资金", amount(b.fiscal)],
        ["其他资金", amount(b.other)],
        ["预算规模及资金用途", project.purpose or ""],
        ["绩效目标", ""],
    ]
    label_width = max(terminal.width(label) for label, _ in rows)
    _, value_width = terminal.fit([label_width, cols], cols - 2)  # as terminal.table will split
    rows[-1][1] = "\n".join(_numbered(project.goals, value_width))
    return terminal.table(rows, None, cols, fmt="plain")


def _numbered(goals: list[str], cols: int) -> list[str]:
    """Goals as ``1. text`` with continuation lines indented under the text."""
    lines: list[str] = []
    for i, goal in enumerate(goals, 1):
        mark = f"{i}. "
        wrapped = terminal.wrap(goal, cols - len(mark))
        lines += [mark + wrapped[0]] + [" " * len(mark) + rest for rest in wrapped[1:]]
    return lines


def indicators(project: Project, cols: int) -> str:
    """The indicator table; a 一级指标 (and its 二级指标) repeated from the row above is left blank."""
    rows = []
    prev: tuple[str, str] | None = None
    for ind in project.indicators:
        level1 = "" if prev and prev[0] == ind.level1 else ind.level1
        level2 = "" if prev == (ind.level1, ind.level2) else ind.level2
        rows.append([level1, level2, ind.name, ind.description or "", ind.target])
        prev = (ind.level1, ind.level2)
    return terminal.table(rows, HEADERS, cols, fmt="grid")
