"""The text reader: each text layout of the seed and the corpus → grids, with lines; small samples of each."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, SEED
from perfctl.errors import InputError
from perfctl.importers import detect
from perfctl.importers import text as reader
from perfctl.importers.grid import Grid


def _file(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}-*.txt")) if prefix != "seed" else SEED


def _read(prefix: str, layout: str | None = None) -> tuple[str, list[Grid]]:
    """The detected layout and the grids of a corpus file (``"seed"`` for the seed)."""
    path = _file(prefix)
    data = path.read_bytes()
    lines = reader.decode(data, path).split("\n")
    return reader.detect_layout(lines), reader.read(str(path), data, layout)


def _cells(grid: Grid, row: int) -> list[tuple[str, int | None]]:
    return [(c.text, c.line) for c in grid.rows[row]]


def _sample(text: str, layout: str | None = None) -> list[Grid]:
    return reader.read("t.txt", text.encode("utf-8"), layout)


# --- corpus and seed ---------------------------------------------------------------------------


def test_seed_tab_layout():
    layout, grids = _read("seed")
    assert layout == "tab"
    assert [len(g.rows) for g in grids] == [14, 14, 13, 12]
    assert [g.part for g in grids] == ["lines 2-76", "lines 77-151", "lines 157-225", "lines 226-288"]
    assert not any(g.aligned for g in grids)  # header block rows are shorter than the indicator rows
    assert grids[0].before == ["1.第四届京津冀自贸试验区联席活动项目绩效目标表"]
    assert grids[1].before == []  # glued to the table before it (a space before the tab)
    assert grids[2].before == ["3.自贸区法律服务经费绩效目标表"]
    first = grids[0]
    assert _cells(first, 0) == [("389101中国（天津）自由贸易试验区管理委员会办公室", 2), ("单位：元", 3)]
    assert _cells(first, 2) == [("预算规模及资金用途", 8), ("预算数", 9), ("200000.00", 10), ("其中：财政    资金", 11),
                                ("200000.00", 12), ("其他资金", 13), ("", 14)]
    assert first.texts()[3][0] == "" and first.texts()[3][1].startswith("通过召开第四届")
    assert _cells(first, 5) == [("一级指标", 24), ("二级指标", 25), ("三级指标", 26), ("绩效指标描述", 27), ("指标值", 28)]
    assert _cells(first, 6) == [("产出指标", 30), ("数量指标", 31), ("邀请参会人员数量", 32), ("邀请参会人员数量", 33), ("≥50人", 34)]
    assert first.texts()[7] == ["", "数量指标", "发言嘉宾数量", "发言嘉宾数量", "≥3人"]
    assert _cells(grids[3], 11) == [("满意度指标", 284), ("服务对象满意度指标", 285), ("机关工作人员满意度", 286),
                                    ("机关工作人员满意度", 287), ("≥90%", 288)]


def test_02_cell_lines_recovers_the_row_width():
    layout, grids = _read("02")
    assert layout == "cell-lines" and len(grids) == 1
    grid = grids[0]
    assert grid.aligned and len(grid.rows) == 20 and grid.part == "lines 2-148"
    assert [len(r) for r in grid.rows] == [9] * 19 + [5]  # the text ends in the last row
    assert grid.before == ["(临时救助)绩效目标自评表"] and grid.after == []
    assert grid.texts()[0] == ["绩效目标自评表 (2019年度)"] + [""] * 8
    assert _cells(grid, 4) == [("", 22), ("年度资金总额:", 23), ("30", 24), ("30", 25), ("10", 26), ("100%", 27),
                               ("10", 28), ("", 29), ("", 29)]
    assert _cells(grid, 9) == [("", 54), ("一级指标", 55), ("二级指标", 56), ("三级指标", 57), ("分值", 58), ("年度指标值", 59),
                               ("全年实际值", 60), ("得分", 61), ("未完成原因及拟采取的改进措施", 62)]
    assert _cells(grid, 10) == [("", 63), ("产出指标(50分)", 64), ("数量指标", 65), ("★★★农村低保发放人数(按月平均)(≥**人)", 66),
                                ("5", 67), (">=21933人", 68), ("21980人", 69), ("5", 70), ("", 71)]
    assert _cells(grid, 13) == [("", 90), ("", 91), ("", 92), ("★★★特困人员救助供养人数(按月平均)(≥**人)", 93), ("5", 94),
                                (">=4754人", 95), ("4604人", 96), ("5", 97), ("特困人员实行动态管理", 98)]
    assert grid.texts()[15][:3] == ["", "", "质量指标"]
    assert _cells(grid, 19) == [("", 144), ("满意度指标(10分)", 145), ("服务对象满意度指标", 146), ("★受助对象满意度(≥**%)", 147),
                                ("10", 148)]


def test_03_lone_pipes_start_rows_and_trailing_runs_are_padding():
    layout, grids = _read("03")
    assert layout == "cell-lines" and len(grids) == 1
    grid = grids[0]
    assert not grid.aligned and len(grid.rows) == 18 and grid.part == "lines 4-101"
    assert grid.before == ["湘潭市环境卫生管理处2023年雾炮车降尘抑尘服务项目支出绩效目标申报表", "2023年项目支出绩效目标申报表"]
    assert grid.after == ["填表人: 张三 联系电话:000-00000000 填报日期: 单位负责人签字:"]
    assert _cells(grid, 2) == [("年度本级 预算金额", 13), ("250万", 14), ("该项目支出上级资金", 15), ("0", 16)]
    assert _cells(grid, 6) == [("本年度 绩效指标", 31), ("一级指标", 32), ("二级指标", 33), ("三级指标", 34),
                               ("指标值及单位", 35), ("绩效标准", 36)]
    assert _cells(grid, 7) == [("产出指标", 39), ("数量指标", 40), ("雾炮车降尘抑尘服务配备车辆数", 41), ("10辆", 42), ("计划标准", 43)]
    assert _cells(grid, 8) == [("雾炮车风炮射程", 46), ("≥80M", 47), ("计划标准", 48)]  # 产出/数量 above were dropped
    assert _cells(grid, 12) == [("效益指标", 69), ("经济效益指标", 70), ("", 71), ("", 72), ("", 73)]
    assert _cells(grid, 16) == [("社会公众或服务对象满意度指标", 94), ("市民满意度", 95), ("≥90%", 96), ("计划标准", 97)]
    assert _cells(grid, 17) == [("财政部门审核意见", 100), ("", 101)]


def test_05_space_rows():
    layout, grids = _read("05")
    assert layout == "space-rows" and len(grids) == 1
    grid = grids[0]
    assert not grid.aligned and len(grid.rows) == 33 and grid.part == "lines 4-37"
    assert grid.before == ["特困家庭再扶助(独生子女死亡再扶助)", "项目支出绩效目标申报表", "(2021年度)"]
    assert _cells(grid, 2) == [("项目资金(万元)", 6), ("年度资金总额", 6), ("金额(万元)", 6)]
    assert _cells(grid, 3) == [("(一)财政拨款小计", 7), ("6.30", 7)]
    assert _cells(grid, 11) == [("总体", 16)] and _cells(grid, 12) == [("目标", 17)]  # a wrapped label: rows of its own
    assert grid.texts()[15] == ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值(包含数字及文字描述)"]
    assert _cells(grid, 18) == [("数量指标", 23), ("对符合政策法规的独生子伤残、死亡家庭进行扶助", 23), ("63人", 23)]
    assert grid.texts()[22] == ["成本指标", "成本控制", "严格按照预算标准1000元/人给补助对象兑付补助"]
    assert _cells(grid, 32) == [("社会满意度", 37), ("100%", 37)]


def test_07_pipe_rows_without_leading_pipe():
    layout, grids = _read("07")
    assert layout == "pipe-rows" and len(grids) == 1
    grid = grids[0]
    assert not grid.aligned and len(grid.rows) == 16 and grid.before == [] and grid.after == []
    assert grid.texts()[3] == ["年度资金总额", "1100", "1100", "1100", "10", "100%", "10"]
    assert grid.texts()[9] == ["绩 效 指 标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                               "偏差原因分析及改进措施"]
    assert _cells(grid, 10) == [("产出指标(50分)", 11), ("数量指标", 11), ("1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装", 11),
                                ("≥1290.3平方米", 11), ("1290.3平方米", 11), ("10.3", 11), ("10.3", 11)]
    assert grid.texts()[11] == ["配套烘干杀菌设备及包装设备购置及安装", "550", "20", "9.3", "9.3"]
    assert grid.texts()[13] == ["经济效益 指标", "奖补资金兑付率(%)", "≥100%", "≥100%", "10.8", "10.8"]
    assert _cells(grid, 15) == [("成本指标", 16)]


def test_08_pipe_rows_several_projects():
    layout, grids = _read("08")
    assert layout == "pipe-rows" and len(grids) == 1
    grid = grids[0]
    assert not grid.aligned and len(grid.rows) == 16
    assert grid.texts()[:2] == [["部门预算项目绩效目标申报表(2023年度)"], ["金额单位:元"]]
    assert grid.texts()[2] == ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                               "度量单位", "权重", "指标方向性"]
    assert _cells(grid, 3) == [("820-马踏镇部门", 4), ("8,827,620.53", 4)]
    assert grid.texts()[4] == ["820001-井研县马踏镇人民政府", "村组干部报酬", "3,309,840.00", "按时发放村组干部报酬", "效益指标",
                               "社会效益指标", "维护社会稳定", "≥", "95", "%", "10", "正向指标"]
    assert grid.texts()[5] == ["产出指标", "时效指标", "维持时效", "≥", "1", "年", "20", "正向指标"]
    assert grid.texts()[12][:3] == ["基层组织活动经费", "660,000.00", "包括必要的办公用品费、水电费、报刊费等村社区办公经费,基层党组织开展组织活动、"
                                    "党员干部教育培训,群团活动开展,组织活动场所维护等。"] and len(grid.rows[12]) == 11
    assert _cells(grid, 15)[:3] == [("产出指标", 16), ("质量指标", 16), ("保障村社区正常运转", 16)]


def test_09_pipe_rows_department_table():
    layout, grids = _read("09")
    assert layout == "pipe-rows" and len(grids) == 1
    grid = grids[0]
    assert not grid.aligned and len(grid.rows) == 21
    assert grid.texts()[2] == ["部门编码:", "316", "部门名称:", "浮梁县林业局", "*联系人:", "张三"]
    assert grid.texts()[7] == ["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位", "指标值说明"]
    assert grid.texts()[8] == ["产出指标", "数量指标", "保障在职职工人数(人)", "=", "116", "人", "该指标值数据合理"]
    assert _cells(grid, 9) == [("保障退休职工人数(人)", 10), ("=", 10), ("81", 10), ("人", 10), ("该指标值数据合理", 10)]
    assert _cells(grid, 20) == [("质量指标", 21), ("工资发放准确性(%)", 21), ("≥", 21), ("95", 21), ("%", 21), ("该指标值数据合理", 21)]


@pytest.mark.parametrize("layout", [None, "paragraphs", "one-line"])
def test_12_ocr_text_is_refused_with_its_line(layout):
    path = _file("12")
    with pytest.raises(InputError) as caught:
        reader.read(str(path), path.read_bytes(), layout)
    assert caught.value.message == "cells run together; no column boundaries to recover (OCR text?)"
    assert (caught.value.path, caught.value.line) == (str(path), 1)


def test_14_one_line_after_docx_metadata():
    layout, grids = _read("14")
    assert layout == "one-line" and len(grids) == 1
    grid = grids[0]
    assert not grid.aligned and len(grid.rows) == 1 and grid.part == "line 1"
    assert grid.before == ["张三 user000000 1 2019-05-22T04:56:35Z 2006-09-13T11:21:51Z 2022-05-16T06:53:23Z 15.00 "
                           "2052-11.1.0.11691 FEAB6FBF67D44AA19C24BC22CBB840E5 9300 22370 0 0 False False False",
                           "附件:", "项目支出绩效自评表 (2022年度)"]
    row = grid.texts()[0]
    assert len(row) == 98 and {c.line for c in grid.rows[0]} == {1}
    assert row[:8] == ["项目名称", "委托业务项目", "主管部门", "219-池州市贵池区棠溪镇人民政府", "实施单位",
                       "219001-池州市贵池区棠溪镇人民政府", "项目资金", "(万元)"]
    assert row[14:25] == ["年度资金总额:", "0", "0", "0", "10", "0", "0", "其中:本年财政拨款", "90", "89.974", "89.974"]
    at = row.index("一级指标")
    assert row[at - 1: at + 15] == ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                    "偏差原因分析及改进措施", "产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", "8", "8"]
    assert row[-3:] == ["经济效益指标", "满意度指标(10分)", "满意度指标"]


def test_17_paragraphs_without_a_fixed_width_are_one_row():
    layout, grids = _read("17")
    assert layout == "paragraphs" and len(grids) == 1
    grid = grids[0]
    assert not grid.aligned and len(grid.rows) == 1 and grid.part == "lines 3-177"
    assert grid.before == ["食品监管补助资金区域绩效目标自评表"]
    cells = _cells(grid, 0)
    assert len(cells) == 88
    assert cells[:4] == [("专项名称", 3), ("食品监管补助资金", 5), ("中央主管部门", 7), ("市场监管总局", 9)]
    assert cells[11:21] == [("预算数:", 25), ("2.38", 27), ("执行数:", 29), ("2.38", 31), ("20", 33), ("其中:中央补助", 35),
                            ("2.38  万元", 37), ("其中:中央补助", 39), ("2.38万元", 41), ("", 43)]
    at = cells.index(("一级指标", 83))
    assert cells[at: at + 12] == [("一级指标", 83), ("二级指标", 85), ("三级指标", 87), ("年度指标值", 89), ("实际完成指标值", 91),
                                  ("50", 93), ("产出指标", 95), ("质量指标", 97), ("指标1:食品安全监管人员培训", 99), ("已完成", 101),
                                  ("已完成", 103), ("5", 105)]
    assert cells[-1] == ("可持续影响指标", 177)


# --- small samples of each layout --------------------------------------------------------------

_HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
_TABLE = [_HEADER, ["产出指标", "数量指标", "培训人次", "≥500人次"], ["", "质量指标", "合格率", "100%"]]


def _expected(rows: list[list[str]]) -> list[list[str]]:
    return [list(r) for r in rows]


def test_tab_sample_titles_and_glued_tables():
    text = "甲项目绩效目标表\n\t一级指标\n\t二级指标\n\n\t产出指标\n\t \n 乙\n\t数量指标\n \t一级指标\n"
    grids = _sample(text)  # every text line is a title; a space before the tab starts a table
    assert [g.texts() for g in grids] == [[["一级指标", "二级指标"], ["产出指标", ""]], [["数量指标"]], [["一级指标"]]]
    assert [g.before for g in grids] == [["甲项目绩效目标表"], ["乙"], []]
    assert grids[2].rows[0][0].line == 9


def test_cell_lines_sample_every_position_printed_is_aligned():
    text = "某项目绩效目标表\n" + "".join(f"{t} |\n" if t else "|\n" for row in _TABLE for t in row)
    [grid] = _sample(text)
    assert grid.aligned and grid.texts() == _expected(_TABLE)
    assert grid.before == ["某项目绩效目标表"] and [c.line for c in grid.rows[2]] == [10, 11, 12, 13]


def test_cell_lines_sample_pipe_rows_one_cell_per_line_are_ordered():
    text = "|\n一级指标 |\n二级指标 |\n三级指标 |\n|\n|\n产出指标 |\n数量指标 |\n培训人次 |\n|\n|\n合格率 |\n100% |\n||\n"
    [grid] = _sample(text)
    assert not grid.aligned
    assert grid.texts() == [["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "培训人次"], ["合格率", "100%"]]


def test_cell_lines_sample_two_tables():
    one = "".join(f"{t} |\n" if t else "|\n" for row in _TABLE for t in row)
    grids = _sample(f"甲绩效目标表\n{one}乙绩效目标表\n{one}")
    assert [g.before for g in grids] == [["甲绩效目标表"], ["乙绩效目标表"]]
    assert [g.texts() for g in grids] == [_expected(_TABLE)] * 2 and [g.part for g in grids] == ["lines 2-13", "lines 15-26"]


def test_pipe_rows_sample_markdown_table_is_aligned():
    text = "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n| 产出指标 | 数量指标 | 培训人次 | ≥500人次 |\n|  | 质量指标 | 合格率 | 100% |\n"
    [grid] = _sample(text)
    assert grid.aligned and grid.texts() == _expected(_TABLE)
    assert [r[0].line for r in grid.rows] == [1, 3, 4]


def test_pipe_rows_sample_padded_rows_are_ordered_and_split_at_titles():
    table = "| 一级指标 | 二级指标 | 三级指标 | 指标值 | |\n| 产出指标 | 数量指标 | 培训人次 | ≥500人次 | |\n| 质量指标 | 合格率 | 100% | ||\n"
    grids = _sample(f"| 甲项目绩效目标表 | ||||\n{table}| 乙项目绩效目标表 | ||||\n{table}注：无\n")
    assert len(grids) == 2 and not any(g.aligned for g in grids)
    assert grids[1].texts() == [["乙项目绩效目标表"], _HEADER, ["产出指标", "数量指标", "培训人次", "≥500人次"], ["质量指标", "合格率", "100%"]]
    assert grids[1].after == ["注：无"] and grids[1].part == "lines 5-8"


def test_paragraphs_sample_every_position_printed_is_aligned():
    text = "某项目绩效目标表\n\n" + "".join(f"{t or ' '}\n\n" for row in _TABLE for t in row)
    [grid] = _sample(text)
    assert grid.aligned and grid.texts() == _expected(_TABLE)
    assert grid.rows[2][0].line == 19


def test_paragraphs_sample_multi_line_paragraph_is_one_cell():
    grids = _sample("项目名称\n\n某项目\n\n年度目标\n\n第一行\n第二行\n\n一级指标\n")
    assert grids[0].texts() == [["项目名称", "某项目", "年度目标", "第一行\n第二行", "一级指标"]]
    assert [c.line for c in grids[0].rows[0]] == [1, 3, 5, 7, 10]


def test_one_line_sample_two_tables():
    words = "项目名称 甲 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 培训 人次 ≥500人次 质量指标 合格率 100% 满意度指标 服务对象满意度指标 满意度 ≥90%"
    line = f"作者 2020-01-02T03:04:05Z False 附件1: 甲项目绩效目标表 (2021年度) {words} 乙项目绩效目标表 {words}"
    grids = _sample(line + "\n")
    assert [g.before for g in grids] == [["作者 2020-01-02T03:04:05Z False", "附件1:", "甲项目绩效目标表 (2021年度)"], ["乙项目绩效目标表"]]
    assert [g.texts() for g in grids] == [[words.split(" ")]] * 2


def test_space_rows_sample_titles_and_second_table():
    text = "某项目\n项目支出绩效目标申报表\n(2021年度)\n项目名称 某项目\n项目效益\n指标\n\n乙项目绩效目标表\n项目名称 乙项目\n一级指标 二级指标\n"
    grids = _sample(text)
    assert [g.before for g in grids] == [["某项目", "项目支出绩效目标申报表", "(2021年度)"], ["乙项目绩效目标表"]]
    assert [g.texts() for g in grids] == [[["项目名称", "某项目"], ["项目效益"], ["指标"]],
                                          [["项目名称", "乙项目"], ["一级指标", "二级指标"]]]


def test_run_together_sample_names_the_first_line_of_the_passage():
    text = "说明 文字\n\n某某项目资金用途业务类项目主管部门某局年度绩效目标提高服务水平\n一级指标二级指标三级指标指标目标值产出指标数量指标免费开放天数=300天质量指标考核指标完成率=100百分比\n"
    with pytest.raises(InputError) as caught:
        _sample(text)
    assert caught.value.line == 3 and "cells run together" in caught.value.message


def test_glued_labels_in_a_short_cell_are_not_ocr():
    [grid] = _sample("| 一级指标 | 二级指标 |\n| 产出指标数量指标 | 数量指标 |\n")
    assert grid.texts()[1] == ["产出指标数量指标", "数量指标"]


# --- detection, forcing, decoding --------------------------------------------------------------


def test_layouts_registry_lists_every_layout():
    assert list(reader.LAYOUTS) == ["tab", "cell-lines", "pipe-rows", "paragraphs", "one-line", "space-rows"]
    assert all(layout.title for layout in reader.LAYOUTS.values())


def test_detection_falls_back_to_space_rows():
    assert reader.detect_layout(["甲", "乙"]) == "space-rows"
    assert reader.scores(["甲", "乙"]) == dict.fromkeys(reader.LAYOUTS, 0.0)


def test_forcing_a_layout():
    path = _file("02")
    grids = reader.read(str(path), path.read_bytes(), "pipe-rows")
    assert grids[0].texts()[:3] == [["绩效目标自评表 (2019年度)"], ["项目名称"], ["临时救助"]]
    with pytest.raises(InputError, match=r"no table found in the text \(read as tab"):
        reader.read(str(path), path.read_bytes(), "tab")
    seed = reader.read(str(SEED), SEED.read_bytes(), "space-rows")
    assert _cells(seed[0], 0) == [("其中：财政", 11), ("资金", 11)]  # the first line of two cells
    assert seed[0].before[1:3] == ["389101中国（天津）自由贸易试验区管理委员会办公室", "单位：元"]


def test_gb18030_and_utf16_text_read_like_utf8():
    text = (CORPUS / next(CORPUS.glob("05-*.txt")).name).read_text(encoding="utf-8")
    want = [g.texts() for g in reader.read("t.txt", text.encode("utf-8"))]
    for data in (text.encode("gb18030"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()):
        assert [g.texts() for g in reader.read("t.txt", data)] == want


def test_a_stray_bad_byte_in_utf8_is_not_taken_for_gbk():
    with pytest.raises(InputError, match="cannot decode as UTF-8"):
        reader.read("t.txt", "项目名称 某项目\n一级指标 二级指标\n".encode() + b"\xff\n")


def test_sniff():
    assert reader.sniff(Path("t.txt"), "一级指标 |\n".encode())
    assert reader.sniff(Path("t.txt"), "一级指标".encode()[:-1])  # the head cut inside a character
    assert reader.sniff(Path("t.txt"), "一级指标".encode("gb18030"))
    assert not reader.sniff(Path("t.txt"), b" \n\t\n")
    assert not reader.sniff(Path("t.png"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert detect(SEED, SEED.read_bytes()[:8192]) == "text"
