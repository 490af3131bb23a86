"""The seed's tab layout (Apache Tika's text of a .docx): one tab-indented cell per line.

A row is a run of lines starting with a tab (spaces before the tab allowed); a blank line,
a line of spaces or a text line ends it. A line with spaces before its tab starts a new
row and a new table (a table glued to the one before it). A line without a tab is text: a
title, which starts the next table once the current one has rows; Tika's ``[bookmark: …]``
markers are dropped from it.
"""

from __future__ import annotations

import re

from perfctl.importers.grid import Grid
from perfctl.importers.textlayouts import Row, Tables, grid_of_rows

_TAB = re.compile(r" *\t")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


def score(lines: list[str]) -> float:
    """The share of lines that start with a tab among those that do or hold text."""
    tabbed = sum(1 for line in lines if _TAB.match(line))
    return tabbed / max(1, tabbed + sum(1 for line in lines if line.strip() and not _TAB.match(line)))


def split(lines: list[str], path: str) -> list[Grid]:
    """One grid per table; see :mod:`perfctl.importers.text` for the grid's shape."""
    tables = Tables()
    row: Row | None = None
    for n, line in enumerate(lines, start=1):
        body = line.lstrip(" ")
        if body.startswith("\t"):
            glued = body != line
            if row is None or glued:
                row = []
                tables.item(row, new_table=glued)
            row.append((body[1:].strip(), n))
            continue
        row = None
        text = _BOOKMARK.sub("", line).strip()
        if text:
            tables.text(text, title=True, line=n)
    return [grid_of_rows(path, t.items, t) for t in tables.done()]
