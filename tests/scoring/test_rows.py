"""Row scores by operator, zero targets, over-achievement, ranges, units and deadlines.

Every expected figure is worked out by hand in the comment beside it (A target, B actual,
w points); rows are rounded half up to 2 decimals (national-2020 unless said otherwise).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfctl import scoring
from tests.scoring.tables import project, row

D = Decimal
NATIONAL = scoring.settings()
PMKPI = scoring.settings("pmkpi")


def one(target: str, actual: str, weight: str = "10", s: scoring.Settings = NATIONAL, **kw: str) -> scoring.RowResult:
    result = scoring.score(project(row("产出指标", "指标", target, weight, actual, **kw)), s)
    return result.rows[0]


@pytest.mark.parametrize(("target", "actual", "method", "expected"), [
    ("≥50人", "40人", "ge", "8.00"),         # 40 ÷ 50 × 10 = 8
    ("≥50人", "50人", "ge", "10.00"),        # met exactly
    ("≥50人", "500人", "ge", "10.00"),       # over-achieved: never more than w
    (">5次", "4次", "ge", "8.00"),           # > as ≥: 4 ÷ 5 × 10
    (">5次", "5次", "ge", "10.00"),          # reaching a strict bound counts as met
    ("=100%", "96%", "eq", "9.60"),          # 96 ÷ 100 × 10
    ("95%", "90%", "eq", "9.47"),            # no operator as =: 90 ÷ 95 × 10 = 9.4736… → 9.47
    ("≤100元/人", "125元/人", "le", "8.00"),  # 100 ÷ 125 × 10
    ("≤100元/人", "20元/人", "le", "10.00"),  # under a ≤ bound: full points, no more
    ("<3天", "4天", "le", "7.50"),           # < as ≤: 3 ÷ 4 × 10
    ("≤48小时", "48小时", "le", "10.00"),
    ("≥8人", "1人", "ge", "1.25"),           # 1 ÷ 8 × 10 = 1.25
])
def test_operators(target: str, actual: str, method: str, expected: str) -> None:
    r = one(target, actual)
    assert (r.method, r.score, r.computed) == (method, D(expected), D(expected))


@pytest.mark.parametrize(("target", "actual", "expected"), [
    ("≥0起", "3起", "10.00"),   # A = 0 with ≥: always met
    ("=0起", "0起", "10.00"),   # = with A = 0: B ≤ 0 → w
    ("=0起", "1起", "0.00"),    # = with A = 0: B > 0 → 0
    ("≤0起", "0起", "10.00"),   # ≤ with A = 0: B = 0 → w
    ("≤0起", "2起", "0.00"),    # ≤ with A = 0: B > 0 → 0 (A ÷ B = 0)
])
def test_zero_targets(target: str, actual: str, expected: str) -> None:
    assert one(target, actual).score == D(expected)


def test_negative_actual_counts_as_zero() -> None:
    r = one("≥10个", "-5个")
    assert (r.actual_value, r.score) == (D(0), D("0.00"))


@pytest.mark.parametrize(("actual", "expected"), [
    ("85%", "10.00"),   # inside 80–90
    ("70%", "8.75"),    # below: as ≥ 80: 70 ÷ 80 × 10
    ("95%", "9.47"),    # above: as ≤ 90: 90 ÷ 95 × 10 = 9.4736… → 9.47
])
def test_range(actual: str, expected: str) -> None:
    r = one("80%-90%", actual)
    assert (r.method, r.score) == ("range", D(expected))


def test_money_units_are_converted_before_dividing() -> None:
    # ≤8万元 against 90000元: A = 8 (万元), B = 9 (万元): 8 ÷ 9 × 10 = 8.888… → 8.89
    r = one("≤8万元", "90000元")
    assert (r.target_value, r.actual_value, r.score) == (D(8), D(9), D("8.89"))
    assert one("≤8万元", "80000元").score == D("10.00")


def test_units_that_cannot_be_compared_stop_the_project() -> None:
    result = scoring.score(project(row("产出指标", "培训人数", "≥50人", "10", "50次")), NATIONAL)
    assert [(i.code, i.severity, i.node) for i in result.issues] == [
        ("units-incomparable", "error", ("indicators", 0, "actual"))]
    assert (result.total, result.grade) == (None, None)


def test_unit_column_is_read_with_a_bare_number() -> None:
    # target 50 with unit 人 → ≥? no operator: as =; 45 ÷ 50 × 10 = 9
    r = one("50", "45", unit="人")
    assert (r.method, r.score) == ("eq", D("9.00"))


def test_op_column_gives_the_operator() -> None:
    # 计算符号 ≤ with target 100: 100 ÷ 125 × 10 = 8
    assert one("100", "125", op="≤").score == D("8.00")


def test_pmkpi_le_line() -> None:
    # (1 − (125 − 100) ÷ 100) × 10 = 7.5; from B = 2A on: 0
    assert one("≤100元/人", "125元/人", s=PMKPI).score == D("7.50")
    assert one("≤100元/人", "200元/人", s=PMKPI).score == D("0.00")
    assert one("≤100元/人", "90元/人", s=PMKPI).score == D("10.00")


# ---------------------------------------------------------------- deadlines


def test_deadline_met() -> None:
    r = one("2025年12月前", "2025年11月", deviation=None)
    assert (r.method, r.score, r.needs_reason) == ("deadline", D(10), False)


def test_deadline_met_in_words() -> None:
    assert one("2025年12月31日前", "按期完成").score == D(10)


def test_deadline_missed_is_scored_by_the_evaluator() -> None:
    r = one("2025年12月前", "2026年1月", score="6", deviation="设备到货延迟")
    assert (r.method, r.score, r.computed, r.needs_reason) == ("deadline", D(6), None, True)
    result = scoring.score(project(row("产出指标", "完工时间", "2025年12月前", "10", "2026年1月")), NATIONAL)
    assert [i.code for i in result.errors] == ["qualitative-no-score"]


def test_deadline_missed_linear() -> None:
    # due 2025-12-31, done 2026-01-31 (a month: its last day): 31 days late of the 364 days
    # from 1 January to the deadline: 10 × (1 − 31 ÷ 364) = 9.1483… → 9.15
    s = scoring.settings(deadline_missed="linear")
    r = one("2025年12月前", "2026年1月", s=s, deviation="延期")
    assert r.score == D("9.15")
    declared = scoring.score(project(row("产出指标", "完工", "2025年12月前", "10", "2026年1月", score="10", deviation="延期")), s)
    assert [i.message for i in declared.findings] == [
        "得分 10 declared; 10 × (1 − 31 days late ÷ 364 days to the deadline) gives 9.15"]


# ---------------------------------------------------------------- qualitative bands


@pytest.mark.parametrize(("actual", "declared", "inside"), [
    ("达成年度指标", "10", True),
    ("达成年度指标", "8", True),        # 0.8w belongs to the top band
    ("达成年度指标", "7.99", False),
    ("部分达成年度指标并具有一定效果", "7.99", True),
    ("部分达成年度指标并具有一定效果", "8", False),   # 0.8w is not in the middle band
    ("部分达成年度指标并具有一定效果", "5", True),    # 0.5w belongs to the middle band
    ("部分达成年度指标并具有一定效果", "4.99", False),
    ("未达成年度指标且效果较差", "4.99", True),
    ("未达成年度指标且效果较差", "5", False),
    ("未达成年度指标且效果较差", "0", True),
])
def test_qualitative_bands_national(actual: str, declared: str, inside: bool) -> None:
    result = scoring.score(project(row("效益指标", "群众获得感", "有效提升", "10", actual, score=declared,
                                       level2="社会效益指标", deviation="说明")), NATIONAL)
    assert result.rows[0].score == D(declared)
    assert ("score-outside-band" not in [i.code for i in result.issues]) is inside


@pytest.mark.parametrize(("declared", "inside"), [("6", True), ("5.99", False), ("7.99", True)])
def test_qualitative_middle_band_pmkpi(declared: str, inside: bool) -> None:
    result = scoring.score(project(row("效益指标", "群众获得感", "有效提升", "10", "部分达成", score=declared,
                                       level2="社会效益指标", deviation="说明")), PMKPI)
    assert ("score-outside-band" not in [i.code for i in result.issues]) is inside


def test_qualitative_without_score() -> None:
    table = project(row("效益指标", "群众获得感", "有效提升", "10", "部分达成", level2="社会效益指标", deviation="说明"))
    assert [i.code for i in scoring.score(table, NATIONAL).errors] == ["qualitative-no-score"]
    # qual_default: lower scores 部分达成 at 0.5 × 10 = 5
    assert scoring.score(table, scoring.settings(qual_default="lower")).rows[0].score == D(5)


# ---------------------------------------------------------------- declared scores and reasons


def test_declared_score_checks() -> None:
    result = scoring.score(project(
        row("产出指标", "人数", "≥4754人", "5", "4604人", score="5", deviation="动态管理"),  # 4604 ÷ 4754 × 5 = 4.842… → 4.84
        row("产出指标", "标准", "≤5300元/户", "10", "5830元/户", score="10"),          # 5300 ÷ 5830 × 10 = 9.090… → 9.09
        row("产出指标", "次数", "≥10次", "5", "10次", score="6"),                      # met: 5; 6 > 5
    ), NATIONAL)
    assert [(i.code, i.node[1]) for i in result.issues] == [
        ("score-mismatch", 0), ("score-mismatch", 1), ("reason-missing", 1),
        ("score-above-weight", 2), ("score-mismatch", 2)]
    assert [r.score for r in result.rows] == [D("4.84"), D("9.09"), D("5.00")]
    assert "4604 ÷ 4754 × 5 gives 4.84" in result.issues[0].message


def test_tolerance_accepts_whole_point_rounding() -> None:
    table = project(row("产出指标", "人数", "≥4754人", "5", "4604人", score="5", deviation="动态管理"))
    assert [i.code for i in scoring.score(table, NATIONAL).issues] == ["score-mismatch"]
    assert scoring.score(table, scoring.settings(tolerance="0.5")).issues == []   # |5 − 4.84| = 0.16 ≤ 0.5


def test_over_achievement_needs_a_reason() -> None:
    r = one("≥59人次", "87人次")       # 87 ÷ 59 = 1.47 ≥ 1.3
    assert (r.score, r.needs_reason) == (D(10), True)
    assert one("≥59人次", "70人次").needs_reason is False   # 70 ÷ 59 = 1.19


def test_a_negative_bound_passed_scores_zero() -> None:
    # ≤-5天 (A = −5) against 0天: B > A, and no ratio of a negative bound means anything: 0
    assert one("≤-5天", "0天").score == D("0.00")


def test_units_of_time_are_converted_as_diff_converts_them() -> None:
    # ≤48小时 against 3天 = 72小时: 48 ÷ 72 × 10 = 6.666… → 6.67; 个月 against 天 is refused
    assert one("≤48小时", "3天").score == D("6.67")
    result = scoring.score(project(row("产出指标", "工期", "≤10个月", "10", "300天")), NATIONAL)
    assert [i.code for i in result.errors] == ["units-incomparable"]


@pytest.mark.parametrize(("target", "actual", "method", "expected"), [
    ("较上年提高10%", "较上年提高8%", "ge", "8.00"),   # a change scores as a quantity: 8 ÷ 10 × 10
    ("较上年提高10%", "提高12%", "ge", "10.00"),        # an actual without a named baseline means the target's
    ("较上年下降10%", "下降12%", "ge", "10.00"),        # a decrease by its size: 12 ≥ 10
    ("较上年下降10%", "下降5%", "ge", "5.00"),          # 5 ÷ 10 × 10
    ("不低于上年", "提高3%", "ge", "10.00"),            # ≥ 0: any increase meets it
    ("不低于上年", "下降2%", "ge", "0.00"),             # … and a decrease misses it
])
def test_relative_targets(target: str, actual: str, method: str, expected: str) -> None:
    r = one(target, actual)
    assert (r.method, r.score) == (method, D(expected))


def test_relative_target_against_a_plain_number_needs_a_declared_score() -> None:
    result = scoring.score(project(row("产出指标", "指标", "较上年提高10%", "10", "98%")), NATIONAL)
    assert [i.code for i in result.issues] == ["actual-unread"]


@pytest.mark.parametrize(("target", "actual", "expected"), [
    ("12月底前", "2025年11月20日", "10.00"),      # a month of the table's year (2025): met
    ("2025年第四季度前", "2025年12月31日", "10.00"),
    ("2025年上半年", "2025年6月30日", "10.00"),
])
def test_deadlines_of_periods_and_months_without_a_year(target: str, actual: str, expected: str) -> None:
    r = one(target, actual)
    assert (r.method, r.score) == ("deadline", D(expected))
