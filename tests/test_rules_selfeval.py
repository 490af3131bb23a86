"""The self-evaluation rules (PT-E) beyond their case files: exact messages with figures
worked out by hand, the published tables of the corpus, the scoring settings they read
(store config, ``--tolerance``), one scoring per project, and what stays quiet."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPUS, DATA, run_perfctl
from perfctl import config as config_mod
from perfctl import model, yamlio
from perfctl.errors import UsageError
from perfctl.lint import engine
from perfctl.lint.checker import Checker
from perfctl.lint.rules import RULES

BASE = yamlio.parse((Path(__file__).parent / "lint" / "base.yaml").read_text(encoding="utf-8")).data


def _project(budget: dict[str, str] | None = None, rows: list[dict[str, str]] | None = None) -> str:
    data = copy.deepcopy(BASE)
    data["budget"].update(budget or {})
    if rows is not None:
        data["indicators"] = rows
    return yamlio.dump(data)


def _lint(tmp_path: Path, text: str, config: str = "", select: str = "PT-E") -> list[tuple[str, str, str]]:
    """(code, node, message) of the PT-E findings for one project file."""
    (tmp_path / "project.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "perfctl.yaml").write_text(config, encoding="utf-8")
    conf = config_mod.for_path(tmp_path)
    conf.lint.select = [select]
    report = engine.lint([tmp_path], conf)
    assert report.errors == []
    return [(f.code, ".".join(map(str, f.node)), f.message) for f in report.findings]


def _row(level1: str, name: str, target: str, weight: str, **more: str) -> dict[str, str]:
    level2 = {"产出指标": "数量指标", "效益指标": "社会效益指标", "满意度指标": "服务对象满意度指标"}[level1]
    return {"level1": level1, "level2": level2, "name": name, "target": target, "weight": weight, **more}


# --- exact messages, figures by hand -------------------------------------------------------

def test_points_total_without_satisfaction_row_names_both_readings(tmp_path):
    rows = [_row("产出指标", "培训人次", "≥500人次", "50"), _row("效益指标", "学员履职能力提升率", "≥80%", "30")]
    # 50 + 30 = 80 rows, + 10 for the execution row by default = 90; 产出 + 效益 80 where 100 - 10 = 90 is due
    assert _lint(tmp_path, _project(rows=rows)) == [(
        "PT-E01", "indicators",
        "分值 total 90 (indicator rows 80 + 预算执行率 10 by default), not 100; no 满意度指标 row: "
        "产出 50 + 效益 30 = 80, not 90; its 10 points go to 效益 (产出 50, 效益 40) by one reading, "
        "to 产出 (60/30) by another")]


def test_points_total_counts_a_stated_execution_weight(tmp_path):
    rows = [_row("产出指标", "培训人次", "≥500人次", "50"), _row("效益指标", "学员履职能力提升率", "≥80%", "30"),
            _row("满意度指标", "参训学员满意度", "≥90%", "10")]
    # 50 + 30 + 10 = 90, + 20 stated = 110
    assert _lint(tmp_path, _project({"weight": "20"}, rows)) == [
        ("PT-E01", "indicators", "分值 total 110 (indicator rows 90 + 预算执行率 20), not 100")]


def test_score_mismatch_gives_the_arithmetic(tmp_path):
    rows = [_row("产出指标", "特困人员救助供养人数", "≥4754人", "5", actual="4604人", score="5",
                 deviation="动态管理"),
            _row("产出指标", "扶贫临时救助标准", "≤5300元/户", "10", actual="5830元/户", score="10",
                 deviation="标准上调"),
            _row("产出指标", "工程资金金额", "≥40万元", "10", actual="372400元", score="9.31")]
    # 4604 / 4754 * 5 = 4.8422… → 4.84; 5300 / 5830 * 10 = 9.0909… → 9.09; 372400元 = 37.24万元,
    # 37.24 / 40 * 10 = 9.31 exactly: declared right
    found = _lint(tmp_path, _project(rows=rows), select="PT-E02")
    assert found == [
        ("PT-E02", "indicators.0.score", "得分 5 declared; 4604 ÷ 4754 × 5 gives 4.84, more than 0.01 apart "
                                         "(score.tolerance); correct the 得分 or the 实际完成值"),
        ("PT-E02", "indicators.1.score", "得分 10 declared; 5300 ÷ 5830 × 10 gives 9.09, more than 0.01 apart "
                                         "(score.tolerance); correct the 得分 or the 实际完成值")]


def test_the_store_tolerance_applies(tmp_path):
    rows = [_row("产出指标", "工程资金金额", "≥43.2万元", "10", actual="37.24万元", score="9")]
    # 37.24 / 43.2 * 10 = 8.6203… → 8.62; published 9 is 0.38 off: out of 0.01, within 0.5
    text = _project(rows=rows)
    assert [c for c, _, _ in _lint(tmp_path, text, select="PT-E02")] == ["PT-E02"]
    assert _lint(tmp_path, text, "score:\n  tolerance: '0.5'\n", select="PT-E02") == []


def test_execution_reason_and_overspending(tmp_path):
    # 37.24 / 43.2 = 0.86203… → 86.20 %, below 90 %
    assert _lint(tmp_path, _project({"adjusted": "43.2", "spent": "37.24"})) == [
        ("PT-E05", "budget.deviation",
         "预算执行率 86.20% is below 90%: 偏差原因分析及改进措施 (budget.deviation) expected")]
    assert _lint(tmp_path, _project({"adjusted": "45", "spent": "45.5"})) == [
        ("PT-E06", "budget.spent", "全年执行数 45.5万元 is above 全年预算数 45万元; spending cannot exceed the "
                                   "full-year budget: correct the figures or the 全年预算数")]


def test_total_row_against_the_header(tmp_path):
    budget = {"total": "0", "fiscal": "90", "initial": "0", "adjusted": "0", "spent": "0"}
    assert _lint(tmp_path, _project(budget), select="PT-E08") == [
        ("PT-E08", "budget.adjusted", "全年预算数 is 0 while 财政资金 is 90万元: the 年度资金总额 row does not carry "
                                      "its fund sources' figures; give its 全年预算数 and 全年执行数 over all sources")]
    budget = {"initial": "45", "adjusted": "50", "spent": "49"}  # 预算数 of the base table: 50
    assert _lint(tmp_path, _project(budget), select="PT-E08") == [
        ("PT-E08", "budget.initial", "年初预算数 45万元 differs from 预算数 50万元; the 年度资金总额 row's 年初预算数 "
                                     "is the budget approved with the targets")]


def test_qualitative_band_and_unit_messages(tmp_path):
    rows = [_row("效益指标", "对维护市场公平的影响程度", "效果明显", "10", actual="部分达成年度指标并具有一定效果",
                 score="8", deviation="宣传覆盖不足"),
            _row("产出指标", "特困人员救助供养人数", "≥4754人", "5", actual="4604户")]
    # 部分达成: 0.5 × 10 = 5 ≤ 得分 < 0.8 × 10 = 8, so 8 is outside
    assert _lint(tmp_path, _project(rows=rows), select="PT-E04") == [
        ("PT-E04", "indicators.0.score", "得分 8 is outside the band of 部分达成年度指标并具有一定效果 "
                                         "(5 ≤ 得分 < 8 of 分值 10); score inside the band or correct the 实际完成值")]
    assert _lint(tmp_path, _project(rows=rows), select="PT-E07") == [
        ("PT-E07", "indicators.1.actual", "实际完成值 '4604户' cannot be scored against 指标值 '≥4754人'; "
                                          "actual in '户' cannot be compared with a target in '人': convert one of them")]


def test_results_on_a_placeholder_row_are_still_checked(tmp_path):
    from perfctl.lint.context import Context

    name = "特困人员救助供养人数(≥**人)"  # a template mark, kept by imports of published tables
    assert Context("legacy-2015", "configured", {}).is_todo(name)
    rows = [_row("产出指标", name, "≥4754人", "5", actual="4604人", score="5", deviation="动态管理")]
    found = _lint(tmp_path, _project(rows=rows), select="PT")
    assert [(c, n) for c, n, _ in found if n.startswith("indicators.0")] == [("PT-E02", "indicators.0.score")]


# --- published tables -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Corpus 02 (濉溪 2019) and 14 (池州 2022) imported with ``perfctl import``."""
    store = tmp_path_factory.mktemp("corpus")
    files = [next(CORPUS.glob("02-*.txt")), next(CORPUS.glob("14-*.txt"))]
    r = run_perfctl("import", *files, "--into", store)
    assert r.returncode == 1, r.stderr  # imported, with the import's own warnings
    return store


def _e_findings(report: engine.Report) -> list[tuple[str, int, int, str, str]]:
    return [(Path(f.path).name, f.line, f.col, f.code, f.message) for f in report.findings]


def test_corpus_02_full_points_on_a_missed_and_an_exceeded_row(corpus_store):
    conf = config_mod.for_path(corpus_store)
    conf.lint.select = ["PT-E02"]
    path = corpus_store / "155" / "2019" / "临时救助.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert (lines[50], lines[83]) == ("    score: '5'", "    score: '10'")
    # ≥4754人, actual 4604人, 分值 5: 4604 / 4754 × 5 = 4.84; ≤5300元/户, actual 5830元/户, 分值 10:
    # 5300 / 5830 × 10 = 9.09; both published at full points
    assert _e_findings(engine.lint([path], conf)) == [
        ("临时救助.yaml", 51, 12, "PT-E02", "得分 5 declared; 4604 ÷ 4754 × 5 gives 4.84, more than 0.01 apart "
                                           "(score.tolerance); correct the 得分 or the 实际完成值"),
        ("临时救助.yaml", 84, 12, "PT-E02", "得分 10 declared; 5300 ÷ 5830 × 10 gives 9.09, more than 0.01 apart "
                                           "(score.tolerance); correct the 得分 or the 实际完成值")]


def test_corpus_02_every_result_rule(corpus_store):
    conf = config_mod.for_path(corpus_store)
    conf.lint.select = ["PT-E"]
    found = [(line, code) for _, line, _, code, _ in _e_findings(engine.lint([corpus_store / "155"], conf))]
    # E01: 产出 5+5+5+5+10+5+5+10 = 50, 效益 30, + 10 = 90 (the 满意度 row is cut off in the source);
    # E05: 87 / 59 = 1.47 and 758 / 570 = 1.33 are at least 1.3; the ≤ row scores 9.09 < 10;
    # 4604 < 4754 has its reason (特困人员实行动态管理)
    assert found == [(21, "PT-E01"), (37, "PT-E05"), (51, "PT-E02"), (70, "PT-E05"), (78, "PT-E05"), (84, "PT-E02")]


def test_corpus_14_total_row_of_zeros(corpus_store):
    conf = config_mod.for_path(corpus_store)
    conf.lint.select = ["PT-E06", "PT-E08"]
    path = corpus_store / "219" / "2022" / "委托业务项目.yaml"
    assert path.read_text(encoding="utf-8").split("\n")[12] == "  initial: '0'"
    # 年度资金总额 0 / 0 / 0; its one 其中 row, 本年财政拨款, 90 / 89.974 / 89.974
    assert _e_findings(engine.lint([path], conf)) == [
        ("委托业务项目.yaml", 13, 12, "PT-E08", "the 年度资金总额 row does not add up its 其中 rows: 年初预算数 0万元 "
                                              "against 90万元, 全年预算数 0万元 against 89.974万元, 全年执行数 0万元 "
                                              "against 89.974万元")]


def test_lint_tolerance_option_overrides_the_store(corpus_store, capsys):
    from perfctl.commands import lint as cmd

    # 5 - 4.84 = 0.16 is within 0.5; 10 - 9.09 = 0.91 is not
    assert cmd.run([corpus_store / "155"], fmt="json", select=["PT-E02"], tolerance="0.5") == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["line"], f["code"]) for f in findings] == [(84, "PT-E02")]
    assert cmd.run([corpus_store / "155"], fmt="json", select=["PT-E02"], tolerance="1") == 0
    with pytest.raises(UsageError, match="--tolerance: 'half' is not a number"):
        cmd.run([corpus_store / "155"], tolerance="half")


# --- what stays quiet, what it costs ----------------------------------------------------------

def test_the_bundled_store_has_no_results_and_no_e_findings():
    from perfctl.scoring import has_results

    assert [p.name for p in DATA.rglob("*.yaml") if has_results(model.load(p))] == []
    conf = config_mod.for_path(DATA)
    conf.lint.select = ["PT-E"]
    assert engine.lint([DATA], conf).findings == []


def test_a_project_is_scored_once_for_all_rules(tmp_path, monkeypatch):
    from perfctl import scoring

    calls: list[Any] = []
    real = scoring.score

    def counting(project: Any, s: Any) -> Any:
        calls.append(project.name)
        return real(project, s)

    monkeypatch.setattr(scoring, "score", counting)
    checker = Checker(config_mod.Config())
    rows = [_row("产出指标", "特困人员救助供养人数", "≥4754人", "5", actual="4604人", score="5")]
    checker.check_text(_project(rows=rows), tmp_path / "a.yaml")
    assert calls == ["基层干部能力提升培训项目"]
    checker.check_text(_project(), tmp_path / "b.yaml")  # no results: not scored
    assert calls == ["基层干部能力提升培训项目"]


def test_the_lint_cache_key_holds_the_score_settings():
    a, b = config_mod.Config(), config_mod.Config()
    b.score = {"tolerance": "0.5"}
    assert engine._settings(a) != engine._settings(b)


def test_linting_does_not_import_scoring_until_a_file_has_results():
    code = ("import sys, perfctl.lint.engine, perfctl.lint.checker; "
            "print('perfctl.scoring' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (r.returncode, r.stdout.strip()) == (0, "False")


def test_result_rules_are_marked():
    assert sorted(c for c, r in RULES.items() if getattr(r, "RESULTS", False)) == [
        "PT-E01", "PT-E02", "PT-E03", "PT-E04", "PT-E05", "PT-E06", "PT-E07", "PT-E08"]
    assert sorted(c for c, r in RULES.items() if c.startswith("PT-E") and getattr(r, "NEEDS_BUDGET", False)) == [
        "PT-E06", "PT-E08"]


def test_lint_tolerance_on_the_command_line(corpus_store):
    r = run_perfctl("lint", corpus_store, "--select", "PT-E02", "--tolerance", "0.5", "--format", "json")
    # |5 − 4.84| = 0.16 is within 0.5; |10 − 9.09| = 0.91 on line 84 is not
    assert r.returncode == 1, r.stderr
    assert [(f["line"], f["code"]) for f in json.loads(r.stdout)["findings"]] == [(84, "PT-E02")]
    bad = run_perfctl("lint", corpus_store, "--tolerance", "half")
    assert bad.returncode == 2 and "--tolerance" in bad.stderr
