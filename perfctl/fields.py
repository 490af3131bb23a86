"""The fields of a project file, defined once.

Every key a project file may hold is one :class:`Field` of :data:`FIELDS`, in the order
files are written (``fmt``'s key order). What lists fields reads this table instead of
naming them itself:

- the JSON Schema (:func:`perfctl.fieldschema.project_schema`; the shipped
  ``schemas/project.schema.json`` is its output, checked by ``tests/test_fields.py``:
  regenerate it with ``python -m perfctl.fieldschema --write``);
- the model (:func:`perfctl.model.from_doc`, :func:`perfctl.model.to_data`) and fmt's key
  order and text fields (:mod:`perfctl.authoring.canonical`);
- ``export`` (JSON keys, CSV columns), ``render`` and ``show`` (rows and columns), the
  textconv form (:mod:`perfctl.canonical`) and ``diff`` (change kinds).

A field's ``path`` names it from the top of the file: ``("budget", "initial")``; ``"*"``
stands for every item of a list: ``("indicators", "*", "actual")``. Model attributes have
the key's name (``Budget.initial``, ``Indicator.actual``).

Value types (:data:`TYPES`): ``amount`` is money, an exact decimal in the file's
``money_unit`` (元 or 万元); ``points`` an exact decimal on the 100-point scale of a
self-evaluation (分值, 得分).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from perfctl import money

Path_ = tuple[str, ...]

#: Value types and how a file writes them.
TYPES: Mapping[str, str] = MappingProxyType({
    "text": "text as written",
    "value": "text as written; a plain number is read as its text (指标值, 实际完成值)",
    "amount": "money: an exact decimal in money_unit (元 or 万元), written as a quoted decimal string",
    "points": "points out of 100: an exact decimal, written as a quoted decimal string ('10.3')",
    "texts": "a list of texts",
    "enum": "one of the field's choices",
    "integer": "a whole number",
    "code": "letters and digits kept as text ('089101')",
    "const": "the one value the format allows",
    "object": "a mapping of the fields under it",
    "rows": "a list of mappings of the fields under it (``*``)",
})
#: The unit of each type that has one (:attr:`Field.unit`).
_UNITS: Mapping[str, str] = MappingProxyType({"amount": "money_unit", "points": "points"})
#: An amount or points as text in a file (the schema's pattern).
AMOUNT_PATTERN = r"^[+-]?[0-9]+(\.[0-9]+)?$"


@dataclass(frozen=True, eq=False)  # an entry of the table: the same field is the same object
class Field:
    """One key of a project file.

    ``label``: the official Chinese label as perfctl prints it (form row, column header,
    textconv line; the other names a document prints it under are the import's vocabulary,
    ``perfctl/lexicons/headers.yaml``). ``title``: the row or column title in ``render``,
    ``show``, textconv and ``diff`` when the label alone is ambiguous (``分值`` of the budget
    row). ``doc``: the schema's description.
    ``core``: on the target-table form itself: every output shows it in its fixed place,
    empty when absent; other fields appear only where a file has them. ``required``: the
    schema requires it, ``unless`` (key, value) of the same mapping holds (``("kind",
    "department")``); ``needs``: keys that must be present beside it. ``nullable``: an empty
    value (``actual:``) is allowed and means absent. ``choices``: value → what it means,
    for ``enum``; ``default``: the value an absent key means (never written). ``schema``:
    extra JSON Schema keywords (``minLength``). ``export``: the CSV column, ``None`` for JSON
    only; ``since``: the revision of the CSV columns that added it (0 the first; a column added
    later goes after every column before it, so the CSV only ever grows at the end). ``diff``: the change kinds of :mod:`perfctl.diff.kinds` its changes get: one kind,
    or (added, removed, changed) for a value that is entered and removed, or for a list's
    items; the target's four are chosen by meaning (:mod:`perfctl.diff.targets`).
    ``result``: a year-end result of the self-evaluation (实际完成值, 得分, 全年执行数 …), not
    part of the year's targets: ``new --from`` does not carry it into next year's table, and
    ``diff`` does not compare it across years.
    """

    path: Path_
    label: str
    type: str
    doc: str
    title: str | None = None
    core: bool = False
    required: bool = False
    unless: tuple[str, str] | None = None
    needs: tuple[str, ...] = ()
    nullable: bool = False
    choices: Mapping[str, str] = field(default_factory=dict)
    default: str | None = None
    schema: Mapping[str, Any] = field(default_factory=dict)
    export: str | None = None
    since: int = 0
    diff: tuple[str, ...] = ()
    result: bool = False

    def __post_init__(self) -> None:
        # read for every field of every project (model, export, fmt): plain attributes, not properties
        object.__setattr__(self, "key", self.path[-1])
        object.__setattr__(self, "name", ".".join(self.path).replace(".*", "[]"))
        object.__setattr__(self, "in_json", self.type != "const")
        object.__setattr__(self, "unit", _UNITS.get(self.type))

    #: The key in its mapping, also the model attribute's name: ``initial``.
    key: str = field(init=False)
    #: The dotted name: ``budget.initial``, ``indicators[].actual``.
    name: str = field(init=False)
    #: In ``export``'s JSON: every field but the ``const`` (``format``).
    in_json: bool = field(init=False)
    #: The unit of the value: ``money_unit`` (元 or 万元) for amounts, ``points`` (out of 100);
    #: ``None`` for every other type.
    unit: str | None = field(init=False)

    @property
    def heading(self) -> str:
        """The row or column title: :attr:`title`, else :attr:`label`."""
        return self.title or self.label


_BASIS = {v: v for v in ("计划标准", "行业标准", "历史标准", "其他标准")}
_KINDS = {"project": "项目支出绩效目标表", "department": "部门整体支出绩效目标表"}
_DEPT = ("kind", "department")
#: The path of an indicator row (an item of ``indicators``).
ROW = ("indicators", "*")

#: The 其中 rows of a self-evaluation's money block (key, row label) and their columns (key, label).
PARTS = (("fiscal", "其中：当年财政拨款"), ("carryover", "上年结转资金"), ("other", "其他资金"))
_PART_COLUMNS = (("initial", "年初预算数"), ("adjusted", "全年预算数"), ("spent", "全年执行数"))


def _parts() -> tuple[Field, ...]:
    """``budget.parts``: per 其中 row of the money block, its 年初预算数 / 全年预算数 / 全年执行数."""
    out = [Field(("budget", "parts"), "其中", "object",
                 "The 其中 rows of the self-evaluation's money block (当年财政拨款, 上年结转资金, 其他资金), each "
                 "with its 年初预算数, 全年预算数 and 全年执行数 in money_unit; they add up to the 年度资金总额 row "
                 "(budget.initial, budget.adjusted, budget.spent).", nullable=True, result=True)]
    for key, row in PARTS:
        out.append(Field(("budget", "parts", key), row, "object", f"{row}: its figures in the money block.",
                         nullable=True, result=True))
        out += [Field(("budget", "parts", key, column), label, "amount", f"{label} of {row}, in money_unit.",
                      title=f"{row.removeprefix('其中：')}{label}", nullable=True,
                      export=f"budget.parts.{key}.{column}", since=1, diff=("budget-part-changed",), result=True)
                for column, label in _PART_COLUMNS]
    return tuple(out)


#: Every field, in the order a file writes them.
FIELDS: tuple[Field, ...] = (
    Field(("format",), "格式版本", "const", "perfctl file format version.", schema={"const": 1}),
    Field(("kind",), "表类型", "enum",
          "Which table: 'project' (项目支出绩效目标表, the default: leave the key out) or 'department' "
          "(部门整体支出绩效目标表, which may leave out money_unit and budget).",
          choices=_KINDS, default="project", export="kind", diff=("project-kind-changed",)),
    Field(("department",), "主管部门", "object", "主管部门 / 预算部门.", core=True, required=True),
    Field(("department", "code"), "部门编码", "code",
          "部门编码, a string of digits such as '389101' (quote it: an unquoted 089101 is a number to other tools).",
          core=True, required=True, schema={"pattern": "^[0-9A-Za-z]+$"}, export="department.code"),
    Field(("department", "name"), "部门名称", "text", "部门名称.", core=True, required=True, schema={"minLength": 1},
          export="department.name", diff=("department-renamed",)),
    Field(("implementing_unit",), "实施单位", "text", "实施单位: the unit that carries the project out, as printed.",
          nullable=True, export="implementing_unit", diff=("implementing-unit-changed",)),
    Field(("year",), "预算年度", "integer", "预算年度, the budget (calendar) year.", core=True, required=True,
          schema={"minimum": 1900, "maximum": 2200}, export="year"),
    Field(("name",), "项目名称", "text", "项目名称; must equal the budget project's name.", core=True, required=True,
          schema={"minLength": 1}, export="name", diff=("project-renamed",)),
    Field(("code",), "项目编码", "code",
          "项目编码 / 项目代码: the budget system's code of the project, letters, digits, '-', '_' and '.' kept as "
          "text ('389101250001'); it stays with the project when its name changes, so diff pairs by it first.",
          nullable=True, schema={"pattern": "^[0-9A-Za-z][0-9A-Za-z._-]*$"}, export="code", since=2,
          diff=("project-code-changed",)),
    Field(("period",), "项目期", "text", "项目期 / 项目起止时间: the project's period as printed (2023.07-2024.01).",
          nullable=True, export="period", diff=("period-changed",)),
    Field(("money_unit",), "单位", "enum", "单位: the unit of every amount in budget.", choices={"元": "元", "万元": "万元"},
          core=True, required=True, unless=_DEPT, export="money_unit"),
    Field(("budget",), "预算", "object",
          "预算数 = 财政资金 + 其他资金, exact decimals in money_unit (quote them: '200000.00'); "
          "self-evaluation adds 年初预算数, 全年预算数, 全年执行数 and the points of the execution row.",
          core=True, required=True, unless=_DEPT, needs=("money_unit",)),
    Field(("budget", "total"), "预算数", "amount", "预算数 / 年度资金总额.", core=True,
          required=True, export="budget.total", diff=("budget-total-changed",)),
    Field(("budget", "fiscal"), "其中：财政资金", "amount", "其中：财政资金 / 财政拨款.",
          core=True, export="budget.fiscal", diff=("budget-fiscal-changed",)),
    Field(("budget", "other"), "其他资金", "amount", "其他资金.", core=True, export="budget.other",
          diff=("budget-other-changed",)),
    Field(("budget", "initial"), "年初预算数", "amount", "年初预算数 (self-evaluation), in money_unit.", nullable=True,
          export="budget.initial", diff=("budget-initial-changed",), result=True),
    Field(("budget", "adjusted"), "全年预算数", "amount", "全年预算数 (self-evaluation): the full-year (adjusted) budget, "
          "in money_unit.", nullable=True, export="budget.adjusted",
          diff=("budget-adjusted-changed",), result=True),
    Field(("budget", "spent"), "全年执行数", "amount", "全年执行数 (self-evaluation): the money spent, in money_unit.",
          nullable=True, export="budget.spent", diff=("budget-spent-changed",), result=True),
    Field(("budget", "weight"), "分值", "points",
          "分值 of the budget-execution row (年度资金总额), points out of 100; scoring takes 10 when absent.",
          title="年度资金总额分值", nullable=True, export="budget.weight", diff=("budget-weight-changed",)),
    Field(("budget", "deviation"), "偏差原因分析及改进措施", "text",
          "偏差原因分析及改进措施 of the budget-execution row (self-evaluation): why 全年执行数 falls short of "
          "全年预算数, and what is done about it.", title="预算执行偏差原因", nullable=True,
          export="budget.deviation", since=1, diff=("budget-deviation-edited",), result=True),
    *_parts(),
    Field(("purpose",), "预算规模及资金用途", "text", "预算规模及资金用途: what the money is for.", core=True,
          nullable=True, diff=("purpose-edited",)),
    Field(("midterm_goals",), "中期目标", "texts", "中期目标 / 实施期目标: one text per goal of a multi-year project.",
          nullable=True,
          diff=("midterm-goal-added", "midterm-goal-removed", "midterm-goal-edited")),
    Field(("goals",), "绩效目标", "texts", "绩效目标: one text per goal; numbering is added when rendering.",
          core=True, nullable=True,
          diff=("goal-added", "goal-removed", "goal-edited")),
    Field(("goals_actual",), "年度总体目标完成情况", "texts",
          "年度总体目标完成情况 / 实际完成情况 (self-evaluation): one text per goal.", nullable=True,
          diff=("goal-actual-added", "goal-actual-removed", "goal-actual-edited"), result=True),
    Field(("indicators",), "绩效指标", "rows", "Indicator rows (绩效指标) in table order.", core=True, required=True),
    Field(ROW + ("level1",), "一级指标", "text", "一级指标, e.g. 产出指标, 成本指标, 效益指标, 满意度指标.", core=True,
          required=True, schema={"minLength": 1}, export="level1"),
    Field(ROW + ("level2",), "二级指标", "text",
          "二级指标, e.g. 数量指标, 质量指标, 时效指标, 成本指标, 社会效益指标, 服务对象满意度指标.", core=True,
          required=True, schema={"minLength": 1}, export="level2"),
    Field(ROW + ("name",), "三级指标", "text", "三级指标: what is measured.", core=True, required=True, export="indicator"),
    Field(ROW + ("description",), "绩效指标描述", "text", "绩效指标描述 / 指标解释.",
          core=True, nullable=True, export="description", diff=("description-edited",)),
    Field(ROW + ("target",), "指标值", "value", "指标值, exactly as written: ≥50人, ≤8万元, 100%, 2025年12月前, 有效提升.",
          core=True, required=True, nullable=True, export="target",
          diff=("target-tightened", "target-loosened", "target-changed", "target-incomparable")),
    Field(ROW + ("op",), "计算符号", "text",
          "指标性质 / 计算符号 (≥ ≤ = > < 定性), when the table has that column; the target then reads as "
          "the writer meant it (≥95%).", nullable=True, export="op", diff=("op-changed",)),
    Field(ROW + ("unit",), "计量单位", "text", "计量单位, when the table has a unit column (the target then holds the "
          "number only, e.g. target '50', unit '人').", nullable=True, export="unit"),
    Field(ROW + ("basis",), "绩效标准", "enum", "绩效标准 / 指标值设定依据: the basis for the target value.",
          nullable=True, choices=_BASIS, export="basis", diff=("basis-changed",)),
    Field(ROW + ("weight",), "分值", "points", "分值 (self-evaluation): the row's points out of 100 (10.3).",
          nullable=True, export="weight", diff=("weight-changed",)),
    Field(ROW + ("actual",), "实际完成值", "value", "实际完成值 (self-evaluation), exactly as written.",
          nullable=True, export="actual", diff=("actual-added", "actual-removed", "actual-changed"), result=True),
    Field(ROW + ("score",), "得分", "points", "得分 (self-evaluation) as declared, points.", nullable=True,
          export="score", diff=("score-changed",), result=True),
    Field(ROW + ("deviation",), "偏差原因分析及改进措施", "text", "偏差原因分析及改进措施 (self-evaluation).",
          nullable=True, export="deviation", diff=("deviation-edited",), result=True),
    Field(("source",), "来源", "object", "Where the table was imported from.", core=True, nullable=True),
    Field(("source", "document"), "文件", "text", "File name of the source document.", core=True),
    Field(("source", "position"), "位置", "integer", "Order of the table in the document, from 1.", core=True,
          schema={"minimum": 1}),
    Field(("source", "number"), "表号", "integer", "The table's number as printed in its title, when it has one.",
          core=True, schema={"minimum": 1}),
    Field(("source", "title"), "表名", "text", "The table's title as printed, when it has one.", core=True),
)

#: The year-end results (:attr:`Field.result`), by path.
RESULTS: tuple[Field, ...] = tuple(f for f in FIELDS if f.result)

#: Fields by path.
BY_PATH: Mapping[Path_, Field] = MappingProxyType({f.path: f for f in FIELDS})


@lru_cache(maxsize=1024)
def under(parent: Path_ = ()) -> tuple[Field, ...]:
    """The fields directly under ``parent`` in file order: ``under()`` the top-level ones,
    ``under(("budget",))``, ``under(("indicators", "*"))`` the keys of a row."""
    return tuple(f for f in FIELDS if f.path[:-1] == parent)


def lookup(path: tuple[str | int, ...]) -> Field | None:
    """The field of a value's path in a document (list indexes as ints): ``("indicators", 3,
    "target")`` → target, ``("goals", 0)`` → goals (an item of a list of texts); ``None``
    for keys the table does not know (``x-…``)."""
    key = tuple("*" if isinstance(p, int) else p for p in path)
    found = BY_PATH.get(key)  # type: ignore[arg-type]
    if found is None and key and key[-1] == "*":
        parent = BY_PATH.get(key[:-1])  # type: ignore[arg-type]
        if parent is not None and parent.type == "texts":
            return parent
    return found


def present(f: Field, value: Any) -> bool:
    """Whether a model value counts as given: not ``None``, not an empty list, not the default."""
    return value is not None and value != [] and value != f.default


def shown(f: Field, value: Any) -> Any:
    """A value as perfctl writes and prints it: an amount or points (a field with a
    :attr:`Field.unit`) as its exact decimal text (:func:`perfctl.money.amount_text`:
    ``200000.00``, never ``2E+5``); any other value, and ``None``, as it is."""
    return money.amount_text(value) if value is not None and f.unit is not None else value


def diff_kinds() -> set[str]:
    """Every change kind some field names."""
    return {kind for f in FIELDS for kind in f.diff}
