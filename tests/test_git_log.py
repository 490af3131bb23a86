"""``perfctl log``: semantic changes per commit, newest first."""

from __future__ import annotations

import json

import pytest

from conftest import run_perfctl, write
from fixtures.diff.gitrepo import FIRST, acceptance_edit, budget_edit, commit, env, seed_repo

NAME = "第四届京津冀自贸试验区联席活动项目"


@pytest.fixture
def repo(tmp_path):
    repo = seed_repo(tmp_path)
    acceptance_edit(repo / FIRST)
    commit(repo, "放宽参会人数目标，增加预算", date="2025-03-02T09:00:00+08:00")
    text = (repo / FIRST).read_text(encoding="utf-8")
    (repo / FIRST).write_text(text.replace("    description: 发言嘉宾数量\n", ""), encoding="utf-8")  # a description dropped
    write(repo, {"README.md": "not a project\n"})
    commit(repo, "删除一项指标说明", date="2025-03-03T09:00:00+08:00")
    write(repo, {"README.md": "still not a project\n"})
    commit(repo, "docs only", date="2025-03-04T09:00:00+08:00")
    return repo


def log(repo, *args):
    r = run_perfctl("log", *args, cwd=repo, env=env())
    assert r.returncode == 0, r.stderr
    return r


def test_lists_each_commit_with_its_changes_newest_first(repo):
    out = log(repo, "data").stdout
    commits = [line.split("  ")[3] for line in out.splitlines() if line.startswith("commit ")]
    assert commits == ["删除一项指标说明", "放宽参会人数目标，增加预算", "seed store"]  # "docs only" changed no project
    middle = out.split("commit ")[2]
    assert middle.splitlines()[1:] == [
        f"  {NAME} (389101 · 2025)  {middle[:12]}:{FIRST}",
        "    review    budget-total-changed   预算数: 200000.00 → 250000.00 元, +50000.00 (+25.0%)",
        "    review    budget-fiscal-changed  其中：财政资金: 200000.00 → 250000.00 元, +50000.00 (+25.0%)",
        "    breaking  target-loosened        产出指标 › 数量指标 › 邀请参会人员数量: ≥50人 → ≥30人",
        "    info      indicator-added        产出指标 › 质量指标 › 会议资料发放完整率: 100%",
        "    breaking  indicator-removed      产出指标 › 成本指标 › 场地使用费: ≤12万元",
        "",
    ]
    assert "description-edited     产出指标 › 数量指标 › 发言嘉宾数量: 发言嘉宾数量" in out
    assert out.endswith("3 commits with changes; 6 projects changed; 10 changes: 2 breaking, 6 review, 2 info\n")


def test_markdown_change_log(repo):
    out = log(repo, "--format", "markdown", "-n", "2").stdout
    assert out.startswith("# Change log\n\n## 2025-03-03 · 删除一项指标说明\n")
    assert "## 2025-03-02 · 放宽参会人数目标，增加预算\n" in out
    assert "| breaking | target-loosened | 产出指标 › 数量指标 › 邀请参会人员数量 | ≥50人 → ≥30人 |" in out
    assert "seed store" not in out


def test_json_and_a_range(repo):
    data = json.loads(log(repo, "--format", "json", "--rev", "HEAD~3..HEAD~2").stdout)
    assert [c["subject"] for c in data] == ["放宽参会人数目标，增加预算"]
    assert data[0]["date"] == "2025-03-02T09:00:00+08:00"
    assert data[0]["summary"] == {"projects": 1, "changes": 5, "breaking": 2, "review": 2, "info": 1}


def test_a_broken_version_in_history_is_a_warning(repo):
    write(repo, {"data/broken.yaml": "format: [\n"})
    broken = commit(repo, "broken")
    budget_edit(repo / FIRST, "250000.00")
    (repo / FIRST).write_text((repo / FIRST).read_text(encoding="utf-8").replace("250000.00", "260000.00"), encoding="utf-8")
    commit(repo, "budget")
    r = log(repo, "-n", "2")
    assert r.stderr == (f"perfctl: warning: {broken[:12]}:data/broken.yaml:2:1: invalid YAML: did not find expected "
                        f"node content (while parsing a flow node) (left out of commit {broken[:12]})\n")
    assert "budget-total-changed" in r.stdout


def test_outside_a_repository(tmp_path):
    r = run_perfctl("log", cwd=tmp_path, env=env(GIT_CEILING_DIRECTORIES=str(tmp_path.parent)))
    assert (r.returncode, r.stderr) == (2, "perfctl: not inside a git repository: perfctl log reads git history\n")


def test_bad_revision_is_exit_2(repo):
    r = run_perfctl("log", "--rev", "nope", cwd=repo, env=env())
    assert r.returncode == 2 and r.stderr.startswith("git log: fatal: ")


def test_a_project_broken_in_a_commit_is_not_reported_removed(repo):
    path = repo / FIRST
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2025", "year: [2025"), encoding="utf-8")
    broken = commit(repo, "break the first project")
    r = log(repo, "-n", "1", "--format", "json")
    assert "(left out of commit" in r.stderr
    commits = json.loads(r.stdout)
    assert broken not in [c["commit"] for c in commits]
    assert all(ch["kind"] != "project-removed" for c in commits for p in c["projects"] for ch in p["changes"])
