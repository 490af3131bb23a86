"""Placing merged cells in a grid: the readers' common last step.

A reader collects :class:`Slot` objects (mutable while spans are still growing) and hands them
to :func:`build`, which orders them into a :class:`~perfctl.importers.grid.Grid`; spreadsheets
also drop empty rows, trim empty edge columns and fill the positions no cell covers.
:func:`place` is the HTML table model: cells given row by row find their column by skipping
positions taken by row spans from above.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from perfctl.importers.grid import Cell, Grid


@dataclass(slots=True)
class Slot:
    """A cell under construction: 0-based ``row``/``col`` of its top-left position."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


def build(path: str, part: str, slots: list[Slot], *, before: list[str] | None = None,
          after: list[str] | None = None, compact: bool = False, breaks: bool = False) -> Grid:
    """A grid of ``slots``, row by row, left to right.

    With ``compact`` (spreadsheets): rows where no non-empty cell starts are dropped, and so are
    columns at either edge where none starts; spans shrink to what is kept, and every position
    inside the kept area that no cell covers gets an empty cell. ``breaks``: see
    :attr:`Grid.breaks <perfctl.importers.grid.Grid>`.
    """
    if compact:
        slots = _compact(slots)
    grid = Grid(path, part, before=list(before or ()), after=list(after or ()), breaks=breaks)
    if not slots:
        return grid
    height = max(s.row + s.rowspan for s in slots)
    rows: list[list[Cell]] = [[] for _ in range(height)]
    for s in sorted(slots, key=lambda s: (s.row, s.col)):
        rows[s.row].append(Cell(s.text, s.row, s.col, s.rowspan, s.colspan))
    grid.rows = rows
    return grid


def _compact(slots: list[Slot]) -> list[Slot]:
    full = [s for s in slots if s.text]
    if not full:
        return []
    keep_rows = sorted({s.row for s in full})
    first_col = min(s.col for s in full)
    last_col = max(s.col for s in full)
    out: list[Slot] = []
    taken: set[tuple[int, int]] = set()
    for s in slots:
        rows = list(range(bisect_left(keep_rows, s.row), bisect_left(keep_rows, s.row + s.rowspan)))
        c0, c1 = max(s.col, first_col), min(s.col + s.colspan - 1, last_col)
        if not rows or c0 > c1:
            continue
        slot = Slot(s.text, rows[0], c0 - first_col, len(rows), c1 - c0 + 1)
        out.append(slot)
        taken.update((r, c) for r in rows for c in range(slot.col, slot.col + slot.colspan))
    width = last_col - first_col + 1
    out.extend(Slot("", r, c) for r in range(len(keep_rows)) for c in range(width) if (r, c) not in taken)
    return out


def merged(values: dict[tuple[int, int], str], ranges: list[tuple[int, int, int, int]]) -> list[Slot]:
    """Slots for a sheet's cells: ``values`` maps 0-based ``(row, col)`` to text (empty cells
    may be left out), ``ranges`` are merged areas ``(top, left, bottom, right)``, inclusive.
    A merged area is one slot with its top-left text; the values it hides are left out, as
    Excel hides them."""
    slots: list[Slot] = []
    hidden: set[tuple[int, int]] = set()
    large: list[tuple[int, int, int, int]] = []  # whole-column merges: checked by their bounds
    for top, left, bottom, right in ranges:
        slots.append(Slot(values.get((top, left), ""), top, left, bottom - top + 1, right - left + 1))
        if (bottom - top + 1) * (right - left + 1) <= 100_000:
            hidden.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1))
        else:
            large.append((top, left, bottom, right))
    for (r, c), text in values.items():
        if text and (r, c) not in hidden and not any(t <= r <= b and lf <= c <= rt for t, lf, b, rt in large):
            slots.append(Slot(text, r, c))
    return slots


def place(rows: list[list[tuple[str, int, int]]]) -> list[Slot]:
    """Slots for cells given as ``(text, rowspan, colspan)`` row by row, each placed in the first
    column of its row not taken by a cell spanning down from above (the HTML table model).
    Row spans are cut at the last row."""
    busy: dict[int, int] = {}  # column → the first row a cell spanning down no longer covers
    slots: list[Slot] = []
    for r, cells in enumerate(rows):
        col = 0
        for text, rowspan, colspan in cells:
            while busy.get(col, 0) > r:
                col += 1
            rowspan = max(1, min(rowspan, len(rows) - r))
            slots.append(Slot(text, r, col, rowspan, colspan))
            for c in range(col, col + colspan):
                busy[c] = r + rowspan
            col += colspan
    return slots
