"""Indicator rows of an ordered grid: cells read in turn and cut into rows by their words.

A row of the grid normally holds one indicator row, missing its merged cells at the start.
A grid that lost its row boundaries (a whole table on one line, one cell per paragraph)
holds many in one row: there the values of a row end where the next category label
starts, or, once the row has a value for each required column, where a cell is followed
by cells that fit a whole row (it is the next row's name).

Each piece (:class:`Segment`) is: project cells (tables of several projects), category
labels, then the 三级指标 name and the value cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfctl.importers import values
from perfctl.importers.grid import Cell
from perfctl.importers.rows import DROPPED, dropped_column, fits, is_stop, new_project, optional, place, subtotal
from perfctl.importers.table import Row, Table, stray
from perfctl.importers.vocabulary import Vocabulary


@dataclass
class Segment:
    """One indicator row's cells as cut from the text."""

    level1: Cell | None = None
    level2: Cell | None = None
    name: Cell | None = None
    values: list[Cell] = field(default_factory=list)
    project: list[Cell] = field(default_factory=list)
    subtotal: list[Cell] = field(default_factory=list)
    stream_end: bool = False


def read_ordered(t: Table, rows: list[list[Cell]], r: int, j: int, vocab: Vocabulary, last: bool) -> tuple[int, int]:
    """Read the indicator rows of an ordered grid from cell ``j`` of row ``r`` (just after
    the header); the (row, cell) where reading the fields goes on."""
    header = t.header
    assert header is not None
    columns = header.value_fields()
    first = rows[r][j:]
    if first and values.is_number(first[0].text) and vocab.unlabelled_number_column not in header.fields:
        header.fields.append(vocab.unlabelled_number_column)
        header.cells.append(Cell("", first[0].row, first[0].col, line=first[0].line))
        t.drops.add(stray(), [first[0]])
        columns, first, j = header.value_fields(), first[1:], j + 1
    units = [[(c, (r, j + k)) for k, c in enumerate(first)]] + [[(c, (i, k)) for k, c in enumerate(rows[i])]
                                                                  for i in range(r + 1, len(rows))]
    segments: list[Segment] = []
    stop: tuple[int, int] = (len(rows), 0)
    for n, unit in enumerate(units):
        cells = [c for c, _ in unit]
        p = 0
        while p < len(cells) and vocab.blocks(vocab.key(cells[p].text)) == "indicators":
            p += 1
        stream = n == 0 or len(cells) > len(header.fields) + 1
        found, end = _cut(cells[p:], columns, vocab, t.multi, stream)
        if found and end is None and last and n == len(units) - 1 and (stream or _short(found[-1], columns)):
            found[-1].stream_end = True
        segments.extend(found)
        if end is not None:
            stop = unit[p + end][1]
            break
    _rows(t, segments, columns, vocab)
    return stop


def _short(seg: Segment, columns: list[str]) -> bool:
    """Whether a row with a name has fewer values than its required columns."""
    return seg.name is not None and len(seg.values) < len(_required(columns))


def _required(columns: list[str]) -> list[str]:
    return [c for c in columns if not optional(c)]


def _cut(cells: list[Cell], columns: list[str], vocab: Vocabulary, multi: bool,
         stream: bool) -> tuple[list[Segment], int | None]:
    """Cut cells into segments; also the index of a cell that ends the indicators."""
    out: list[Segment] = []
    need = len(_required(columns))
    p, n = 0, len(cells)

    def level(k: int) -> str | None:
        return vocab.level(cells[k].text) if k < n and not is_stop(cells[k], vocab) else None

    while p < n:
        if is_stop(cells[p], vocab):
            return out, p
        seg = Segment()
        if multi and p == 0:
            q = next((k for k in range(n) if level(k) or is_stop(cells[k], vocab)), n)
            head = cells[:q]
            if q == n and _is_subtotal(head):
                seg.subtotal = head
                out.append(seg)
                return out, None
            if 0 < q < n and level(q):
                seg.project, p = head, q
        kind = level(p)
        if kind == "level1" or (kind == "both" and level(p + 1) in ("level2", "both")):
            seg.level1, p = cells[p], p + 1
        if level(p) in ("level2", "both"):
            seg.level2, p = cells[p], p + 1
        if p >= n or level(p) or is_stop(cells[p], vocab):
            out.append(seg)
            continue
        seg.name, p = cells[p], p + 1
        while p < n and not level(p) and not is_stop(cells[p], vocab):
            if stream and len(seg.values) >= need and (len(seg.values) >= len(columns)
                                                       or _row_starts(cells, p, columns, vocab)):
                break
            seg.values.append(cells[p])
            p += 1
        out.append(seg)
    return out, None


def _row_starts(cells: list[Cell], p: int, columns: list[str], vocab: Vocabulary) -> bool:
    """Whether ``cells[p]`` reads as the name of a new row: the cells after it fit the
    row's required columns."""
    required = _required(columns)
    after = cells[p + 1: p + 1 + len(required)]
    if len(after) < len(required):
        return False
    return all(not vocab.level(c.text) and not is_stop(c, vocab) and fits(f, c.text, vocab)
               for f, c in zip(required, after))


def _no_rows_under(seg: Segment, nxt: Segment | None) -> bool:
    """Whether a category segment has no indicator under it: the next one starts another
    category of its level (or a project), or there is none."""
    return nxt is None or bool(nxt.project) or nxt.level1 is not None \
        or (seg.level2 is not None and nxt.level2 is not None)


def _is_subtotal(cells: list[Cell]) -> bool:
    return 1 < len(cells) <= 3 and values.department(cells[0].text) is not None \
        and all(values.decimal_text(c.text) is not None for c in cells[1:])


def _rows(t: Table, segments: list[Segment], columns: list[str], vocab: Vocabulary) -> None:
    """Turn segments into rows: categories carry over, label-only segments are empty rows
    (or the categories of the rows below), cut ones truncated."""
    header = t.header
    assert header is not None
    level1 = level2 = None
    need = len(_required(columns))
    for k, seg in enumerate(segments):
        if seg.subtotal:
            subtotal(t, seg.subtotal)
            continue
        if seg.project:
            # a project's cells fill the project columns from the right (merged ones are missing)
            fields = header.project_fields()
            if len(seg.project) > len(fields):
                t.drops.add(stray(), seg.project)
            else:
                new_project(t, {f.split(":", 1)[1]: c for f, c in zip(fields[-len(seg.project):], seg.project)})
        if seg.level1 is not None:
            level1, level2 = seg.level1, None
        if seg.level2 is not None:
            level2 = seg.level2
        project = max(len(t.projects) - 1, 0)
        own = [c for c in (*seg.project, seg.level1, seg.level2, seg.name) if c is not None]
        first = own[0] if own else None
        if seg.name is None:
            nxt = segments[k + 1] if k + 1 < len(segments) else None
            if seg.stream_end:
                t.rows.append(Row(level1, level2, None, state="truncated", project=project, first=first))
            elif _no_rows_under(seg, nxt):
                t.rows.append(Row(level1, level2, None, state="empty", project=project, first=first))
            continue
        placed, unplaced = place(seg.values, columns, vocab)
        state = "truncated" if seg.stream_end and len(seg.values) < need else "ok"
        for f, c in list(placed.items()):
            if f.startswith(DROPPED):
                del placed[f]
                t.drops.add(dropped_column(f), [c])
        t.rows.append(Row(level1, level2, seg.name, placed, unplaced, state=state, project=project,
                          reason=f"{len(seg.values)} values for {len(columns)} columns" if unplaced else "",
                          first=first, counts=(len(seg.values), len(columns)) if unplaced else None))
