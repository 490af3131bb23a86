"""Year over year (issue #14, deliverable 4): the stable 项目编码, a department's two years side by
side (``diff --years``, ``--format table``), and ``log`` pairing a table added in a commit with
last year's. The 2025 → 2026 scenario of ``test_diff_years.py`` (bundled tables copied with
``new --from``, one target loosened, one tightened, money moved, one renamed, one dropped, one
added) is read here through these views."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import DATA, SEED, run_perfctl
from fixtures.diff.gitrepo import commit, env, git, seed_repo
from perfctl.diff.compare import Entry, diff_entries
from perfctl.errors import InputError
from perfctl.model import load_text
from test_diff_years import AWARD, DEPT, FOURTH, IT, LAW, LAW_NEW, NEW_PROJECT, PROMO, _actual, _edit, _expected, _store

# ---------------------------------------------------------------- the field


def _project(name: str, year: int, rows: list[str], code: str | None = None, dept: str = DEPT):
    indicators = "".join(f"  - level1: 产出指标\n    level2: 数量指标\n    name: {r}\n    target: ≥50人\n" for r in rows)
    text = (f"format: 1\ndepartment:\n  code: '{dept}'\n  name: 测试部门\nyear: {year}\nname: {name}\n"
            + (f"code: {code}\n" if code is not None else "")
            + "money_unit: 元\nbudget:\n  total: '100.00'\nindicators:\n" + indicators)
    return load_text(text, f"{year}/{name}.yaml")


def _entry(p, rel=None):
    return Entry(p, f"{p.year}/{rel or p.name}.yaml", f"{rel or p.name}.yaml")


def _changes(diffs):
    return [(d.status, d.years, [(c.kind, c.old, c.new) for c in d.changes]) for d in diffs]


def test_code_is_text_and_checked_by_the_schema():
    assert _project("项目", 2025, ["甲"], code="0389101250001").code == "0389101250001"  # unquoted: its text
    assert _project("项目", 2025, ["甲"]).code is None
    with pytest.raises(InputError, match="code"):
        _project("项目", 2025, ["甲"], code="项目一")


def test_import_reads_the_project_code(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        f"\t{FOURTH}\n", f"\t{FOURTH}\n\n\t项目编码\n\t389101 2500 0001\n", 1)
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    r = run_perfctl("import", tmp_path / "t.txt", "--into", tmp_path / "store", "--year", "2025")
    assert r.returncode == 0, r.stderr
    out = (tmp_path / "store" / DEPT / "2025" / f"{FOURTH}.yaml").read_text(encoding="utf-8")
    assert f"\nname: {FOURTH}\ncode: '38910125000001'\nmoney_unit: 元\n" in out  # after 项目名称, spaces of the print gone
    assert "\ncode:" not in (tmp_path / "store" / DEPT / "2025" / f"{LAW}.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- pairing by 项目编码


ROWS = ["甲", "乙", "丙", "丁", "戊"]
OTHER_ROWS = ["子", "丑", "寅", "卯", "辰"]


def test_the_same_code_is_the_same_project_whatever_its_name_and_rows():
    old = [_entry(_project("旧名", 2025, ROWS, code="C1"))]
    new = [_entry(_project("新名", 2026, ROWS[:1] + OTHER_ROWS, code="C1"))]  # 1 of 5 rows shared: no rename by rows
    [(status, years, changes)] = _changes(diff_entries(old, new))
    assert (status, years) == ("modified", (2025, 2026))
    assert changes[0] == ("project-renamed", "旧名", "新名")
    assert sorted(k for k, _, _ in changes[1:]) == ["indicator-added"] * 5 + ["indicator-removed"] * 4
    # without the codes the same two tables are one removed and one added
    old_plain, new_plain = [_entry(_project("旧名", 2025, ROWS))], [_entry(_project("新名", 2026, ROWS[:1] + OTHER_ROWS))]
    assert sorted(d.status for d in diff_entries(old_plain, new_plain)) == ["added", "removed"]


def test_within_a_year_the_code_pairs_a_renamed_project_in_another_file():
    old = [_entry(_project("旧名", 2025, ROWS, code="C1"), "a")]
    new = [_entry(_project("新名", 2025, ROWS, code="C1"), "b")]
    assert _changes(diff_entries(old, new)) == [("modified", None, [("project-renamed", "旧名", "新名")])]


def test_the_code_wins_over_the_name():
    """A name reused for another project: the code says which is which."""
    old = [_entry(_project("项目", 2025, ROWS, code="C1")), _entry(_project("另一个", 2025, OTHER_ROWS, code="C2"))]
    new = [_entry(_project("另一个", 2026, ROWS, code="C1")), _entry(_project("项目", 2026, OTHER_ROWS, code="C2"))]
    assert _changes(diff_entries(old, new)) == [
        ("modified", (2025, 2026), [("project-renamed", "项目", "另一个")]),
        ("modified", (2025, 2026), [("project-renamed", "另一个", "项目")])]


def test_the_code_pairs_only_in_one_department_and_never_backwards():
    old = [_entry(_project("旧名", 2025, ROWS, code="C1"))]
    assert sorted(d.status for d in diff_entries(old, [_entry(_project("新名", 2026, ROWS, "C1", dept="389102"))])) == [
        "added", "removed"]
    later = [_entry(_project("旧名", 2026, OTHER_ROWS, code="C1"))]
    assert sorted(d.status for d in diff_entries(later, [_entry(_project("新名", 2025, ROWS, code="C1"))])) == [
        "added", "removed"]


def test_a_code_entered_or_changed_is_a_change_of_its_own():
    old = [_entry(_project("项目", 2025, ROWS))]
    assert _changes(diff_entries(old, [_entry(_project("项目", 2026, ROWS, code="C1"))])) == [
        ("modified", (2025, 2026), [("project-code-changed", None, "C1")])]
    old = [_entry(_project("项目", 2025, ROWS, code="C1"))]
    assert _changes(diff_entries(old, [_entry(_project("项目", 2026, ROWS, code="C2"))])) == [
        ("modified", (2025, 2026), [("project-code-changed", "C1", "C2")])]


# ---------------------------------------------------------------- two years side by side


TABLE = f"""\
status    部门编码  预算年度     项目名称                                     预算数                             indicators +/−  tightened  loosened  other
modified  389101    2025 → 2026  {FOURTH}           200000.00 元                                                  1
modified  389101    2025 → 2026  {IT}                     230000.00 → 200000.00 元 (-13.0%)                  1                    1
renamed   389101    2025 → 2026  {LAW} → {LAW_NEW}  30000.00 元
added     389101    2026         {PROMO}                       — → 50000.00 元
removed   389101    2025         {AWARD}         30000.00 → — 元

store/389101/2025 → store/389101/2026: 5 projects changed; 7 changes: 1 breaking, 5 review, 1 info
"""


def test_the_scenario_side_by_side(tmp_path):
    _store(tmp_path, loosen=True)
    r = run_perfctl("diff", "--years", "2025", "2026", "store", "--department", DEPT, "--format", "table", cwd=tmp_path)
    assert (r.returncode, r.stderr, r.stdout) == (0, "", TABLE)
    # the columns line up in display width: 预算数 starts at the same column on every line
    from perfctl.terminal import width
    starts = {width(line[:line.index(cell)]) for line, cell in zip(TABLE.splitlines()[:6],
              ["预算数", "200000.00", "230000.00", "30000.00", "— →", "30000.00 →"])}
    assert len(starts) == 1
    r = run_perfctl("diff", "--years", "2025", "2026", "store", "--format", "table", "--fail-on", "target-loosened",
                    cwd=tmp_path)
    assert (r.returncode, r.stdout.splitlines()[-1]) == (
        1, "store/389101/2025 → store/389101/2026: 5 projects changed; 7 changes: 1 breaking, 5 review, 1 info")


def test_years_gives_exactly_the_scenario_and_fails_only_on_request(tmp_path):
    _store(tmp_path, loosen=True)
    r = run_perfctl("diff", "--years", "2025", "2026", "--format", "json", cwd=tmp_path / "store")
    assert (r.returncode, r.stderr) == (0, "")
    data = json.loads(r.stdout)
    assert (data["old"], data["new"]) == ("389101/2025", "389101/2026")
    assert _actual(data) == _expected(loosen=True)
    r = run_perfctl("diff", "--years", "2025", "2026", "store", "--fail-on", "target-loosened", cwd=tmp_path)
    assert r.returncode == 1
    _store(tmp_path / "tight", loosen=False)
    r = run_perfctl("diff", "--years", "2025", "2026", "store", "--fail-on", "target-loosened", cwd=tmp_path / "tight")
    assert r.returncode == 0


def test_unchanged_copies_are_listed_in_the_table(tmp_path):
    store = tmp_path / "store"
    shutil.copytree(DATA / DEPT / "2025", store / DEPT / "2025")
    assert run_perfctl("new", "--from", store / DEPT / "2025" / f"{LAW}.yaml", "--year", "2026", "--into", store
                       ).returncode == 0
    r = run_perfctl("diff", "--years", "2025", "2026", "store", "--format", "table", cwd=tmp_path)
    lines = r.stdout.splitlines()
    assert sorted(line.split()[0] for line in lines[1:5]) == ["removed", "removed", "removed", "unchanged"]
    assert [line.split() for line in lines if line.startswith("unchanged")] == [
        ["unchanged", DEPT, "2025", "→", "2026", LAW, "30000.00", "元"]]
    assert lines[-1].endswith(": 3 projects changed; 3 changes: 3 review; 1 unchanged")


def test_years_usage_and_input_errors(tmp_path):
    _store(tmp_path, loosen=True)
    r = run_perfctl("diff", "--years", "2026", "2025", "store", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (
        2, "perfctl: --years 2026 2025: the old year comes first and is earlier than the new one\n")
    r = run_perfctl("diff", "--years", "2023", "2024", "store", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (2, "store: no tables of 2023 or 2024 in store/*/<year>/\n".replace("*", "389101"))
    r = run_perfctl("diff", "--years", "2026", "2027", "store", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (2, "store: no tables of 2027 in store/389101/2027/ (start a year's tables from "
                                           "last year's: perfctl new --from FILE --year 2027)\n")
    r = run_perfctl("diff", "--years", "2025", "2026", "store", "--department", "38-9", cwd=tmp_path)
    assert r.returncode == 2 and "部门编码 is letters and digits only" in r.stderr


# ---------------------------------------------------------------- codes through the whole scenario


def test_with_codes_a_rename_that_also_rewrites_the_rows_is_still_a_rename(tmp_path):
    old, new = _store(tmp_path, loosen=False)
    codes = {FOURTH: "38910125001", IT: "38910125002", LAW: "38910125003", AWARD: "38910125004", LAW_NEW: "38910125003"}
    for f in [*old.glob("*.yaml"), *new.glob("*.yaml")]:
        if f.stem in codes:
            _edit(f, ("\nmoney_unit:", f"\ncode: '{codes[f.stem]}'\nmoney_unit:"))
    law = new / f"{LAW_NEW}.yaml"  # its rows rewritten beyond what the shared-rows rule allows
    for n, name in enumerate(("提供服务次数", "法律咨询服务费", "法律意见建议采纳率")):
        _edit(law, (f"name: {name}\n", f"name: 新指标{n}\n"))
    data = json.loads(run_perfctl("diff", old, new, "--format", "json").stdout)
    renamed = next(p for p in data["projects"] if p["name"] == LAW_NEW)
    assert (renamed["status"], renamed["old_year"], renamed["changes"][0]["kind"]) == ("modified", 2025, "project-renamed")
    assert [p["status"] for p in data["projects"]] == ["removed", "modified", "modified", "added"]
    assert [p["name"] for p in data["projects"]][3] == PROMO  # the new project, without a code


# ---------------------------------------------------------------- log across years


def test_log_reports_a_copy_added_in_a_later_commit_against_last_years_table(tmp_path):
    repo = seed_repo(tmp_path)
    store = repo / "data"
    for f in sorted((store / DEPT / "2025").glob("*.yaml")):
        if f.name != f"{AWARD}.yaml":  # not carried into 2026
            assert run_perfctl("new", "--from", f, "--year", "2026", "--into", store, cwd=repo).returncode == 0
    y26 = store / DEPT / "2026"
    _edit(y26 / f"{FOURTH}.yaml", ("target: ≥50人", "target: ≥40人"))
    _edit(y26 / f"{IT}.yaml", ("target: ≤24小时", "target: ≤12小时"),
          ("total: '230000.00'", "total: '200000.00'"), ("fiscal: '230000.00'", "fiscal: '200000.00'"))
    _edit(y26 / f"{LAW}.yaml", (f"name: {LAW}\n", f"name: {LAW_NEW}\n"))
    (y26 / f"{LAW}.yaml").rename(y26 / f"{LAW_NEW}.yaml")
    (y26 / f"{PROMO}.yaml").write_text(NEW_PROJECT, encoding="utf-8")
    oid = commit(repo, "2026年绩效目标表", date="2026-01-05T09:00:00+08:00")
    r = run_perfctl("log", "data", "--format", "json", cwd=repo, env=env())
    assert (r.returncode, r.stderr) == (0, "")
    first, seed = json.loads(r.stdout)
    assert (first["subject"], seed["subject"]) == ("2026年绩效目标表", "seed store")
    short = oid[:12]
    # the 2025 table not copied stays in the store: nothing was removed by this commit
    assert _actual(first) == [e for e in _expected(loosen=True) if e[0] != AWARD]
    assert [(p["old_path"], p["new_path"]) for p in first["projects"]] == [
        (f"{short}^:data/{DEPT}/2025/{FOURTH}.yaml", f"{short}:data/{DEPT}/2026/{FOURTH}.yaml"),
        (f"{short}^:data/{DEPT}/2025/{IT}.yaml", f"{short}:data/{DEPT}/2026/{IT}.yaml"),
        (f"{short}^:data/{DEPT}/2025/{LAW}.yaml", f"{short}:data/{DEPT}/2026/{LAW_NEW}.yaml"),
        (None, f"{short}:data/{DEPT}/2026/{PROMO}.yaml")]
    assert first["summary"] == {"projects": 4, "changes": 6, "breaking": 1, "review": 4, "info": 1}
    text = run_perfctl("log", "data", "-n", "1", cwd=repo, env=env()).stdout
    assert f"  {FOURTH} ({DEPT} · 2025 → 2026)  {short}^:data/{DEPT}/2025/{FOURTH}.yaml → " in text
    assert "    breaking  target-loosened        产出指标 › 数量指标 › 邀请参会人员数量: ≥50人 → ≥40人\n" in text
    # diff between the two revisions says the same, and --fail-on works across years there too
    r = run_perfctl("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo, env=env())
    assert _actual(json.loads(r.stdout)) == _actual(first)
    assert run_perfctl("diff", "HEAD~1", "HEAD", "--fail-on", "target-loosened", cwd=repo, env=env()).returncode == 1
    assert run_perfctl("diff", "HEAD~1", "HEAD", cwd=repo, env=env()).returncode == 0
    table = run_perfctl("log", "data", "-n", "1", "--format", "table", cwd=repo, env=env()).stdout
    assert f"  renamed   {DEPT}    2025 → 2026  {LAW} → {LAW_NEW}  30000.00 元" in table


def test_a_copy_in_the_working_tree_pairs_with_head(tmp_path):
    repo = seed_repo(tmp_path)
    src = repo / "data" / DEPT / "2025" / f"{FOURTH}.yaml"
    assert run_perfctl("new", "--from", src, "--year", "2026", "--into", repo / "data", cwd=repo).returncode == 0
    _edit(repo / "data" / DEPT / "2026" / f"{FOURTH}.yaml", ("target: ≥50人", "target: ≥40人"))
    data = json.loads(run_perfctl("diff", "--format", "json", cwd=repo, env=env()).stdout)  # untracked copy
    assert [(p["status"], p["old_year"], p["new_year"], [c["kind"] for c in p["changes"]]) for p in data["projects"]] == [
        ("modified", 2025, 2026, ["target-loosened"])]
    git(repo, "add", "-A")
    data = json.loads(run_perfctl("diff", "--format", "json", cwd=repo, env=env()).stdout)  # staged
    assert [(p["old_path"], p["new_path"]) for p in data["projects"]] == [
        (f"HEAD:data/{DEPT}/2025/{FOURTH}.yaml", f"data/{DEPT}/2026/{FOURTH}.yaml")]
