"""The target-value grammar: parse a 指标值 such as ``≥50人`` into a structured :class:`Target`.

Kinds (``Target.kind``):

- ``quantity``: optional operator, number, optional unit — ``≥50人``, ``≤8万元``, ``1人``, ``100%``;
- ``duration``: a quantity whose unit is a unit of time — ``≤48小时``, ``≤9个月``;
- ``deadline``: a date with 前/底前/之前/以前 — ``2025年12月前``, ``2025年12月31日前``;
- ``range``: two numbers or two dates — ``80%-90%``, ``2023.07-2024.01``;
- ``qualitative``: words without digits — ``有效提升``, ``优良``;
- ``unparsed``: anything else, kept verbatim with a ``reason``. Parsing never raises.

Before matching, the text is normalised: full-width digits and signs (``９０％``, ``＞＝``),
legacy operators (``>=``, ``≧``), word operators (``不低于``, ``不超过``, ``…以上``, ``…以内``),
``百分比`` for ``%``, and U+3000, no-break and zero-width spaces. Each normalisation applied
is recorded in ``Target.notes``. Vocabulary: ``domain/rules.md`` §4.2 and §10; operators as
the 计算符号 of budget systems (≥ ≤ = > < 定性).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from perfctl.lexicons import units

KINDS = ("quantity", "duration", "deadline", "range", "qualitative", "unparsed")
#: The operator of a qualitative target, as budget systems write it.
QUALITATIVE_OP = "定性"

_CHARS = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)},
     "．": ".", "％": "%", "＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤", "－": "-", "～": "~",
     "—": "-", "–": "-", "／": "/", "，": ",", "：": ":"}
)
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff]+")
_SYMBOL_OPS = (("≥", ("≥", ">=", "=>")), ("≤", ("≤", "<=", "=<")), ("=", ("==", "=")), (">", (">",)), ("<", ("<",)))
_WORD_PREFIX = (("≥", ("大于等于", "大于或等于", "不低于", "不少于", "不小于", "至少")),
                ("≤", ("小于等于", "小于或等于", "不高于", "不超过", "不多于", "不大于", "最多", "控制在")),
                (">", ("大于", "高于", "超过", "多于")), ("<", ("小于", "低于", "少于")), ("=", ("等于", "达到")))
_WORD_SUFFIX = (("≥", ("以上",)), ("≤", ("以内", "以下")))

_NUM = r"[-+]?\d+(?:\.\d+)?"
_GROUPED = r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"
_QUANTITY = re.compile(rf"(?P<op>[≥≤=><])?(?P<num>{_GROUPED}|{_NUM})(?P<unit>[^\d≥≤=><]*)")
_NUM_RANGE = re.compile(rf"(?P<a>{_NUM})(?P<ua>[^\d≥≤=><~至到-]*)(?:-|~|至|到)(?P<b>{_NUM})(?P<ub>[^\d≥≤=><~-]*)")
_DATE_RANGE = re.compile(
    r"(?P<ay>\d{4})(?:年|\.|-|/)(?P<am>\d{1,2})月?(?:-|~|至|到)(?:(?P<by>\d{4})(?:年|\.|-|/))?(?P<bm>\d{1,2})月?")
_DEADLINE = re.compile(
    r"(?P<op>[≤<])?(?P<y>\d{4})(?:年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?|[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2}))"
    r"(?P<suffix>底之前|底前|末前|之前|以前|前|底|末|内)?")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Longest unit text accepted (平方米/人 is 5); a longer tail is a sentence, not a unit.
_MAX_UNIT = 6
_NOT_UNIT = re.compile(r"[eE][-+]?\d|[底前末到完成内]")
#: A ``*`` that is a template mark, standing for a digit (``≥**人``); a ``*`` between two Chinese
#: characters is a multiplication sign inside a unit (``元/人*月``), not a mark. Lint reads it too.
STAR_MARK = re.compile(r"(?<![\u3400-\u9fff])\*|\*(?![\u3400-\u9fff])")
#: A template mark: such a ``*``, ``xx``, ``×××``.
_PLACEHOLDER = re.compile(STAR_MARK.pattern + r"|xx|XX|＊|×{2,}")


@dataclass(frozen=True)
class Target:
    """A parsed 指标值.

    ``text``: as written. ``op``: one of ``≥ ≤ = > <``, ``定性`` for qualitative, or ``None``
    when no operator is written. ``value``/``high``: decimal text (``"50"``) for numbers, ISO
    text (``"2025-12"``, ``"2025-12-31"``) for dates; ``high`` only for ranges. ``unit``: the
    standard unit (``"人"``, ``"万元"``, ``"%"``, ``"元/人"``). ``value_yuan``: for money units,
    ``value`` in yuan (``≤8万元`` → ``Decimal(80000)``). ``notes``: normalisations applied.
    ``reason``: why an ``unparsed`` text did not parse.
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

    @cached_property  # rules ask for it again and again; a Target never changes
    def canonical(self) -> str:
        """The target in standard form (``>=５０人`` → ``≥50人``); the text itself if unparsed."""
        if self.kind in ("quantity", "duration"):
            return f"{self.op or ''}{self.value}{self.unit or ''}"
        if self.kind == "range" and self.unit != "date":
            u = self.unit or ""
            return f"{self.value}{u}-{self.high}{u}"
        return _normalise_chars(self.text)

    @property
    def quantitative(self) -> bool:
        """True for quantity, duration, deadline and range targets."""
        return self.kind in ("quantity", "duration", "deadline", "range")


def _normalise_chars(text: str) -> str:
    return _SPACES.sub("", text.translate(_CHARS))


def _normalise(text: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    s = _normalise_chars(text)
    if s != text:
        notes.append("full-width characters or spaces normalised")
    for alias, std in units().aliases.items():
        if alias in s:
            s = s.replace(alias, std)
            notes.append(f"unit {alias!r} written as {std!r}")
    suffix_op = None
    for std, words in _WORD_SUFFIX:
        for word in words:
            if s.endswith(word) and len(s) > len(word) and s[-len(word) - 1] not in "前底末":
                s, suffix_op = s[: -len(word)], std
                notes.append(f"{word!r} written as {std!r}")
    for std, forms in _SYMBOL_OPS:
        form = next((f for f in forms if s.startswith(f)), None)
        if form is not None:
            if form != std:
                s = std + s[len(form):]
                notes.append(f"operator {form!r} written as {std!r}")
            break
    else:
        for std, words in _WORD_PREFIX:
            word = next((w for w in words if s.startswith(w) and s[len(w):][:1].isdigit()), None)
            if word is not None:
                s = std + s[len(word):]
                notes.append(f"{word!r} written as {std!r}")
                break
    if suffix_op is not None and s[:1].isdigit():
        s = suffix_op + s
    elif suffix_op is not None and not s.startswith(suffix_op):
        notes.append("operator words disagree")
    return s, notes


@lru_cache(maxsize=65536)
def parse(text: str | None) -> Target:
    """Parse a 指标值. Never raises: what does not parse comes back as kind ``unparsed``."""
    if text is None or not str(text).strip():
        return Target(text or "", "unparsed", reason="empty value")
    text = str(text)
    s, notes = _normalise(text)
    note_t = tuple(notes)

    if _PLACEHOLDER.search(s):
        return Target(text, "unparsed", notes=note_t, reason="template placeholder left in the value")
    if not re.search(r"\d", s):
        if _CJK.search(s):
            return Target(text, "qualitative", op=QUALITATIVE_OP, notes=note_t)
        return Target(text, "unparsed", notes=note_t, reason="not a number, a date or words")
    return (_deadline(text, s, note_t) or _date_range(text, s, note_t) or _num_range(text, s, note_t)
            or _quantity(text, s, note_t) or _unparsed(text, s, note_t))


def _unparsed(text: str, s: str, notes: tuple[str, ...]) -> Target:
    ops = re.findall(r"[≥≤=><]", s)
    if len(ops) > 1:
        reason = "more than one operator"
    elif ops and not s.startswith(ops[0]):
        reason = "operator not before the number"
    elif re.search(r"\d[eE][-+]?\d", s):
        reason = "number in exponent form; write the digits"
    else:
        reason = "not an operator-number-unit, a date, a duration, a range or words"
    return Target(text, "unparsed", notes=notes, reason=reason)


def _iso(y: str, m: str | None, d: str | None) -> str | None:
    year = int(y)
    if m is None:
        return f"{year:04d}"
    month = int(m)
    if not 1 <= month <= 12:
        return None
    if d is None:
        return f"{year:04d}-{month:02d}"
    day = int(d)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _deadline(text: str, s: str, notes: tuple[str, ...]) -> Target | None:
    m = _DEADLINE.fullmatch(s)
    if not m:
        return None
    month, day = m["m"] or m["m2"], m["d"] or m["d2"]
    iso = _iso(m["y"], month, day)
    if iso is None:
        return Target(text, "unparsed", notes=notes, reason="no such date")
    op = m["op"] or ("≤" if m["suffix"] else None)
    return Target(text, "deadline", op=op, value=iso, notes=notes)


def _date_range(text: str, s: str, notes: tuple[str, ...]) -> Target | None:
    m = _DATE_RANGE.fullmatch(s)
    if not m:
        return None
    low = _iso(m["ay"], m["am"], None)
    high = _iso(m["by"] or m["ay"], m["bm"], None)
    if low is None or high is None:
        return Target(text, "unparsed", notes=notes, reason="no such month")
    return Target(text, "range", value=low, high=high, unit="date", notes=notes)


def _num_range(text: str, s: str, notes: tuple[str, ...]) -> Target | None:
    m = _NUM_RANGE.fullmatch(s)
    if not m or (m["ua"] and m["ub"] and m["ua"] != m["ub"]):
        return None
    unit = m["ub"] or m["ua"] or None
    lo, hi = Decimal(m["a"]), Decimal(m["b"])
    if lo > hi:
        return Target(text, "unparsed", notes=notes, reason="range runs from high to low")
    factor = units().yuan_factor(unit)
    return Target(text, "range", value=m["a"], high=m["b"], unit=unit,
                  value_yuan=lo * factor if factor is not None else None, notes=notes)


def _quantity(text: str, s: str, notes: tuple[str, ...]) -> Target | None:
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
    return Target(text, kind, op=m["op"], value=num, unit=unit, value_yuan=value_yuan, notes=notes)


# Exact conversions between units of time (month-based and clock-based units do not mix:
# a month is not a fixed number of days). 工作日 converts to nothing.
_TIME = {"分钟": ("minutes", Decimal(1)), "小时": ("minutes", Decimal(60)), "天": ("minutes", Decimal(1440)),
         "日": ("minutes", Decimal(1440)), "周": ("minutes", Decimal(10080)),
         "月": ("months", Decimal(1)), "个月": ("months", Decimal(1)), "年": ("months", Decimal(12))}
_RATIO = {"%": Decimal(1), "‰": Decimal("0.1")}


def scale(unit: str | None) -> tuple[tuple[str, str], Decimal]:
    """What a unit measures and its size in that measure's base unit, for converting values
    exactly: ``(("money", per), yuan)`` for money (``万元`` → 10000; a unit cost keeps what it
    is per: ``元/人`` → ``("money", "人")``), ``(("minutes", ""), n)`` or ``(("months", ""), n)``
    for time (``天`` → 1440 minutes; a month is no fixed number of days), ``(("ratio", ""), n)``
    for ``%`` and ``‰``, else ``(("unit", unit), 1)``: a unit that converts only to itself."""
    u = unit or ""
    factor = units().yuan_factor(u)
    if factor is not None:
        return ("money", u.partition("/")[2]), factor
    if u in _TIME:
        return (_TIME[u][0], ""), _TIME[u][1]
    if u in _RATIO:
        return ("ratio", ""), _RATIO[u]
    return ("unit", u), Decimal(1)


def period(iso: str, years: int = 0) -> tuple[date, date]:
    """The first and last day of the period an ISO value of a :class:`Target` names (``2025``,
    ``2025-12``, ``2025-12-31``), ``years`` later when given (a 29 February falls on the 28th
    in a common year). Raises ``ValueError`` for text that is not such a value."""
    parts = [int(p) for p in iso.split("-")]
    year = parts[0] + years
    if len(parts) == 1:
        return date(year, 1, 1), date(year, 12, 31)
    month = parts[1]
    last = calendar.monthrange(year, month)[1]
    if len(parts) == 2:
        return date(year, month, 1), date(year, month, last)
    day = date(year, month, min(parts[2], last))
    return day, day

