"""Compare two 指标值 by meaning: same, tightened, loosened, changed, or not comparable.

Both sides are :class:`perfctl.target.Target` (parsed by the target-value grammar). Units
are converted before comparing, so ``≤8万元`` → ``≤80000元`` and ``≤48小时`` → ``≤2天`` are no
change. The direction comes from the operator:

- ``≥``/``>`` (a floor): a lower value is looser; ``≥50`` → ``>50`` is tighter;
- ``≤``/``<`` (a ceiling): a higher value is looser; a deadline is a ceiling on a date,
  so a later deadline is looser (``2025年12月前`` means by the end of December 2025);
- ranges: a range containing the old one is looser, one inside it tighter;
- relative targets (``较上年提高10%``) compare as quantities of the change when their
  baselines agree;
- ``=`` or no operator, a floor turned into a ceiling, a qualitative wording, a range that
  shifted, a date without a year against one with a year, relative targets against different
  baselines: ``target-changed`` (no direction);
- a different kind (quantity → qualitative) or a unit that does not convert (人 → 人次,
  ``%`` → none): ``target-incomparable``.

Across years (``years``: the new table's year minus the old one's) a date — a deadline or a
date range — is compared after moving the old one by ``years``: in a 2026 table copied from
2025, ``2025年12月前`` → ``2026年12月前`` is the same commitment a year later (no change),
``2026年6月前`` is tightened and ``2027年3月前`` loosened; an unchanged ``2025年12月前`` is
a year earlier than before, so tightened. Every other kind compares as within a year.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from perfctl.target import Target, period, scale

SAME = None
TIGHTENED, LOOSENED = "target-tightened", "target-loosened"
CHANGED, INCOMPARABLE = "target-changed", "target-incomparable"

_FLOOR, _CEILING = ("≥", ">"), ("≤", "<")


def compare(old: Target, new: Target, years: int = 0) -> str | None:
    """The change kind from ``old`` to ``new``, or ``None`` when they mean the same.

    ``years``: how many years the new table is later than the old one; dates of ``old`` are
    moved by that much before comparing (see the module docstring)."""
    if old.text == new.text and not (years and is_date(old)):
        return SAME
    if old.kind != new.kind:
        return INCOMPARABLE
    if old.kind in ("qualitative", "unparsed"):
        return SAME if old.canonical == new.canonical else CHANGED
    if is_date(old) and _yearless(old) != _yearless(new):
        return CHANGED  # 12月底 against 2025年12月底: the table's year is not known here
    if _yearless(old):
        years = 0  # both in their own table's year: 12月底 is 12月底 in any year
    if old.kind == "deadline":  # "2025年12月" without 前 is a deadline too
        return _bounds(old.op or "≤", period(old.value or "", years, _ANY_YEAR)[1],
                       new.op or "≤", period(new.value or "", 0, _ANY_YEAR)[1])
    if old.kind == "relative":
        if old.base != new.base:
            return CHANGED
        old, new = _no_change_in_unit_of(old, new), _no_change_in_unit_of(new, old)
    a, b = _measure(old, years), _measure(new)
    if a is None or b is None or a[0] != b[0]:
        return INCOMPARABLE
    if old.kind == "range":
        return _ranges(a[1], b[1])
    return _bounds(old.op, a[1][0], new.op, b[1][0])


def _no_change_in_unit_of(t: Target, other: Target) -> Target:
    """A change of 0 without a unit (``不低于上年``) in ``other``'s unit: no change is 0 in any unit."""
    if t.unit is None and t.value is not None and Decimal(t.value) == 0:
        return replace(t, unit=other.unit)
    return t


def is_date(t: Target) -> bool:
    """Whether ``t`` names a date (a deadline or a date range): what moves with the table's year."""
    return t.kind == "deadline" or t.kind == "range" and t.unit == "date"


def _bounds(old_op: str | None, old_value: object, new_op: str | None, new_value: object) -> str | None:
    """Compare two (operator, value) targets whose values are already in one unit."""
    o, n = old_op or "=", new_op or "="
    if o == "=" and n == "=":
        return SAME if old_value == new_value else CHANGED
    floor = o in _FLOOR
    if o == "=" or n == "=" or floor != (n in _FLOOR):
        return CHANGED
    # Order bounds so that a floor ranks lower, and a ceiling higher, the more it admits.
    def rank(op: str, value: object) -> tuple[object, int]:
        strict = op in (">", "<")
        return (value, -strict) if not floor else (value, strict)
    ro, rn = rank(o, old_value), rank(n, new_value)
    if ro == rn:
        return SAME
    if floor:
        return LOOSENED if rn < ro else TIGHTENED
    return LOOSENED if rn > ro else TIGHTENED


def _ranges(old: tuple[Decimal | tuple[int, int], ...], new: tuple[Decimal | tuple[int, int], ...]) -> str | None:
    (olo, ohi), (nlo, nhi) = old, new
    if (olo, ohi) == (nlo, nhi):
        return SAME
    if nlo <= olo and nhi >= ohi:  # type: ignore[operator]
        return LOOSENED
    if nlo >= olo and nhi <= ohi:  # type: ignore[operator]
        return TIGHTENED
    return CHANGED


def _measure(t: Target, years: int = 0) -> tuple[tuple[str, str], tuple] | None:
    """(dimension, (value, high)) with values in the dimension's base unit, or ``None``.

    Money is in 元 (unit costs keep their "per" part: 万元/人 and 元/人 compare, 元/次 does
    not), time in minutes or months, ratios in percent; other units compare only with
    themselves. Date ranges are (year, month) pairs, moved by ``years``.
    """
    unit = t.unit or ""
    if t.kind == "range" and unit == "date":
        return ("date", ""), tuple(_month(v, years) for v in (t.value, t.high))
    values = [Decimal(v) for v in (t.value, t.high) if v is not None]
    dim, factor = scale(unit)
    return dim, tuple(v * factor for v in values)


def _month(iso: str | None, years: int = 0) -> tuple[int, int]:
    last = period(iso or "", years, _ANY_YEAR)[1]
    return last.year, last.month


def _yearless(t: Target) -> bool:
    """Whether a date target names no year (``12月底前``, ``1-12月``): it means the table's year."""
    return is_date(t) and (t.value or "").startswith("--")


#: The year a date without a year is put in when two such dates are compared (a leap year, so
#: that 2月29日 exists).
_ANY_YEAR = 2000


