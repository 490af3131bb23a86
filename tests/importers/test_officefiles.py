"""The office-file builders write what they claim: each file read back with the library that wrote it."""

from __future__ import annotations

import pytest

from officefiles import (SEED_FISCAL_LABEL, layout, load_seed, split_table, write_docx, write_html,
                         write_pdf, write_xls, write_xlsx)

DEPT = "389101中国（天津）自由贸易试验区管理委员会办公室"
PURPOSE_1 = ("通过召开第四届京津冀自贸试验区联席活动，进一步提升京津冀自贸试验区知名度和影响力，共同打造京津冀协同发展的"
             "高水平开放平台，加强三地自贸试验区协同联动，促进深层次、系统性政策集成创新，形成更多协同创新成果。")


@pytest.fixture(scope="module")
def projects():
    return load_seed()


@pytest.fixture(scope="module")
def built(projects, tmp_path_factory):
    out = tmp_path_factory.mktemp("office")
    return {
        "docx": write_docx(projects, out / "t.docx"),
        "variant.docx": write_docx(projects, out / "v.docx", sdt=2, grid_before=True),
        "split.docx": write_docx(projects, out / "s.docx", split=True),
        "xlsx": write_xlsx(projects, out / "t.xlsx"),
        "one.xlsx": write_xlsx(projects, out / "one.xlsx", one_sheet=True),
        "xls": write_xls(projects, out / "t.xls"),
        "html": write_html(projects, out / "t.html"),
        "gbk.html": write_html(projects, out / "g.html", charset="gbk", title_tag="p", cell_p=True),
        "pdf": write_pdf(projects, out / "t.pdf"),
    }


def test_layout_of_the_first_seed_table(projects):
    t = layout(projects[0])
    assert (t.title, t.width, t.height) == ("1.第四届京津冀自贸试验区联席活动项目绩效目标表", 7, 14)
    cells = {(b.row, b.col): (b.text, b.rowspan, b.colspan) for b in t.boxes}
    assert cells[0, 0] == (DEPT, 1, 6) and cells[0, 6] == ("单位：元", 1, 1)
    assert [cells[2, c][0] for c in range(7)] == ["预算规模及资金用途", "预算数", "200000.00", "其中：财政资金",
                                                  "200000.00", "其他资金", ""]
    assert cells[2, 0][1] == 2 and cells[3, 1] == (PURPOSE_1, 1, 6) and cells[4, 1] == ("1." + PURPOSE_1, 1, 6)
    assert [cells[5, c] for c in (0, 1, 2, 4, 6)] == [("一级指标", 1, 1), ("二级指标", 1, 1), ("三级指标", 1, 2),
                                                      ("绩效指标描述", 1, 2), ("指标值", 1, 1)]
    assert [(r, cells[r, 0][:2]) for r in range(6, 14) if (r, 0) in cells] == [
        (6, ("产出指标", 6)), (12, ("效益指标", 1)), (13, ("满意度指标", 1))]
    assert [(r, cells[r, 1][:2]) for r in range(6, 14) if (r, 1) in cells] == [
        (6, ("数量指标", 2)), (8, ("质量指标", 1)), (9, ("时效指标", 1)), (10, ("成本指标", 2)),
        (12, ("可持续影响指标", 1)), (13, ("服务对象满意度指标", 1))]
    assert [layout(p).title for p in projects[1:]] == [None, "3.自贸区法律服务经费绩效目标表", None]
    head, rows = split_table(t)
    assert (head.height, rows.width, rows.height) == (5, 5, 9)
    assert [b.text for b in rows.boxes if b.row == 1] == ["产出指标", "数量指标", "邀请参会人员数量", "邀请参会人员数量", "≥50人"]


def test_docx_tables_merges_and_font(built):
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(built["docx"]))
    assert [p.text for p in doc.paragraphs if p.text] == ["1.第四届京津冀自贸试验区联席活动项目绩效目标表", "3.自贸区法律服务经费绩效目标表"]
    assert [len(t.rows) for t in doc.tables] == [14, 14, 13, 12]
    t = doc.tables[0]
    assert t.cell(0, 0)._tc is t.cell(0, 5)._tc and t.cell(0, 0).text == DEPT and t.cell(0, 6).text == "单位：元"
    assert t.cell(2, 3).text == SEED_FISCAL_LABEL and t.cell(2, 2).text == "200000.00" and t.cell(2, 6).text == ""
    assert t.cell(2, 0)._tc is t.cell(3, 0)._tc  # 预算规模及资金用途 merged down over the purpose row
    assert t.cell(6, 0)._tc is t.cell(11, 0)._tc and t.cell(11, 0).text == "产出指标"
    assert t.cell(6, 1)._tc is t.cell(7, 1)._tc and t.cell(7, 1)._tc is not t.cell(8, 1)._tc
    assert t.cell(6, 2)._tc is t.cell(6, 3)._tc and t.cell(6, 6).text == "≥50人"
    assert [tr.tc_lst[0].vMerge for tr in t._tbl.tr_lst[6:9]] == ["restart", "continue", "continue"]
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体"


def test_docx_variants(built):
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(built["variant.docx"]))
    body = doc.element.body
    assert len(doc.tables) == 3  # python-docx does not see the table inside the content control
    wrapped = body.findall(f"{qn('w:sdt')}/{qn('w:sdtContent')}/{qn('w:tbl')}")
    assert len(wrapped) == 1 and "自贸改革和制度创新奖评比表彰活动项目" in "".join(wrapped[0].itertext())
    first = doc.tables[0]._tbl.tr_lst[0]
    assert first.grid_before == 1 and first.tc_lst[0].grid_span == 5 and len(first.tc_lst) == 2
    split = Document(str(built["split.docx"]))
    assert [(len(t.rows), len(t.columns)) for t in split.tables] == [(5, 7), (9, 5), (5, 7), (9, 5), (5, 7), (8, 5),
                                                                     (5, 7), (7, 5)]


def test_xlsx_merged_ranges_and_displayed_amounts(built):
    from openpyxl import load_workbook

    wb = load_workbook(built["xlsx"])
    assert wb.sheetnames == ["表1", "表2", "表3", "表4"]
    ws = wb["表1"]
    assert ws["A1"].value == "1.第四届京津冀自贸试验区联席活动项目绩效目标表"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:G1", "A2:F2", "B3:G3", "A4:A5", "B5:G5", "C7:D7", "E7:F7", "A8:A13", "B8:B9", "B12:B13"} <= merged
    assert (ws["C4"].value, ws["C4"].number_format, ws["E4"].value, ws["G4"].value) == (200000, "0.00", 200000, None)
    assert [ws.cell(8, c).value for c in (1, 2, 3, 5, 7)] == ["产出指标", "数量指标", "邀请参会人员数量", "邀请参会人员数量", "≥50人"]
    assert wb["表2"]["A1"].value == DEPT  # no title row where the seed has no title
    one = load_workbook(built["one.xlsx"])
    assert one.sheetnames == ["绩效目标表"]
    col_a = [c.value for c in one["绩效目标表"]["A"]]
    assert [v for v in col_a if v and v.startswith(("1.", "3.", "389101"))] == [
        "1.第四届京津冀自贸试验区联席活动项目绩效目标表", DEPT, DEPT, "3.自贸区法律服务经费绩效目标表", DEPT, DEPT]


def test_xls_merges_and_number_format(built):
    import xlrd

    book = xlrd.open_workbook(str(built["xls"]), formatting_info=True)
    sheet = book.sheet_by_index(0)
    assert (book.nsheets, sheet.name, sheet.cell_value(0, 0)) == (4, "表1", "1.第四届京津冀自贸试验区联席活动项目绩效目标表")
    assert {(0, 1, 0, 7), (1, 2, 0, 6), (3, 5, 0, 1), (7, 13, 0, 1), (7, 9, 1, 2)} <= set(sheet.merged_cells)
    cell = sheet.cell(3, 2)
    assert (cell.ctype, cell.value) == (xlrd.XL_CELL_NUMBER, 200000.0)
    assert book.format_map[book.xf_list[cell.xf_index].format_key].format_str == "0.00"
    assert sheet.cell_value(7, 6) == "≥50人" and book.sheet_by_index(1).cell_value(0, 0) == DEPT


@pytest.mark.parametrize("key,encoding,title_tag", [("html", "utf-8", "h3"), ("gbk.html", "gbk", "p")])
def test_html_spans_and_encoding(built, key, encoding, title_tag):
    from lxml import html as lhtml

    raw = built[key].read_bytes()
    assert f'<meta charset="{encoding}">'.encode() in raw
    page = lhtml.document_fromstring(raw.decode(encoding))
    tables = page.findall(".//table")
    assert len(tables) == 4
    titles = [e.text_content() for e in page.iter(title_tag) if e.getparent().tag == "body" and e.text_content()]
    assert titles == ["1.第四届京津冀自贸试验区联席活动项目绩效目标表", "3.自贸区法律服务经费绩效目标表"]
    rows = tables[0].findall("tr")
    assert [(td.text_content(), td.get("rowspan"), td.get("colspan")) for td in rows[0]] == [(DEPT, None, "6"), ("单位：元", None, None)]
    assert [(td.text_content(), td.get("rowspan")) for td in rows[6]][:2] == [("产出指标", "6"), ("数量指标", "2")]
    assert [td.text_content() for td in rows[7]] == ["发言嘉宾数量", "发言嘉宾数量", "≥3人"]


def test_pdf_ruled_tables(built, projects):
    import pdfplumber

    with pdfplumber.open(built["pdf"]) as pdf:
        assert len(pdf.pages) == 4
        page = pdf.pages[0]
        assert page.extract_text().startswith("1.第四届京津冀自贸试验区联席活动项目绩效目标表\n")
        [table] = page.extract_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        assert len(table) == 14 and all(len(row) == 7 for row in table)
        assert table[0] == [DEPT, None, None, None, None, None, "单位：元"]
        assert table[2][1:] == ["预算数", "200000.00", "其中：财政资金", "200000.00", "其他资金", ""]
        assert table[3][1].replace("\n", "") == PURPOSE_1 and "\n" in table[3][1]  # wrapped in its cell
        assert table[6] == ["产出指标", "数量指标", "邀请参会人员数量", None, "邀请参会人员数量", None, "≥50人"]
        assert table[7][:2] == [None, None]
        for page, project in zip(pdf.pages, projects):
            [table] = page.extract_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            assert [row[6].replace("\n", "") for row in table[6:]] == [i.target for i in project.indicators]
