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

from perfctl import fields, money
from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.target import Target, parse
from perfctl.yamlio import Doc

FORMAT_VERSION = 1


@dataclass
class Department:
    """主管部门 / 预算部门: ``code`` is a string of digits ("389101"), ``name`` its 部门名称."""

    code: str
    name: str


@dataclass
class BudgetPart:
    """One 其中 row of a self-evaluation's money block: 年初预算数 ``initial``, 全年预算数
    ``adjusted``, 全年执行数 ``spent``, exact decimals in the project's money unit."""

    initial: Decimal | None = None
    adjusted: Decimal | None = None
    spent: Decimal | None = None


@dataclass
class BudgetParts:
    """The 其中 rows of the money block (``None`` where the table prints none): ``fiscal``
    当年财政拨款, ``carryover`` 上年结转资金, ``other`` 其他资金."""

    fiscal: BudgetPart | None = None
    carryover: BudgetPart | None = None
    other: BudgetPart | None = None


@dataclass
class Budget:
    """预算数 and its sources, exact decimals in the project's money unit.

    ``total`` 预算数; ``fiscal`` 财政资金; ``other`` 其他资金 (``None`` where not given).
    Self-evaluation: ``initial`` 年初预算数, ``adjusted`` 全年预算数, ``spent`` 全年执行数 (same
    money unit); ``weight`` the points (分值) of the budget-execution row and ``deviation``
    its 偏差原因分析及改进措施; ``parts`` the money block's 其中 rows, when the table prints them
    beyond what the 年度资金总额 row says. ``total`` is
    ``None`` only in a department table (``Project.kind == "department"``) that states no money.
    """

    total: Decimal | None
    fiscal: Decimal | None = None
    other: Decimal | None = None
    initial: Decimal | None = None
    adjusted: Decimal | None = None
    spent: Decimal | None = None
    weight: Decimal | None = None
    deviation: str | None = None
    parts: BudgetParts | None = None


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
    (``2023.07-2024.01``); ``code`` 项目编码, the budget system's project code as text (``None``
    when the table has none); ``midterm_goals`` 中期目标 / 实施期目标 apart from the annual
    ``goals``; ``goals_actual`` 年度总体目标完成情况 (self-evaluation), one text per goal.
    ``money_unit`` (元 or 万元) is ``None``, and ``budget.total`` too, only in a department
    table that states no money. The keys of a file and their types: :mod:`perfctl.fields`.
    """

    department: Department
    year: int
    name: str
    money_unit: str | None
    budget: Budget
    purpose: str | None = None
    goals: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    source: Source | None = None
    kind: str = "project"
    implementing_unit: str | None = None
    period: str | None = None
    code: str | None = None
    midterm_goals: list[str] = field(default_factory=list)
    goals_actual: list[str] = field(default_factory=list)
    path: Path | None = None
    doc: Doc | None = field(default=None, repr=False, compare=False)

    @property
    def identity(self) -> tuple[str, int, str]:
        """(department code, year, project name): what makes a project the same project."""
        return (self.department.code, self.year, self.name)


def from_doc(doc: Doc) -> Project:
    """Build a :class:`Project` from a schema-valid :class:`Doc`, reading the keys of the
    field table (:data:`perfctl.fields.FIELDS`).

    Codes, amounts, points and targets are taken from the scalars' original text; money is
    in the file's ``money_unit``, points out of 100. Raises :class:`InputError` (positioned)
    for amounts or points that are not plain decimals.
    """
    d: dict[str, Any] = doc.data
    if not str(doc.texts[("year",)]).isdigit():
        raise doc.error(("year",), _("year: expected a whole number such as 2025, got {value!r}").format(
            value=doc.texts[("year",)]))
    values = _read(doc, (), d)
    indicators = []
    for i, row in enumerate(d["indicators"]):
        kw = _read(doc, ("indicators", i), row)
        kw.setdefault("target", "")
        indicators.append(Indicator(**kw, line=doc.marks[("indicators", i)][0]))
    src = _read(doc, ("source",), d["source"]) if d.get("source") else None
    values.setdefault("money_unit", None)
    return Project(
        department=Department(**_read(doc, ("department",), d["department"])),
        budget=_budget(doc, d.get("budget") or {}),
        indicators=indicators, source=Source(**src) if src else None,
        path=Path(doc.path) if doc.path is not None else None, doc=doc, **values,
    )


def _budget(doc: Doc, mapping: dict[str, Any]) -> Budget:
    """The ``budget`` mapping, with its ``parts`` (the money block's 其中 rows) when given."""
    budget = Budget(**{"total": None, **_read(doc, ("budget",), mapping)})
    parts = mapping.get("parts")
    if parts:
        budget.parts = BudgetParts(**{
            key: BudgetPart(**_read(doc, ("budget", "parts", key), row)) for key, row in parts.items() if row})
    return budget


def _read(doc: Doc, at: tuple[str | int, ...], mapping: dict[str, Any]) -> dict[str, Any]:
    """The values of the known, non-empty scalar and list keys of ``mapping`` (at ``at`` in
    ``doc``), by key, as the model holds them."""
    known = _KNOWN[tuple("*" if isinstance(p, int) else p for p in at)]
    out: dict[str, Any] = {}
    for key, value in mapping.items():
        f = known.get(key)
        if f is None or value is None:
            continue
        kind = f.type
        if kind in ("value", "code"):
            out[key] = doc.texts[at + (key,)]
        elif kind in ("amount", "points"):
            try:
                out[key] = money.parse_amount(doc.texts[at + (key,)])
            except ValueError as exc:
                where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in at + (key,)).lstrip(".")
                raise doc.error(at + (key,), _("{where}: {problem}").format(where=where, problem=exc)) from None
        elif kind == "texts":
            out[key] = list(value)
        else:
            out[key] = value
    return out


#: The scalar and list fields of each kind of mapping, by key (objects and rows are read apart).
_KNOWN: dict[tuple[str, ...], dict[str, fields.Field]] = {
    parent: {f.key: f for f in fields.under(parent) if f.type not in ("object", "rows", "const")}
    for parent in ((), ("department",), ("budget",), ("indicators", "*"), ("source",),
                   *(("budget", "parts", key) for key, _ in fields.PARTS))
}


def to_data(project: Project) -> dict[str, Any]:
    """The project as plain data in canonical key order (:data:`perfctl.fields.FIELDS`),
    ready for :func:`perfctl.yamlio.dump`.

    Amounts and points become decimal strings as written (``"200000.00"``, ``"10.3"``); keys
    whose value is absent (``None``, an empty list, a default such as ``kind: project``) are
    left out, except ``goals``, written even when empty.
    """
    return {"format": FORMAT_VERSION, **_write(project, ())}


def _write(obj: Any, parent: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields.under(parent):
        if f.type == "const":
            continue
        value = getattr(obj, f.key)
        if f.type == "object":
            sub = _write(value, f.path) if value is not None else {}
            if sub:
                out[f.key] = sub
        elif f.type == "rows":
            out[f.key] = [_write(row, f.path + ("*",)) for row in value]
        elif f.type == "texts" and f.core:
            out[f.key] = list(value)
        elif fields.present(f, value):
            out[f.key] = fields.shown(f, value)
    return out


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
        raise InputError(_("file is empty; a project file needs department, year, name, money_unit, budget and "
                           "indicators"), path_label, 1, 1)
    if not isinstance(doc.data, dict):
        raise doc.error((), _("a project file must be a mapping of keys (department:, year:, name: …)"))
    schema.validate(doc)
    return doc
