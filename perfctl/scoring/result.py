"""What scoring a project gives: the execution row, each indicator row, the total and grade,
and the issues met on the way.

Points are exact decimals out of 100; money (``Execution.budget``, ``Execution.spent``) is in
the project's ``money_unit``; ``Execution.rate`` is a fraction (``Decimal("0.8620")`` for
86.20 %), never rounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perfctl.lint import NodePath
from perfctl.model import Project

#: Issue codes (stable, English, for JSON and tests) that stop a total: the project cannot be scored.
ERRORS = {
    "no-weight": "the row has no 分值",
    "no-actual": "the row has no 实际完成值",
    "target-unread": "the 指标值 cannot be read as a number, a date or words",
    "actual-unread": "the 实际完成值 cannot be compared with the 指标值",
    "units-incomparable": "the 实际完成值 is in a unit the 指标值 cannot be converted to",
    "qualitative-no-score": "a qualitative row without a declared 得分",
    "no-spent": "no 全年执行数 (budget.spent)",
    "budget-zero": "全年预算数 is 0",
    "no-budget": "the table states no budget",
}
#: Issue codes of what scoring finds wrong in the declared figures (exit 1).
FINDINGS = {
    "score-mismatch": "the declared 得分 differs from the computed one",
    "score-above-weight": "the declared 得分 is above the row's 分值",
    "score-outside-band": "a qualitative 得分 outside the band of the outcome the 实际完成值 states",
    "reason-missing": "a missed, far exceeded or low-execution result without 偏差原因分析及改进措施",
}


@dataclass(frozen=True)
class Issue:
    """One problem met while scoring: ``code`` (a key of :data:`ERRORS` or :data:`FINDINGS`),
    ``severity`` (``"error"``: the project cannot be scored; ``"finding"``), the ``node`` it
    concerns (a path into the project file), the ``message``, and where the node is in the
    file (1-based ``line`` and ``col``) once placed (:mod:`perfctl.scoring.batch`)."""

    code: str
    severity: str
    node: NodePath
    message: str
    line: int | None = None
    col: int | None = None


@dataclass
class Execution:
    """The budget-execution row (预算执行率): ``budget`` P (全年预算数, or 预算数 when the file
    has no 全年预算数: ``budget_key`` says which), ``spent`` X (全年执行数), ``weight`` W (its 分值),
    ``rate`` X ÷ P, ``score`` (``None`` when it cannot be worked out), ``needs_reason``."""

    budget: Decimal | None
    spent: Decimal | None
    weight: Decimal
    budget_key: str = "adjusted"
    rate: Decimal | None = None
    score: Decimal | None = None
    needs_reason: bool = False


@dataclass
class RowResult:
    """One indicator row scored.

    ``index``: its place in ``project.indicators``. ``method``: how it was scored — ``ge``
    (≥ >: B ÷ A × w when missed), ``eq`` (= and no operator, as ≥; A = 0 needs B ≤ 0),
    ``le`` (≤ <: A ÷ B × w, or the pmkpi line), ``range``, ``deadline``, ``qualitative``
    (the declared 得分, checked against its band). ``target_value`` / ``actual_value``: A and
    B as compared (B in the target's unit), for numeric methods. ``computed``: the score
    worked out and rounded (``None`` for a declared qualitative score). ``declared``: 得分 as
    the file states it. ``score``: what counts in the total. ``band``: ``met``, ``partly``
    or ``missed`` for qualitative rows whose 实际完成值 states one, with ``band_range`` its
    allowed (low, high) points. ``needs_reason`` and ``reason``: why a 偏差原因 is expected.
    ``formula``: the arithmetic of a score below its points (``4604 ÷ 4754 × 5``), else ``None``.
    ``deviation``: the row's 偏差原因分析及改进措施 as the file states it.
    """

    index: int
    level1: str
    level2: str
    name: str
    weight: Decimal | None
    target: str
    actual: str | None
    method: str | None = None
    target_value: Decimal | None = None
    actual_value: Decimal | None = None
    computed: Decimal | None = None
    declared: Decimal | None = None
    score: Decimal | None = None
    band: str | None = None
    band_range: tuple[Decimal, Decimal] | None = None
    needs_reason: bool = False
    reason: str | None = None
    formula: str | None = None
    deviation: str | None = None
    line: int | None = None


@dataclass
class Result:
    """A project scored: ``execution``, ``rows`` in table order, ``total`` (``None`` when
    an error kept any part from being scored), ``grade`` (优 良 中 差, ``None`` likewise),
    ``issues`` in the order met, and the ``profile`` and ``round`` digits used."""

    project: Project
    execution: Execution
    rows: list[RowResult] = field(default_factory=list)
    total: Decimal | None = None
    grade: str | None = None
    issues: list[Issue] = field(default_factory=list)
    profile: str = ""
    round: int = 2

    @property
    def weight_total(self) -> Decimal:
        """The 分值 of the table: the execution row's and every row's that has one (100 when right)."""
        return self.execution.weight + sum((r.weight for r in self.rows if r.weight is not None), Decimal(0))

    @property
    def errors(self) -> list[Issue]:
        """The issues that keep the project from being scored."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def findings(self) -> list[Issue]:
        """The issues about the declared figures."""
        return [i for i in self.issues if i.severity == "finding"]
