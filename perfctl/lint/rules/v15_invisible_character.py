"""PT-V15 invisible-character: a value holds a character that shows as nothing.

A zero-width space (U+200B), a byte-order mark inside the text (U+FEFF), a soft hyphen
(U+00AD), a direction mark (U+200E, U+202E …) or any other Unicode format control
(category Cf) is invisible in an editor, a rendered table and a printout, but it is part of
the value: ``培训人次`` with a zero-width space inside is not ``培训人次`` to a search, a
comparison with last year's table, an export column or a reviewer's check of names. Such
characters come from copying text out of web pages, Word and PDF. Delete them; the finding
is at the character itself (line and column in the file; at the value when the character
is written as an escape such as ``"\\u200b"``).

Source: heuristic (rules.md §6.2); review criterion 完整性 (财预〔2015〕88号: target content
clear and explicit); Unicode's format controls (category Cf).

Fails: ``name: 培训\\u200b人次`` (a zero-width space between 培训 and 人次).
Passes: ``name: 培训人次``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-V15"
NAME = "invisible-character"
SEVERITY = "warning"

#: Every character of Unicode category Cf (format controls), Unicode 15.
_BMP = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
        "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb")
_ASTRAL = ("\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
           "\U000e0020-\U000e007f")
INVISIBLE = re.compile(f"[{_BMP}{_ASTRAL}]")
# A text is scanned for the few characters of the first plane, then, only when it has any
# character beyond that plane, for the rest: a class that lists astral ranges scans about five
# times slower than one that does not (measured; every project file is scanned).
_IN_BMP = re.compile(f"[{_BMP}]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    doc = project.doc
    if doc is None or not _has_invisible(doc.text) and "\\" not in doc.text:
        return  # nearly every file: no such character, and no escape that could write one
    starts = _line_starts(doc.text)
    nexts = sorted(starts[line - 1] + col - 1 for line, col in [*doc.marks.values(), *doc.key_marks.values()])
    for path, value in doc.texts.items():
        if not INVISIBLE.search(value) or path and isinstance(path[-1], str) and path[-1].startswith("x-"):
            continue
        line, col = doc.marks[path]
        start = starts[line - 1] + col - 1
        end = next((i for i in nexts if i > start), len(doc.text))
        for m in INVISIBLE.finditer(value):
            char = m.group()
            at = _nth(doc.text, char, value[:m.start()].count(char), start, end)
            where = (line, col) if at is None else (doc.text.count("\n", 0, at) + 1, at - starts[doc.text.count("\n", 0, at)] + 1)
            shown = INVISIBLE.sub(lambda c: f"\\u{ord(c.group()):04x}", value)
            message = _("invisible character U+{codepoint:04X} ({character}) in '{text}'; delete it")
            yield Problem(path, message.format(codepoint=ord(char), character=unicodedata.name(char, "format control"),
                                               text=shown), at=where)


def _has_invisible(text: str) -> bool:
    return bool(_IN_BMP.search(text) or _BEYOND_BMP.search(text) and INVISIBLE.search(text))


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _nth(text: str, char: str, n: int, start: int, end: int) -> int | None:
    """Index of the ``n``-th (0-based) ``char`` in ``text[start:end]``, or ``None``."""
    at = start - 1
    for _ in range(n + 1):
        at = text.find(char, at + 1, end)
        if at < 0:
            return None
    return at
