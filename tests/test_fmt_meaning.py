"""fmt never changes what a 指标值 means (issue 14): a target is rewritten only into a text that
reads back to the same kind, operator, number, unit and baseline, on generated values and on
every real value of tests/fixtures/target_values.yaml, through the real ``perfctl fmt``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import GOOD, run_perfctl, write
from perfctl import yamlio
from perfctl.authoring.canonical import target_text
from perfctl.target import parse
from test_target_values import ENTRIES

OPS = ["", "≥", "≤", "=", ">", "<", ">=", "<=", "＞＝", "＜＝", "⩾", "⩽", "≧", "﹥", "﹤", "≮", "≯",
       "不少于", "不低于", "不超过", "控制在", "达到", "至少", "大于", "低于"]
NUMS = st.from_regex(r"(0|[1-9][0-9]{0,5})(\.[0-9]{1,2})?", fullmatch=True)
UNITS = ["", "人", "人次", "万人次", "万元", "元", "元/人", "元/人*月", "%", "百分比", "‰", "个工作日", "小时",
         "个月", "天", "万亩", "公顷", "万立方米", "M", "万", "分", "项"]
SUFFIXES = ["", "以上", "及以上", "（含）以上", "(含)以上", "以内", "以下", "之内", "内"]
PER = ["", "", "每月", "每季度"]
REMARKS = ["", "（抽检）", "(年度)", "完成", "到位"]
LIMITS = ["", "前", "底前", "之前", "以前", "底", "内"]
PERIODS = ["", "{m}月", "{m}月{d}日", "第{q}季度", "上半年", "下半年", "度"]
CHANGES = ["提高", "增长", "下降", "降低", "有所提高"]
BASES = ["", "较上年", "比上年", "同比", "环比", "与上年相比", "平均", "较2025年"]
WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")


@st.composite
def quantities(draw: st.DrawFn) -> str:
    return (draw(st.sampled_from(PER)) + draw(st.sampled_from(OPS)) + draw(NUMS) + draw(st.sampled_from(UNITS))
            + draw(st.sampled_from(SUFFIXES)) + draw(st.sampled_from(REMARKS)))


@st.composite
def deadlines(draw: st.DrawFn) -> str:
    year = draw(st.sampled_from(["", "2025年", "2026年"]))
    period = draw(st.sampled_from(PERIODS if year else ["{m}月", "{m}月{d}日", "第{q}季度", "上半年", "下半年", "年底"]))
    text = year + period.format(m=draw(st.integers(1, 13)), d=draw(st.integers(1, 31)),
                                q=draw(st.sampled_from("一二三四1234")))
    return text + draw(st.sampled_from(LIMITS)) + draw(st.sampled_from(["", "", "拨付", "完成验收"])) + draw(st.sampled_from(REMARKS))


@st.composite
def relatives(draw: st.DrawFn) -> str:
    change = draw(st.sampled_from(CHANGES))
    amount = "" if change.startswith("有所") else draw(NUMS) + draw(st.sampled_from(["%", "个百分点", "分", "人"]))
    return draw(st.sampled_from(BASES)) + change + amount + draw(st.sampled_from(["", "以上"]))


@st.composite
def ranges(draw: st.DrawFn) -> str:
    a, b = sorted((draw(st.integers(0, 100)), draw(st.integers(0, 100))))
    unit = draw(st.sampled_from(["", "%", "个月", "月", "人"]))
    both = draw(st.booleans())
    return f"{a}{unit if both else ''}{draw(st.sampled_from(['-', '~', '至', '～']))}{b}{unit}"


VALUES = st.one_of(quantities(), deadlines(), relatives(), ranges())


@settings(max_examples=400, deadline=None)
@given(VALUES, st.sampled_from(["as is", "full-width", "spaces"]))
def test_fmt_keeps_the_reading_of_generated_values(value, variant):
    written = {"as is": value, "full-width": value.translate(WIDTH), "spaces": " ".join(value)}[variant]
    t = parse(written)
    assert parse(t.canonical).reading == t.reading, (written, t.canonical)  # the standard form itself is faithful
    out = target_text(written)
    assert parse(out).reading == t.reading, (written, out)
    assert target_text(out) == out
    if t.kind in ("qualitative", "unparsed"):
        assert out == written


def test_the_fmt_command_keeps_every_real_value_readable_the_same(tmp_path):
    """Every real value as the target of one file, through ``perfctl fmt``: each row reads the same after."""
    texts = [e["text"] for e in ENTRIES]
    rows = "".join(f"  - {{level1: 产出指标, level2: 数量指标, name: 指标{i}, target: '{t.replace(chr(39), chr(39) * 2)}'}}\n"
                   for i, t in enumerate(texts))
    head, _, _ = GOOD.partition("indicators:\n")
    store = write(tmp_path, {"p.yaml": head + "indicators:\n" + rows})
    r = run_perfctl("fmt", store / "p.yaml")
    assert r.returncode == 0, r.stderr
    after = yamlio.parse((store / "p.yaml").read_text(encoding="utf-8")).data["indicators"]
    assert [parse(row["target"]).reading for row in after] == [parse(t).reading for t in texts]
    changed = {t: row["target"] for t, row in zip(texts, after) if row["target"] != t}
    assert changed["达到95%以上"] == "≥95%" and changed["90%（含）以上"] == "≥90%" and changed["⩾90%"] == "≥90%"
    assert "较上年提高10%" not in changed and "2026年12月前完成" not in changed and "≥95%（抽检）" not in changed
