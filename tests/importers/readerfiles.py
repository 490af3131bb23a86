"""Test support: small Word, Excel, web-page and PDF files with the odd structures readers meet.

Each builder returns the file's bytes. The layouts are described where they are built, and the
tests in ``test_readers_office.py`` assert the grids cell by cell.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECLS = (f'xmlns:w="{W_NS}" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"')


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _wrap_sdt(element) -> None:
    """Put ``element`` inside a content control (``w:sdt``/``w:sdtContent``) where it stands."""
    from docx.oxml import parse_xml

    sdt = parse_xml(f'<w:sdt {NSDECLS}><w:sdtPr><w:alias w:val="cc"/></w:sdtPr><w:sdtContent/></w:sdt>')
    element.addprevious(sdt)
    sdt.find(_w("sdtContent")).append(element)


def odd_docx() -> bytes:
    """A document with every structure the Word reader must see through::

        2025年项目支出绩效目标表 / (empty paragraph) / 单位：元
        table 1   row 0  项目名称 | 测试项目 (gridSpan 3; text with a deleted 旧 and an inserted 项目)
                  row 1  产出指标 (vMerge rows 1-3) | 数量指标 | 培训人次 | ≥50人 (cell in a content control)
                  row 2  (row in a content control) | 质量指标 | 合格率 / （抽检） (two paragraphs) | ≥95%
                  row 3  | 时效指标 | 完成 + 时间 (in an inline content control) | 见下表 + nested table [内1 | 内2]
                  row 4  w:gridBefore 1 | 成本指标 | 经费 | ≤8万元
        说明：表二
        table 2 (in a body content control)  甲 | 乙 / 丙 | 丁
        附表 + a text box holding table 3 [框1 | 框2] (and its legacy fallback copy)
        填表人：张三
    """
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    doc.add_paragraph("2025年项目支出绩效目标表")
    doc.add_paragraph("")
    doc.add_paragraph("单位：元")
    t = doc.add_table(rows=5, cols=4)
    t.cell(0, 0).text = "项目名称"
    name = t.cell(0, 1).merge(t.cell(0, 3))
    name.text = "测试"
    p = name.paragraphs[0]._p
    p.append(parse_xml(f'<w:del {NSDECLS} w:id="1" w:author="a"><w:r><w:delText>旧</w:delText></w:r></w:del>'))
    p.append(parse_xml(f'<w:ins {NSDECLS} w:id="2" w:author="a"><w:r><w:t>项目</w:t></w:r></w:ins>'))
    t.cell(1, 0).merge(t.cell(3, 0)).text = "产出指标"
    for r, row in enumerate([("数量指标", "培训人次", "≥50人"), ("质量指标", "合格率", "≥95%"),
                             ("时效指标", "完成", "见下表"), ("成本指标", "经费", "≤8万元")], 1):
        for c, text in enumerate(row, 1):
            t.cell(r, c).text = text
    t.cell(2, 2).add_paragraph("（抽检）")
    t.cell(3, 2).paragraphs[0]._p.append(parse_xml(
        f'<w:sdt {NSDECLS}><w:sdtPr/><w:sdtContent><w:r><w:t>时间</w:t></w:r></w:sdtContent></w:sdt>'))
    inner = t.cell(3, 3).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "内1", "内2"
    rows = t._tbl.findall(_w("tr"))
    first = rows[4].find(_w("tc"))
    rows[4].remove(first)
    rows[4].insert(0, parse_xml(f'<w:trPr {NSDECLS}><w:gridBefore w:val="1"/></w:trPr>'))
    _wrap_sdt(rows[1].findall(_w("tc"))[3])
    _wrap_sdt(rows[2])
    doc.add_paragraph("说明：表二")
    t2 = doc.add_table(rows=2, cols=2)
    for (r, c), text in zip([(0, 0), (0, 1), (1, 0), (1, 1)], "甲乙丙丁"):
        t2.cell(r, c).text = text
    _wrap_sdt(t2._tbl)
    box = doc.add_table(rows=1, cols=2)
    box.cell(0, 0).text, box.cell(0, 1).text = "框1", "框2"
    box_xml = box._tbl
    box_xml.getparent().remove(box_xml)
    para = doc.add_paragraph("附表")._p
    run = parse_xml(f'<w:r {NSDECLS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
                    f'<w:txbxContent/></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>'
                    f'<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    for content in run.iter(_w("txbxContent")):
        content.append(copy.deepcopy(box_xml))
        content.append(parse_xml(f'<w:p {NSDECLS}/>'))
    para.append(run)
    doc.add_paragraph("填表人：张三")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def number_xlsx() -> bytes:
    """Sheet 数值 (values under number formats, merges, a formula with and one without a saved
    result, an empty row and a formatted but empty trailing column), an empty sheet, a hidden
    sheet, and sheet 第二表 with its table starting at B3::

        A1:D1 merged  2025年项目支出绩效目标表
        row 2  预算数 | 3309840 #,##0.00 | 0.95 0% | 80.0 General
        row 3  产出指标 (A3:A5 merged) | 80 0.00 | 0.955 0.00% | 12.5 General
        row 4  | "00123" @ | 2025-12-31 yyyy"年"m"月"d"日" | 2025-12-31 built-in 14
        row 5  | =B2*2 (saved result 6619680) | =C2*2 (no saved result) | 1234.5 "¥"#,##0.00;-…
        row 6  empty;  row 7  | | | -1234.5 #,##0.00_);(#,##0.00);  column F formatted, empty
    """
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数值"
    ws["A1"] = "2025年项目支出绩效目标表"
    ws.merge_cells("A1:D1")
    cells: list[tuple[str, object, str]] = [
        ("A2", "预算数", "General"), ("B2", 3309840, "#,##0.00"), ("C2", 0.95, "0%"), ("D2", 80.0, "General"),
        ("A3", "产出指标", "General"), ("B3", 80, "0.00"), ("C3", 0.955, "0.00%"), ("D3", 12.5, "General"),
        ("B4", "00123", "@"), ("C4", dt.datetime(2025, 12, 31), 'yyyy"年"m"月"d"日"'),
        ("D4", dt.datetime(2025, 12, 31), "mm-dd-yy"),
        ("B5", "=B2*2", "#,##0.00"), ("C5", "=C2*2", "0%"), ("D5", 1234.5, '"¥"#,##0.00;-"¥"#,##0.00'),
        ("D7", -1234.5, "#,##0.00_);(#,##0.00)"),
    ]
    for ref, value, fmt in cells:
        ws[ref] = value
        ws[ref].number_format = fmt
    ws.merge_cells("A3:A5")
    ws["F9"].number_format = "0.00"
    wb.create_sheet("空表")
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "不应读到"
    hidden.sheet_state = "hidden"
    second = wb.create_sheet("第二表")
    second["B3"], second["C3"], second["C4"] = "一级指标", "二级指标", "数量指标"
    buf = io.BytesIO()
    wb.save(buf)
    return patch_zip(buf.getvalue(), "xl/worksheets/sheet1.xml",
                     lambda xml: xml.replace(b"<f>B2*2</f><v></v>", b"<f>B2*2</f><v>6619680</v>")
                     .replace(b"<f>B2*2</f><v/>", b"<f>B2*2</f><v>6619680</v>")
                     .replace(b"<f>B2*2</f></c>", b"<f>B2*2</f><v>6619680</v></c>"))


def patch_zip(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The zip ``data`` with one member's bytes passed through ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info, change(content) if info.filename == member else content)
    return out.getvalue()


def wps_dimension(data: bytes) -> bytes:
    """An .xlsx whose first sheet claims the size A1:A1, as WPS sometimes writes."""
    return patch_zip(data, "xl/worksheets/sheet1.xml",
                     lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', xml))


def whole_column_merge_xlsx() -> bytes:
    """A 3 × 2 table with a note in C1 merged down the whole column C (C1:C1048576), and a
    merge over the whole of row 4, as a hand-edited sheet may have them."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for ref, text in {"A1": "一级指标", "B1": "二级指标", "C1": "备注", "A2": "产出指标", "B2": "数量指标",
                      "A3": "效益指标", "B3": "社会效益指标"}.items():
        ws[ref] = text
    buf = io.BytesIO()
    wb.save(buf)
    merges = b'<mergeCells count="2"><mergeCell ref="C1:C1048576"/><mergeCell ref="A4:XFD4"/></mergeCells>'
    return patch_zip(buf.getvalue(), "xl/worksheets/sheet1.xml",
                     lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + merges))


def cjk_builtin_xlsx() -> bytes:
    """One date in A1 stored as a day count under the zh-CN built-in format 31
    (``yyyy"年"m"月"d"日"``), with no format code in the file, in the 1904 date system."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active["A1"] = dt.datetime(2025, 7, 1)
    wb.active["A1"].number_format = "yyyy-mm-dd"
    buf = io.BytesIO()
    wb.save(buf)
    data = patch_zip(buf.getvalue(), "xl/styles.xml",
                     lambda xml: re.sub(rb'numFmtId="16\d"', b'numFmtId="31"',
                                        re.sub(rb"<numFmts.*?</numFmts>", b"", xml, flags=re.S)))
    return data


def number_xls() -> bytes:
    """Sheet 数值 as in :func:`number_xlsx` (without formulas), a hidden sheet and an empty one."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("数值")
    ws.write_merge(0, 0, 0, 3, "2025年项目支出绩效目标表")
    values = [(1, 0, "预算数", None), (1, 1, 3309840, "#,##0.00"), (1, 2, 0.95, "0%"), (1, 3, 80.0, None),
              (2, 1, 80, "0.00"), (2, 2, 0.955, "0.00%"), (2, 3, 12.5, None),
              (3, 1, "00123", "@"), (3, 2, dt.datetime(2025, 12, 31), 'yyyy"年"m"月"d"日"'),
              (3, 3, dt.date(2025, 12, 31), "m/d/yy"), (6, 3, -1234.5, "#,##0.00_);(#,##0.00)")]
    for r, c, value, fmt in values:
        ws.write(r, c, value, xlwt.easyxf(num_format_str=fmt) if fmt else xlwt.Style.default_style)
    ws.write_merge(2, 4, 0, 0, "产出指标")
    hidden = wb.add_sheet("隐藏")
    hidden.write(0, 0, "不应读到")
    hidden.visibility = 1
    wb.add_sheet("空表")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def doc_97(xls: bytes) -> bytes:
    """An OLE2 file holding a ``WordDocument`` stream (an .xls whose stream is renamed)."""
    old, new = "Workbook".encode("utf-16-le"), "WordDocument".encode("utf-16-le")
    at = xls.index(old)
    entry = bytearray(xls[at: at + 128])
    entry[:64] = (new + b"\0\0").ljust(64, b"\0")
    entry[64:66] = (len(new) + 2).to_bytes(2, "little")
    return xls[:at] + bytes(entry) + xls[at + 128:]


def encrypt(data: bytes, password: str = "1234") -> bytes:
    """A .docx or .xlsx encrypted with a password, as Office saves it (an OLE2 container)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def zip_of(members: dict[str, str]) -> bytes:
    """A zip archive of text members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buf.getvalue()


HTML_PAGE = """<!DOCTYPE html>
<html><head>{meta}<title>绩效目标公开</title><style>td {{ padding: 2px }}</style></head>
<body>
<h3>2025年项目支出绩效目标表</h3>
<p>单位：万元&nbsp;&nbsp;</p>
<table border="1">
<caption>表一</caption>
<thead><tr><th colspan="4">项目名称：测试项目</th></tr></thead>
<tbody>
<tr><td rowspan="2">产出指标</td><td>数量<br>指标</td><td>培训   人次</td><td>≥50人</td></tr>
<tr><td>质量指标</td><td colspan="2"><p>合格率</p><p>≥95%</p></td></tr>
<tr><td>效益指标</td><td rowspan="0">长期</td><td>见下表<table><tr><td>内1</td><td>内2</td></tr></table>完</td><td></td></tr>
<tr><td>满意度</td><td>满意率</td><td>≥90%<script>var x = 1;</script></td></tr>
</tbody></table>
<p>填表人：张三</p><div style="display: none">隐藏的说明</div>
<div>第二部分</div>
<table><tr><td>甲</td><td>乙</td></tr></table>
</body></html>
"""


def html_page(encoding: str, meta: str = "") -> bytes:
    """:data:`HTML_PAGE` in ``encoding`` with ``meta`` in its head."""
    return HTML_PAGE.format(meta=meta).encode(encoding)


def ruled_pdf(pages: list[list[tuple[str, list[list[str]]]]], *, title: str = "2025年项目支出绩效目标表",
              merged: bool = True) -> bytes:
    """A text-layer PDF (reportlab, CID font STSong-Light) whose pages hold ruled tables.

    ``pages``: per page, tables as ``(caption, rows)``; every cell is 100 × 20 pt, 4 columns
    from x = 50. With ``merged``, the first table's cell (1, 0) spans rows 1-2 and its row 0
    is one cell across. The title is drawn above the first page's first table.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    first = True
    for tables in pages:
        y = 800.0
        if first and title:
            c.setFont("STSong-Light", 14)
            c.drawString(150, y, title)
            y -= 30
        for caption, rows in tables:
            if caption:
                c.setFont("STSong-Light", 10)
                c.drawString(50, y, caption)
                y -= 10
            c.setFont("STSong-Light", 10)
            for r, row in enumerate(rows):
                top = y - 20 * r
                for col, text in enumerate(row):
                    if text is None:
                        continue
                    width, height = 100, 20
                    if first and merged and r == 0 and col == 0:
                        width = 400
                    if first and merged and r == 1 and col == 0:
                        height = 40
                    c.rect(50 + 100 * col, top - height, width, height)
                    c.drawString(54 + 100 * col, top - 14, text)
            y -= 20 * len(rows) + 30
            first = False
        c.showPage()
    c.save()
    return buf.getvalue()


def shapes_pdf(page_number: bool = False) -> bytes:
    """A PDF of an image, lines and filled shapes (what a scan looks like to a reader), with a
    page number as its only text when ``page_number``."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (60, 40), 200)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawImage(ImageReader(picture), 50, 300, 300, 200)
    c.rect(50, 600, 300, 100, fill=1)
    c.line(50, 550, 350, 550)
    if page_number:
        c.drawString(280, 40, "- 1 -")
    c.showPage()
    c.save()
    return buf.getvalue()


def protected_pdf() -> bytes:
    """A PDF that opens only with a password."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "budget")
    c.showPage()
    c.save()
    return buf.getvalue()


def cid_pdf() -> bytes:
    """A ruled PDF whose CID font lost its Unicode map (its encoding made Identity-H), so that
    its glyphs read as ``(cid:NNNN)``."""
    data = ruled_pdf([[("", [["项目名称", "测试", "预算数", "80"]])]], title="", merged=False)
    return data.replace(b"/UniGB-UCS2-H", b"/Identity-H  ")
