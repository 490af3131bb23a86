"""The table model: a project's performance target table (绩效目标表) as Python objects.

Field names follow the glossary in the README. Money is :class:`~decimal.Decimal` in the
project's ``money_unit`` (元 = yuan or 万元 = 10,000 yuan), never float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from perfctl import money
from perfctl.errors import InputError
from perfctl.target import Target, parse
from perfctl.yamlio import Doc

FORMAT_VERSION = 1


@dataclass
class Department:
    """主管部门 / 预算部门: ``code`` is a string of digits ("389101"), ``name`` its 部门名称."""

    code: str
    name: str


@dataclass
class Budget:
    """预算数 and its sources, exact decimals in the project's money unit.

    ``total`` 预算数; ``fiscal`` 财政资金; ``other`` 其他资金 (``None`` where not given).
    Self-evaluation: ``initial`` 年初预算数, ``adjusted`` 全年预算数, ``spent`` 全年执行数 (same
    money unit); ``weight`` the points (分值) of the budget-execution row. ``total`` is
    ``None`` only in a department table (``Project.kind == "department"``) that states no money.
    """

    total: Decimal | None
    fiscal: Decimal | None = None
    other: Decimal | None = None
    initial: Decimal | None = None
    adjusted: Decimal | None = None
    spent: Decimal | None = None
    weight: Decimal | None = None


@dataclass
class Indicator:
    """One indicator row: 一级指标 ``level1``, 二级指标 ``level2``, 三级指标 ``name``,
    绩效指标描述 ``description``, 指标值 ``target`` (the text as written), and, where the
    table has those columns, 计量单位 ``unit`` and 绩效标准 ``basis``.

    ``op`` is the 指标性质 / 计算符号 column (``≥``, ``=``, ``定性``) when the table has one
    (the target then reads as the writer meant, ``≥95%``). Self-evaluation: ``weight`` 分值
    (points, a decimal such as ``10.3``), ``actual`` 实际完成值 (as written), ``score`` 得分,
    ``deviation`` 偏差原因分析及改进措施.

    ``line`` is the 1-based line of the row in its file, when loaded from one.
    """

    level1: str
    level2: str
    name: str
    target: str
    description: str | None = None
    unit: str | None = None
    basis: str | None = None
    op: str | None = None
    weight: Decimal | None = None
    actual: str | None = None
    score: Decimal | None = None
    deviation: str | None = None
    line: int | None = None

    @property
    def parsed(self) -> Target:
        """The target parsed by the target-value grammar (:func:`perfctl.target.parse`).

        With a unit column, a bare number (``50`` + unit ``人``) is read as ``50人``.
        """
        return parse_with_unit(self.target, self.unit)


@lru_cache(maxsize=65536)
def parse_with_unit(target: str, unit: str | None) -> Target:
    """``target`` parsed (:func:`perfctl.target.parse`), a bare number read in ``unit`` when
    one is given (``50`` + ``人`` → ``50人``)."""
    parsed = parse(target)
    if unit and parsed.kind == "quantity" and parsed.unit is None:
        return parse(f"{target.strip()}{unit}")
    return parsed


@dataclass
class Source:
    """Where an imported table came from: file name, order in it (from 1), and the number
    and title printed in the table's title line when the document has one."""

    document: str | None = None
    position: int | None = None
    number: int | None = None
    title: str | None = None


@dataclass
class Project:
    """One project's target table, as held in one project file.

    ``kind``: ``"project"`` (项目支出绩效目标表) or ``"department"`` (部门整体支出绩效目标表).
    ``implementing_unit`` 实施单位; ``period`` 项目期 / 项目起止时间 as printed
    (``2023.07-2024.01``); ``midterm_goals`` 中期目标 / 实施期目标 apart from the annual
    ``goals``; ``goals_actual`` 年度总体目标完成情况 (self-evaluation), one text per goal.
    """

    department: Department
    year: int
    name: str
    money_unit: str
    budget: Budget
    purpose: str | None = None
    goals: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    source: Source | None = None
    kind: str = "project"
    implementing_unit: str | None = None
    period: str | None = None
    midterm_goals: list[str] = field(default_factory=list)
    goals_actual: list[str] = field(default_factory=list)
    path: Path | None = None
    doc: Doc | None = field(default=None, repr=False, compare=False)

    @property
    def identity(self) -> tuple[str, int, str]:
        """(department code, year, project name): what makes a project the same project."""
        return (self.department.code, self.year, self.name)


def from_doc(doc: Doc) -> Project:
    """Build a :class:`Project` from a schema-valid :class:`Doc`.

    Codes, amounts and targets are taken from the scalars' original text. Raises
    :class:`InputError` (positioned) for amounts that are not plain decimals.
    """
    d: dict[str, Any] = doc.data
    text = doc.texts

    def amount(key: str) -> Decimal | None:
        path = ("budget", key)
        if path not in text or d["budget"].get(key) is None:
            return None
        try:
            return money.parse_amount(text[path])
        except ValueError as exc:
            raise doc.error(path, f"budget.{key}: {exc}") from None

    indicators = []
    for i, row in enumerate(d["indicators"]):
        tpath = ("indicators", i, "target")
        indicators.append(Indicator(
            level1=row["level1"], level2=row["level2"], name=text[("indicators", i, "name")],
            target=text.get(tpath, "") if row.get("target") is not None else "",
            description=text.get(("indicators", i, "description")) if row.get("description") is not None else None,
            unit=row.get("unit"), basis=row.get("basis"),
            line=doc.marks[("indicators", i)][0],
        ))
    if not str(doc.texts[("year",)]).isdigit():
        raise doc.error(("year",), f"year: expected a whole number such as 2025, got {doc.texts[('year',)]!r}")
    src = d.get("source")
    total = amount("total")
    assert total is not None  # required by the schema
    return Project(
        department=Department(code=text[("department", "code")], name=d["department"]["name"]),
        year=d["year"], name=text[("name",)], money_unit=d["money_unit"],
        budget=Budget(total=total, fiscal=amount("fiscal"), other=amount("other")),
        purpose=d.get("purpose"), goals=list(d.get("goals") or []), indicators=indicators,
        source=Source(**src) if src else None,
        path=Path(doc.path) if doc.path is not None else None, doc=doc,
    )


def to_data(project: Project) -> dict[str, Any]:
    """The project as plain data in canonical key order, ready for :func:`perfctl.yamlio.dump`.

    Amounts become decimal strings as written (``"200000.00"``); empty optional fields are left out.
    """
    budget: dict[str, Any] = {"total": money.amount_text(project.budget.total)}
    for key in ("fiscal", "other"):
        value = getattr(project.budget, key)
        if value is not None:
            budget[key] = money.amount_text(value)
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "department": {"code": project.department.code, "name": project.department.name},
        "year": project.year,
        "name": project.name,
        "money_unit": project.money_unit,
        "budget": budget,
    }
    if project.purpose:
        data["purpose"] = project.purpose
    data["goals"] = list(project.goals)
    rows = []
    for ind in project.indicators:
        row: dict[str, Any] = {"level1": ind.level1, "level2": ind.level2, "name": ind.name}
        if ind.description is not None:
            row["description"] = ind.description
        row["target"] = ind.target
        for key in ("unit", "basis"):
            if getattr(ind, key) is not None:
                row[key] = getattr(ind, key)
        rows.append(row)
    data["indicators"] = rows
    if project.source is not None:
        src = {k: v for k, v in vars(project.source).items() if v is not None}
        if src:
            data["source"] = src
    return data


def load(path: str | Path) -> Project:
    """Read, parse, validate and build the project in ``path``.

    Raises :class:`InputError` with ``file:line:col`` for anything wrong with the file.
    """
    from perfctl import fileio

    return load_text(fileio.read_text(path), path)


def load_text(text: str, path_label: str | Path) -> Project:
    """Parse, validate and build a project from ``text`` that is not a file on disk (a git
    blob, for example); ``path_label`` (``HEAD:data/x.yaml``) names it in errors and
    becomes ``Project.path``.

    Raises :class:`InputError` with ``path_label:line:col`` for anything wrong with the text.
    """
    return from_doc(parse_doc(text, path_label))


def parse_doc(text: str, path_label: str | Path | None) -> Doc:
    """Parse ``text`` and validate it against the project schema; the :class:`Doc` for
    :func:`from_doc`. Raises :class:`InputError` (positioned) for an empty file, a file that
    is not a mapping, and every schema violation (the first is raised)."""
    from perfctl import schema, yamlio

    doc = yamlio.parse(text, path_label)
    if doc.data is None:
        raise InputError("file is empty; a project file needs department, year, name, money_unit, budget and indicators",
                         path_label, 1, 1)
    if not isinstance(doc.data, dict):
        raise doc.error((), "a project file must be a mapping of keys (department:, year:, name: …)")
    schema.validate(doc)
    return doc
