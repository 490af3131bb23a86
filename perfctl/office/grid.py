"""One form section laid out on a spreadsheet grid: the placement :mod:`perfctl.office.xlsx` writes.

A worksheet has one column grid, but a section's tables each have their own (the tianjin
header block has 7 columns, its indicator table 5; national-2021 4 and 6). The sheet's
columns are the union of the tables' column boundaries (each table's ``widths`` are
fractions of the page width), boundaries at most :data:`SNAP` apart merged so no sliver
column appears; every cell then spans the union columns its own columns cover.

Units: column widths in Excel's character units (the width of ``0`` in the workbook's
default font, Calibri 11: 7 px), :data:`PAGE_UNITS` across A4 portrait inside 15 mm
margins (those of ``templates/print.css``); row heights in points. Pure Python: no openpyxl.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from perfctl.office.form import Cell, Paragraph, Section, Table

#: Printable width of A4 portrait (210 mm) inside 15 mm side margins, 180 mm = 680 px at
#: 96 dpi, in character units of 7 px (a little under, so the sheet needs no scaling).
PAGE_UNITS = 96.0
#: Table boundaries at most this far apart (a fraction of the page width, 2 % ≈ 13 px, one
#: Chinese character) are one column boundary: no sliver column between two near ones.
SNAP = 0.02
#: Points per line of 11 pt 宋体 text (Excel's own row height for it is 14.25).
LINE_PT = 15.0
#: Points per line of the 14 pt heading, and the heading row's least height.
HEADING_LINE_PT, HEADING_PT = 20.0, 24.0
#: Character units of text per display column (a Chinese character is 2 display columns,
#: 11 pt = 14.7 px = 2.1 units; the padding below keeps an estimate on the taller side).
UNITS_PER_COLUMN = 1.05
#: Character units a cell's padding and border take from its width.
PADDING_UNITS = 1.0


@dataclass
class Placed:
    """A cell of the sheet: ``text`` at 0-based (``row``, ``col``) spanning ``rowspan`` ×
    ``colspan`` grid positions. ``role``: ``heading``, ``subtitle``, ``meta`` (a meta part
    flush left), ``meta-end`` (the last part, flush right), ``text`` (a paragraph: sign,
    note …) or ``cell`` (a table cell, whose ``cell`` says number, left and bold)."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    role: str = "cell"
    cell: Cell | None = None


@dataclass
class Sheet:
    """A laid-out section. ``widths``: one per column, in character units; ``heights``: row →
    points, only for rows that need more than one line of 11 pt text (others are left to the
    spreadsheet); ``rows``: how many rows; ``head``: the 0-based first and last row of the
    header that repeats on printed pages (the ``head`` rows of the last table that has them),
    or ``None``."""

    widths: list[float]
    placed: list[Placed] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)
    rows: int = 0
    head: tuple[int, int] | None = None


def lay_out(section: Section) -> Sheet:
    """The section's blocks top to bottom on one grid: each paragraph one row across the
    sheet's width (a ``meta`` paragraph's parts side by side), each table its rows, with no
    empty row between them (the official form is one ruled block)."""
    tables = [b for b in section.blocks if isinstance(b, Table)]
    bounds, maps = union_columns(tables)
    sheet = Sheet(widths=[(b - a) * PAGE_UNITS for a, b in zip(bounds, bounds[1:])])
    for block in section.blocks:
        if isinstance(block, Table):
            _place_table(sheet, block, maps[id(block)])
        else:
            _place_paragraph(sheet, block)
    _estimate_heights(sheet)
    return sheet


def union_columns(tables: list[Table]) -> tuple[list[float], dict[int, list[int]]]:
    """(the sheet's column boundaries as fractions of the page width, from 0 to 1; for each
    table by ``id``, the index in those boundaries of each of its own boundaries). Inner
    boundaries of different tables at most :data:`SNAP` apart become one, at their mean; two
    of one table never do, however close. Without tables: one column."""
    inner: list[tuple[float, int, int]] = []  # (fraction, table index, boundary index)
    for t, table in enumerate(tables):
        edge = 0.0
        for k, width in enumerate(table.widths[:-1], 1):
            edge += width
            inner.append((edge, t, k))
    clusters: list[list[tuple[float, int, int]]] = []
    for point in sorted(inner):
        last = clusters[-1] if clusters else None
        if last and point[0] - last[0][0] <= SNAP + 1e-9 and all(p[1] != point[1] for p in last):
            last.append(point)
        else:
            clusters.append([point])
    bounds = [0.0, *(sum(p[0] for p in cluster) / len(cluster) for cluster in clusters), 1.0]
    maps = {id(t): [0] + [len(bounds) - 1] * len(t.widths) for t in tables}
    for i, cluster in enumerate(clusters, 1):
        for _, t, k in cluster:
            maps[id(tables[t])][k] = i
    return bounds, maps


def _place_table(sheet: Sheet, table: Table, columns: list[int]) -> None:
    top = sheet.rows
    for c in table.cells:
        start, end = columns[c.col], columns[min(c.col + c.colspan, len(columns) - 1)]
        sheet.placed.append(Placed(c.text, top + c.row, start, c.rowspan, max(end - start, 1), "cell", c))
    if table.head:
        sheet.head = (top, top + table.head - 1)
    sheet.rows += table.rows


def _place_paragraph(sheet: Sheet, paragraph: Paragraph) -> None:
    n, row = len(sheet.widths), sheet.rows
    sheet.rows += 1
    if paragraph.role != "meta" or len(paragraph.parts) < 2 or n < 2:
        role = "heading" if paragraph.role in ("title", "heading") else \
            "subtitle" if paragraph.role == "subtitle" else "meta" if paragraph.role == "meta" else "text"
        sheet.placed.append(Placed(paragraph.text, row, 0, 1, n, role))
        return
    parts = paragraph.parts[:n - 1] + ["　".join(paragraph.parts[n - 1:])] if len(paragraph.parts) > n \
        else paragraph.parts
    cuts = _meta_cuts(sheet.widths, parts)
    for k, (text, start, end) in enumerate(zip(parts, cuts, cuts[1:])):
        sheet.placed.append(Placed(text, row, start, 1, end - start, "meta-end" if k == len(parts) - 1 else "meta"))


def _meta_cuts(widths: list[float], parts: list[str]) -> list[int]:
    """Column indexes where each part of a meta line starts, and the end: the parts after
    the first get, from the right, the fewest columns that hold their text (one at least);
    the first part (the department, the longest) gets all the others."""
    n, end = len(widths), len(widths)
    starts: list[int] = []
    for k in range(len(parts) - 1, 0, -1):
        need = text_units(parts[k]) + PADDING_UNITS
        start = end - 1
        while start > k and sum(widths[start:end]) < need:  # leave one column per part on the left
            start -= 1
        starts.append(start)
        end = start
    return [0, *reversed(starts), n]


def text_units(text: str) -> float:
    """The width of the longest line of ``text`` in character units (11 pt 宋体), estimated
    from its display columns: a character of 3 or more UTF-8 bytes (Chinese, full-width
    signs, ``≥``) counts 2, ASCII 1 — the encoded length gives that in one C call."""
    return max((_line_units(line) for line in text.split("\n")), default=0.0)


def _line_units(line: str) -> float:
    return (len(line.encode("utf-8")) + len(line)) / 2 * UNITS_PER_COLUMN


def lines_needed(text: str, width: float) -> int:
    """Lines ``text`` takes in a cell ``width`` character units wide, wrapped anywhere (as
    Chinese text wraps); at least 1."""
    room = max(width - PADDING_UNITS, 1.0)
    return max(sum(max(1, math.ceil(_line_units(line) / room)) for line in text.split("\n")), 1)


def _estimate_heights(sheet: Sheet) -> None:
    """Row heights from the text: Excel does not fit a row to a merged cell's text, and most
    long texts (预算规模及资金用途, 绩效目标) are in merged cells. One-row cells first; a cell
    spanning rows then adds what its rows still lack, spread evenly over them."""
    def height(row: int) -> float:
        return sheet.heights.get(row, LINE_PT)

    edges = [0.0]
    for w in sheet.widths:
        edges.append(edges[-1] + w)
    spanning = []
    for p in sheet.placed:
        if p.rowspan > 1:
            spanning.append(p)
            continue
        width = edges[p.col + p.colspan] - edges[p.col]
        if p.role == "heading":
            need = max(HEADING_PT, lines_needed(p.text, width * 11 / 14) * HEADING_LINE_PT)
        else:
            need = lines_needed(p.text, width) * LINE_PT
        if need > height(p.row):
            sheet.heights[p.row] = need
    for p in spanning:
        rows = range(p.row, min(p.row + p.rowspan, sheet.rows))
        need = lines_needed(p.text, edges[p.col + p.colspan] - edges[p.col]) * LINE_PT
        lack = need - sum(height(r) for r in rows)
        if lack > 0:
            for r in rows:
                sheet.heights[r] = height(r) + lack / len(rows)
