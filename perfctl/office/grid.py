"""One form section laid out on a spreadsheet grid: the placement :mod:`perfctl.office.xlsx` writes.

A worksheet has one column grid, but a section's tables each have their own (the tianjin
header block has 7 columns, its indicator table 5; national-2021 4 and 6). The sheet's
columns are the union of the tables' column boundaries (each table's ``widths`` are
fractions of the page width), boundaries at most :data:`SNAP` apart merged so no sliver
column appears; every cell then spans the union columns its own columns cover. Columns then
widen for their labels where the page allows (:func:`fit_labels`), and each row gets the height
its text is estimated to take, on the tall side (:func:`lines_needed`).

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
#: Points per line of 11 pt text, on the tall side: Excel sets 宋体 11 pt at 14.25 pt a line;
#: LibreOffice, where 宋体 is missing, sets Chinese in Noto Sans CJK, whose lines are 1.45 em
#: (16.0 pt, measured in a PDF it printed).
LINE_PT = 16.5
#: Points a table row adds to its lines, above and below together: the text keeps off the rules.
PAD_PT = 6.0
#: Points per line of the 14 pt heading (Noto Sans CJK: 20.3), and the heading row's least height.
HEADING_LINE_PT, HEADING_PT = 21.0, 24.0
#: Character units (7 px) of a wide character (Chinese, full-width signs: 11 pt is 14.7 px, which
#: 宋体 draws 15 px wide on screen) and of a narrow one: 宋体's half-width digits take 1.05–1.14,
#: those of LibreOffice's stand-in DejaVu Sans 1.33 (measured); the wider counts.
WIDE_UNITS, NARROW_UNITS = 15 / 7, 1.35
#: Character units a column shows beyond its width: Excel draws a column ``w`` wide as ``w × 7 + 5``
#: px, so a cell spanning columns has 5 px more room for each.
COLUMN_EXTRA_UNITS = 5 / 7
#: Character units a cell's padding and border take from its width, and the indent of a table's
#: flush-left cells (``Alignment(indent=1)``: 14 px in LibreOffice, less in Excel).
PADDING_UNITS, INDENT_UNITS = 1.0, 2.0
#: A centred table cell of one line this wide or less (character units; 10 Chinese characters)
#: is a label or a figure that should not wrap (预算规模及资金用途, 服务对象满意度指标, 2025年12月前,
#: 200000.00): :func:`fit_labels` widens its columns for it.
LABEL_UNITS = 10 * WIDE_UNITS
#: The least share of its own width a column keeps when others widen for their labels.
KEEP_SHARE = 0.6
#: A label at most this much wider than its cell is shrunk onto one line (to 80 % of its size
#: at least, 8.8 pt); a wider one wraps, as its last line then holds more than a character.
SHRINK_MAX = 1.25


@dataclass
class Placed:
    """A cell of the sheet: ``text`` at 0-based (``row``, ``col``) spanning ``rowspan`` ×
    ``colspan`` grid positions. ``role``: ``heading``, ``subtitle``, ``meta`` (a meta part
    flush left), ``meta-end`` (the last part, flush right), ``text`` (a paragraph: sign,
    note …) or ``cell`` (a table cell, whose ``cell`` says number, left and bold). ``shrink``:
    a label the page had no room to widen its columns for (:func:`fit_labels`), a little too
    wide (:data:`SHRINK_MAX`): shrunk onto one line rather than wrapped."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    role: str = "cell"
    cell: Cell | None = None
    shrink: bool = False


@dataclass
class Sheet:
    """A laid-out section. ``widths``: one per column, in character units (:func:`fit_labels`);
    ``heights``: row → points, for every table row and the other rows that wrap (the others are
    left to the spreadsheet); ``rows``: how many rows; ``head``: the 0-based first and last row of the
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
    sheet = Sheet(widths=fit_labels([(b - a) * PAGE_UNITS for a, b in zip(bounds, bounds[1:])], tables, maps))
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


def fit_labels(widths: list[float], tables: list[Table], maps: dict[int, list[int]]) -> list[float]:
    """``widths`` (character units, one per sheet column, as :func:`union_columns` maps the
    ``tables``' columns) changed so that every label fits on one line where the page allows: a
    centred one-line cell no wider than :data:`LABEL_UNITS` (一级指标, 预算规模及资金用途, an
    amount, ``2025年12月前``), which Excel would otherwise break anywhere (``…资金用/途``) or show
    as ``####``. Columns too narrow for their labels widen; the others give up what they have
    beyond their own labels and :data:`KEEP_SHARE` of their width, in proportion to it. When
    that is not enough, they give all of it and each column too narrow gets its share of it
    (its labels are then shrunk: :attr:`Placed.shrink`). The total stays."""
    least = [w * KEEP_SHARE for w in widths]
    needs = []
    for table in tables:
        columns = maps[id(table)]
        for c in table.cells:
            units = _label_units(c)
            if units:
                start, end = columns[c.col], columns[min(c.col + c.colspan, len(columns) - 1)]
                end = max(end, start + 1)
                needs.append((end - start, start, end, units - (end - start) * COLUMN_EXTRA_UNITS))
    for _, start, end, units in sorted(needs):  # labels of one column first
        have = sum(least[start:end])
        if have < units:
            for k in range(start, end):
                least[k] = least[k] * units / have if have > 0 else units / (end - start)
    up = [max(m - w, 0.0) for w, m in zip(widths, least)]  # what each column lacks
    down = [max(w - m, 0.0) for w, m in zip(widths, least)]  # what it can give
    wanted, spare = sum(up), sum(down)
    if wanted <= 1e-9:
        return widths
    give, get = min(wanted / spare, 1.0) if spare else 0.0, min(spare / wanted, 1.0)
    return [w + u * get - d * give for w, u, d in zip(widths, up, down)]


def _label_units(c: Cell) -> float:
    """The width a label cell needs (character units, padding included), 0 for a cell that is
    no label: flush left, empty, of several lines or wider than :data:`LABEL_UNITS`."""
    if c.left or not c.text or len(c.text) > LABEL_UNITS / NARROW_UNITS or "\n" in c.text:
        return 0.0
    units = _line_units(c.text)
    return units + PADDING_UNITS if units <= LABEL_UNITS else 0.0


def _place_table(sheet: Sheet, table: Table, columns: list[int]) -> None:
    top = sheet.rows
    for c in table.cells:
        start, end = columns[c.col], columns[min(c.col + c.colspan, len(columns) - 1)]
        span = max(end - start, 1)
        room = sum(sheet.widths[start:start + span]) + span * COLUMN_EXTRA_UNITS
        shrink = room + 1e-6 < _label_units(c) <= room * SHRINK_MAX
        sheet.placed.append(Placed(c.text, top + c.row, start, c.rowspan, span, "cell", c, shrink=shrink))
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
    """The width of the longest line of ``text`` in character units (11 pt), estimated from its
    characters: one of 3 or more UTF-8 bytes (Chinese, full-width signs, ``≥``) is wide
    (:data:`WIDE_UNITS`), ASCII narrow (:data:`NARROW_UNITS`) — the encoded length gives the
    count in one C call."""
    return max((_line_units(line) for line in text.split("\n")), default=0.0)


def _line_units(line: str) -> float:
    n = len(line)
    return n * NARROW_UNITS + (len(line.encode("utf-8")) - n) / 2 * (WIDE_UNITS - NARROW_UNITS)


def lines_needed(text: str, width: float, indent: float = 0.0) -> int:
    """Lines ``text`` takes in a cell ``width`` character units wide whose text is indented by
    ``indent`` units, at least 1. Chinese text wraps anywhere, but a wrapped line may end up to
    a wide character short (a whole character that does not fit, ``。`` or ``，`` kept off the
    start of the next line, a Latin word kept whole): each counts that much less room."""
    room = max(width - PADDING_UNITS - indent, WIDE_UNITS)
    wrapped = max(room - WIDE_UNITS, WIDE_UNITS)
    count = 0
    for line in text.split("\n"):
        units = _line_units(line)
        count += 1 if units <= room + 1e-6 else math.ceil(units / wrapped)
    return max(count, 1)


def _estimate_heights(sheet: Sheet) -> None:
    """Row heights from the text: Excel does not fit a row to a merged cell's text, and most
    long texts (预算规模及资金用途, 绩效目标) are in merged cells. Every table row gets its
    lines (:data:`LINE_PT`) and padding (:data:`PAD_PT`), other rows only when they wrap.
    One-row cells first; a cell spanning rows then adds what its rows still lack, spread evenly
    over them."""
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
        need = _need(p, edges[p.col + p.colspan] - edges[p.col] + p.colspan * COLUMN_EXTRA_UNITS)
        if need > sheet.heights.get(p.row, 0.0):
            sheet.heights[p.row] = need
    for p in spanning:
        rows = range(p.row, min(p.row + p.rowspan, sheet.rows))
        width = edges[p.col + p.colspan] - edges[p.col] + p.colspan * COLUMN_EXTRA_UNITS
        lack = _need(p, width) - sum(height(r) for r in rows)
        if lack > 0:
            for r in rows:
                sheet.heights[r] = height(r) + lack / len(rows)


def _need(p: Placed, width: float) -> float:
    """Points the text of ``p`` takes in a cell ``width`` character units wide; 0 for a line
    of text outside the tables, which the spreadsheet sizes itself."""
    if p.role == "heading":
        return max(HEADING_PT, lines_needed(p.text, width * 11 / 14) * HEADING_LINE_PT)
    if p.shrink:
        return LINE_PT + PAD_PT
    if p.role == "cell":
        indent = INDENT_UNITS if p.cell is not None and p.cell.left else 0.0
        return lines_needed(p.text, width, indent) * LINE_PT + PAD_PT
    lines = lines_needed(p.text, width)
    return lines * LINE_PT if lines > 1 else 0.0
