"""Reading a 实际完成值 against its 指标值: numbers in one unit, dates, outcome words.

Both are read with the target grammar (:mod:`perfctl.target`), so an actual is written the
way targets are (``4604人``, ``98%``, ``2025年11月``, ``达成年度指标``). Units are made
comparable before any division: the same unit, no unit on one side, or two units of one
measure converted exactly (万元 and 元, 天 and 小时, % and ‰); anything else is refused.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from perfctl import lexicons
from perfctl.target import Target, period, scale

#: The outcomes a qualitative 实际完成值 may state, from best to worst.
OUTCOMES = ("met", "partly", "missed")


class Incomparable(ValueError):
    """The actual cannot be put in the target's unit ``target_unit`` (it is in ``actual_unit``)."""

    def __init__(self, actual_unit: str, target_unit: str) -> None:
        super().__init__(f"actual in {actual_unit!r} cannot be compared with a target in {target_unit!r}")
        self.actual_unit, self.target_unit = actual_unit, target_unit


def number_in_target_unit(target: Target, actual: Target) -> Decimal:
    """B, the actual's number in the target's unit (``37.24万元`` against ``≥372400元`` →
    ``372400``; ``3天`` against ``≤48小时`` → ``72``), converted exactly as ``diff`` compares
    targets (:func:`perfctl.target.scale`: money, clock time, months, ratios). The actual's own
    operator is ignored (an actual of ``≥100%`` is 100). Raises :class:`Incomparable` when the
    units measure different things (人 and 次, 天 and 个月)."""
    value = Decimal(actual.value or "0")
    tu, au = target.unit, actual.unit
    if tu is None or au is None or tu == au:
        return value
    (t_dim, t_factor), (a_dim, a_factor) = scale(tu), scale(au)
    if t_dim != a_dim:
        raise Incomparable(au, tu)
    return value * a_factor / t_factor


def is_number(t: Target) -> bool:
    """Whether a parsed value is one number (with or without unit and operator)."""
    return t.kind in ("quantity", "duration") and t.value is not None


def actual_date(actual: Target, year: int | None = None) -> date | None:
    """The date an actual states (``2025年11月`` → 2025-11-30, its last day; ``2025年11月20日``;
    ``11月20日`` in ``year``, the table's), ``None`` when it states none."""
    if actual.kind == "deadline" and actual.value:
        return period(actual.value, year=year)[1]
    if actual.kind == "range" and actual.unit == "date" and actual.high:
        return period(actual.high, year=year)[1]
    return None


@lru_cache(maxsize=1)
def _outcome_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = lexicons.load("outcomes")
    return tuple((name, tuple(data[name])) for name in ("missed", "partly", "met"))


@lru_cache(maxsize=65536)
def outcome(text: str | None) -> str | None:
    """The outcome (``met``, ``partly``, ``missed``) a 实际完成值 states in words, ``None``
    when it states none (lexicon ``outcomes.yaml``: 未达成 before 部分达成 before 达成)."""
    if not text:
        return None
    s = "".join(text.split())
    for name, words in _outcome_words():
        if any(w in s for w in words):
            return name
    return None
