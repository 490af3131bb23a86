"""Pipe rows: one table row per line, cells between ``|`` (``| a | b |`` or ``a | b |``).

Exports of web and spreadsheet tables pad every row to the same number of pipes with a
run of bare pipes (``| a | b | ||||``); the cells of a merged cell above are dropped, so a
row may start further right than its header. When every row has the same number of cells
(padding aside) and the category labels stand under the header's level columns, the grid
is aligned; otherwise it is ordered and each row's empty cells at its end are dropped (the
padding, and empty last cells, which the text cannot tell apart) and rows left without
cells are left out. Markdown rule lines
(``|---|---|``) are skipped; other lines are text (a title starts the next table).
"""

from __future__ import annotations

import re

from perfctl.importers.grid import Grid
from perfctl.importers.textlayouts import (Row, Table, Tables, is_title, lines_up, make_grid,
                                            nonblank)

_PIPE_ROW = re.compile(r"^\s*\||\|\s*[^|\s]")  # a leading pipe, or text after a pipe
_RULE = re.compile(r"\s*:?-{3,}:?\s*")


def score(lines: list[str]) -> float:
    """The share of non-blank lines that are pipe rows with text after a pipe or a leading pipe."""
    return sum(1 for line in lines if _PIPE_ROW.search(line) and line.strip() != "|" * len(line.strip())
               ) / nonblank(lines)


def pieces(line: str) -> tuple[list[str], int]:
    """The cells of a pipe row as printed (not yet stripped), and how many of the last are
    padding (bare pipes: an empty piece without even a space)."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    parts = body.split("|")
    if body.endswith("|"):
        parts.pop()  # nothing after the closing pipe
    pad = 0
    while pad < len(parts) and parts[len(parts) - 1 - pad] == "":
        pad += 1
    return parts, pad


def split(lines: list[str], path: str) -> list[Grid]:
    """One grid per table; see :mod:`perfctl.importers.text` for the grid's shape."""
    tables = Tables()
    for n, line in enumerate(lines, start=1):
        if "|" not in line:
            if line.strip():
                tables.text(line.strip(), title=is_title(line), line=n)
            continue
        parts, pad = pieces(line)
        if pad < len(parts) and all(_RULE.fullmatch(p) for p in parts[: len(parts) - pad]):
            continue
        texts = [p.strip() for p in parts]
        filled = [t for t in texts if t]
        tables.item((n, texts, pad), new_table=len(filled) == 1 and is_title(filled[0]))
    return [_grid(path, t) for t in tables.done()]


def _grid(path: str, table: Table) -> Grid:
    real = [(n, texts[: len(texts) - pad]) for n, texts, pad in table.items]
    if lines_up([texts for _, texts in real]):
        return make_grid(path, _rows(real), table, aligned=True)
    trimmed = []
    for n, texts in real:
        end = len(texts)
        while end and not texts[end - 1]:
            end -= 1
        if end:
            trimmed.append((n, texts[:end]))
    return make_grid(path, _rows(trimmed), table, aligned=False)


def _rows(items: list[tuple[int, list[str]]]) -> list[Row]:
    return [[(t, n) for t in texts] for n, texts in items]
