"""Which rows make one target table: a grid is not always one table.

- A header block without indicators followed by a grid that starts with the indicator
  header (after block labels only: the 101号 form's ``绩效指标``) is one table in two (the
  seed's own .docx draws 项目名称 … 绩效目标 and the indicators as two Word tables; so does
  the national-2021 layout perfctl renders): they are read together.
- An ordered grid of one cell per row is read as one stream of cells.
- Tables stacked in one grid (several on one spreadsheet) are cut where, after a table's
  indicator header, a row starts another: a title row (``3.…绩效目标表``), a row stating the
  money unit (``389101…办公室 | 单位：元``), or a 项目名称 row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfctl.importers import tokens, values
from perfctl.importers.grid import Cell, Grid
from perfctl.importers.rows import header_run
from perfctl.importers.vocabulary import Vocabulary


@dataclass
class Part:
    """The rows of one table, the grid it starts in (``owner``: the grid of each cell, by
    ``id``), the text before and after it, and whether it ends the file."""

    grid: Grid
    rows: list[list[Cell]]
    owner: dict[int, Grid] = field(default_factory=dict)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    last: bool = False


def parts(grids: list[Grid], vocab: Vocabulary) -> list[Part]:
    """The tables of a file's grids, in order (see the module docstring)."""
    prepared = [(g, tokens.rows(g, vocab)) for g in grids]
    out: list[Part] = []
    final = max((k for k, (_, rows) in enumerate(prepared) if rows), default=-1)
    i = 0
    while i < len(prepared):
        grid, rows = prepared[i]
        if not rows:
            i += 1
            continue
        owner = {id(c): grid for row in rows for c in row}
        after = grid.after
        if not _has_header(rows, vocab) and i + 1 < len(prepared) and prepared[i + 1][1] \
                and _opens_with_header(prepared[i + 1][1][0], vocab):
            i += 1
            second, more = prepared[i]
            owner.update({id(c): second for row in more for c in row})
            rows, after = rows + more, second.after
        pieces = [_streamed(piece) if not grid.aligned else piece for piece in _split(rows, vocab)]
        for k, piece in enumerate(pieces):
            end = k == len(pieces) - 1
            out.append(Part(grid, piece, owner, grid.before if k == 0 else [], after if end else [],
                            last=end and i == final))
        i += 1
    return out


def _streamed(rows: list[list[Cell]]) -> list[list[Cell]]:
    """An ordered table whose rows hold one cell each (a paragraph per cell) lost its row
    boundaries: its cells are one stream, one row."""
    if len(rows) >= 8 and sum(len(row) == 1 for row in rows) >= 0.8 * len(rows):
        return [[c for row in rows for c in row]]
    return rows


def _opens_with_header(row: list[Cell], vocab: Vocabulary) -> bool:
    """Whether a row is the indicator header, after block labels only (the 101号 form prints
    ``绩效指标`` before ``一级指标``, over a column of its own)."""
    for j, cell in enumerate(row):
        if header_run(row, j, vocab) is not None:
            return True
        if not vocab.blocks(vocab.key(cell.text)):
            return False
    return False


def _has_header(rows: list[list[Cell]], vocab: Vocabulary) -> bool:
    return any(header_run(row, j, vocab) is not None for row in rows for j in range(len(row)))


def _split(rows: list[list[Cell]], vocab: Vocabulary) -> list[list[list[Cell]]]:
    pieces: list[list[list[Cell]]] = [[]]
    header_seen, since = False, 0
    for row in rows:
        if header_seen and since > 0 and _starts_table(row, vocab):
            pieces.append([])
            header_seen = False
        pieces[-1].append(row)
        if any(header_run(row, j, vocab) is not None for j in range(len(row))):
            header_seen, since = True, 0
        else:
            since += 1
    return pieces


def _starts_table(row: list[Cell], vocab: Vocabulary) -> bool:
    first = row[0].text
    if len(row) == 1 and vocab.is_title(first):
        return True
    if len(row) <= 3 and any(values.money_unit(c.text, vocab) for c in row) \
            and not any(vocab.is_label(c.text) for c in row):
        return True
    return vocab.fields(vocab.key(first)) == "name" and len(row) > 1
