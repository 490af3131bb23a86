"""``perfctl diff`` across years (issue #14, deliverable 4): projects paired from one year's
table to the next by department and name, renames by shared indicator rows, dates compared
moved by the year difference; the acceptance scenario end to end through the command line."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import DATA, run_perfctl
from perfctl.diff import targets
from perfctl.diff.compare import Entry, diff_entries, rows_share
from perfctl.model import load_text
from perfctl.target import parse

DEPT = "389101"
FOURTH = "第四届京津冀自贸试验区联席活动项目"
IT = "自贸区信息化技术运维项目"
LAW = "自贸区法律服务经费"
LAW_NEW = "自贸区法律顾问服务经费"
AWARD = "自贸改革和制度创新奖评比表彰活动项目"
PROMO = "自贸区营商环境宣传项目"

NEW_PROJECT = f"""\
format: 1
department:
  code: '{DEPT}'
  name: 中国（天津）自由贸易试验区管理委员会办公室
year: 2026
name: {PROMO}
money_unit: 元
budget:
  total: '50000.00'
  fiscal: '50000.00'
  other: '0.00'
goals:
  - 宣传自贸区营商环境。
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 宣传册印制数量
    target: ≥2000册
  - level1: 满意度指标
    level2: 服务对象满意度指标
    name: 企业满意度
    target: ≥90%
"""


# ---------------------------------------------------------------- targets moved by the year difference


@pytest.mark.parametrize("old, new, years, kind", [
    ("2025年12月前", "2026年12月前", 1, None),  # the same commitment a year later
    ("2025年12月前", "2026年6月前", 1, "target-tightened"),
    ("2025年12月前", "2027年3月前", 1, "target-loosened"),
    ("2025年12月前", "2025年12月前", 1, "target-tightened"),  # not moved: a year earlier than before
    ("2025年12月前", "2026年12月31日前", 1, None),
    ("2025年", "2026年", 1, None),
    ("2024年6月前", "2026年6月前", 2, None),
    ("2024年6月前", "2026年7月前", 2, "target-loosened"),
    ("2024年2月29日前", "2025年2月28日前", 1, None),  # a leap day a year later is the end of February
    ("2025年1月-12月", "2026年1月-12月", 1, None),
    ("2025年1月-12月", "2026年3月-12月", 1, "target-tightened"),
    ("2025年1月-12月", "2025年1月-12月", 1, "target-changed"),
    ("2025年12月前", "2026年12月前", 0, "target-loosened"),  # within a year nothing moves
    ("≥50人", "≥50人", 1, None),  # other kinds compare as within a year
    ("≥50人", "≥40人", 1, "target-loosened"),
    ("≤12万元", "≤120000元", 1, None),
    ("有效提升", "有效提升", 1, None),
    ("有效提升", "明显提升", 1, "target-changed"),
])
def test_dates_move_by_the_year_difference(old, new, years, kind):
    assert targets.compare(parse(old), parse(new), years) == kind


# ---------------------------------------------------------------- pairing across years


def _project(name: str, year: int, rows: list[str], code: str = DEPT, target: str = "≥50人"):
    indicators = "".join(f"  - level1: 产出指标\n    level2: 数量指标\n    name: {r}\n    target: '{target}'\n" for r in rows)
    text = (f"format: 1\ndepartment:\n  code: '{code}'\n  name: 测试部门\nyear: {year}\nname: {name}\n"
            f"money_unit: 元\nbudget:\n  total: '100.00'\n  fiscal: '100.00'\n  other: '0.00'\n"
            f"indicators:\n{indicators}")
    return load_text(text, f"{year}/{name}.yaml")


def _entry(p, rel=None):
    return Entry(p, f"{p.year}/{rel or p.name}.yaml", f"{rel or p.name}.yaml")


def _summary(diffs):
    return [(d.project.name, d.status, d.years, [(c.kind, c.old, c.new) for c in d.changes]) for d in diffs]


ROWS = ["甲", "乙", "丙", "丁", "戊"]


def test_same_name_pairs_across_years_and_the_year_is_no_change():
    old = [_entry(_project("项目", 2025, ROWS))]
    assert diff_entries(old, [_entry(_project("项目", 2026, ROWS))]) == []
    (d,) = diff_entries(old, [_entry(_project("项目", 2026, ROWS, target="≥40人"))])
    assert d.years == (2025, 2026)
    assert [c.kind for c in d.changes] == ["target-loosened"] * 5


def test_only_an_earlier_old_year_pairs():
    old = [_entry(_project("项目", 2026, ROWS))]
    new = [_entry(_project("项目", 2025, ROWS))]
    assert sorted(d.status for d in diff_entries(old, new)) == ["added", "removed"]


def test_another_department_does_not_pair():
    old = [_entry(_project("项目", 2025, ROWS))]
    new = [_entry(_project("项目", 2026, ROWS, code="389102"))]
    assert sorted(d.status for d in diff_entries(old, new)) == ["added", "removed"]


def test_the_nearest_earlier_year_pairs_first():
    old = [_entry(_project("项目", 2024, ROWS), "a"), _entry(_project("项目", 2025, ROWS, target="≥60人"), "b")]
    (added, removed) = sorted(diff_entries(old, [_entry(_project("项目", 2026, ROWS))]), key=lambda d: d.status)
    assert (added.status, removed.status, removed.old.project.year) == ("modified", "removed", 2024)
    assert (added.years, {c.kind for c in added.changes}) == ((2025, 2026), {"target-loosened"})


def test_rename_across_years_needs_four_fifths_of_the_smaller_projects_rows():
    old = [_entry(_project("旧名", 2025, ROWS))]
    four_of_five = _project("新名", 2026, ROWS[:4] + ["己", "庚", "辛"])
    assert rows_share(old[0].project, four_of_five) == 0.8
    (d,) = diff_entries(old, [_entry(four_of_five)])
    assert _summary([d])[0][:3] == ("新名", "modified", (2025, 2026))
    assert [(c.kind, c.old, c.new) for c in d.changes] == [
        ("project-renamed", "旧名", "新名"), ("indicator-added", None, "≥50人"), ("indicator-removed", "≥50人", None),
        ("indicator-added", None, "≥50人"), ("indicator-added", None, "≥50人")]
    three_of_five = _project("新名", 2026, ROWS[:3] + ["己", "庚"])
    assert sorted(d.status for d in diff_entries(old, [_entry(three_of_five)])) == ["added", "removed"]


def test_same_name_wins_over_shared_rows():
    old = [_entry(_project("项目", 2025, ROWS)), _entry(_project("另一个", 2025, ROWS))]
    new = [_entry(_project("项目", 2026, ROWS))]
    assert _summary(diff_entries(old, new)) == [("另一个", "removed", None, [("project-removed", "另一个", None)])]


def test_within_a_year_nothing_changes():
    """Same year on both sides: identity matching as before; a rename in another file is no rename."""
    old = [_entry(_project("旧名", 2025, ROWS))]
    new = [_entry(_project("新名", 2025, ROWS))]
    assert sorted(d.status for d in diff_entries(old, new)) == ["added", "removed"]


# ---------------------------------------------------------------- the acceptance scenario, end to end


def _edit(path, *replacements):
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _store(tmp_path, loosen: bool):
    """A store with the bundled 2025 tables and their 2026 copies by ``new --from``, edited:
    one target loosened (when ``loosen``), one tightened, money moved, one project renamed,
    one dropped, one added. Returns (the 2025 folder, the 2026 folder)."""
    store = tmp_path / "store"
    (store / DEPT).mkdir(parents=True)
    shutil.copytree(DATA / DEPT / "2025", store / DEPT / "2025")
    for f in sorted((store / DEPT / "2025").glob("*.yaml")):
        r = run_perfctl("new", "--from", f, "--year", "2026", "--into", store)
        assert r.returncode == 0, r.stderr
    new = store / DEPT / "2026"
    assert sorted(p.name for p in new.glob("*.yaml")) == sorted(p.name for p in (store / DEPT / "2025").glob("*.yaml"))
    assert "2026年12月前" in (new / f"{FOURTH}.yaml").read_text(encoding="utf-8")  # moved by new --from
    assert "# review (待复核)" in (new / f"{FOURTH}.yaml").read_text(encoding="utf-8")
    if loosen:
        _edit(new / f"{FOURTH}.yaml", ("target: ≥50人", "target: ≥40人"))
    _edit(new / f"{IT}.yaml", ("target: ≤24小时", "target: ≤12小时"),
          ("total: '230000.00'", "total: '200000.00'"), ("fiscal: '230000.00'", "fiscal: '200000.00'"))
    _edit(new / f"{LAW}.yaml", (f"name: {LAW}\n", f"name: {LAW_NEW}\n"))
    (new / f"{LAW}.yaml").rename(new / f"{LAW_NEW}.yaml")
    (new / f"{AWARD}.yaml").unlink()
    (new / f"{PROMO}.yaml").write_text(NEW_PROJECT, encoding="utf-8")
    return store / DEPT / "2025", new


LOOSENED = ("target-loosened", "target", "邀请参会人员数量", "≥50人", "≥40人")


def _expected(loosen: bool):
    """(name, status, old_year, new_year, [(kind, field, indicator name, old, new, delta, percent)]) in report order."""
    return [
        (AWARD, "removed", 2025, None, [("project-removed", "project", None, AWARD, None, None, None)]),
        *([(FOURTH, "modified", 2025, 2026, [LOOSENED + (None, None)])] if loosen else []),
        (IT, "modified", 2025, 2026, [
            ("budget-total-changed", "budget.total", None, "230000.00", "200000.00", "-30000.00", "-13.0"),
            ("budget-fiscal-changed", "budget.fiscal", None, "230000.00", "200000.00", "-30000.00", "-13.0"),
            ("target-tightened", "target", "系统故障响应时间", "≤24小时", "≤12小时", None, None)]),
        (LAW_NEW, "modified", 2025, 2026, [("project-renamed", "name", None, LAW, LAW_NEW, None, None)]),
        (PROMO, "added", None, 2026, [("project-added", "project", None, None, PROMO, None, None)]),
    ]


def _actual(data):
    return [(p["name"], p["status"], p["old_year"], p["new_year"],
             [(c["kind"], c["field"], (c["indicator"] or {}).get("name"), c["old"], c["new"], c.get("delta"),
               c.get("percent")) for c in p["changes"]])
            for p in data["projects"]]


def test_acceptance_scenario_across_years_as_json(tmp_path):
    old, new = _store(tmp_path, loosen=True)
    r = run_perfctl("diff", old, new, "--format", "json")
    assert (r.returncode, r.stderr) == (0, "")
    data = json.loads(r.stdout)
    assert _actual(data) == _expected(loosen=True)
    # the deadline moved by a year (2025年12月前 → 2026年12月前) and the year itself are no change
    assert not any(c["indicator"] and c["indicator"]["name"] == "活动举办完成时间"
                   for p in data["projects"] for c in p["changes"])
    assert data["summary"] == {"projects": 5, "changes": 7, "breaking": 1, "review": 5, "info": 1}
    renamed = data["projects"][3]
    assert (renamed["old_path"], renamed["new_path"], renamed["year"]) == (
        str(old / f"{LAW}.yaml"), str(new / f"{LAW_NEW}.yaml"), 2026)


def test_acceptance_scenario_across_years_as_text_and_markdown(tmp_path):
    old, new = _store(tmp_path, loosen=True)
    text = run_perfctl("diff", old, new).stdout
    # across years the same file name is two files: both named
    assert f"{FOURTH} ({DEPT} · 2025 → 2026)  {old / (FOURTH + '.yaml')} → {new / (FOURTH + '.yaml')}\n" in text
    assert f"  breaking  target-loosened        产出指标 › 数量指标 › 邀请参会人员数量: ≥50人 → ≥40人\n" in text
    assert f"{LAW_NEW} ({DEPT} · 2025 → 2026)  {old / (LAW + '.yaml')} → {new / (LAW_NEW + '.yaml')}\n" in text
    assert f"  review    project-renamed        项目名称: {LAW} → {LAW_NEW}\n" in text
    assert f"{AWARD} ({DEPT} · 2025)  " in text and f"{PROMO} ({DEPT} · 2026)  " in text
    assert text.endswith(f"{old} → {new}: 5 projects changed; 7 changes: 1 breaking, 5 review, 1 info\n")
    md = run_perfctl("diff", old, new, "--format", "markdown").stdout
    assert f"### {FOURTH} ({DEPT} · 2025 → 2026)\n" in md


def test_fail_on_across_years(tmp_path):
    old, new = _store(tmp_path, loosen=True)
    assert run_perfctl("diff", old, new, "--fail-on", "target-loosened").returncode == 1
    assert run_perfctl("diff", old, new, "--fail-on", "target-tightened").returncode == 1
    assert run_perfctl("diff", old, new, "--fail-on", "breaking").returncode == 1


def test_without_a_loosened_target_fail_on_loosened_passes(tmp_path):
    old, new = _store(tmp_path, loosen=False)
    r = run_perfctl("diff", old, new, "--format", "json", "--fail-on", "target-loosened")
    assert (r.returncode, r.stderr) == (0, "")
    assert _actual(json.loads(r.stdout)) == _expected(loosen=False)
    assert run_perfctl("diff", old, new, "--fail-on", "target-tightened").returncode == 1
    assert run_perfctl("diff", old, new, "--fail-on", "breaking").returncode == 0


def test_a_copy_unchanged_but_for_new_from_is_no_change(tmp_path):
    store = tmp_path / "store"
    shutil.copytree(DATA / DEPT / "2025", store / DEPT / "2025")
    for f in sorted((store / DEPT / "2025").glob("*.yaml")):
        assert run_perfctl("new", "--from", f, "--year", "2026", "--into", store).returncode == 0
    r = run_perfctl("diff", store / DEPT / "2025", store / DEPT / "2026", "--fail-on", "info")
    assert (r.returncode, r.stdout) == (0, f"{store / DEPT / '2025'} → {store / DEPT / '2026'}: no semantic changes\n")
    r = run_perfctl("diff", store / DEPT / "2026", store / DEPT / "2025")  # backwards (later → earlier) never pairs
    assert "project-added" in r.stdout and "project-removed" in r.stdout
