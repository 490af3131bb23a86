"""The field table (perfctl.fields) and what reads it: schema, model, fmt, export, render, show,
textconv, diff and the lint cache, for the self-evaluation fields and department tables.

A project with every field (SELF_EVAL) and a department table without money (DEPARTMENT) are
written out here; every expected value is read off these texts by hand.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import DATA, ROOT, write
from perfctl import cache, canonical, export, fields, fieldschema, model, render, schema, yamlio
from perfctl.authoring import fmt
from perfctl.commands import show
from perfctl.diff import compare
from perfctl.diff.kinds import KINDS
from perfctl.errors import InputError
from perfctl.lint import checker, engine

SELF_EVAL = """\
format: 1
department:
  code: '820001'
  name: 井研县民政局
implementing_unit: 井研县救助站
year: 2025
name: 临时救助
period: '2025.01-2025.12'
money_unit: 万元
budget:
  total: '250.000000'
  fiscal: '240.000000'
  other: '10.000000'
  initial: '250.000000'
  adjusted: '240.000000'
  spent: '230.500000'
  weight: '10'
purpose: 临时救助资金，用于困难群众救助。
midterm_goals:
  - 三年内救助覆盖全县困难群众。
goals:
  - 全年救助困难群众500人次以上。
goals_actual:
  - 全年救助困难群众480人次。
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 救助人次
    target: '500'
    op: ≥
    unit: 人次
    basis: 计划标准
    weight: '20'
    actual: '480'
    score: '19.2'
    deviation: 救助需求减少。
  - level1: 满意度指标
    level2: 服务对象满意度指标
    name: 群众满意度
    target: ≥90%
    weight: '10.5'
    actual: 95%
    score: '10.5'
"""

DEPARTMENT = """\
format: 1
kind: department
department:
  code: '820001'
  name: 井研县民政局
year: 2025
name: 部门整体绩效目标
purpose: 负责全县社会救助、养老服务和社会事务管理。
goals:
  - 全年救助困难群众500人次以上，养老服务覆盖率达到90%。
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 救助人次
    target: ≥500人次
  - level1: 满意度指标
    level2: 服务对象满意度指标
    name: 群众满意度
    target: ≥90%
"""


def load(text: str, name: str = "x.yaml") -> model.Project:
    return model.load_text(text, name)


# ---------------------------------------------------------------- the table and the schema


def test_shipped_schema_is_the_one_the_table_builds():
    shipped = (ROOT / "perfctl" / "schemas" / "project.schema.json").read_text(encoding="utf-8")
    assert shipped == fieldschema.schema_text(), (
        "perfctl/schemas/project.schema.json differs from the field table; regenerate it with "
        "`.venv/bin/python -m perfctl.fieldschema --write` and review the diff")


def test_every_field_names_known_change_kinds_and_every_kind_is_a_fields_or_a_rows():
    assert fields.diff_kinds() <= set(KINDS)
    structural = {"project-added", "project-removed", "indicator-added", "indicator-removed",
                  "indicator-renamed", "indicator-moved"}
    assert set(KINDS) - fields.diff_kinds() == structural
    for f in fields.FIELDS:
        assert len(f.diff) in (0, 1, 3, 4), f.name
        assert f.type in fields.TYPES, f.name


def test_paths_names_and_lookup():
    f = fields.BY_PATH[("indicators", "*", "actual")]
    assert (f.key, f.name, f.label, f.unit) == ("actual", "indicators[].actual", "实际完成值", None)
    assert fields.BY_PATH[("budget", "spent")].unit == "money_unit"
    assert fields.BY_PATH[("budget", "weight")].heading == "年度资金总额分值"
    assert fields.lookup(("indicators", 3, "score")) is fields.BY_PATH[("indicators", "*", "score")]
    assert fields.lookup(("goals_actual", 0)) is fields.BY_PATH[("goals_actual",)]
    assert fields.lookup(("x-note",)) is None
    assert [f.key for f in fields.under(("budget",))] == ["total", "fiscal", "other", "initial", "adjusted", "spent",
                                                          "weight", "deviation", "parts"]
    assert [f.key for f in fields.under(("budget", "parts"))] == ["fiscal", "carryover", "other"]
    assert fields.BY_PATH[("budget", "parts", "carryover", "spent")].heading == "上年结转资金全年执行数"


def test_shown_writes_amounts_and_points_as_decimal_text_and_leaves_the_rest():
    total, weight, year = (fields.BY_PATH[p] for p in (("budget", "total"), ("budget", "weight"), ("year",)))
    assert fields.shown(total, Decimal("2E+5")) == "200000"
    assert fields.shown(total, Decimal("200000.00")) == "200000.00"
    assert fields.shown(weight, Decimal("10.3")) == "10.3"
    assert fields.shown(total, None) is None
    assert fields.shown(year, 2025) == 2025
    assert [f.name for f in fields.FIELDS if f.unit is not None] == [
        "budget.total", "budget.fiscal", "budget.other", "budget.initial", "budget.adjusted", "budget.spent",
        "budget.weight", *(f"budget.parts.{p}.{c}" for p in ("fiscal", "carryover", "other")
                           for c in ("initial", "adjusted", "spent")),
        "indicators[].weight", "indicators[].score"]


def test_only_the_format_const_is_left_out_of_export_json():
    assert [f.name for f in fields.FIELDS if not f.in_json] == ["format"]


def test_the_diff_kind_column_fits_the_core_fields_kinds():
    """The text diff's kind column is as wide as the widest core kind's label: budget-fiscal-changed
    (21 columns) in English, six characters (12 columns: 财政资金变更, 绩效目标修改 …) in Chinese."""
    from perfctl import i18n
    from perfctl.diff import kinds, reporters

    assert max(map(len, reporters._CORE_KINDS)) == len("budget-fiscal-changed") == 21
    assert reporters._widest(kinds.label(k) for k in reporters._CORE_KINDS) == 21
    i18n.use("zh")
    assert reporters._widest(kinds.label(k) for k in reporters._CORE_KINDS) == 12


def test_readme_glossary_names_every_field():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    glossary = text[text.index("## Glossary"):text.index("## Development")]
    for f in fields.FIELDS:
        if f.type not in ("object", "rows", "const") and f.path[0] != "source":
            assert f"`{f.key}`" in glossary or f"`{f.name}`" in glossary, f.name


# ---------------------------------------------------------------- schema and model


def test_a_file_with_every_field_loads_exactly():
    p = load(SELF_EVAL)
    assert (p.implementing_unit, p.period, p.kind, p.money_unit) == ("井研县救助站", "2025.01-2025.12", "project", "万元")
    assert (p.budget.initial, p.budget.adjusted, p.budget.spent, p.budget.weight) == (
        Decimal("250.000000"), Decimal("240.000000"), Decimal("230.500000"), Decimal("10"))
    assert p.midterm_goals == ["三年内救助覆盖全县困难群众。"] and p.goals_actual == ["全年救助困难群众480人次。"]
    row = p.indicators[0]
    assert (row.op, row.unit, row.basis, row.weight, row.actual, row.score, row.deviation) == (
        "≥", "人次", "计划标准", Decimal("20"), "480", Decimal("19.2"), "救助需求减少。")
    assert p.indicators[1].weight == Decimal("10.5") and p.indicators[1].deviation is None


def test_to_data_writes_the_file_back_byte_for_byte():
    assert yamlio.dump(model.to_data(load(SELF_EVAL))) == SELF_EVAL
    assert yamlio.dump(model.to_data(load(DEPARTMENT))) == DEPARTMENT


def test_a_department_table_may_state_no_money():
    p = load(DEPARTMENT)
    assert (p.kind, p.money_unit, p.budget.total, p.budget.fiscal) == ("department", None, None, None)


@pytest.mark.parametrize("text, message", [
    (DEPARTMENT.replace("kind: department\n", ""), "missing required key 'money_unit'"),
    (DEPARTMENT.replace("year: 2025\n", "year: 2025\nbudget:\n  total: '1.00'\n"), "missing required key 'money_unit'"),
    (DEPARTMENT.replace("kind: department", "kind: 部门"), "kind: '部门' is not one of: project, department"),
    (SELF_EVAL.replace("weight: '20'", "weight: 20分"), "weight: string '20分' is not a number of points"),
    (SELF_EVAL.replace("spent: '230.500000'", "spent: 1,230.5"), "budget.spent: "),
    (SELF_EVAL.replace("score: '19.2'", "score: .5"), "indicators[0].score: amount '.5' is not a decimal number"),
])
def test_what_the_schema_refuses(text, message):
    with pytest.raises(InputError, match=re.escape(message)):
        load(text)


def test_empty_self_evaluation_keys_mean_absent():
    text = SELF_EVAL.replace("actual: '480'", "actual:").replace("score: '19.2'", "score:")
    row = load(text).indicators[0]
    assert (row.actual, row.score) == (None, None)


KEYS = ["kind", "department", "money_unit", "budget", "total", "initial", "spent", "weight", "indicators", "actual",
        "score", "op", "goals_actual", "midterm_goals", "period", "implementing_unit", "deviation", "x-a", "bogus"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=False),
                    st.sampled_from(["", "元", "department", "project", "10.5", "≥", "x", "计划标准"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=2),
                                                       st.dictionaries(st.sampled_from(KEYS), inner, max_size=2)),
                      max_leaves=4)


@st.composite
def edited(draw: Any) -> Any:
    data = copy.deepcopy(yamlio.parse(draw(st.sampled_from([SELF_EVAL, DEPARTMENT]))).data)
    mappings = [data, data.get("budget") or data, data["indicators"][0]]  # an edit of one cut off later is harmless
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(mappings))
        key = draw(st.sampled_from(KEYS))
        if draw(st.booleans()) and key in target:
            del target[key]
        else:
            target[key] = draw(VALUES)
    return data


def test_the_quick_check_accepts_valid_files_without_asking_jsonschema():
    check = schema.quick_check(json.loads(schema.schema_text()))
    assert check(yamlio.parse(SELF_EVAL).data) and check(yamlio.parse(DEPARTMENT).data)


@settings(max_examples=300, deadline=None)
@given(edited())
def test_quick_check_agrees_with_jsonschema_on_the_new_keys(data: Any) -> None:
    project = json.loads(schema.schema_text())
    assert schema.quick_check(project)(data) == Draft202012Validator(project).is_valid(data), data


# ---------------------------------------------------------------- fmt


def test_fmt_orders_the_new_keys_and_pads_money_not_points():
    shuffled = SELF_EVAL.replace("implementing_unit: 井研县救助站\n", "").replace(
        "goals_actual:\n  - 全年救助困难群众480人次。\n", "") + "goals_actual:\n  - 全年救助困难群众480人次。\n" \
        "implementing_unit: 井研县救助站\n"
    shuffled = shuffled.replace("spent: '230.500000'", "spent: '230.5'").replace("    op: ≥\n", "").replace(
        "    deviation: 救助需求减少。\n", "    deviation: 救助需求减少。\n    op: ≥\n")
    assert fmt.format_text(shuffled.replace("'2025.01-2025.12'", "2025.01-2025.12"), "x.yaml") == SELF_EVAL


# ---------------------------------------------------------------- outputs


def test_export_json_has_the_new_keys_only_where_given():
    [rec] = json.loads(export.to_json([load(SELF_EVAL)]))
    assert list(rec) == ["path", "department", "implementing_unit", "year", "name", "period", "money_unit", "budget",
                         "purpose", "midterm_goals", "goals", "goals_actual", "indicators", "source"]
    assert rec["budget"] == {"total": "250.000000", "fiscal": "240.000000", "other": "10.000000",
                             "initial": "250.000000", "adjusted": "240.000000", "spent": "230.500000", "weight": "10"}
    first, second = rec["indicators"]
    assert {k: first[k] for k in ("op", "unit", "basis", "weight", "actual", "score", "deviation")} == {
        "op": "≥", "unit": "人次", "basis": "计划标准", "weight": "20", "actual": "480", "score": "19.2",
        "deviation": "救助需求减少。"}
    assert (first["target"]["text"], first["target"]["unit"]) == ("500", "人次")  # as written; read with the unit column
    assert list(second) == ["level1", "level2", "name", "description", "target", "weight", "actual", "score"]
    [dept] = json.loads(export.to_json([load(DEPARTMENT)]))
    assert (dept["kind"], dept["money_unit"], dept["budget"]) == (
        "department", None, {"total": None, "fiscal": None, "other": None})


def test_export_csv_has_the_new_columns_at_the_end():
    assert export.CSV_COLUMNS[:21][-1] == "target.reason"
    assert export.CSV_COLUMNS[21:] == ("kind", "implementing_unit", "period", "budget.initial", "budget.adjusted",
                                       "budget.spent", "budget.weight", "op", "unit", "basis", "weight", "actual",
                                       "score", "deviation", "budget.deviation",
                                       *(f"budget.parts.{p}.{c}" for p in ("fiscal", "carryover", "other")
                                         for c in ("initial", "adjusted", "spent")), "code",
                                       "target.base", "target.remark")
    rows = list(csv.DictReader(io.StringIO(export.to_csv([load(SELF_EVAL), load(DEPARTMENT)]))))
    assert (rows[0]["budget.spent"], rows[0]["weight"], rows[0]["actual"], rows[0]["kind"]) == ("230.500000", "20",
                                                                                               "480", "")
    assert (rows[1]["deviation"], rows[1]["score"]) == ("", "10.5")
    assert (rows[2]["kind"], rows[2]["money_unit"], rows[2]["budget.total"]) == ("department", "", "")


def test_render_adds_rows_and_columns_for_what_is_given():
    env = render.environment()
    # Without results (实际完成值, 得分, 全年执行数) a table keeps the target layout, the fields beyond
    # the form as extra rows and columns; with results it renders as its 自评表 (test_selfeval_render.py).
    planned = (SELF_EVAL.replace("  spent: '230.500000'\n", "").replace("    actual: '480'\n", "")
               .replace("    score: '19.2'\n", "").replace("    actual: 95%\n", "").replace("    score: '10.5'\n", ""))
    md = render.render_document(env, "document.md.j2", render.document_context([load(planned)]))
    assert "| 年初预算数 | 250.00 |\n| 全年预算数 | 240.00 |\n| 年度资金总额分值 | 10 |\n" in md  # 万元, 6 places in the file
    assert "| 年度资金总额分值 | 10 |\n| 中期目标 | 1.三年内救助覆盖全县困难群众。 |\n" in md
    assert "| 实施单位 | 井研县救助站 |\n| 项目期 | 2025.01-2025.12 |\n" in md
    assert ("| 三级指标 | 指标值 | 计算符号 | 计量单位 | 绩效标准 | 分值 | 偏差原因分析及改进措施 |\n"  # no 绩效指标描述: no row has one
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n") in md
    assert "| 500 | ≥ | 人次 | 计划标准 | 20 | 救助需求减少。 |\n" in md
    assert "| ≥90% |  |  |  | 10.5 |  |\n" in md
    scored = render.render_document(env, "document.md.j2", render.document_context([load(SELF_EVAL)]))
    assert "| 年度资金总额 | 250.00 | 240.00 | 230.50 | 10 | 96.04% | 9.60 |\n" in scored  # 230.5 ÷ 240
    assert "| 产出指标 | 数量指标 | 救助人次 | ≥500人次 | 480人次 | 20 | 19.20 | 救助需求减少。 |\n" in scored
    html = render.render_document(env, "document.html.j2", render.document_context([load(DEPARTMENT)]))
    assert "单位：" not in html and "预算数" not in html and "<h2>1.部门整体绩效目标</h2>" in html
    assert '<tr><th scope="row">预算规模及资金用途</th><td class="text" colspan="6">负责全县' in html


def test_show_leaves_out_the_money_a_department_table_lacks():
    text = show.header(load(DEPARTMENT), 100)
    assert "表类型" in text and "部门整体支出绩效目标表" in text
    assert "单位" not in text and "预算数" not in text
    table = show.indicators(load(SELF_EVAL), 200)
    assert "实际完成值" in table and "19.2" in table


def test_textconv_lines_for_the_new_fields():
    lines = canonical.lines(load(SELF_EVAL))
    assert lines[:5] == ["项目名称: 临时救助", "主管部门: 820001 井研县民政局", "实施单位: 井研县救助站",
                         "预算年度: 2025", "项目期: 2025.01-2025.12"]
    assert "年度资金总额分值: 10" in lines and "年度总体目标完成情况 1: 全年救助困难群众480人次。" in lines
    assert "产出指标 › 数量指标 › 救助人次 › 得分: 19.2" in lines
    assert canonical.lines(load(DEPARTMENT))[:3] == ["项目名称: 部门整体绩效目标", "表类型: 部门整体支出绩效目标表",
                                                     "主管部门: 820001 井研县民政局"]


# ---------------------------------------------------------------- diff


def test_diff_kinds_of_the_self_evaluation_fields():
    old = load(SELF_EVAL)
    new = load(SELF_EVAL.replace("actual: '480'", "actual: '490'").replace("score: '19.2'", "score: '19.6'")
               .replace("    weight: '20'", "    weight: '25'").replace("spent: '230.500000'", "spent: '235'")
               .replace("  weight: '10'\n", "  weight: '15'\n").replace("    actual: 95%\n", "")
               .replace("implementing_unit: 井研县救助站", "implementing_unit: 井研县民政局"))
    found = [(c.kind, c.field, c.old, c.new) for c in compare.compare_projects(old, new)]
    assert found == [
        ("implementing-unit-changed", "implementing_unit", "井研县救助站", "井研县民政局"),
        ("budget-spent-changed", "budget.spent", "230.500000", "235"),
        ("budget-weight-changed", "budget.weight", "10", "15"),
        ("weight-changed", "weight", "20", "25"),
        ("actual-changed", "actual", "480", "490"),
        ("score-changed", "score", "19.2", "19.6"),
        ("actual-removed", "actual", "95%", None),
    ]
    spent = compare.compare_projects(old, new)[1]
    assert (spent.money_unit, spent.delta, spent.percent) == ("万元", "+4.500000", "+2.0")


def test_diff_of_a_department_table_gaining_money():
    old, new = load(DEPARTMENT), load(DEPARTMENT.replace("kind: department\n", "").replace(
        "year: 2025\n", "year: 2025\nmoney_unit: 元\nbudget:\n  total: '100.00'\n"))
    found = [(c.kind, c.old, c.new) for c in compare.compare_projects(old, new)]
    assert found == [("project-kind-changed", "department", "project"), ("budget-total-changed", None, "100.00")]


# ---------------------------------------------------------------- lint


def test_lint_a_department_table_without_money(tmp_path):
    write(tmp_path, {"store/dept.yaml": DEPARTMENT, "store/self.yaml": SELF_EVAL})
    result = engine.lint([tmp_path / "store"])
    assert result.errors == []
    codes = {f.code for f in result.findings if f.path.endswith("dept.yaml")}
    assert codes and not {c for c in codes if c.startswith(("PT-B", "PT-C01", "PT-C04", "PT-C05"))}
    assert not any(f.code == "PT-S01" and f.node == ("budget", "fiscal") for f in result.findings)


def test_a_department_record_survives_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "CACHE_MIN_FILES", 0)
    monkeypatch.delenv("PERFCTL_NO_CACHE", raising=False)
    store = tmp_path / "store"
    shutil.copytree(DATA, store, ignore=shutil.ignore_patterns(".*"))
    write(store, {"perfctl.yaml": "profile: auto\n", "d/dept.yaml": DEPARTMENT, "d/self.yaml": SELF_EVAL})
    checked: list[str] = []
    real = engine.check_files
    monkeypatch.setattr(engine, "check_files", lambda jobs: (checked.extend(p.name for p, _ in jobs), real(jobs))[1])
    first = engine.lint([store])
    assert sorted(checked) == sorted(p.name for p in store.rglob("*.yaml") if p.name != "perfctl.yaml")
    checked.clear()
    assert engine.lint([store]).findings == first.findings
    assert checked == []
    assert list((store / cache.FOLDER).glob("lint-*.json"))


def test_record_header_keeps_a_missing_money_unit(tmp_path):
    write(tmp_path, {"dept.yaml": DEPARTMENT})
    conf = engine.config_mod.for_path(tmp_path)
    ((_, packed),) = checker.check_files([(tmp_path / "dept.yaml", conf)])
    local = cache.Cache(None)
    table = checker.Strings(local.strings, local.intern)
    record = checker.Record(table.adopt(packed), table)
    back = checker.Record.unpack(json.loads(json.dumps(record.stored())), table)
    assert back is not None
    p = back.project(Path("dept.yaml"))
    assert (p.money_unit, p.budget.total, p.name) == (None, None, "部门整体绩效目标")
