"""WordprocessingML for :mod:`perfctl.office.docx`: paragraphs, the meta line, tables and styles.

The body is written as XML text, parsed once per document (:func:`perfctl.office.docx.write`),
rather than through python-docx's ``Table`` API, whose ``table.cell(r, c)`` rebuilds the cell
list on every call (quadratic in the rows) and whose ``cell.merge`` searches the table with
XPath for each merge; even lxml element calls cost a few µs each, and a document has
thousands. The XML is what ``cell.merge`` makes: a column span is one ``w:tc`` with
``w:gridSpan``, a row span a ``w:vMerge="restart"`` cell above ``w:vMerge`` (continue) cells
with the same span; every grid position holds exactly one cell.
Element order inside ``w:pPr``, ``w:tcPr`` and ``w:tblPr`` follows the schema (ECMA-376 Part 1,
17.3.1.26, 17.4.70, 17.4.60): Word refuses a file whose order is wrong.
"""

from __future__ import annotations

from html import escape
from typing import Any

from perfctl.office import xml_text
from perfctl.office.form import Cell, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Table rules: single lines of ½ pt on every edge, as Word's "Table Grid" (set here, not by style).
_RULE = '<w:{} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
#: The cell margins: 0.5 mm above and below, 1 mm left and right (twips; with 1.5 mm, 其中：财政资金
#: wraps in its 17 % column).
_CELL_MARGINS = ('<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
                 '<w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
                 "</w:tblCellMar>")
#: Rules and margins of a table (key ``False``) and of one that another table follows (``True``): no
#: rule under its last row, so that the next table's top rule is the one line at the seam and the
#: two print as one ruled form.
_TABLE_PR = {open_bottom: "<w:tblBorders>" + "".join('<w:bottom w:val="nil"/>' if open_bottom and edge == "bottom"
                                                     else _RULE.format(edge) for edge in _EDGES)
             + "</w:tblBorders>" + _CELL_MARGINS for open_bottom in (False, True)}
#: Rows whose text may run past this many lines are allowed to break across pages: Word cuts
#: off a row that may not split and is taller than a page (about 50 lines of 10.5 pt fit on A4).
TALL_ROW = 40
#: Twips per Latin character of 10.5 pt text (a Chinese character takes two), and of a cell's
#: left and right margins together.
_HALF_EM, _CELL_PADDING = 105, 114
#: Extra paragraph formatting per role, beyond its style: (space before in twips, size in half-points).
_ROLE_FORMAT = {"sign": (120, 0), "note": (60, 18)}


def paragraph(text: str, style: str | None = None, role: str = "text", page_break: bool = False) -> str:
    """A ``w:p`` of ``text`` (lines joined by ``\\n`` become line breaks) in ``style`` (a style
    id, ``None``: Normal); ``role`` ``sign`` or ``note`` adds its spacing and size."""
    before, size = _ROLE_FORMAT.get(role, (0, 0))
    ppr = ((f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:pageBreakBefore/>" if page_break else "")
           + (f'<w:spacing w:before="{before}"/>' if before else ""))
    rpr = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>' if size else ""
    runs = "".join(f'<w:r>{rpr}{"<w:br/>" if k else ""}{_text(line)}</w:r>'
                   for k, line in enumerate(text.split("\n")))
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def meta(parts: list[str], width: int, page_break: bool = False) -> str:
    """The line under a table title (``389101 中国（天津）…办公室`` … ``单位：元``) as one ``w:p``:
    the first part flush left, the last at a right tab stop at ``width`` (twips), the ones between
    at a centred tab stop; kept on the page of what follows."""
    tabs = ""
    if len(parts) > 1:
        tabs = ((f'<w:tab w:val="center" w:pos="{width // 2}"/>' if len(parts) > 2 else "")
                + f'<w:tab w:val="right" w:pos="{width}"/>')
        tabs = f"<w:tabs>{tabs}</w:tabs>"
    ppr = f'<w:keepNext/>{"<w:pageBreakBefore/>" if page_break else ""}{tabs}<w:spacing w:after="40"/>'
    pieces = [parts[0], "　".join(parts[1:-1]), parts[-1]] if len(parts) > 2 else parts
    runs = "".join(f'<w:r>{"<w:tab/>" if k else ""}{_text(piece.replace(chr(10), " "))}</w:r>'
                   for k, piece in enumerate(pieces))
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


#: The height of :func:`separator`, twips (an exact line height, 0.1 pt): with it LibreOffice
#: draws the seam of two tables with no visible gap. The schema allows any value; an application
#: with a larger least height (Word's paragraph dialog offers no less than 0.7 pt) uses its own.
SEPARATOR_LINE = 2


def separator(page_break: bool = False) -> str:
    """A ``w:p`` as low as can be (:data:`SEPARATOR_LINE`, no space before or after, its mark
    1 pt, Word's least size): between two tables, which Word would otherwise join into one, or
    to start a new page before a table."""
    return (f'<w:p><w:pPr><w:keepNext/>{"<w:pageBreakBefore/>" if page_break else ""}'
            f'<w:spacing w:before="0" w:after="0" w:line="{SEPARATOR_LINE}" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def table(form: Table, width: int, keep_next: bool = False, open_bottom: bool = False) -> str:
    """``form`` as a ``w:tbl`` ``width`` twips wide: its columns ``form.widths`` of that width,
    merged cells as the spans say, its first ``form.head`` rows repeating at the top of each
    page (``w:tblHeader``), no row split across pages (``w:cantSplit``; but for a row that may
    be taller than a page, :data:`TALL_ROW`), cells centred
    vertically, ``left`` cells flush left and the others centred, ``bold`` cells bold.
    ``keep_next``: every row kept on a page with what follows (Word's keep-with-next);
    ``open_bottom``: no rule under the last row (another table follows: :data:`_TABLE_PR`)."""
    columns = _columns(form.widths, width)
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(columns)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'{_TABLE_PR[open_bottom]}'
           "</w:tblPr><w:tblGrid>", *(f'<w:gridCol w:w="{twips}"/>' for twips in columns), "</w:tblGrid>"]
    keep = "<w:keepNext/>" if keep_next else ""
    for r, row in enumerate(_grid_rows(form)):
        split = "" if r >= form.head and _tall(row, columns) else "<w:cantSplit/>"
        out.append(f"<w:tr><w:trPr>{split}{'<w:tblHeader/>' if r < form.head else ''}</w:trPr>")
        for col, span, cell, merge in row:
            out.append(_cell(sum(columns[col:col + span]), span, cell, merge, keep))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _tall(row: list[tuple[int, int, Cell | None, str | None]], columns: list[int]) -> bool:
    """Whether a cell of ``row`` (not a merged one) may need more than :data:`TALL_ROW` lines: an
    upper bound, every character counted as wide as a Chinese one."""
    for col, span, cell, merge in row:
        if cell is not None and merge is None:
            per_line = max((sum(columns[col:col + span]) - _CELL_PADDING) // _HALF_EM, 1)
            if sum(-(-2 * len(line) // per_line) or 1 for line in cell.text.split("\n")) > TALL_ROW:
                return True
    return False


def _cell(twips: int, span: int, cell: Cell | None, merge: str | None, keep: str) -> str:
    """One ``w:tc``: ``cell``'s lines as paragraphs (an empty paragraph for a covered or empty
    position); ``merge``: ``"restart"`` (a row span's first row), ``"continue"`` or ``None``."""
    pr = (f'<w:tcW w:w="{twips}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
          + ('<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
          + '<w:vAlign w:val="center"/>')
    if cell is None or merge == "continue":
        return f'<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:pPr>{keep}<w:jc w:val="center"/></w:pPr></w:p></w:tc>'
    ppr = f'<w:pPr>{keep}<w:jc w:val="{"left" if cell.left else "center"}"/></w:pPr>'
    bold = "<w:rPr><w:b/></w:rPr>" if cell.bold else ""
    paragraphs = "".join(f"<w:p>{ppr}<w:r>{bold}{_text(line)}</w:r></w:p>" if line else f"<w:p>{ppr}</w:p>"
                         for line in cell.text.split("\n"))
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{paragraphs}</w:tc>"


def _grid_rows(form: Table) -> list[list[tuple[int, int, Cell | None, str | None]]]:
    """Each grid row as its ``w:tc`` cells, left to right: (first column, column span, the cell
    or ``None`` for an empty position, ``"restart"``/``"continue"``/``None``). Every position of
    the grid is covered once: a cell overlapping one placed before it (ragged HTML) keeps only
    the positions still free."""
    ncols = len(form.widths)
    owner: list[list[Cell | None]] = [[None] * ncols for _ in range(form.rows)]
    for cell in form.cells:
        for r in range(cell.row, min(cell.row + cell.rowspan, form.rows)):
            line = owner[r]
            for c in range(cell.col, min(cell.col + cell.colspan, ncols)):
                if line[c] is None:
                    line[c] = cell
    rows = []
    for r, line in enumerate(owner):
        out, c, placed = [], 0, set()
        while c < ncols:
            cell = line[c]
            span = 1
            while c + span < ncols and cell is not None and line[c + span] is cell:
                span += 1
            if cell is None:
                out.append((c, span, None, None))
            elif r > cell.row:
                out.append((c, span, cell, "continue"))
            elif id(cell) in placed:  # the rest of a cell cut in two by an earlier one: left empty
                out.append((c, span, None, None))
            else:
                placed.add(id(cell))
                out.append((c, span, cell, "restart" if cell.rowspan > 1 and r + 1 < form.rows else None))
            c += span
        rows.append(out)
    return rows


def _columns(widths: list[float], width: int) -> list[int]:
    """Twips per column: ``widths`` (fractions summing to 1) of ``width``, rounded so that they
    add up to ``width`` exactly."""
    out, edge = [], 0.0
    for fraction in widths:
        start = round(edge * width)
        edge += fraction
        out.append(max(round(min(edge, 1.0) * width) - start, 1))
    return out


def _text(text: str) -> str:
    """A ``w:t`` holding ``text``, escaped (leading and trailing spaces kept)."""
    text = escape(xml_text(text), quote=False)
    return f'<w:t xml:space="preserve">{text}</w:t>' if text != text.strip(" ") else f"<w:t>{text}</w:t>"


def page_number(p: Any, style: str) -> None:
    """Fill the paragraph element ``p`` (python-docx ``Paragraph``) with ``第 X 页``, X a PAGE field."""
    element = p._p
    ppr = element.get_or_add_pPr()
    for old in ppr.findall(_W + "pStyle"):  # python-docx's footer paragraph comes with one
        ppr.remove(old)
    ppr.insert(0, ppr.makeelement(_W + "pStyle", {_VAL: style}))
    for kind, value in (("t", "第 "), ("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"),
                        ("t", "1"), ("fldChar", "end"), ("t", " 页")):
        run = element.makeelement(_W + "r", {})
        element.append(run)
        if kind == "fldChar":
            run.append(run.makeelement(_W + "fldChar", {_W + "fldCharType": value}))
        else:
            text = run.makeelement(_W + kind, {_SPACE: "preserve"})
            text.text = value
            run.append(text)


def doc_defaults(latin: str, east_asian: str, size: int) -> Any:
    """``w:docDefaults``: runs in ``latin`` / ``east_asian`` faces at ``size`` half-points, Chinese
    language; paragraphs single-spaced with no space after."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{_fonts(latin, east_asian)}<w:sz w:val="{size}"/>'
        f'<w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults>')


def style(style_id: str, latin: str, name: str, east_asian: str, size: int, align: str | None, before: int,
          after: int, keep_next: bool, outline: int | None) -> Any:
    """A paragraph ``w:style``: faces set on ``w:rFonts`` ``w:ascii``/``w:hAnsi``/``w:eastAsia``
    (python-docx's ``font.name`` sets only the Latin ones, #1396), ``size`` in half-points,
    spacing in twips, black, not bold; ``Normal`` is the default style, the others based on it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    normal = style_id == "Normal"
    default = ' w:default="1"' if normal else ""
    based = "" if normal else '<w:basedOn w:val="Normal"/>'
    ppr = (("<w:keepNext/><w:keepLines/>" if keep_next else "")
           + (f'<w:spacing w:before="{before}" w:after="{after}"/>' if before or after else "")
           + (f'<w:jc w:val="{align}"/>' if align else "")
           + (f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""))
    return parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{style_id}"{default}>'
        f'<w:name w:val="{name}"/>{based}<w:next w:val="Normal"/>'
        f'<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{_fonts(latin, east_asian)}<w:b w:val="0"/><w:color w:val="000000"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>')


def _fonts(latin: str, east_asian: str) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" w:cs="{latin}"/>'
