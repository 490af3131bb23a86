"""Write projects in the seed's text layout (Apache Tika's text of a .docx), for tests.

The inverse of the seed layout reader (:mod:`perfctl.importers.textlayouts.tab`), as far as the layout can say it: one cell per
line after a tab, rows separated by blank lines, a title line ``N.<name>绩效目标表`` before
each table, the department row (``389101某局`` + ``单位：元``), 项目名称, the budget row
with its purpose row after it, 绩效目标 numbered ``1.`` ``2.`` in one cell, the indicator
header and one row per indicator, a 一级指标 (and 二级指标) continued from the row above
left empty as in merged cells.

What the layout cannot hold, projects given here must not have: line breaks inside a cell
other than in ``purpose`` (each line becomes a cell), blank lines in ``purpose``, text with
spaces at its ends, a goal that itself reads as numbering (`` 2.`` after a space).
"""

from __future__ import annotations

from perfctl import money
from perfctl.model import Project


def document(projects: list[Project]) -> str:
    """The text of a document holding ``projects`` as tables 1, 2, … in order."""
    return "\n".join(table(p, n) for n, p in enumerate(projects, start=1))


def title(project: Project) -> str:
    """The title printed above the table (``source.title`` after import)."""
    return f"{project.name}绩效目标表"


def table(project: Project, number: int) -> str:
    """One table: its title line and its rows, ending with a blank line."""
    b = project.budget
    rows = [
        [f"{project.department.code}{project.department.name}", f"单位：{project.money_unit}"],
        ["项目名称", project.name],
        ["预算规模及资金用途", "预算数", _amount(b.total), "其中：财政资金", _amount(b.fiscal), "其他资金", _amount(b.other)],
        ["", *(project.purpose or "").split("\n")],
        ["绩效目标", " ".join(f"{i}.{goal}" for i, goal in enumerate(project.goals, start=1))],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
    ]
    prev = None
    for ind in project.indicators:
        same1 = prev is not None and prev.level1 == ind.level1
        same2 = same1 and prev.level2 == ind.level2  # type: ignore[union-attr]
        rows.append(["" if same1 else ind.level1, "" if same2 else ind.level2, ind.name,
                     ind.description or "", ind.target])
        prev = ind
    blocks = ["\n".join(f"\t{cell}" for cell in row) for row in rows]
    return f"{number}.{title(project)}\n" + "\n\n".join(blocks) + "\n"


def _amount(value: object) -> str:
    return "" if value is None else money.amount_text(value)  # type: ignore[arg-type]
