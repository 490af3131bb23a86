"""``perfctl diff`` through the command line, in throwaway git repositories: the acceptance
scenario of issue #4, the operand forms, exit codes and output formats."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import run_perfctl, write
from fixtures.diff.gitrepo import FIRST, acceptance_edit, budget_edit, commit, env, git, seed_repo

NAME = "第四届京津冀自贸试验区联席活动项目"
FIRST_TEXT = str(FIRST)

ACCEPTANCE_TEXT = f"""\
{NAME} (389101 · 2025)  {FIRST_TEXT}
  review    budget-total-changed   预算数: 200000.00 → 250000.00 元, +50000.00 (+25.0%)
  review    budget-fiscal-changed  其中：财政资金: 200000.00 → 250000.00 元, +50000.00 (+25.0%)
  breaking  target-loosened        产出指标 › 数量指标 › 邀请参会人员数量: ≥50人 → ≥30人
  info      indicator-added        产出指标 › 质量指标 › 会议资料发放完整率: 100%
  breaking  indicator-removed      产出指标 › 成本指标 › 场地使用费: ≤12万元

HEAD → working tree: 1 project changed; 5 changes: 2 breaking, 2 review, 1 info
"""


def perfctl(repo, *args):
    return run_perfctl(*args, cwd=repo, env=env())


@pytest.fixture
def repo(tmp_path):
    return seed_repo(tmp_path)


def test_acceptance_scenario_reports_exactly_the_semantic_changes(repo):
    acceptance_edit(repo / FIRST)
    r = perfctl(repo, "diff")
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout == ACCEPTANCE_TEXT


def test_acceptance_scenario_as_json(repo):
    acceptance_edit(repo / FIRST)
    data = json.loads(perfctl(repo, "diff", "--format", "json").stdout)
    assert data["summary"] == {"projects": 1, "changes": 5, "breaking": 2, "review": 2, "info": 1}
    (project,) = data["projects"]
    assert (project["name"], project["status"], project["old_path"], project["new_path"]) == (
        NAME, "modified", f"HEAD:{FIRST_TEXT}", FIRST_TEXT)
    assert [(c["kind"], c["old"], c["new"], c.get("delta"), c.get("percent")) for c in project["changes"]] == [
        ("budget-total-changed", "200000.00", "250000.00", "+50000.00", "+25.0"),
        ("budget-fiscal-changed", "200000.00", "250000.00", "+50000.00", "+25.0"),
        ("target-loosened", "≥50人", "≥30人", None, None),
        ("indicator-added", None, "100%", None, None),
        ("indicator-removed", "≤12万元", None, None, None),
    ]
    assert project["changes"][2]["indicator"] == {"level1": "产出指标", "level2": "数量指标", "name": "邀请参会人员数量"}


def test_fail_on_breaking_exits_1_on_the_scenario_and_0_on_budget_alone(repo, tmp_path):
    acceptance_edit(repo / FIRST)
    assert perfctl(repo, "diff", "--fail-on", "breaking").returncode == 1
    assert perfctl(repo, "diff", "--fail-on", "target-loosened").returncode == 1
    git(repo, "checkout", "--", ".")
    budget_edit(repo / FIRST)
    r = perfctl(repo, "diff", "--fail-on", "breaking")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "budget-total-changed" in r.stdout
    assert perfctl(repo, "diff", "--fail-on", "review").returncode == 1
    assert perfctl(repo, "diff", "--fail-on", "budget-fiscal-changed").returncode == 1


def test_store_config_overrides_levels(repo):
    write(repo, {"perfctl.yaml": "diff:\n  levels:\n    target-loosened: info\n    indicator-removed: review\n"})
    acceptance_edit(repo / FIRST)
    r = perfctl(repo, "diff", "--fail-on", "breaking")
    assert r.returncode == 0
    assert "  info      target-loosened" in r.stdout


def test_unknown_kind_in_config_is_an_input_error_with_position(repo):
    write(repo, {"perfctl.yaml": "diff:\n  levels:\n    target-loose: info\n"})
    r = perfctl(repo, "diff")
    assert r.returncode == 2
    assert r.stderr.startswith(f"{repo / 'perfctl.yaml'}:3:5: diff.levels: unknown change kind 'target-loose'")


def test_between_revisions_and_rev_path(repo):
    acceptance_edit(repo / FIRST)
    commit(repo, "loosen")
    expected = ACCEPTANCE_TEXT.replace(f"  {FIRST_TEXT}\n", f"  HEAD:{FIRST_TEXT}\n")
    assert perfctl(repo, "diff", "HEAD~1", "HEAD").stdout == expected.replace("HEAD → working tree", "HEAD~1 → HEAD")
    assert perfctl(repo, "diff", "HEAD~1", "HEAD", "data/389101").stdout.endswith("5 changes: 2 breaking, 2 review, 1 info\n")
    r = perfctl(repo, "diff", f"HEAD~1:{FIRST_TEXT}", f"HEAD:{FIRST_TEXT}")
    assert "HEAD~1:data" in r.stdout and "target-loosened" in r.stdout
    r = perfctl(repo, "diff", "HEAD~1:data")  # against the same folder now
    assert r.stdout.endswith("HEAD~1:data → data: 1 project changed; 5 changes: 2 breaking, 2 review, 1 info\n")
    r = perfctl(repo, "diff", "HEAD~1", "--format", "json")  # a revision against the working tree
    assert json.loads(r.stdout)["summary"]["changes"] == 5


def test_two_folders_and_two_files_need_no_git(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(seed_repo(tmp_path) / "data", old)
    shutil.copytree(old, new)
    acceptance_edit(new / FIRST.relative_to("data"))
    # a moved file is still the same project
    moved = new / "389101" / "2025" / "自贸区法律服务经费.yaml"
    moved.rename(new / "moved.yaml")
    r = run_perfctl("diff", old, new, env=env(GIT_CEILING_DIRECTORIES=str(tmp_path)))
    assert r.returncode == 0, r.stderr
    assert r.stdout.endswith(": 1 project changed; 5 changes: 2 breaking, 2 review, 1 info\n")
    r = run_perfctl("diff", old / FIRST.relative_to("data"), new / FIRST.relative_to("data"))
    assert "target-loosened" in r.stdout and r.returncode == 0


def test_reordering_and_equivalent_units_are_no_change(repo):
    text = (repo / FIRST).read_text(encoding="utf-8")
    (repo / FIRST).write_text(text.replace("≤8万元", "≤80000元").replace("≥90%", "'>=90%'"), encoding="utf-8")
    r = perfctl(repo, "diff", "--fail-on", "info")
    assert (r.returncode, r.stdout) == (0, "HEAD → working tree: no semantic changes\n")


def test_only_changed_files_are_parsed(repo):
    """A broken file that did not change is never read; a broken changed file is exit 2 with its position."""
    write(repo, {"data/broken.yaml": "format: 1\nyear: [\n"})
    commit(repo, "a broken file")
    budget_edit(repo / FIRST)
    r = perfctl(repo, "diff", "HEAD")
    assert r.returncode == 0, r.stderr
    write(repo, {"data/broken.yaml": "format: [\n"})
    r = perfctl(repo, "diff")
    assert r.returncode == 2
    # both versions changed and are broken: each is named, the old one as REV:PATH
    assert [line.split(": ")[0] for line in r.stderr.splitlines()] == [
        "HEAD:data/broken.yaml:3:1", "data/broken.yaml:2:1", "perfctl"]
    assert "Traceback" not in r.stderr


def test_untracked_and_deleted_files(repo):
    shutil.copy(repo / FIRST, repo / "data" / "copy.yaml")
    text = (repo / "data" / "copy.yaml").read_text(encoding="utf-8")
    (repo / "data" / "copy.yaml").write_text(text.replace(f"name: {NAME}", "name: 新项目"), encoding="utf-8")
    (repo / "data/389101/2025/自贸区法律服务经费.yaml").unlink()
    r = perfctl(repo, "diff")
    assert "project-added          项目名称: 新项目" in r.stdout
    assert "project-removed        项目名称: 自贸区法律服务经费" in r.stdout


@pytest.mark.parametrize("args, message", [
    (["nope"], "nope: not a file, folder or git revision"),
    (["data", "HEAD"], "perfctl: perfctl diff [OLD [NEW]] [PATH...]"),
    (["data", FIRST_TEXT], "perfctl: cannot compare a file with a folder"),
    (["--fail-on", "severe"], "perfctl: --fail-on 'severe': not a level"),
    (["HEAD:nope.yaml"], "HEAD:nope.yaml: no such file or folder at that revision"),
])
def test_usage_and_input_errors_exit_2_without_traceback(repo, args, message):
    r = perfctl(repo, "diff", *args)
    assert r.returncode == 2
    assert r.stderr.startswith(message), r.stderr
    assert "Traceback" not in r.stderr


def test_outside_git_without_operands_is_a_usage_error(tmp_path):
    r = run_perfctl("diff", cwd=tmp_path, env=env(GIT_CEILING_DIRECTORIES=str(tmp_path.parent)))
    assert r.returncode == 2
    assert r.stderr.startswith("perfctl: not inside a git repository")


def test_markdown_marks_text_edits_with_del_and_ins(repo):
    text = (repo / FIRST).read_text(encoding="utf-8")
    (repo / FIRST).write_text(text.replace("purpose: 通过召开第四届", "purpose: 通过召开第五届"), encoding="utf-8")
    r = perfctl(repo, "diff", "--format", "markdown")
    assert r.stdout.startswith("## Changes: HEAD → working tree\n\n1 project changed; 1 change: 1 review.\n")
    assert "| review | purpose-edited | 预算规模及资金用途 | 通过召开第<del>四</del><ins>五</ins>届京津冀自贸试验区联席活… |" in r.stdout


def test_text_has_no_colour_when_piped(repo):
    acceptance_edit(repo / FIRST)
    assert "\x1b[" not in perfctl(repo, "diff").stdout


def _run_on_a_terminal(repo, **extra):
    """Run ``perfctl diff`` with stdout on a pseudo-terminal; returns what it printed."""
    import os
    import pty
    import subprocess
    import sys

    main, child = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "perfctl", "diff"], cwd=repo, env=env(**extra), stdout=child,
                          stderr=subprocess.PIPE)
    os.close(child)
    out = b""
    try:
        while chunk := os.read(main, 65536):
            out += chunk
    except OSError:  # EIO once the terminal is drained
        pass
    os.close(main)
    assert proc.returncode == 0, proc.stderr
    return out.decode("utf-8")


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color(repo):
    acceptance_edit(repo / FIRST)
    assert "\x1b[1;31mbreaking" in _run_on_a_terminal(repo, TERM="xterm")
    assert "\x1b[" not in _run_on_a_terminal(repo, TERM="xterm", NO_COLOR="1")


WAN_OLD = """\
format: 1
department:
  code: '120001'
  name: 示例部门
year: 2024
name: 示例项目
money_unit: 万元
budget:
  total: '80.000000'
  fiscal: '80.000000'
  other: '0.000000'
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 培训人次
    target: ≥100人次
"""


def test_wan_yuan_changes_print_as_people_write_them_and_json_keeps_the_files_text(tmp_path):
    new = WAN_OLD.replace("total: '80.000000'", "total: '380.000000'").replace("fiscal: '80.000000'", "fiscal: '380.123456'")
    write(tmp_path, {"a/p.yaml": WAN_OLD, "b/p.yaml": new})
    r = run_perfctl("diff", tmp_path / "a", tmp_path / "b", cwd=tmp_path)
    assert "  review    budget-total-changed   预算数: 80.00 → 380.00 万元, +300.00 (+375.0%)\n" in r.stdout
    assert "  review    budget-fiscal-changed  其中：财政资金: 80.00 → 380.123456 万元, +300.123456 (+375.2%)\n" in r.stdout
    assert "000000" not in r.stdout
    md = run_perfctl("diff", tmp_path / "a", tmp_path / "b", "--format", "markdown", cwd=tmp_path).stdout
    assert "| review | budget-total-changed | 预算数 | 80.00 → 380.00 万元, +300.00 (+375.0%) |\n" in md
    table = run_perfctl("diff", tmp_path / "a", tmp_path / "b", "--format", "table", cwd=tmp_path).stdout
    assert "80.00 → 380.00 万元 (+375.0%)" in table
    data = json.loads(run_perfctl("diff", tmp_path / "a", tmp_path / "b", "--format", "json", cwd=tmp_path).stdout)
    total = data["projects"][0]["changes"][0]
    assert (total["old"], total["new"], total["delta"]) == ("80.000000", "380.000000", "+300.000000")  # exact, for machines
