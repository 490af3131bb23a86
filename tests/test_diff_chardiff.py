"""Character-level diffs of Chinese text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfctl.diff.chardiff import new_text, old_text, render, render_html, segments

PURPOSE = "通过召开第四届京津冀自贸试验区联席活动，进一步提升京津冀自贸试验区知名度和影响力。"


def test_one_character_changed():
    segs = segments("第四届联席活动", "第五届联席活动")
    assert segs == [("=", "第"), ("-", "四"), ("+", "五"), ("=", "届联席活动")]
    assert render(segs) == "第[-四-]{+五+}届联席活动"
    assert render_html(segs) == "第<del>四</del><ins>五</ins>届联席活动"


def test_a_lone_kept_character_between_edits_is_folded_in():
    assert segments("提升知名度", "扩大知名度") == [("-", "提升"), ("+", "扩大"), ("=", "知名度")]
    assert segments("甲乙丙", "丁乙戊") == [("-", "甲乙丙"), ("+", "丁乙戊")]


def test_long_kept_text_is_elided_around_the_edit():
    segs = segments(PURPOSE, PURPOSE.replace("知名度", "美誉度"))
    assert render(segs) == "…一步提升京津冀自贸试验区[-知名-]{+美誉+}度和影响力。"
    assert render(segs, context=None) == PURPOSE.replace("知名度", "[-知名-]{+美誉+}度")


def test_colour_marks_without_brackets():
    assert render(segments("第四届", "第五届"), color=True) == "第\x1b[31m四\x1b[0m\x1b[32m五\x1b[0m届"


def test_html_is_escaped():
    assert render_html(segments("a<b", "a<c&")) == "a&lt;<del>b</del><ins>c&amp;</ins>"


@given(st.text(alphabet="京津冀自贸区，。ab 1", max_size=30), st.text(alphabet="京津冀自贸区，。ab 1", max_size=30))
def test_segments_rebuild_both_texts(old, new):
    segs = segments(old, new)
    assert (old_text(segs), new_text(segs)) == (old, new)
    assert all(text for _, text in segs)
    assert all(a[0] != b[0] for a, b in zip(segs, segs[1:]))  # neighbours differ in op
