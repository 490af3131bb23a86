"""One project, one file: a store holding the same project (department, year, 项目名称) in two
files fails lint naming both; export and render refuse it (money would count twice); diff
warns instead of reporting an added or removed project."""

from __future__ import annotations

import shutil

from conftest import ROOT, run_perfctl

STORE = ROOT / "tests" / "fixtures" / "duplicate"
FOLDER = STORE / "389101" / "2025"
FIRST = FOLDER / "自贸区法律服务经费-副本.yaml"  # first in path order: '-' sorts before '.'
SECOND = FOLDER / "自贸区法律服务经费.yaml"


def test_lint_fails_naming_both_files():
    r = run_perfctl("lint", STORE)
    assert r.returncode == 1, r.stderr
    finding = next(line for line in r.stdout.splitlines() if "PT-S13" in line)
    assert "error" in finding and str(FIRST) in finding  # the finding names the other file …
    assert str(SECOND) in r.stdout  # … under the heading of the file it is reported on


def test_export_refuses(tmp_path):
    for fmt in ("json", "csv"):
        out = tmp_path / f"all.{fmt}"
        r = run_perfctl("export", STORE, "--format", fmt, "--output", out)
        assert r.returncode == 2, r.stderr
        assert f"{SECOND}: project '自贸区法律服务经费' (389101, 2025) is also defined in {FIRST}" in r.stderr
        assert not out.exists() and r.stdout == ""


def test_render_refuses(tmp_path):
    r = run_perfctl("render", STORE, "--format", "md", "--out", tmp_path / "out")
    assert r.returncode == 2, r.stderr
    assert str(FIRST) in r.stderr and str(SECOND) in r.stderr
    assert not (tmp_path / "out").exists()


def test_export_and_render_accept_one_file_of_each_project():
    assert run_perfctl("export", FIRST, "--format", "json").returncode == 0
    assert run_perfctl("render", FIRST, SECOND.parent / "自贸区信息化技术运维项目.yaml", "--format", "md").returncode == 0


def _side(tmp_path, name, *files):
    folder = tmp_path / name
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    return folder


def test_diff_warns_of_a_copy_beside_an_unchanged_file(tmp_path):
    old = _side(tmp_path, "old", SECOND)
    new = _side(tmp_path, "new", SECOND, FIRST)  # the copy added, the original unchanged (not compared)
    r = run_perfctl("diff", old, new, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "project-added" not in r.stdout
    assert "warning" in r.stderr and "PT-S13" in r.stderr
    assert str(new / FIRST.name) in r.stderr and str(new / SECOND.name) in r.stderr


def test_diff_warns_of_a_duplicate_removed(tmp_path):
    old = _side(tmp_path, "old", SECOND, FIRST)
    new = _side(tmp_path, "new", SECOND)  # the duplicate removed: the project is not
    r = run_perfctl("diff", old, new)
    assert r.returncode == 0, r.stderr
    assert "project-removed" not in r.stdout
    assert "the old side holds project '自贸区法律服务经费'" in r.stderr and str(old / FIRST.name) in r.stderr
    # the unchanged file is named as it is on the side that holds the duplicate, not the other side
    assert str(old / SECOND.name) in r.stderr and str(new / SECOND.name) not in r.stderr


def test_diff_of_a_project_added_in_two_files_reports_one(tmp_path):
    old = _side(tmp_path, "old", FOLDER / "自贸区信息化技术运维项目.yaml")
    new = _side(tmp_path, "new", FOLDER / "自贸区信息化技术运维项目.yaml", SECOND, FIRST)
    r = run_perfctl("diff", old, new)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("project-added") == 1
    assert f"not reported as added: {new / SECOND.name}" in r.stderr


def _repo(tmp_path):
    """A git repository holding the fixture's original and the other project, committed."""
    from fixtures.diff.gitrepo import commit, git

    repo = tmp_path / "repo"
    store = repo / "store"
    store.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    _side(store, "2025", SECOND, FOLDER / "自贸区信息化技术运维项目.yaml")
    commit(repo, "two projects")
    return repo


def _git_diff(repo, *args):
    from fixtures.diff.gitrepo import env

    return run_perfctl("diff", *args, cwd=repo, env=env())


def test_git_diff_warns_of_a_copy_beside_an_unchanged_file(tmp_path):
    repo = _repo(tmp_path)
    shutil.copy(SECOND, repo / "store" / "2025" / FIRST.name)  # untracked, beside the unchanged original
    r = _git_diff(repo, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "project-added" not in r.stdout
    assert "the new side holds project '自贸区法律服务经费'" in r.stderr and "PT-S13" in r.stderr
    assert f"store/2025/{FIRST.name}, store/2025/{SECOND.name}" in r.stderr
    assert f"not reported as added: store/2025/{FIRST.name}" in r.stderr


def test_git_diff_between_revisions_warns_of_a_copy_and_of_its_removal(tmp_path):
    from fixtures.diff.gitrepo import commit, git

    repo = _repo(tmp_path)
    shutil.copy(SECOND, repo / "store" / "2025" / FIRST.name)
    commit(repo, "a copy")
    r = _git_diff(repo, "HEAD~1", "HEAD")
    assert r.returncode == 0, r.stderr
    assert "project-added" not in r.stdout and "no semantic changes" in r.stdout
    assert f"HEAD:store/2025/{FIRST.name}, HEAD:store/2025/{SECOND.name}" in r.stderr
    git(repo, "rm", "-q", f"store/2025/{FIRST.name}")  # the copy removed: the project is not
    r = _git_diff(repo)
    assert r.returncode == 0, r.stderr
    assert "project-removed" not in r.stdout
    assert "the old side holds project '自贸区法律服务经费'" in r.stderr
    assert f"HEAD:store/2025/{FIRST.name}, HEAD:store/2025/{SECOND.name}" in r.stderr


def test_git_diff_still_reports_a_project_added_beside_others(tmp_path):
    repo = _repo(tmp_path)
    (repo / "store" / "2025" / FIRST.name).write_text(
        SECOND.read_text(encoding="utf-8").replace("name: 自贸区法律服务经费", "name: 新项目"), encoding="utf-8")
    r = _git_diff(repo)
    assert r.returncode == 0, r.stderr
    assert "project-added" in r.stdout and r.stderr == ""


def test_git_diff_of_one_path_reads_its_folder_as_it_is_now(tmp_path):
    """Limited to the copy, diff still finds the original beside it, unless the original has
    changed since (here renamed): then the copy is the only file of its project."""
    repo = _repo(tmp_path)
    shutil.copy(SECOND, repo / "store" / "2025" / FIRST.name)
    r = _git_diff(repo, f"store/2025/{FIRST.name}")
    assert r.returncode == 0 and "project-added" not in r.stdout and "PT-S13" in r.stderr
    original = repo / "store" / "2025" / SECOND.name
    original.write_text(original.read_text(encoding="utf-8").replace("name: 自贸区法律服务经费", "name: 改名项目"),
                        encoding="utf-8")
    r = _git_diff(repo, f"store/2025/{FIRST.name}")
    assert r.returncode == 0 and "project-added" in r.stdout and r.stderr == ""
