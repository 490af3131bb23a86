"""A table copied into the next year is read before it goes out (issue 14, deliverable 5):
``new --from`` marks the rows and the texts that still name the old year, and lint reports
the marks (PT-M02) and the old year (PT-G05) until both are dealt with."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DATA, run_perfctl
from perfctl.authoring.copy import names_old_year
from perfctl.model import load
from perfctl.scoring import has_results

SOURCE = DATA / "389101" / "2025" / "第四届京津冀自贸试验区联席活动项目.yaml"
COPY = Path("389101") / "2026" / SOURCE.name
GOAL = "通过召开第四届京津冀自贸试验区联席活动，进一步提升京津冀自贸试验区知名度和影响力"
CODES = ("PT-M02", "PT-G05")


def lint(path: Path) -> list[tuple[str, int, int, str]]:
    """(code, line, column, message) of the PT-M02 and PT-G05 findings under ``path``."""
    r = run_perfctl("lint", path, "--format", "json", *(a for c in CODES for a in ("--select", c)))
    assert r.returncode in (0, 1), r.stderr
    return sorted((f["code"], f["line"], f["column"], f["message"]) for f in json.loads(r.stdout)["findings"])


def copy_into(store: Path, source: Path) -> str:
    r = run_perfctl("new", "--from", source, "--year", "2026", "--into", store, input="")
    assert r.returncode == 0, r.stderr
    return (store / COPY).read_text(encoding="utf-8")


def marks(text: str) -> list[tuple[int, int, str]]:
    """(line, column, note) of each review mark in ``text``."""
    return [(n, line.index("#") + 1, line.split("# review (待复核): ", 1)[1])
            for n, line in enumerate(text.split("\n"), start=1) if "# review (待复核)" in line]


def unmarked(text: str) -> str:
    return re.sub(r" *# review \(待复核\):[^\n]*", "", text).replace("\n\n", "\n")


def test_the_bundled_table_copied_reports_every_mark_until_they_are_removed(tmp_path):
    text = copy_into(tmp_path, SOURCE)
    found = marks(text)
    assert [n for n, _, _ in found] == [17, 22, 27, 32, 37, 42, 47, 52, 57]  # 8 rows and source:
    assert found[3] == (32, 19, "copied from the 2025 table; target 2025年12月前 → 2026年12月前")
    assert found[-1] == (57, 10, "describes the 2025 import; update or delete")
    # its goal and purpose name no year, so only the marks are reported
    assert lint(tmp_path) == [("PT-M02", n, col, f"review mark left: {note!r} — read what it marks, then delete the comment")
                              for n, col, note in found]
    (tmp_path / COPY).write_text(unmarked(text), encoding="utf-8")
    assert lint(tmp_path) == []


def test_a_goal_and_purpose_naming_last_year_are_marked_and_reported_until_rewritten(tmp_path):
    source = tmp_path / "old" / "389101" / "2025" / SOURCE.name
    source.parent.mkdir(parents=True)
    source.write_text(SOURCE.read_text(encoding="utf-8").replace("goals:\n  - 通过召开", "goals:\n  - 2025年通过召开")
                      .replace("purpose: 通过召开", "purpose: 2025年度通过召开"), encoding="utf-8")
    store = tmp_path / "store"
    text = copy_into(store, source)
    lines = text.split("\n")
    assert lines[12].startswith("purpose: 2025年度通过召开") and lines[12].endswith(
        "  # review (待复核): purpose names 2025年; rewrite it for 2026")
    assert lines[14].startswith(f"  - 2025年{GOAL}") and lines[14].endswith(
        "  # review (待复核): goal names 2025年; rewrite it for 2026")
    found = lint(store)
    assert [f[:2] for f in found if f[0] == "PT-G05"] == [("PT-G05", 13), ("PT-G05", 15)]
    assert ("PT-G05", 15, 5, "goal names 2025年 in a 2026 table; a copied table still says last year's year "
            "— rewrite it for 2026") in found
    assert [f[1] for f in found if f[0] == "PT-M02"] == [13, 15, 17, 22, 27, 32, 37, 42, 47, 52, 57]
    # the marks removed but the year left: PT-G05 alone
    (store / COPY).write_text(unmarked(text), encoding="utf-8")
    assert [f[:2] for f in lint(store)] == [("PT-G05", 13), ("PT-G05", 15)]
    # and the text rewritten for 2026: nothing
    (store / COPY).write_text(unmarked(text).replace("2025年度通过", "2026年度通过").replace("2025年通过", "2026年通过"),
                              encoding="utf-8")
    assert lint(store) == []


def test_the_bundled_store_has_no_mark_and_no_stale_year():
    assert lint(DATA) == []


def test_names_old_year_reads_a_year_written_as_one():
    assert names_old_year("2025年完成培训500人次", 2025, 2026)
    assert names_old_year("２０２５年度完成培训", 2025, 2026)  # full-width digits
    assert names_old_year("2025 年12月底前完成", 2025, 2026)
    assert not names_old_year("完成培训2025人次", 2025, 2026)  # a number, not a year
    assert not names_old_year("自2019年以来累计培训", 2025, 2026)  # history
    assert not names_old_year("2025年至2026年完成", 2025, 2026)  # a period reaching the new year
    assert not names_old_year("2025年至2027年完成全区轮训", 2025, 2026)
    assert not names_old_year("2026年完成培训", 2025, 2026)


def test_a_goal_over_several_lines_gets_its_mark_above_and_a_description_its_row_note(tmp_path):
    source = tmp_path / "old" / "389101" / "2025" / SOURCE.name
    source.parent.mkdir(parents=True)
    source.write_text(SOURCE.read_text(encoding="utf-8").replace(
        "goals:\n  - 通过召开第四届", "goals:\n  - 2025年通过召开第四届\n    ").replace(
        "description: 活动参与者满意度", "description: 反映2025年度活动参与者满意度"), encoding="utf-8")
    text = copy_into(tmp_path / "store", source)
    assert "goals:\n  # review (待复核): goal names 2025年; rewrite it for 2026\n  - 2025年通过召开第四届\n    京津冀" in text
    assert "  - level1: 满意度指标  # review (待复核): copied from the 2025 table; description names 2025年\n" in text
    assert [f[:2] for f in lint(tmp_path / "store") if f[0] == "PT-G05"] == [("PT-G05", 16), ("PT-G05", 57)]


def test_a_copied_table_fails_lint_until_its_old_year_and_its_marks_are_dealt_with(tmp_path):
    """Both rules are errors (``perfctl rules PT-M02``, ``PT-G05``): a plain ``lint`` exits 1
    until both the marks and the old year are gone; a store that does not gate copied tables
    lowers them in ``perfctl.yaml`` and exits 0, and ``--fail-on warning`` still fails there."""
    source = tmp_path / "old" / "389101" / "2025" / SOURCE.name
    source.parent.mkdir(parents=True)
    source.write_text(SOURCE.read_text(encoding="utf-8").replace("goals:\n  - 通过召开", "goals:\n  - 2025年通过召开"),
                      encoding="utf-8")
    store = tmp_path / "store"
    text = copy_into(store, source)
    lenient = store / "lenient"
    (lenient / COPY).parent.mkdir(parents=True)
    (lenient / "perfctl.yaml").write_text("lint:\n  select: [PT-M02, PT-G05]\n  severity: {PT-M02: warning, PT-G05: warning}\n",
                                          encoding="utf-8")
    select = [a for c in CODES for a in ("--select", c)]

    def exits(content: str) -> tuple[int, int, int]:
        """(plain lint, lint under the lenient config, the same with --fail-on warning): exit codes."""
        (store / COPY).write_text(content, encoding="utf-8")
        (lenient / COPY).write_text(content, encoding="utf-8")
        return (run_perfctl("lint", store / COPY, *select).returncode,
                run_perfctl("lint", lenient / COPY).returncode,
                run_perfctl("lint", lenient / COPY, "--fail-on", "warning").returncode)

    assert exits(text) == (1, 0, 1)
    assert {f[0] for f in lint(store / COPY)} == {"PT-M02", "PT-G05"}
    assert exits(unmarked(text)) == (1, 0, 1)  # the marks removed, the old year left: PT-G05
    assert [f[0] for f in lint(store / COPY)] == ["PT-G05"]
    assert exits(text.replace("2025年通过召开", "2026年通过召开")) == (1, 0, 1)  # rewritten, but the marks left: PT-M02
    assert {f[0] for f in lint(store / COPY)} == {"PT-M02"}
    assert exits(unmarked(text).replace("2025年通过召开", "2026年通过召开")) == (0, 0, 0)
    assert lint(store / COPY) == []


@pytest.mark.parametrize(("goal", "stale"), [
    ("2025年完成基层干部培训500人次", True),
    ("培训人次较2025年提高10%", False),       # last year as the baseline of a comparison
    ("在2025年基础上扩大培训规模", False),
    ("比2025年同期增加100人次", False),
    ("2025年至2027年完成三期培训", False),    # a period reaching into the budget year
    ("自2019年以来已培训5000人次", False),     # history, not last year
])
def test_last_year_as_a_baseline_is_not_stale(goal, stale):
    assert names_old_year(goal, 2025, 2026) is stale


SELFEVAL = Path(__file__).parent / "fixtures" / "selfeval" / "389101" / "2025" / "自贸区信息化技术运维项目.yaml"


def test_a_copy_holds_targets_only_last_years_results_kept_as_comments(tmp_path):
    """A table with year-end results copied into the next year: every result (实际完成值, 得分,
    偏差原因, 全年执行数 …) is commented out, its row's note says so, and the copy is a target
    table again (no results, nothing to score), with every line of the original still in it."""
    store = tmp_path / "store"
    r = run_perfctl("new", "--from", SELFEVAL, "--year", "2026", "--into", store)
    assert r.returncode == 0, r.stderr
    copy = store / "389101" / "2026" / SELFEVAL.name
    text = copy.read_text(encoding="utf-8")
    before = load(SELFEVAL)
    after = load(copy)
    assert has_results(before) and not has_results(after)
    assert [(i.actual, i.score, i.deviation) for i in after.indicators] == [(None, None, None)] * len(after.indicators)
    assert (after.budget.spent, after.budget.adjusted, after.budget.initial, after.goals_actual) == (None, None, None, [])
    assert [i.target for i in after.indicators] == [i.target for i in before.indicators]  # no 2025 deadline here
    assert (after.budget.total, after.budget.weight) == (before.budget.total, before.budget.weight)
    for ind in before.indicators:
        if ind.actual is not None:
            assert re.search(rf"^ *# actual: '?{re.escape(ind.actual)}'?$", text, re.M), ind.actual
    assert "results are commented out" in text
    def lines(t: str) -> set[str]:
        t = re.sub(r" *# review \(待复核\):.*$", "", t, flags=re.M)
        return {line.strip().removeprefix("# ") for line in t.splitlines() if line.strip()}
    assert {line for line in lines(SELFEVAL.read_text(encoding="utf-8")) if not line.startswith("year:")} <= lines(text)
    # across years last year's results are no change of this year's targets: the copy is no change at all
    r = run_perfctl("diff", SELFEVAL, copy)
    assert (r.returncode, r.stdout.endswith(": no semantic changes\n")) == (0, True), r.stdout
    (store / "x.yaml").write_text(SELFEVAL.read_text(encoding="utf-8").replace("actual: 96%", "actual: 95%"), encoding="utf-8")
    assert "actual-changed" in run_perfctl("diff", SELFEVAL, store / "x.yaml").stdout  # within a year they are compared
