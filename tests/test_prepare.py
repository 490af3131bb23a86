"""``perfctl prepare``: empty result fields and proposed points put into the files in place.

The points expected here are worked out by hand from the rows per 一级指标 of each file
(50 产出, 30 效益, 10 满意度, 10 execution; equal shares at 2 decimals, the last row of a
group taking the rest)."""

from __future__ import annotations

import difflib
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from conftest import DATA, write
from perfctl import model
from perfctl.authoring import insert
from perfctl.authoring.spans import comments
from perfctl.commands import fmt, prepare
from perfctl.errors import InputError, UsageError
from perfctl.scoring.settings import settings

STORE = Path("389101") / "2025"
#: Per file: 分值 by row, in table order, worked out by hand.
EXPECTED = {
    # 产出 6 rows (数量 2, 质量, 时效, 成本 2): 50 / 6 = 8.333 → 8.33 × 5 = 41.65, last 50 − 41.65 = 8.35;
    # 效益 1 row: 30; 满意度 1 row: 10
    "第四届京津冀自贸试验区联席活动项目": ["8.33"] * 5 + ["8.35", "30", "10"],
    # 产出 4 rows: 50 / 4 = 12.5 each; 效益 30; 满意度 10
    "自贸区信息化技术运维项目": ["12.5"] * 4 + ["30", "10"],
    # 产出 5 rows: 50 / 5 = 10 each; 效益 30; 满意度 10
    "自贸区法律服务经费": ["10"] * 5 + ["30", "10"],
    # 产出 6 rows as the first file: 8.33 × 5, 8.35; 效益 30; 满意度 10
    "自贸改革和制度创新奖评比表彰活动项目": ["8.33"] * 5 + ["8.35", "30", "10"],
}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def files(store: Path) -> dict[str, Path]:
    return {name: store / STORE / f"{name}.yaml" for name in EXPECTED}


def snapshot(store: Path) -> dict[str, bytes]:
    return {name: path.read_bytes() for name, path in files(store).items()}


def test_the_bundled_store_gets_the_exact_points_and_empty_result_fields(store, capsys):
    assert prepare.run([store]) == 0
    for name, path in files(store).items():
        project = model.load(path)
        assert [str(r.weight) for r in project.indicators] == EXPECTED[name], name
        assert sum(r.weight for r in project.indicators) == D(90)
        assert [r.actual for r in project.indicators] == [None] * len(EXPECTED[name])
        budget = project.budget
        assert (budget.weight, budget.adjusted, budget.spent) == (D(10), None, None)
        assert project.goals_actual == []
        text = path.read_text(encoding="utf-8")
        assert text.count("\n    actual:\n") == len(EXPECTED[name])
        assert "\n  adjusted:\n  spent:\n  weight: '10'\n" in text
    err = capsys.readouterr().err.splitlines()
    first = files(store)["第四届京津冀自贸试验区联席活动项目"]
    assert err[0] == (f"{first}: added 8 actual fields; 8 proposed weights (产出指标 50, 效益指标 30, 满意度指标 10, "
                      "execution 10); empty budget.adjusted, budget.spent, goals_actual, score on 1 qualitative row")
    assert err[-1] == "4 files prepared, 0 already prepared"


def test_keys_are_inserted_in_table_order_and_nothing_else_changes(store):
    before = snapshot(store)
    assert prepare.run([store]) == 0
    for name, path in files(store).items():
        old = before[name].decode("utf-8").splitlines()
        new = path.read_text(encoding="utf-8").splitlines()
        ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        assert {op for op, *_ in ops} == {"equal", "insert"}, name
    text = files(store)["自贸区法律服务经费"].read_text(encoding="utf-8")
    assert "  other: '0.00'\n  adjusted:\n  spent:\n  weight: '10'\npurpose:" in text
    assert "并为自贸试验区提供法律方面创新思路。\ngoals_actual:\nindicators:\n" in text
    assert ("    name: 部门领导满意度\n    description: 部门领导满意度\n    target: ≥85%\n"
            "    weight: '10'\n    actual:\nsource:\n") in text


def test_prepared_files_load_and_fmt_wants_no_change(store, capsys):
    assert prepare.run([store]) == 0
    assert fmt.run([store], check=True) == 0
    assert capsys.readouterr().out == ""


def test_preparing_again_changes_nothing(store, capsys):
    assert prepare.run([store]) == 0
    once = snapshot(store)
    capsys.readouterr()
    assert prepare.run([store]) == 0
    assert snapshot(store) == once
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{path}: already prepared" for path in files(store).values()] + [
        "0 files prepared, 4 already prepared"]


def test_dry_run_prints_a_diff_and_writes_nothing(store, capsys):
    before = snapshot(store)
    assert prepare.run([store], dry_run=True) == 0
    assert snapshot(store) == before
    out, err = capsys.readouterr()
    path = files(store)["自贸区法律服务经费"]
    assert f"--- {path}\n+++ {path} (prepared)\n" in out
    assert out.count("+    actual:\n") == 8 + 6 + 7 + 8
    assert "+    weight: '8.35'\n" in out and "+goals_actual:\n" in out
    assert f"{path}: would add 7 actual fields; " in err
    assert err.endswith("4 files would be prepared, 0 already prepared\n")


COMMENTED = """\
# yaml-language-server: $schema=../../.perfctl/project.schema.json
# 年底自评前的目标表
format: 1
department:
  code: '389101'  # 部门编码
  name: 测试部门
year: 2025
name: "测试项目"
money_unit: 元
budget:
  total: '30000.00'
  fiscal: '30000.00'
  other: '0.00'  # 无其他资金
  # end of budget
goals:
  - 完成法律审核。  # 唯一目标
# the rows
indicators:
  # 产出
  - level1: 产出指标
    level2: 数量指标
    name: 提供服务次数
    target: ≥15次  # 按合同
  - level1: 产出指标
    level2: 质量指标
    name: 法律意见建议采纳率
    description: |
      采纳的意见
      占全部意见的比例
    target: '≥90%'
    # checked in March
  - level1: 产出指标
    level2: 时效指标
    name: 意见建议反馈时间
    target: ≤48小时
    score: '10'  # declared early
  # 效益
  - level1: 效益指标
    level2: 社会效益指标
    name: 专业法律意见
    target: 有效保障
# end
"""

#: COMMENTED prepared: 产出 3 rows share 50 (16.67, 16.67, 16.66); no 满意度 row, so 效益's one
#: row gets 30 + 10 = 40; execution 10. Keys go after the last key before them in table
#: order (weight and actual before score), comments below a value stay below.
COMMENTED_PREPARED = """\
# yaml-language-server: $schema=../../.perfctl/project.schema.json
# 年底自评前的目标表
format: 1
department:
  code: '389101'  # 部门编码
  name: 测试部门
year: 2025
name: "测试项目"
money_unit: 元
budget:
  total: '30000.00'
  fiscal: '30000.00'
  other: '0.00'  # 无其他资金
  adjusted:
  spent:
  weight: '10'
  # end of budget
goals:
  - 完成法律审核。  # 唯一目标
goals_actual:
# the rows
indicators:
  # 产出
  - level1: 产出指标
    level2: 数量指标
    name: 提供服务次数
    target: ≥15次  # 按合同
    weight: '16.67'
    actual:
  - level1: 产出指标
    level2: 质量指标
    name: 法律意见建议采纳率
    description: |
      采纳的意见
      占全部意见的比例
    target: '≥90%'
    weight: '16.67'
    actual:
    # checked in March
  - level1: 产出指标
    level2: 时效指标
    name: 意见建议反馈时间
    target: ≤48小时
    weight: '16.66'
    actual:
    score: '10'  # declared early
  # 效益
  - level1: 效益指标
    level2: 社会效益指标
    name: 专业法律意见
    target: 有效保障
    weight: '40'
    actual:
    score:
# end
"""


def test_comments_quotes_and_layout_are_kept(tmp_path, capsys):
    path = write(tmp_path, {"c.yaml": COMMENTED}) / "c.yaml"
    assert prepare.run([path]) == 0
    text = path.read_text(encoding="utf-8")
    assert text == COMMENTED_PREPARED
    assert [c for _, c in comments(text)] == [c for _, c in comments(COMMENTED)]
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"{path}: added 4 actual fields; 4 proposed weights (产出指标 50, 效益指标 40 (满意度指标 points "
                      "moved: no satisfaction row), execution 10); empty budget.adjusted, budget.spent, goals_actual, "
                      "score on 1 qualitative row")
    assert err[1] == (f"{path}: note: no 满意度指标 row, so its 10 points were proposed for 效益指标: a choice, not a "
                      "national rule (score.no_satisfaction_to: benefit; the other choice is output, for 产出指标)")
    assert fmt.run([path], check=True) == 0


def no_satisfaction(store: Path) -> Path:
    """法律服务经费 without its 满意度指标 row: 产出 5 rows, 效益 1 row."""
    path = files(store)["自贸区法律服务经费"]
    text = path.read_text(encoding="utf-8")
    row = text[text.index("  - level1: 满意度指标"):text.index("source:")]
    path.write_text(text.replace(row, ""), encoding="utf-8")
    return path


def test_no_satisfaction_row_gives_benefit_40(store):
    path = no_satisfaction(store)
    assert prepare.run([path]) == 0
    # 产出 50 / 5 = 10 each; 效益 30 + 10 = 40
    assert [str(r.weight) for r in model.load(path).indicators] == ["10"] * 5 + ["40"]


def test_no_satisfaction_row_gives_output_60_when_the_store_chooses_it(store, capsys):
    write(store, {"perfctl.yaml": "score:\n  no_satisfaction_to: output\n"})
    path = no_satisfaction(store)
    assert prepare.run([path]) == 0
    # 产出 (50 + 10) / 5 = 12 each; 效益 30
    assert [str(r.weight) for r in model.load(path).indicators] == ["12"] * 5 + ["30"]
    err = capsys.readouterr().err
    assert "(产出指标 60 (满意度指标 points moved: no satisfaction row), 效益指标 30, execution 10)" in err
    assert "score.no_satisfaction_to: output; the other choice is benefit, for 效益指标)" in err


def test_existing_points_are_kept_and_the_rest_share_what_is_left(store, capsys):
    path = files(store)["自贸区法律服务经费"]
    text = path.read_text(encoding="utf-8")
    text = text.replace("    target: ≥15次\n", "    target: ≥15次\n    weight: '20.5'\n")  # 产出 row 1
    text = text.replace("    target: ≥85%\n", "    target: ≥85%\n    weight: '5'\n")  # the 满意度 row
    path.write_text(text, encoding="utf-8")
    assert prepare.run([path]) == 0
    # 产出: 50 − 20.5 = 29.5 over 4 rows: 7.375 → 7.38 × 3 = 22.14, last 29.5 − 22.14 = 7.36; 效益 30; 满意度 kept at 5
    assert [str(r.weight) for r in model.load(path).indicators] == ["20.5", "7.38", "7.38", "7.38", "7.36", "30", "5"]
    assert "(产出指标 50 (20.5 already given, 29.5 proposed), 效益指标 30, execution 10)" in capsys.readouterr().err


def test_every_row_weighted_gets_only_the_empty_fields(store):
    path = files(store)["自贸区信息化技术运维项目"]
    points = iter(["15", "15", "10", "10", "30", "10"])  # the table's own split, execution left out
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        lines += [line, f"    weight: '{next(points)}'"] if line.startswith("    target: ") else [line]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert prepare.run([path]) == 0
    project = model.load(path)
    assert [str(r.weight) for r in project.indicators] == ["15", "15", "10", "10", "30", "10"]
    assert project.budget.weight is None  # nothing proposed, not even the execution row's points
    assert "\n  adjusted:\n  spent:\npurpose:" in path.read_text(encoding="utf-8")


def test_an_empty_weight_key_is_filled_in_place(tmp_path):
    path = write(tmp_path, {"x.yaml": COMMENTED.replace("    target: 有效保障\n", "    target: 有效保障\n    weight:  # 待定\n")
                            }) / "x.yaml"
    assert prepare.run([path]) == 0
    assert "    target: 有效保障\n    weight: '40'  # 待定\n    actual:\n    score:\n# end\n" in path.read_text(encoding="utf-8")


def test_flow_mappings_crlf_and_no_final_newline(tmp_path):
    text = ("format: 1\r\ndepartment: {code: '389101', name: 测试部门}\r\nyear: 2025\r\nname: 测试项目\r\n"
            "money_unit: 元\r\nbudget: {total: '100.00'}\r\nindicators:\r\n"
            "  - {level1: 产出指标, level2: 数量指标, name: a, target: ≥1人}\r\n"
            "  - level1: 满意度指标\r\n    level2: 服务对象满意度指标\r\n    name: b\r\n    target: ≥90%")
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert prepare.run([path]) == 0
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")  # still CRLF throughout
    # 产出 1 row: 50; no 效益 row (a warning); 满意度 10
    assert raw.decode("utf-8").replace("\r\n", "\n") == (
        "format: 1\ndepartment: {code: '389101', name: 测试部门}\nyear: 2025\nname: 测试项目\nmoney_unit: 元\n"
        "budget: {total: '100.00', adjusted: null, spent: null, weight: '10'}\ngoals_actual:\nindicators:\n"
        "  - {level1: 产出指标, level2: 数量指标, name: a, target: ≥1人, weight: '50', actual: null}\n"
        "  - level1: 满意度指标\n    level2: 服务对象满意度指标\n    name: b\n    target: ≥90%\n"
        "    weight: '10'\n    actual:\n")


def test_an_unknown_first_level_group_refuses_that_file_only(store, capsys):
    bad = files(store)["自贸区法律服务经费"]
    text = bad.read_text(encoding="utf-8").replace("level1: 效益指标", "level1: 过程指标")
    bad.write_text(text, encoding="utf-8")
    assert prepare.run([store]) == 2
    assert bad.read_text(encoding="utf-8") == text
    line = text.splitlines().index("  - level1: 过程指标") + 1
    err = capsys.readouterr().err
    assert (f"{bad}:{line}:13: 一级指标 '过程指标' has no default points (perfctl proposes them for 产出指标, 成本指标, "
            "效益指标 and 满意度指标); give the rows under 过程指标 their 分值 (weight:) by hand, then run prepare again"
            ) in err
    assert err.endswith("3 files prepared, 0 already prepared, 1 failed\n")
    assert model.load(files(store)["自贸区信息化技术运维项目"]).budget.weight == D(10)


def test_a_file_that_does_not_load_is_an_error_and_the_others_are_done(store, capsys):
    write(store, {"389101/2025/broken.yaml": "format: [\n"})
    assert prepare.run([store]) == 2
    assert "broken.yaml:2:1: invalid YAML" in capsys.readouterr().err
    assert model.load(files(store)["自贸区法律服务经费"]).budget.weight == D(10)


def test_an_insertion_that_would_change_a_value_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path, {"c.yaml": COMMENTED}) / "c.yaml"
    # a broken placement: every key lands in the middle of the first target's line
    monkeypatch.setattr(insert, "_next_line", lambda text, key, value: text.index("  # 按合同"))
    assert prepare.run([path]) == 2
    assert path.read_text(encoding="utf-8") == COMMENTED
    with pytest.raises(InputError, match="add them by hand"):
        prepare.prepare_text(COMMENTED, path, settings())


def test_profiles(store):
    assert prepare.run([store], profile="pmkpi") == 0  # the same first-level defaults
    assert [str(r.weight) for r in model.load(files(store)["自贸区法律服务经费"]).indicators] == ["10"] * 5 + ["30", "10"]
    with pytest.raises(UsageError, match="unknown scoring profile 'national-2021'"):
        prepare.run([store], profile="national-2021")


def test_a_row_marked_qualitative_in_its_op_column_gets_an_empty_score():
    # 指标值 100 reads as a number, but the table's 计算符号 column says 定性: the evaluator scores it
    text = COMMENTED.replace("    target: ≥15次  # 按合同\n", "    target: '100'  # 按合同\n    op: 定性\n")
    new = prepare.prepare_text(text, "c.yaml", settings()).new
    assert "    target: '100'  # 按合同\n    op: 定性\n    weight: '16.67'\n    actual:\n    score:\n" in new
