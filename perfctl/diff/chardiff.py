"""Character-level text diff for Chinese text (goals, purpose, descriptions).

Chinese has no spaces between words, so a word diff marks whole sentences as changed;
this diff works per character (``difflib.SequenceMatcher`` without its junk heuristic).
A result is a list of segments ``(op, text)`` with ``op`` ``"="`` (kept), ``"-"`` (deleted)
or ``"+"`` (inserted); joining the ``=`` and ``-`` texts gives the old text, the ``=`` and
``+`` texts the new one.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable

Segment = tuple[str, str]

#: A kept run this short between two edits is folded into them ("四届" → "五次" reads as one
#: replacement, not "[-四-]{+五+}" around a lone kept character).
MERGE_BELOW = 2
#: Kept text around an edit that :func:`render` shows before eliding the rest with "…".
CONTEXT = 12

_ANSI = {"-": "\x1b[31m", "+": "\x1b[32m"}
_RESET = "\x1b[0m"
_MARKS = {"-": ("[-", "-]"), "+": ("{+", "+}")}


def segments(old: str, new: str) -> list[Segment]:
    """The edit from ``old`` to ``new`` as segments (see the module docstring)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(("=", old[i1:i2]))
            continue
        if i2 > i1:
            raw.append(("-", old[i1:i2]))
        if j2 > j1:
            raw.append(("+", new[j1:j2]))
    return _merge(_fold_short_equals(raw))


def _fold_short_equals(segs: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for i, (op, text) in enumerate(segs):
        between = 0 < i < len(segs) - 1 and segs[i - 1][0] != "=" and segs[i + 1][0] != "="
        if op == "=" and between and len(text) < MERGE_BELOW:
            out += [("-", text), ("+", text)]
        else:
            out.append((op, text))
    return out


def _merge(segs: list[Segment]) -> list[Segment]:
    """Join neighbouring segments of one op and order each edit as deletion, then insertion."""
    out: list[Segment] = []
    run: dict[str, str] = {"-": "", "+": ""}
    for op, text in segs + [("=", "")]:
        if op != "=":
            run[op] += text
            continue
        out += [(o, run[o]) for o in "-+" if run[o]]
        run = {"-": "", "+": ""}
        if text:
            out.append(("=", text))
    return out


def old_text(segs: list[Segment]) -> str:
    """The old text the segments were made from."""
    return "".join(t for op, t in segs if op != "+")


def new_text(segs: list[Segment]) -> str:
    """The new text the segments were made from."""
    return "".join(t for op, t in segs if op != "-")


def _elide(segs: list[Segment], context: int | None) -> list[Segment]:
    if context is None:
        return segs
    out = []
    for i, (op, text) in enumerate(segs):
        if op == "=":
            first, last = i == 0, i == len(segs) - 1
            keep_head = 0 if first else context
            keep_tail = 0 if last else context
            if len(text) > keep_head + keep_tail + 1:
                text = text[:keep_head] + "…" + (text[len(text) - keep_tail:] if keep_tail else "")
        out.append((op, text))
    return out


def render(segs: list[Segment], *, color: bool = False, context: int | None = CONTEXT) -> str:
    """Segments as one line of terminal text.

    Without colour, edits are marked as git's ``--word-diff`` does: ``[-deleted-]{+inserted+}``;
    with colour, deleted text is red and inserted green, unmarked. Kept runs longer than
    ``context`` characters on each side of an edit are shortened with ``…`` (``None``: never).
    """
    parts = []
    for op, text in _elide(segs, context):
        if op == "=":
            parts.append(text)
        elif color:
            parts.append(f"{_ANSI[op]}{text}{_RESET}")
        else:
            parts.append(f"{_MARKS[op][0]}{text}{_MARKS[op][1]}")
    return "".join(parts)


def render_html(segs: list[Segment], *, context: int | None = CONTEXT,
                escape: Callable[[str], str] | None = None) -> str:
    """Segments as inline HTML for Markdown: ``<del>`` and ``<ins>``, each text passed through
    ``escape`` (default: HTML escaping, line breaks as ``<br>``).

    HTML tags are used instead of ``~~``/``**`` because CommonMark's emphasis rules do not
    open or close next to Chinese punctuation such as ``，``.
    """
    escape = escape or (lambda t: html.escape(t, quote=False).replace("\n", "<br>"))
    tags = {"-": "del", "+": "ins"}
    parts = []
    for op, text in _elide(segs, context):
        escaped = escape(text)
        parts.append(escaped if op == "=" else f"<{tags[op]}>{escaped}</{tags[op]}>")
    return "".join(parts)
