"""The 项目支出绩效自评表 (财预〔2020〕10号 附件1) in ``render`` and ``show``: the form's data
(perfctl.scoring.form), the Markdown and HTML templates, the terminal layout, goldens.

Fixture store tests/fixtures/selfeval/389101/2025/ (department 389101, 2025, money in 元):

- 第四届京津冀自贸试验区联席活动项目.yaml — the published targets with results made up by hand:
  年初预算数 200000.00 (= 预算数, 财政资金 200000.00, 其他资金 0.00), 全年预算数 180000.00,
  全年执行数 164250.00, 分值 10; rows (分值, 实际完成值): ≥50人 (10, 46人, 得分 declared 10),
  ≥3人 (5, 3人), 100% (10, 100%), 2025年12月前 (5, 2025年10月28日), ≤8万元 (10, 8.6万元),
  ≤12万元 (10, 11.5万元), 有效提升 (30, 达成年度指标, 得分 declared 27), ≥90% (10, 95%).
- 自贸区信息化技术运维项目.yaml — results left unfinished: row 3 has no 实际完成值, row 5 is
  qualitative without 得分; 全年预算数 230000.00, 全年执行数 228600.00.
- 自贸区法律服务经费.yaml — no results: rendered as its target table.

Golden renders: tests/golden/selfeval-389101-2025.md/.html; regenerate with
``PERFCTL_UPDATE_GOLDEN=1 pytest tests/test_selfeval_render.py`` and review by eye.
"""

from __future__ import annotations

import os
import re
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from wcwidth import wcswidth

from conftest import DATA, ROOT, run_perfctl, write
from perfctl import model, render
from perfctl.commands import show
from perfctl.model import Indicator
from perfctl.scoring import form

STORE = ROOT / "tests" / "fixtures" / "selfeval"
FOLDER = STORE / "389101" / "2025"
SCORED = FOLDER / "第四届京津冀自贸试验区联席活动项目.yaml"
UNFINISHED = FOLDER / "自贸区信息化技术运维项目.yaml"
PLAIN = FOLDER / "自贸区法律服务经费.yaml"
GOLDEN = ROOT / "tests" / "golden"


def evaluated(path: Path) -> dict:
    f = form.evaluate(model.load(path))
    assert f is not None
    return f


def copy_store(tmp_path: Path, config: str | None = None) -> Path:
    store = tmp_path / "store"
    shutil.copytree(STORE, store)
    if config is not None:
        (store / "perfctl.yaml").write_text(config, encoding="utf-8")
    return store


# ---------------------------------------------------------------- the form's data, worked by hand


def test_execution_rate_and_score_half_up():
    money = evaluated(SCORED)["money"]
    assert money["heading"] == "项目资金（元）"
    # 164250.00 ÷ 180000.00 = 0.9125 → 91.25 %; 0.9125 × 10 = 9.125 → 9.13 half up (half-even: 9.12)
    assert money["rows"][0] == {"label": "年度资金总额", "initial": "200000.00", "adjusted": "180000.00",
                                "spent": "164250.00", "weight": "10", "rate": "91.25%", "score": "9.13"}


def test_fund_source_rows_carry_only_the_year_start_split():
    rows = evaluated(SCORED)["money"]["rows"][1:]
    # 年初预算数 200000.00 equals 预算数, so the target table's 财政资金 / 其他资金 are its split;
    # the file has no per-source 全年预算数 or 全年执行数: those cells stay empty, 分值 and 得分 are "—".
    assert [(r["label"], r["initial"], r["adjusted"], r["spent"], r["weight"], r["rate"], r["score"])
            for r in rows] == [("其中：当年财政拨款", "200000.00", "", "", "—", "", "—"),
                               ("上年结转资金", "", "", "", "—", "", "—"),
                               ("其他资金", "0.00", "", "", "—", "", "—")]


def test_fund_sources_stay_empty_when_the_year_start_budget_differs(tmp_path):
    text = SCORED.read_text(encoding="utf-8").replace("initial: '200000.00'", "initial: '210000.00'")
    write(tmp_path, {"p.yaml": text})
    rows = evaluated(tmp_path / "p.yaml")["money"]["rows"]
    assert [r["initial"] for r in rows] == ["210000.00", "", "", ""]


def test_fund_source_rows_from_budget_parts():
    from perfctl.model import BudgetPart, BudgetParts

    project = model.load(SCORED)
    D = Decimal
    project.budget.parts = BudgetParts(fiscal=BudgetPart(D("200000.00"), D("170000.00"), D("156000.00")),
                                       carryover=BudgetPart(None, D("10000.00"), D("8250.00")))
    rows = form.evaluate(project)["money"]["rows"]
    assert [(r["label"], r["initial"], r["adjusted"], r["spent"], r["rate"], r["score"]) for r in rows[1:]] == [
        ("其中：当年财政拨款", "200000.00", "170000.00", "156000.00", "91.76%", "—"),  # 156000 ÷ 170000 = 0.917647…
        ("上年结转资金", "", "10000.00", "8250.00", "82.50%", "—"),  # 8250 ÷ 10000
        ("其他资金", "", "", "", "", "—"),  # parts given, none for 其他资金: no figures from the target table
    ]
    assert rows[0]["score"] == "9.13"  # only 年度资金总额 is scored


def test_row_scores_total_and_grade():
    f = evaluated(SCORED)
    scores = [(r["name"], r["weight"], r["score"], r["declared"]) for r in f["rows"]]
    assert scores == [
        ("邀请参会人员数量", "10", "9.20", "10"),  # ≥50, actual 46: 46 ÷ 50 × 10 = 9.2; the file says 10
        ("发言嘉宾数量", "5", "5.00", ""),
        ("活动顺利举办率", "10", "10.00", ""),
        ("活动举办完成时间", "5", "5.00", ""),  # done 2025-10-28, before the end of 2025-12
        ("会议活动保障费用", "10", "9.30", ""),  # ≤8万元, actual 8.6万元: 8 ÷ 8.6 × 10 = 9.3023… → 9.30
        ("场地使用费", "10", "10.00", ""),  # ≤12万元 met by 11.5万元
        ("提升天津自贸试验区影响力，推出制度创新成果", "30", "27.00", ""),  # qualitative: declared 27
        ("活动参与者满意度", "10", "10.00", ""),
    ]
    # 9.13 + 9.20 + 5 + 10 + 5 + 9.30 + 10 + 27 + 10 = 94.63, 优 (90 or more)
    assert (f["weight_total"], f["total"], f["scored"], f["grade"], f["errors"]) == ("100", "94.63", True, "优", [])


def test_rows_keep_the_target_tables_merges_and_texts():
    rows = evaluated(SCORED)["rows"]
    assert [(r["level1_rowspan"], r["level2_rowspan"]) for r in rows] == [
        (6, 2), (0, 0), (0, 1), (0, 1), (0, 2), (0, 0), (1, 1), (1, 1)]
    first = rows[0]
    assert (first["target"], first["actual"], first["needs_reason"]) == ("≥50人", "46人", True)
    assert first["deviation"].startswith("4名受邀人员因日程冲突未能到会")


def test_header_goals_and_note():
    f = evaluated(SCORED)
    assert (f["title"], f["year"], f["name"], f["implementing_unit"]) == (
        "项目支出绩效自评表", 2025, "第四届京津冀自贸试验区联席活动项目", "中国（天津）自由贸易试验区管理委员会办公室")
    assert f["department"] == {"code": "389101", "name": "中国（天津）自由贸易试验区管理委员会办公室"}
    assert f["goals_actual"][0].startswith("2025年10月在天津召开")
    assert f["note"] == ("评分口径：national-2020（财预〔2020〕10号）；各行得分（含预算执行率得分）四舍五入保留2位小数，"
                         "总分为各行得分之和；评价等级90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、"
                         "60分以下为差。")
    assert f["notes"] == ["得分后括注“原表”的，是文件所填得分，与按上述口径计算的得分不一致；总分按计算得分合计。"]
    assert f["money"]["deviation"].startswith("场地租赁经比价后压减")


def test_a_project_that_cannot_be_scored_says_why():
    f = evaluated(UNFINISHED)
    assert (f["total"], f["scored"], f["grade"]) == ("未能计算", False, "")
    assert [r["score"] for r in f["rows"]] == ["10.00", "15.00", "", "15.00", "", "10.00"]
    assert [e.split("：")[0] for e in f["errors"]] == ["第3行 系统故障响应时间", "第5行 提升天津自贸区知名度"]
    assert "no 实际完成值" in f["errors"][0] and "declare its 得分" in f["errors"][1]
    # 228600.00 ÷ 230000.00 = 0.993913… → 99.39 %, × 10 = 9.939… → 9.94
    assert (f["money"]["rows"][0]["rate"], f["money"]["rows"][0]["score"]) == ("99.39%", "9.94")


def test_projects_without_results_have_no_form():
    assert form.evaluate(model.load(PLAIN)) is None
    assert render.table_context(model.load(DATA / "389101" / "2025" / "自贸区法律服务经费.yaml"), 1)["selfeval"] is None


def test_the_store_config_chooses_the_profile(tmp_path):
    store = copy_store(tmp_path, "score:\n  profile: pmkpi\n")
    f = evaluated(store / "389101" / "2025" / SCORED.name)
    # pmkpi keeps the execution score exact: 0.9125 × 10 = 9.125
    assert f["money"]["rows"][0]["score"] == "9.125"
    # ≤8万元 by the pmkpi line: (1 − (8.6 − 8) ÷ 8) × 10 = 9.25
    assert f["rows"][4]["score"] == "9.25"
    # 9.125 + 9.20 + 5 + 10 + 5 + 9.25 + 10 + 27 + 10 = 94.575 → 94.58; pmkpi 优 from 80
    assert (f["total"], f["grade"]) == ("94.58", "优")
    assert f["note"] == ("评分口径：pmkpi（预算管理一体化绩效模块）；各指标得分四舍五入保留2位小数，预算执行率得分不取舍，"
                         "总分为各项得分之和四舍五入保留2位小数；评价等级80（含）-100分为优、70（含）-80分为良、"
                         "60（含）-70分为中、60分以下为差。")


def test_whole_point_rounding_from_the_store_config(tmp_path):
    store = copy_store(tmp_path, "score:\n  round: 0\n")
    f = evaluated(store / "389101" / "2025" / SCORED.name)
    # 9.125 → 9; 9.2 → 9 (the file's 10 now differs by 1); 9.30 → 9; 9 + 9 + 5 + 10 + 5 + 9 + 10 + 27 + 10 = 94
    assert f["money"]["rows"][0]["score"] == "9"
    assert [(r["score"], r["declared"]) for r in f["rows"]][:5] == [
        ("9", "10"), ("5", ""), ("10", ""), ("5", ""), ("9", "")]
    assert (f["total"], f["grade"]) == ("94", "优")
    assert "各行得分（含预算执行率得分）四舍五入取整" in f["note"]


@pytest.mark.parametrize("target, op, unit, shown", [
    ("500", "≥", "人次", "≥500人次"),  # 计算符号 and 计量单位 columns joined to a bare number
    ("≥90%", None, None, "≥90%"),
    ("≥90", "≥", "%", "≥90%"),  # the operator is not doubled
    ("有效提升", "定性", None, "有效提升"),
    ("2025年12月前", None, "月", "2025年12月前"),
])
def test_target_text_joins_operator_and_unit_columns(target, op, unit, shown):
    assert form.target_text(Indicator("产出指标", "数量指标", "x", target, op=op, unit=unit)) == shown


def test_document_title_says_what_it_holds():
    assert form.document_title(3, 0) == "项目支出绩效目标表"
    assert form.document_title(3, 3) == "项目支出绩效自评表"
    assert form.document_title(3, 2) == "项目支出绩效目标表及自评表"


# ---------------------------------------------------------------- render


def rendered(tmp_path: Path, source: Path, fmt: str) -> str:
    r = run_perfctl("render", source, "--format", fmt, "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr  # a project that cannot be scored still renders
    return (tmp_path / "out" / f"389101-2025.{fmt}").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_render_of_the_selfeval_store(tmp_path, fmt):
    text = rendered(tmp_path, STORE, fmt)
    golden = GOLDEN / f"selfeval-389101-2025.{fmt}"
    if os.environ.get("PERFCTL_UPDATE_GOLDEN") == "1":
        golden.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == golden.read_bytes(), (
        f"render differs from {golden}; review, then PERFCTL_UPDATE_GOLDEN=1")


def test_markdown_layout(tmp_path):
    text = rendered(tmp_path, STORE, "md")
    assert text.startswith("# 389101 中国（天津）自由贸易试验区管理委员会办公室 2025年度项目支出绩效目标表及自评表\n")
    assert re.findall(r"^## (.*)$", text, re.MULTILINE) == [
        "1.第四届京津冀自贸试验区联席活动项目绩效自评表", "2.自贸区法律服务经费绩效目标表", "3.自贸区信息化技术运维项目绩效自评表"]
    assert ("| 项目资金（元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "| --- | ---: | ---: | ---: | :---: | ---: | ---: |\n"
            "| 年度资金总额 | 200000.00 | 180000.00 | 164250.00 | 10 | 91.25% | 9.13 |\n") in text
    assert ("| 产出指标 | 数量指标 | 邀请参会人员数量 | ≥50人 | 46人 | 10 | 9.20（原表10） | 4名受邀人员因日程冲突") in text
    assert "|  | 成本指标 | 会议活动保障费用 | ≤8万元 | 8.6万元 | 10 | 9.30 | 参会嘉宾临时增加" in text
    assert "| 总分 |  |  |  |  | 100 | 94.63 | 评价等级：优 |\n" in text
    assert "| 总分 |  |  |  |  | 100 | 未能计算 |  |\n" in text
    assert "\n未能计算总分：\n\n- 第3行 系统故障响应时间：no 实际完成值 (actual): the row cannot be scored\n" in text
    assert text.count("评分口径：national-2020（财预〔2020〕10号）") == 2
    unescaped_pipe = re.compile(r"(?<!\\)(?:\\\\)*\|")
    for block in re.findall(r"(?:^\|.*\n)+", text, re.MULTILINE):  # every table keeps its columns
        assert len({len(unescaped_pipe.findall(line)) for line in block.splitlines()}) == 1, block


def test_html_layout(tmp_path):
    text = rendered(tmp_path, STORE, "html")
    assert "<title>389101 中国（天津）自由贸易试验区管理委员会办公室 2025年度项目支出绩效目标表及自评表</title>" in text
    assert "table.selfeval { font-size: 9pt; }" in text  # the form's CSS comes with the form
    assert '<h2>1.第四届京津冀自贸试验区联席活动项目绩效自评表</h2>\n<p class="subtitle">（2025年度）</p>' in text
    assert ('<tr><th scope="row" colspan="2" class="sum">年度资金总额</th><td class="amount">200000.00</td>'
            '<td class="amount">180000.00</td><td class="amount">164250.00</td><td class="points">10</td>'
            '<td class="points">91.25%</td><td class="points">9.13</td></tr>') in text
    assert '<th scope="rowgroup" rowspan="9">绩效指标</th>' in text  # header + 8 rows
    assert ('<td class="level1" rowspan="6">产出指标</td><td class="level2" rowspan="2">数量指标</td>'
            '<td class="name">邀请参会人员数量</td><td class="target"><span class="nw">≥50人</span></td>'
            '<td class="actual"><span class="nw">46人</span></td>'
            '<td class="points">10</td><td class="points">9.20<br><span class="declared">（原表10）</span></td>') in text
    assert ('<tr class="total"><th scope="row" colspan="6">总分</th><td class="points">100</td>'
            '<td class="points">94.63</td><td>评价等级：优</td></tr>') in text
    assert '<td class="points not-scored">未能计算</td>' in text
    assert "<li>第5行 提升天津自贸区知名度：a qualitative row is scored by the evaluator" in text
    assert '<section class="project" id="table-2">\n<h2>2.自贸区法律服务经费绩效目标表</h2>' in text


class FormGrid(HTMLParser):
    """Per ``<table class="selfeval">``, the number of columns each row covers, counting the
    cells that rowspans from rows above carry down."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[int]] = []
        self._inside = False
        self._carried: list[int] = []  # rows still covered by each rowspan seen

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "table":
            self._inside = a.get("class") == "selfeval"
            if self._inside:
                self.tables.append([])
                self._carried = []
        elif self._inside and tag == "tr":
            self._carried = [n - 1 for n in self._carried if n > 1]
            self.tables[-1].append(len(self._carried))
        elif self._inside and tag in ("td", "th"):
            self.tables[-1][-1] += int(a.get("colspan", 1))
            if int(a.get("rowspan", 1)) > 1:
                self._carried.append(int(a["rowspan"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._inside = False


def test_every_row_of_the_html_form_spans_nine_columns(tmp_path):
    parser = FormGrid()
    parser.feed(rendered(tmp_path, STORE, "html"))
    assert len(parser.tables) == 2
    # rows: 项目名称, 主管部门, money header + 4 + 偏差原因, goals ×2, indicator header + 8, 总分
    assert [len(rows) for rows in parser.tables] == [2 + 6 + 2 + 9 + 1, 2 + 5 + 2 + 7 + 1]
    assert all(n == 9 for rows in parser.tables for n in rows), parser.tables


def test_target_tables_get_no_selfeval_css(tmp_path):
    text = rendered(tmp_path, DATA, "html")
    assert "selfeval" not in text and "<title>389101 中国（天津）自由贸易试验区管理委员会办公室 2025年度项目支出绩效目标表</title>" in text


@pytest.mark.parametrize("command", [("render", "--format", "md"), ("show",)])
def test_a_bad_score_config_is_an_input_error(tmp_path, command):
    store = copy_store(tmp_path, "score:\n  profile: nope\n")
    r = run_perfctl(command[0], store, *command[1:])
    assert r.returncode == 2 and r.stdout == "" and "Traceback" not in r.stderr
    assert r.stderr == f"{store / 'perfctl.yaml'}:2:12: score.profile: 'nope' is not one of: national-2020, pmkpi\n"


def test_form_values_are_escaped_and_never_evaluated(tmp_path):
    text = SCORED.read_text(encoding="utf-8").replace(
        "deviation: 4名受邀人员", "deviation: <script>x</script> a|b {{ 7*7 }} 4名受邀人员").replace(
        "actual: 46人", "actual: '46人 **'")
    store = write(tmp_path / "store", {"389101/2025/p.yaml": text})
    html = rendered(tmp_path, store, "html")
    assert "&lt;script&gt;x&lt;/script&gt; a|b {{ 7*7 }} 4名受邀人员" in html and "<script" not in html
    md = rendered(tmp_path, store, "md")
    assert "| &lt;script&gt;x&lt;/script&gt; a\\|b {{ 7\\*7 }} 4名受邀人员" in md and "49" not in md


# ---------------------------------------------------------------- show


def run_show(monkeypatch, capsys, *paths: Path, columns: int) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert show.run(list(paths)) == 0
    return capsys.readouterr().out


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip("|").split("|")]


def grid_rows(lines: list[str]) -> list[list[str]]:
    """The rows of the grid tables in ``lines``, a wrapped cell's lines joined again."""
    rows: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if line.startswith("+") and current is not None:
            rows.append(current)
            current = None
        elif line.startswith("|"):
            parts = cells(line)
            current = parts if current is None else [a + b for a, b in zip(current, parts)]
    return rows


def test_show_prints_the_form(monkeypatch, capsys):
    out = run_show(monkeypatch, capsys, SCORED, columns=200)
    lines = out.splitlines()
    assert lines[0] == "项目支出绩效自评表（2025年度）"
    assert lines[1].split() == ["项目名称", "第四届京津冀自贸试验区联席活动项目"]
    assert lines[2].split() == ["主管部门", "389101", "中国（天津）自由贸易试验区管理委员会办公室"]
    assert lines[3].split() == ["实施单位", "中国（天津）自由贸易试验区管理委员会办公室"]
    assert lines[4].startswith("预期目标") and "1. 通过召开" in lines[4]
    assert any(line.startswith("实际完成情况") and "1. 2025年10月" in line for line in lines[5:8])
    grid = grid_rows(lines)
    assert grid[0] == ["项目资金（元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert grid[1] == ["年度资金总额", "200000.00", "180000.00", "164250.00", "10", "91.25%", "9.13"]
    assert grid[2] == ["其中：当年财政拨款", "200000.00", "", "", "—", "", "—"]
    assert grid[5] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    assert grid[6][:7] == ["产出指标", "数量指标", "邀请参会人员数量", "≥50人", "46人", "10", "9.20（原表10）"]
    assert grid[10][:7] == ["", "成本指标", "会议活动保障费用", "≤8万元", "8.6万元", "10", "9.30"]
    assert grid[-1] == ["总分", "", "", "", "", "100", "94.63", "评价等级：优"]
    assert any(line.startswith("预算执行偏差原因分析及改进措施：场地租赁") for line in lines)
    assert lines[-2].startswith("评分口径：national-2020（财预〔2020〕10号）；各行得分（含预算执行率得分）四舍五入保留2位小数")
    assert lines[-1].startswith("得分后括注“原表”的")


def test_show_says_why_a_project_cannot_be_scored(monkeypatch, capsys):
    lines = run_show(monkeypatch, capsys, UNFINISHED, columns=200).splitlines()
    assert grid_rows(lines)[-1] == ["总分", "", "", "", "", "100", "未能计算", ""]
    at = lines.index("未能计算总分：")
    assert lines[at + 1].startswith("  第3行 系统故障响应时间：no 实际完成值")
    assert lines[at + 2].startswith("  第5行 提升天津自贸区知名度：a qualitative row")


@pytest.mark.parametrize("columns", [100, 80, 60])
def test_show_fits_the_terminal_and_aligns_cjk(monkeypatch, capsys, columns):
    out = run_show(monkeypatch, capsys, STORE, columns=columns)
    assert max(wcswidth(line) for line in out.splitlines()) <= columns
    assert out.count("项目支出绩效自评表（2025年度）") == 2 and out.count("项目名称") == 3
    tables = re.findall(r"(?:^[+|].*\n)+", out, re.MULTILINE)
    for table in tables:
        lines = table.splitlines()
        assert len({wcswidth(line) for line in lines}) == 1, table  # every line of a table equally wide
        first = lines[0]
        bars = [wcswidth(first[:i]) for i, ch in enumerate(first) if ch == "+"]
        for line in lines:
            at = {wcswidth(line[:i]): ch for i, ch in enumerate(line)}
            assert {at.get(col) for col in bars} <= {"+", "|"}, line


def test_render_warns_of_a_form_that_cannot_be_scored():
    r = run_perfctl("render", STORE, "--format", "md")
    assert r.returncode == 0
    assert r.stderr == ("perfctl: warning: 389101-2025 table 3 (自贸区信息化技术运维项目): 总分 未能计算, 2 errors; "
                        "perfctl score names them\n")
