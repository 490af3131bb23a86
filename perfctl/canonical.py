"""The canonical one-line-per-fact form of a project, for plain ``git diff`` (a textconv filter).

Each fact of the table is one line ``label: value``, in the order of the form; indicator
rows carry their full place, so a line means the same wherever it moves::

    项目名称: 第四届京津冀自贸试验区联席活动项目
    主管部门: 389101 中国（天津）自由贸易试验区管理委员会办公室
    预算年度: 2025
    单位: 元
    预算数: 200000.00
    其中：财政资金: 200000.00
    其他资金: 0.00
    预算规模及资金用途: 通过召开……
    绩效目标 1: 通过召开……
    产出指标 › 数量指标 › 邀请参会人员数量: ≥50人
    产出指标 › 数量指标 › 邀请参会人员数量 › 绩效指标描述: 邀请参会人员数量
    来源: tianjin-ftz-2025-project-targets.txt · 第1张表 · 表号1 · 第四届京津冀自贸试验区联席活动项目绩效目标表

Values are printed as written (``≤8万元`` stays ``≤8万元``; the semantic comparison is
``perfctl diff``'s job). A line break inside a value is printed as ``\\n`` so that every fact
stays on one line. Optional facts that are absent print no line.

Indicator rows are grouped by (一级指标, 二级指标) in the order the groups first appear in
the file, and sorted by name within a group: reordering rows, which ``perfctl diff`` does not
count as a change, does not show up in a line diff either.
"""

from __future__ import annotations

from perfctl import money
from perfctl.model import Indicator, Project

SEP = " › "


def _one_line(value: object) -> str:
    return str(value).replace("\r\n", "\n").replace("\n", "\\n")


def rows_in_order(rows: list[Indicator]) -> list[Indicator]:
    """Rows grouped by (level1, level2) in order of first appearance, by name within a group (stable)."""
    groups: dict[tuple[str, str], int] = {}
    for row in rows:
        groups.setdefault((row.level1, row.level2), len(groups))
    return sorted(rows, key=lambda r: (groups[(r.level1, r.level2)], r.name))


def lines(project: Project) -> list[str]:
    """The facts of ``project``, one ``label: value`` string each (see the module docstring)."""
    facts: list[tuple[str, object]] = [
        ("项目名称", project.name),
        ("主管部门", f"{project.department.code} {project.department.name}"),
        ("预算年度", project.year),
        ("单位", project.money_unit),
    ]
    b = project.budget
    for label, amount in (("预算数", b.total), ("其中：财政资金", b.fiscal), ("其他资金", b.other)):
        if amount is not None:
            facts.append((label, money.amount_text(amount)))
    if project.purpose:
        facts.append(("预算规模及资金用途", project.purpose))
    facts += [(f"绩效目标 {i}", goal) for i, goal in enumerate(project.goals, 1)]
    for row in rows_in_order(project.indicators):
        place = SEP.join((row.level1, row.level2, row.name))
        facts.append((place, row.target))
        for label, value in (("绩效指标描述", row.description), ("计量单位", getattr(row, "unit", None)),
                             ("绩效标准", getattr(row, "basis", None))):
            if value is not None:
                facts.append((place + SEP + label, value))
    src = project.source
    if src is not None:
        parts = [src.document, src.position and f"第{src.position}张表", src.number and f"表号{src.number}", src.title]
        facts.append(("来源", " · ".join(str(p) for p in parts if p)))
    return [f"{label}: {_one_line(value)}" for label, value in facts]


def text(project: Project) -> str:
    """:func:`lines` joined, ending with a line break."""
    return "\n".join(lines(project)) + "\n"
