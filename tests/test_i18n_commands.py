"""The Chinese and English UI of diff, log, fmt, new, init and the refusals of safewrite:
the words a person reads follow --lang, the machine formats (diff --format json) keep their
English kind and level codes, and counts read right in both languages (ngettext)."""

from __future__ import annotations

import json

import pytest

from conftest import GOOD, run_perfctl, write
from fixtures.diff.gitrepo import FIRST, acceptance_edit, commit, env, seed_repo
from perfctl import i18n
from perfctl.authoring import safewrite
from perfctl.commands import new as new_cmd
from perfctl.errors import InputError
from perfctl.terminal import width

ALL_FLAGS = ("--name", "法律服务经费", "--dept", "389101", "--dept-name", "测试局", "--year", "2026",
             "--budget", "30000", "--unit", "元", "--profile", "national-2021")
#: GOOD with its target loosened (≥500人次 → ≥300人次) and its budget raised by a quarter.
LOOSENED = GOOD.replace("≥500人次", "≥300人次").replace("200000.00", "250000.00")


def perfctl(*args, cwd=None, **kw):
    return run_perfctl(*args, cwd=cwd, input="", **kw)


@pytest.fixture
def pair(tmp_path):
    return write(tmp_path, {"old.yaml": GOOD, "new.yaml": LOOSENED})


# ---------------------------------------------------------------- diff


def test_diff_text_in_chinese_names_the_loosened_target_with_its_values(pair):
    r = perfctl("--lang", "zh", "diff", "old.yaml", "new.yaml", cwd=pair)
    assert (r.returncode, r.stderr) == (0, "")
    lines = r.stdout.splitlines()
    assert lines[0] == "测试项目（389101 · 2025）  new.yaml"
    assert lines[1:4] == [
        "  复核  预算数变更    预算数：200000.00 → 250000.00 元，+50000.00（+25.0%）",
        "  复核  财政资金变更  其中：财政资金：200000.00 → 250000.00 元，+50000.00（+25.0%）",
        "  重大  目标放宽      产出指标 › 数量指标 › 培训人次：≥500人次 → ≥300人次",
    ]
    assert lines[-1] == "old.yaml → new.yaml：1个项目有变更；3处变更：重大1处，复核2处"
    # the kind column is padded by display width: every "where" starts at the same column
    starts = {width(line[:line.index(where)]) for line, where in zip(lines[1:4], ("预算数：", "其中", "产出指标"))}
    assert len(starts) == 1
    assert "target-loosened" not in r.stdout and "breaking" not in r.stdout


def test_diff_text_in_english_is_as_before(pair):
    r = perfctl("--lang", "en", "diff", "old.yaml", "new.yaml", cwd=pair)
    assert r.stdout.splitlines()[1:4] == [
        "  review    budget-total-changed   预算数: 200000.00 → 250000.00 元, +50000.00 (+25.0%)",
        "  review    budget-fiscal-changed  其中：财政资金: 200000.00 → 250000.00 元, +50000.00 (+25.0%)",
        "  breaking  target-loosened        产出指标 › 数量指标 › 培训人次: ≥500人次 → ≥300人次",
    ]
    assert r.stdout.endswith("old.yaml → new.yaml: 1 project changed; 3 changes: 1 breaking, 2 review\n")


def test_diff_json_keeps_english_codes_in_chinese(pair):
    zh = perfctl("--lang", "zh", "diff", "old.yaml", "new.yaml", "--format", "json", cwd=pair)
    en = perfctl("--lang", "en", "diff", "old.yaml", "new.yaml", "--format", "json", cwd=pair)
    assert zh.stdout == en.stdout
    data = json.loads(zh.stdout)
    assert data["summary"] == {"projects": 1, "changes": 3, "breaking": 1, "review": 2, "info": 0}
    (project,) = data["projects"]
    assert project["status"] == "modified"
    assert [(c["kind"], c["level"], c["old"], c["new"]) for c in project["changes"]][2] == (
        "target-loosened", "breaking", "≥500人次", "≥300人次")


def test_diff_markdown_and_table_in_chinese(pair):
    md = perfctl("--lang", "zh", "diff", "old.yaml", "new.yaml", "--format", "markdown", cwd=pair).stdout
    assert md.startswith("## 变更：old.yaml → new.yaml\n\n1个项目有变更；3处变更：重大1处，复核2处。\n")
    assert "| 级别 | 变更 | 位置 | 详情 |" in md
    assert "| 重大 | 目标放宽 | 产出指标 › 数量指标 › 培训人次 | ≥500人次 → ≥300人次 |" in md
    table = perfctl("--lang", "zh", "diff", "old.yaml", "new.yaml", "--format", "table", cwd=pair).stdout.splitlines()
    assert table[0].split() == ["状态", "部门编码", "预算年度", "项目名称", "预算数", "指标行", "+/−", "收紧", "放宽", "其他"]
    assert table[1].split()[:4] == ["修改", "389101", "2025", "测试项目"]


def test_diff_without_changes_and_a_usage_error_in_chinese(pair):
    same = perfctl("--lang", "zh", "diff", "old.yaml", "old.yaml", cwd=pair)
    assert same.stdout == "old.yaml → old.yaml：无实质变更\n"
    (pair / "folder").mkdir()
    bad = perfctl("--lang", "zh", "diff", "old.yaml", "folder", cwd=pair)
    assert bad.returncode == 2 and "无法将文件与文件夹比较：old.yaml 和 folder" in bad.stderr
    fail_on = perfctl("--lang", "zh", "diff", "old.yaml", "new.yaml", "--fail-on", "nope", cwd=pair)
    assert fail_on.returncode == 2 and "--fail-on 'nope'：既不是级别（breaking, review, info），也不是变更类型" in fail_on.stderr


def test_git_diff_and_log_in_chinese(tmp_path):
    repo = seed_repo(tmp_path)
    acceptance_edit(repo / FIRST)
    worktree = run_perfctl("--lang", "zh", "diff", cwd=repo, env=env())
    assert worktree.stdout.endswith("\nHEAD → 工作区：1个项目有变更；5处变更：重大2处，复核2处，提示1处\n")
    data = json.loads(run_perfctl("--lang", "zh", "diff", "--format", "json", cwd=repo, env=env()).stdout)
    assert (data["old"], data["new"]) == ("HEAD", "working tree")  # JSON keeps the label as it is
    commit(repo, "放宽参会人数目标", date="2025-03-02T09:00:00+08:00")
    r = run_perfctl("--lang", "zh", "log", "-n", "1", "data", cwd=repo, env=env())
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("提交 ") and "  放宽参会人数目标\n" in r.stdout.splitlines(keepends=True)[0]
    assert "    重大  目标放宽      产出指标 › 数量指标 › 邀请参会人员数量：≥50人 → ≥30人\n" in r.stdout
    assert r.stdout.endswith("1个提交有变更；1个项目有变更；5处变更：重大2处，复核2处，提示1处\n")


# ---------------------------------------------------------------- fmt


@pytest.mark.parametrize("lang, one, two", [
    ("en", "1 file would be reformatted, 1 unchanged", "2 files would be reformatted, 0 unchanged"),
    ("zh", "1个文件需要重新格式化，1个未变", "2个文件需要重新格式化，0个未变"),
])
def test_fmt_check_summary_counts_files_in_both_languages(tmp_path, lang, one, two):
    off = GOOD.replace("≥500人次", "'>=500人次'")
    write(tmp_path, {"a/good.yaml": GOOD, "a/off.yaml": off, "b/one.yaml": off, "b/two.yaml": off})
    r = perfctl("--lang", lang, "fmt", "--check", tmp_path / "a")
    assert r.returncode == 1 and r.stderr.splitlines()[-1] == one
    would = "would reformat" if lang == "en" else "需要重新格式化："
    assert r.stderr.splitlines()[0].startswith(would)
    r = perfctl("--lang", lang, "fmt", "--check", tmp_path / "b")
    assert r.returncode == 1 and r.stderr.splitlines()[-1] == two


def test_fmt_writes_and_says_so_in_chinese(tmp_path):
    p = write(tmp_path, {"p.yaml": GOOD.replace("≥500人次", "'>=500人次'")}) / "p.yaml"
    r = perfctl("--lang", "zh", "fmt", p)
    assert r.returncode == 0
    assert r.stderr.splitlines() == [f"已重新格式化 {p}", "1个文件已重新格式化，0个未变"]


# ---------------------------------------------------------------- new and init


def test_new_without_a_terminal_names_the_missing_flags_in_chinese(tmp_path):
    r = perfctl("--lang", "zh", "new", "--budget", "3", "--into", tmp_path)
    assert r.returncode == 2
    assert "缺少 --name, --dept, --dept-name, --year, --unit, --profile（标准输入不是终端，perfctl new 不会提问；" in r.stderr
    assert list(tmp_path.iterdir()) == []
    en = perfctl("--lang", "en", "new", "--budget", "3", "--into", tmp_path)
    assert en.returncode == 2 and "perfctl: missing --name, --dept" in en.stderr


def test_new_asks_in_chinese_and_says_what_it_created(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"perfctl.yaml": "department: {code: '120001', name: 示例部门}\nyear: 2027\nprofile: legacy-2015\n"})
    asked = []

    def ask(question):
        asked.append(question)
        return {"项目名称：": "示例项目", "预算数：": "500", "金额单位（元或万元）：": "元"}[question]

    monkeypatch.chdir(tmp_path)
    i18n.use("zh")
    assert new_cmd.run(ask=ask, name=None, dept=None, dept_name=None, year=None, budget=None, fiscal=None,
                       other=None, unit=None, profile=None) == 0
    assert asked == ["项目名称：", "预算数：", "金额单位（元或万元）："]
    assert "已创建 120001/2027/示例项目.yaml" in capsys.readouterr().err.splitlines()
    exists = perfctl("--lang", "zh", "new", *ALL_FLAGS, "--into", tmp_path)
    assert exists.returncode == 0
    again = perfctl("--lang", "zh", "new", *ALL_FLAGS, "--into", tmp_path)
    assert again.returncode == 2
    assert "已存在；perfctl new 从不覆盖文件（请另选 --name，或删除该文件）" in again.stderr


def test_init_in_chinese_and_its_count_in_both_languages(tmp_path):
    store = tmp_path / "tables"
    r = perfctl("--lang", "zh", "init", store, "--no-git")
    assert r.returncode == 0, r.stderr
    err = r.stderr.splitlines()
    assert f"已创建 {store / 'perfctl.yaml'}" in err
    assert "perfctl：这不是 git 仓库；请运行 `git init`，以保留每次变更的历史" in err
    assert err[-1] == f"目标表库已在 {store} 就绪（创建了8个文件）"
    (store / "README.md").unlink()
    again = perfctl("--lang", "zh", "init", store, "--no-git")
    assert f"已存在，未改动：{store / 'perfctl.yaml'}" in again.stderr
    assert again.stderr.splitlines()[-1] == f"目标表库已在 {store} 就绪（创建了1个文件）"
    (store / "README.md").unlink()
    en = perfctl("--lang", "en", "init", store, "--no-git")
    assert en.stderr.splitlines()[-1] == f"store ready in {store} (1 file created)"
    assert perfctl("--lang", "en", "init", store, "--no-git").stderr.splitlines()[-1] == (
        f"store ready in {store} (0 files created)")


# ---------------------------------------------------------------- safewrite's refusals


def test_a_write_that_would_lose_comments_is_refused_in_chinese(tmp_path):
    p = write(tmp_path, {"p.yaml": GOOD + "# 不要删\n"}) / "p.yaml"
    i18n.use("zh")
    with pytest.raises(InputError) as exc:
        safewrite.write(p, GOOD)
    assert str(exc.value) == f"{p}:19: 未写入：新内容会丢失注释 '# 不要删'；请先移动或删除这些注释"
    p.write_text(GOOD + "# 一\n# 二\n# 三\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        safewrite.write(p, GOOD)
    assert str(exc.value) == f"{p}:19: 未写入：新内容会丢失注释 '# 一'（另有2条）；请先移动或删除这些注释"
    assert p.read_text(encoding="utf-8") == GOOD + "# 一\n# 二\n# 三\n"
    i18n.use("en")
    with pytest.raises(InputError, match=r"would lose the comment '# 一' \(and 2 more\); move or delete"):
        safewrite.write(p, GOOD)


def test_an_output_path_the_run_reads_is_refused_in_chinese(tmp_path):
    p = write(tmp_path, {"p.yaml": GOOD}) / "p.yaml"
    i18n.use("zh")
    with pytest.raises(InputError) as exc:
        safewrite.output_target(p, [p])
    assert str(exc.value) == f"{p}: 未写入：本次运行读取此文件；请另选输出路径"
