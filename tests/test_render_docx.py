"""perfctl render --format docx: the Word file opened with python-docx and checked against the
store's YAML files (titles, budget figures, merged 一级/二级 cells, every indicator in order),
the page (A4 portrait, page numbers), fonts, repeating header rows, reproducible bytes, and a
write error reported without a traceback."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from typer.testing import CliRunner

from conftest import DATA, GOOD, ROOT, write
from perfctl import model
from perfctl.cli import app
from perfctl.office import wordtable
from perfctl.office.form import Cell, Table

EPOCH = 1735689600  # 2025-01-01 00:00:00 UTC
needs_data = pytest.mark.skipif(not (DATA / "389101" / "2025").is_dir(), reason="bundled store data/ missing")


def render(*args: str | Path, epoch: int | None = EPOCH) -> tuple[int, str]:
    """``perfctl render ARGS --format docx`` in-process: (exit code, stderr)."""
    env = {"SOURCE_DATE_EPOCH": str(epoch) if epoch is not None else ""}
    result = CliRunner().invoke(app, ["render", *map(str, args), "--format", "docx"], env=env)
    return result.exit_code, result.stderr


def seed_projects() -> list[model.Project]:
    """The seed store's projects in the order of their source document (表1 … 表4)."""
    projects = [model.load(p) for p in (DATA / "389101" / "2025").glob("*.yaml")]
    return sorted(projects, key=lambda p: p.source.position)


def titles(projects: list[model.Project]) -> list[str]:
    """Each table's numbered title as the layouts print it: 1..n in source order, then the source's
    title, else the name + 绩效目标表 (README "Rendering and templates")."""
    return [f"{k}.{p.source.title or p.name + '绩效目标表'}" for k, p in enumerate(projects, 1)]


def runs(values: list[str]) -> list[tuple[str, int]]:
    """Consecutive equal values as (value, how many): the row spans of a merged column."""
    return [(value, len(list(group))) for value, group in itertools.groupby(values)]


def row_tcs(tbl) -> list[list[tuple[int, int, str | None, str]]]:
    """Each row's ``w:tc`` as (grid column, gridSpan, vMerge value or None, text), walking the XML
    (python-docx's row.cells shows every vertical merge as a restart, #1380)."""
    out = []
    for tr in tbl.findall(qn("w:tr")):
        col, row = 0, []
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            merge = pr.find(qn("w:vMerge")) if pr is not None else None
            n = int(span.get(qn("w:val"))) if span is not None else 1
            value = (merge.get(qn("w:val")) or "continue") if merge is not None else None
            text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.findall(qn("w:p")))
            row.append((col, n, value, text))
            col += n
        out.append(row)
    return out


def column_spans(tbl, col: int) -> list[tuple[str, int]]:
    """(text, rows merged) of each cell that starts in grid column ``col`` below the header row."""
    spans: list[list] = []
    for row in row_tcs(tbl)[1:]:
        for c, _, merge, text in row:
            if c == col:
                if merge == "continue":
                    spans[-1][1] += 1
                else:
                    spans.append([text, 1])
    return [tuple(s) for s in spans]


def document_text(document) -> list[str]:
    """The document as text in reading order: each paragraph, and each table cell once (a
    merged cell at its first position), row by row."""
    out = []
    for block in document.iter_inner_content():
        if isinstance(block, DocxParagraph):
            out.append(block.text)
        else:
            for row in row_tcs(block._tbl):
                out += [text for _, _, merge, text in row if merge != "continue"]
    return out


def in_order(needles: list[str], haystack: list[str]) -> bool:
    """Whether each needle is found in ``haystack`` (as a whole line) after the one before it."""
    lines = iter(line for text in haystack for line in text.split("\n"))
    return all(any(line == needle for line in lines) for needle in needles)


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> Path:
    if not (DATA / "389101" / "2025").is_dir():
        pytest.skip("bundled store data/ missing")
    out = tmp_path_factory.mktemp("docx")
    code, err = render(DATA, "--out", out)
    assert (code, err) == (0, f"wrote {out / '389101-2025.docx'} (4 tables)\n")
    return out / "389101-2025.docx"


@pytest.fixture(scope="module")
def seed_doc(seed_docx):
    return docx.Document(str(seed_docx))


def test_the_page_is_a4_portrait_with_a_page_number_in_the_footer(seed_doc):
    section = seed_doc.sections[0]
    assert len(seed_doc.sections) == 1
    assert (section.page_width.mm, section.page_height.mm) == (pytest.approx(210, abs=0.1), pytest.approx(297, abs=0.1))
    assert section.orientation == docx.enum.section.WD_ORIENT.PORTRAIT
    assert (round(section.top_margin.cm, 2), round(section.left_margin.cm, 2)) == (2.5, 2.0)
    footer = section.footer._element
    assert [i.text.strip() for i in footer.iter(qn("w:instrText"))] == ["PAGE"]
    assert [f.get(qn("w:fldCharType")) for f in footer.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
    assert section.footer.paragraphs[0].text == "第 1 页"
    assert section.footer.paragraphs[0].style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_chinese_faces_are_set_on_east_asian_fonts(seed_doc):
    def fonts(style_id):
        rpr = seed_doc.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']/{qn('w:rPr')}")
        return dict(rpr.find(qn("w:rFonts")).attrib)

    # Body text prints digits in Times New Roman; a 黑体 heading is 黑体 throughout (2025年度 in one face).
    for style_id, face, latin in (("Normal", "宋体", "Times New Roman"), ("Heading1", "黑体", "黑体"),
                                  ("Title", "黑体", "黑体"), ("Subtitle", "宋体", "Times New Roman")):
        assert fonts(style_id) == {qn("w:ascii"): latin, qn("w:hAnsi"): latin, qn("w:eastAsia"): face,
                                   qn("w:cs"): latin}
    defaults = seed_doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:rFonts')}")
    assert defaults.get(qn("w:eastAsia")) == "宋体" and defaults.get(qn("w:eastAsiaTheme")) is None


def test_one_heading_per_project_in_order_each_after_the_first_on_a_new_page(seed_doc):
    projects = seed_projects()
    title = seed_doc.paragraphs[0]
    assert (title.style.name, title.text) == \
        ("Title", "389101 中国（天津）自由贸易试验区管理委员会办公室\n2025年度项目支出绩效目标表")
    assert len(title._p.findall(f".//{qn('w:br')}")) == 1  # two lines of one paragraph
    assert seed_doc.paragraphs[1].style.style_id == "Heading1"
    headings = [p for p in seed_doc.paragraphs if p.style.style_id == "Heading1"]
    assert [h.text for h in headings] == titles(projects)
    assert headings[0].text == "1.第四届京津冀自贸试验区联席活动项目绩效目标表"
    assert [h.paragraph_format.page_break_before for h in headings] == [None, True, True, True]
    centre = docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert all(h.alignment is None and h.style.paragraph_format.alignment == centre for h in headings)  # by style
    meta = [p for p in seed_doc.paragraphs if "单位：元" in p.text]
    assert len(meta) == 4
    assert meta[0].text == "389101 中国（天津）自由贸易试验区管理委员会办公室\t单位：元"
    stops = meta[0].paragraph_format.tab_stops
    assert [(s.alignment, s.position) for s in stops] == [(docx.enum.text.WD_TAB_ALIGNMENT.RIGHT, 9638 * 635)]


def test_budget_figures_stand_in_their_cells(seed_doc):
    heads = seed_doc.tables[0::2]
    for project, table in zip(seed_projects(), heads):
        rows = [[text for _, _, _, text in row] for row in row_tcs(table._tbl)]
        assert rows[0] == ["项目名称", project.name]
        b = project.budget
        assert rows[1] == ["预算规模及资金用途", "预算数", f"{b.total:.2f}", "其中：财政资金", f"{b.fiscal:.2f}",
                           "其他资金", f"{b.other:.2f}"]
        assert rows[2][1] == project.purpose
    assert row_tcs(heads[0]._tbl)[1][2] == (2, 1, None, "200000.00")  # 预算数 of 表1


def test_indicator_tables_repeat_their_header_and_merge_level_cells_as_the_rows_say(seed_doc):
    indicators = seed_doc.tables[1::2]
    for project, table in zip(seed_projects(), indicators):
        trs = table._tbl.findall(qn("w:tr"))
        header = [tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for tr in trs]
        assert header == [True] + [False] * len(project.indicators)
        assert all(tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for tr in trs)
        assert [c.text for c in table.rows[0].cells] == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]
        assert all(r.bold for c in table.rows[0].cells for p in c.paragraphs for r in p.runs)
        assert column_spans(table._tbl, 0) == runs([i.level1 for i in project.indicators])
        level2 = runs([(i.level1, i.level2) for i in project.indicators])
        assert column_spans(table._tbl, 1) == [(l2, n) for (_, l2), n in level2]
        for r in range(1, len(trs) - 1):  # python-docx sees the same merged cell in both rows
            same = project.indicators[r - 1].level1 == project.indicators[r].level1
            assert (table.cell(r, 0)._tc is table.cell(r + 1, 0)._tc) == same
    law = indicators[2]
    assert column_spans(law._tbl, 0) == [("产出指标", 5), ("效益指标", 1), ("满意度指标", 1)]
    assert column_spans(law._tbl, 1)[:2] == [("数量指标", 2), ("质量指标", 1)]


def test_tables_are_two_per_project_kept_apart_with_their_widths(seed_doc):
    body = [child.tag.split("}")[1] for child in seed_doc.element.body]
    tables = [k for k, tag in enumerate(body) if tag == "tbl"]
    assert len(tables) == 8
    assert all(body[a + 1] == "p" for a in tables[:-1])  # never two w:tbl in a row: Word would join them
    for table in seed_doc.tables:
        grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) == 9638  # the text width: 210 mm − 2 × 20 mm
    assert [int(g.get(qn("w:w"))) for g in seed_doc.tables[1]._tbl.tblGrid.findall(qn("w:gridCol"))] == \
        [1349, 1542, 2314, 2698, 1735]  # 14%, 16%, 24%, 28%, 18%
    cell = seed_doc.tables[1].cell(1, 2)
    assert (cell.text, cell.paragraphs[0].alignment, cell.vertical_alignment) == \
        ("邀请参会人员数量", docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT, docx.enum.table.WD_ALIGN_VERTICAL.CENTER)
    assert seed_doc.tables[1].cell(1, 4).paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    for k, table in enumerate(seed_doc.tables):  # the header block has no rule under it: one line at the seam
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert [(b.tag.split("}")[1], b.get(qn("w:val"))) for b in borders] == \
            [(e, "nil" if e == "bottom" and k % 2 == 0 else "single")
             for e in ("top", "left", "bottom", "right", "insideH", "insideV")]


def test_the_paragraph_between_the_two_tables_is_as_low_as_can_be(seed_doc):
    body = list(seed_doc.element.body)
    seams = [body[k + 1] for k, el in enumerate(body) if el.tag == qn("w:tbl") and body[k + 1].tag == qn("w:p")
             and body[k + 2].tag == qn("w:tbl")]
    assert len(seams) == 4
    for p in seams:
        spacing = p.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
        assert {k.split("}")[1]: v for k, v in spacing.attrib.items()} == \
            {"before": "0", "after": "0", "line": str(wordtable.SEPARATOR_LINE), "lineRule": "exact"}
        assert wordtable.SEPARATOR_LINE <= 20 and not p.findall(f".//{qn('w:t')}")  # 1 pt at most, no text


def test_every_indicator_and_target_of_the_store_is_in_the_text_in_order(seed_doc):
    expected = [text for p in seed_projects() for i in p.indicators for text in (i.name, i.target)]
    text = document_text(seed_doc)
    assert len(expected) == 58 and in_order(expected, text)
    assert not in_order([expected[-2], expected[0]], text)  # the check sees order


def test_core_properties_and_the_bytes_are_reproducible(seed_docx, tmp_path):
    props = docx.Document(str(seed_docx)).core_properties
    assert props.title == "389101 中国（天津）自由贸易试验区管理委员会办公室 2025年度项目支出绩效目标表"
    assert props.created == props.modified == dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    assert props.author == "perfctl"
    with zipfile.ZipFile(seed_docx) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2025, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in archive.namelist()
    assert render(DATA, "--out", tmp_path)[0] == 0
    assert (tmp_path / seed_docx.name).read_bytes() == seed_docx.read_bytes()


def test_a_malformed_source_date_epoch_is_refused(tmp_path):
    code, err = render(DATA, "--out", tmp_path, epoch="yesterday")  # type: ignore[arg-type]
    assert code == 2
    assert err.startswith("perfctl: SOURCE_DATE_EPOCH") and "'yesterday'" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.docx"))


def test_a_line_break_in_a_heading_or_paragraph_is_a_w_br_inside_it():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p = parse_xml(wordtable.paragraph("389101 中国（天津）…办公室\n2025年度项目支出绩效目标表", style="Title")
                  .replace("<w:p>", f"<w:p {nsdecls('w')}>", 1))
    assert [child.tag.split("}")[1] for r in p.findall(qn("w:r")) for child in r] == ["t", "br", "t"]
    assert [t.text for t in p.iter(qn("w:t"))] == ["389101 中国（天津）…办公室", "2025年度项目支出绩效目标表"]


def test_only_a_table_followed_by_a_table_leaves_its_bottom_open():
    from perfctl.office import docx as writer
    from perfctl.office.form import Form, Paragraph, Section

    def table():
        return Table(widths=[0.5, 0.5], cells=[Cell("一级指标", 0, 0), Cell("产出指标", 0, 1)], rows=1)

    empty = Table(widths=[], cells=[], rows=0)  # written as nothing: the tables around it meet
    blocks = [table(), empty, table(), table(), Paragraph(["填报单位（盖章）："], "sign"), table()]
    buffer = io.BytesIO()
    writer.write(Form("t", [], [Section(blocks)]), buffer)
    body = docx.Document(buffer).element.body
    bottoms = [t.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}/{qn('w:bottom')}").get(qn("w:val"))
               for t in body.findall(qn("w:tbl"))]
    assert bottoms == ["nil", "nil", "single", "single"]
    assert [el.tag.split("}")[1] for el in body][:6] == ["tbl", "p", "tbl", "p", "tbl", "p"]


def test_line_breaks_in_a_cell_are_paragraphs(tmp_path):
    text = GOOD.replace("goals:\n  - 完成测试任务。\n", "goals:\n  - 完成测试任务。\n  - 提交总结报告。\n")
    write(tmp_path, {"store/389101/2025/测试项目.yaml": text})
    code, err = render(tmp_path / "store", "--out", tmp_path / "out")
    assert code == 0, err
    table = docx.Document(str(tmp_path / "out" / "389101-2025.docx")).tables[0]
    goals = next(row for row in table.rows if row.cells[0].text == "绩效目标").cells[1]
    assert [p.text for p in goals.paragraphs] == ["1.完成测试任务。", "2.提交总结报告。"]


def test_a_row_taller_than_a_page_may_break_across_pages(tmp_path):
    goal = "完成测试任务，" * 400 + "。"  # 2,801 characters: some 80 lines in the 绩效目标 cell
    write(tmp_path, {"store/389101/2025/测试项目.yaml": GOOD.replace("  - 完成测试任务。", f"  - {goal}")})
    code, err = render(tmp_path / "store", "--out", tmp_path / "out")
    assert code == 0, err
    head = docx.Document(str(tmp_path / "out" / "389101-2025.docx")).tables[0]
    labels = [row.cells[0].text for row in head.rows]
    splits = [tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is None for tr in head._tbl.findall(qn("w:tr"))]
    assert [label for label, split in zip(labels, splits) if split] == ["绩效目标"]
    assert len(labels) == 4


def test_a_write_error_is_exit_2_with_a_message(tmp_path, monkeypatch):
    from perfctl.office import docx as writer

    def full(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "_save", full)
    code, err = render(DATA, "--out", tmp_path)
    assert (code, err) == (2, f"{tmp_path / '389101-2025.docx'}: cannot write: No space left on device\n")
    assert not list(tmp_path.iterdir())  # the temporary file removed


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_an_unwritable_folder_is_exit_2_with_a_message(tmp_path):
    out = tmp_path / "out"
    out.mkdir(mode=0o555)
    code, err = render(DATA, "--out", out)
    assert code == 2 and err.startswith(f"{out / '389101-2025.docx'}: cannot write: ") and "Traceback" not in err


def test_ragged_and_overlapping_spans_still_cover_every_grid_position_once():
    def shown(table):
        return [[(c, n, cell.text if cell else None, m) for c, n, cell, m in row] for row in wordtable._grid_rows(table)]

    cells = [Cell("a", 0, 0, rowspan=2, colspan=2), Cell("b", 0, 2), Cell("c", 1, 2, colspan=2), Cell("d", 2, 1)]
    assert shown(Table(widths=[0.25] * 4, cells=cells, rows=3)) == [  # row 0 ends short, row 2 starts late
        [(0, 2, "a", "restart"), (2, 1, "b", None), (3, 1, None, None)],
        [(0, 2, "a", "continue"), (2, 2, "c", None)],
        [(0, 1, None, None), (1, 1, "d", None), (2, 1, None, None), (3, 1, None, None)]]
    cut = [Cell("p", 0, 1, rowspan=2), Cell("q", 1, 0, colspan=3)]  # q runs through p: its right part stays empty
    assert shown(Table(widths=[1 / 3] * 3, cells=cut, rows=2)) == [
        [(0, 1, None, None), (1, 1, "p", "restart"), (2, 1, None, None)],
        [(0, 1, "q", None), (1, 1, "p", "continue"), (2, 1, None, None)]]
    assert wordtable._columns([0.14, 0.16, 0.24, 0.28, 0.18], 9638) == [1349, 1542, 2314, 2698, 1735]


@needs_data
def test_the_national_2021_layout_as_word(tmp_path):
    code, err = render(DATA, "--layout", "national-2021", "--out", tmp_path)
    assert code == 0, err
    document = docx.Document(str(tmp_path / "389101-2025.docx"))
    projects = seed_projects()
    headings = [p.text for p in document.paragraphs if p.style.style_id == "Heading1"]
    assert headings == titles(projects)
    assert [p.text for p in document.paragraphs if p.style.name == "Subtitle"] == ["（2025年度）"] * 4
    expected = [text for p in projects for i in p.indicators for text in (i.name, i.target)]
    text = document_text(document)
    assert in_order(expected, text)
    assert all(f"{p.budget.total:.2f}" in text for p in projects)
    department = "389101 中国（天津）自由贸易试验区管理委员会办公室"
    assert in_order(["主管部门及代码", department, "实施单位", "年度资金总额", "其中：财政拨款", "其他资金"], text)
    signs = [p.text for p in document.paragraphs if p.text.startswith("填报")]
    assert signs[0] == "填报单位（盖章）：中国（天津）自由贸易试验区管理委员会办公室" and len(signs) == 8
    indicators = [t for t in document.tables if any(c.text == "三级指标" for c in t.rows[0].cells)]
    assert len(indicators) == 4
    for table in indicators:
        trs = table._tbl.findall(qn("w:tr"))
        assert trs[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert trs[1].find(qn("w:trPr")).find(qn("w:tblHeader")) is None


def test_characters_xml_cannot_hold_are_written_visibly_as_in_excel():
    from perfctl.office import sheetxml

    assert wordtable._text("a\x1bb\ud800") == "<w:t>a\\x1bb\\ud800</w:t>"  # not dropped, not a broken file
    assert sheetxml._text("a\x1bb") == "<t>a\\x1bb</t>"
