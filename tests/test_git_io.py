"""The git CLI wrapper: raw diffs, blob reads, logs, Chinese file names."""

from __future__ import annotations

import pytest

from conftest import write
from fixtures.diff.gitrepo import FIRST, commit, env, seed_repo
from perfctl import gitio
from perfctl.errors import InputError


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for key, value in env().items():
        monkeypatch.setenv(key, value)
    return seed_repo(tmp_path)


def test_diff_raw_and_read_blobs(repo):
    before = (repo / FIRST).read_bytes()
    (repo / FIRST).write_bytes(before.replace("≥50人".encode(), "≥30人".encode()))
    (change,) = gitio.diff_raw("HEAD", None, ["."], repo)
    assert (change.status, change.path, change.new_oid) == ("M", str(FIRST), gitio.NULL_OID)
    blobs = gitio.read_blobs([change.old_oid, f"HEAD:{FIRST}", "HEAD:nope.yaml"], repo)
    assert blobs == {change.old_oid: before, f"HEAD:{FIRST}": before, "HEAD:nope.yaml": None}
    new = commit(repo, "loosen")
    (change,) = gitio.diff_raw("HEAD~1", new, ["data"], repo)
    assert change.new_oid != gitio.NULL_OID


def test_moves_are_a_deletion_and_an_addition(repo):
    (repo / FIRST).rename(repo / "data" / "新位置.yaml")
    commit(repo, "move")
    changes = gitio.diff_raw("HEAD~1", "HEAD", [], repo)
    assert sorted((c.status, c.path) for c in changes) == [("A", "data/新位置.yaml"), ("D", str(FIRST))]


def test_untracked_resolve_and_prefix(repo):
    write(repo, {"data/新项目.yaml": "x: 1\n", "data/sub/.hidden": ""})
    assert gitio.untracked(["data"], repo) == ["data/sub/.hidden", "data/新项目.yaml"]
    assert gitio.resolve("HEAD", repo) == gitio.resolve("main", repo)
    assert gitio.resolve("nope", repo) is None
    assert gitio.resolve("--all", repo) is None
    assert gitio.show_prefix(repo / "data") == "data/"
    assert gitio.object_type("HEAD:data", repo) == "tree"
    assert gitio.toplevel(repo / "data") == repo


def test_ls_tree_lists_regular_files_under_a_prefix(repo):
    files = gitio.ls_tree("HEAD", "data/389101", repo)
    assert len(files) == 4 and str(FIRST) in files
    assert all(p.startswith("data/389101/") for p in files)


def test_log_reads_subjects_and_changes(repo):
    (repo / FIRST).write_text("changed\n", encoding="utf-8")
    commit(repo, "改：第一个项目 | with \t odd characters", date="2025-04-01T08:00:00+08:00")
    newest, seed = gitio.log(["data"], cwd=repo)
    assert (newest.subject, newest.author, newest.date) == ("改：第一个项目 | with \t odd characters", "审核员",
                                                            "2025-04-01T08:00:00+08:00")
    assert [(c.status, c.path) for c in newest.changes] == [("M", str(FIRST))]
    assert newest.parents == [seed.oid] and seed.parents == []
    projects = [c for c in seed.changes if c.path.endswith(".yaml")]
    assert len(projects) == 4 and all(c.status == "A" for c in seed.changes)


def test_git_errors_are_input_errors(repo):
    with pytest.raises(InputError, match="^git log: fatal: "):
        gitio.log(["."], "nope", cwd=repo)
    with pytest.raises(InputError, match="not a revision"):
        gitio.log(["."], "--all", cwd=repo)
