"""Dates in 指标值: deadlines (``2025年12月前``), periods (``2026年第三季度``) and spans of months.

A date is ISO-like text: ``2025``, ``2025-12``, ``2025-12-31``, a quarter ``2025-Q3``, a half
year ``2025-H1``; without a year (the table's own year is meant) ``--12``, ``--12-31``,
``--Q4``, ``--H1`` (``12月底前``, ``12月31日``, ``第四季度``, ``上半年``; ``年底前`` is ``--12``).
:func:`period` turns one into its first and last day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

#: Words after a date that make it a limit (by then): 前, 底前, 之前, 以前, 末前, 底, 末, 内.
LIMIT = r"底之前|底以前|底前|末前|之前|以前|前|底|末|内"
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SEP = r"[-./]"

DEADLINE = re.compile(
    rf"(?P<op>[≤<])?(?:"
    rf"(?P<y>\d{{4}})(?:年(?:(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})日)?|第?(?P<q>[一二三四1-4])季度|(?P<h>[上下])半年|度)?"
    rf"|{_SEP}(?P<m2>\d{{1,2}})(?:{_SEP}(?P<d2>\d{{1,2}}))?(?=(?:{LIMIT})$)|{_SEP}(?P<m3>\d{{1,2}}){_SEP}(?P<d3>\d{{1,2}}))"
    rf"|(?P<ym>\d{{1,2}})月(?:(?P<yd>\d{{1,2}})日)?"
    rf"|第?(?P<yq>[一二三四1-4])季度|(?P<yh>[上下])半年|年(?=底|末))"
    rf"(?P<limit>{LIMIT})?")
#: What may follow a deadline's limit word: a few words of what is due (``…前完成验收``).
_TAIL = re.compile(r"[\u3400-\u9fff]{1,8}")
DATE_RANGE = re.compile(
    r"(?:(?P<ay>\d{4})(?:年|\.|-|/))?(?P<am>\d{1,2})(?P<am_mark>月)?(?:-|~|至|到)"
    r"(?:(?P<by>\d{4})(?:年|\.|-|/))?(?P<bm>\d{1,2})(?P<bm_mark>月)?")


def deadline(s: str) -> tuple[str | None, str, str | None, str | None] | None:
    """``(op, iso, limit word, tail)`` of a deadline or a period, ``None`` when ``s`` is not
    one; the iso is ``""`` for a date that does not exist (``2025年2月30日``). ``tail``: a few
    words after the limit word (``2026年9月底前完成验收`` → ``完成验收``), else ``None``."""
    m = DEADLINE.match(s)
    if not m:
        return None
    tail = s[m.end():] or None
    if tail is not None and not (m["limit"] and _TAIL.fullmatch(tail)):
        return None
    if m["ym"] is not None and not (m["yd"] or m["limit"]):
        return None  # 12月 alone is a number of months; 12月底, 12月31日 are dates
    limit = m["limit"]
    op = m["op"] or ("≤" if limit else None)
    if m["y"] is None:
        if m["yq"]:
            return op, f"--Q{_QUARTER[m['yq']]}", limit, tail
        if m["yh"]:
            return op, f"--H{1 if m['yh'] == '上' else 2}", limit, tail
        month = "12" if m["ym"] is None else m["ym"]  # 年底: December of the table's year
        return op, iso(None, month, m["yd"]) or "", limit, tail
    if m["q"]:
        return op, f"{int(m['y']):04d}-Q{_QUARTER[m['q']]}", limit, tail
    if m["h"]:
        return op, f"{int(m['y']):04d}-H{1 if m['h'] == '上' else 2}", limit, tail
    month, day = m["m"] or m["m2"] or m["m3"], m["d"] or m["d2"] or m["d3"]
    return op, iso(m["y"], month, day) or "", limit, tail


def date_range(s: str) -> tuple[str, str] | None:
    """``(low, high)`` isos of a span of months (``2023.07-2024.01``, ``2021年1-12月``,
    ``1-12月``), ``None`` when ``s`` is not one; ``("", "")`` for a month that does not exist."""
    m = DATE_RANGE.fullmatch(s)
    if not m:
        return None
    if m["ay"] is None:
        if m["by"] is not None or not m["bm_mark"]:
            return None  # 1-12 alone is a range of numbers; 1-12月 the months of the year
        low, high = iso(None, m["am"], None), iso(None, m["bm"], None)
    else:
        if m["am_mark"] is None and m["bm_mark"] is None and m["by"] is None and "年" not in s:
            return None
        low, high = iso(m["ay"], m["am"], None), iso(m["by"] or m["ay"], m["bm"], None)
    if low is None or high is None:
        return "", ""
    return low, high


def iso(y: str | None, m: str | None, d: str | None) -> str | None:
    """ISO text of a year, month and day (each optional after the year; no year: ``--MM``),
    ``None`` when no such date exists."""
    if m is None:
        return f"{int(y):04d}" if y is not None else None
    month = int(m)
    if not 1 <= month <= 12:
        return None
    head = f"{int(y):04d}" if y is not None else "-"
    if d is None:
        return f"{head}-{month:02d}"
    day = int(d)
    if not 1 <= day <= calendar.monthrange(int(y) if y is not None else 2000, month)[1]:
        return None
    return f"{head}-{month:02d}-{day:02d}"


def period(iso_text: str, years: int = 0, year: int | None = None) -> tuple[date, date]:
    """The first and last day of the period an ISO value of a :class:`~perfctl.target.Target`
    names (``2025``, ``2025-12``, ``2025-12-31``, ``2025-Q3``, ``2025-H1``), ``years`` later
    when given (a 29 February falls on the 28th in a common year). A value without a year
    (``--12``, ``--12-31``) is in ``year``, the table's year. Raises ``ValueError`` for text
    that is not such a value, or a value without a year when ``year`` is not given."""
    if iso_text.startswith("--"):
        if year is None:
            raise ValueError(f"{iso_text!r} names no year")
        iso_text = f"{year:04d}{iso_text[1:]}"
    head, _, rest = iso_text.partition("-")
    y = int(head) + years
    if rest[:1] in ("Q", "H"):
        n = int(rest[1:])
        size = 3 if rest[0] == "Q" else 6
        if not 1 <= n <= 12 // size:
            raise ValueError(f"{iso_text!r} is not a quarter or half year")
        first, last = (n - 1) * size + 1, n * size
        return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])
    parts = [int(p) for p in rest.split("-")] if rest else []
    if not parts:
        return date(y, 1, 1), date(y, 12, 31)
    month = parts[0]
    last = calendar.monthrange(y, month)[1]
    if len(parts) == 1:
        return date(y, month, 1), date(y, month, last)
    day = date(y, month, min(parts[1], last))
    return day, day
