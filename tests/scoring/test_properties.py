"""Properties of scoring that hold for any table: no row above its points or below 0, the total
the sum of its rows and within 100 when the points total 100, a ≥ row never scoring less for a
larger actual, and the profiles agreeing wherever their rules are the same."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from perfctl import scoring
from perfctl.model import Budget, Department, Indicator, Project

NATIONAL = scoring.settings()
PMKPI = scoring.settings("pmkpi")

amounts = st.integers(min_value=0, max_value=10**6).map(lambda n: Decimal(n) / 100)
ops = st.sampled_from(["≥", "≤", "=", ">", "<", ""])


def table(rows: list[tuple[str, Decimal, Decimal, Decimal]], adjusted: Decimal, spent: Decimal) -> Project:
    """Rows (operator, target, actual, points) in 人, the execution block in 万元."""
    return Project(Department("1", "某局"), 2025, "测试", "万元", Budget(total=adjusted, adjusted=adjusted, spent=spent),
                   indicators=[Indicator("产出指标", "数量指标", f"指标{i}", f"{op}{a}人", weight=w, actual=f"{b}人")
                               for i, (op, a, b, w) in enumerate(rows)])


rows = st.lists(st.tuples(ops, amounts, amounts, st.integers(min_value=1, max_value=3000).map(lambda n: Decimal(n) / 100)),
                min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(rows, amounts.filter(lambda a: a > 0), amounts)
def test_rows_stay_within_their_points_and_the_total_adds_them(rows, adjusted, spent) -> None:
    for s in (NATIONAL, PMKPI):
        result = scoring.score(table(rows, adjusted, spent), s)
        assert not result.errors
        for r in result.rows:
            assert Decimal(0) <= r.score <= r.weight
        if s is NATIONAL:
            assert result.execution.score <= result.execution.weight
            assert result.total == result.execution.score + sum(r.score for r in result.rows)
            assert result.total <= result.weight_total


@settings(max_examples=200, deadline=None)
@given(amounts.filter(lambda a: a > 0), amounts, amounts)
def test_a_larger_actual_never_scores_less_on_a_floor(target, actual, more) -> None:
    low = scoring.score(table([("≥", target, actual, Decimal(10))], Decimal(1), Decimal(1)), NATIONAL).rows[0].score
    high = scoring.score(table([("≥", target, actual + more, Decimal(10))], Decimal(1), Decimal(1)), NATIONAL).rows[0].score
    assert high >= low


@settings(max_examples=200, deadline=None)
@given(rows.map(lambda rs: [(op if op in ("≥", ">", "=", "") else "≥", a, b, w) for op, a, b, w in rs]))
def test_the_profiles_agree_on_floors(rows) -> None:
    # ≥ rows score alike under both profiles (they differ on ≤ rows, bands, the cap and grades)
    a = scoring.score(table(rows, Decimal(1), Decimal(1)), NATIONAL)
    b = scoring.score(table(rows, Decimal(1), Decimal(1)), PMKPI)
    assert [r.score for r in a.rows] == [r.score for r in b.rows]
