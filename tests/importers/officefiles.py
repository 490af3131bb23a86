"""Test support: projects written as a department's Word, Excel, web page and PDF files.

Every writer draws the same grid, :func:`layout`: the seed's 项目绩效目标表 in one table of W
grid columns (7 for the seed's five indicator columns; more when a project has 计量单位 or
绩效标准 rows)::

    row 0  389101中国（天津）…办公室 (cols 0..W-2)                  | 单位：元
    row 1  项目名称 | 第四届… (cols 1..W-1)
    row 2  预算规模及资金用途 (rows 2-3) | 预算数 | 200000.00 | 其中：财政资金 | 200000.00 | 其他资金 | (blank for 0)
    row 3                                 | purpose (cols 1..W-1)
    row 4  绩效目标 | 1.goal (cols 1..W-1; several goals one per line)
    row 5  一级指标 | 二级指标 | 三级指标 (2 cols) | 绩效指标描述 (2 cols) | 指标值
    row 6… one row per indicator; 一级指标 merged down over its rows, 二级指标 over equal neighbours

The title ``{number}.{title}`` (from ``Project.source``) goes above the table, where the
project has one (the seed's second and fourth tables have none). Amounts print as
:func:`perfctl.money.amount_text` (``200000.00``); spreadsheets store them as numbers with a
``0.00`` number format, so only the displayed text says ``200000.00``.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from perfctl import model
from perfctl.money import amount_text

ROOT = Path(__file__).resolve().parents[2]
SEED_STORE = ROOT / "data" / "389101" / "2025"
#: The seed document's name without its extension (``source.document`` in data/).
SEED_STEM = "tianjin-ftz-2025-project-targets"
FISCAL_LABEL = "其中：财政资金"
#: The label as the seed's .docx spells it (spaces where Word justified it).
SEED_FISCAL_LABEL = "其中：财政    资金"
FONT = "宋体"


def load_seed() -> list[model.Project]:
    """The four seed projects from data/, in their order in the seed document."""
    projects = [model.load(p) for p in sorted(SEED_STORE.glob("*.yaml"))]
    return sorted(projects, key=lambda p: p.source.position if p.source and p.source.position else 0)


@dataclass(frozen=True)
class Box:
    """One printed cell: 0-based top-left ``row``/``col`` and spans; ``amount`` is set for a
    money cell (spreadsheets store it as a number)."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    amount: Decimal | None = None


@dataclass(frozen=True)
class Table:
    """A project's table: the title printed above it (or ``None``), the grid size and its cells."""

    title: str | None
    width: int
    height: int
    boxes: list[Box]


def layout(project: model.Project, *, fiscal_label: str = FISCAL_LABEL, merge_level2: bool = True) -> Table:
    """``project`` in the official layout (see the module docstring).

    Indicator columns: 一级指标, 二级指标, 三级指标, 绩效指标描述 (when any row has a description),
    指标值, then 计量单位 and 绩效标准 when any row has a unit or basis.
    """
    inds = project.indicators
    cols = [("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name")]
    if any(i.description is not None for i in inds):
        cols.append(("绩效指标描述", "description"))
    cols.append(("指标值", "target"))
    cols += [(label, key) for label, key in (("计量单位", "unit"), ("绩效标准", "basis"))
             if any(getattr(i, key) is not None for i in inds)]
    width = max(7, len(cols))
    spans = [1] * len(cols)
    wide = [2, 3]  # 三级指标 and the column after it take the spare grid columns
    for n in range(width - len(cols)):
        spans[wide[n % 2]] += 1
    starts = [sum(spans[:j]) for j in range(len(cols))]

    b, last = project.budget, width - 1
    boxes = [Box(f"{project.department.code}{project.department.name}", 0, 0, colspan=width - 1),
             Box(f"单位：{project.money_unit}", 0, last),
             Box("项目名称", 1, 0), Box(project.name, 1, 1, colspan=width - 1),
             Box("预算规模及资金用途", 2, 0, rowspan=2)]
    money = [("预算数", b.total), (fiscal_label, b.fiscal), ("其他资金", None if b.other == 0 else b.other)]
    for n, (label, value) in enumerate(money):
        text = "" if value is None else amount_text(value)
        boxes += [Box(label, 2, 1 + 2 * n),
                  Box(text, 2, 2 + 2 * n, colspan=width - 6 if n == 2 else 1, amount=value)]
    goals = "\n".join(f"{n}.{g}" for n, g in enumerate(project.goals, start=1))
    boxes += [Box(project.purpose or "", 3, 1, colspan=width - 1),
              Box("绩效目标", 4, 0), Box(goals, 4, 1, colspan=width - 1)]
    boxes += [Box(label, 5, starts[j], colspan=spans[j]) for j, (label, _) in enumerate(cols)]

    def runs(key) -> list[tuple[int, int]]:  # (first index, length) of consecutive equal keys
        out: list[tuple[int, int]] = []
        for i, ind in enumerate(inds):
            if out and key(inds[out[-1][0]]) == key(ind):
                out[-1] = (out[-1][0], out[-1][1] + 1)
            else:
                out.append((i, 1))
        return out

    level2_key = (lambda i: (i.level1, i.level2)) if merge_level2 else id
    for col, attr, key in ((0, "level1", lambda i: i.level1), (1, "level2", level2_key)):
        boxes += [Box(getattr(inds[i], attr), 6 + i, col, rowspan=n) for i, n in runs(key)]
    for i, ind in enumerate(inds):
        boxes += [Box(getattr(ind, key) or "", 6 + i, starts[j], colspan=spans[j])
                  for j, (_, key) in enumerate(cols) if j >= 2]
    src = project.source
    title = src.title if src is not None else None
    if title and src is not None and src.number is not None:
        title = f"{src.number}.{title}"
    return Table(title, width, 6 + len(inds), sorted(boxes, key=lambda x: (x.row, x.col)))


# --- Word -------------------------------------------------------------------------------------

_DOCX_CACHE: dict[str, bytes] = {}


def docx_bytes(projects: list[model.Project], *, sdt: int = 0, grid_before: bool = False, split: bool = False,
               merge_level2: bool = True) -> bytes:
    """A .docx with one table per project, each preceded by its title paragraph (style
    Heading 2) and followed by an empty paragraph; 宋体 as the East Asian font (w:eastAsia);
    the 财政资金 label spelt as in the seed (:data:`SEED_FISCAL_LABEL`).

    ``sdt``: the 1-based project whose table is wrapped in a block content control
    (``w:sdt``), 0 for none. ``grid_before``: every department row starts one grid column in
    (``w:gridBefore``). ``split``: each project as two tables, the header block (rows 0-4)
    and the indicator table (one column each, no spans across), an empty paragraph between,
    as the seed's original .docx has them. The same arguments give the same bytes, built
    once per process (about 35 ms for the four seed tables; a repeat is a copy).
    """
    key = repr((projects, sdt, grid_before, split, merge_level2))
    if key not in _DOCX_CACHE:
        _DOCX_CACHE[key] = _build_docx(projects, sdt, grid_before, split, merge_level2)
    return _DOCX_CACHE[key]


def write_docx(projects: list[model.Project], path: Path, **variant) -> Path:
    """Write :func:`docx_bytes` to ``path``; returns ``path``."""
    path.write_bytes(docx_bytes(projects, **variant))
    return path


def split_table(t: Table, at: int = 5) -> tuple[Table, Table]:
    """``t`` cut before row ``at`` (the indicator header): the header block, and the indicator
    rows as a table of their own whose columns are the indicator columns (spans across dropped)."""
    starts = sorted({b.col for b in t.boxes if b.row >= at})
    head = Table(t.title, t.width, at, [b for b in t.boxes if b.row < at])
    rows = [Box(b.text, b.row - at, starts.index(b.col), b.rowspan, 1, b.amount) for b in t.boxes if b.row >= at]
    return head, Table(None, len(starts), t.height - at, rows)


_BASE: list = []  # one python-docx Document, its styles set, reused with an emptied body


def _base_document():
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    if not _BASE:
        doc = Document()
        normal = doc.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(10.5)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        _BASE.append(doc)
    doc = _BASE[0]
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _build_docx(projects, sdt: int, grid_before: bool, split: bool, merge_level2: bool) -> bytes:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu

    doc = _base_document()
    for n, project in enumerate(projects, start=1):
        whole = layout(project, fiscal_label=SEED_FISCAL_LABEL, merge_level2=merge_level2)
        if whole.title:
            para = doc.add_paragraph()
            para._p.style = "Heading2"  # the style id; looking "Heading 2" up by name is slow
            run = para.add_run(whole.title)
            run.font.name = FONT
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        for k, t in enumerate(split_table(whole) if split else [whole]):
            tbl = doc.add_table(rows=t.height, cols=t.width)._tbl
            tbl.tblPr.style = "TableGrid"
            _merge_and_fill(tbl, t)
            if grid_before and k == 0:
                tc = tbl.tr_lst[0].tc_lst[0]
                tc.grid_span -= 1
                tc.width = Emu(tc.width - tbl.tblGrid.gridCol_lst[0].w)
                gb = OxmlElement("w:gridBefore")
                gb.set(qn("w:val"), "1")
                tbl.tr_lst[0].get_or_add_trPr().insert(0, gb)
            if n == sdt and k == 0:
                wrapper, pr, content, tag = (OxmlElement(x) for x in ("w:sdt", "w:sdtPr", "w:sdtContent", "w:tag"))
                tag.set(qn("w:val"), "project-table")
                tbl.addprevious(wrapper)
                pr.append(tag)
                wrapper.extend([pr, content])
                content.append(tbl)
            doc.add_paragraph()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _merge_and_fill(tbl, t: Table) -> None:
    """Give each box its text and its span, as ``cell.merge`` would (``w:gridSpan`` on the
    first cell of each row it covers, the cells to its right removed; ``w:vMerge`` restart
    then continue down), but without re-reading the table for every merge (10x faster)."""
    from docx.shared import Emu
    from docx.table import _Cell

    grid = [row.tc_lst for row in tbl.tr_lst]
    for box in t.boxes:
        for r in range(box.row, box.row + box.rowspan):
            tc = grid[r][box.col]
            if box.colspan > 1:
                tc.width = Emu(sum(grid[r][c].width or 0 for c in range(box.col, box.col + box.colspan)))
                tc.grid_span = box.colspan
                for c in range(box.col + 1, box.col + box.colspan):
                    grid[r][c].getparent().remove(grid[r][c])
            if box.rowspan > 1:
                tc.vMerge = "restart" if r == box.row else "continue"
        _Cell(grid[box.row][box.col], None).text = box.text


# --- Excel ------------------------------------------------------------------------------------

_COL_CHARS = [14, 12, 16, 16, 14, 10, 20]  # column widths in characters, for a readable sheet


def _number_format(amount: Decimal) -> str:
    places = max(0, -amount.as_tuple().exponent)
    return "0." + "0" * places if places else "0"


def _sheets(projects, one_sheet: bool):
    """(sheet name, first row, table) for each project: one sheet each (``表1``…), or all on
    one sheet ``绩效目标表`` with an empty row between tables. ``first row`` is the 0-based row
    of the title row when there is a title, else of the table."""
    top = 0
    for n, project in enumerate(projects, start=1):
        t = layout(project)
        if not one_sheet:
            top = 0
        yield ("绩效目标表" if one_sheet else f"表{n}"), top, t
        top += t.height + (1 if t.title else 0) + 1


def write_xlsx(projects: list[model.Project], path: Path, *, one_sheet: bool = False) -> Path:
    """An .xlsx (openpyxl): each table's title as a row merged across the table, then the
    table with merged ranges; amounts as numbers with number format ``0.00``; thin borders."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    side = Side(style="thin")
    border, wrap = Border(side, side, side, side), Alignment(wrap_text=True, vertical="center")
    for name, top, t in _sheets(projects, one_sheet):
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        for c in range(t.width):
            ws.column_dimensions[get_column_letter(c + 1)].width = _COL_CHARS[c] if c < len(_COL_CHARS) else 12
        if t.title:
            top += 1
            ws.cell(top, 1, t.title).font = Font(name=FONT, bold=True, size=14)
            ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=t.width)
        for box in t.boxes:
            cell = ws.cell(top + box.row + 1, box.col + 1)
            if box.amount is not None:
                cell.value, cell.number_format = float(box.amount), _number_format(box.amount)
            else:
                cell.value = box.text or None
            cell.font, cell.border, cell.alignment = Font(name=FONT), border, wrap
            if box.rowspan > 1 or box.colspan > 1:
                ws.merge_cells(start_row=top + box.row + 1, start_column=box.col + 1,
                               end_row=top + box.row + box.rowspan, end_column=box.col + box.colspan)
    wb.save(path)
    return path


def write_xls(projects: list[model.Project], path: Path, *, one_sheet: bool = False) -> Path:
    """An .xls (xlwt, BIFF8) laid out as :func:`write_xlsx`, merges by ``write_merge``."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    look = f"font: name {FONT}; align: wrap on, vert centre; borders: left thin, right thin, top thin, bottom thin"
    plain, title_style = xlwt.easyxf(look), xlwt.easyxf(f"font: name {FONT}, bold on, height 280")
    sheets: dict[str, xlwt.Worksheet] = {}
    for name, top, t in _sheets(projects, one_sheet):
        if name not in sheets:
            sheets[name] = ws = wb.add_sheet(name)
            for c, chars in enumerate(_COL_CHARS):
                ws.col(c).width = chars * 256
        ws = sheets[name]
        if t.title:
            ws.write_merge(top, top, 0, t.width - 1, t.title, title_style)
            top += 1
        for box in t.boxes:
            value, style = box.text, plain
            if box.amount is not None:
                value, style = float(box.amount), xlwt.easyxf(look, num_format_str=_number_format(box.amount))
            r, c = top + box.row, box.col
            if box.rowspan > 1 or box.colspan > 1:
                ws.write_merge(r, r + box.rowspan - 1, c, c + box.colspan - 1, value, style)
            else:
                ws.write(r, c, value, style)
    wb.save(str(path))
    return path


# --- HTML -------------------------------------------------------------------------------------

def html_text(projects: list[model.Project], *, charset: str = "utf-8", title_tag: str = "h3",
              cell_p: bool = False) -> str:
    """One page: each title in ``<title_tag>`` above its ``<table border="1">``, spans as
    ``rowspan``/``colspan``, line breaks as ``<br>``; ``cell_p`` wraps each cell's text in
    ``<p><span>`` as pages pasted from Word do. ``charset`` goes into ``<meta charset>``."""
    out = ["<!DOCTYPE html>", "<html>", f'<head><meta charset="{charset}"><title>项目支出绩效目标表</title></head>',
           "<body>"]
    for t in (layout(p) for p in projects):
        if t.title:
            out.append(f"<{title_tag}>{html.escape(t.title)}</{title_tag}>")
        out.append('<table border="1" cellspacing="0" cellpadding="4">')
        for r in range(t.height):
            cells = []
            for box in (b for b in t.boxes if b.row == r):
                spans = "".join(f' {k}="{v}"' for k, v in (("rowspan", box.rowspan), ("colspan", box.colspan)) if v > 1)
                text = "<br>".join(html.escape(line) for line in box.text.split("\n"))
                cells.append(f"<td{spans}>{f'<p><span>{text}</span></p>' if cell_p else text}</td>")
            out.append(f"<tr>{''.join(cells)}</tr>")
        out += ["</table>", "<p></p>"]
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def write_html(projects: list[model.Project], path: Path, *, charset: str = "utf-8", **kw) -> Path:
    """Write :func:`html_text` encoded in ``charset`` (``gbk`` for the older disclosure pages)."""
    path.write_bytes(html_text(projects, charset=charset, **kw).encode(charset))
    return path


# --- PDF --------------------------------------------------------------------------------------

PDF_FONT, PDF_SIZE, PDF_LEADING, PDF_PAD = "STSong-Light", 9, 12, 3
_PDF_WIDTHS = [70, 56, 70, 84, 70, 60, 105]  # points; the seed's 7 grid columns on A4 (515 pt)


def wrap(text: str, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points in the PDF font (character by
    character, as Chinese text wraps); its own line breaks kept."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and stringWidth(line + ch, PDF_FONT, PDF_SIZE) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


def write_pdf(projects: list[model.Project], path: Path) -> Path:
    """A text-layer PDF (reportlab, CID font STSong-Light): one A4 page per project, the
    title centred above a table ruled with lines around every cell (merged cells are one
    rectangle), long text wrapped inside its cell. Raises ``ValueError`` for a table taller
    than the page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    page_w, page_h = A4
    left, top_margin = 40, 50
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for t in (layout(p) for p in projects):
        widths = _PDF_WIDTHS if t.width == 7 else [515 / t.width] * t.width
        xs = [left + sum(widths[:i]) for i in range(t.width + 1)]
        lines = {box: wrap(box.text, xs[box.col + box.colspan] - xs[box.col] - 2 * PDF_PAD) for box in t.boxes}
        heights = [18.0] * t.height
        for box in sorted(t.boxes, key=lambda b: b.rowspan):
            need = len(lines[box]) * PDF_LEADING + 2 * PDF_PAD
            have = sum(heights[box.row:box.row + box.rowspan])
            heights[box.row + box.rowspan - 1] += max(0.0, need - have)
        y = page_h - top_margin
        if t.title:
            c.setFont(PDF_FONT, 14)
            c.drawCentredString(page_w / 2, y - 14, t.title)
            y -= 30
        ys = [y - sum(heights[:r]) for r in range(t.height + 1)]
        if ys[-1] < 30:
            raise ValueError(f"table {t.title or ''} is too tall for one page")
        c.setFont(PDF_FONT, PDF_SIZE)
        c.setLineWidth(0.5)
        for box in t.boxes:
            x0, x1 = xs[box.col], xs[box.col + box.colspan]
            y0, y1 = ys[box.row], ys[box.row + box.rowspan]
            c.rect(x0, y1, x1 - x0, y0 - y1, stroke=1, fill=0)
            for k, line in enumerate(lines[box]):
                c.drawString(x0 + PDF_PAD, y0 - PDF_PAD - PDF_SIZE - k * PDF_LEADING + 1, line)
        c.showPage()
    c.save()
    return path
