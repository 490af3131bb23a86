"""perfctl export: the documented JSON and CSV shapes, exact figures from the bundled store."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT, write
from perfctl import export as export_mod
from perfctl import store
from perfctl.cli import app
from perfctl.export import CSV_COLUMNS, neutralise

FIXTURES = ROOT / "tests" / "fixtures" / "export"
FORMULAS = FIXTURES / "formulas.yaml"
PROJECT_KEYS = ["path", "department", "year", "name", "money_unit", "budget", "purpose", "goals",
                "indicators", "source"]
TARGET_KEYS = ["text", "kind", "op", "value", "high", "unit", "value_yuan", "reason", "base", "remark"]

needs_data = pytest.mark.skipif(not (DATA / "389101" / "2025").is_dir(),
                                reason="bundled store data/389101/2025 not imported yet")


def export(*args: str | Path) -> tuple[int, str, str]:
    """Run ``perfctl export ARGS`` in-process; returns (exit code, stdout, stderr)."""
    result = CliRunner().invoke(app, ["export", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def indicator(projects: list[dict], text: str) -> dict:
    return next(i for p in projects for i in p["indicators"] if i["target"]["text"] == text)


@needs_data
def test_json_bundled_store_exact_figures(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = export("data", "--format", "json")
    assert (code, err) == (0, "")
    projects = json.loads(out)
    assert [p["budget"]["total"] for p in projects] == ["200000.00", "30000.00", "30000.00", "230000.00"]
    assert [len(p["indicators"]) for p in projects] == [8, 8, 7, 6]
    assert [p["source"]["position"] for p in projects] == [1, 2, 3, 4]
    for p in projects:
        assert list(p) == PROJECT_KEYS
        assert p["money_unit"] == "元"
        assert p["department"] == {"code": "389101", "name": "中国（天津）自由贸易试验区管理委员会办公室"}
        assert p["year"] == 2025
        assert p["budget"]["fiscal"] == p["budget"]["total"]
        assert Decimal(p["budget"]["other"]) == 0
        assert p["path"].startswith("data/389101/2025/") and p["path"].endswith(".yaml")
        for ind in p["indicators"]:
            assert list(ind) == ["level1", "level2", "name", "description", "target"]
            assert list(ind["target"]) == TARGET_KEYS
    assert projects[0]["name"] == "第四届京津冀自贸试验区联席活动项目"
    assert indicator(projects, "≤8万元")["target"] == {
        "text": "≤8万元", "kind": "quantity", "op": "≤", "value": "8", "high": None, "unit": "万元",
        "value_yuan": "80000", "reason": None, "base": None, "remark": None}
    assert indicator(projects, "2025年12月前")["target"]["kind"] == "deadline"
    assert indicator(projects, "2025年12月前")["target"]["value"] == "2025-12"
    assert indicator(projects, "有效提升")["target"]["kind"] == "qualitative"
    assert indicator(projects, "有效提升")["target"]["value_yuan"] is None


@needs_data
def test_json_is_unescaped_utf8_indented_2():
    code, out, _ = export(DATA)  # json is the default
    assert code == 0
    assert out.startswith('[\n  {\n    "path": ')
    assert "自贸区法律服务经费" in out and "\\u" not in out


@needs_data
def test_csv_bundled_store_one_row_per_indicator():
    code, out, _ = export(DATA, "--format", "csv")
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    # Stable: the columns of format 1 first, in this order; new fields only after them.
    assert CSV_COLUMNS[:21] == (
        "path", "department.code", "department.name", "year", "name", "money_unit",
        "budget.total", "budget.fiscal", "budget.other",
        "level1", "level2", "indicator", "description",
        "target.text", "target.kind", "target.op", "target.value", "target.high", "target.unit", "target.value_yuan",
        "target.reason")
    assert CSV_COLUMNS[21:] == (
        "kind", "implementing_unit", "period", "budget.initial", "budget.adjusted", "budget.spent", "budget.weight",
        "op", "unit", "basis", "weight", "actual", "score", "deviation",
        # issue 13: the execution row's 偏差原因 and the money block's 其中 rows, after every column before it
        "budget.deviation", *(f"budget.parts.{p}.{c}" for p in ("fiscal", "carryover", "other")
                              for c in ("initial", "adjusted", "spent")),
        # issue 14: 项目编码, and a target's baseline and remark, after every column before them
        "code", "target.base", "target.remark")
    rows = list(reader)
    assert len(rows) == 8 + 8 + 7 + 6
    assert rows[0]["budget.total"] == "200000.00" and rows[-1]["budget.total"] == "230000.00"
    cost = next(r for r in rows if r["target.text"] == "≤8万元")
    assert (cost["indicator"], cost["target.op"], cost["target.value_yuan"]) == ("会议活动保障费用", "≤", "80000")
    assert not out.startswith("\ufeff") and "\r" not in out


def test_json_fixture_keeps_money_exact_in_its_unit():
    code, out, _ = export(FORMULAS, "-f", "json")
    assert code == 0
    [p] = json.loads(out)
    assert p["money_unit"] == "万元"
    assert p["budget"] == {"total": "1234567.800000", "fiscal": "1234567.800000", "other": "-0.000000"}
    assert p["department"]["code"] == "089101"
    assert p["source"] is None
    assert indicator([p], "≤8.5万元")["target"]["value_yuan"] == "85000"
    assert indicator([p], "≤8.5万元")["description"] is None
    assert p["name"] == '=HYPERLINK("http://example.com","点击")'  # JSON is never neutralised


def test_csv_neutralises_formula_looking_cells():
    code, out, _ = export(FORMULAS, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    first, minus5, percent = rows[0], rows[1], rows[2]
    assert first["name"] == "'=HYPERLINK(\"http://example.com\",\"点击\")"
    assert first["indicator"] == "'+cmd|' /C calc'!A0"
    assert first["description"] == "'@SUM(A1:A9)"
    assert first["target.text"] == "'=100%"
    assert first["target.op"] == "'="
    assert minus5["description"] == "'  =1+1 前导空格的公式"
    # plain decimal numbers are numbers, not formulas: left alone
    assert (minus5["target.text"], minus5["target.value"]) == ("-5", "-5")
    assert first["budget.other"] == "-0.000000"
    assert (percent["target.text"], percent["target.value"]) == ("'-5%", "-5")


@pytest.mark.parametrize(("cell", "expected"), [
    ("=100%", "'=100%"), ("+1", "+1"), ("-5", "-5"), ("-0.5", "-0.5"), ("-5%", "'-5%"), ("@x", "'@x"),
    (" =1", "' =1"), ("\t-1+2", "'\t-1+2"), ("1-2", "1-2"), ("≥50人", "≥50人"), ("", ""), ("-", "'-"),
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_output_file_written_atomically(tmp_path):
    out = tmp_path / "sub" / "targets.csv"
    out.parent.mkdir()  # an output's folder is never made for it (tests/test_output_safety.py)
    code, stdout, err = export(FORMULAS, "--format", "csv", "--output", out)
    assert (code, stdout) == (0, "")
    assert "wrote" in err
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "\ufeff" + ",".join(CSV_COLUMNS)  # a file for Excel: UTF-8 with its mark
    assert len(text.splitlines()) == 6
    assert [p.name for p in out.parent.iterdir()] == ["targets.csv"]  # no temporary file left


def test_load_error_writes_nothing(tmp_path):
    write(tmp_path, {"store/good.yaml": FORMULAS.read_text(encoding="utf-8"),
                     "store/bad.yaml": "department: [unclosed\n"})
    out = tmp_path / "out.json"
    code, stdout, err = export(tmp_path / "store", "--output", out)
    assert code == 2
    assert stdout == ""
    assert "bad.yaml:" in err and "1 file failed to load" in err
    assert not out.exists()
    code, stdout, _ = export(tmp_path / "store", "-f", "csv")
    assert (code, stdout) == (2, "")


def test_missing_path_is_an_input_error(tmp_path):
    code, stdout, err = export(tmp_path / "nope.yaml")
    assert (code, stdout) == (2, "")
    assert "no such file or folder" in err


def test_empty_folder_exports_empty_list(tmp_path):
    code, out, _ = export(tmp_path)
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = export(tmp_path, "-f", "csv")
    assert (code, out) == (0, ",".join(CSV_COLUMNS) + "\n")


#: A table with a 计量单位 column: a bare number (``'50'`` in ``人``) and a target that names its unit.
UNIT_COLUMN = """format: 1
department:
  code: '389101'
  name: 测试部门
year: 2025
name: 计量单位列
money_unit: 元
budget:
  total: '50000.00'
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 培训人数
    target: '50'
    unit: 人
  - level1: 满意度指标
    level2: 服务对象满意度指标
    name: 满意度
    target: ≥95%
    op: ≥
    unit: '%'
"""


def test_target_text_is_the_files_own_with_a_unit_column(tmp_path):
    # target.text is the 指标值 as the file writes it ('50'); the parsed keys read it in the row's 计量单位
    write(tmp_path, {"p.yaml": UNIT_COLUMN})
    code, out, _ = export(tmp_path / "p.yaml", "-f", "json")
    assert code == 0
    [p] = json.loads(out)
    bare, percent = (i["target"] for i in p["indicators"])
    assert (bare["text"], bare["kind"], bare["op"], bare["value"], bare["unit"]) == ("50", "quantity", None, "50", "人")
    assert (percent["text"], percent["op"], percent["value"], percent["unit"]) == ("≥95%", "≥", "95", "%")
    assert [i["unit"] for i in p["indicators"]] == ["人", "%"]
    code, out, _ = export(tmp_path / "p.yaml", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["target.text"], r["target.value"], r["target.unit"], r["unit"]) for r in rows] == [
        ("50", "50", "人", "人"), ("≥95%", "95", "%", "%")]


def test_value_yuan_is_normalised_and_unparsed_has_a_reason():
    from perfctl.export import _indicator
    from perfctl.model import Indicator

    for target, yuan in [("≤8.0万元", "80000"), ("≤0.001万元", "10"), ("≤1.5亿元", "150000000"), ("≤800元/人", "800")]:
        assert _indicator(Indicator("产出指标", "成本指标", "x", target))["target"]["value_yuan"] == yuan
    assert _indicator(Indicator("产出指标", "数量指标", "x", "≥**人"))["target"]["reason"] == "template placeholder left in the value"


@pytest.mark.parametrize("count", [0, 1, 4])
def test_json_in_parts_is_the_list_dumped_whole(count):
    projects = store.document_order(store.load_all([DATA])[0])[:count]
    assert len(projects) == count
    whole = json.dumps([export_mod.record(p) for p in projects], ensure_ascii=False, indent=2) + "\n"
    assert export_mod.to_json(projects) == whole
    assert len(list(export_mod.json_parts(projects))) == count + 1  # one part a project, then the end


def test_csv_in_parts_is_one_part_a_project():
    projects = store.document_order(store.load_all([DATA])[0])
    parts = list(export_mod.csv_parts(projects))
    assert len(parts) == len(projects) + 1
    assert [part.count("\n") for part in parts[:-1]] == [len(p.indicators) + (i == 0) for i, p in enumerate(projects)]
    assert "".join(parts) == export_mod.to_csv(projects)
