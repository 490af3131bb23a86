"""Excel workbooks of rendered documents: ``perfctl render --format xlsx`` (openpyxl).

:func:`write` turns a :class:`~perfctl.office.form.Form` into a workbook of one worksheet
per section (表1, 表2 …), each laid out by :func:`perfctl.office.grid.lay_out`: the heading a
merged, centred, bold row across the sheet, the subtitle centred, the meta line's parts side
by side (the department flush left, ``单位：元`` flush right), then the tables as one ruled
block, every cell (hidden cells of a merged range too) with a thin border, text wrapped and
centred vertically, flush-left text indented one step, a label the page has no room for shrunk
onto its line (:attr:`perfctl.office.grid.Placed.shrink`). Figures (cells of class ``amount`` and ``points``) are numbers that show
as printed (:func:`perfctl.office.sheetxml.number`); everything else, codes such as
``089101`` above all, is text. Printing: A4 portrait, one page wide, the indicator table's
header rows repeated on every page, page numbers in the footer.

openpyxl writes the workbook, the styles, each sheet's columns, pane and print setup;
:mod:`perfctl.office.sheetxml` writes the rows, five times faster than openpyxl's cells.
openpyxl is imported inside the functions that write, so the CLI's start stays light.
"""

from __future__ import annotations

import functools
import io
import re
from typing import IO, Any

from perfctl.office import sheetxml
from perfctl.office.form import Form, Table
from perfctl.office.grid import LINE_PT, Placed, Sheet, lay_out

#: Excel's limit on a worksheet name, and the characters it forbids in one.
SHEET_NAME_MAX = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
#: The body font of Chinese official forms, its size in points, and the heading's size.
FONT, SIZE, HEADING_SIZE = "宋体", 11, 14
#: Footer: page number / pages (Excel's header and footer codes).
FOOTER = "&P / &N"
#: Page margins in inches: 15 mm at the sides, 18 mm top and bottom (``templates/print.css``).
MARGINS = {"left": 0.59, "right": 0.59, "top": 0.71, "bottom": 0.71, "header": 0.3, "footer": 0.3}
#: A frozen pane taller than this (points, about half a laptop's window) would leave no room
#: to scroll the rows under it: then the header rows only repeat in print.
FREEZE_MAX_PT = 330.0
#: The ``<sheetData>`` openpyxl writes for a sheet of no cells.
_EMPTY_ROWS = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


def write(form: Form, fh: IO[bytes]) -> None:
    """Write ``form`` as an .xlsx workbook to ``fh`` (an open binary file): one worksheet per
    section, named by :func:`sheet_names`; the front matter is left out (each sheet has its
    own heading). Document properties: title ``form.title``, created and modified at
    :func:`perfctl.office.stamp.document_time` (``SOURCE_DATE_EPOCH`` when set: then the same
    form gives the same bytes). Raises :class:`~perfctl.errors.UsageError` for a malformed
    ``SOURCE_DATE_EPOCH``; errors writing ``fh`` propagate (:class:`OSError`)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from perfctl.office.stamp import StampedZipFile, document_time

    when = document_time()
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = form.title
    wb.properties.creator = "perfctl"
    wb.properties.created = wb.properties.modified = when
    styles = _Styles(wb)
    grouped = any(c.number and "," in c.text for s in form.sections for t in s.blocks if isinstance(t, Table)
                  for c in t.cells)  # render --thousands
    bodies: dict[str, str] = {}
    for name, section in zip(sheet_names([s.heading for s in form.sections]), form.sections):
        ws = wb.create_sheet(name)
        sheet = lay_out(section)
        letters = [get_column_letter(i) for i in range(1, len(sheet.widths) + 1)]
        for letter, width in zip(letters, sheet.widths):
            ws.column_dimensions[letter].width = round(width, 2)
        _print_setup(ws, sheet)
        bodies[name] = sheetxml.body(sheet, styles.get, letters, grouped)
    if not form.sections:
        wb.create_sheet("Sheet1")  # a workbook holds at least one sheet
    # Not wb.save: it stamps the clock's time on the zip members and the modified time.
    _writer(wb, StampedZipFile(fh, when), bodies).save()


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-16 code units, as Excel counts a sheet name's length (a
    character beyond the BMP, such as 𠀀, counts 2)."""
    units = 0
    for k, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:k]
    return text


def sheet_names(headings: list[str]) -> list[str]:
    """One worksheet name per section heading (``3.自贸区法律服务经费绩效目标表``): the
    characters Excel forbids (``[ ] : * ? / \\``) removed, apostrophes off the ends, cut to
    :data:`SHEET_NAME_MAX`; ``表N`` for an empty one; a name already taken (Excel compares
    without case) gets `` (2)``, `` (3)`` … inside the limit."""
    names: list[str] = []
    taken: set[str] = set()
    for n, heading in enumerate(headings, 1):
        base = _cut(_FORBIDDEN.sub("", " ".join(heading.split())).strip("' "), SHEET_NAME_MAX).strip("' ") or f"表{n}"
        if base.lower() == "history":  # reserved by Excel
            base = f"表{n} {base}"
        name, k = base, 1
        while name.lower() in taken:
            k += 1
            suffix = f" ({k})"
            name = _cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
        taken.add(name.lower())
        names.append(name)
    return names


class _Styles:
    """Cell styles, each made once and then named by its id (its index in the workbook's
    cellXfs): openpyxl hashes a font, border and alignment on every assignment."""

    def __init__(self, wb: Any) -> None:
        self._wb = wb
        self._made: dict[tuple[Any, ...], int] = {}

    def get(self, p: Placed, fmt: str) -> int:
        """The style id of ``p`` with the number format ``fmt`` (``0.00``, ``@`` …)."""
        c = p.cell
        key = (p.role, bool(c and c.bold), bool(c and c.left), fmt, p.shrink)
        sid = self._made.get(key)
        if sid is None:
            sid = self._made[key] = self._make(*key)
        return sid

    def _make(self, role: str, bold: bool, left: bool, fmt: str, shrink: bool) -> int:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self._wb.worksheets[0])  # a cell of no sheet: only its style is used
        font, alignment, border = _style_parts(role, bold, left, shrink)
        cell.font, cell.alignment = font, alignment
        if border is not None:
            cell.border = border
        cell.number_format = fmt
        return cell.style_id


@functools.lru_cache(maxsize=None)
def _style_parts(role: str, bold: bool, left: bool, shrink: bool) -> tuple[Any, Any, Any]:
    """(font, alignment, border or ``None``) of a cell of ``role``: made once a process, as
    openpyxl's style objects cost some 20 µs each to make."""
    from openpyxl.styles import Alignment, Border, Font, Side

    heading = role == "heading"
    font = Font(name=FONT, size=HEADING_SIZE if heading else SIZE, bold=bold or heading, charset=134)
    horizontal = {"heading": "center", "subtitle": "center", "meta": "left", "meta-end": "right",
                  "text": "left"}.get(role, "left" if left else "center")
    # A flush-left table cell is indented (grid.INDENT_UNITS), or its text would touch the rule;
    # Excel indents no centred text, and that has room on both sides anyway.
    indent = 1 if role == "cell" and horizontal == "left" else 0
    # A label a little too wide for its column is shrunk onto its line (缩小字体填充), not wrapped.
    alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=not shrink, shrink_to_fit=shrink,
                          indent=indent)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin) if role == "cell" else None
    return font, alignment, border


def _writer(wb: Any, archive: Any, bodies: dict[str, str]) -> Any:
    """openpyxl's :class:`~openpyxl.writer.excel.ExcelWriter` of ``wb`` into ``archive``, each
    worksheet written in memory with ``bodies[title]`` (:func:`perfctl.office.sheetxml.body`)
    put into the empty ``<sheetData>`` openpyxl writes for a sheet of no cells. In memory:
    openpyxl's own way writes each sheet to a temporary file, 3–4 ms a sheet on a busy disk
    (the file is flushed before it can be removed) and impossible without a writable TMPDIR."""
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class Writer(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Any) -> None:
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            xml, n = _EMPTY_ROWS.subn(lambda m: bodies.get(ws.title, "<sheetData/>").encode("utf-8"),
                                      writer.read(), count=1)
            if n != 1:  # an openpyxl that writes sheets otherwise: fail loudly, never drop the rows
                raise RuntimeError(f"openpyxl wrote sheet {ws.title!r} without an empty <sheetData>")
            self._archive.writestr(ws.path[1:], xml)
            self.manifest.append(ws)

    return Writer(wb, archive)


def _print_setup(ws: Any, sheet: Sheet) -> None:
    """A4 portrait, one page wide and as many long as it takes, centred; the header rows of
    the indicator table repeated on every page and the pane frozen under them (when that
    leaves room to scroll: :data:`FREEZE_MAX_PT`); page numbers in the footer."""
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.worksheet.worksheet import Worksheet

    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.oddFooter.center.text = FOOTER
    if sheet.head is not None:
        first, last = sheet.head
        ws.print_title_rows = f"{first + 1}:{last + 1}"
        if sum(sheet.heights.get(r, LINE_PT) for r in range(last + 1)) <= FREEZE_MAX_PT:
            ws.freeze_panes = f"A{last + 2}"
