"""perfctl lint end to end: the seed store, reports, exit codes, control, baselines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import DATA, GOOD, ROOT, run_perfctl, write
from perfctl.lint.engine import lint

FIRST = "第四届京津冀自贸试验区联席活动项目.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A copy of the bundled store to edit."""
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def _findings(path: Path | str, *args: str) -> tuple[int, list[dict]]:
    r = run_perfctl("lint", path, "--format", "json", *args)
    return r.returncode, json.loads(r.stdout)["findings"]


def test_seed_store_has_no_error_findings():
    report = lint([DATA])
    assert report.errors == []
    assert [f for f in report.findings if f.severity == "error"] == []
    assert {f.profile for f in report.files} == {"legacy-2015"}


def test_seed_budget_arithmetic_and_cost_totals_pass():
    report = lint([DATA])
    assert [f for f in report.findings if f.code in ("PT-B01", "PT-C01")] == []


def test_vague_benefit_targets_are_warnings_at_the_value():
    vague = [(Path(f.path).name, f.line, f.col, f.severity) for f in lint([DATA]).findings if f.code == "PT-Q01"]
    assert vague == [(FIRST, 51, 13, "warning"), ("自贸区信息化技术运维项目.yaml", 41, 13, "warning"),
                     ("自贸改革和制度创新奖评比表彰活动项目.yaml", 51, 13, "warning")]
    text = (DATA / "389101" / "2025" / FIRST).read_text(encoding="utf-8").split("\n")
    assert text[50][12:] == "有效提升"


def test_descriptions_equal_to_names_are_info():
    d02 = [f for f in lint([DATA]).findings if f.code == "PT-D02"]
    assert len(d02) == 29 and {f.severity for f in d02} == {"info"}


def test_cost_over_budget_is_an_error_at_that_row(store):
    path = store / "389101" / "2025" / FIRST
    path.write_text(path.read_text(encoding="utf-8").replace("≤12万元", "≤20万元"), encoding="utf-8")
    code, findings = _findings(store)
    c01 = [(Path(f["path"]).name, f["line"], f["severity"], f["message"]) for f in findings if f["code"] == "PT-C01"]
    assert c01 == [(FIRST, 46, "error", "cost targets add up to 280000元, more than 预算数 200000元; "
                                        "the money cost must fit the budget")]
    assert code == 1


def test_json_report_validates_against_its_schema():
    schema = json.loads((ROOT / "perfctl" / "schemas" / "lint-report.schema.json").read_text(encoding="utf-8"))
    r = run_perfctl("lint", "data", "--format", "json")
    data = json.loads(r.stdout)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert data["summary"] == {"error": 0, "warning": 13, "info": 36, "files": 4, "unreadable": 0}


def test_sarif_report_is_sarif_2_1_0():
    from pydantic_sarif import model
    r = run_perfctl("lint", "data", "--format", "sarif")
    log = model.StaticAnalysisResultsFormatSarifVersion210JsonSchema.model_validate_json(r.stdout)
    results = log.runs[0].results
    assert len(results) == 49
    assert {res.ruleId for res in results} == {"PT-Q01", "PT-Q05", "PT-D01", "PT-D02", "PT-D03", "PT-G02", "PT-V05"}


def test_github_annotations_are_the_default_in_actions(tmp_path):
    import os

    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    r = run_perfctl("lint", "data", env=env)
    first = r.stdout.splitlines()[0]
    assert first.startswith("::warning file=data/389101/2025/") and ",line=15,col=5,title=PT-G02 vague-goal::" in first


def test_exit_codes_and_fail_on():
    assert run_perfctl("lint", "data").returncode == 0
    assert run_perfctl("lint", "data", "--fail-on", "warning").returncode == 1
    assert run_perfctl("lint", "data", "--fail-on", "info").returncode == 1
    assert run_perfctl("lint", "data", "--format", "xml").returncode == 2


def test_unparsable_file_is_reported_and_others_still_checked(store):
    (store / "bad.yaml").write_text("name: [\n", encoding="utf-8")
    r = run_perfctl("lint", store)
    assert r.returncode == 2
    assert f"{store / 'bad.yaml'}:2:1: invalid YAML" in r.stdout
    assert "13 warnings, 36 info in 4 files; 1 file could not be read" in r.stdout
    assert "Traceback" not in r.stderr


def test_text_output_has_no_colour_when_piped_or_no_color(tmp_path):
    r = run_perfctl("lint", "data")
    assert "\033[" not in r.stdout
    assert r.stdout.splitlines()[0] == f"data/389101/2025/{FIRST}  (legacy-2015: 成本指标 is under 产出指标)"


def test_output_file(tmp_path):
    r = run_perfctl("lint", "data", "--format", "json", "--output", tmp_path / "report.json")
    assert r.returncode == 0 and r.stdout == ""
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["summary"]["warning"] == 13


def test_inline_suppression_and_unused_suppression(store):
    path = store / "389101" / "2025" / FIRST
    text = path.read_text(encoding="utf-8").replace("    target: 有效提升", "    target: 有效提升  # perfctl: ignore[PT-Q01]")
    text = text.replace("    target: ≥50人", "    target: ≥50人  # perfctl: ignore[PT-Q01]")
    path.write_text(text, encoding="utf-8")
    _, findings = _findings(path)
    assert [(f["code"], f["line"]) for f in findings if f["code"] in ("PT-Q01", "PT-M01")] == [("PT-M01", 21)]


def test_store_config_selects_ignores_and_changes_severity(store):
    (store / "perfctl.yaml").write_text(
        "lint:\n  select: [PT-Q, PT-D02]\n  ignore: [PT-D, PT-Q05]\n  severity: {PT-Q01: error}\n"
        "  exclude: ['389101/2025/自贸区*']\n", encoding="utf-8")
    code, findings = _findings(store)
    assert code == 1
    assert [(Path(f["path"]).name, f["code"], f["severity"]) for f in findings] == [
        (FIRST, "PT-Q01", "error"), ("自贸改革和制度创新奖评比表彰活动项目.yaml", "PT-Q01", "error")]


def test_bad_store_config_is_exit_2_with_position(store):
    (store / "perfctl.yaml").write_text("lint:\n  slect: [PT-Q]\n", encoding="utf-8")
    r = run_perfctl("lint", store)
    assert r.returncode == 2
    assert r.stderr == f"{store / 'perfctl.yaml'}:2:3: unknown key 'slect' in lint; did you mean 'select'?\n"


def test_profile_is_configured_or_detected(store):
    (store / "perfctl.yaml").write_text("profile: national-2021\n", encoding="utf-8")
    r = run_perfctl("lint", store, "--format", "json")
    assert {f["profile_reason"] for f in json.loads(r.stdout)["files"]} == {"configured"}
    r = run_perfctl("lint", store, "--format", "json", "--profile", "auto")
    assert {(f["profile"], f["profile_reason"]) for f in json.loads(r.stdout)["files"]} == {
        ("legacy-2015", "成本指标 is under 产出指标")}


def test_baseline_hides_known_findings_and_shows_new_ones(store, tmp_path):
    base = tmp_path / "baseline.json"
    r = run_perfctl("lint", store, "--baseline", base, "--fail-on", "info")
    assert r.returncode == 0 and "wrote baseline" in r.stderr
    assert len(json.loads(base.read_text(encoding="utf-8"))["findings"]) == 49
    path = store / "389101" / "2025" / FIRST
    # moving rows (lines change) keeps the fingerprints; a new vague target is new
    text = path.read_text(encoding="utf-8").replace("    target: ≥3人", "    target: 明显改善")
    path.write_text("# a comment that shifts every line\n" + text, encoding="utf-8")
    code, findings = _findings(store, "--baseline", str(base), "--fail-on", "warning")
    assert code == 1
    assert [(f["code"], f["line"]) for f in findings] == [("PT-D01", 26), ("PT-Q01", 27), ("PT-Q02", 27)]


def test_rules_lists_and_explains():
    r = run_perfctl("rules")
    assert r.returncode == 0 and "PT-C01  cost-within-budget" in r.stdout
    r = run_perfctl("rules", "PT-Q01")
    assert r.returncode == 0 and r.stdout.startswith("PT-Q01 vague-target  (severity: warning; profiles: all)")
    assert "Source:" in r.stdout
    assert run_perfctl("rules", "PT-Z99").returncode == 2


def test_lint_never_writes(store):
    before = {p: p.read_bytes() for p in store.rglob("*")if p.is_file()}
    run_perfctl("lint", store, "--fail-on", "info")
    assert {p: p.read_bytes() for p in store.rglob("*") if p.is_file()} == before


def test_config_schema_names_every_extensible_lexicon(store):
    from perfctl.lint.context import LEXICONS

    schema = json.loads((ROOT / "perfctl" / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    names = schema["properties"]["lint"]["properties"]["lexicons"]["propertyNames"]["enum"]
    assert sorted(names) == sorted([*LEXICONS, "graded"])
    (store / "perfctl.yaml").write_text("lint:\n  lexicons:\n    vauge: [大力推进]\n", encoding="utf-8")
    r = run_perfctl("lint", store)
    assert r.returncode == 2 and "perfctl.yaml:3:5:" in r.stderr


def test_a_file_named_twice_is_linted_once():
    r = run_perfctl("lint", "data", "data/389101/2025/自贸区法律服务经费.yaml", "data", "--format", "json")
    data = json.loads(r.stdout)
    assert (r.returncode, data["summary"]["files"]) == (0, 4)
    assert [f for f in data["findings"] if f["code"] == "PT-S13"] == []


@pytest.mark.parametrize("args,message", [
    (["--select", "PTS01"], "perfctl: --select: unknown rule code or prefix 'PTS01'; did you mean PT-S01"),
    (["--ignore", "PT-Q99"], "perfctl: --ignore: unknown rule code or prefix 'PT-Q99'"),
])
def test_an_unknown_rule_code_on_the_command_line_is_a_usage_error(args, message):
    r = run_perfctl("lint", "data", *args)  # a typo would otherwise lint nothing and pass
    assert r.returncode == 2
    assert r.stderr.startswith(message)
    assert r.stdout == ""


@pytest.mark.parametrize("config,message", [
    ("lint:\n  select: [PT-S0l]\n", "lint.select: unknown rule code or prefix 'PT-S0l'"),
    ("lint:\n  ignore: [PT-D02, XX]\n", "lint.ignore: unknown rule code or prefix 'XX'"),
    ("lint:\n  severity: {PT-S: error}\n", "lint.severity: unknown rule code 'PT-S'"),  # a severity names one rule
])
def test_an_unknown_rule_code_in_the_config_names_the_file(tmp_path, config, message):
    store = write(tmp_path, {"perfctl.yaml": config, "a.yaml": GOOD})
    r = run_perfctl("lint", store)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.startswith(f"{store / 'perfctl.yaml'}: {message}")


def test_known_prefixes_and_codes_are_accepted():
    from perfctl.lint.rules import unknown_code

    assert [unknown_code(c, prefix=True) for c in ("PT", "PT-", "PT-S", "PT-S01", "PT-M01")] == [None] * 5
    assert unknown_code("PT-S", prefix=False) is not None


def test_text_output_shows_control_characters_from_files_visibly(store):
    """A file name or a value carrying terminal controls (clear screen, retitle the window)
    is printed with them made visible, in the file heading and in the message that quotes it."""
    first = store / "389101" / "2025" / FIRST
    text = first.read_text(encoding="utf-8").replace("target: ≥50人", 'target: "\\e[2J很多人"', 1)
    (store / "389101" / "2025" / "bad\x1b]0;x\x07.yaml").write_text(text, encoding="utf-8")
    first.unlink()
    r = run_perfctl("lint", store)
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "bad\\x1b]0;x\\x07.yaml" in r.stdout
    assert "\\x1b[2J很多人" in r.stdout  # quoted by the message about the target
