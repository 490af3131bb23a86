"""fmt keeps everything where the user put it (issue 16, deliverable 4): comment lines stay
with the key or row they stand above (start of the file, between top-level keys, at the
end), white space inside values is kept, a tab that lint accepts is formatted, and lint
warns of invisible characters (PT-V15) at the character itself."""

from __future__ import annotations

import shutil
import unicodedata

import pytest

from conftest import GOOD, ROOT, run_perfctl, write
from perfctl import yamlio
from perfctl.authoring import spans
from perfctl.authoring.fmt import format_text
from perfctl.lint.rules.v15_invisible_character import INVISIBLE

FMT = ROOT / "tests" / "fixtures" / "fmt"
CASES = ["comments-start", "comments-between", "comments-end", "whitespace", "tab"]


def read(name: str) -> str:
    return (FMT / f"{name}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_fixture_formats_to_its_formatted_twin_and_stays(name):
    out = format_text(read(name))
    assert out == read(f"{name}.formatted")
    assert format_text(out) == out
    assert sorted(c for _, c in spans.comments(out)) == sorted(c for _, c in spans.comments(read(name)))


def test_the_header_stays_first_and_a_comment_above_the_first_key_moves_with_it():
    assert read("comments-start").startswith("# yaml-language-server: $schema=../../../data/.perfctl/project.schema.json\n"
                                              "# 档案：2025 年预算项目绩效目标（科室初稿）\n\n# 项目名称：以预算批复为准\nname: 法律顾问服务经费\n")
    lines = read("comments-start.formatted").splitlines()
    assert lines[:4] == ["# yaml-language-server: $schema=../../../data/.perfctl/project.schema.json",
                         "# 档案：2025 年预算项目绩效目标（科室初稿）", "", "format: 1"]
    assert lines[7:11] == ["# 年度", "year: 2025", "# 项目名称：以预算批复为准", "name: 法律顾问服务经费"]


def test_comments_between_keys_stay_above_their_key_or_row_when_keys_are_reordered():
    lines = read("comments-between.formatted").splitlines()
    assert lines[1:6] == ["# 部门信息以编码为准", "department:", "  code: '389101'      # 部门编码",
                          "  # 名称随机构改革变更过", "  name: 测试部门"]
    assert lines[7:13] == ["name: 法律顾问服务经费", "", "# 单位：元（不是万元）", "money_unit: 元", "# 资金来源", "budget:"]
    assert lines[13:18] == ["  # 预算总额", "  total: '30000.00'", "  # 财政拨款", "  fiscal: '30000.00'", "  other: '0.00'"]
    assert lines[19:21] == ["  # 一句话写清产出和效果", "  - 为部门提供全年法律咨询、合同审核和诉讼代理服务，保障依法行政。"]
    # a row's comments: above the row; above level1 (now on the row's line): above the row;
    # above a key: above that key; below the row's last key: at the end of the row
    assert lines[22:36] == ["  # ---- 产出指标 ----", "  # 一级指标按 2021 年框架", "  - level1: 产出指标",
                            "    level2: 数量指标", "    # 名称沿用上年", "    name: 合同审核份数", "    target: '≥40份'",
                            "    # 份数按台账统计", "", "  # ---- 满意度指标 ----", "  - level1: 满意度指标",
                            "    # 问卷", "    level2: 服务对象满意度指标", "    name: 部门满意度"]


def test_the_closing_comments_stay_at_the_end_when_the_keys_before_them_move():
    assert read("comments-end").endswith("  - 为部门提供全年法律咨询、合同审核和诉讼代理服务，保障依法行政。\n\n"
                                         "# 文件结束：待科长审核\n# 审核人：张三\n")
    assert read("comments-end.formatted").endswith("    target: ≥40份\n    # 份数按台账统计\n\n"
                                                   "# 文件结束：待科长审核\n# 审核人：张三\n")


def test_white_space_inside_values_is_kept_except_in_a_target_the_grammar_rewrites():
    before, after = (yamlio.parse(read(n)) for n in ("whitespace", "whitespace.formatted"))
    changed = {p: (before.texts[p], after.texts[p]) for p in before.texts if before.texts[p] != after.texts[p]}
    assert changed == {("indicators", 0, "target"): ("≥ 40\u3000份", "≥40份")}
    assert after.texts[("name",)] == "法律顾问  服务经费" and after.texts[("department", "name")] == "测试部门\u3000办公室"
    # a value that begins or ends with a full-width space gets quotes, so that no editor trims it
    assert "  - '为部门提供法律咨询\u3000合同审核和诉讼代理服务，保障依法行政。\u3000'\n" in read("whitespace.formatted")


def test_a_file_with_tabs_that_lint_accepts_is_formatted(tmp_path):
    victim = tmp_path / "tab.yaml"
    shutil.copyfile(FMT / "tab.yaml", victim)
    assert run_perfctl("lint", victim).returncode in (0, 1)  # read: findings, not an input error
    r = run_perfctl("fmt", victim)
    assert (r.returncode, victim.read_text(encoding="utf-8")) == (0, read("tab.formatted"))
    lines = read("tab.formatted").splitlines()
    # a tab between tokens becomes a space; a tab inside a value is kept (double quotes show it); a comment keeps its tabs
    assert lines[4:6] == ["year: 2025 # 年度", 'name: "法律顾问\\t服务经费"']
    assert lines[-1] == "    target: ≥40份 #\t按台账"
    assert yamlio.parse(read("tab.formatted")).texts == yamlio.parse(read("tab")).texts


@pytest.mark.parametrize(("written", "untabbed"), [
    ("a:\tb\n", "a: b\n"),
    ("a: b\t# x\ty\n", "a: b # x\ty\n"),
    ("a: 'b\tc'\n", "a: 'b\tc'\n"),
    ("a: b\tc\n", 'a: "b\\tc"\n'),
    ("a: |\n  b\tc\n", "a: |\n  b\tc\n"),
    ("a: [b,\tc]\n", "a: [b, c]\n"),
])
def test_untab_changes_layout_only(written, untabbed):
    assert spans.untab(written) == untabbed
    assert yamlio.parse(untabbed).data == yamlio.parse(written).data


def test_an_invisible_character_is_reported_at_its_line_and_column(tmp_path):
    text = GOOD.replace("name: 测试项目", "name: 测试\u200b项目").replace("完成测试任务。", "完成\ufeff测试任务。")
    text = text.replace("name: 培训人次", 'name: "培训\\u00ad人次"')
    p = write(tmp_path, {"p.yaml": text}) / "p.yaml"
    r = run_perfctl("lint", "--select", "PT-V15", p)
    assert r.stdout.splitlines()[1:4] == [
        "  6:9    warning  PT-V15  invisible character U+200B (ZERO WIDTH SPACE) in '测试\\u200b项目'; delete it",
        "  13:7   warning  PT-V15  invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE) in '完成\\ufeff测试任务。'; delete it",
        "  17:11  warning  PT-V15  invisible character U+00AD (SOFT HYPHEN) in '培训\\u00ad人次'; delete it",
    ]
    # fmt keeps them: deleting is the writer's decision
    assert "name: 测试\u200b项目\n" in format_text(text)


def test_every_format_control_is_invisible():
    cf = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert len(cf) > 150 and all(INVISIBLE.fullmatch(c) for c in cf)


def test_render_md_keeps_full_width_spaces_at_the_ends_of_a_value(tmp_path):
    text = GOOD.replace("name: 培训人次", "name: '\u3000培训  人次\u3000'")
    p = write(tmp_path, {"p.yaml": text}) / "p.yaml"
    r = run_perfctl("render", "--format", "md", p)
    assert r.returncode == 0 and "| \u3000培训  人次\u3000 |" in r.stdout
