"""Cells separated by white space: one row per line (``space-rows``) or a whole table on one line (``one-line``).

space-rows: each non-blank line is a row, its cells split at runs of spaces (a full-width
space or a tab counts as one); indentation is dropped. Lines before the first line of two
or more cells are text (titles); a title line later starts the next table, and the lines of
one cell right after it are its text too. A label wrapped over two lines (``项目效益`` /
``指标``) stays two rows of one cell: the text cannot tell a wrapped label from a row.

one-line: a whole table printed on one line, cells and the words inside cells both
separated by single spaces, so cell boundaries are unknown: every space-separated piece is
one cell of a single row. Leading document metadata (Word's core properties: author,
ISO time stamps, application version, a hexadecimal id) up to the last piece before the
first Chinese text after the last time stamp, an ``附件:`` mark, and a title piece (with the
year in brackets that follows it) are text; a title later in the line starts the next table.
"""

from __future__ import annotations

import re

from perfctl import fileio
from perfctl.importers.grid import Grid
from perfctl.importers.textlayouts import Tables, is_title, make_grid, nonblank

_SEP = re.compile(r"[ \t\u3000]+")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?")
_ANNEX = re.compile(r"附件\s*\d*\s*[:：]?")
_YEAR = re.compile(r"[(（]\s*\d{4}\s*年度?\s*[)）]")

#: Pieces searched for metadata time stamps at the start of a one-line table.
_META_WINDOW = 40


def cells(line: str) -> list[str]:
    """The space-separated pieces of a line."""
    return [t for t in _SEP.split(line.strip()) if t]


def score_space_rows(lines: list[str]) -> float:
    """The share of non-blank lines without pipes that hold 2 to 20 space-separated cells."""
    return sum(1 for line in lines if "|" not in line and 2 <= len(cells(line)) <= 20) / nonblank(lines)


def split_space_rows(lines: list[str], path: str) -> list[Grid]:
    """One grid per table; see :mod:`perfctl.importers.text` for the grid's shape."""
    tables = Tables()
    heading = True  # before the current table's first row of two or more cells
    for n, line in enumerate(lines, start=1):
        pieces = cells(line)
        if not pieces:
            continue
        if is_title(line):
            tables.text(line.strip(), title=True, line=n)
            heading = True
        elif heading and len(pieces) < 2:
            tables.text(line.strip(), title=False, line=n)
        else:
            heading = False
            tables.item([(t, n) for t in pieces])
    return [make_grid(path, t.items, t, aligned=False) for t in tables.done()]


def score_one_line(lines: list[str]) -> float:
    """1 when one line holds at least 30 space-separated pieces and most of the text, else 0."""
    longest = max(lines, key=len, default="")
    total = sum(len(line.strip()) for line in lines)
    return 1.0 if len(cells(longest)) >= 30 and len(longest.strip()) * 2 >= total else 0.0


def split_one_line(lines: list[str], path: str) -> list[Grid]:
    """One grid (a single row) per table; see :mod:`perfctl.importers.text` for its shape."""
    pieces = [(t, n) for n, line in enumerate(lines, start=1) if line.strip() for t in cells(line)]
    tables = Tables()
    meta = _metadata(pieces)
    if meta:
        tables.text(" ".join(t for t, _ in pieces[:meta]), title=False, line=pieces[0][1])
    i = meta
    while i < len(pieces):
        text = pieces[i][0]
        if _ANNEX.fullmatch(text):
            tables.text(text, title=False, line=pieces[i][1])
        elif is_title(text):
            line = pieces[i][1]
            if i + 1 < len(pieces) and _YEAR.fullmatch(pieces[i + 1][0]):
                i += 1
                text += " " + pieces[i][0]
            tables.text(text, title=True, line=line)
        else:
            tables.item(pieces[i])
        i += 1
    return [make_grid(path, [t.items], t, aligned=False) for t in tables.done()]


def _metadata(pieces: list[tuple[str, int]]) -> int:
    """How many leading pieces are document metadata: those before the first piece with
    Chinese text after the last ISO time stamp among the first pieces (0 without stamps)."""
    window = [t for t, _ in pieces[:_META_WINDOW]]
    stamps = [i for i, t in enumerate(window) if _STAMP.fullmatch(t)]
    if not stamps:
        return 0
    for i in range(stamps[-1] + 1, len(pieces)):
        if fileio.CJK.search(pieces[i][0]):
            return i
    return 0
