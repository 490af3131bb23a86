"""Comparing 指标值 by meaning: the cases in ``fixtures/diff/targets.yaml``, and properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfctl.diff.targets import compare
from perfctl.target import parse
from perfctl.yamlio import parse as parse_yaml

CASES = parse_yaml((Path(__file__).parent / "fixtures" / "diff" / "targets.yaml").read_text(encoding="utf-8")).data["cases"]
EXPECTED = {"same": None, "tightened": "target-tightened", "loosened": "target-loosened",
            "changed": "target-changed", "incomparable": "target-incomparable"}
OPPOSITE = {"target-tightened": "target-loosened", "target-loosened": "target-tightened"}


@pytest.mark.parametrize("old, new, expected", CASES, ids=[f"{o}→{n}" for o, n, _ in CASES])
def test_case(old, new, expected):
    assert compare(parse(old), parse(new)) == EXPECTED[expected]


@pytest.mark.parametrize("old, new, expected", CASES, ids=[f"{n}→{o}" for o, n, _ in CASES])
def test_the_way_back_is_the_opposite(old, new, expected):
    result = EXPECTED[expected]
    assert compare(parse(new), parse(old)) == OPPOSITE.get(result, result)  # type: ignore[arg-type]


numbers = st.integers(min_value=0, max_value=10**6)


@given(numbers, numbers, st.sampled_from(["≥", "≤"]))
def test_direction_follows_the_operator(a, b, op):
    result = compare(parse(f"{op}{a}人"), parse(f"{op}{b}人"))
    if a == b:
        assert result is None
    elif (b < a) == (op == "≥"):
        assert result == "target-loosened"
    else:
        assert result == "target-tightened"


@given(numbers)
def test_wan_yuan_and_yuan_are_one_unit(a):
    assert compare(parse(f"≤{a}万元"), parse(f"≤{a * 10000}元")) is None
