"""Property tests on generated projects (issue 7): fmt is idempotent and keeps meaning and
comments; a project written in the seed's text layout and imported comes back as itself.

The grammar's own properties (never raises, canonical round trip) are in ``tests/test_target.py``.
"""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

import seed_layout
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfctl import model, yamlio
from perfctl.authoring.fmt import format_text, lost_comments
from perfctl.commands import import_
from perfctl.model import Budget, Department, Indicator, Project
from perfctl.store import project_path, slug
from perfctl.target import parse

CJK = "培训项目管理服务经费系统建设维护会议活动保障宣传调研评估采购设备场地人员考核满意度效益社会经济法律咨询"
#: Text a cell of the seed layout can hold: no tab or line break, no "." or "、" (goal numbering), no spaces at the ends.
WORDS = st.text(alphabet=CJK + "0123456789，。%（）", min_size=1, max_size=40).filter(lambda s: s[0] not in "0123456789")
NAMES = st.text(alphabet=CJK + "ABCxyz（）-", min_size=1, max_size=30)
LEVELS = st.sampled_from([("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
                          ("产出指标", "成本指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")])
NUMS = st.from_regex(r"(0|[1-9][0-9]{0,5})(\.[0-9]{1,2})?", fullmatch=True)
TARGETS = st.one_of(
    st.builds("{}{}{}".format, st.sampled_from(["", "≥", "≤", "=", ">", "<"]), NUMS,
              st.sampled_from(["", "人", "人次", "万元", "元", "元/人", "%", "次", "小时", "个月", "天"])),
    st.builds("{}年{}月前".format, st.integers(2020, 2030), st.integers(1, 12)),
    st.builds(lambda a, b: f"{a}%-{a + b}%", st.integers(0, 90), st.integers(1, 10)),
    st.sampled_from(["有效提升", "优良", "明显改善", "待定"]),
)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    unit = draw(st.sampled_from(["元", "万元"]))
    places = 2 if unit == "元" else 6
    fiscal = Decimal(draw(st.integers(0, 10**8))).scaleb(-places)
    other = Decimal(draw(st.integers(0, 10**8))).scaleb(-places)
    rows = draw(st.lists(st.tuples(LEVELS, NAMES, WORDS, TARGETS), min_size=1, max_size=8))
    purpose = draw(st.none() | st.lists(WORDS, min_size=1, max_size=3).map("\n".join))
    return Project(
        department=Department(code=draw(st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)), name=draw(st.text(CJK, min_size=2, max_size=12))),
        year=2025, name=draw(NAMES), money_unit=unit, budget=Budget(total=fiscal + other, fiscal=fiscal, other=other),
        purpose=purpose, goals=draw(st.lists(WORDS, min_size=1, max_size=3)),
        indicators=[Indicator(level1=l1, level2=l2, name=name, description=desc, target=target)
                    for (l1, l2), name, desc, target in rows],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(projects(), min_size=1, max_size=3, unique_by=lambda p: slug(p.name)), st.integers(2000, 2099))
def test_a_project_in_the_seed_layout_imports_as_itself(generated: list[Project], year: int) -> None:
    for p in generated:
        p.year = year
    with tempfile.TemporaryDirectory() as tmp:
        source, store = Path(tmp) / "gen.txt", Path(tmp) / "store"
        source.write_text(seed_layout.document(generated), encoding="utf-8")
        assert import_.run([source], store, year=year) == 0
        for n, p in enumerate(generated, start=1):
            want = model.to_data(p)
            want["source"] = {"document": "gen.txt", "position": n, "number": n, "title": seed_layout.title(p)}
            assert model.to_data(model.load(project_path(store, p))) == want


_QUOTED_CODE = re.compile(r"^(  code: )'(\d+)'$", re.MULTILINE)
_QUOTED_AMOUNT = re.compile(r"^(  (?:total|fiscal|other): )'([\d.]+)'$", re.MULTILINE)
_TARGET = re.compile(r"^(    target: )(.*)$", re.MULTILINE)
_COMMENTABLE = re.compile(r"^((?:  )?(?:  )?(?:- )?(?:year|name|code|total|level1|target): .*)$", re.MULTILINE)
_FULL_WIDTH = str.maketrans("0123456789%=", "０１２３４５６７８９％＝")


def untidy(text: str, data: st.DataObject) -> str:
    """``text`` as a person might have written it: codes and money unquoted, targets with
    full-width digits or ``>=``, comments at the ends of lines."""
    if data.draw(st.booleans()):
        text = _QUOTED_CODE.sub(r"\1\2", text)
    if data.draw(st.booleans()):
        text = _QUOTED_AMOUNT.sub(r"\1\2", text)

    def target(m: re.Match[str]) -> str:
        value = m.group(2)
        style = data.draw(st.sampled_from(["as is", "full-width", ">=", "spaced"]))
        if style == "full-width":
            value = value.translate(_FULL_WIDTH)
        elif style == ">=" and value.startswith("≥"):
            value = "'>=" + value[1:] + "'"
        elif style == "spaced" and value[:1] in "≥≤":
            value = value[0] + " " + value[1:]
        return m.group(1) + value
    text = _TARGET.sub(target, text)
    return _COMMENTABLE.sub(lambda m: m.group(1) + ("  # 备注" if data.draw(st.booleans()) else ""), text)


def _meaning(text: str) -> tuple[object, ...]:
    p = model.load_text(text, "gen.yaml")
    targets = [(t.kind, t.op, t.value, t.high, t.unit) if t.kind != "unparsed" else t.text
               for t in (parse(i.target) for i in p.indicators)]
    rows = [(i.level1, i.level2, i.name, i.description) for i in p.indicators]
    return (p.department, p.year, p.name, p.money_unit, p.budget, p.purpose, p.goals, rows, targets)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects(), st.data())
def test_fmt_is_idempotent_and_keeps_meaning_and_comments(project: Project, data: st.DataObject) -> None:
    text = untidy(yamlio.dump(model.to_data(project)), data)
    once = format_text(text, "gen.yaml")
    assert format_text(once, "gen.yaml") == once
    assert lost_comments(text, once) == []
    assert _meaning(once) == _meaning(text)
