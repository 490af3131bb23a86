"""Excel 2007+ workbooks (.xlsx, .xlsm) with openpyxl: one grid per visible sheet with content.

Each cell's text is its value as displayed by its number format (:mod:`perfctl.importers.numfmt`:
``80.00``, ``95%``, ``3,309,840.00``, dates as formatted); a formula shows its cached result, and
a formula whose result was never saved (a file written by a program that does not calculate)
shows the formula text itself (``=SUM(B3:B5)``), never 0. A merged range is one cell with its
spans and the top-left value. Rows without text are dropped and empty edge columns trimmed, so
``row``/``col`` count the sheet's non-empty rows and used columns. Hidden sheets are passed over.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from perfctl.i18n import _
from perfctl.importers import containers, numfmt
from perfctl.importers.grid import Grid
from perfctl.importers.spans import Slot, build, merged

NAME = "xlsx"
EXTENSIONS = (".xlsx", ".xlsm")
TITLE = "Excel workbook (.xlsx): every sheet, merged cells, values as displayed"
WHAT = "Excel .xlsx"

#: Cells a merged range may cover before :func:`_scan` cuts it to the used area.
LARGE_MERGE = 10_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]+)"')
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)[0-9]+"')
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NO_RESULT = re.compile(rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?"
                        rb"\s*</(?:\w+:)?c>")


def sniff(path: Path, head: bytes) -> bool:
    """A zip archive holding ``xl/workbook.xml``."""
    names = containers.zip_names(path, head)
    return names is not None and "xl/workbook.xml" in names


def read(path: str, data: bytes) -> list[Grid]:
    """One grid per visible worksheet that holds any text, in workbook order, ``part``
    ``"sheet 'NAME'"``. Raises :class:`InputError` for a damaged or protected file."""
    containers.check_zip(path, data, WHAT)
    import openpyxl

    with containers.failures(path, WHAT), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (data validation …)
        data, results_missing = _scan(data)
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
        formulas = _formula_book(data) if results_missing else None
    epoch1904 = book.epoch.year == 1904
    grids: list[Grid] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        shown = formulas[sheet.title] if formulas is not None else None
        grid = build(path, _("sheet '{name}'").format(name=sheet.title), _slots(sheet, shown, epoch1904),
                     compact=True, breaks=True)
        grid.properties_title = book.properties.title or None
        if grid.rows:
            grids.append(grid)
    return grids


def _slots(sheet: Any, formulas: Any, epoch1904: bool) -> list[Slot]:
    """The sheet's cells as slots, merged ranges spanned."""
    # the cells the file holds; iter_rows would create every empty position of the used range
    values = {(r - 1, c - 1): _text(cell, formulas, epoch1904) for (r, c), cell in sheet._cells.items()}
    ranges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
    return merged(values, ranges)


def _text(cell: Any, formulas: Any, epoch1904: bool) -> str:
    value = cell.value
    if value is None:
        if formulas is not None:
            formula = formulas.cell(cell.row, cell.column).value
            if isinstance(formula, str) and formula.startswith("="):
                return formula
        return ""
    fmt = cell.number_format
    if fmt == "General" and isinstance(value, (int, float)) and not isinstance(value, bool):
        fmt = numfmt.CJK_BUILTIN.get(cell._style.numFmtId, fmt)  # locale built-ins openpyxl calls General
    text = numfmt.display(value, fmt, epoch1904=epoch1904)
    if isinstance(value, str):  # Excel writes control characters as _xHHHH_ (a line's CR as _x000D_)
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _scan(data: bytes) -> tuple[bytes, bool]:
    """One pass over the worksheets: the workbook with merged ranges cut to the rows and
    columns that hold cells, and whether some formula cell of some worksheet has no saved
    result.

    A merge over whole columns (``J1:J1048576``) or rows makes openpyxl create a cell object
    for each covered position: seconds to minutes. Cut to the used area it shows the same.
    """
    from openpyxl.utils.cell import range_boundaries

    results_missing = False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        changed: dict[str, bytes] = {}
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            xml = archive.read(name)
            results_missing = results_missing or _NO_RESULT.search(xml) is not None
            refs = _MERGE.findall(xml)
            areas = [range_boundaries(ref.decode()) for ref in refs]
            if not any((c1 - c0 + 1) * (r1 - r0 + 1) > LARGE_MERGE for c0, r0, c1, r1 in areas):
                continue
            last_row = max((int(r) for r in _ROW.findall(xml)), default=1)
            last_col = max((_column(c) for c in _CELL.findall(xml)), default=1)
            changed[name] = _MERGE.sub(lambda m: _clipped(m, last_row, last_col), xml)
        if not changed:
            return data, results_missing
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                copy.writestr(info, changed.get(info.filename) or archive.read(info.filename))
    return out.getvalue(), results_missing


def _clipped(match: re.Match[bytes], last_row: int, last_col: int) -> bytes:
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    c0, r0, c1, r1 = range_boundaries(match.group(1).decode())
    c1, r1 = min(c1, max(c0, last_col)), min(r1, max(r0, last_row))
    ref = f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}"
    return match.group(0).replace(match.group(1), ref.encode())


def _column(letters: bytes) -> int:
    from openpyxl.utils.cell import column_index_from_string

    return column_index_from_string(letters.decode())


def _formula_book(data: bytes) -> Any:
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
