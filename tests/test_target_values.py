"""The target-value grammar against every real 指标值 we have, with the reading a person gives it.

The table is tests/fixtures/target_values.yaml (its header says where the values come from and how
to add one). Each entry names the reading fields; an omitted field is expected to be None.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from perfctl import yamlio
from perfctl.authoring.canonical import target_text
from perfctl.lint.engine import lint
from perfctl.target import parse

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "target_values.yaml"
FIELDS = ("kind", "op", "value", "high", "unit", "base", "remark")
KNOWN = {"text", "source", "column", "why", "defect", *FIELDS}


def _load() -> list[dict]:
    with FIXTURE.open(encoding="utf-8") as f:
        return YAML(typ="safe", pure=True).load(f)


ENTRIES = _load()


def _id(entry: dict) -> str:
    return f"{entry['source'].split(', ')[0]}:{entry['text']}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[_id(e) for e in ENTRIES])
def test_reading(entry):
    t = parse(entry["text"])
    got = {
        "kind": t.kind,
        "op": t.op,
        "value": t.value,
        "high": t.high,
        "unit": t.unit,
        "base": t.base,
        "remark": t.remark,
    }
    want = {k: entry.get(k) for k in FIELDS}
    assert got == want, entry.get("why")


def test_fixture_is_complete_and_has_no_duplicates():
    assert len(ENTRIES) >= 150
    texts = [e["text"] for e in ENTRIES]
    assert len(texts) == len(set(texts)), sorted({t for t in texts if texts.count(t) > 1})
    for e in ENTRIES:
        assert set(e) <= KNOWN, (e["text"], set(e) - KNOWN)
        assert isinstance(e["text"], str) and e["text"] == e["text"].strip() and e["text"]
        assert all(isinstance(e[k], str) for k in e), e["text"]  # every scalar quoted, nothing read as a number
        assert e["kind"] in ("quantity", "duration", "deadline", "range", "relative", "qualitative", "unparsed")
        assert set(e["column"].split(", ")) <= {"target", "actual"}, e["text"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[_id(e) for e in ENTRIES])
def test_fmt_keeps_the_reading(entry):
    """fmt's rewrite of every real value reads back the same, and rewriting again changes nothing."""
    text = entry["text"]
    out = target_text(text)
    assert parse(out).reading == parse(text).reading, out
    assert target_text(out) == out
    if parse(text).kind in ("qualitative", "unparsed"):
        assert out == text


BASE = yamlio.parse((Path(__file__).parent / "lint" / "base.yaml").read_text(encoding="utf-8")).data


def _category(text: str) -> tuple[str, str]:
    t = parse(text)
    if t.kind == "deadline" or t.unit in ("date",) or t.kind == "duration":
        return "产出指标", "时效指标"
    if t.value_yuan is not None:
        return "成本指标", "经济成本指标"
    if t.unit == "%":
        return "产出指标", "质量指标"
    if t.kind == "qualitative":
        return "效益指标", "社会效益指标"
    return "产出指标", "数量指标"


def test_lint_reports_no_error_on_a_readable_real_value(tmp_path):
    """Every real value the grammar reads, set as the target of a row of a clean table of the year
    it names, draws no lint error on that row: standard phrasings are never errors (issue 14).
    A value marked ``defect`` draws exactly that rule's error instead."""
    readable = [e for e in ENTRIES if e["kind"] != "unparsed" and "target" in e["column"]]
    by_year: dict[int, list[dict]] = {}
    for e in readable:
        years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", e["text"])]
        by_year.setdefault(max(years) if years else 2025, []).append(e)
    (tmp_path / "perfctl.yaml").write_text("profile: national-2021\n", encoding="utf-8")
    rows_at: dict[tuple[str, int], str] = {}
    for year, entries in by_year.items():
        data = copy.deepcopy(BASE)
        data["year"] = year
        data["name"] = f"{data['name']}{year}"
        data["budget"] = {"total": "100000", "fiscal": "100000", "other": "0"}  # room for every cost row
        data["goals"] = [g.replace("2025", str(year)) for g in data["goals"]]
        for ind in data["indicators"]:
            ind["target"] = ind["target"].replace("2025", str(year))
        first = len(data["indicators"])
        for n, e in enumerate(entries):
            level1, level2 = _category(e["text"])
            data["indicators"].append({"level1": level1, "level2": level2, "name": f"实测指标{n + 1}号", "target": e["text"]})
            rows_at[(f"p{year}.yaml", first + n)] = e["text"]
        (tmp_path / f"p{year}.yaml").write_text(yamlio.dump(data), encoding="utf-8")
    report = lint([tmp_path])
    assert report.errors == []
    errors = sorted((rows_at[(Path(f.path).name, f.node[1])], f.code) for f in report.findings
                    if f.severity == "error" and f.node[:1] == ("indicators",) and (Path(f.path).name, f.node[1]) in rows_at)
    defects = sorted((e["text"], e["defect"]) for e in readable if "defect" in e)
    assert errors == defects, "\n".join(map(str, errors))
    assert len(rows_at) == len(readable) > 120


@pytest.mark.parametrize("target,unit,code,severity", [
    ("≥3万人次", "人次", "PT-V09", "warning"),   # the units convert: ask for one unit
    ("≤40万元", "元", "PT-V09", "warning"),
    ("28.8万元", "%", "PT-V09", "error"),        # money against a percent column reads neither way
    ("严格按照预算标准1000元/人给补助对象兑付补助", None, "PT-V03", "warning"),  # a sentence with a figure
    ("完成3个项目", None, "PT-V03", "error"),
])
def test_severity_says_how_sure_the_rule_is(tmp_path, target, unit, code, severity):
    data = copy.deepcopy(BASE)
    row = {"level1": "产出指标", "level2": "数量指标", "name": "实测指标", "target": target}
    if unit:
        row["unit"] = unit
    data["indicators"].append(row)
    (tmp_path / "perfctl.yaml").write_text("profile: national-2021\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(yamlio.dump(data), encoding="utf-8")
    at = len(BASE["indicators"])
    found = [(f.code, f.severity) for f in lint([tmp_path]).findings if f.node[:2] == ("indicators", at) and f.code == code]
    assert found == [(code, severity)]
