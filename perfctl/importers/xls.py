"""Excel 97-2003 workbooks (.xls) with xlrd: one grid per visible sheet with content.

As for .xlsx (:mod:`perfctl.importers.xlsx`): values as displayed by their number format, merged
ranges as spans (xlrd reports them only with ``formatting_info=True``), formulas by their saved
result, rows without text dropped and empty edge columns trimmed, hidden sheets passed over.
Some .xls files written by WPS are not readable by xlrd: they are refused, naming the file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.importers import containers, numfmt
from perfctl.importers.grid import Grid
from perfctl.importers.spans import Slot, build, merged

NAME = "xls"
EXTENSIONS = (".xls",)
TITLE = "Excel 97-2003 workbook (.xls): every sheet, merged cells, values as displayed"
WHAT = "Excel 97-2003 .xls"

_TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR = 1, 2, 3, 4, 5  # xlrd's XL_CELL_* types


def sniff(path: Path, head: bytes) -> bool:
    """An OLE2 file holding a ``Workbook`` (or the older ``Book``) stream."""
    streams = containers.ole_streams(path, head)
    return streams is not None and bool({"Workbook", "Book"} & streams)


def read(path: str, data: bytes) -> list[Grid]:
    """One grid per visible sheet that holds any text, in workbook order, ``part``
    ``"sheet 'NAME'"``. Raises :class:`InputError` for a protected, damaged or unreadable
    workbook."""
    containers.check_size(path, data)
    import xlrd

    try:
        with containers.failures(path, WHAT):
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
    except InputError as exc:
        if "encrypted" in exc.message.lower():
            raise InputError(_(containers.PROTECTED), path) from None
        if data.startswith(containers.OLE2_MAGIC):
            raise InputError(_("{message} (xlrd cannot read this .xls; files saved by WPS sometimes fail: save it "
                               "as .xlsx and import that)").format(message=exc.message), path) from None
        raise
    grids: list[Grid] = []
    with containers.failures(path, WHAT):
        for sheet in book.sheets():
            if sheet.visibility:
                continue
            grid = build(path, _("sheet '{name}'").format(name=sheet.name), _slots(book, sheet), compact=True,
                         breaks=True)
            if grid.rows:
                grids.append(grid)
    return grids


def _slots(book: Any, sheet: Any) -> list[Slot]:
    """The sheet's cells as slots, merged ranges spanned."""
    values = {(r, c): _text(book, sheet.cell(r, c)) for r in range(sheet.nrows) for c in range(sheet.row_len(r))}
    ranges = [(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
    return merged(values, ranges)


def _text(book: Any, cell: Any) -> str:
    kind, value = cell.ctype, cell.value
    if kind == _TEXT:
        return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if kind in (_NUMBER, _DATE):
        return numfmt.display(value, _format(book, cell.xf_index), epoch1904=book.datemode == 1).strip()
    if kind == _BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == _ERROR:
        import xlrd

        return xlrd.error_text_from_code.get(value, "#ERR")
    return ""


def _format(book: Any, xf_index: int | None) -> str:
    """The number format code of a cell's XF record (``General`` when unknown)."""
    if xf_index is None or xf_index >= len(book.xf_list):
        return "General"
    key = book.xf_list[xf_index].format_key
    fmt = book.format_map.get(key)
    code = fmt.format_str if fmt is not None else None
    if not code or code == "General":
        return numfmt.CJK_BUILTIN.get(key, "General")
    return code
