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

Fields beyond the target-table form print only where a file has them, labelled as the
self-evaluation form labels them (实施单位, 项目期, 年初预算数, 全年预算数, 全年执行数,
年度资金总额分值, ``中期目标 N``, ``年度总体目标完成情况 N``; per row ``… › 计算符号``,
``… › 分值``, ``… › 实际完成值``, ``… › 得分``, ``… › 偏差原因分析及改进措施``); a department
table adds ``表类型: 部门整体支出绩效目标表``.

Values are printed as written (``≤8万元`` stays ``≤8万元``; the semantic comparison is
``perfctl diff``'s job). A line break inside a value is printed as ``\\n`` so that every fact
stays on one line. Optional facts that are absent print no line.

Indicator rows are grouped by (一级指标, 二级指标) in the order the groups first appear in
the file, and sorted by name within a group: reordering rows, which ``perfctl diff`` does not
count as a change, does not show up in a line diff either.
"""

from __future__ import annotations

from perfctl import fields
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
    """The facts of ``project``, one ``label: value`` string each (see the module docstring),
    labelled and ordered by the field table (:data:`perfctl.fields.FIELDS`)."""
    facts: list[tuple[str, object]] = [(fields.BY_PATH[("name",)].label, project.name)]
    for f in fields.under():
        if f.key == "department":
            facts.append((f.label, f"{project.department.code} {project.department.name}"))
        elif f.key == "budget":
            facts += _object_facts(project.budget, f.path)
        elif f.key not in ("format", "name", "indicators", "source"):
            facts += _facts(f, getattr(project, f.key))
    for row in rows_in_order(project.indicators):
        place = SEP.join((row.level1, row.level2, row.name))
        facts.append((place, row.target))
        for f in _ROW_FACTS:
            value = getattr(row, f.key)
            if value is not None:
                facts.append((place + SEP + f.heading, _shown(f, value)))
    src = project.source
    if src is not None:
        parts = [src.document, src.position and f"第{src.position}张表", src.number and f"表号{src.number}", src.title]
        facts.append((fields.BY_PATH[("source",)].label, " · ".join(str(p) for p in parts if p)))
    return [f"{label}: {_one_line(value)}" for label, value in facts]


#: The facts of a row after its 指标值 line.
_ROW_FACTS = tuple(f for f in fields.under(("indicators", "*")) if f.key not in ("level1", "level2", "name", "target"))


def _object_facts(obj: object, parent: tuple[str, ...]) -> list[tuple[str, object]]:
    """The lines of the fields under ``parent`` of ``obj``, objects within it included."""
    facts: list[tuple[str, object]] = []
    for f in fields.under(parent):
        value = getattr(obj, f.key)
        if f.type == "object":
            facts += _object_facts(value, f.path) if value is not None else []
        else:
            facts += _facts(f, value)
    return facts


def _facts(f: fields.Field, value: object) -> list[tuple[str, object]]:
    """The lines of a project-level field: none when absent or empty, one per item of a list."""
    if not fields.present(f, value) or value == "":
        return []
    if f.type == "texts":
        return [(f"{f.heading} {i}", item) for i, item in enumerate(value, 1)]  # type: ignore[arg-type]
    return [(f.heading, _shown(f, value))]


def _shown(f: fields.Field, value: object) -> object:
    """A value as the form prints it: amounts and points as decimal text, an enum by what it means."""
    value = fields.shown(f, value)
    return f.choices.get(value, value) if f.choices else value  # type: ignore[call-overload]


def text(project: Project) -> str:
    """:func:`lines` joined, ending with a line break."""
    return "\n".join(lines(project)) + "\n"
