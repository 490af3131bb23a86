"""perfctl render --format xlsx: the workbook opened with openpyxl and checked against the store's
YAML files (one sheet per project in order, merged 一级/二级 cells, budget figures as numbers,
every indicator in order), the print setup (A4, one page wide, header rows repeated, pane
frozen under them), typed cells, the column grid of tables with different columns, and
reproducible bytes."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from conftest import DATA, ROOT
from perfctl import model
from perfctl.cli import app
from perfctl.office import grid, sheetxml, xlsx
from perfctl.office.form import Cell, Form, Paragraph, Section, Table

EPOCH = 1735689600  # 2025-01-01 00:00:00 UTC
needs_data = pytest.mark.skipif(not (DATA / "389101" / "2025").is_dir(), reason="bundled store data/ missing")
#: The labels of each layout's budget cells: 预算数 / 财政资金 / 其他资金 and their 2021 names.
BUDGET_LABELS = {"tianjin": ("预算数", "其中：财政资金", "其他资金"),
                 "national-2021": ("年度资金总额", "其中：财政拨款", "其他资金")}


def render(*args: str | Path, epoch: int | None = EPOCH) -> tuple[int, str]:
    """``perfctl render ARGS --format xlsx`` in-process: (exit code, stderr)."""
    env = {"SOURCE_DATE_EPOCH": str(epoch) if epoch is not None else ""}
    result = CliRunner().invoke(app, ["render", *map(str, args), "--format", "xlsx"], env=env)
    return result.exit_code, result.stderr


def seed_projects() -> list[model.Project]:
    """The seed store's projects in the order of their source document (表1 … 表4)."""
    return sorted((model.load(p) for p in (DATA / "389101" / "2025").glob("*.yaml")), key=lambda p: p.source.position)


def runs(values: list) -> list[tuple[object, int]]:
    """Consecutive equal values as (value, how many): the row spans of a merged column."""
    return [(value, len(list(group))) for value, group in itertools.groupby(values)]


def merged_runs(ws, column: int, first: int, count: int) -> list[tuple[object, int]]:
    """(the value, the rows its merged range takes) down ``column`` over ``count`` rows from ``first``."""
    out, row = [], first
    while row < first + count:
        top, bottom = span(ws, row, column)
        out.append((ws.cell(top, column).value, bottom - top + 1))
        row = bottom + 1
    return out


def find(ws, text: str) -> tuple[int, int]:
    """(row, column) of the first cell whose value is ``text``."""
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row, c.column
    raise AssertionError(f"{text!r} not in sheet {ws.title}")


def span(ws, row: int, column: int) -> tuple[int, int]:
    """The first and last row of the merged range holding (row, column), or (row, row)."""
    for r in ws.merged_cells.ranges:
        if r.min_row <= row <= r.max_row and r.min_col <= column <= r.max_col:
            return r.min_row, r.max_row
    return row, row


@pytest.fixture(scope="module", params=["tianjin", "national-2021"])
def seed_workbook(request, tmp_path_factory) -> tuple[str, openpyxl.Workbook]:
    """(layout, the workbook ``render data --format xlsx --layout LAYOUT`` writes)."""
    if not (DATA / "389101" / "2025").is_dir():
        pytest.skip("bundled store data/ missing")
    out = tmp_path_factory.mktemp(request.param)
    code, err = render(DATA, "--layout", request.param, "--out", out)
    assert code == 0, err
    assert err == f"wrote {out / '389101-2025.xlsx'} (4 tables)\n"
    return request.param, openpyxl.load_workbook(out / "389101-2025.xlsx")


def test_one_sheet_per_project_named_by_its_numbered_title(seed_workbook):
    _, wb = seed_workbook
    projects = seed_projects()
    assert wb.sheetnames == [f"{k}.{p.source.title or p.name + '绩效目标表'}" for k, p in enumerate(projects, 1)]
    assert wb.sheetnames[2] == "3.自贸区法律服务经费绩效目标表"
    for ws, name in zip(wb.worksheets, wb.sheetnames):
        assert ws["A1"].value == name and ws["A1"].font.b and ws["A1"].alignment.horizontal == "center"
        assert f"A1:{get_column_letter(ws.max_column)}1" in {r.coord for r in ws.merged_cells.ranges}
    assert wb.properties.title == "389101 中国（天津）自由贸易试验区管理委员会办公室 2025年度项目支出绩效目标表"


def test_indicators_in_order_with_level1_and_level2_merged_over_their_rows(seed_workbook):
    _, wb = seed_workbook
    for ws, project in zip(wb.worksheets, seed_projects()):
        head, level1 = find(ws, "一级指标")
        level2, name, target = (find(ws, label)[1] for label in ("二级指标", "三级指标", "指标值"))
        rows, n = range(head + 1, head + 1 + len(project.indicators)), len(project.indicators)
        assert [ws.cell(r, name).value for r in rows] == [i.name for i in project.indicators]
        assert [ws.cell(r, target).value for r in rows] == [i.target for i in project.indicators]
        assert merged_runs(ws, level1, head + 1, n) == runs([i.level1 for i in project.indicators])
        assert merged_runs(ws, level2, head + 1, n) == [
            (level, count) for (_, level), count in runs([(i.level1, i.level2) for i in project.indicators])]
    legal = wb["3.自贸区法律服务经费绩效目标表"]
    head, level1 = find(legal, "一级指标")
    assert merged_runs(legal, level1, head + 1, 7) == [("产出指标", 5), ("效益指标", 1), ("满意度指标", 1)]
    assert merged_runs(legal, level1 + 1, head + 1, 2) == [("数量指标", 2)]


def test_budget_figures_are_numbers_with_two_decimals_beside_their_labels(seed_workbook):
    layout, wb = seed_workbook
    for ws, project in zip(wb.worksheets, seed_projects()):
        figures = [c for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))]
        b = project.budget
        assert [Decimal(str(c.value)) for c in figures] == [b.total, b.fiscal, b.other]
        assert all(c.number_format == "0.00" and c.data_type == "n" for c in figures)
        for label, figure in zip(BUDGET_LABELS[layout], figures):
            row, column = find(ws, label)
            assert figure.row == row and figure.column > column  # on the label's row, to its right
    figures = [c.value for row in wb.worksheets[0].iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert figures == [200000, 200000, 0]


def test_department_code_is_text_and_keeps_its_digits(seed_workbook):
    layout, wb = seed_workbook
    for ws in wb.worksheets:
        [cell] = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "389101" in c.value]
        assert cell.data_type == "s" and cell.value == "389101 中国（天津）自由贸易试验区管理委员会办公室"
        assert cell.number_format == "@"
        if layout == "tianjin":  # the meta line: the department flush left, the unit flush right in the last column
            assert (cell.row, cell.column) == (2, 1) and cell.alignment.horizontal == "left"
            unit = ws.cell(2, ws.max_column)
            assert unit.value == "单位：元" and unit.alignment.horizontal == "right"


def test_print_setup_a4_one_page_wide_header_repeated_and_frozen(seed_workbook):
    _, wb = seed_workbook
    for ws in wb.worksheets:
        head, _ = find(ws, "一级指标")
        assert ws.print_title_rows == f"${head}:${head}"
        assert ws.freeze_panes == f"A{head + 1}"
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.oddFooter.center.text == "&P / &N"
        widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
        assert sum(widths) == pytest.approx(grid.PAGE_UNITS, abs=0.1)


def test_table_cells_are_ruled_and_the_header_row_bold(seed_workbook):
    _, wb = seed_workbook
    ws = wb.worksheets[0]
    head, _ = find(ws, "一级指标")
    for row in ws.iter_rows(min_row=3, max_row=head + 8):
        for c in row:
            if isinstance(c, MergedCell):
                continue  # hidden under a merge: openpyxl rebuilt its border when it read the file
            assert {c.border.left.style, c.border.right.style, c.border.top.style, c.border.bottom.style} == {"thin"}
    assert ws.cell(head, 1).font.b and not ws.cell(head + 1, 1).font.b  # <thead> cells are bold


@needs_data
def test_hidden_cells_of_a_merged_range_carry_the_bordered_style(tmp_path):
    """openpyxl drops hidden cells when it reads a file, so read the sheet's XML."""
    assert render(DATA, "--out", tmp_path)[0] == 0
    with zipfile.ZipFile(tmp_path / "389101-2025.xlsx") as z:
        xml = z.read("xl/worksheets/sheet3.xml").decode()
    styles = dict(re.findall(r'<c r="([A-Z]+\d+)" s="(\d+)"', xml))
    ws = openpyxl.load_workbook(tmp_path / "389101-2025.xlsx")["3.自贸区法律服务经费绩效目标表"]
    head, level1 = find(ws, "一级指标")
    checked = 0
    for r in ws.merged_cells.ranges:
        if r.min_row > 2:  # table cells, not the heading or the meta line
            top_left = styles[r.start_cell.coordinate]
            assert all(styles[f"{get_column_letter(c)}{row}"] == top_left
                       for row, c in r.cells), r.coord
            checked += 1
    assert checked >= 5 and span(ws, head + 1, level1) == (head + 1, head + 5)


@needs_data
def test_thousands_groups_the_figures_number_format(tmp_path):
    code, err = render(DATA, "--thousands", "--out", tmp_path)
    assert code == 0, err
    ws = openpyxl.load_workbook(tmp_path / "389101-2025.xlsx").worksheets[3]
    figures = [c for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert [c.value for c in figures] == [230000, 230000, 0]  # 230,000.00 230,000.00 0.00 in the HTML
    assert {c.number_format for c in figures} == {"#,##0.00"}


@needs_data
def test_same_store_same_bytes_with_source_date_epoch(tmp_path):
    assert render(DATA, "--out", tmp_path / "a")[0] == 0
    assert render(DATA, "--out", tmp_path / "b")[0] == 0
    a, b = ((tmp_path / d / "389101-2025.xlsx").read_bytes() for d in "ab")
    assert a == b
    when = dt.datetime(2025, 1, 1)
    wb = openpyxl.load_workbook(io.BytesIO(a))
    assert (wb.properties.created, wb.properties.modified, wb.properties.creator) == (when, when, "perfctl")
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(a)).infolist()} == {(2025, 1, 1, 0, 0, 0)}


@needs_data
def test_without_source_date_epoch_the_time_is_now_and_a_bad_one_is_refused(tmp_path):
    assert render(DATA, "--out", tmp_path, epoch=None)[0] == 0
    created = openpyxl.load_workbook(tmp_path / "389101-2025.xlsx").properties.created
    assert abs(created - dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)) < dt.timedelta(minutes=5)
    result = CliRunner().invoke(app, ["render", str(DATA), "--format", "xlsx", "--out", str(tmp_path / "x")],
                                env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.stderr and "Traceback" not in result.output


# ---------------------------------------------------------------- the writer on forms made here


def workbook(*blocks: Paragraph | Table, title: str = "标题") -> openpyxl.Workbook:
    fh = io.BytesIO()
    xlsx.write(Form(title, [Paragraph(["前言"], "title")], [Section(list(blocks))]), fh)
    return openpyxl.load_workbook(io.BytesIO(fh.getvalue()))


def test_figures_become_numbers_codes_and_formulas_stay_text():
    cells = [Cell("089101", 0, 0), Cell("1,234.50", 0, 1, number=True), Cell("—", 0, 2, number=True),
             Cell("=1+1", 1, 0), Cell("91.25%", 1, 1, number=True), Cell("9.20\n（原表10）", 1, 2, number=True),
             Cell("#N/A", 2, 0), Cell("bell\x07", 2, 1), Cell("", 2, 2, number=True)]
    ws = workbook(Table([0.3, 0.3, 0.4], cells, rows=3)).active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["089101", 1234.5, "—"], ["=1+1", 0.9125, "9.20\n（原表10）"], ["#N/A", "bell\\x07", None]]
    assert [c.data_type for row in ws.iter_rows() for c in row][:8] == ["s", "n", "s", "s", "n", "s", "s", "s"]
    assert (ws["A1"].number_format, ws["B1"].number_format, ws["B2"].number_format, ws["C3"].number_format) == (
        "@", "#,##0.00", "0.00%", "General")  # an empty figure cell takes a typed figure as a number
    assert ws["A2"].alignment.wrap_text and ws["A2"].alignment.vertical == "center"


@pytest.mark.parametrize("text, expected", [
    ("200000.00", (200000.0, "0.00")), ("1,234.50", (1234.5, "#,##0.00")), ("10", (10.0, "0")),
    ("9.13", (9.13, "0.00")), ("80.123456", (80.123456, "0.000000")), ("95.00%", (0.95, "0.00%")),
    ("-5.5", (-5.5, "0.0")), (" 3 ", (3.0, "0")), ("—", None), ("", None), ("1,23", None), ("≥90%", None),
    ("12345678901234567890", None)])
def test_number_reads_a_printed_figure_exactly_or_not_at_all(text, expected):
    assert sheetxml.number(text) == expected


def test_tables_with_different_columns_share_one_grid():
    """The national-2021 shape: a 4-column header (16/34/16/34 %) over a 6-column indicator table."""
    head = Table([0.16, 0.34, 0.16, 0.34], [Cell("项目名称", 0, 0), Cell("甲", 0, 1, colspan=3)], rows=1)
    rows = Table([0.16, 0.11, 0.13, 0.2, 0.14, 0.26], [Cell(str(k), 0, k, header=True, bold=True) for k in range(6)]
                 + [Cell("产出指标", 1, 1, rowspan=2)] + [Cell("x", r, k) for r in (1, 2) for k in (2, 3, 4, 5)]
                 + [Cell("", 1, 0, rowspan=2)], rows=3, head=1)
    bounds, _ = grid.union_columns([head, rows])
    assert [round(b, 2) for b in bounds] == [0, 0.16, 0.27, 0.4, 0.5, 0.6, 0.66, 0.74, 1]
    ws = workbook(Paragraph(["1.甲绩效目标表"], "heading"), head, rows)
    assert ws.active.max_column == 8 and ws.active["A1"].value == "1.甲绩效目标表"  # no front matter
    assert [c.value for c in ws.active[2]] == ["项目名称", "甲"] + [None] * 6
    merged = {r.coord for r in ws.active.merged_cells.ranges}
    assert merged == {"A1:H1", "B2:H2", "A4:A5", "B4:B5", "D3:E3", "F3:G3", "D4:E4", "F4:G4", "D5:E5", "F5:G5"}
    assert ws.active.print_title_rows == "$3:$3" and ws.active.freeze_panes == "A4"


def test_near_boundaries_snap_but_one_tables_narrow_column_stays():
    a, b = Table([0.5, 0.5], [], 0), Table([0.51, 0.49], [], 0)
    assert grid.union_columns([a, b])[0] == [0.0, pytest.approx(0.505), 1.0]
    narrow = Table([0.01, 0.99], [], 0)
    assert grid.union_columns([narrow])[0] == [0.0, 0.01, 1.0]


def test_a_tall_header_is_not_frozen_but_still_repeats_in_print():
    long = "很长的绩效目标。" * 120
    table = Table([0.2, 0.8], [Cell("绩效目标", 0, 0), Cell(long, 0, 1, left=True)], rows=1)
    rows = Table([0.5, 0.5], [Cell("一级指标", 0, 0, bold=True), Cell("指标值", 0, 1, bold=True),
                              Cell("产出指标", 1, 0), Cell("≥1次", 1, 1)], rows=2, head=1)
    ws = workbook(table, rows).active
    assert ws.row_dimensions[1].height > xlsx.FREEZE_MAX_PT  # estimated from the text
    assert ws.print_title_rows == "$2:$2" and ws.freeze_panes is None


def test_sheet_names_follow_excels_rules():
    assert xlsx.sheet_names(["1.甲[草稿]:第*一?版/绩效目标表", "", "History", "2." + "很长" * 20, "2." + "很长" * 20,
                             "'引号'"]) == [
        "1.甲草稿第一版绩效目标表", "表2", "表3 History", ("2." + "很长" * 20)[:31], ("2." + "很长" * 20)[:27] + " (2)",
        "引号"]
    assert all(len(n) <= 31 for n in xlsx.sheet_names(["x" * 40] * 12))
    assert len({n.lower() for n in xlsx.sheet_names(["Ab", "aB", "AB"])}) == 3


def test_row_heights_are_estimated_for_wrapped_text_merged_cells_too():
    """Excel fits no row to a merged cell's text: a cell spanning rows adds what they lack."""
    long = "字" * 60  # 120 display columns, 126 character units: 3 lines in a column of 48
    table = Table([0.5, 0.5], [Cell(long, 0, 0, rowspan=2), Cell("短", 0, 1), Cell("短", 1, 1)], rows=2)
    assert grid.lay_out(Section([table])).heights == {0: 22.5, 1: 22.5}
    assert grid.lay_out(Section([Table([1.0], [Cell("短", 0, 0)], rows=1)])).heights == {}  # one line: Excel's


def test_seed_rows_taller_where_the_text_wraps(seed_workbook):
    _, wb = seed_workbook
    ws = wb["3.自贸区法律服务经费绩效目标表"]
    goals = find(ws, "1.健全自贸试验区法律保障，对自贸试验区的印发文件、合作协议、签订合同等内容进行法律审核，并为自贸试验区提供法律方面创新思路。")[0]
    assert ws.row_dimensions[goals].height >= 30  # two lines at least
    assert ws.row_dimensions[find(ws, "项目名称")[0]].height is None  # one line: left to the spreadsheet


def test_the_bench_writes_the_same_sheets_both_ways(tmp_path):
    """tests/bench/office.py, which ``make bench`` runs on 1,000 projects, on 6."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    import office
    import synth

    synth.make_store(tmp_path / "store", 6)
    documents = office.forms(tmp_path / "store")
    office.baseline_xlsx(documents, tmp_path / "baseline")
    office.render(tmp_path / "store", tmp_path / "perfctl", "xlsx")
    for stem, form in documents:
        plain, ours = (openpyxl.load_workbook(tmp_path / d / f"{stem}.xlsx") for d in ("baseline", "perfctl"))
        assert len(plain.worksheets) == len(ours.worksheets) == len(form.sections)
        for a, b in zip(plain.worksheets, ours.worksheets):
            texts = sorted(str(c.value) for row in a.iter_rows() for c in row if c.value is not None)
            assert texts == sorted(str(c.value if isinstance(c.value, str) else f"{c.value:.2f}")
                                   for row in b.iter_rows() for c in row if c.value is not None)
