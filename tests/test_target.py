"""The target-value grammar, on the seed's values and the variants real tables use."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfctl.target import KINDS, parse

# text, kind, op, value, high, unit, value_yuan
CASES = [
    ("≥50人", "quantity", "≥", "50", None, "人", None),
    ("≤8万元", "quantity", "≤", "8", None, "万元", Decimal(80000)),
    ("≤12万元", "quantity", "≤", "12", None, "万元", Decimal(120000)),
    ("≤80000元", "quantity", "≤", "80000", None, "元", Decimal(80000)),
    ("≤800元/人", "quantity", "≤", "800", None, "元/人", Decimal(800)),
    ("1人", "quantity", None, "1", None, "人", None),
    ("100%", "quantity", None, "100", None, "%", None),
    ("≥90%", "quantity", "≥", "90", None, "%", None),
    ("≥15次", "quantity", "≥", "15", None, "次", None),
    ("2025年12月前", "deadline", "≤", "2025-12", None, None, None),
    ("2025年6月底前", "deadline", "≤", "2025-06", None, None, None),
    ("2025年12月31日前", "deadline", "≤", "2025-12-31", None, None, None),
    ("2025年底前", "deadline", "≤", "2025", None, None, None),
    ("≤48小时", "duration", "≤", "48", None, "小时", None),
    ("≤9个月", "duration", "≤", "9", None, "个月", None),
    ("=300天", "duration", "=", "300", None, "天", None),
    ("80%-90%", "range", None, "80", "90", "%", None),
    ("2023.07-2024.01", "range", None, "2023-07", "2024-01", "date", None),
    ("2021年1月-12月", "range", None, "2021-01", "2021-12", "date", None),
    ("有效提升", "qualitative", "定性", None, None, None, None),
    ("优良", "qualitative", "定性", None, None, None, None),
    ("审核并出具法律意见书，确保自贸办出台政策不违反法律规定", "qualitative", "定性", None, None, None, None),
]


@pytest.mark.parametrize("text,kind,op,value,high,unit,yuan", CASES)
def test_parse(text, kind, op, value, high, unit, yuan):
    t = parse(text)
    assert (t.text, t.kind, t.op, t.value, t.high, t.unit, t.value_yuan) == (text, kind, op, value, high, unit, yuan)
    assert t.reason is None


# variant → canonical form
VARIANTS = [
    ("＞＝９０％", "≥90%"), (">=90%", "≥90%"), ("≧90%", "≥90%"), ("＝100%", "=100%"), ("<=8万元", "≤8万元"),
    ("不低于90%", "≥90%"), ("不超过8万元", "≤8万元"), ("不高于5%", "≤5%"), ("50人以上", "≥50人"),
    ("48小时以内", "≤48小时"), ("90百分比", "90%"), ("=100百分比", "=100%"), ("≥ 50 人", "≥50人"),
    ("≥50\u3000人", "≥50人"), ("≥5\u200b0人", "≥50人"), ("\u00a0≥50人", "≥50人"), ("控制在8万元以内", "≤8万元"),
    ("3,309,840.00元", "3309840.00元"),
]


@pytest.mark.parametrize("text,canonical", VARIANTS)
def test_variants_normalise(text, canonical):
    t = parse(text)
    assert t.canonical == canonical
    assert t.notes, "a normalisation must be recorded"


def test_money_converts_exactly():
    assert parse("≤8万元").value_yuan == parse("≤80000元").value_yuan == Decimal("80000")
    assert parse("≤1.5亿元").value_yuan == Decimal("150000000.0")
    assert parse("≤0.000001万元").value_yuan == Decimal("0.01")


@pytest.mark.parametrize("text,reason", [
    ("", "empty value"),
    ("   ", "empty value"),
    ("%=99百分比", "operator not before the number"),
    ("≥≥50人", "more than one operator"),
    ("≥1e9万元", "number in exponent form; write the digits"),
    ("NaN", "not a number, a date or words"),
    ("≥**人", "template placeholder left in the value"),
    ("**月**日前", "template placeholder left in the value"),
    ("2025年2月30日前", "no such date"),
    ("2025年13月前", "no such date"),
    ("≤50人以上", "operator words disagree"),
    ("详见2025年实施方案", "not an operator-number-unit, a date, a duration, a range or words"),
])
def test_unparsed_is_kept_with_reason(text, reason):
    t = parse(text)
    assert (t.kind, t.text, t.reason) == ("unparsed", text, reason)


def test_negative_value_parses():
    t = parse("≥-5人")
    assert (t.kind, t.op, t.value) == ("quantity", "≥", "-5")


@given(st.text())
def test_never_raises_on_any_string(text):
    t = parse(text)
    assert t.kind in KINDS
    assert t.text == text or not text.strip()


OPS = st.sampled_from(["", "≥", "≤", "=", ">", "<"])
NUMS = st.from_regex(r"(0|[1-9][0-9]{0,6})(\.[0-9]{1,2})?", fullmatch=True)
UNITS = st.sampled_from(["", "人", "人次", "万元", "元", "元/人", "%", "次", "篇", "小时", "个月", "天"])


@given(OPS, NUMS, UNITS)
def test_canonical_round_trip(op, num, unit):
    text = f"{op}{num}{unit}"
    t = parse(text)
    assert t.kind in ("quantity", "duration")
    assert t.canonical == text
    assert parse(t.canonical) == t


# Characters the grammar looks at, so that generated strings reach its every branch
# (st.text() alone rarely forms an operator, a number and a unit in a row).
GRAMMAR_ALPHABET = ("0123456789.,-~/≥≤=><＞＝＜％%０５９．，年月日前底末以上内下不低于超过控制在万元亿人次小时天个"
                    "百分比*xX eE\u3000\u200b\u00a0\t")


@given(st.text(alphabet=GRAMMAR_ALPHABET, max_size=16))
def test_never_raises_on_grammar_like_strings(text):
    t = parse(text)
    assert t.kind in KINDS and t.text == text
    assert (t.reason is not None) == (t.kind == "unparsed")


@given(st.text(alphabet=GRAMMAR_ALPHABET, max_size=16))
def test_canonical_form_is_a_fixed_point(text):
    t = parse(text)
    again = parse(t.canonical)
    assert again.canonical == t.canonical
    if t.kind != "unparsed":
        assert (again.kind, again.op, again.value, again.high, again.unit) == (t.kind, t.op, t.value, t.high, t.unit)


FULL_WIDTH = str.maketrans("0123456789.%=><", "０１２３４５６７８９．％＝＞＜")


@given(OPS, NUMS, UNITS, st.sampled_from(["full-width", "ascii operator", "spaces", "zero-width", "word"]))
def test_written_variants_parse_to_the_canonical_text(op, num, unit, variant):
    canonical = f"{op}{num}{unit}"
    written = {
        "full-width": canonical.translate(FULL_WIDTH).replace("≥", "＞＝").replace("≤", "＜＝"),
        "ascii operator": canonical.replace("≥", ">=").replace("≤", "<="),
        "spaces": " ".join(canonical),
        "zero-width": "\u200b".join(canonical),
        "word": canonical.replace("≥", "不低于", 1) if op == "≥" else canonical,
    }[variant]
    t, want = parse(written), parse(canonical)
    assert t.canonical == canonical
    assert (t.kind, t.op, t.value, t.unit, t.value_yuan) == (want.kind, want.op, want.value, want.unit, want.value_yuan)
