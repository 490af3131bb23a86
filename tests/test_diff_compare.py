"""Matching and classification, on projects built from text."""

from __future__ import annotations

from perfctl.diff.compare import Entry, compare_projects, diff_entries
from perfctl.model import load_text

BASE = """\
format: 1
department:
  code: '389101'
  name: 测试部门
year: 2025
name: 测试项目
money_unit: 元
budget:
  total: '200000.00'
  fiscal: '150000.00'
  other: '50000.00'
purpose: 通过召开联席活动，提升知名度。
goals:
  - 提升知名度。
  - 形成协同创新成果。
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 邀请参会人员数量
    description: 邀请参会人员数量
    target: ≥50人
  - level1: 产出指标
    level2: 数量指标
    name: 发言嘉宾数量
    target: ≥3人
  - level1: 产出指标
    level2: 成本指标
    name: 场地使用费
    target: ≤12万元
"""


def project(*edits: tuple[str, str], label: str = "x.yaml"):
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return load_text(text, label)


def kinds(*edits: tuple[str, str]) -> list[tuple[str, str | None, str | None]]:
    return [(c.kind, c.old, c.new) for c in compare_projects(project(), project(*edits))]


def test_identical_is_no_change():
    assert kinds() == []


def test_reordering_rows_and_goals_is_no_change():
    rows = BASE[BASE.index("  - level1"):]
    first, second, third = ("  - level1" + r for r in rows.split("  - level1")[1:])
    assert kinds((first + second + third, third + second + first), ("  - 提升知名度。\n  - 形成协同创新成果。", "  - 形成协同创新成果。\n  - 提升知名度。")) == []


def test_slight_rename_in_place_with_same_target():
    assert kinds(("name: 邀请参会人员数量", "name: 邀请参会嘉宾数量")) == [
        ("indicator-renamed", "邀请参会人员数量", "邀请参会嘉宾数量")]


def test_rename_with_changed_target_is_removal_and_addition():
    assert kinds(("name: 邀请参会人员数量\n    description: 邀请参会人员数量\n    target: ≥50人",
                  "name: 邀请参会嘉宾数量\n    description: 邀请参会人员数量\n    target: ≥40人")) == [
        ("indicator-added", None, "≥40人"), ("indicator-removed", "≥50人", None)]


def test_a_different_name_is_removal_and_addition():
    assert [k for k, _, _ in kinds(("name: 场地使用费", "name: 宣传材料印刷费"))] == ["indicator-added", "indicator-removed"]


def test_moved_to_another_category():
    assert kinds(("level1: 产出指标\n    level2: 成本指标", "level1: 成本指标\n    level2: 经济成本指标")) == [
        ("indicator-moved", "产出指标 › 成本指标", "成本指标 › 经济成本指标")]
    assert kinds(("level1: 产出指标\n    level2: 成本指标\n    name: 场地使用费\n    target: ≤12万元",
                  "level1: 成本指标\n    level2: 经济成本指标\n    name: 场地使用费\n    target: ≤15万元")) == [
        ("indicator-moved", "产出指标 › 成本指标", "成本指标 › 经济成本指标"), ("target-loosened", "≤12万元", "≤15万元")]


def test_description_edit_is_character_level():
    (change,) = compare_projects(project(), project(("description: 邀请参会人员数量", "description: 邀请参会嘉宾数量")))
    assert (change.kind, change.segments) == ("description-edited", [("=", "邀请参会"), ("-", "人员"), ("+", "嘉宾"), ("=", "数量")])
    assert change.indicator == ("产出指标", "数量指标", "邀请参会人员数量")


def test_goals_and_purpose():
    assert kinds(("  - 提升知名度。\n", "  - 显著提升知名度。\n  - 新增目标一项，内容完全不同。\n")) == [
        ("goal-edited", "提升知名度。", "显著提升知名度。"), ("goal-added", None, "新增目标一项，内容完全不同。")]
    assert kinds(("  - 形成协同创新成果。\n", "")) == [("goal-removed", "形成协同创新成果。", None)]
    assert kinds(("purpose: 通过召开联席活动，提升知名度。\n", "")) == [("purpose-edited", "通过召开联席活动，提升知名度。", None)]


def test_budget_amount_and_percentage_in_the_money_unit():
    changes = compare_projects(project(), project(("total: '200000.00'", "total: '250000.00'"),
                                                  ("other: '50000.00'", "other: '0.00'")))
    assert [(c.kind, c.old, c.new, c.delta, c.percent, c.money_unit) for c in changes] == [
        ("budget-total-changed", "200000.00", "250000.00", "+50000.00", "+25.0", "元"),
        ("budget-other-changed", "50000.00", "0.00", "-50000.00", "-100.0", "元"),
    ]


def test_budget_from_zero_has_no_percentage():
    old = project(("other: '50000.00'", "other: '0.00'"))
    (change,) = compare_projects(old, project(("other: '50000.00'", "other: '100.00'")))
    assert (change.delta, change.percent) == ("+100.00", None)


def test_money_unit_converted_is_no_change_and_unconverted_is_a_change():
    wan = (("money_unit: 元", "money_unit: 万元"), ("total: '200000.00'", "total: '20.000000'"),
           ("fiscal: '150000.00'", "fiscal: '15'"), ("other: '50000.00'", "other: '5.0'"))
    assert kinds(*wan) == []
    (change,) = compare_projects(project(), project(*wan[:2], ("fiscal: '150000.00'", "fiscal: '16'"), wan[3]))
    assert (change.kind, change.old, change.new, change.delta, change.percent, change.money_unit) == (
        "budget-fiscal-changed", "15.000000", "16", "+1.000000", "+6.7", "万元")


def test_projects_match_by_identity_not_by_file():
    old = [Entry(project(label="a.yaml"), "a.yaml", "a.yaml")]
    moved = [Entry(project(label="b/c.yaml"), "b/c.yaml", "b/c.yaml")]
    assert diff_entries(old, moved) == []


def test_name_changed_in_the_same_file_is_a_rename():
    old = [Entry(project(), "a.yaml", "a.yaml")]
    (d,) = diff_entries(old, [Entry(project(("name: 测试项目", "name: 测试项目（二期）")), "a.yaml", "a.yaml")])
    assert [(c.kind, c.old, c.new) for c in d.changes] == [("project-renamed", "测试项目", "测试项目（二期）")]
    # in another file it is another project
    diffs = diff_entries(old, [Entry(project(("name: 测试项目", "name: 测试项目（二期）")), "b.yaml", "b.yaml")])
    assert [(d.status, d.changes[0].kind) for d in diffs] == [("removed", "project-removed"), ("added", "project-added")]


def test_department_renamed():
    assert kinds(("name: 测试部门", "name: 测试部门（新）")) == [("department-renamed", "测试部门", "测试部门（新）")]
