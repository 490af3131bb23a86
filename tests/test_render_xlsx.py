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
    layout, wb = seed_workbook
    frozen = []
    for ws in wb.worksheets:
        head, _ = find(ws, "一级指标")
        assert ws.print_title_rows == f"${head}:${head}"
        above = sum(ws.row_dimensions[r].height or grid.LINE_PT for r in range(1, head + 1))
        assert ws.freeze_panes == (f"A{head + 1}" if above <= xlsx.FREEZE_MAX_PT else None)
        frozen.append(ws.freeze_panes is not None)
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.oddFooter.center.text == "&P / &N"
        widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
        assert sum(widths) == pytest.approx(grid.PAGE_UNITS, abs=0.1)
    # national: 表1's header block (its goals take 4 lines) is too tall to freeze; print titles still repeat
    assert frozen == ([True] * 4 if layout == "tianjin" else [False, True, True, True])


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
    long = "字" * 60  # 60 × 15/7 = 128.6 units; room 48 + 0.7 − 1 = 47.7, 45.6 a wrapped line: 3 lines
    table = Table([0.5, 0.5], [Cell(long, 0, 0, rowspan=2), Cell("短", 0, 1), Cell("短", 1, 1)], rows=2)
    one = grid.LINE_PT + grid.PAD_PT
    assert (one, 3 * grid.LINE_PT + grid.PAD_PT) == (22.5, 55.5)
    assert grid.lay_out(Section([table])).heights == {0: 27.75, 1: 27.75}  # 55.5 over two rows
    assert grid.lay_out(Section([Table([1.0], [Cell("短", 0, 0)], rows=1)])).heights == {0: one}
    assert grid.lay_out(Section([Paragraph(["填报单位（盖章）："], "sign")])).heights == {}  # left to Excel


def test_a_wrapped_line_counts_a_character_short():
    """36 characters fill 77.1 units: one line in 80 (room 79), two in 78 (room 77 < 77.1)."""
    text = "字" * 36
    assert [grid.lines_needed(text, w) for w in (80, 78.2, 78)] == [1, 1, 2]
    assert grid.lines_needed("字" * 37, 80) == 2 and grid.lines_needed("字" * 71, 80) == 2
    assert grid.lines_needed("字" * 72, 80) == 3  # two wrapped lines count 2 × 76.9 units: 71.7 characters
    assert grid.lines_needed("字" * 36, 80, indent=grid.INDENT_UNITS) == 2
    assert grid.text_units("2025年12月前") == pytest.approx(6 * 1.35 + 3 * 15 / 7)


#: Characters no line starts with (Excel and LibreOffice move the one before down with them).
CLOSING = "，。、；：？！）》」』"


def wrapped_lines(text: str, px: float) -> int:
    """Lines a spreadsheet breaks ``text`` into in ``px`` pixels, modelled apart from grid.py:
    whole characters, a Chinese one 15 px (宋体 11 pt on screen), a Latin one 9.33 px
    (LibreOffice's DejaVu Sans), no line starting with :data:`CLOSING`."""
    lines = 0
    for part in text.split("\n"):
        n, width, last = 1, 0.0, 0.0
        for ch in part:
            w = 15.0 if len(ch.encode("utf-8")) >= 3 else 9.33
            if width + w > px and width:
                n += 1
                width = last if ch in CLOSING else 0.0
            width += w
            last = w
        lines += n
    return lines


def table_cells(ws):
    """(cell, its rows, its room in px) of every ruled cell with text: the room of its merged
    range, each column ``width × 7 + 5`` px as Excel draws it, less 5 px of padding and the
    14 px of an indent (LibreOffice's; Excel's is less)."""
    ranges = {r.start_cell.coordinate: r for r in ws.merged_cells.ranges}
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c, MergedCell) or c.value is None or c.border.left.style != "thin":
                continue
            r = ranges.get(c.coordinate)
            rows = range(c.row, r.max_row + 1) if r else range(c.row, c.row + 1)
            columns = range(c.column, r.max_col + 1) if r else range(c.column, c.column + 1)
            px = sum(ws.column_dimensions[get_column_letter(k)].width * 7 + 5 for k in columns) - 5
            yield c, rows, px - (14 if c.alignment.indent else 0)


def test_every_cell_of_the_seed_has_the_height_its_lines_take_and_more(seed_workbook):
    """The estimate errs on the tall side of a wrap modelled apart (:func:`wrapped_lines`): each
    cell's rows give its lines 16 pt each (LibreOffice's line of 11 pt Chinese text) and 4 pt."""
    layout, wb = seed_workbook
    checked = 0
    for ws in wb.worksheets:
        for c, rows, px in table_cells(ws):
            lines = 1 if c.alignment.shrink_to_fit else wrapped_lines(str(c.value), px)
            assert sum(ws.row_dimensions[r].height for r in rows) >= lines * 16 + 4, (ws.title, c.coordinate)
            checked += 1
    assert checked > 150
    ws = wb["1.第四届京津冀自贸试验区联席活动项目绩效目标表"]
    goals = next(c for row in ws.iter_rows() for c in row if str(c.value).startswith("1.通过召开"))
    px = next(px for c, _, px in table_cells(ws) if c is goals)
    # national-2021: 104 characters, 3.1 lines of 宋体 in 年度绩效目标: the fourth holds the last 。
    # (which sat on the rule of the 45 pt row the estimate gave before)
    lines = {"tianjin": 3, "national-2021": 4}[layout]
    assert wrapped_lines(goals.value, px) == lines and goals.value.endswith("成果。")
    assert ws.row_dimensions[goals.row].height >= lines * 16 + 4
    assert goals.alignment.indent == 1 and find(ws, "≥50人") and ws.cell(*find(ws, "≥50人")).alignment.indent == 0


def test_the_seed_labels_fit_their_columns_on_one_line(seed_workbook):
    """预算规模及资金用途, 服务对象满意度指标, 2025年12月前 …: widened columns, nothing shrunk."""
    layout, wb = seed_workbook
    labels = set()
    for ws in wb.worksheets:
        for c, rows, px in table_cells(ws):
            text = str(c.value)
            if c.alignment.horizontal == "center" and "\n" not in text and grid.text_units(text) <= grid.LABEL_UNITS:
                assert wrapped_lines(text, px) == 1 and not c.alignment.shrink_to_fit, (ws.title, text)
                labels.add(text)
    expected = {"一级指标", "服务对象满意度指标", "可持续影响指标", "2025年12月前"} | (
        {"预算规模及资金用途", "其中：财政资金"} if layout == "tianjin" else {"主管部门及代码", "其中：财政拨款"})
    assert expected <= labels


def test_labels_widen_their_columns_where_the_page_allows_else_shrink_or_wrap():
    goals = Table([0.14, 0.86], [Cell("年度绩效目标（省级）", 0, 0, header=True), Cell("甲" * 200, 0, 1, left=True)],
                  rows=1)
    sheet = grid.lay_out(Section([goals]))
    need = grid.text_units("年度绩效目标（省级）") + grid.PADDING_UNITS - grid.COLUMN_EXTRA_UNITS
    assert sheet.widths[0] == pytest.approx(need) and sum(sheet.widths) == pytest.approx(grid.PAGE_UNITS)
    assert not any(p.shrink for p in sheet.placed)
    # Eight columns of 12 units each cannot widen to the 13.1 six characters need: each keeps 12,
    # and its label is shrunk (≤ 25 % too wide); eight characters (18.1 units) wrap instead.
    crowded = Table([1 / 8] * 8, [Cell("年度资金总额", 0, k) for k in range(7)] + [Cell("偏差原因改进措施", 0, 7)],
                    rows=1)
    sheet = grid.lay_out(Section([crowded]))
    assert [p.shrink for p in sheet.placed] == [True] * 7 + [False]
    assert sheet.heights[0] == 2 * grid.LINE_PT + grid.PAD_PT  # the wrapped one's two lines
    ws = workbook(crowded).active
    assert ws["B1"].alignment.shrink_to_fit and not ws["B1"].alignment.wrap_text
    assert not ws["H1"].alignment.shrink_to_fit and ws["H1"].alignment.wrap_text


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


def test_sheet_names_count_utf16_units_as_excel_does():
    astral = "𠀀" * 21  # beyond the BMP: 2 units each in Excel's count
    [name, again] = xlsx.sheet_names([astral, astral])
    assert len(name.encode("utf-16-le")) // 2 <= 31 and name == "𠀀" * 15
    assert again == "𠀀" * 13 + " (2)" and len(again.encode("utf-16-le")) // 2 <= 31


def test_a_source_date_epoch_beyond_2107_is_clamped_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9999999999")
    result = CliRunner().invoke(app, ["render", str(DATA), "--format", "xlsx", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    info = zipfile.ZipFile(tmp_path / "389101-2025.xlsx").infolist()[0]
    assert info.date_time == (2107, 12, 31, 23, 59, 58)
