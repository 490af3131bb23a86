"""``diff`` and ``log`` report year-end results as their own change kinds: a target table,
then prepared (points proposed), then results entered, revised and withdrawn.

Each step's expected changes are listed by hand: kind, where, old → new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_perfctl, write
from fixtures.diff.gitrepo import commit, env, git
from perfctl import model
from perfctl.commands.prepare import prepare_text
from perfctl.diff.compare import compare_projects
from perfctl.scoring.settings import settings

TARGET = """\
format: 1
department:
  code: '389101'
  name: 测试部门
year: 2025
name: 法律服务项目
money_unit: 元
budget:
  total: '30000.00'
  fiscal: '30000.00'
goals:
  - 完成法律审核。
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 提供服务次数
    target: ≥15次
  - level1: 效益指标
    level2: 社会效益指标
    name: 专业法律意见
    target: 有效保障
  - level1: 满意度指标
    level2: 服务对象满意度指标
    name: 部门领导满意度
    target: ≥85%
"""

#: TARGET through prepare: 产出 50, 效益 30, 满意度 10 (one row each), execution 10.
PREPARED = """\
format: 1
department:
  code: '389101'
  name: 测试部门
year: 2025
name: 法律服务项目
money_unit: 元
budget:
  total: '30000.00'
  fiscal: '30000.00'
  adjusted:
  spent:
  weight: '10'
goals:
  - 完成法律审核。
goals_actual:
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 提供服务次数
    target: ≥15次
    weight: '50'
    actual:
  - level1: 效益指标
    level2: 社会效益指标
    name: 专业法律意见
    target: 有效保障
    weight: '30'
    actual:
  - level1: 满意度指标
    level2: 服务对象满意度指标
    name: 部门领导满意度
    target: ≥85%
    weight: '10'
    actual:
"""


def edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


#: Results entered: three 实际完成值, 全年预算数 and 全年执行数, the goal's result.
ENTERED = edit(
    PREPARED,
    ("  adjusted:\n  spent:\n", "  adjusted: '30000.00'\n  spent: '24000.00'\n"),
    ("goals_actual:\n", "goals_actual:\n  - 完成法律审核18次。\n"),
    ("target: ≥15次\n    weight: '50'\n    actual:\n", "target: ≥15次\n    weight: '50'\n    actual: 18次\n"),
    ("target: 有效保障\n    weight: '30'\n    actual:\n", "target: 有效保障\n    weight: '30'\n    actual: 达成年度指标\n"),
    ("target: ≥85%\n    weight: '10'\n    actual:\n", "target: ≥85%\n    weight: '10'\n    actual: 80%\n"),
)

#: Revised: an actual corrected, points moved between rows, a score and reasons written (a row's
#: and the execution row's), more money spent, the goal's result reworded.
REVISED = edit(
    ENTERED,
    ("  weight: '10'\ngoals:", "  weight: '10'\n  deviation: 部分合同款次年支付。\ngoals:"),
    ("actual: 18次\n", "actual: 16次\n"),
    ("    weight: '50'\n", "    weight: '45'\n"),
    ("    weight: '30'\n    actual: 达成年度指标\n", "    weight: '35'\n    actual: 达成年度指标\n    score: '33'\n"),
    ("    actual: 80%\n", "    actual: 80%\n    deviation: 服务响应不够及时，下年度增加驻场时间。\n"),
    ("  spent: '24000.00'\n", "  spent: '27000.00'\n"),
    ("  - 完成法律审核18次。\n", "  - 完成法律审核16次。\n"),
)

#: Withdrawn: an actual and the goal's result removed, the score changed.
WITHDRAWN = edit(
    REVISED,
    ("    actual: 16次\n", "    actual:\n"),
    ("    score: '33'\n", "    score: '35'\n"),
    ("goals_actual:\n  - 完成法律审核16次。\n", "goals_actual:\n"),
)

OUTPUT = ("产出指标", "数量指标", "提供服务次数")
BENEFIT = ("效益指标", "社会效益指标", "专业法律意见")
SATISFACTION = ("满意度指标", "服务对象满意度指标", "部门领导满意度")


def changes(old: str, new: str) -> list[tuple]:
    found = compare_projects(model.load_text(old, "old.yaml"), model.load_text(new, "new.yaml"))
    return [(c.kind, c.indicator or c.field, c.old, c.new) for c in found]


def test_prepare_writes_exactly_the_prepared_file():
    # PREPARED, and an empty 得分 on the qualitative row (有效保障) for the evaluator
    qualitative = "    weight: '30'\n    actual:\n"
    assert prepare_text(TARGET, "x.yaml", settings()).new == PREPARED.replace(qualitative, qualitative + "    score:\n")


def test_preparing_changes_only_points():
    # empty 实际完成值, 全年预算数, 全年执行数 and goals_actual are no change
    assert changes(TARGET, PREPARED) == [
        ("budget-weight-changed", "budget.weight", None, "10"),
        ("weight-changed", OUTPUT, None, "50"),
        ("weight-changed", BENEFIT, None, "30"),
        ("weight-changed", SATISFACTION, None, "10"),
    ]


def test_results_entered():
    assert changes(PREPARED, ENTERED) == [
        ("budget-adjusted-changed", "budget.adjusted", None, "30000.00"),
        ("budget-spent-changed", "budget.spent", None, "24000.00"),
        ("goal-actual-added", "goals_actual", None, "完成法律审核18次。"),
        ("actual-added", OUTPUT, None, "18次"),
        ("actual-added", BENEFIT, None, "达成年度指标"),
        ("actual-added", SATISFACTION, None, "80%"),
    ]


def test_results_revised():
    assert changes(ENTERED, REVISED) == [
        ("budget-spent-changed", "budget.spent", "24000.00", "27000.00"),
        ("budget-deviation-edited", "budget.deviation", None, "部分合同款次年支付。"),
        ("goal-actual-edited", "goals_actual", "完成法律审核18次。", "完成法律审核16次。"),
        ("weight-changed", OUTPUT, "50", "45"),
        ("actual-changed", OUTPUT, "18次", "16次"),
        ("weight-changed", BENEFIT, "30", "35"),
        ("score-changed", BENEFIT, None, "33"),
        ("deviation-edited", SATISFACTION, None, "服务响应不够及时，下年度增加驻场时间。"),
    ]


def test_results_withdrawn():
    assert changes(REVISED, WITHDRAWN) == [
        ("goal-actual-removed", "goals_actual", "完成法律审核16次。", None),
        ("actual-removed", OUTPUT, "16次", None),
        ("score-changed", BENEFIT, "33", "35"),
    ]


def test_points_compare_as_numbers_and_the_execution_points_as_theirs():
    assert changes(PREPARED, edit(PREPARED, ("    weight: '50'\n", "    weight: '50.00'\n"))) == []
    assert changes(PREPARED, edit(PREPARED, ("  weight: '10'\ngoals:", "  weight: '20'\ngoals:"))) == [
        ("budget-weight-changed", "budget.weight", "10", "20")]


def test_nothing_spent_entered_as_zero_is_a_change():
    # 全年执行数 absent → 0.00 is an entry, though absent money compares as 0
    assert changes(PREPARED, edit(PREPARED, ("  spent:\n", "  spent: '0.00'\n"))) == [
        ("budget-spent-changed", "budget.spent", None, "0.00")]
    assert changes(edit(PREPARED, ("  spent:\n", "  spent: '0.00'\n")), PREPARED) == [
        ("budget-spent-changed", "budget.spent", "0.00", None)]


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    return write(tmp_path, {"entered.yaml": ENTERED, "revised.yaml": REVISED})


def test_diff_of_two_files_as_text(pair):
    r = run_perfctl("diff", pair / "entered.yaml", pair / "revised.yaml", cwd=pair)
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout == f"""\
法律服务项目 (389101 · 2025)  {pair / "revised.yaml"}
  review    budget-spent-changed   全年执行数: 24000.00 → 27000.00 元, +3000.00 (+12.5%)
  info      budget-deviation-edited  预算执行偏差原因: — → 部分合同款次年支付。
  review    goal-actual-edited     年度总体目标完成情况: 完成法律审核1[-8-]{{+6+}}次。
  review    weight-changed         产出指标 › 数量指标 › 提供服务次数: 50 → 45
  review    actual-changed         产出指标 › 数量指标 › 提供服务次数: 18次 → 16次
  review    weight-changed         效益指标 › 社会效益指标 › 专业法律意见: 30 → 35
  review    score-changed          效益指标 › 社会效益指标 › 专业法律意见: — → 33
  info      deviation-edited       满意度指标 › 服务对象满意度指标 › 部门领导满意度: — → 服务响应不够及时，下年度增加驻场时间。

{pair / "entered.yaml"} → {pair / "revised.yaml"}: 1 project changed; 8 changes: 6 review, 2 info
"""


def test_diff_as_json_and_fail_on_a_result_kind(pair):
    r = run_perfctl("diff", pair / "entered.yaml", pair / "revised.yaml", "--format", "json",
                    "--fail-on", "actual-changed", cwd=pair)
    assert r.returncode == 1, r.stderr
    (project,) = json.loads(r.stdout)["projects"]
    assert [(c["kind"], c["field"], c["old"], c["new"]) for c in project["changes"]] == [
        ("budget-spent-changed", "budget.spent", "24000.00", "27000.00"),
        ("budget-deviation-edited", "budget.deviation", None, "部分合同款次年支付。"),
        ("goal-actual-edited", "goals_actual", "完成法律审核18次。", "完成法律审核16次。"),
        ("weight-changed", "weight", "50", "45"),
        ("actual-changed", "actual", "18次", "16次"),
        ("weight-changed", "weight", "30", "35"),
        ("score-changed", "score", None, "33"),
        ("deviation-edited", "deviation", None, "服务响应不够及时，下年度增加驻场时间。"),
    ]
    assert project["changes"][0]["delta"] == "+3000.00" and project["changes"][0]["percent"] == "+12.5"


def test_log_lists_the_result_changes_per_commit(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    steps = [("目标表", TARGET), ("准备自评", PREPARED), ("填报实际完成值", ENTERED), ("修订自评", REVISED),
             ("撤回部分结果", WITHDRAWN)]
    for day, (subject, text) in enumerate(steps, start=1):
        write(repo, {"data/389101/2025/法律服务项目.yaml": text})
        commit(repo, subject, date=f"2025-12-{day:02d}T09:00:00+08:00")
    r = run_perfctl("log", "data", "--format", "json", cwd=repo, env=env())
    assert (r.returncode, r.stderr) == (0, "")
    log = json.loads(r.stdout)
    assert [c["subject"] for c in log] == ["撤回部分结果", "修订自评", "填报实际完成值", "准备自评", "目标表"]
    kinds = {c["subject"]: [ch["kind"] for p in c["projects"] for ch in p["changes"]] for c in log}
    assert kinds == {
        "撤回部分结果": ["goal-actual-removed", "actual-removed", "score-changed"],
        "修订自评": ["budget-spent-changed", "budget-deviation-edited", "goal-actual-edited", "weight-changed",
                 "actual-changed", "weight-changed", "score-changed", "deviation-edited"],
        "填报实际完成值": ["budget-adjusted-changed", "budget-spent-changed", "goal-actual-added", "actual-added",
                    "actual-added", "actual-added"],
        "准备自评": ["budget-weight-changed", "weight-changed", "weight-changed", "weight-changed"],
        "目标表": ["project-added"],
    }
    text = run_perfctl("log", "data", "-n", "1", cwd=repo, env=env()).stdout
    assert "    review    actual-removed         产出指标 › 数量指标 › 提供服务次数: 16次\n" in text
    assert text.endswith("1 commit with changes; 1 project changed; 3 changes: 3 review\n")


def test_an_actual_written_another_way_is_no_change():
    # 实际完成值 is compared by meaning, as targets are: 30000元 and 3万元 are one figure, 24小时 and
    # 1天 too; 18次 → 16次 is a change, and words are compared as written
    from perfctl.diff.values import _same_value

    assert _same_value("30000元", "3万元") and _same_value("24小时", "1天")
    assert not _same_value("18次", "16次") and not _same_value("达成年度指标", "达成年度指标 ")
