"""The Word, Excel, web-page and PDF readers: exact grids from small files with odd structures,
detection by content, and refusals with their messages (issue 12)."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile

import pytest
import readerfiles as rf

from conftest import ROOT
from perfctl import importers
from perfctl.errors import InputError
from perfctl.importers import containers, docx, html, numfmt, pdf, xls, xlsx
from perfctl.importers.grid import Grid


def cells(grid: Grid) -> list[list[tuple]]:
    """Each cell as ``(text, row, col)``, with ``rowspan, colspan`` appended when not 1, 1."""
    return [[(c.text, c.row, c.col) + ((c.rowspan, c.colspan) if (c.rowspan, c.colspan) != (1, 1) else ())
             for c in row] for row in grid.rows]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict:
    """Every test file, built once: name → path."""
    tmp = tmp_path_factory.mktemp("readers")
    xlsx_bytes, xls_bytes = rf.number_xlsx(), rf.number_xls()
    made = {
        "odd.docx": rf.odd_docx(), "number.xlsx": xlsx_bytes, "number.xls": xls_bytes,
        "wps.xlsx": rf.wps_dimension(xlsx_bytes), "cjk.xlsx": rf.cjk_builtin_xlsx(),
        "protected.docx": rf.encrypt(rf.odd_docx()), "protected.xlsx": rf.encrypt(xlsx_bytes),
        "old.doc": rf.doc_97(xls_bytes), "notes.zip": rf.zip_of({"notes.txt": "项目名称\t测试项目\n"}),
        "sheet.ods": rf.zip_of({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), "empty.txt": b"",
        "scan.png": b"\x89PNG\r\n\x1a\n" + bytes(64), "blank.txt": b" \n\t\r\n",
        "gbk.html": rf.html_page("gbk", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
        "gbk-bare.html": rf.html_page("gbk"), "utf8.html": rf.html_page("utf-8", '<meta charset="utf-8">'),
        "bom.htm": b"\xef\xbb\xbf  " + rf.html_page("utf-8"),
        "table.pdf": rf.ruled_pdf([[("", [["项目名称：测试项目", None, None, None], ["产出指标", "数量指标", "培训人次", "≥50人"],
                                          [None, "质量指标", "合格率", "≥95%"]])]]),
        "scan.pdf": rf.shapes_pdf(), "scan-numbered.pdf": rf.shapes_pdf(page_number=True), "cid.pdf": rf.cid_pdf(), "protected.pdf": rf.protected_pdf(),
    }
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    made["long.pdf"] = rf.ruled_pdf([
        [("", [header] + [["产出指标", "数量指标", f"指标{i}", f"≥{i}人"] for i in range(1, 34)])],
        [("", [header, ["效益指标", "社会效益指标", "指标34", "≥34人"]]), ("二、另一表", [["甲", "乙", "丙", "丁"]])],
    ], title="", merged=False)
    paths = {}
    for name, data in made.items():
        paths[name] = tmp / name
        paths[name].write_bytes(data)
    return paths


def read(files: dict, name: str, module) -> list[Grid]:
    path = files[name]
    return module.read(str(path), path.read_bytes())


# --- Word ---------------------------------------------------------------------------------------

def test_docx_tables_in_body_order_with_the_paragraphs_around_them(files):
    grids = read(files, "odd.docx", docx)
    assert [g.part for g in grids] == ["table 1", "table 1.1", "table 2", "table 3"]
    assert grids[0].before == ["2025年项目支出绩效目标表", "单位：元"]
    assert grids[0].after == ["说明：表二"] == grids[2].before
    assert grids[2].after == ["附表"] == grids[3].before
    assert grids[3].after == ["填表人：张三"]


def test_docx_merged_cells_once_with_spans_grid_before_and_content_controls(files):
    table = read(files, "odd.docx", docx)[0]
    assert cells(table) == [
        [("项目名称", 0, 0), ("测试项目", 0, 1, 1, 3)],  # gridSpan; deleted text left out, inserted kept
        [("产出指标", 1, 0, 3, 1), ("数量指标", 1, 1), ("培训人次", 1, 2), ("≥50人", 1, 3)],  # ≥50人: cell in an sdt
        [("质量指标", 2, 1), ("合格率\n（抽检）", 2, 2), ("≥95%", 2, 3)],  # the whole row in an sdt
        [("时效指标", 3, 1), ("完成时间", 3, 2), ("见下表", 3, 3)],  # 时间 in an inline sdt; nested table apart
        [("成本指标", 4, 1), ("经费", 4, 2), ("≤8万元", 4, 3)],  # gridBefore 1: starts in column 2
    ]
    texts = [c.text for row in table.rows for c in row]
    assert texts.count("产出指标") == 1 and texts.count("测试项目") == 1
    assert table.where(table.rows[4][0]) == f"{files['odd.docx']}: table 1, row 5, col 2"


def test_docx_nested_table_in_a_body_content_control_and_in_a_text_box(files):
    grids = read(files, "odd.docx", docx)
    assert cells(grids[1]) == [[("内1", 0, 0), ("内2", 0, 1)]]
    assert grids[1].before == ["见下表"]
    assert grids[2].texts() == [["甲", "乙"], ["丙", "丁"]]
    assert grids[3].texts() == [["框1", "框2"]]  # the text box's legacy copy is not read twice


def test_docx_reader_refuses_damaged_and_foreign_files(files):
    data = files["odd.docx"].read_bytes()
    with pytest.raises(InputError, match=r"cannot read as a Word \.docx file: a damaged zip archive"):
        docx.read("cut.docx", data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cannot read as a Word \.docx file: its main part has no body"):
        docx.read("book.docx", files["number.xlsx"].read_bytes())
    with pytest.raises(InputError) as caught:
        docx.read("p.docx", files["protected.docx"].read_bytes())
    assert str(caught.value) == "p.docx: password-protected Office file; save it without a password first"


# --- Excel --------------------------------------------------------------------------------------

NUMBER_SHEET = [
    [("2025年项目支出绩效目标表", 0, 0, 1, 4)],
    [("预算数", 1, 0), ("3,309,840.00", 1, 1), ("95%", 1, 2), ("80", 1, 3)],
    [("产出指标", 2, 0, 3, 1), ("80.00", 2, 1), ("95.50%", 2, 2), ("12.5", 2, 3)],
    [("00123", 3, 1), ("2025年12月31日", 3, 2), ("2025/12/31", 3, 3)],
    [("6,619,680.00", 4, 1), ("=C2*2", 4, 2), ("¥1,234.50", 4, 3)],
    [("", 5, 0), ("", 5, 1), ("", 5, 2), ("(1,234.50)", 5, 3)],  # the empty row 6 is dropped, column F trimmed
]


def test_xlsx_values_as_displayed_merges_and_formulas(files):
    grids = read(files, "number.xlsx", xlsx)
    assert [g.part for g in grids] == ["sheet '数值'", "sheet '第二表'"]  # empty and hidden sheets passed over
    assert cells(grids[0]) == NUMBER_SHEET
    assert grids[0].before == [] and grids[0].after == []


def test_xlsx_table_away_from_a1_and_wrong_stored_dimension(files):
    second = read(files, "number.xlsx", xlsx)[1]
    assert cells(second) == [[("一级指标", 0, 0), ("二级指标", 0, 1)], [("", 1, 0), ("数量指标", 1, 1)]]
    assert cells(read(files, "wps.xlsx", xlsx)[0]) == NUMBER_SHEET


def test_xlsx_whole_column_merge_is_cut_to_the_used_area():
    started = time.perf_counter()
    grids = xlsx.read("w.xlsx", rf.whole_column_merge_xlsx())
    assert time.perf_counter() - started < 3  # openpyxl alone takes about 15 s on the uncut range
    assert cells(grids[0]) == [[("一级指标", 0, 0), ("二级指标", 0, 1), ("备注", 0, 2, 3, 1)],
                               [("产出指标", 1, 0), ("数量指标", 1, 1)],
                               [("效益指标", 2, 0), ("社会效益指标", 2, 1)]]


def test_xlsx_escaped_control_characters(files):
    data = rf.patch_zip(files["number.xlsx"].read_bytes(), "xl/worksheets/sheet1.xml",
                        lambda xml: xml.replace(b"&#31639;&#25968;", b"&#31639;_x000D_\n&#25968;"))  # 算, 数
    assert xlsx.read("e.xlsx", data)[0].rows[1][0].text == "预算\n数"


def test_xlsx_locale_builtin_date_format_in_the_1904_system(files):
    assert read(files, "cjk.xlsx", xlsx)[0].texts() == [["2025年7月1日"]]


def test_xls_values_as_displayed_and_merges(files):
    grids = read(files, "number.xls", xls)
    assert [g.part for g in grids] == ["sheet '数值'"]
    assert cells(grids[0]) == [
        [("2025年项目支出绩效目标表", 0, 0, 1, 4)],
        [("预算数", 1, 0), ("3,309,840.00", 1, 1), ("95%", 1, 2), ("80", 1, 3)],
        [("产出指标", 2, 0, 2, 1), ("80.00", 2, 1), ("95.50%", 2, 2), ("12.5", 2, 3)],
        [("00123", 3, 1), ("2025年12月31日", 3, 2), ("2025/12/31", 3, 3)],
        [("", 4, 0), ("", 4, 1), ("", 4, 2), ("(1,234.50)", 4, 3)],
    ]


def test_spreadsheet_readers_refuse_bad_input(files):
    with pytest.raises(InputError, match=r"^x\.xls: cannot read as an Excel 97-2003 \.xls file: .*save it as \.xlsx"):
        xls.read("x.xls", containers.OLE2_MAGIC + b"\0" * 1024)
    with pytest.raises(InputError, match=r"^x\.xlsx: cannot read as an Excel \.xlsx file: File contains no valid workbook"):
        xlsx.read("x.xlsx", files["odd.docx"].read_bytes())
    with pytest.raises(InputError, match="^p.xlsx: password-protected Office file"):
        xlsx.read("p.xlsx", files["protected.xlsx"].read_bytes())


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (80, "0.00", "80.00"), (0.95, "0%", "95%"), (0.9512, "0.00%", "95.12%"), (3309840, "#,##0.00", "3,309,840.00"),
    (80.0, "General", "80"), (0.1 + 0.2, "General", "0.3"), (1.005, "0.00", "1.01"), (12, '0.00"元"', "12.00元"),
    (12, "[$¥-804]#,##0.00", "¥12.00"), (-5, "0.00;[Red]-0.00", "-5.00"), (0, "0.00;-0.00;;@", ""),
    (1234567, "#,##0,", "1,235"), (123456, "0.00E+00", "1.23E+05"), (12.0, "G/通用格式", "12"), (2.5, "0.0#", "2.5"),
    (45657, "yyyy/m/d", "2024/12/31"), (45657.75, 'yyyy"年"m"月"d"日" hh:mm', "2024年12月31日 18:00"),
    (45657.75, '上午/下午h"时"mm"分"', "下午6时00分"), (45657, "aaaa", "星期二"), (1e12, "yyyy-mm-dd", "########"),
])
def test_number_formats(value, fmt, shown):
    assert numfmt.display(value, fmt) == shown


def test_number_format_1904_system():
    assert numfmt.display(44196, "yyyy-mm-dd", epoch1904=True) == "2025-01-01"
    assert numfmt.display(45658, "yyyy-mm-dd") == "2025-01-01"


# --- web pages ----------------------------------------------------------------------------------

PAGE_TABLE = [
    [("项目名称：测试项目", 0, 0, 1, 4)],
    [("产出指标", 1, 0, 2, 1), ("数量\n指标", 1, 1), ("培训 人次", 1, 2), ("≥50人", 1, 3)],
    [("质量指标", 2, 1), ("合格率\n≥95%", 2, 2, 1, 2)],
    [("效益指标", 3, 0), ("长期", 3, 1, 2, 1), ("见下表\n完", 3, 2), ("", 3, 3)],  # rowspan="0": to the end
    [("满意度", 4, 0), ("满意率", 4, 2), ("≥90%", 4, 3)],
]


@pytest.mark.parametrize("name", ["gbk.html", "gbk-bare.html", "utf8.html", "bom.htm"])
def test_html_tables_in_the_page_encoding(files, name):
    grids = read(files, name, html)
    assert [g.part for g in grids] == ["table 1", "table 1.1", "table 2"]
    assert cells(grids[0]) == PAGE_TABLE
    assert grids[0].before == ["2025年项目支出绩效目标表", "单位：万元", "表一"]  # headings, then the caption
    assert grids[0].after == ["填表人：张三", "第二部分"] == grids[2].before
    assert cells(grids[1]) == [[("内1", 0, 0), ("内2", 0, 1)]] and grids[1].before == ["见下表"]
    assert grids[2].texts() == [["甲", "乙"]]


def test_html_decoding_order():
    page = "<table><tr><td>项目</td></tr></table>"
    assert html.decode(page.encode("gb18030")) == page  # not UTF-8: GB18030
    assert html.decode(b'<meta charset="big5">' + "項目".encode("big5")).endswith("項目")
    assert html.decode(b'<meta charset="utf-8">' + page.encode("gbk")).endswith(page)  # a wrong declaration


# --- PDF ----------------------------------------------------------------------------------------

def test_pdf_ruled_table_with_merged_cells_and_title(files):
    grids = read(files, "table.pdf", pdf)
    assert [g.part for g in grids] == ["page 1, table 1"]
    assert cells(grids[0]) == [
        [("项目名称：测试项目", 0, 0, 1, 4)],
        [("产出指标", 1, 0, 2, 1), ("数量指标", 1, 1), ("培训人次", 1, 2), ("≥50人", 1, 3)],
        [("质量指标", 2, 1), ("合格率", 2, 2), ("≥95%", 2, 3)],
    ]
    assert grids[0].before == ["2025年项目支出绩效目标表"]


def test_pdf_table_continued_on_the_next_page_is_joined(files):
    grids = read(files, "long.pdf", pdf)
    assert [g.part for g in grids] == ["pages 1-2, table 1", "page 2, table 2"]
    joined = grids[0].texts()
    assert len(joined) == 1 + 34 and joined[0] == ["一级指标", "二级指标", "三级指标", "指标值"]  # header once
    assert joined[33] == ["产出指标", "数量指标", "指标33", "≥33人"]
    assert joined[34] == ["效益指标", "社会效益指标", "指标34", "≥34人"]
    assert [c.row for c in grids[0].rows[34]] == [34] * 4
    assert grids[1].before == ["二、另一表"] and grids[1].texts() == [["甲", "乙", "丙", "丁"]]


def test_pdf_without_text_or_with_unmapped_glyphs_needs_ocr(files):
    with pytest.raises(InputError) as caught:
        read(files, "scan.pdf", pdf)
    assert caught.value.message == "the PDF has no text layer (a scan?); it needs OCR first"
    with pytest.raises(InputError) as caught:
        read(files, "scan-numbered.pdf", pdf)
    assert caught.value.message == "the PDF's pages are images with 5 characters of text (a scan?); it needs OCR first"
    with pytest.raises(InputError, match=r"no Unicode mapping \(read as \(cid:NN\)\).*it needs OCR first"):
        read(files, "cid.pdf", pdf)
    with pytest.raises(InputError, match=r"^bad\.pdf: cannot read as a PDF file: "):
        pdf.read("bad.pdf", b"%PDF-1.4\ngarbage")
    with pytest.raises(InputError, match="password-protected PDF; save it without a password first"):
        read(files, "protected.pdf", pdf)


def test_pdf_compatibility_ideographs_read_as_shown():
    assert pdf._clean(" \u2f6c标值 ") == "目标值"  # KANGXI RADICAL EYE, as some producers map 目


# --- detection and refusals ---------------------------------------------------------------------

@pytest.mark.parametrize(("name", "reader"), [
    ("odd.docx", "docx"), ("number.xlsx", "xlsx"), ("number.xls", "xls"), ("gbk.html", "html"),
    ("bom.htm", "html"), ("table.pdf", "pdf"), ("scan.pdf", "pdf"),
])
def test_detect_by_content(files, name, reader):
    path = files[name]
    assert importers.detect(path, path.read_bytes()[: importers.HEAD]) == reader


def test_detect_text_and_markup_in_text(tmp_path):
    plain = tmp_path / "table.html"
    plain.write_text("项目名称\t测试项目\n" + "说明 " * 300 + "<table>\n", encoding="utf-8")
    head = plain.read_bytes()[: importers.HEAD]
    assert importers.detect(plain, head) == "text"  # no markup in the first KiB
    assert importers.detect(plain, b"\n  <TABLE border=1><tr><td>x") == "html"


def test_detect_ignores_the_extension(files, tmp_path):
    misnamed = tmp_path / "table.xlsx"
    misnamed.write_bytes(files["odd.docx"].read_bytes())
    assert importers.detect(misnamed, misnamed.read_bytes()[: importers.HEAD]) == "docx"


@pytest.mark.parametrize(("name", "message"), [
    ("empty.txt", "the file is empty (0 bytes); nothing to import"),
    ("notes.zip", "a zip archive, but not a Word or Excel file (no word/document.xml or xl/workbook.xml in it)"),
    ("sheet.ods", "a zip archive, but not a Word or Excel file: an OpenDocument file (.odt, .ods); "
                  "save it as .docx or .xlsx first"),
    ("protected.docx", "password-protected Office file; save it without a password first"),
    ("protected.xlsx", "password-protected Office file; save it without a password first"),
    ("old.doc", "a Word 97-2003 .doc file; save it as .docx first"),
    ("scan.png", "an image (PNG), not a document with text; a scan needs OCR first"),
    ("blank.txt", "the file holds only white space; nothing to import"),
])
def test_detect_refuses(files, name, message):
    path = files[name]
    with pytest.raises(InputError) as caught:
        importers.detect(path, path.read_bytes()[: importers.HEAD])
    assert str(caught.value).startswith(f"{path}: {message}")


def test_oversized_input_and_zip_bombs_are_refused(monkeypatch, files):
    mb = containers.MAX_BYTES // (1024 * 1024)
    with pytest.raises(InputError, match=rf"^big\.docx: file is {mb} MB; perfctl reads files to import up to {mb} MB$"):
        docx.read("big.docx", b"\0" * (containers.MAX_BYTES + 1))
    monkeypatch.setattr(containers, "MAX_EXPANDED", 1024)
    with pytest.raises(InputError, match=r"the archive expands to \d+ MB; perfctl reads files to import up to 0 MB"):
        xlsx.read("bomb.xlsx", files["number.xlsx"].read_bytes())


def test_cut_zip_is_detected_from_its_local_headers_and_refused_by_the_reader(files, tmp_path):
    data = files["odd.docx"].read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[:6000])
    with zipfile.ZipFile(files["odd.docx"]) as archive:  # its local header is inside what is left
        assert archive.getinfo("word/document.xml").header_offset + 100 < 6000
    assert importers.detect(cut, cut.read_bytes()) == "docx"
    with pytest.raises(InputError, match="a damaged zip archive"):
        docx.read(str(cut), cut.read_bytes())


def test_readers_load_office_libraries_only_when_reading():
    code = ("import sys, perfctl.importers as i\n"
            "for n in ('docx', 'xlsx', 'xls', 'html', 'pdf'): i.reader(n)\n"
            "print(sorted(m for m in ('docx', 'openpyxl', 'xlrd', 'pdfplumber', 'pdfminer', 'lxml', 'olefile')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
