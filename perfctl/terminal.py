"""Terminal layout: display widths, wrapping and tables that fit the terminal.

Widths are *display columns* as a terminal draws them: a Chinese character or a
full-width sign (，：（）) takes 2, ASCII takes 1, combining and zero-width characters 0
(:func:`wcwidth.wcswidth`, the function tabulate aligns with). Wrapping counts the same
way, so a wrapped cell never spills over the width it was given. tabulate is imported
inside :func:`table` only, so importing this module stays cheap.
"""

from __future__ import annotations

import re
import shutil

from wcwidth import wcswidth

#: Narrowest column :func:`table` makes: one Chinese character plus tabulate's 2-column
#: header padding. A 5-column grid therefore needs at least 5 * 4 + 16 = 36 columns.
MIN_COLUMN = 4
#: Columns a tabulate format adds around ``n`` columns of content.
_OVERHEAD = {"grid": lambda n: 3 * n + 1, "plain": lambda n: 2 * (n - 1)}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Punctuation that should not begin a line (Chinese line-breaking rule, 避头尾).
_NO_LINE_START = frozenset("，。、；：！？）》」』】〉”’％")
_TOKEN = re.compile(r"[!-~]+|\s|.", re.DOTALL)  # an ASCII word, one space, or one other character


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


def wrap(text: str, cols: int) -> list[str]:
    """Lines of at most ``cols`` display columns (CJK counts 2; ``cols`` at least 2).

    Existing line breaks are kept. ASCII words stay whole when they fit on a line (longer
    ones are cut); Chinese text breaks between any two characters, but not before closing
    punctuation such as ，。). Never returns an empty list.
    """
    cols = max(cols, 2)
    lines: list[str] = []
    for para in clean(text).split("\n"):
        line = ""
        for token in _tokens(para, cols):
            if wcswidth(line + token) <= cols:
                line += token
                continue
            carry = ""
            if (token in _NO_LINE_START and len(line) > 1 and not line[-1].isspace()
                    and wcswidth(line[-1] + token) <= cols):
                carry, line = line[-1], line[:-1]
            if line.strip():
                lines.append(line.rstrip())
            line = "" if token.isspace() else carry + token
        lines.append(line.rstrip())
    return lines


def _tokens(para: str, cols: int) -> list[str]:
    """ASCII words, single spaces and single other characters; words wider than ``cols``
    come apart into characters so they fill the line they start on."""
    out: list[str] = []
    for token in _TOKEN.findall(para):
        out.extend(token if wcswidth(token) > cols else [token])
    return out


def fit(naturals: list[int], available: int, minimum: int = MIN_COLUMN) -> list[int]:
    """Column widths that fit ``available`` columns: narrow columns keep their natural
    width, the space left is shared evenly among the wide ones (never below ``minimum``)."""
    if sum(naturals) <= available:
        return list(naturals)
    widths = [0] * len(naturals)
    remaining = available
    order = sorted(range(len(naturals)), key=lambda i: naturals[i])
    for k, i in enumerate(order):
        widths[i] = min(naturals[i], max(minimum, remaining // (len(naturals) - k)))
        remaining -= widths[i]
    for i in order[::-1]:  # what division left over goes to the widest columns
        if remaining > 0 and widths[i] < naturals[i]:
            widths[i] += 1
            remaining -= 1
    return widths


def table(rows: list[list[str]], headers: list[str] | None, max_width: int, fmt: str = "grid") -> str:
    """``rows`` as a tabulate table (``fmt`` "grid" or "plain") no wider than ``max_width``.

    Cells are wrapped with :func:`wrap`; numbers are printed exactly as given
    (``disable_numparse``). Lines exceed ``max_width`` only when even :data:`MIN_COLUMN`
    per column does not fit.
    """
    from tabulate import tabulate

    ncols = len(headers) if headers else max((len(r) for r in rows), default=0)
    pad = 2 if headers else 0  # tabulate widens every column to its header + 2
    naturals = [max([width(r[c]) for r in rows] + [width(headers[c]) + pad if headers else 0])
                for c in range(ncols)]
    widths = fit(naturals, max_width - _OVERHEAD[fmt](ncols))
    while True:
        body = [["\n".join(wrap(r[c], widths[c])) for c in range(ncols)] for r in rows]
        head = ["\n".join(wrap(h, widths[c] - pad)) for c, h in enumerate(headers)] if headers else ()
        out = tabulate(body, headers=head, tablefmt=fmt, disable_numparse=True, stralign="left")
        if width(out) <= max_width or max(widths, default=0) <= MIN_COLUMN:
            return out
        widths[widths.index(max(widths))] -= 1  # safety net if tabulate pads more than expected
