"""The target-value grammar: parse a 指标值 such as ``≥50人`` into a structured :class:`Target`.

Kinds (``Target.kind``):

- ``quantity``: optional operator, number, optional unit — ``≥50人``, ``≤8万元``, ``1人``,
  ``100%``, ``不少于50人``, ``达到95%以上``, ``≥3万人次``;
- ``duration``: a quantity whose unit is a unit of time — ``≤48小时``, ``≤15个工作日``;
- ``deadline``: a date or a period, ``≤`` with a limit word — ``2025年12月前``,
  ``2026年12月前完成``, ``2026年第四季度前``, ``12月底到位`` (the table's year); without one it
  names the period itself — ``2026年第三季度``, ``2025年度``, ``2025年上半年``;
- ``range``: two numbers or two dates — ``80%-90%``, ``1-3个月``, ``2023.07-2024.01``, ``1-12月``;
- ``relative``: a change against a baseline — ``较上年提高10%``, ``不低于上年``, ``平均提高5分``
  (:mod:`perfctl.target.relative`);
- ``qualitative``: words without digits — ``有效提升``, ``优良``;
- ``unparsed``: anything else, kept verbatim with a ``reason``. Parsing never raises, and
  never guesses: what is not read whole stays ``unparsed``.

Before matching, the text is normalised (:mod:`perfctl.target.text`): full-width digits and
signs, look-alike operator characters (``⩾``, ``≧``, ``＞＝``, ``≮``), legacy operators
(``>=``), operator words before and after the number (``不低于``, ``…及以上``, ``…（含）以上``,
``以内``), ``百分比`` for ``%``, and spaces; a note in brackets (``≥95%（抽检）``) and a verb
after the value (``…前完成``, ``100%完成``) are set aside as the ``remark``. Each
normalisation is recorded in ``Target.notes``. Vocabulary: ``domain/rules.md`` §4.2 and
§10; operators as the 计算符号 of budget systems (≥ ≤ = > < 定性). Dates:
:mod:`perfctl.target.dates`; units that convert: :mod:`perfctl.target.measure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from perfctl.i18n import N_
from perfctl.target import dates, text
from perfctl.target.dates import period
from perfctl.target.measure import scale
from perfctl.target.relative import relative
from perfctl.lexicons import units

__all__ = ["KINDS", "QUALITATIVE_OP", "STAR_MARK", "Target", "parse", "period", "scale"]

KINDS = ("quantity", "duration", "deadline", "range", "relative", "qualitative", "unparsed")
#: The operator of a qualitative target, as budget systems write it.
QUALITATIVE_OP = "定性"

_NUM = r"[-+]?\d+(?:\.\d+)?"
_GROUPED = r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"
_QUANTITY = re.compile(rf"(?P<op>[≥≤=><])?(?P<num>{_GROUPED}|{_NUM})(?P<unit>[^\d≥≤=><]*)")
_NUM_RANGE = re.compile(rf"(?P<a>{_NUM})(?P<ua>[^\d≥≤=><~至到-]*)(?:-|~|至|到)(?P<b>{_NUM})(?P<ub>[^\d≥≤=><~-]*)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Words that name a period without digits: 第四季度, 上半年, 年底.
_PERIOD_WORDS = re.compile(r"季度|半年|^[≤<]?年[底末]")
#: Longest unit text accepted (平方米/人 is 5); a longer tail is a sentence, not a unit.
_MAX_UNIT = 6
_NOT_UNIT = re.compile(r"[eE][-+]?\d|[底前末到完成内,:;、。（()）]")
#: A ``*`` that is a template mark, standing for a digit (``≥**人``); a ``*`` between two Chinese
#: characters is a multiplication sign inside a unit (``元/人*月``), not a mark. Lint reads it too.
STAR_MARK = re.compile(r"(?<![\u3400-\u9fff])\*|\*(?![\u3400-\u9fff])")
#: A template mark: such a ``*``, ``xx``, ``×××``.
_PLACEHOLDER = re.compile(STAR_MARK.pattern + r"|xx|XX|＊|×{2,}")


@dataclass(frozen=True)
class Target:
    """A parsed 指标值.

    ``text``: as written. ``op``: one of ``≥ ≤ = > <``, ``定性`` for qualitative, or ``None``
    when no operator is written. ``value``/``high``: decimal text (``"50"``, ``"-10"``) for
    numbers, ISO text for dates (:mod:`perfctl.target.dates`: ``"2025-12"``, ``"2025-Q4"``,
    ``"--12"`` for a month of the table's year); ``high`` only for ranges. ``unit``: the unit
    (``"人"``, ``"万元"``, ``"%"``, ``"元/人"``; ``"date"`` for a range of dates).
    ``value_yuan``: for money units, ``value`` in yuan (``≤8万元`` → ``Decimal(80000)``).
    ``base``: for a relative target, the baseline (``"上年"``, ``"上期"``, or ``None`` when
    not named). ``limit``: the limit word of a deadline (``前``, ``底前``, ``内``).
    ``remark``: a note in brackets or a verb after the value, as written (``"（抽检）"``,
    ``"完成"``). ``notes``: normalisations applied. ``reason``: why an ``unparsed`` text did
    not parse. Notes and reasons are English and stable (rules compare and read them, export
    writes them); a reason is a message id: show it as ``_(t.reason)``.
    """

    text: str
    kind: str
    op: str | None = None
    value: str | None = None
    high: str | None = None
    unit: str | None = None
    value_yuan: Decimal | None = None
    notes: tuple[str, ...] = ()
    reason: str | None = None
    base: str | None = None
    limit: str | None = None
    remark: str | None = None

    @cached_property  # rules ask for it again and again; a Target never changes
    def canonical(self) -> str:
        """The target in standard form (``>=５０人`` → ``≥50人``, ``不少于50人`` → ``≥50人``,
        ``90%（含）以上`` → ``≥90%``); the remark stays after it as written. Ranges, dates,
        relative targets and qualitative words only have their characters normalised; an
        unparsed text is returned as written."""
        if self.kind == "unparsed":
            return self.text
        if self.kind in ("quantity", "duration") and PER_PERIOD not in self.notes:
            return f"{self.op or ''}{self.value}{self.unit or ''}{self.remark or ''}"
        return text.chars(self.text)

    @property
    def quantitative(self) -> bool:
        """True for quantity, duration, deadline, range and relative targets."""
        return self.kind in ("quantity", "duration", "deadline", "range", "relative")

    @property
    def reading(self) -> tuple[str, str | None, str | None, str | None, str | None, str | None]:
        """What the value means: (kind, op, value, high, unit, base). Two texts with the same
        reading say the same thing; fmt only rewrites a target into a text of the same reading."""
        return self.kind, self.op, self.value, self.high, self.unit, self.base


@lru_cache(maxsize=65536)
def parse(value: str | None) -> Target:
    """Parse a 指标值. Never raises: what does not parse comes back as kind ``unparsed``."""
    if value is None or not str(value).strip():
        return Target(value or "", "unparsed", reason=N_("empty value"))
    written = str(value)
    w = text.set_aside(written)
    if w.s in _placeholders() and w.remark is None:
        return Target(written, "unparsed", reason=N_("a placeholder, not a target"))
    found = _relative(written, w)
    if found is not None:
        return found
    frequency = _FREQUENCY.fullmatch(w.s)
    if frequency:
        return _per_period(written, frequency, w)
    text.operator_words(w)
    s, notes, remark = w.s, tuple(w.notes), w.remark
    if _PLACEHOLDER.search(s):
        return Target(written, "unparsed", notes=notes, reason=N_("template placeholder left in the value"))
    if not re.search(r"\d", s):
        period = _PERIOD_WORDS.search(s) and _deadline(written, s, notes, remark)
        if period:
            return period  # 第四季度, 上半年, 年底前: a period of the table's year
        if remark is None and _CJK.search(s):
            return Target(written, "qualitative", op=QUALITATIVE_OP, notes=notes)
        return Target(written, "unparsed", notes=notes, reason=N_("not a number, a date or words"))
    if text.DISAGREE in notes:
        return Target(written, "unparsed", notes=notes, reason=text.DISAGREE)
    found = (_deadline(written, s, notes, remark) or _date_range(written, s, notes, remark)
             or _num_range(written, s, notes, remark) or _quantity(written, s, notes, remark))
    return found or _unparsed(written, s, notes)


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    """Cells that only hold a place (``无``, ``待定``, ``-``: ``lexicons/placeholders.yaml``)."""
    from perfctl import lexicons

    data = lexicons.load("placeholders")
    return frozenset(text.chars(v) for v in (*data["values"], *data["todo"]))


#: ``每季度1次``, ``每月不少于2次``: a count per period.
_FREQUENCY = re.compile(r"每(?P<per>季度|半年|月|年|周|天|日)(?P<rest>.+)")
#: The note of a count per period: its standard form is the text as written (``1次/季度`` would
#: read the same, but nobody writes it so).
PER_PERIOD = "a count per period: unit written as count/period"


def _per_period(written: str, m: re.Match[str], w: text.Written) -> Target:
    t = parse(m["rest"])
    if t.kind != "quantity" or t.unit is None or "/" in t.unit or t.remark:
        return Target(written, "unparsed", notes=tuple(w.notes), reason=N_("not an operator-number-unit, a date, a "
                                                                              "duration, a range or words"))
    return Target(written, "quantity", op=t.op, value=t.value, unit=f"{t.unit}/{m['per']}",
                  notes=tuple(w.notes) + t.notes + (PER_PERIOD,), remark=w.remark)


def _relative(written: str, w: text.Written) -> Target | None:
    r = relative(w.s)
    if r is None:
        return None
    notes = tuple(w.notes)
    if r.kind == "quantity":
        return _quantity(written, f"{r.op}{r.value}{r.unit or ''}", notes + ("a change to a level read as the level",),
                         w.remark)
    return Target(written, "relative", op=r.op, value=r.value, unit=r.unit, base=r.base, notes=notes,
                  remark=w.remark)


def _unparsed(written: str, s: str, notes: tuple[str, ...]) -> Target:
    ops = re.findall(r"[≥≤=><]", s)
    if len(ops) > 1:
        reason = N_("more than one operator")
    elif ops and not s.startswith(ops[0]):
        reason = N_("operator not before the number")
    elif re.search(r"\d[eE][-+]?\d", s):
        reason = N_("number in exponent form; write the digits")
    else:
        reason = N_("not an operator-number-unit, a date, a duration, a range or words")
    return Target(written, "unparsed", notes=notes, reason=reason)


def _deadline(written: str, s: str, notes: tuple[str, ...], remark: str | None) -> Target | None:
    found = dates.deadline(s)
    if found is None:
        return None
    op, iso, limit, tail = found
    if not iso:
        return Target(written, "unparsed", notes=notes, reason=N_("no such date"))
    if tail is not None:
        remark = tail + (remark or "")
        notes = notes + (f"{tail!r} after the date kept as a remark",)
    return Target(written, "deadline", op=op, value=iso, notes=notes, limit=limit, remark=remark)


def _date_range(written: str, s: str, notes: tuple[str, ...], remark: str | None) -> Target | None:
    found = dates.date_range(s)
    if found is None:
        return None
    low, high = found
    if not low:
        return Target(written, "unparsed", notes=notes, reason=N_("no such month"))
    return Target(written, "range", value=low, high=high, unit="date", notes=notes, remark=remark)


def _num_range(written: str, s: str, notes: tuple[str, ...], remark: str | None) -> Target | None:
    m = _NUM_RANGE.fullmatch(s)
    if not m or (m["ua"] and m["ub"] and m["ua"] != m["ub"]):
        return None
    unit = m["ub"] or m["ua"] or None
    if unit is not None and (len(unit) > _MAX_UNIT or _NOT_UNIT.search(unit)):
        return None
    lo, hi = Decimal(m["a"]), Decimal(m["b"])
    if lo > hi:
        return Target(written, "unparsed", notes=notes, reason=N_("range runs from high to low"))
    factor = units().yuan_factor(unit)
    return Target(written, "range", value=m["a"], high=m["b"], unit=unit,
                  value_yuan=lo * factor if factor is not None else None, notes=notes, remark=remark)


def _quantity(written: str, s: str, notes: tuple[str, ...], remark: str | None) -> Target | None:
    m = _QUANTITY.fullmatch(s)
    if not m:
        return None
    num = m["num"]
    if "," in num:
        num = num.replace(",", "")
        notes = notes + ("thousands separators removed",)
    unit = m["unit"] or None
    if unit is not None and (len(unit) > _MAX_UNIT or _NOT_UNIT.search(unit)):
        return None
    kind = "duration" if unit in units().time else "quantity"
    factor = units().yuan_factor(unit)
    value_yuan = Decimal(num) * factor if factor is not None else None
    return Target(written, kind, op=m["op"], value=num, unit=unit, value_yuan=value_yuan, notes=notes, remark=remark)
