"""Proposed points (perfctl.scoring.weights): the split, the groups, the choices.

Every expected figure is worked out by hand in the comment beside it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfctl.model import Budget, Department, Indicator, Project
from perfctl.scoring.settings import settings
from perfctl.scoring.weights import UnknownLevel1, choice_note, describe, points_text, propose, split


def project(*rows: tuple[str, str | None], budget: bool = True, execution: str | None = None) -> Project:
    """A project whose rows are (一级指标, 分值 or None)."""
    inds = [Indicator(level1, "二级", f"row{i}", "≥1人", weight=None if w is None else D(w))
            for i, (level1, w) in enumerate(rows)]
    money = Budget(D("100.00") if budget else None, weight=None if execution is None else D(execution))
    return Project(Department("389101", "测试部门"), 2025, "测试项目", "元" if budget else None, money, indicators=inds)


def weights(p) -> list[str | None]:
    return [points_text(p.rows[i]) if i in p.rows else None for i in range(max(p.rows, default=-1) + 1)]


# ---------------------------------------------------------------- the split


@pytest.mark.parametrize(("points", "n", "expected"), [
    ("50", 3, ["16.67", "16.67", "16.66"]),          # 16.666… → 16.67; 50 − 2 × 16.67 = 16.66
    ("50", 6, ["8.33"] * 5 + ["8.35"]),               # 8.333… → 8.33; 50 − 5 × 8.33 = 8.35
    ("50", 7, ["7.14"] * 6 + ["7.16"]),               # 7.142… → 7.14; 50 − 6 × 7.14 = 7.16
    ("10", 3, ["3.33", "3.33", "3.34"]),              # 3.333… → 3.33; 10 − 6.66 = 3.34
    ("30", 4, ["7.5"] * 4),                           # exactly 7.50
    ("50", 8, ["6.25"] * 8),                          # exactly 6.25
    ("100", 6, ["16.67"] * 5 + ["16.65"]),            # 100 − 5 × 16.67 = 16.65
    ("0.05", 2, ["0.03", "0.02"]),                    # 0.025 → 0.03 half up; 0.05 − 0.03 = 0.02
    ("0.05", 10, ["0"] * 9 + ["0.05"]),               # 0.005 → 0.01 would leave 0.05 − 0.09 < 0: round down to 0.00
    ("30", 1, ["30"]),
])
def test_split_is_equal_at_two_decimals_half_up_and_the_last_row_takes_the_rest(points, n, expected):
    parts = split(D(points), n)
    assert [points_text(x) for x in parts] == expected
    assert sum(parts) == D(points)


def test_split_over_no_rows_is_empty():
    assert split(D(50), 0) == []


def test_points_text_drops_trailing_zeros_only_after_the_point():
    assert [points_text(D(x)) for x in ("30.00", "16.50", "100", "8.35", "0.00", "2E+1")] == [
        "30", "16.5", "100", "8.35", "0", "20"]


# ---------------------------------------------------------------- the groups


def test_defaults_50_30_10_and_execution_10():
    # 产出 3 rows: 16.67, 16.67, 16.66; 效益 2 rows: 15, 15; 满意度 1 row: 10
    p = propose(project(("产出指标", None), ("产出指标", None), ("产出指标", None), ("效益指标", None),
                        ("效益指标", None), ("满意度指标", None)), settings())
    assert weights(p) == ["16.67", "16.67", "16.66", "15", "15", "10"]
    assert p.execution == D(10)
    assert [(g.name, g.points, g.moved) for g in p.groups] == [
        ("产出指标", D(50), D(0)), ("效益指标", D(30), D(0)), ("满意度指标", D(10), D(0))]
    assert p.warnings == ()
    assert describe(p) == "产出指标 50, 效益指标 30, 满意度指标 10, execution 10"
    assert choice_note(p, settings()) is None


def test_rows_in_table_order_whatever_the_groups_order():
    # 满意度 first, 效益 between the two 产出 rows: 产出 25, 25; 效益 30; 满意度 10
    p = propose(project(("满意度指标", None), ("产出指标", None), ("效益指标", None), ("产出指标", None)), settings())
    assert weights(p) == ["10", "25", "30", "25"]


def test_level1_aliases_are_read_as_the_standard_names():
    # 项目完成指标 → 产出 (1 row: 50); 效果指标 and 项目效益指标 → 效益 (2 rows: 15, 15); 服务对象满意度 → 满意度 (10)
    p = propose(project(("项目完成指标", None), ("效果指标", None), ("项目效益指标", None), ("服务对象满意度", None)),
                settings())
    assert weights(p) == ["50", "15", "15", "10"]


def test_cost_as_a_first_level_group_shares_the_output_points():
    # 2021 framework: 产出 2 rows + 成本 2 rows share 50: 12.5 each
    p = propose(project(("产出指标", None), ("产出指标", None), ("成本指标", None), ("成本指标", None),
                        ("效益指标", None), ("满意度指标", None)), settings())
    assert weights(p) == ["12.5", "12.5", "12.5", "12.5", "30", "10"]
    assert p.groups[0].cost is True
    assert describe(p).startswith("产出指标 50 (with the 成本指标 rows), ")


def test_no_satisfaction_row_gives_its_points_to_benefit_by_default():
    # 产出 2 rows: 25, 25; 效益 1 row: 30 + 10 = 40
    p = propose(project(("产出指标", None), ("产出指标", None), ("效益指标", None)), settings())
    assert weights(p) == ["25", "25", "40"]
    assert [(g.name, g.points, g.moved) for g in p.groups] == [("产出指标", D(50), D(0)), ("效益指标", D(40), D(10))]
    assert describe(p) == "产出指标 50, 效益指标 40 (满意度指标 points moved: no satisfaction row), execution 10"
    note = choice_note(p, settings())
    assert note is not None and "a choice, not a national rule" in note and "no_satisfaction_to: benefit" in note


def test_no_satisfaction_row_to_output_when_chosen():
    # 产出 2 rows share 50 + 10 = 60: 30, 30; 效益 1 row: 30
    s = settings(no_satisfaction_to="output")
    p = propose(project(("产出指标", None), ("产出指标", None), ("效益指标", None)), s)
    assert weights(p) == ["30", "30", "30"]
    assert "proposed for 产出指标" in choice_note(p, s)


def test_pmkpi_has_the_same_first_level_defaults():
    rows = (("产出指标", None), ("产出指标", None), ("产出指标", None), ("效益指标", None), ("满意度指标", None))
    assert weights(propose(project(*rows), settings("pmkpi"))) == ["16.67", "16.67", "16.66", "30", "10"]


def test_a_group_without_rows_is_a_warning():
    # only 产出 and 满意度 rows: 效益's 30 points have no row
    p = propose(project(("产出指标", None), ("满意度指标", None)), settings())
    assert weights(p) == ["50", "10"]
    assert p.warnings == ("no 效益指标 row: its 30 points are not proposed, so the 分值 will not total 100",)


# ---------------------------------------------------------------- points already given


def test_every_row_weighted_proposes_nothing_not_even_the_execution_row():
    p = propose(project(("产出指标", "60"), ("效益指标", "30")), settings())
    assert (p.rows, p.execution, p.groups, p.warnings) == ({}, None, (), ())


def test_rows_without_points_share_what_is_left_of_their_group():
    # 产出: 20 given, 50 − 20 = 30 over 2 rows: 15, 15; 效益 untouched (30 given); 满意度 row: 10
    p = propose(project(("产出指标", "20"), ("产出指标", None), ("产出指标", None), ("效益指标", "30"),
                        ("满意度指标", None)), settings())
    assert p.rows == {1: D(15), 2: D(15), 4: D(10)}
    assert (p.groups[0].given, p.groups[0].proposed) == (D(20), D(30))
    assert describe(p) == "产出指标 50 (20 already given, 30 proposed), 满意度指标 10, execution 10"


def test_nothing_left_in_a_group_leaves_its_rows_empty_with_a_warning():
    # 产出: 55 already given > 50: the other 产出 row gets nothing (never a negative share)
    p = propose(project(("产出指标", "55"), ("产出指标", None), ("效益指标", None), ("满意度指标", None)), settings())
    assert p.rows == {2: D(30), 3: D(10)}
    assert p.warnings == ("产出指标: the rows that have 分值 already take 55 of its 50 points; "
                          "1 row left without 分值 (fill it in by hand)",)


def test_execution_points_only_when_the_table_has_a_budget_without_them():
    rows = (("产出指标", None), ("效益指标", None), ("满意度指标", None))
    assert propose(project(*rows), settings()).execution == D(10)
    assert propose(project(*rows, execution="20"), settings()).execution is None
    without = propose(project(*rows, budget=False), settings())  # a department table stating no money
    assert (without.execution, without.warnings) == (None, (
        "no budget (预算数): the execution row's 10 points are not proposed, so the 分值 will not total 100",))


# ---------------------------------------------------------------- refused


def test_an_unknown_first_level_group_without_points_is_refused():
    with pytest.raises(UnknownLevel1) as info:
        propose(project(("产出指标", None), ("过程指标", None)), settings())
    assert (info.value.level1, info.value.row) == ("过程指标", 1)
    assert "'过程指标' has no default points" in str(info.value)


def test_an_unknown_first_level_group_with_its_points_given_is_not_refused():
    # 过程指标 carries its own 10; the known groups get their defaults
    p = propose(project(("过程指标", "10"), ("产出指标", None), ("效益指标", None), ("满意度指标", None)), settings())
    assert p.rows == {1: D(50), 2: D(30), 3: D(10)}


def test_split_at_the_stores_rounding():
    # 50 over 3 rows with whole points (score.round: 0): 17 + 17 + 16 = 50
    assert split(D(50), 3, 0) == [D(17), D(17), D(16)]
