"""Terminal layout: display widths, wrapping and tables that fit the terminal.

Widths are *display columns* as a terminal draws them: a Chinese character or a
full-width sign (，：（）) takes 2, ASCII takes 1, combining and zero-width characters 0
(:func:`wcwidth.wcswidth`, the function tabulate aligns with). Wrapping counts the same
way, so a wrapped cell never spills over the width it was given. White space at the ends
of a value is shown as written (a full-width space, U+3000, too). tabulate is imported only
when a table is drawn, so importing this module stays cheap.

Some text never breaks across lines, at any width (:func:`atoms`): a number with its sign
and unit (``200000.00``, ``≥90%``, ``≤48小时``), a date (``2025年12月前``), and a column's
header or a field's label. A table whose columns cannot hold these whole falls back to one
field per line, ``label: value`` (:func:`fields`); only there may an unbreakable token wider
than the terminal overflow it.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache

from wcwidth import wcswidth

#: Narrowest column :func:`table` makes: one Chinese character plus tabulate's 2-column
#: header padding. A 5-column grid therefore needs at least 5 * 4 + 16 = 36 columns.
MIN_COLUMN = 4
#: Columns a tabulate format adds around ``n`` columns of content.
_OVERHEAD = {"grid": lambda n: 3 * n + 1, "plain": lambda n: 2 * (n - 1)}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Punctuation that should not begin a line (Chinese line-breaking rule, 避头尾).
_NO_LINE_START = frozenset("，。、；：！？）》」』】〉”’％")
_DATE = r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?"
#: After a date: the limit word of a deadline (2025年12月前, 2025年底前).
_DATE_LIMIT = r"(?:底前|底|末|前|以前|之前|止|内)?"
_NUMBER = r"[≥≤＞＜><=≈~～±+-]*[0-9０-９]+(?:[.,．][0-9０-９]+)*"
_TOKEN = re.compile(r"[!-~]+|\s|.", re.DOTALL)  # an ASCII word, one space, or one other character


@lru_cache(maxsize=1)
def _atom() -> re.Pattern[str]:
    """A number with its sign and unit (units from the lexicon, longest first), or a date."""
    from perfctl.lexicons import units

    u = units()
    names = sorted({*u.money, *u.time, *u.ratio, *u.count, *u.aliases, *u.measures}, key=len, reverse=True)
    unit = "|".join(map(re.escape, names))
    scale = "|".join(map(re.escape, u.scales))
    return re.compile(rf"(?:{_DATE}){_DATE_LIMIT}|{_NUMBER}(?:{scale})?(?:{unit})?(?:/(?:{unit}))?")


def terminal_width() -> int:
    """Columns of the terminal (``$COLUMNS`` wins; 80 when stdout is not a terminal)."""
    return shutil.get_terminal_size().columns


def clean(text: str) -> str:
    """``text`` safe to print: tabs become a space, other control characters (escape
    sequences a file could smuggle into the terminal) become visible ``\\x1b`` text."""
    text = text.replace("\t", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def width(text: str) -> int:
    """Display columns of the widest line of ``text`` (after :func:`clean`)."""
    return max((max(wcswidth(line), 0) for line in clean(text).split("\n")), default=0)


def pad(text: str, cols: int) -> str:
    """``text`` followed by spaces up to ``cols`` display columns (a Chinese character takes 2;
    text already as wide or wider is left as it is): a column of words in either language."""
    return text + " " * max(0, cols - width(text))


def wrap(text: str, cols: int) -> list[str]:
    """Lines of at most ``cols`` display columns (CJK counts 2; ``cols`` at least 2).

    Existing line breaks are kept. Numbers and dates (:func:`atoms`) are never cut: one
    wider than ``cols`` gets a line of its own, wider than ``cols``. Other ASCII words stay
    whole when they fit on a line (longer ones are cut); Chinese text breaks between any two
    characters, but not before closing punctuation such as ，。). White space where a line
    breaks is dropped; white space at the start and the end of each line of ``text`` (a
    value's full-width spaces, U+3000, too) is the text's own and kept. Never returns an
    empty list.
    """
    cols = max(cols, 2)
    lines: list[str] = []
    for para in clean(text).split("\n"):
        body = para.strip()
        lead = para[:len(para) - len(para.lstrip())]
        line = _spaces(lines, "", lead, cols)
        for token in _tokens(body, cols):
            if wcswidth(line + token) <= cols:
                line += token
                continue
            carry = ""
            if (token in _NO_LINE_START and len(line) > 1 and not line[-1].isspace()
                    and wcswidth(line[-1] + token) <= cols):
                carry, line = line[-1], line[:-1]
            if line:
                lines.append(line.rstrip() or line)  # only the leading white space on it: kept
            line = "" if token.isspace() else carry + token
        lines.append(_spaces(lines, line, para[len(lead) + len(body):], cols))
    return lines


def _spaces(lines: list[str], line: str, spaces: str, cols: int) -> str:
    """``line`` with the white space ``spaces`` added one character at a time; a full line
    goes to ``lines`` and the rest starts the next one."""
    for ch in spaces:
        if line and wcswidth(line + ch) > cols:
            lines.append(line)
            line = ""
        line += ch
    return line


def _tokens(para: str, cols: int) -> list[str]:
    """Numbers and dates whole, ASCII words, single spaces and single other characters;
    words (not numbers or dates) wider than ``cols`` come apart into characters so they
    fill the line they start on."""
    out: list[str] = []
    at = 0
    for m in _atom().finditer(para):
        out += _words(para[at:m.start()], cols)
        out.append(m.group())
        at = m.end()
    return out + _words(para[at:], cols)


def _words(text: str, cols: int) -> list[str]:
    out: list[str] = []
    for token in _TOKEN.findall(text):
        out.extend(token if wcswidth(token) > cols else [token])
    return out


def atoms(text: str) -> list[str]:
    """The tokens of ``text`` that are never cut across lines: numbers with their sign and
    unit (``200000.00``, ``≥90%``, ``≤3万元``, ``15个工作日``) and dates (``2025年12月前``)."""
    return _atom().findall(clean(text))


def narrowest(text: str) -> int:
    """The fewest display columns ``text`` wraps into without cutting a number or a date
    (CJK characters count 2)."""
    return max([wcswidth(a) for a in atoms(text)] + [width(ch) for ch in text if not ch.isspace()], default=0)


def fit(naturals: list[int], available: int, minimum: int | list[int] = MIN_COLUMN) -> list[int]:
    """Column widths that fit ``available`` columns: narrow columns keep their natural
    width, the space left is shared evenly among the wide ones, none below its ``minimum``
    (one for all columns, or one per column; never above the natural width)."""
    if sum(naturals) <= available:
        return list(naturals)
    least = minimum if isinstance(minimum, list) else [minimum] * len(naturals)
    widths = [min(m, n) for m, n in zip(least, naturals)]
    spare = available - sum(widths)
    while spare > 0:  # one column at a time to the narrowest that wants more: an even share
        growing = [i for i, w in enumerate(widths) if w < naturals[i]]
        if not growing:
            break
        widths[min(growing, key=lambda i: (widths[i], -naturals[i]))] += 1
        spare -= 1
    return widths


def layout(rows: list[list[str]], headers: list[str] | None, max_width: int, fmt: str = "grid",
           whole: tuple[int, ...] = ()) -> list[int] | None:
    """The content width of each column of :func:`table`, or ``None`` when the columns cannot
    hold, within ``max_width``, each its header and its widest number or date whole (and the
    whole cells of the columns in ``whole``: labels)."""
    ncols = len(headers) if headers else max((len(r) for r in rows), default=0)
    pad = 2 if headers else 0  # tabulate widens every column to its header + 2
    naturals = [max([width(r[c]) for r in rows] + [width(headers[c]) + pad if headers else 0])
                for c in range(ncols)]
    least = [naturals[c] if c in whole else
             max([narrowest(r[c]) for r in rows] + [width(headers[c]) + pad if headers else 1]) for c in range(ncols)]
    available = max_width - _OVERHEAD[fmt](ncols)
    if sum(least) > available:
        return None
    return fit(naturals, available, least)


def table(rows: list[list[str]], headers: list[str] | None, max_width: int, fmt: str = "grid",
          whole: tuple[int, ...] = ()) -> str:
    """``rows`` as a tabulate table (``fmt`` "grid" or "plain") no wider than ``max_width``
    (without ``headers``, "plain" is drawn by :func:`_plain`).

    Cells are wrapped with :func:`wrap`; numbers are printed exactly as given
    (``disable_numparse``). Headers, numbers and dates are never cut, nor the cells of the
    columns in ``whole``; when the columns cannot hold them (:func:`layout`), the rows come
    out one field per line instead (:func:`fields`).
    """
    widths = layout(rows, headers, max_width, fmt, whole)
    if widths is None:
        return fields(rows, headers, max_width)
    body = [["\n".join(wrap(r[c], widths[c])) for c in range(len(widths))] for r in rows]
    if fmt == "plain" and not headers:
        return _plain(body)
    return _tabulate(body, headers or [], fmt)


def _plain(body: list[list[str]]) -> str:
    """Cells side by side, two spaces apart, each column as wide as its widest line: tabulate's
    "plain" format, except that the last cell of a line keeps the white space at its end
    (tabulate trims every line, a value's U+3000 with its own padding)."""
    widths = [max(max(wcswidth(line), 0) for cell in column for line in cell.split("\n")) for column in zip(*body)]
    lines = []
    for row in body:
        cells = [cell.split("\n") for cell in row]
        for i in range(max(len(cell) for cell in cells)):
            parts = [cell[i] if i < len(cell) else "" for cell in cells]
            while len(parts) > 1 and not parts[-1]:
                parts.pop()
            lines.append("  ".join([*(p + " " * (w - max(wcswidth(p), 0)) for p, w in zip(parts[:-1], widths)),
                                    parts[-1]]))
    return "\n".join(lines)


def _tabulate(body: list[list[str]], headers: list[str], fmt: str) -> str:
    """tabulate, left-aligned, numbers as given, and every cell's white space as written
    (tabulate strips the ends of a cell, U+3000 too, unless told not to)."""
    from tabulate import tabulate

    return tabulate(body, headers=headers, tablefmt=fmt, disable_numparse=True, stralign="left",
                    preserve_whitespace=True)


def fields(rows: list[list[str]], headers: list[str] | None, cols: int) -> str:
    """``rows`` one field per line, ``label: value``, for a terminal too narrow for their table:
    with ``headers`` each row is a block of its non-empty cells labelled by their headers, the
    blocks separated by a blank line; without, each row is (label, value). A value that does
    not fit beside its label goes on the lines below it, indented by 2 and wrapped; a label,
    a number or a date wider than ``cols`` is the only thing that overflows."""
    from perfctl.i18n import _

    blocks = []
    for r in rows:
        pairs = list(zip(headers, r)) if headers else [(r[0], "  ".join(r[1:]))]
        lines = []
        for label, value in pairs:
            if headers and not value:
                continue
            # TRANSLATORS: a field on its own line when a table does not fit the terminal: "得分: 9.20"
            head = _("{label}:").format(label=clean(label))
            one = _("{label}: {value}").format(label=clean(label), value=clean(value)) if value else head
            if "\n" not in one and wcswidth(one) <= cols:
                lines.append(one)
            else:
                lines += [head] + ["  " + line if line else "" for line in wrap(value, cols - 2)]
        blocks.append("\n".join(lines))
    return ("\n\n" if headers else "\n").join(blocks)
