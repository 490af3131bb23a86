"""The recognizer's vocabulary and rules, one table shape at a time (grids built by hand)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfctl.errors import InputError
from perfctl.importers import tokens, values
from perfctl.importers.grid import Cell, Grid, from_texts
from perfctl.importers.recognize import recognize
from perfctl.importers.rows import place
from perfctl.importers.vocabulary import vocabulary

V = vocabulary()
HEAD = [["100001测试局", "单位：万元"], ["项目名称", "测试项目"], ["预算规模及资金用途", "预算数", "12.5"]]
INDICATORS = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "≥500人次"]]


def one(rows, **options):
    """The one project of a grid of texts (ordered unless ``aligned=True``), with its notes."""
    aligned = options.pop("aligned", False)
    found = recognize([from_texts(rows, "t.txt", aligned=aligned, lines=list(range(1, len(rows) + 1)))], **options)
    assert len(found.projects) == 1
    imported = found.projects[0]
    return imported.project, found.notes + imported.notes, imported.review


def codes(notes):
    return [(n.code, n.where) for n in notes]


# -- labels ---------------------------------------------------------------------------------
@pytest.mark.parametrize("cell,key", [
    ("*部门编码:", "部门编码"), ("全年预算数(A)", "全年预算数"), ("执行率(B/A)", "执行率"),
    ("其中:本年财政拨款", "本年财政拨款"), ("其中：财政    资金", "财政资金"), ("项目资金 (万元)", "项目资金"),
    ("指标值(包含数字及文字描述)", "指标值"), ("绩 效 指 标", "绩效指标"), ("产出指标（50分）", "产出指标"),
])
def test_label_keys(cell, key):
    assert V.key(cell) == key


@pytest.mark.parametrize("cell,field", [
    ("指标值", "target"), ("年度指标值", "target"), ("目标值", "target"), ("当年预期实现值", "target"),
    ("指标值及单位", "target"), ("指标值(包含数字及文字描述)", "target"), ("指标性质", "op"), ("计算符号", "op"),
    ("度量单位", "unit"), ("计量单位", "unit"), ("绩效指标描述", "description"), ("指标解释", "description"),
    ("指标值说明", "description"), ("绩效标准", "basis"), ("指标值设定依据", "basis"), ("分值", "weight"),
    ("权重", "weight"), ("实际完成值", "actual"), ("全年实际值", "actual"), ("实际完成指标值", "actual"),
    ("得分", "score"), ("偏差原因分析及改进措施", "deviation"), ("未完成原因及拟采取的改进措施", "deviation"),
])
def test_column_words(cell, field):
    assert V.columns(V.key(cell)) == field


@pytest.mark.parametrize("cell,field", [
    ("项目名称", "name"), ("项目支出名称", "name"), ("专项名称", "name"), ("二级项目名称", "name"),
    ("主管部门", "department"), ("预算部门", "department"), ("预算单位", "department"), ("单位名称", "department"),
    ("部门名称:", "department"), ("部门编码:", "department_code"), ("项目实施单位", "implementing_unit"),
    ("项目期", "period"), ("项目起止时间", "period"), ("项目支出实施期", "period"), ("项目开始日期", "period_start"),
    ("中期目标", "midterm_goals"), ("实施期目标", "midterm_goals"), ("实施期绩效目标", "midterm_goals"),
    ("年度目标", "goals"), ("本年度绩效目标", "goals"), ("年初设定目标", "goals"), ("预期目标", "goals"),
    ("*年度绩效总目标", "goals"), ("实际完成情况", "goals_actual"), ("年度总体目标完成情况综述", "goals_actual"),
])
def test_field_labels(cell, field):
    assert V.fields(V.key(cell)) == field


@pytest.mark.parametrize("cell,level", [
    ("产出指标(50分)", "level1"), ("项目完成指标", "level1"), ("项目效益指标", "level1"), ("数量指标", "level2"),
    ("经济效益 指标", "level2"), ("社会公众或服务对象满意度指标", "level2"), ("成本指标", "both"),
    ("满意度指标", "both"), ("经济成本指标", "level2"), ("维护社会稳定", None),
])
def test_category_labels(cell, level):
    assert V.level(cell) == level


def test_points_and_stored_level_labels():
    assert (V.points("产出指标(50分)"), V.points("效益指标（30分）"), V.points("产出指标")) == ("50", "30", None)
    assert V.level_label("产出指标 (50分)") == "产出指标" and V.level_label("绩 效\n指 标") == "绩效指标"


def test_labels_wrapped_over_cells_and_lines_are_joined():
    grid = from_texts([["可持续影", "响指标"], ["项目效益"], ["指标"], ["绩", "效", "指", "标"], ["实现社会稳定", "长期"]],
                      lines=[1, 2, 3, 4, 5], aligned=False)
    assert [[c.text for c in row] for row in tokens.rows(grid, V)] == [
        ["可持续影 响指标"], ["项目效益 指标"], ["绩 效 指 标"], ["实现社会稳定", "长期"]]


# -- values -----------------------------------------------------------------------------------
@pytest.mark.parametrize("op,value,unit,target", [
    ("≥", "95", "%", "≥95%"), ("=", "116", "人", "=116人"), ("≤", "1", "人/年", "≤1人/年"),
    ("定性", "优良", None, "优良"), ("定性", "优良", "%", "优良"), ("≥", "95%", "%", "≥95%"),
    (None, "30", "篇", "30篇"), ("≥", "", "%", ""),
])
def test_split_target_columns(op, value, unit, target):
    assert values.target(op, value, unit, V) == target


@pytest.mark.parametrize("cell,found", [
    ("389101中国（天津）自由贸易试验区管理委员会办公室", ("389101", "中国（天津）自由贸易试验区管理委员会办公室")),
    ("[155]濉溪县民政局", ("155", "濉溪县民政局")), ("219-池州市贵池区棠溪镇人民政府", ("219", "池州市贵池区棠溪镇人民政府")),
    ("820001-井研县马踏镇人民政府", ("820001", "井研县马踏镇人民政府")), ("【316】浮梁县林业局", ("316", "浮梁县林业局")),
    ("区卫生健康局", None), ("2023年项目", None),
])
def test_department_cells(cell, found):
    assert values.department(cell) == found


@pytest.mark.parametrize("cell,unit", [
    ("单位：元", "元"), ("金额单位:元", "元"), ("填报单位:(盖章) 单位:万元", "万元"), ("资金情况(万元)", "万元"),
    ("项目资金 (万元)", "万元"), ("(万元)", "万元"), ("单位名称", None), ("金额(万元)", "万元"),
])
def test_money_unit_cells(cell, unit):
    assert values.money_unit(cell, V) == unit


def test_amounts_keep_their_digits_and_lose_separators():
    assert values.decimal_text("3,309,840.00") == "3309840.00" and values.decimal_text("8,827,620.53") == "8827620.53"
    assert values.decimal_text("1,2,3") is None and values.decimal_text("二100") is None and values.decimal_text("10.3") == "10.3"
    assert values.split_unit("250万", V) == ("250", "万元") and values.split_unit("2.38  万元", V) == ("2.38", "万元")
    assert values.split_unit("万元", V) == ("", "万元") and values.split_unit("30", V) == ("30", None)


@pytest.mark.parametrize("cell,goals", [
    ("目标1:甲;目标2:乙;目标3:丙。", ["甲;", "乙;", "丙。"]), ("目标2:加大违法行为打击力度。", ["加大违法行为打击力度。"]),
    ("1.甲。2.乙", ["甲。", "乙"]), ("1、完成1.5万元采购。2、培训500人", ["完成1.5万元采购。", "培训500人"]),
    ("没有编号的目标", ["没有编号的目标"]),
])
def test_goal_numbering(cell, goals):
    assert values.split_goals(cell, V) == goals


def test_indicator_names_lose_their_numbering_and_cell_wrapping():
    assert values.indicator_name("指标1:食品安全监管人员培训", V) == "食品安全监管人员培训"
    assert values.indicator_name("指标值达标率", V) == "指标值达标率"
    assert values.one_line("审核并出具法律意见书\n，确保自贸办出台政策\n不违反法律规定") == "审核并出具法律意见书，确保自贸办出台政策不违反法律规定"
    assert values.one_line("1250 KVA\ntransformer") == "1250 KVA transformer"


def test_values_are_placed_by_kind_or_not_at_all():
    cells = [Cell(t, 0, i) for i, t in enumerate(["≥1290.3平方米", "1290.3平方米", "10.3", "10.3"])]
    columns = ["target", "actual", "weight", "score", "deviation"]
    placed, left = place(cells, columns, V)
    assert {f: c.text for f, c in placed.items()} == {"target": "≥1290.3平方米", "actual": "1290.3平方米",
                                                      "weight": "10.3", "score": "10.3"} and left == []
    short = [Cell(t, 0, i) for i, t in enumerate(["3", "9.3", "9.3"])]
    assert place(short, columns, V) == ({}, short)  # target or actual? the 9.3s shift with it
    unit_missing = [Cell(t, 0, i) for i, t in enumerate(["≥", "95", "10", "正向指标"])]
    placed, _ = place(unit_missing, ["op", "target", "unit", "weight", "dropped:指标方向性"], V)
    assert {f: c.text for f, c in placed.items()} == {"op": "≥", "target": "95", "weight": "10", "dropped:指标方向性": "正向指标"}


# -- tables -------------------------------------------------------------------------------
def test_a_minimal_table():
    p, notes, review = one(HEAD + INDICATORS, year=2026)
    assert (p.department.code, p.department.name, p.year, p.name, p.money_unit) == ("100001", "测试局", 2026, "测试项目", "万元")
    assert (p.budget.total, p.budget.fiscal, p.budget.other) == (Decimal("12.5"), None, None)
    assert [(i.level1, i.level2, i.name, i.target) for i in p.indicators] == [("产出指标", "数量指标", "培训人次", "≥500人次")]
    assert notes == [] and review == {}


def test_split_op_value_unit_columns_and_weights():
    rows = HEAD + [["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
                   ["产出指标", "数量指标", "培训人次", "≥", "500", "人次", "20"],
                   ["效益指标", "社会效益指标", "群众知晓率", "定性", "明显提高", "", "10"]]
    p, notes, _ = one(rows, year=2026, aligned=True)
    assert [(i.target, i.op, i.unit, i.weight) for i in p.indicators] == [
        ("≥500人次", "≥", "人次", Decimal("20")), ("明显提高", "定性", None, Decimal("10"))]
    assert notes == []


def test_several_projects_in_one_table_and_a_subtotal_row():
    rows = [["部门预算项目绩效目标申报表(2023年度)"], ["金额单位:元"],
            ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["820-马踏镇部门", "8,827,620.53"],
            ["820001-井研县马踏镇人民政府", "村组干部报酬", "3,309,840.00", "按时发放", "效益指标", "社会效益指标", "维护社会稳定", "≥95%"],
            ["产出指标", "时效指标", "维持时效", "≥1年"],
            ["基层组织活动经费", "660,000.00", "办公经费", "满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
    found = recognize([from_texts(rows, "m.txt", aligned=False, lines=list(range(1, 8)))])
    projects = [i.project for i in found.projects]
    assert [(p.department.code, p.name, str(p.budget.total), p.goals, len(p.indicators)) for p in projects] == [
        ("820001", "村组干部报酬", "3309840.00", ["按时发放"], 2), ("820001", "基层组织活动经费", "660000.00", ["办公经费"], 1)]
    assert [(n.code, n.where) for n in found.notes] == [("IMP-W-SUBTOTAL", "m.txt:4")]
    assert projects[1].indicators[0].level1 == "满意度指标" and projects[0].year == 2023


def test_notes_of_several_tables_stay_in_file_order():
    rows = [["部门预算项目绩效目标申报表(2023年度)"], ["金额单位:元"],
            ["单位名称", "项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"],
            ["820-马踏镇部门", "8,827,620.53"],
            ["820001-某镇政府", "甲项目", "100.00", "产出指标", "数量指标", "培训", "≥1次"],
            ["乙项目", "50.00", "产出指标", "数量指标", "巡查", "≥12次"]]
    sheets = []
    for n, sheet in enumerate(["2024年", "2023年"]):  # digits in the part names must not reorder the notes
        g = from_texts([[t.replace("甲", f"甲{n}").replace("乙", f"乙{n}") for t in r] for r in rows], "m.xlsx",
                       f"sheet '{sheet}'", aligned=False)
        sheets.append(g)
    found = recognize(sheets)
    assert [(n.code, n.where) for n in found.notes] == [
        ("IMP-W-SUBTOTAL", "m.xlsx: sheet '2024年', row 4, col 1"), ("IMP-W-SUBTOTAL", "m.xlsx: sheet '2023年', row 4, col 1")]


def test_several_projects_in_an_aligned_table_with_merged_project_cells():
    g = Grid("m.xlsx", "sheet 'Sheet1'", before=["2023年度项目绩效目标表", "单位：元"])
    g.rows = [[Cell(t, 0, c) for c, t in enumerate(["单位名称", "项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"])],
              [Cell("820001-某镇政府", 1, 0, rowspan=3), Cell("甲项目", 1, 1, rowspan=2), Cell("100.00", 1, 2, rowspan=2),
               Cell("产出指标", 1, 3), Cell("数量指标", 1, 4), Cell("培训", 1, 5), Cell("≥1次", 1, 6)],
              [Cell("效益指标", 2, 3), Cell("社会效益指标", 2, 4), Cell("知晓率", 2, 5), Cell("≥90%", 2, 6)],
              [Cell("乙项目", 3, 1), Cell("50.00", 3, 2), Cell("产出指标", 3, 3), Cell("数量指标", 3, 4), Cell("巡查", 3, 5),
               Cell("≥12次", 3, 6)]]
    found = recognize([g])
    assert [(i.project.department.code, i.project.name, str(i.project.budget.total), [x.name for x in i.project.indicators])
            for i in found.projects] == [("820001", "甲项目", "100.00", ["培训", "知晓率"]), ("820001", "乙项目", "50.00", ["巡查"])]


def test_empty_category_rows_are_left_out_with_a_warning():
    rows = HEAD + INDICATORS + [["效益指标", "经济效益指标", "", ""], ["", "社会效益指标", "知晓率", "≥90%"],
                                ["", "生态效益指标", "", ""]]
    p, notes, _ = one(rows, year=2026, aligned=True)
    assert [(i.level1, i.level2, i.name) for i in p.indicators] == [("产出指标", "数量指标", "培训人次"),
                                                                   ("效益指标", "社会效益指标", "知晓率")]
    assert [(n.code, n.where, n.message) for n in notes] == [
        ("IMP-W-EMPTY-ROW", "t.txt:6", "empty 经济效益指标 row left out"),
        ("IMP-W-EMPTY-ROW", "t.txt:8", "empty 生态效益指标 row left out")]


def test_cost_as_first_or_second_level():
    rows = HEAD + [INDICATORS[0], ["成本指标", "经济成本指标", "单位成本", "≤10元"], ["产出指标", "成本指标", "总成本", "≤12万元"],
                   ["成本指标", "项目成本", "≤5万元"]]
    p, _, _ = one(rows, year=2026)
    assert [(i.level1, i.level2) for i in p.indicators] == [("成本指标", "经济成本指标"), ("产出指标", "成本指标"),
                                                           ("产出指标", "成本指标")]


def test_self_evaluation_columns_money_block_and_points():
    rows = [["项目支出绩效自评表(2022年度)"], ["项目名称", "甲"], ["主管部门", "219-某镇政府"],
            ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "80", "60", "10", "80%", "7.5"], ["其中:当年财政拨款", "100", "80", "60"],
            ["其他资金", "—", "—"], ["年度总体目标", "预期目标", "实际完成情况"], ["目标1:甲;目标2:乙", "目标1:甲已完成"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标(50分)", "数量指标", "培训", "≥10次", "8次", "30", "24", "天气原因"],
            ["质量指标", "合格率", "100%", "100%", "10", "10"]]
    p, notes, _ = one(rows)
    b = p.budget
    assert [str(x) for x in (b.total, b.fiscal, b.initial, b.adjusted, b.spent, b.weight)] == ["100", "100", "100", "80", "60", "10"]
    assert b.other is None and p.goals == ["甲;", "乙"] and p.goals_actual == ["甲已完成"]
    assert [(i.target, i.actual, str(i.weight), str(i.score), i.deviation) for i in p.indicators] == [
        ("≥10次", "8次", "30", "24", "天气原因"), ("100%", "100%", "10", "10", None)]
    # 执行率 80% is not 60/80 = 75%, 得分 7.5 is 10 x 75% (agrees); 产出 prints 50 points, its rows add up to 40.
    assert [(n.code, n.where) for n in notes] == [("IMP-W-MONEY", "t.txt:5"), ("IMP-W-POINTS", "t.txt:11")]


def test_placeholders_and_damaged_figures_get_review_marks():
    rows = HEAD + [["一级指标", "二级指标", "三级指标", "分值", "年度指标值"],
                   ["产出指标", "数量指标", "★低保人数(≥**人)", "5", ">=100人"], ["", "数量指标", "救助人次", "1O", "≥5人次"]]
    p, notes, review = one(rows, year=2026, aligned=True)
    assert [(i.name, i.target, i.weight) for i in p.indicators] == [
        ("★低保人数(≥**人)", ">=100人", Decimal(5)), ("救助人次", "≥5人次", None)]
    assert codes(notes) == [("IMP-W-PLACEHOLDER", "t.txt:5"), ("IMP-W-DAMAGED", "t.txt:6")]
    assert review == {0: "template mark in the name", 1: "weight '1O' is not a number"}


def test_a_row_cut_by_the_end_of_the_text_is_left_out():
    rows = HEAD + [["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "得分"],
                   ["产出指标", "数量指标", "培训", "5", "≥1次", "5"], ["满意度指标", "服务对象满意度指标", "满意度", "10"]]
    g = from_texts(rows, "t.txt", aligned=True, lines=list(range(1, 7)))
    g.rows[-1] = g.rows[-1][:4]
    found = recognize([g], year=2026)
    assert [i.name for i in found.projects[0].project.indicators] == ["培训"]
    assert codes(found.projects[0].notes) == [("IMP-W-TRUNCATED", "t.txt:6")]


def test_unknown_columns_and_fields_are_reported_once_per_kind():
    rows = HEAD + [["联系人", "张三", "联系电话", "000-0000"],
                   ["一级指标", "二级指标", "三级指标", "指标值", "指标方向性"],
                   ["产出指标", "数量指标", "培训", "≥1次", "正向指标"], ["", "数量指标", "巡查", "≥2次", "正向指标"]]
    p, notes, _ = one(rows, year=2026, aligned=True)
    assert [i.target for i in p.indicators] == ["≥1次", "≥2次"]
    assert [(n.where, n.message) for n in notes] == [
        ("t.txt:4", "联系人 not imported: '张三'"), ("t.txt:4", "联系电话 not imported: '000-0000'"),
        ("t.txt:5", "column 指标方向性 not imported: '正向指标', '正向指标'")]


def test_department_of_the_most_local_level_and_period_from_dates():
    rows = [["区域绩效目标自评表(2021年度)"], ["专项名称", "甲专项"], ["中央主管部门", "某总局"], ["省级主管部门", "某省厅"],
            ["项目开始日期", "2021-01-01", "项目完成日期", "2021-12-31"], ["预算数:", "2.38万元"]] + INDICATORS
    p, notes, _ = one(rows, department_code="510903")
    assert (p.department.code, p.department.name, p.period, p.money_unit, str(p.budget.total)) == (
        "510903", "某省厅", "2021-01-01至2021-12-31", "万元", "2.38")
    assert [(n.code, n.where, n.message) for n in notes] == [("IMP-W-DROPPED", "t.txt:3", "中央主管部门 not imported: '某总局'")]


@pytest.mark.parametrize("aligned", [True, False])
def test_every_level_of_主管部门_but_the_most_local_is_named(aligned):
    rows = [["区域绩效目标自评表(2021年度)"], ["专项名称", "食品监管补助资金"], ["中央主管部门", "市场监管总局"],
            ["省级主管部门", "四川省市场监管局"], ["市级主管部门", "遂宁市市场监管局"], ["预算数:", "2.38万元"]] + INDICATORS
    p, notes, _ = one(rows, department_code="510903", aligned=aligned)
    assert p.department.name == "遂宁市市场监管局"
    assert [(n.where, n.message) for n in notes] == [("t.txt:3", "中央主管部门 not imported: '市场监管总局'"),
                                                     ("t.txt:4", "省级主管部门 not imported: '四川省市场监管局'")]


def test_department_code_option_only_fills_in_a_missing_code():
    rows = [["部门整体绩效目标"], ["部门编码:", "316", "部门名称:", "浮梁县林业局"], ["*年度绩效总目标", "保障运转。"],
            ["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位"], ["产出指标", "数量指标", "职工人数", "=", "116", "人"]]
    p, _, _ = one(rows, year=2026, department_code="999")
    assert (p.department.code, p.department.name) == ("316", "浮梁县林业局")


def test_department_table_without_money():
    rows = [["部门整体绩效目标"], ["部门编码:", "316", "部门名称:", "浮梁县林业局"], ["*部门职能职责概述", "保障运转。"],
            ["*年度绩效总目标", "保障运转。"], ["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位"],
            ["产出指标", "数量指标", "职工人数", "=", "116", "人"]]
    p, notes, _ = one(rows, year=2026)
    assert (p.kind, p.name, p.money_unit, p.budget.total, p.purpose, p.goals) == (
        "department", "部门整体绩效目标", None, None, "保障运转。", ["保障运转。"])
    assert codes(notes) == [("IMP-W-NO-MONEY", "t.txt:1")]


@pytest.mark.parametrize("rows,options,message", [
    (HEAD + INDICATORS, {}, "t.txt:1: the document does not state the budget year (预算年度); give it with --year"),
    ([["2025年度测试表"]] + HEAD + INDICATORS, {"year": 2026},
     "t.txt:1: --year 2026 disagrees with the year 2025 stated in the table title"),
    ([["测试局", "单位：元"]] + HEAD[1:] + INDICATORS, {"year": 2026},
     "t.txt:1: the table states no 部门编码 (department code); give it with --department-code"),
    ([["100001测试局"]] + HEAD[1:] + INDICATORS, {"year": 2026}, "t.txt:1: no money unit (单位：元 / 万元) in the table"),
    (HEAD + [["一级指标二级指标三级指标指标值"]], {"year": 2026}, "t.txt:4: cells run together; no column boundaries to recover"),
])
def test_refusals_name_the_position(rows, options, message):
    with pytest.raises(InputError) as refused:
        recognize([from_texts(rows, "t.txt", aligned=False, lines=list(range(1, len(rows) + 1)))], **options)
    assert str(refused.value) == message


def test_a_grid_that_is_no_target_table_is_reported_not_imported():
    other = from_texts([["填表说明"], ["联系人", "张三"]], "t.docx", part="table 2")
    found = recognize([from_texts(HEAD + INDICATORS, "t.docx"), other], year=2026)
    assert len(found.projects) == 1
    assert [(n.code, n.where) for n in found.notes] == [("IMP-W-DROPPED", "t.docx: table 2")]


def test_a_grid_without_a_word_of_the_form_is_page_chrome_not_reported():
    navigation = from_texts([["首页", "政务公开", "预算公开"], ["填表说明", "请按要求填写"]], "t.html", part="table 1")
    found = recognize([navigation, from_texts(HEAD + INDICATORS, "t.html", part="table 2")], year=2026)
    assert len(found.projects) == 1 and found.notes == [] and found.projects[0].notes == []


def test_every_warning_code_is_listed():
    from pathlib import Path
    import re

    from perfctl.importers import recognize as module

    used = set()
    for source in Path(module.__file__).parent.glob("*.py"):
        used |= set(re.findall(r'"(IMP-W-[A-Z-]+)"', source.read_text(encoding="utf-8")))
    assert used == set(module.CODES)


def test_a_header_block_and_its_indicator_table_are_one_table():
    head = from_texts(HEAD, "t.docx", "table 1")
    body = from_texts(INDICATORS + [["", "质量指标", "合格率", "100%"]], "t.docx", "table 2")
    found = recognize([head, body], year=2026)
    assert [(i.level1, i.level2, i.name) for i in found.projects[0].project.indicators] == [
        ("产出指标", "数量指标", "培训人次"), ("产出指标", "质量指标", "合格率")]
    body.rows[1][3] = Cell("≥**人次", 1, 3)
    body.rows[1][2] = Cell("★培训人次", 1, 2)
    found = recognize([head, body], year=2026)
    assert [n.where for n in found.projects[0].notes] == ["t.docx: table 2, row 2, col 3"]


def test_tables_stacked_in_one_grid_are_cut_apart():
    second = [["2.乙项目绩效目标表"], ["100001测试局", "单位：万元"], ["项目名称", "乙项目"], ["预算规模及资金用途", "预算数", "3"],
              *INDICATORS]
    found = recognize([from_texts([["1.甲项目绩效目标表"], *HEAD, *INDICATORS, *second], "s.xlsx", "sheet 'Sheet1'")],
                      year=2026)
    assert [(p.project.name, p.project.source.position, p.project.source.number, str(p.project.budget.total))
            for p in found.projects] == [("测试项目", 1, 1, "12.5"), ("乙项目", 2, 2, "3")]
    assert found.notes == []


def test_an_indicator_header_without_a_target_column_is_refused():
    rows = HEAD + [["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "培训人次"]]
    with pytest.raises(InputError) as refused:
        recognize([from_texts(rows, "t.docx", "table 1")], year=2026)
    assert str(refused.value) == "t.docx: table 1, row 4, col 1: the indicator header has no 指标值 column"


def test_a_row_without_its_categories_is_marked():
    rows = HEAD + [["一级指标", "三级指标", "指标值"], ["产出指标", "培训人次", "≥500人次"]]
    p, notes, review = one(rows, year=2026, aligned=True)
    assert [(i.level1, i.level2, i.name) for i in p.indicators] == [("产出指标", "", "培训人次")]
    assert codes(notes) == [("IMP-W-CATEGORY", "t.txt:5")] and review == {0: "no 二级指标"}


# -- the national 申报表: multi-year and annual columns --------------------------------------------
DECLARATION = [["项目支出绩效目标申报表"], ["(2017年度)"], ["项目名称", "临时救助"],
               ["主管部门及代码", "[155]濉溪县民政局", "实施单位", "濉溪县救助站"]]
DECLARATION_INDICATORS = [["一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"],
                          ["产出指标", "数量指标", "救助人次", "≥3000人次", "≥1000人次"]]


@pytest.mark.parametrize("label", ["主管部门及代码", "主管部门及编码", "预算部门及代码"])
@pytest.mark.parametrize("cell,department", [("[155]濉溪县民政局", ("155", "濉溪县民政局")),
                                             ("389101 某局", ("389101", "某局"))])
def test_department_and_code_labels(label, cell, department):
    rows = [["2017年度项目支出绩效目标申报表"], ["项目名称", "甲"], [label, cell], ["项目资金(万元)", "12.5"]] + INDICATORS
    p, notes, _ = one(rows)
    assert (p.department.code, p.department.name) == department and notes == []


@pytest.mark.parametrize("aligned", [True, False])
@pytest.mark.parametrize("money", [
    [["项目资金(万元)", "中期资金总额", "年度资金总额"], ["项目资金", "900", "300"], ["其中：财政拨款", "800", "250"],
     ["其他资金", "100", "50"]],
    [["项目资金(万元)", "中期", "年度"], ["资金总额", "900", "300"], ["其中：财政拨款", "800", "250"], ["其他资金", "100", "50"]],
    [["项目资金(万元)", "中期资金总额", "900", "年度资金总额", "300"], ["其中：财政拨款", "800", "其中：财政拨款", "250"],
     ["其他资金", "100", "其他资金", "50"]],
], ids=["columns", "sub-headers", "side-by-side"])
def test_the_budget_is_the_annual_column_and_the_multi_year_one_is_named(money, aligned):
    p, notes, _ = one(DECLARATION + money + DECLARATION_INDICATORS, aligned=aligned)
    assert (p.department.code, p.department.name, p.year, p.money_unit) == ("155", "濉溪县民政局", 2017, "万元")
    assert [str(x) for x in (p.budget.total, p.budget.fiscal, p.budget.other)] == ["300", "250", "50"]
    word = "中期" if money[0][1] == "中期" else "中期资金总额"
    assert [(n.code, n.message) for n in notes if "中期" in n.message] == [
        ("IMP-W-DROPPED", f"{word} not imported: '900', '800', '100'"),
        ("IMP-W-DROPPED", "column 中期指标值 not imported: '≥3000人次'")]
    assert not [n for n in notes if n.code == "IMP-W-MONEY"]  # no sum computed, nothing said to be missing
    assert [(i.name, i.target) for i in p.indicators] == [("救助人次", "≥1000人次")]


def test_an_empty_annual_total_beside_a_multi_year_one_is_refused_not_summed():
    money = [["项目资金(万元)", "中期资金总额", "年度资金总额"], ["资金总额", "900", ""], ["其中：财政拨款", "800", "250"]]
    with pytest.raises(InputError) as refused:
        one(DECLARATION + money + DECLARATION_INDICATORS, aligned=True)
    assert str(refused.value) == ("t.txt:6: budget total: '资金总额' prints no 年度资金总额 amount; its other amounts "
                                  "(中期资金总额 '900') are not the budget")


@pytest.mark.parametrize("aligned", [True, False])
@pytest.mark.parametrize("head,dropped", [
    (["中期指标值", "年度指标值"], "column 中期指标值"), (["指标值", "年度指标值"], "column 指标值 (multi-year)"),
    (["中期指标值", "指标值"], "column 中期指标值"),
])
def test_the_target_is_the_annual_column(head, dropped, aligned):
    rows = DECLARATION + [["项目资金(万元)", "300"], ["一级指标", "二级指标", "三级指标", *head, "分值"],
                          ["产出指标", "数量指标", "救助人次", "3000", "1000", "10"],
                          ["", "质量指标", "救助准确率", "≥95%", "≥98%", "5"]]
    if not aligned:
        rows[-1] = rows[-1][1:]
    p, notes, _ = one(rows, aligned=aligned)
    assert [(i.name, i.target, str(i.weight)) for i in p.indicators] == [("救助人次", "1000", "10"),
                                                                         ("救助准确率", "≥98%", "5")]
    assert [(n.code, n.where, n.message) for n in notes] == [
        ("IMP-W-DROPPED", "t.txt:6", f"{dropped} not imported: '3000', '≥95%'")]


# -- self-evaluation money: nothing lost silently ------------------------------------------------
SELF_EVALUATION_MONEY = [["项目支出绩效自评表(2022年度)"], ["项目名称", "甲"], ["主管部门", "219-某镇政府"],
                         ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]


def test_a_self_evaluations_part_rows_are_kept_unless_they_are_the_totals():
    rows = SELF_EVALUATION_MONEY + [["年度资金总额", "100", "100", "95", "10", "95%", "9.5"],
                                    ["其中:本年财政拨款", "90", "89.974", "89.974"], ["其他资金", "10", "10.026", "5.026"],
                                    ["上年结转资金", "—", "—"]] + INDICATORS
    p, notes, _ = one(rows, aligned=True)
    assert [str(x) for x in (p.budget.total, p.budget.fiscal, p.budget.other, p.budget.spent)] == ["100", "90", "10", "95"]
    parts = p.budget.parts
    assert parts is not None and parts.carryover is None  # 上年结转资金 prints only dashes
    assert [str(x) for x in (parts.fiscal.initial, parts.fiscal.adjusted, parts.fiscal.spent,
                             parts.other.initial, parts.other.adjusted, parts.other.spent)] == [
        "90", "89.974", "89.974", "10", "10.026", "5.026"]
    assert notes == []
    carried = SELF_EVALUATION_MONEY + [["年度资金总额", "120", "120", "110", "10", "91.67%", "9.17"],
                                       ["其中:本年财政拨款", "100", "100", "95"], ["上年结转资金", "20", "20", "15"]] + INDICATORS
    p, notes, _ = one(carried, aligned=True)
    c = p.budget.parts.carryover
    assert ([str(x) for x in (c.initial, c.adjusted, c.spent)], notes) == (["20", "20", "15"], [])
    declared = HEAD[:2] + [["项目资金(万元)", "年度资金总额", "120"], ["其中:财政拨款", "100"], ["上年结转资金", "20"]] + INDICATORS
    p, notes, _ = one(declared, year=2026)  # a declaration's 上年结转资金 has no field: named, not kept
    assert p.budget.parts is None and [n.code for n in notes] == ["IMP-W-DROPPED"]
    same = SELF_EVALUATION_MONEY + [["年度资金总额", "30", "30", "30", "10", "100%", "10"],
                                    ["其中:本年财政拨款", "30", "30", "30", "10", "100%", "10"]] + INDICATORS
    p, notes, _ = one(same, aligned=True)
    assert str(p.budget.fiscal) == "30" and notes == [] and p.budget.parts is None  # the part is the whole


# -- formulas without their results ---------------------------------------------------------------
FORMULA = "a formula with no saved result (=D5+D6); open the file in Excel or WPS and save it, then import again"


def test_a_formula_without_its_result_is_named_as_such():
    rows = HEAD[:2] + [["预算规模及资金用途", "预算数", "=D5+D6"]] + INDICATORS
    with pytest.raises(InputError) as refused:
        one(rows, year=2026)
    assert str(refused.value) == f"t.txt:3: budget total is {FORMULA}"
    rows = HEAD[:2] + [["项目资金(万元)", "年度资金总额", "12.5"], ["其中:财政拨款", "=D5+D6"],
                       ["一级指标", "二级指标", "三级指标", "指标值", "分值"], ["产出指标", "数量指标", "培训人次", "≥500人次", "=D5+D6"]]
    p, notes, review = one(rows, year=2026)
    assert p.budget.fiscal is None and p.indicators[0].weight is None
    assert [(n.code, n.where, n.message) for n in notes] == [
        ("IMP-W-MONEY", "t.txt:4", f"amount not imported: {FORMULA}"),
        ("IMP-W-DAMAGED", "t.txt:6", f"分值 not imported: {FORMULA}")]
    assert review == {0: "weight is a formula with no saved result"}


# -- positions, order and quoting of warnings ----------------------------------------------------------
def test_text_around_a_table_is_reported_at_its_line_only_when_it_holds_a_label():
    from perfctl.importers import text

    source = "\n".join(["首页 > 政务公开 > 预算公开", "2026年项目绩效目标表", "| 100001测试局 | 单位：万元 |",
                        "| 项目名称 | 测试项目 |", "| 预算规模及资金用途 | 预算数 | 12.5 |",
                        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| 产出指标 | 数量指标 | 培训人次 | ≥500人次 |",
                        "返回顶部", "填表人：张三　联系电话：000-00000000", ""]).encode()
    found = recognize(text.read("t.txt", source))
    assert found.notes == [] and len(found.projects) == 1
    assert [(n.code, n.where, n.message) for n in found.projects[0].notes] == [
        ("IMP-W-DROPPED", "t.txt:9", "text after the table not imported: '填表人：张三　联系电话：000-00000000'")]


def test_page_chrome_around_an_office_table_is_not_reported():
    grid = from_texts(HEAD + INDICATORS, "t.html", "table 1")
    grid.before = ["首页 > 政务公开 > 预算公开", "2026年项目绩效目标表", "本页公开本单位项目支出绩效目标。"]
    grid.after = ["单位负责人签字", "打印本页 关闭窗口"]
    found = recognize([grid])
    assert [(n.where, n.message) for n in found.projects[0].notes] == [
        ("t.html: table 1", "text after the table not imported: '单位负责人签字'")]


def test_notes_of_a_project_are_in_source_order_and_quote_text_as_printed():
    rows = HEAD + [["一级指标", "二级指标", "三级指标", "指标值", "指标方向性"],
                   ["产出指标", "数量指标", "★培训人次", "≥500人次", "正向指标"], ["效益指标", "经济效益指标", "", "", ""],
                   ["", "社会效益指标", "知晓率", "≥90%", "正向指标"], ["联系人", "张\u3000三"]]
    grid = from_texts(rows, "t.txt", lines=list(range(1, len(rows) + 1)))
    found = recognize([grid], year=2026)
    assert found.notes == []
    notes = found.projects[0].notes
    assert [(n.code, n.where) for n in notes] == [("IMP-W-DROPPED", "t.txt:4"), ("IMP-W-PLACEHOLDER", "t.txt:5"),
                                                  ("IMP-W-EMPTY-ROW", "t.txt:6"), ("IMP-W-DROPPED", "t.txt:8")]
    assert notes[-1].message == "联系人 not imported: '张\u3000三'" and all("\\u" not in str(n) for n in notes)


def test_a_grid_of_a_text_that_is_no_target_table_is_reported_at_its_first_line():
    other = from_texts([["填表说明"], ["填表人", "张三"]], "t.txt", part="lines 9-10", lines=[9, 10])
    found = recognize([from_texts(HEAD + INDICATORS, "t.txt", lines=list(range(1, 6))), other], year=2026)
    assert [(n.code, n.where) for n in found.notes] == [("IMP-W-DROPPED", "t.txt:9")]
