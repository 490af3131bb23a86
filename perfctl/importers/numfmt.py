"""A spreadsheet value as Excel displays it under its number format, for the .xlsx and .xls readers.

A workbook stores raw values (``0.95`` under ``0%``, a day count under a date format); what the
table shows, and what the importer must take as printed, is the formatted text:
``display(0.95, "0%") == "95%"``, ``display(3309840, "#,##0.00") == "3,309,840.00"``,
``display(80.0, "General") == "80"``. Covered: ``General``, ``@``, digit placeholders ``0 # ?``,
thousands separators and ``,`` scaling, ``%``, scientific ``E+``, literal text (``"元"``, ``\\x``),
colours and conditions (ignored), currency ``[$¥-804]``, up to four sections
(positive;negative;zero;text), and dates and times (``yyyy"年"m"月"d"日"``, ``h:mm``,
``上午/下午``, ``AM/PM``, ``aaaa``), including the locale-dependent built-in formats of
Chinese Excel. Rounding is half away from zero on the value's 15 significant digits, as Excel's.
Formats it does not cover (fractions, ``[DBNum1]`` numerals) fall back to ``General``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

#: Built-in format ids whose code depends on the locale, as Chinese (zh-CN) Excel shows them.
#: 14 and 22 are stored as ``mm-dd-yy`` / ``m/d/yy h:mm`` but shown in the system's short date.
CJK_BUILTIN: dict[int, str] = {
    14: "yyyy/m/d", 22: "yyyy/m/d h:mm",
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}
#: The day count of 9999-12-31, the last date Excel shows.
LAST_SERIAL = 2958465
_SHORT_DATES = {"mm-dd-yy": "yyyy/m/d", "m/d/yy": "yyyy/m/d", "m/d/yy h:mm": "yyyy/m/d h:mm",
                "m/d/yy\\ h:mm": "yyyy/m/d h:mm"}

_TOKEN = re.compile(r'(?i:general|am/pm|a/p)|G/通用格式|上午/下午|"[^"]*"|\\.|_.|\*.|\[[^\]]*\]|.', re.S)
_MARKS = ("am/pm", "a/p", "上午/下午")
_GENERAL = ("general", "g/通用格式")
_WEEKDAYS_ZH = "一二三四五六日"


def is_date_format(fmt: str) -> bool:
    """Whether ``fmt``'s first section formats dates or times (codes outside quotes)."""
    plain = "".join(t for t in _TOKEN.findall(_sections(fmt)[0]) if len(t) == 1 or t.lower() in _MARKS)
    if re.search(r"[0#?]", plain.replace(".0", "")):
        return False
    return bool(re.search(r"[ymdhse]|上午|aaa|AM/PM|A/P", plain, re.I))


def display(value: object, fmt: str | None, *, epoch1904: bool = False) -> str:
    """``value`` (``None``, bool, int, float, str, date, datetime, time, timedelta) as shown
    under the number format ``fmt`` (``None`` or ``""`` = ``General``); a number under a date
    format is a day count in the workbook's date system (``epoch1904``)."""
    fmt = fmt or "General"
    fmt = _SHORT_DATES.get(fmt, fmt)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value
    if isinstance(value, dt.timedelta):
        return _elapsed(value, fmt)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _date(value, _sections(fmt)[0])
    if not isinstance(value, (int, float)):
        return str(value)
    sections = _sections(fmt)
    number: float = value
    if len(sections) >= 3 and number == 0:
        section = sections[2]
    elif len(sections) >= 2 and number < 0:
        section, number = sections[1], -number
    else:
        section = sections[0]
    if not section.strip():
        return ""
    if is_date_format(section):
        if not 0 <= number <= LAST_SERIAL:
            return "#" * 8  # what Excel shows for a day count that is no date
        return _date(from_serial(number, epoch1904), section)
    return _number(number, section)


def general(value: float) -> str:
    """A number as the ``General`` format shows it: integers without ``.0``, at most 15
    significant digits, no exponent for ordinary magnitudes."""
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text and 1e-9 <= abs(value) < 1e15:
        text = format(Decimal(text), "f")
    return text.replace("e", "E")


def from_serial(serial: float, epoch1904: bool = False) -> dt.datetime:
    """The date and time a day count stands for (1900 system with its phantom 29 February, or
    the 1904 system)."""
    if epoch1904:
        base = dt.datetime(1904, 1, 1)
    else:
        base = dt.datetime(1899, 12, 30) if serial >= 61 else dt.datetime(1899, 12, 31)
    return base + dt.timedelta(days=serial)


def _sections(fmt: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for token in _TOKEN.findall(fmt):
        if token == ";":
            out.append("".join(current))
            current = []
        else:
            current.append(token)
    out.append("".join(current))
    return out


def _number(value: float, section: str) -> str:
    """A non-negative or signed number under one section of a number format."""
    tokens = _TOKEN.findall(section)
    kinds = [_kind(tokens, i) for i in range(len(tokens))]
    marks = [i for i, k in enumerate(kinds) if k in ("digit", "general")]
    if not marks:  # only text, such as the "-" an accounting format shows for zero
        return "".join(_literal(t) for t in tokens).strip() or general(value)
    if "general" in kinds[marks[0]: marks[-1] + 1] and len(marks) > 1:
        return general(value)
    first, last = marks[0], marks[-1]
    inner = tokens[first: last + 1]
    if any(k == "literal" for k in kinds[first: last + 1]):
        return general(value)  # text between digits (phone-number style): not a figure format
    prefix = "".join(_literal(t) for t in tokens[:first])
    suffix = "".join(_literal(t) for t in tokens[last + 1:])
    if kinds[first] == "general":
        body = general(value)
    else:
        pattern = "".join(t for t in inner if t != "%")
        body = _digits(value, pattern, tokens.count("%"))
    return (prefix + body + suffix).replace("\u00a0", " ")


def _kind(tokens: list[str], i: int) -> str:
    token = tokens[i]
    if token.lower() in _GENERAL:
        return "general"
    if token in ("0", "#", "?", ".", ","):
        return "digit"
    if token in ("E", "e") and i + 1 < len(tokens) and tokens[i + 1] in "+-":
        return "digit"
    if token in "+-" and i > 0 and tokens[i - 1] in ("E", "e"):
        return "digit"
    if token == "%":
        return "percent"
    return "literal" if len(token) == 1 and token != " " else "decoration"


def _literal(token: str) -> str:
    """The text a format token prints outside the digits."""
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith(("_", "*")) or token == "@":
        return ""
    if token.startswith("["):
        money = re.match(r"\[\$([^-\]]*)", token)
        return money.group(1) if money else ""
    return token


def _digits(value: float, pattern: str, percent: int) -> str:
    """``value`` under a digit pattern such as ``#,##0.00`` (sign included), times 100 for
    each of ``percent`` percent signs in the format."""
    if re.search(r"[eE][+-]", pattern):
        return _scientific(value * 100 ** percent, pattern)
    integer, dot, fraction = pattern.partition(".")
    scale = len(integer) - len(integer.rstrip(","))
    integer = integer.rstrip(",")
    number = Decimal(format(abs(value), ".15g")) * Decimal(100) ** percent / Decimal(1000) ** scale
    places = sum(fraction.count(ch) for ch in "0#?")
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, decimals = f"{rounded:f}".partition(".")
    required = len(fraction) - len(fraction.lstrip("0"))
    while len(decimals) > required and decimals.endswith("0"):
        decimals = decimals[:-1]
    whole = whole.lstrip("0").rjust(integer.count("0"), "0")
    if "," in integer and whole:
        whole = f"{int(whole):,}"
    text = whole + (dot + decimals if dot else "")
    return ("-" if value < 0 and rounded != 0 else "") + text


def _scientific(value: float, pattern: str) -> str:
    mantissa, exponent = re.split(r"[eE][+-]", pattern, maxsplit=1)
    places = sum(mantissa.partition(".")[2].count(ch) for ch in "0#?")
    base, exp = f"{value:.{places}E}".split("E")
    sign = "-" if int(exp) < 0 else "+"
    return f"{base}E{sign}{abs(int(exp)):0{max(1, len(exponent))}d}"


def _date(value: dt.date | dt.time, section: str) -> str:
    """A date, datetime or time under a date section (``General`` picks a short form)."""
    if section.strip().lower() in (*_GENERAL, "", "@"):
        if isinstance(value, dt.time):
            section = "h:mm:ss"
        elif isinstance(value, dt.datetime) and value.time() != dt.time():
            section = "yyyy/m/d h:mm"
        else:
            section = "yyyy/m/d"
    words = _date_words(section)
    twelve = any(code and text.lower() in _MARKS for code, text in words)
    codes = [i for i, (code, _) in enumerate(words) if code]
    return "".join(_date_part(value, words, i, codes, twelve) if code else text
                   for i, (code, text) in enumerate(words))


def _date_words(section: str) -> list[tuple[bool, str]]:
    """A date section as ``(is a code, text)`` words: ``yyyy``, ``m``, ``AM/PM``, ``.00`` are
    codes, everything else prints as it is."""
    words: list[tuple[bool, str]] = []
    for token in _TOKEN.findall(section):
        low = token.lower()
        code, text = words[-1] if words else (False, "")
        if low in _MARKS:
            words.append((True, token))
        elif len(token) > 1:
            words.append((False, _literal(token)))
        elif code and low in "ymdhsea" and text[0].lower() == low:
            words[-1] = (True, text + token)
        elif code and token == "0" and text.startswith("."):
            words[-1] = (True, text + token)
        elif low in "ymdhsea" or (token == "." and code and text[0].lower() == "s"):
            words.append((True, token))
        else:
            words.append((False, token))
    return [(False, t) if code and (t.lower() in ("a", "aa") or t == ".") else (code, t) for code, t in words]


def _date_part(value: dt.date | dt.time, words: list[tuple[bool, str]], i: int, codes: list[int],
               twelve: bool) -> str:
    word = words[i][1]
    low = word.lower()
    date = value if isinstance(value, dt.date) else None
    clock = value if isinstance(value, (dt.time, dt.datetime)) else None
    hour = clock.hour if clock is not None else 0
    if low[0] in "ye" and date is not None:
        return f"{date.year % 100:02d}" if low in ("y", "yy") else str(date.year)
    if low[0] == "m" and len(low) <= 2 and _is_minute(words, i, codes):
        return f"{clock.minute if clock else 0:0{len(low)}d}"
    if low[0] == "m" and date is not None:
        return _month(date.month, len(low))
    if low[0] == "d" and date is not None:
        return f"{date.day:0{len(low)}d}" if len(low) <= 2 else date.strftime("%A" if len(low) > 3 else "%a")
    if low[0] == "a" and low not in ("am/pm", "a/p") and date is not None:
        return ("星期" if len(low) >= 4 else "") + _WEEKDAYS_ZH[date.weekday()]
    if low[0] == "h":
        return f"{(hour % 12 or 12) if twelve else hour:0{min(len(low), 2)}d}"
    if low[0] == "s":
        return f"{clock.second if clock else 0:0{min(len(low), 2)}d}"
    if low == "am/pm":
        return "AM" if hour < 12 else "PM"
    if low == "a/p":
        return "A" if hour < 12 else "P"
    if word == "上午/下午":
        return "上午" if hour < 12 else "下午"
    if low.startswith(".0"):
        return "." + f"{clock.microsecond if clock else 0:06d}"[: len(low) - 1]
    return ""


def _is_minute(words: list[tuple[bool, str]], i: int, codes: list[int]) -> bool:
    """``m``/``mm`` means minutes right after an hour code or right before a seconds code."""
    at = codes.index(i)
    before = words[codes[at - 1]][1].lower() if at > 0 else ""
    after = words[codes[at + 1]][1].lower() if at + 1 < len(codes) else ""
    return before.startswith("h") or after.startswith("s")


def _month(month: int, width: int) -> str:
    if width <= 2:
        return f"{month:0{width}d}"
    name = ("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December")[month - 1]
    return name[:3] if width == 3 else (name[0] if width == 5 else name)


def _elapsed(value: dt.timedelta, fmt: str) -> str:
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    if "s" in fmt.lower():
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{hours}:{rest // 60:02d}"
