"""Whole projects: the execution row, totals, rounding, grades and the two profiles.

Expected figures are worked out by hand in the comments (P 全年预算数, X 全年执行数, W its points).
"""

from __future__ import annotations

from decimal import Decimal

from perfctl import scoring
from tests.scoring.tables import project, row

D = Decimal
NATIONAL = scoring.settings()
PMKPI = scoring.settings("pmkpi")

SAT = dict(level2="服务对象满意度指标")
BEN = dict(level2="社会效益指标")


def profiles_table():
    """One table whose rows and grade differ between the profiles (weights 10 + 20+10+10+10 + 30 + 10 = 100)."""
    return project(
        row("产出指标", "培训人数", "≥50人", "20", "40人", deviation="报名不足"),
        row("产出指标", "人均成本", "≤100元/人", "10", "125元/人", deviation="物价上涨"),
        row("产出指标", "完成率", "100%", "10", "100%"),
        row("产出指标", "总成本", "≤8万元", "10", "90000元", deviation="追加设备"),
        row("效益指标", "服务水平", "有效提升", "30", "达成年度指标", score="24", deviation="覆盖面待扩大", **BEN),
        row("满意度指标", "群众满意度", "≥90%", "10", "95%", **SAT),
        adjusted="100", spent="95", weight="10", deviation="结余",
    )


def test_national_2020_profile() -> None:
    result = scoring.score(profiles_table(), NATIONAL)
    # execution 95 ÷ 100 × 10 = 9.50; rows: 40 ÷ 50 × 20 = 16.00; 100 ÷ 125 × 10 = 8.00; 10.00;
    # 8 ÷ 9 × 10 = 8.888… → 8.89; declared 24 (达成: 24 ≤ s ≤ 30); 10.00
    assert result.execution.score == D("9.50")
    assert [r.score for r in result.rows] == [D("16.00"), D("8.00"), D("10.00"), D("8.89"), D(24), D("10.00")]
    # 9.50 + 16.00 + 8.00 + 10.00 + 8.89 + 24 + 10.00 = 86.39: 80 ≤ 86.39 < 90 → 良
    assert (result.total, result.grade) == (D("86.39"), "良")
    assert result.issues == []


def test_pmkpi_profile_scores_the_same_table_differently() -> None:
    result = scoring.score(profiles_table(), PMKPI)
    # ≤ rows on the line: (1 − 25 ÷ 100) × 10 = 7.50 and (1 − 1 ÷ 8) × 10 = 8.75; execution 9.5 unrounded
    assert [r.score for r in result.rows] == [D("16.00"), D("7.50"), D("10.00"), D("8.75"), D(24), D("10.00")]
    assert result.execution.score == D("9.5")
    # 9.5 + 16.00 + 7.50 + 10.00 + 8.75 + 24 + 10.00 = 85.75: pmkpi grades 优 from 80
    assert (result.total, result.grade) == (D("85.75"), "优")


def test_total_is_decided_by_half_up_rounding() -> None:
    table = project(
        row("产出指标", "参训人数", "≥8人", "5", "1人", deviation="疫情"),   # 1 ÷ 8 × 5 = 0.625 → 0.63 (half even: 0.62)
        row("产出指标", "覆盖面", "有效扩大", "45", "部分达成", score="29.37", deviation="试点推迟"),  # 29.37 in [22.5, 36)
        row("效益指标", "受益人数", "≥100人", "30", "100人", **BEN),      # 30.00
        row("满意度指标", "满意度", "≥90%", "10", "90%", **SAT),           # 10.00
    )
    result = scoring.score(table, NATIONAL)
    assert result.rows[0].score == D("0.63")
    # 10.00 (execution 100 ÷ 100) + 0.63 + 29.37 + 30.00 + 10.00 = 80.00 → 良; rounding half even
    # would give 0.62 and 79.99 → 中
    assert (result.total, result.grade) == (D("80.00"), "良")


def test_grade_bands_are_half_open() -> None:
    assert [NATIONAL.grade(D(t)) for t in ("100", "90", "89.99", "80", "79.99", "60", "59.99", "0")] == [
        "优", "优", "良", "良", "中", "中", "差", "差"]
    assert [PMKPI.grade(D(t)) for t in ("80", "79.99", "70", "60", "59.99")] == ["优", "良", "良", "中", "差"]


def test_execution_is_capped_in_national_2020_only() -> None:
    table = project(row("产出指标", "人数", "≥1人", "90", "1人"), adjusted="100", spent="110")
    # 110 ÷ 100 × 10 = 11 → capped at 10 (national-2020); pmkpi keeps 11
    assert scoring.score(table, NATIONAL).execution.score == D("10.00")
    assert scoring.score(table, PMKPI).execution.score == D(11)
    assert scoring.score(table, NATIONAL).execution.rate == D("1.1")


def test_adjusted_budget_of_zero_cannot_be_scored() -> None:
    result = scoring.score(project(row("产出指标", "人数", "≥1人", "90", "1人"), adjusted="0", spent="0"), NATIONAL)
    assert [(i.code, i.severity, i.node) for i in result.issues] == [("budget-zero", "error", ("budget", "adjusted"))]
    assert result.total is None


def test_execution_falls_back_to_the_budget_total_and_needs_spent() -> None:
    # no 全年预算数: 预算数 100 is P; 86.2 ÷ 100 × 10 = 8.62, rate below 90 % needs a reason
    result = scoring.score(project(row("产出指标", "人数", "≥1人", "90", "1人"), adjusted=None, spent="86.2"), NATIONAL)
    ex = result.execution
    assert (ex.budget_key, ex.score, ex.needs_reason) == ("total", D("8.62"), True)
    assert [(i.code, i.node) for i in result.issues] == [("reason-missing", ("budget", "deviation"))]
    no_spent = scoring.score(project(row("产出指标", "人数", "≥1人", "90", "1人"), spent=None), NATIONAL)
    assert [i.code for i in no_spent.errors] == ["no-spent"]


def test_a_table_without_a_satisfaction_row_is_scored_on_its_declared_points() -> None:
    table = project(
        row("产出指标", "人数", "≥100人", "60", "90人", deviation="退出"),  # 90 ÷ 100 × 60 = 54.00
        row("效益指标", "收入", "≥10%", "30", "12%", **BEN),               # met: 30.00
    )
    result = scoring.score(table, NATIONAL)
    # 10.00 + 54.00 + 30.00 = 94.00 → 优; no points are moved by scoring
    assert (result.total, result.grade) == (D("94.00"), "优")


def test_rounding_to_whole_points() -> None:
    table = project(row("产出指标", "人数", "≥4754人", "90", "4604人", deviation="动态管理"),
                    adjusted="43.2", spent="37.24", deviation="结余")
    result = scoring.score(table, scoring.settings(round=0))
    # execution 37.24 ÷ 43.2 × 10 = 8.620… → 9; row 4604 ÷ 4754 × 90 = 87.160… → 87; total 96
    assert (result.execution.score, result.rows[0].score, result.total) == (D(9), D(87), D(96))


def test_has_results() -> None:
    assert scoring.has_results(project(row("产出指标", "人数", "≥1人", "90", "1人")))
    assert not scoring.has_results(project(row("产出指标", "人数", "≥1人", "90"), spent=None))


def test_a_table_without_any_points_is_one_error() -> None:
    table = project("  - {level1: 产出指标, level2: 数量指标, name: 人数, target: ≥1人, actual: 1人, score: '5'}\n"
                    "  - {level1: 产出指标, level2: 质量指标, name: 合格率, target: 100%, actual: 100%, score: '4'}\n")
    result = scoring.score(table, NATIONAL)
    assert [(i.code, i.node) for i in result.issues] == [("no-weight", ("indicators",))]
    assert [r.declared for r in result.rows] == [D(5), D(4)]


def test_a_met_row_scores_its_points_whatever_the_rounding() -> None:
    table = project(row("产出指标", "人数", "≥50人", "8.35", "50人"), row("产出指标", "次数", "≥10次", "8.33", "9次", deviation="延误"))
    result = scoring.score(table, scoring.settings(round=1))
    # met: 8.35 exactly, not 8.4; missed: 9 ÷ 10 × 8.33 = 7.497 → 7.5
    assert [r.score for r in result.rows] == [D("8.35"), D("7.5")]
    # the total is the sum of the rows as scored: 10.0 (execution 100 ÷ 100, met) + 8.35 + 7.5 = 25.85
    assert result.total == D("25.85")
    assert scoring.score(table, scoring.settings(round=0)).rows[0].score == D("8.35")


def test_store_settings_hold_unless_an_option_is_given() -> None:
    from perfctl.config import Config
    from perfctl.scoring.settings import from_config

    cfg = Config(score={"tolerance": "0.5", "round": "1"})
    assert (from_config(cfg).tolerance, from_config(cfg).round) == (D("0.5"), 1)
    assert from_config(cfg, tolerance=None).tolerance == D("0.5")
    assert from_config(cfg, tolerance="0.2").tolerance == D("0.2")
    assert from_config(cfg, "pmkpi").profile == "pmkpi"


def test_setting_values_are_plain_numbers() -> None:
    import pytest

    for bad in ({"tolerance": "1e2"}, {"tolerance": "-1"}, {"reason_rate": "900"}, {"round": "3"}):
        with pytest.raises(ValueError):
            scoring.settings(**bad)


def test_scores_as_people_read_them() -> None:
    from perfctl.scoring.rows import score_text

    # padded to the rounding when that only adds zeros; else as it is, to at most 4 decimals
    assert [score_text(D(v), 2) for v in ("5", "9.1", "8.35")] == ["5.00", "9.10", "8.35"]
    assert [score_text(D(v), 1) for v in ("8.35", "7.5")] == ["8.35", "7.5"]
    assert score_text(D(25000) / D(30000) * 10, 2) == "8.3333"  # pmkpi's unrounded execution score
