"""One cell per line ending in ``|`` (``cell-lines``) and one cell per paragraph (``paragraphs``).

cell-lines: a line ``text |`` is one cell; a line of pipes only (``|||``) is that many empty
cells; ``text ||`` is the cell and one empty cell. Lines without a pipe are text (titles,
footers). Two kinds of source print this way:

- every position printed, merged cells as empty cells (corpus 02): the stream of cells has
  a fixed row width, recovered by :func:`perfctl.importers.textlayouts.stream.width`; the
  grid is aligned when the category labels line up under the header.
- pipe rows with one cell per line (corpus 03): each row starts with a line holding a lone
  ``|`` (the row's leading pipe), then its cells, and ends with one line of bare pipes,
  the padding that brings every row to the same count because the cells of merged cells
  above were dropped. Cut at the recovered width, such rows all begin with a lone ``|``
  line; then that first cell and the row's last line of bare pipes are not cells, and the
  grid is ordered. A lone ``|`` inside a row is an empty cell.

paragraphs: cells are separated by empty lines (a line of spaces between them is an empty
cell); a paragraph of several lines is one cell with its line breaks kept.

Where no width fits (cells of merged cells dropped, as in corpus 17), the grid is ordered
with all the table's cells in one row, in reading order: rows are not known.
"""

from __future__ import annotations

import re

from perfctl.importers.grid import Grid
from perfctl.importers.textlayouts import (Row, Table, Tables, is_title, make_grid, misplaced_labels,
                                            nonblank)
from perfctl.importers.textlayouts.stream import Token, chunk, width

_CELL_LINE = re.compile(r"([^|]*?)\s*(\|+)\s*")


def score_cell_lines(lines: list[str]) -> float:
    """The share of non-blank lines that are one cell ending in ``|`` or only pipes."""
    return sum(1 for line in lines if line.strip() and _CELL_LINE.fullmatch(line)) / nonblank(lines)


def split_cell_lines(lines: list[str], path: str) -> list[Grid]:
    """One grid per table; see :mod:`perfctl.importers.text` for the grid's shape."""
    tables = Tables()
    for n, line in enumerate(lines, start=1):
        m = _CELL_LINE.fullmatch(line)
        if m is None:
            if line.strip():
                tables.text(line.strip(), title=is_title(line), line=n)
            continue
        text, pipes = m[1].strip(), len(m[2])
        texts = [text] + [""] * (pipes - 1) if text else [""] * pipes
        for i, t in enumerate(texts):
            tables.item(Token(t, n, len(texts), bare=not text), new_table=i == 0 and bool(text) and is_title(text))
    return [_grid(path, t, marked=True) for t in tables.done()]


def score_paragraphs(lines: list[str]) -> float:
    """The share of non-blank lines that stand alone between empty lines, in a text of at
    least three such paragraphs and no pipes."""
    alone = [n for n, line in enumerate(lines) if line.strip() and (n == 0 or not lines[n - 1].strip())
             and (n + 1 == len(lines) or not lines[n + 1].strip())]
    if len(alone) < 3 or any("|" in line for line in lines):
        return 0.0
    return len(alone) / nonblank(lines)


def split_paragraphs(lines: list[str], path: str) -> list[Grid]:
    """One grid per table; see :mod:`perfctl.importers.text` for the grid's shape."""
    tables = Tables()
    for text, n in paragraphs(lines):
        if is_title(text) and "\n" not in text:
            tables.text(text, title=True, line=n)
        else:
            tables.item(Token(text, n))
    return [_grid(path, t, marked=False) for t in tables.done()]


def paragraphs(lines: list[str]) -> list[tuple[str, int]]:
    """The paragraphs (text with inner line breaks, first line) between empty lines; when the
    text has no empty line, lines of white space separate instead."""
    empty = any(line == "" for line in lines[:-1])
    out: list[tuple[str, int]] = []
    block: list[tuple[str, int]] = []
    for n, line in enumerate([*lines, ""], start=1):
        if line == "" or (not empty and not line.strip()):
            if block:
                out.append(("\n".join(t.strip() for t, _ in block).strip(), block[0][1]))
                block = []
            continue
        block.append((line, n))
    return out


def _grid(path: str, table: Table, *, marked: bool) -> Grid:
    tokens: list[Token] = table.items
    found = width(tokens)
    if found is not None:
        rows = chunk(tokens, found[0])
        if marked and all(row[0].bare and row[0].run == 1 for row in rows):
            return make_grid(path, [_unpadded(row, found[0]) for row in rows], table, aligned=False)
        grid = make_grid(path, [_row(row) for row in rows], table, aligned=True)
        if not misplaced_labels(grid.texts()):
            return grid
        if found[1]:
            grid.aligned = False
            return grid
    return make_grid(path, [_row(tokens)], table, aligned=False)


def _row(tokens: list[Token]) -> Row:
    return [(t.text, t.line) for t in tokens]


def _unpadded(row: list[Token], w: int) -> Row:
    """A pipe row printed one cell per line: without its leading lone ``|`` and, when the row
    is whole (``w`` cells; the text may end mid-row), its last line of bare pipes."""
    cells = row[1:]
    if len(row) == w and cells and cells[-1].bare:
        last = cells[-1].line
        cells = [t for t in cells if t.line != last]
    return _row(cells)
