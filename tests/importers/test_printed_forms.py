"""What printed target tables carry around and inside the table, read as such (issue 17, round
trip): a department line above the table, a document heading stating the year once for every
table, 续表 marks on continuation pages, blank 填报人/联系电话 lines, a 绩效指标 column before
一级指标, print-only rows of a web page, line breaks typed inside a goal or purpose, and a
workbook whose year is only in its properties' title. Real disclosures print all of these;
perfctl's own render does too (its tianjin and national-2021 layouts).
"""

from __future__ import annotations

import io

import pytest

from perfctl.errors import InputError
from perfctl.importers import html, xlsx
from perfctl.importers.grid import from_texts
from perfctl.importers.recognize import recognize

NAME = [["项目名称", "测试项目"], ["预算规模及资金用途", "预算数", "12.50", "其中：财政资金", "12.50", "其他资金", "0.00"]]
INDICATORS = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "≥500人次"]]


def grid(rows, before=(), after=(), part="table 1", **kw):
    g = from_texts(rows, "t.html", part, aligned=True)
    g.before, g.after = list(before), list(after)
    for key, value in kw.items():
        setattr(g, key, value)
    return g


def project(grids, **options):
    found = recognize(grids, **options)
    assert len(found.projects) == 1, found
    imported = found.projects[0]
    return imported.project, [str(n) for n in found.notes + imported.notes]


# -- the department and the unit above the table -----------------------------------------------------
@pytest.mark.parametrize("lines", [
    ["389101 中国（天津）自由贸易试验区管理委员会办公室", "单位：万元"],  # the meta line as two blocks
    ["389101中国（天津）自由贸易试验区管理委员会办公室　　单位：万元"],  # one line, the unit at its end
    ["主管部门：389101 中国（天津）自由贸易试验区管理委员会办公室", "（万元）"],
    ["单位名称：389101 中国（天津）自由贸易试验区管理委员会办公室", "（单位：万元）"],
])
def test_a_department_line_above_the_table_names_its_department(lines):
    p, notes = project([grid(NAME + INDICATORS, before=["2025年项目支出绩效目标表", *lines])])
    assert (p.department.code, p.department.name) == ("389101", "中国（天津）自由贸易试验区管理委员会办公室")
    assert (p.money_unit, str(p.budget.total), p.year, notes) == ("万元", "12.50", 2025, [])


def test_the_department_in_the_table_wins_over_a_line_above_it():
    rows = [["主管部门", "100001 测试局"], *NAME, *INDICATORS]
    p, _ = project([grid(rows, before=["389101 另一个部门", "单位：元"])], year=2025)
    assert (p.department.code, p.department.name) == ("100001", "测试局")


def test_a_sentence_above_the_table_names_no_department():
    with pytest.raises(InputError, match="names no department"):
        project([grid(NAME + INDICATORS, before=["120家企业参加了培训，满意度较高。", "单位：元"])], year=2025)


# -- the year of a document heading ------------------------------------------------------------------
def second_table(before=()):
    return grid([["项目名称", "第二项目"], ["预算规模及资金用途", "预算数", "3.00"], *INDICATORS],
                before=["389101 测试局", "单位：万元", *before], part="table 2")


def test_a_heading_above_the_first_table_states_the_year_of_every_table():
    heading = ["389101 测试局 2025年度项目支出绩效目标表", "1.测试项目绩效目标表", "389101 测试局", "单位：万元"]
    found = recognize([grid(NAME + INDICATORS, before=heading), second_table(["2.第二项目绩效目标表"])])
    assert [(p.project.year, p.project.source.number, p.project.source.title) for p in found.projects] == [
        (2025, 1, "测试项目绩效目标表"), (2025, 2, "第二项目绩效目标表")]
    again = recognize([grid(NAME + INDICATORS, before=heading), second_table(["（2026年度）"])])
    assert [p.project.year for p in again.projects] == [2025, 2026]  # a table's own year first
    no_heading = recognize([grid(NAME + INDICATORS, before=["389101 测试局", "单位：万元"]), second_table()], year=2024)
    assert [p.project.year for p in no_heading.projects] == [2024, 2024]
    with pytest.raises(InputError, match="--year 2024 disagrees with the year 2025"):  # the heading is table 1's
        recognize([grid(NAME + INDICATORS, before=heading), second_table()], year=2024)


def test_without_a_heading_the_year_is_still_asked_for():
    with pytest.raises(InputError, match="does not state the budget year"):
        recognize([grid(NAME + INDICATORS, before=["389101 测试局", "单位：万元"])])


# -- 续表, sign lines, the 绩效指标 column --------------------------------------------------------------
def test_continuation_marks_and_blank_form_lines_are_passed_over_silently():
    head = grid([["项目名称", "测试项目"], ["预算规模及资金用途", "预算数", "12.50"]],
                before=["（2025年度）", "389101 测试局", "单位：万元"])
    rows = [["续表　1.测试项目绩效目标表"], ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["", "产出指标", "数量指标", "培训人次", "≥500人次"], ["", "", "", "培训天数", "≥3天"],
            ["填报单位（盖章）：测试局"], ["填报人：　　　联系电话：　　　填报日期：　　年　月　日"]]
    indicators = grid(rows, before=["续表"], after=["填报人：　　　　联系电话：　　　　"], part="table 2")
    p, notes = project([head, indicators])
    assert ([(i.level1, i.level2, i.name, i.target) for i in p.indicators], notes) == (
        [("产出指标", "数量指标", "培训人次", "≥500人次"), ("产出指标", "数量指标", "培训天数", "≥3天")], [])


def test_a_filled_in_sign_line_is_still_reported():
    _, notes = project([grid(NAME + INDICATORS, before=["（2025年度）", "389101 测试局", "单位：万元"],
                             after=["填报人：张三　　联系电话：000-00000000"])])
    assert notes == ["t.html: table 1: text after the table not imported: '填报人：张三\u3000\u3000联系电话：000-00000000'"]


# -- line breaks -------------------------------------------------------------------------------------
GOALS = "1.完成设备更新；\n开展活动不少于40场。\n2.满意度不低于90%。"


@pytest.mark.parametrize("breaks,goals,purpose", [
    (True, ["完成设备更新；\n开展活动不少于40场。", "满意度不低于90%。"], "更新设备。\n组织活动。"),  # Word, Excel, HTML
    (False, ["完成设备更新；开展活动不少于40场。", "满意度不低于90%。"], "更新设备。组织活动。"),  # PDF, text: wrapped lines
])
def test_line_breaks_typed_in_a_goal_or_purpose_are_kept_where_the_source_has_them(breaks, goals, purpose):
    rows = [["389101 测试局", "单位：万元"], ["项目名称", "测试项目"],
            ["预算规模及资金用途", "预算数", "12.50", "其中：财政资金", "12.50", "其他资金", ""],
            ["", "更新设备。\n组织活动。"], ["绩效目标", GOALS], *INDICATORS]
    p, notes = project([grid(rows, breaks=breaks)], year=2025)
    assert (p.goals, p.purpose, str(p.budget.other), notes) == (goals, purpose, "0.000000", [])


# -- a web page's print-only rows, a workbook's title ----------------------------------------------------
PAGE = """<!DOCTYPE html><html><head><title>2024年 旧模板</title></head><body>
<h1>389101 测试局 2025年度项目支出绩效目标表</h1>
<section class="project"><h2>1.测试项目绩效目标表</h2>
<div class="meta"><p>389101 测试局</p><p>单位：万元</p></div>
<table><tbody><tr><th>项目名称</th><td colspan="3">测试项目</td></tr>
<tr><th rowspan="2">预算规模及资金用途</th><th>预算数</th><td class="amount">12.50</td><td></td></tr>
<tr><td colspan="3">用途。</td></tr>
<tr><th>绩效目标</th><td colspan="3"><p>1.甲<br>乙</p><p>2.丙</p></td></tr></tbody></table>
<table><thead><tr class="print-only continued"><th colspan="4">续表　1.测试项目绩效目标表 产出指标</th></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr></thead>
<tbody><tr><td rowspan="2">产出指标</td><td rowspan="2">数量指标</td><td>培训人次</td><td>≥500人次</td></tr>
<tr><td>培训天数</td><td>≥3天</td></tr></tbody></table></section></body></html>"""


def test_a_rendered_web_page_reads_back_print_only_rows_left_out():
    grids = html.read("t.html", PAGE.encode())
    assert grids[1].texts()[0] == ["一级指标", "二级指标", "三级指标", "指标值"]  # the 续表 row is not on screen
    p, notes = project(grids)
    assert (p.year, p.department.code, p.money_unit, p.goals, notes) == (2025, "389101", "万元", ["甲\n乙", "丙"], [])
    assert [i.name for i in p.indicators] == ["培训人次", "培训天数"]


def test_a_workbook_that_prints_no_year_has_it_from_its_title():
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["1.测试项目绩效目标表"], ["389101 测试局", None, None, "单位：万元"], *NAME, *INDICATORS]:
        sheet.append(row)
    book.properties.title = "389101 测试局 2025年度项目支出绩效目标表"
    out = io.BytesIO()
    book.save(out)
    p, notes = project(xlsx.read("t.xlsx", out.getvalue()))
    assert (p.year, p.department.name, p.source.title, notes) == (2025, "测试局", "测试项目绩效目标表", [])
    book.properties.title = "工作簿1"  # a title that is no heading says nothing
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InputError, match="does not state the budget year"):
        recognize(xlsx.read("t.xlsx", out.getvalue()))


def test_a_heading_cell_naming_the_project_is_its_name_not_a_stray_cell():
    rows = [["2.测试项目"], ["389101 测试局", "单位：万元"], *NAME, *INDICATORS]
    p, notes = project([grid(rows)], year=2025)
    assert (p.name, p.source.number, p.source.title, notes) == ("测试项目", None, None, [])
    other = [["2.别的项目"], *rows[1:]]
    _, notes = project([grid(other)], year=2025)
    assert notes == ["t.html: table 1, row 1, col 1: cells outside any labelled field not imported: '2.别的项目'"]
