"""A laid-out sheet's rows and merged ranges as SpreadsheetML (ECMA-376 Part 1, §18.3).

:mod:`perfctl.office.xlsx` lets openpyxl write the workbook around a sheet (styles, print
setup, column widths, the package) and puts :func:`body` in the sheet's empty
``<sheetData>``: openpyxl's per-cell objects cost about 30 µs a cell, and a store of 1,000
projects has some 200,000 cells. The XML is the one openpyxl itself writes for the same
cells: inline strings (``t="inlineStr"``); numbers as the shortest text of the float.

Values: a figure (a cell of class ``amount`` or ``points``) that :func:`number` reads is a
number; every other cell is text, ``089101`` keeping its zero and ``=1+1`` never a formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from perfctl.office import xml_text
from perfctl.office.grid import Placed, Sheet

#: A figure as a form prints it: ``200000.00``, ``1,234.50``, ``-5``, ``95.00%``.
_FIGURE = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)")
#: The most characters a cell holds (openpyxl cuts a longer text the same way).
CELL_MAX = 32767
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def number(text: str, grouped: bool = False) -> tuple[float, str] | None:
    """A printed figure as (the number a cell holds, its number format), or ``None`` when
    ``text`` is no plain figure (``—``, empty, ``9.20\\n（原表10）``) or no float holds it
    exactly (more than 15 significant digits, never a budget's: it stays text, nothing
    rounded). The cell holds the float's shortest text (``9.13``), as Excel does. The decimals are
    the text's: ``200000.00`` → (200000.0, ``0.00``); ``1,234.50`` → (1234.5, ``#,##0.00``);
    ``10`` → (10.0, ``0``); ``95.00%`` → (0.95, ``0.00%``). ``grouped``: the document groups
    digits (``render --thousands``), so a figure too short to show it (``0.00``) is grouped
    too, and a figure typed into its cell later prints like its neighbours."""
    m = _FIGURE.fullmatch(text.strip())
    if not m:
        return None
    sign, digits, decimals, percent = m.groups()
    try:
        value = Decimal(f"{sign}{digits.replace(',', '')}.{decimals or '0'}")
    except InvalidOperation:
        return None
    if percent:
        value = value.scaleb(-2)
    result = float(value)
    if Decimal(repr(result)) != value:  # the shortest text that reads back as the same float
        return None
    whole = "#,##0" if "," in digits or grouped and len(digits) <= 3 and not percent else "0"
    return result, whole + ("." + "0" * len(decimals) if decimals else "") + percent


#: ``style(placed, number format) -> style id``: the cellXfs index of a placed cell's style.
StyleOf = Callable[[Placed, str], int]


def body(sheet: Sheet, style: StyleOf, letters: list[str], grouped: bool = False) -> str:
    """``<sheetData>`` with the sheet's rows, then ``<mergeCells>`` when any cell spans.
    ``letters``: the column letters (``A``, ``B`` …) of at least the sheet's columns;
    ``grouped``: figures group their digits (:func:`number`). A table
    cell's hidden neighbours under a merge carry its style: Excel draws a merged range's
    border from the cells along its edges, not from the top-left cell alone."""
    cells: dict[tuple[int, int], str] = {}
    merges: list[str] = []
    for p in sheet.placed:
        span = _claim(cells, p)
        if span is None:
            continue  # its place is taken (HTML whose spans overlap): a browser draws it over the other
        rowspan, colspan = span
        figure = number(p.text, grouped) if p.cell is not None and p.cell.number else None
        # An empty figure cell stays General, so that a figure typed into it later is a number.
        sid = style(p, figure[1] if figure else "General" if p.cell is not None and p.cell.number else "@")
        ref = f"{letters[p.col]}{p.row + 1}"
        if figure is not None:
            cells[p.row, p.col] = f'<c r="{ref}" s="{sid}"><v>{figure[0]!r}</v></c>'
        elif p.text:
            cells[p.row, p.col] = f'<c r="{ref}" s="{sid}" t="inlineStr"><is>{_text(p.text)}</is></c>'
        else:
            cells[p.row, p.col] = f'<c r="{ref}" s="{sid}"/>'
        if rowspan > 1 or colspan > 1:
            merges.append(f'<mergeCell ref="{ref}:{letters[p.col + colspan - 1]}{p.row + rowspan}"/>')
            hidden = f' s="{sid}"/>' if p.role == "cell" else "/>"
            for r in range(p.row, p.row + rowspan):
                for c in range(p.col, p.col + colspan):
                    if (r, c) != (p.row, p.col):
                        cells[r, c] = f'<c r="{letters[c]}{r + 1}"{hidden}'
    rows = []
    columns = range(len(sheet.widths))
    for r in range(sheet.rows):
        height = sheet.heights.get(r)
        head = f'<row r="{r + 1}" ht="{height:.2f}" customHeight="1">' if height else f'<row r="{r + 1}">'
        rows.append(head + "".join(cells[r, c] for c in columns if (r, c) in cells) + "</row>")
    xml = "<sheetData>" + "".join(rows) + "</sheetData>"
    if merges:
        xml += f'<mergeCells count="{len(merges)}">' + "".join(merges) + "</mergeCells>"
    return xml


def _claim(cells: dict[tuple[int, int], str], p: Placed) -> tuple[int, int] | None:
    """(rows, columns) ``p`` can take from its top-left on, none of them taken already
    (overlapping merged ranges make Excel repair the file); ``None`` when the top-left is."""
    if (p.row, p.col) in cells:
        return None
    if p.rowspan == 1 and p.colspan == 1:
        return 1, 1
    colspan = next((k for k in range(1, p.colspan) if (p.row, p.col + k) in cells), p.colspan)
    rowspan = next((k for k in range(1, p.rowspan)
                    if any((p.row + k, p.col + c) in cells for c in range(colspan))), p.rowspan)
    return rowspan, colspan


def _text(text: str) -> str:
    """``<t>`` of a text: control characters shown as ``\\x1b``, cut to :data:`CELL_MAX`,
    escaped; spaces at the ends kept (``xml:space``)."""
    text = xml_text(text)[:CELL_MAX]
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<t{space}>{text.translate(_ESCAPE)}</t>"

