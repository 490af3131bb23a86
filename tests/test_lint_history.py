"""The history rules (PT-H01, PT-H02): a 2026 table linted beside its 2025 table in one store.

The 2025 table is the bundled 自贸区法律服务经费 with its year-end 实际完成值 written under each
target; the 2026 table is the bundled file with ``year: 2026``, so its lines are the bundled
file's (提供服务次数 ``≥15次`` on line 21, 法律咨询服务费 ``≤3万元`` on line 41)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from perfctl import config as config_mod
from perfctl.lint import engine

SOURCE = (DATA / "389101" / "2025" / "自贸区法律服务经费.yaml").read_text(encoding="utf-8")
NAME = "自贸区法律服务经费.yaml"
#: 实际完成值 of the bundled rows, by target: none of them short of its target.
ACTUALS = {"≥15次": "15次", "≥8篇": "8篇", "≥90%": "90%", "≤48小时": "48小时", "≤3万元": "30000元",
           "审核并出具法律意见书，确保自贸办出台政策不违反法律规定": "达成年度指标", "≥85%": "85%"}


def with_actuals(actuals: dict[str, str]) -> str:
    """The 2025 table with ``actual:`` under each target named in ``actuals``."""
    text = SOURCE
    for target, actual in actuals.items():
        line = f"    target: {target}\n"
        assert text.count(line) == 1, target
        text = text.replace(line, f"{line}    actual: {actual}\n")
    return text


def this_year(text: str = SOURCE, **targets: str) -> str:
    """The table as 2026's, with targets replaced (old=new given as ``targets`` values ``old→new``)."""
    text = text.replace("year: 2025\n", "year: 2026\n")
    for change in targets.values():
        old, new = change.split("→")
        assert text.count(f"target: {old}\n") == 1, old
        text = text.replace(f"target: {old}\n", f"target: {new}\n")
    return text


def store(root: Path, files: dict[str, str]) -> Path:
    (root / "perfctl.yaml").write_text("", encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def lint(*paths: Path, codes: tuple[str, ...] = ("PT-H",)) -> list[tuple[str, str, int, int, str]]:
    """(code, file name and year, line, column, message) of the findings of ``codes``."""
    conf = config_mod.for_path(paths[0])
    conf.lint.select = list(codes)
    report = engine.lint(list(paths), conf)
    assert report.errors == []
    return [(f.code, "/".join(Path(f.path).parts[-2:]), f.line, f.col, f.message) for f in report.findings]


def test_a_target_below_last_years_actual_is_reported_on_its_row(tmp_path: Path) -> None:
    old = with_actuals({**ACTUALS, "≥15次": "18次"})
    root = store(tmp_path, {f"389101/2025/{NAME}": old, f"389101/2026/{NAME}": this_year()})
    last = root / "389101" / "2025" / NAME
    assert lint(root, codes=("PT-H01",)) == [
        ("PT-H01", f"2026/{NAME}", 21, 13,
         f"指标值 '≥15次' is below last year's 实际完成值 '18次' ({last}): a target short of a result already "
         "reached is set loose; raise it to the result, or say why less is expected")]


def test_a_ceiling_above_last_years_actual_is_reported_in_the_targets_unit(tmp_path: Path) -> None:
    old = with_actuals({**ACTUALS, "≤48小时": "1天", "≤3万元": "25000元"})
    root = store(tmp_path, {f"389101/2025/{NAME}": old, f"389101/2026/{NAME}": this_year()})
    found = [(code, line, message.split(" (")[0]) for code, _, line, _, message in lint(root, codes=("PT-H01",))]
    assert found == [("PT-H01", 36, "指标值 '≤48小时' is above last year's 实际完成值 '1天' = 24小时"),
                     ("PT-H01", 41, "指标值 '≤3万元' is above last year's 实际完成值 '25000元' = 2.5万元")]


@pytest.mark.parametrize("target,found", [("≤20000元", []), ("≤30000元", []), ("≤40000元", [41])])
def test_money_is_compared_after_converting_the_unit(tmp_path: Path, target: str, found: list[int]) -> None:
    old = with_actuals({**ACTUALS, "≤3万元": "3万元"})
    root = store(tmp_path, {f"389101/2025/{NAME}": old, f"389101/2026/{NAME}": this_year(cost=f"≤3万元→{target}")})
    findings = lint(root, codes=("PT-H01",))
    assert [line for _, _, line, _, _ in findings] == found
    if found:  # 3万元 is 30000元: a ceiling of 40000元 allows more than was spent
        assert f"指标值 '≤40000元' is above last year's 实际完成值 '3万元' = 30000元 ({root / '389101' / '2025' / NAME})" \
            in findings[0][4]


def test_nothing_without_last_years_results(tmp_path: Path) -> None:
    lower = this_year(count="≥15次→≥5次", share="≥90%→≥50%")
    root = store(tmp_path, {f"389101/2025/{NAME}": SOURCE, f"389101/2026/{NAME}": lower})
    assert lint(root, codes=("PT-H01",)) == []
    # empty 实际完成值 (as `perfctl prepare` leaves them) are no results either
    root = store(tmp_path, {f"389101/2025/{NAME}": with_actuals({t: "''" for t in ACTUALS})})
    assert lint(root, codes=("PT-H01",)) == []


def test_a_renamed_project_is_paired_by_its_rows_as_diff_pairs_it(tmp_path: Path) -> None:
    old = with_actuals({**ACTUALS, "≥85%": "98%"})
    new = this_year().replace("name: 自贸区法律服务经费\n", "name: 自贸试验区法律服务项目\n")
    root = store(tmp_path, {f"389101/2025/{NAME}": old, "389101/2026/renamed.yaml": new})
    assert [(code, where, line) for code, where, line, _, _ in lint(root)] == [
        ("PT-H02", "2026/renamed.yaml", 17), ("PT-H01", "2026/renamed.yaml", 51)]


def test_a_table_copied_with_only_the_year_moved_is_reported_once(tmp_path: Path) -> None:
    source = (DATA / "389101" / "2025" / "第四届京津冀自贸试验区联席活动项目.yaml").read_text(encoding="utf-8")
    assert source.count("2025年12月前") == 1
    copy = source.replace("year: 2025\n", "year: 2026\n").replace("2025年12月前", "2026年12月前")
    name = "第四届京津冀自贸试验区联席活动项目.yaml"
    root = store(tmp_path, {f"389101/2025/{name}": source, f"389101/2026/{name}": copy})
    assert lint(root, codes=("PT-H02",)) == [
        ("PT-H02", f"2026/{name}", 17, 3,
         f"all 8 indicators are as in last year's table ({root / '389101' / '2025' / name}), targets unchanged "
         "(dates moved a year): set this year's targets from last year's results and this year's plan")]
    # a target written in another unit means the same: still a copy
    (root / "389101" / "2026" / name).write_text(copy.replace("≤8万元", "≤80000元"), encoding="utf-8")
    assert [f[:3] for f in lint(root, codes=("PT-H02",))] == [("PT-H02", f"2026/{name}", 17)]
    # any target changed, or the deadline left at 2025: not a copy
    for changed in (copy.replace("2026年12月前", "2026年10月前"), copy.replace("2026年12月前", "2025年12月前"),
                    copy.replace("target: ≥50人\n", "target: ≥60人\n"), copy.replace("≤8万元", "≤9万元")):
        assert changed != copy
        (root / "389101" / "2026" / name).write_text(changed, encoding="utf-8")
        assert lint(root, codes=("PT-H02",)) == []


def test_only_the_years_linted_together_are_compared(tmp_path: Path) -> None:
    old = with_actuals({**ACTUALS, "≥15次": "18次"})
    root = store(tmp_path, {f"389101/2025/{NAME}": old, f"389101/2026/{NAME}": this_year()})
    assert lint(root / "389101" / "2026") == []
    both = [("PT-H02", f"2026/{NAME}", 17), ("PT-H01", f"2026/{NAME}", 21)]
    assert [f[:3] for f in lint(root / "389101" / "2025", root / "389101" / "2026")] == both
    assert [f[:3] for f in lint(root / "389101")] == both


def test_cached_findings_follow_an_edit_of_last_years_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CACHE_MIN_FILES", 1)
    last = f"389101/2025/{NAME}"
    root = store(tmp_path, {last: with_actuals({**ACTUALS, "≥15次": "18次"}), f"389101/2026/{NAME}": this_year()})
    first = lint(root)
    assert [f[:3] for f in first] == [("PT-H02", f"2026/{NAME}", 17), ("PT-H01", f"2026/{NAME}", 21)]
    assert list((root / ".perfctl" / "cache").glob("lint-*.json"))
    assert lint(root) == first  # from the cache
    (root / last).write_text(with_actuals({**ACTUALS, "≥15次": "20次"}), encoding="utf-8")
    assert [f[4].split(" (")[0] for f in lint(root) if f[0] == "PT-H01"] == [
        "指标值 '≥15次' is below last year's 实际完成值 '20次'"]
