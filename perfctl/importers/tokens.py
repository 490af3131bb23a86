"""A grid's cells as the recognizer reads them: rows of non-empty cells, labels rejoined.

Empty cells carry nothing but their position, and the text layouts place them unreliably
(dropped, or moved to the end of the row), so the recognizer reads the non-empty cells in
order, and uses their columns only where the grid is aligned. In an ordered grid a label
printed over several cells or lines (``项目效益`` / ``指标``, ``绩`` ``效`` ``指`` ``标``) is joined
back into one cell at the position of its first piece; a piece that is a label itself
(``资金总额``) is not a continuation.
"""

from __future__ import annotations

from dataclasses import replace

from perfctl.importers.grid import Cell, Grid
from perfctl.importers.vocabulary import Vocabulary, squeeze

#: At most this many pieces make one label; each piece at most this long.
MAX_PIECES = 6
MAX_PIECE_CHARS = 8


def rows(grid: Grid, vocab: Vocabulary) -> list[list[Cell]]:
    """The grid's rows of non-empty cells (text stripped), labels rejoined in ordered grids;
    rows left with no cell are dropped. Cells of form furniture that hold nothing are left out
    (:meth:`~perfctl.importers.vocabulary.Vocabulary.carries_nothing`: a ``续表`` row repeated
    in a table's header for print, a 填报单位（盖章） line, blank 填报人/联系电话 fields)."""
    out = [[c if c.text == c.text.strip() else replace(c, text=c.text.strip()) for c in row
            if c.text.strip() and not vocab.carries_nothing(c.text)] for row in grid.rows]
    if not grid.aligned:
        out = _join_wrapped(out, vocab)
    return [row for row in out if row]


def _piece(text: str) -> bool:
    """Whether a cell can be a piece of a wrapped label: short, no digits, no comparison signs."""
    s = squeeze(text)
    return 0 < len(s) <= MAX_PIECE_CHARS and not any(ch.isdigit() or ch in "≥≤<>=%％" for ch in s)


def _join_wrapped(rows: list[list[Cell]], vocab: Vocabulary) -> list[list[Cell]]:
    """Join runs of short cells (across rows) that together, and not alone, are a known label."""
    flat = [(r, i) for r, row in enumerate(rows) for i in range(len(row))]
    gone: set[tuple[int, int]] = set()
    joined: dict[tuple[int, int], Cell] = {}
    n = 0
    while n < len(flat):
        r, i = flat[n]
        first = rows[r][i]
        if vocab.is_known(first.text) or not _piece(first.text):
            n += 1
            continue
        best = 0
        text = squeeze(first.text)
        for k in range(1, MAX_PIECES):
            if n + k >= len(flat):
                break
            nr, ni = flat[n + k]
            piece = squeeze(rows[nr][ni].text)
            if not _piece(piece) or vocab.is_label(piece):
                break  # a label of its own (`年度` above `资金总额`) continues no other
            text += piece
            if vocab.is_known(text):
                best = k
        if best:
            pieces = [rows[fr][fi] for fr, fi in flat[n: n + best + 1]]
            joined[(r, i)] = replace(first, text=" ".join(p.text for p in pieces))
            gone.update(flat[n + 1: n + best + 1])
            n += best + 1
        else:
            n += 1
    return [[joined.get((r, i), c) for i, c in enumerate(row) if (r, i) not in gone] for r, row in enumerate(rows)]
