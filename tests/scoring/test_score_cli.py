"""``perfctl score`` as a user runs it: published self-evaluation tables imported and scored,
exit codes, the JSON and CSV shapes, settings from the store config."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from conftest import CORPUS, run_perfctl
from perfctl import model

SUIXI = next(CORPUS.glob("02-*.txt"))   # 濉溪县民政局 2019 临时救助 自评表
GUICHI = next(CORPUS.glob("14-*.txt"))  # 池州 2022: 年度资金总额 0 / 0 / 0


def imported(tmp_path: Path, source: Path) -> Path:
    store = tmp_path / "store"
    r = run_perfctl("import", source, "--into", store, "--department-code", "999")
    assert r.returncode == 1, r.stderr  # imported with warnings (the tables' ★ marks)
    return store


def test_suixi_published_full_points_are_findings(tmp_path: Path) -> None:
    store = imported(tmp_path, SUIXI)
    r = run_perfctl("score", store, "--format", "json")
    assert r.returncode == 1, r.stderr
    [project] = json.loads(r.stdout)
    assert (project["name"], project["profile"], project["total"], project["grade"]) == (
        "临时救助", "national-2020", "88.93", "良")
    assert project["execution"] == {"budget": "30", "budget_field": "budget.adjusted", "spent": "30", "weight": "10",
                                    "rate": "1.0000", "score": "10.00", "needs_reason": False, "deviation": None}
    assert project["weight_total"] == "90"  # the table's 满意度 row is cut in the source
    def rows(start: str) -> dict:
        [found] = [r for r in project["rows"] if r["name"].startswith(start)]
        return found

    # a missed ≥ row published with full points: 4604 ÷ 4754 × 5 = 4.842… → 4.84
    special = rows("★★★特困人员救助供养人")
    assert special["deviation"] == "特困人员实行动态管理"
    assert (special["target"], special["actual"], special["weight"], special["declared"], special["score"]) == (
        ">=4754人", "4604人", "5", "5", "4.84")
    # an exceeded ≤ row published with full points: 5300 ÷ 5830 × 10 = 9.090… → 9.09
    relief = rows("扶贫临时救助标准")
    assert (relief["declared"], relief["score"], relief["needs_reason"]) == ("10", "9.09", True)
    mismatches = [(i["line"], i["message"]) for i in project["issues"] if i["code"] == "score-mismatch"]
    assert [m for _, m in mismatches] == ["得分 5 declared; 4604 ÷ 4754 × 5 gives 4.84",
                                          "得分 10 declared; 5300 ÷ 5830 × 10 gives 9.09"]
    text = (store / "155" / "2019" / "临时救助.yaml").read_text(encoding="utf-8").splitlines()
    assert [text[line - 1].strip() for line, _ in mismatches] == ["score: '5'", "score: '10'"]
    # 10.00 + 5 + 5 + 5 + 4.84 + 10 + 5 + 5 + 9.09 + 30 = 88.93
    # reasons expected: 87 ÷ 59 = 1.47 and 758 ÷ 570 = 1.33 (≥ 1.3), and the 9.09 row below its 10 points
    assert [i["line"] for i in project["issues"] if i["code"] == "reason-missing"] == [37, 70, 78]


def test_integer_tolerance_accepts_whole_point_tables_but_not_wrong_ones(tmp_path: Path) -> None:
    store = imported(tmp_path, SUIXI)
    r = run_perfctl("score", store, "--format", "json", "--tolerance", "0.5")
    codes = [i["code"] for i in json.loads(r.stdout)[0]["issues"]]
    # |5 − 4.84| = 0.16 is within 0.5; |10 − 9.09| = 0.91 is not
    assert codes.count("score-mismatch") == 1


def test_zero_full_year_budget_cannot_be_scored(tmp_path: Path) -> None:
    store = imported(tmp_path, GUICHI)
    r = run_perfctl("score", store)
    assert r.returncode == 2
    assert "  14:13  error    budget-zero  全年预算数 is 0: no execution rate can be worked out\n" in r.stdout


def test_text_output_and_summary(tmp_path: Path) -> None:
    store = imported(tmp_path, SUIXI)
    r = run_perfctl("score", store, env={"COLUMNS": "160"})
    assert r.returncode == 1
    assert "总分 88.93  良  (the 分值 total 90, not 100: see perfctl lint, PT-E01)" in r.stdout
    assert "\nnational-2020: rows rounded half up to 2 decimals, the total their sum\n" in r.stdout
    assert r.stderr.strip() == "perfctl score: 1 project with results, 5 findings"


def test_profile_and_store_settings(tmp_path: Path) -> None:
    store = imported(tmp_path, SUIXI)
    # pmkpi: the exceeded ≤ row on the line: (1 − 530 ÷ 5300) × 10 = 9.00; grade 优 from 80
    r = run_perfctl("score", store, "--format", "json", "--profile", "pmkpi")
    project = json.loads(r.stdout)[0]
    assert (project["profile"], project["grade"]) == ("pmkpi", "优")
    assert [row["score"] for row in project["rows"] if row["name"].startswith("扶贫临时救助标准")] == ["9.00"]
    (store / "perfctl.yaml").write_text("score:\n  profile: pmkpi\n  round: 1\n", encoding="utf-8")
    project = json.loads(run_perfctl("score", store, "--format", "json").stdout)[0]
    assert (project["profile"], project["round"]) == ("pmkpi", 1)
    (store / "perfctl.yaml").write_text("score:\n  round: 3\n", encoding="utf-8")
    bad = run_perfctl("score", store)
    assert bad.returncode == 2 and "perfctl.yaml" in bad.stderr


def test_csv(tmp_path: Path) -> None:
    store = imported(tmp_path, SUIXI)
    rows = list(csv.DictReader(io.StringIO(run_perfctl("score", store, "--format", "csv").stdout)))
    assert [r["row"] for r in rows] == ["execution", *map(str, range(1, 10))]
    assert (rows[0]["score"], rows[4]["score"], rows[4]["declared"], rows[4]["total"]) == ("10.00", "4.84", "5", "88.93")


def test_bundled_store_has_no_results() -> None:
    from conftest import DATA

    r = run_perfctl("score", DATA, "--format", "json")
    assert (r.returncode, r.stdout) == (0, "[]\n")
    assert "4 without results skipped" in r.stderr


def test_guichi_money_block_renders_its_parts_and_says_why_it_cannot_be_scored(tmp_path: Path) -> None:
    store = imported(tmp_path, GUICHI)
    r = run_perfctl("render", store, "--format", "md")
    assert r.returncode == 0, r.stderr
    # the 年度资金总额 row as printed (0 / 0 / 0) over its 其中 row (90 / 89.974 / 89.974 = 100.00 %),
    # with 2 decimals, more where the amount has them
    assert ("| 年度资金总额 | 0.00 | 0.00 | 0.00 | 10 |  |  |\n"
            "| 其中：当年财政拨款 | 90.00 | 89.974 | 89.974 | — | 100.00% | — |\n") in r.stdout
    assert "| 总分 |  |  |  |  | 90 | 未能计算 |  |\n" in r.stdout  # 8×5 + 10 + 10×3 + 10 (execution): the 满意度 row is cut


def self_evaluation_xlsx(path: Path) -> Path:
    """A 项目支出绩效自评表 in the 附件1 layout as an Excel workbook (merged label cells)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for row in [
        ["项目支出绩效自评表"], ["（2024年度）"],
        ["项目名称", "社区养老服务补助"],
        ["主管部门", "某某县民政局", None, None, "实施单位", "某某县养老服务中心"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 120, 120, 102, 10, "85%", 8.5],
        [None, "其中：当年财政拨款", 100, 100, 90, "—", "90%", "—"],
        [None, "上年结转资金", 20, 20, 12, "—", "60%", "—"],
        [None, "其他资金", None, None, None, "—", None, "—"],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "为全县60岁以上困难老人提供居家养老服务。", None, None, "全年服务困难老人1150人。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "服务老人人数", "≥1200人", "1150人", 20, 20],
        [None, None, "质量指标", "服务合格率", "≥95%", "97%", 15, 15],
        [None, None, "成本指标", "人均补助标准", "≤1000元/人", "1100元/人", 15, 15],
        [None, "效益指标", "社会效益指标", "困难老人生活质量", "有效改善", "达成年度指标", 30, 26, "部分老人需求未覆盖"],
        [None, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 10, 10],
    ]:
        ws.append(row)
    for cells in ("A5:A9", "A10:A11", "A12:A17", "B13:B15"):
        ws.merge_cells(cells)
    wb.save(path)
    return path


def test_an_excel_self_evaluation_imported_and_scored(tmp_path: Path) -> None:
    source = self_evaluation_xlsx(tmp_path / "自评表.xlsx")
    store = tmp_path / "store"
    assert run_perfctl("import", source, "--into", store, "--department-code", "501").returncode == 0
    written = model.load(store / "501" / "2024" / "社区养老服务补助.yaml")
    parts = written.budget.parts
    assert [str(x) for x in (parts.fiscal.spent, parts.carryover.initial, parts.carryover.spent)] == ["90", "20", "12"]
    r = run_perfctl("score", store, "--format", "json")
    assert r.returncode == 1
    [project] = json.loads(r.stdout)
    # execution 102 ÷ 120 = 0.85 × 10 = 8.50; rows 1150 ÷ 1200 × 20 = 19.166… → 19.17; 15; 1000 ÷ 1100 × 15 =
    # 13.636… → 13.64; 26 (declared, 达成: 24 ≤ 26 ≤ 30); 10. Total 8.50 + 19.17 + 15 + 13.64 + 26 + 10 = 92.31 → 优
    assert (project["execution"]["score"], [row["score"] for row in project["rows"]], project["total"], project["grade"]) == (
        "8.50", ["19.17", "15.00", "13.64", "26", "10.00"], "92.31", "优")
    assert [(i["code"], i["message"]) for i in project["issues"] if i["code"] == "score-mismatch"] == [
        ("score-mismatch", "得分 20 declared; 1150 ÷ 1200 × 20 gives 19.17"),
        ("score-mismatch", "得分 15 declared; 1000 ÷ 1100 × 15 gives 13.64")]


def test_json_follows_its_schema_and_names_every_issue_code(tmp_path: Path) -> None:
    import jsonschema

    from perfctl.scoring.result import ERRORS, FINDINGS

    schema = json.loads((Path(model.__file__).parent / "schemas" / "score-report.schema.json").read_text(encoding="utf-8"))
    codes = schema["items"]["properties"]["issues"]["items"]["properties"]["code"]["enum"]
    assert sorted(codes) == sorted([*ERRORS, *FINDINGS])
    for source in (SUIXI, GUICHI):
        store = imported(tmp_path / source.name[:2], source)
        jsonschema.validate(json.loads(run_perfctl("score", store, "--format", "json").stdout), schema)


def test_bad_score_settings_are_named_in_the_config(tmp_path: Path) -> None:
    store = imported(tmp_path, SUIXI)
    for setting, says in (("tolerance: abc", ":2:14: score.tolerance: string 'abc' is not a number of 0 or more"),
                          ("round: 3", ":2:10: score.round: '3' is not one of: 0, 1, 2\n")):
        (store / "perfctl.yaml").write_text(f"score:\n  {setting}\n", encoding="utf-8")
        for command in ("score", "prepare", "lint"):
            r = run_perfctl(command, store)
            assert r.returncode == 2 and r.stderr.count("perfctl.yaml") == 1 and says in r.stderr, (command, r.stderr)
    (store / "perfctl.yaml").write_text("score:\n  round: '1'\n", encoding="utf-8")
    assert json.loads(run_perfctl("score", store, "--format", "json").stdout)[0]["round"] == 1


def test_text_prints_wan_yuan_amounts_with_2_decimals_and_json_keeps_them_exact(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "fixtures" / "selfeval" / "389101" / "2025" / "第四届京津冀自贸试验区联席活动项目.yaml"
    text = source.read_text(encoding="utf-8").replace("money_unit: 元", "money_unit: 万元")
    for old, new in (("200000.00", "20.000000"), ("180000.00", "18.000000"), ("164250.00", "16.425000")):
        text = text.replace(f"'{old}'", f"'{new}'")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    r = run_perfctl("score", tmp_path / "p.yaml", env={**os.environ, "COLUMNS": "80"})
    assert "指标值 / 全年预算数（万元）: 18.00\n" in r.stdout and "实际完成值 / 全年执行数: 16.425\n" in r.stdout
    [project] = json.loads(run_perfctl("score", tmp_path / "p.yaml", "--format", "json").stdout)
    assert (project["execution"]["budget"], project["execution"]["spent"]) == ("18.000000", "16.425000")
