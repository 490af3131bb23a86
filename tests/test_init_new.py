"""perfctl init, new (from a skeleton, or --from last year's table) and schema (issue 5)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest

from conftest import ROOT, run_perfctl, write
from perfctl import config, yamlio
from perfctl.authoring import skeleton, spans
from perfctl.commands import new as new_cmd
from perfctl.errors import UsageError
from perfctl.model import load

FMT = ROOT / "tests" / "fixtures" / "fmt"
ALL_FLAGS = ("--name", "法律服务经费", "--dept", "389101", "--dept-name", "测试局", "--year", "2026",
             "--budget", "30000", "--unit", "元", "--profile", "national-2021")


def perfctl(*args, cwd=None):
    """perfctl with stdin a pipe (not a terminal): it never prompts."""
    return run_perfctl(*args, cwd=cwd, input="")


def test_init_writes_a_ready_store_and_never_overwrites(tmp_path):
    store = tmp_path / "tables"
    (store).mkdir()
    (store / "README.md").write_text("我们自己的说明\n", encoding="utf-8")
    r = perfctl("init", store, "--dept", "389101", "--dept-name", "测试局", "--year", "2026", "--no-git")
    assert r.returncode == 0, r.stderr
    assert f"exists, left alone: {store / 'README.md'}" in r.stderr
    assert (store / "README.md").read_text(encoding="utf-8") == "我们自己的说明\n"
    cfg = config.load(store / "perfctl.yaml")
    assert (cfg.department, cfg.year, cfg.profile, cfg.line_endings) == ({"code": "389101", "name": "测试局"}, 2026, "national-2021", "lf")
    assert cfg.lint.thresholds == config.DEFAULT_THRESHOLDS and cfg.lint.select == ["PT"]
    text = (store / "perfctl.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.perfctl/config.schema.json\n")
    assert "    satisfaction_floor: 80       # lowest acceptable satisfaction target, percent\n" in text
    assert (store / ".gitattributes").read_text(encoding="utf-8").splitlines()[1:3] == ["*.yaml text eol=lf", "*.yml text eol=lf"]
    assert (store / ".gitattributes").read_text(encoding="utf-8").splitlines()[4:] == ["*.yaml diff=perfctl", "*.yml diff=perfctl"]
    assert (store / ".gitignore").read_text(encoding="utf-8").splitlines()[1::2] == ["out/", ".perfctl/cache/"]
    assert (store / ".perfctl" / "project.schema.json").read_text(encoding="utf-8") == perfctl("schema").stdout
    vscode = json.loads((store / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert vscode["yaml.schemas"][".perfctl/project.schema.json"] == ["/*/*/*.yaml", "/*/*/*.yml"]
    hooks = yamlio.parse((store / ".pre-commit-config.yaml").read_text(encoding="utf-8")).data["repos"][0]["hooks"]
    assert [(h["id"], h["entry"], h["files"]) for h in hooks] == [
        ("perfctl-fmt", "perfctl fmt --check", r"^.*\.ya?ml$"), ("perfctl-lint", "perfctl lint", r"^.*\.ya?ml$")]
    before = {p: p.read_bytes() for p in store.rglob("*") if p.is_file()}
    again = perfctl("init", store, "--no-git", "--year", "2030")
    assert again.returncode == 0 and again.stderr.count("exists, left alone") == 8
    assert {p: p.read_bytes() for p in store.rglob("*") if p.is_file()} == before


def test_init_offers_git_init_and_works_inside_a_repository(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    plain = perfctl("init", tmp_path / "plain")
    assert plain.returncode == 0 and "not a git repository; run `git init`" in plain.stderr
    assert not (tmp_path / "plain" / ".git").exists()
    assert perfctl("init", tmp_path / "repo", "--git").returncode == 0
    assert (tmp_path / "repo" / ".git").is_dir()
    inner = perfctl("init", tmp_path / "repo" / "stores" / "tj", "--no-git")
    assert inner.returncode == 0 and "pre-commit reads .pre-commit-config.yaml only at the repository root" in inner.stderr
    hooks = (tmp_path / "repo" / "stores" / "tj" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert r"files: '^stores/tj/.*\.ya?ml$'" in hooks
    assert not (tmp_path / "repo" / "stores" / "tj" / ".git").exists()


def test_new_with_all_flags_writes_the_skeleton(tmp_path):
    r = perfctl("new", *ALL_FLAGS, "--into", tmp_path)
    assert r.returncode == 0, r.stderr
    path = tmp_path / "389101" / "2026" / "法律服务经费.yaml"
    assert r.stdout == f"{path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.perfctl/project.schema.json\n")
    assert (path.parent / "../../.perfctl/project.schema.json").resolve().is_file()
    p = load(path)
    assert (p.name, p.department.code, p.department.name, p.year, p.money_unit) == ("法律服务经费", "389101", "测试局", 2026, "元")
    assert (str(p.budget.total), str(p.budget.fiscal), str(p.budget.other)) == ("30000.00", "30000.00", "0.00")
    assert [(i.level1, i.level2, i.name, i.target) for i in p.indicators] == [
        ("产出指标", "数量指标", "待填写", "待定"), ("产出指标", "质量指标", "待填写", "待定"),
        ("产出指标", "时效指标", "待填写", "待定"), ("成本指标", "经济成本指标", "待填写", "待定"),
        ("效益指标", "社会效益指标", "待填写", "待定"), ("满意度指标", "服务对象满意度指标", "待填写", "待定")]
    assert p.goals == ["待填写"] and p.purpose == "待填写"
    assert perfctl("fmt", "--check", path).returncode == 0  # new writes the canonical layout
    again = perfctl("new", *ALL_FLAGS, "--into", tmp_path)
    assert again.returncode == 2 and again.stderr.startswith(f"{path}: exists; perfctl new never writes over a file")


def test_legacy_skeleton_keeps_cost_under_output(tmp_path):
    flags = [f if f != "national-2021" else "legacy-2015" for f in ALL_FLAGS]
    assert perfctl("new", *flags, "--unit", "万元", "--budget", "12.5", "--other", "2.5", "--into", tmp_path).returncode == 0
    p = load(tmp_path / "389101" / "2026" / "法律服务经费.yaml")
    assert [(i.level1, i.level2) for i in p.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
        ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]
    assert (p.money_unit, p.budget.total, p.budget.fiscal, p.budget.other) == ("万元", Decimal("12.500000"), Decimal("10.000000"), Decimal("2.500000"))


def test_skeleton_rows_are_categories_of_their_profile():
    for profile in config.PROFILES:
        cats = skeleton.categories(profile)
        assert all(level2 in cats[level1] for level1, level2 in skeleton.rows(profile))
        assert {level1 for level1, _ in skeleton.rows(profile)} == set(cats)  # every 一级指标 has a row


def test_new_without_a_terminal_names_the_missing_flags(tmp_path):
    no_name = [a for a in ALL_FLAGS if a not in ("--name", "法律服务经费")]
    r = perfctl("new", *no_name, "--into", tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("perfctl: missing --name (stdin is not a terminal")
    assert list(tmp_path.iterdir()) == []
    r = perfctl("new", "--budget", "3", "--into", tmp_path)
    assert r.stderr.startswith("perfctl: missing --name, --dept, --dept-name, --year, --unit, --profile (")


def test_new_takes_defaults_from_the_store_config_and_asks_on_a_terminal(tmp_path, monkeypatch):
    write(tmp_path, {"perfctl.yaml": "department: {code: '120001', name: 示例部门}\nyear: 2027\nprofile: legacy-2015\n"})
    asked = []

    def ask(question):
        asked.append(question)
        return {"项目名称": "示例项目", "预算数": "500", "单位": "元"}[question.split(" ")[0]]

    monkeypatch.chdir(tmp_path)
    assert new_cmd.run(ask=ask, name=None, dept=None, dept_name=None, year=None, budget=None, fiscal=None,
                       other=None, unit=None, profile=None) == 0
    assert [q.split(" ")[0] for q in asked] == ["项目名称", "预算数", "单位"]
    p = load(tmp_path / "120001" / "2027" / "示例项目.yaml")
    assert (p.department.name, p.indicators[3].level2, str(p.budget.total)) == ("示例部门", "成本指标", "500.00")
    with pytest.raises(UsageError, match="--unit must be 元 or 万元, not '千元'"):
        new_cmd.run(name="x", unit="千元", budget="1", dept=None, dept_name=None, year=None, fiscal=None, other=None, profile=None)


def test_new_from_copies_into_a_new_year_keeping_every_comment(tmp_path):
    store = tmp_path / "store"
    src = store / "389101" / "2025" / "自贸区法律服务经费.yaml"
    src.parent.mkdir(parents=True)
    text = (FMT / "commented.formatted.yaml").read_text(encoding="utf-8").replace("target: ≤48小时", "target: 2025年6月底前")
    src.write_text(text.replace("../../../data/.perfctl", "../../.perfctl"), encoding="utf-8")
    r = perfctl("new", "--from", src, "--year", "2026")
    assert r.returncode == 0, r.stderr
    copy = store / "389101" / "2026" / "自贸区法律服务经费.yaml"
    out = copy.read_text(encoding="utf-8")
    assert [c for _, c in spans.comments(out) if "review (待复核)" not in c] == [c for _, c in spans.comments(src.read_text(encoding="utf-8"))]
    review = "# review (待复核): copied from the 2025 table"
    expected = src.read_text(encoding="utf-8").replace("year: 2025", "year: 2026").replace(
        "  - level1: 产出指标\n    level2: 数量指标", f"  - level1: 产出指标  {review}\n    level2: 数量指标").replace(
        "  - level1: 产出指标\n    level2: 时效指标",
        f"  - level1: 产出指标  {review}; target 2025年6月底前 → 2026年6月底前\n    level2: 时效指标").replace(
        "  - level1: 满意度指标", f"  - level1: 满意度指标  {review}").replace("target: 2025年6月底前", "target: 2026年6月底前")
    assert out == expected
    assert load(copy).year == 2026 and load(src).year == 2025
    assert perfctl("new", "--from", src).stderr.startswith("perfctl: missing --year")
    assert perfctl("new", "--from", src, "--year", "2026").returncode == 2  # exists


def test_init_new_lint_render_end_to_end(tmp_path):
    assert perfctl("init", tmp_path, "--dept", "389101", "--dept-name", "测试局", "--year", "2026", "--no-git").returncode == 0
    made = perfctl("new", "--name", "法律服务经费", "--budget", "30000", "--unit", "元", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    path = tmp_path / made.stdout.strip()
    lint = perfctl("lint", tmp_path, "--format", "json")
    assert lint.returncode == 1, lint.stderr  # the placeholders are findings until filled in
    findings = json.loads(lint.stdout)["findings"]
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = lines.index("indicators:") + 1  # every row below is a placeholder row
    assert all(f["line"] > rows or "待填写" in lines[f["line"] - 1] for f in findings), findings
    # only the placeholders are reported: target 待定 (PT-V02), name 待填写 (PT-N04), goal (PT-G01), purpose (PT-S01)
    assert {f["code"] for f in findings} == {"PT-V02", "PT-N04", "PT-G01", "PT-S01"}, findings
    # each placeholder row is reported (PT-V02) until it is filled in
    assert sorted(f["line"] for f in findings if f["code"] == "PT-V02") == [
        n for n, line in enumerate(lines, start=1) if line == "    target: 待定"]
    render = perfctl("render", tmp_path, "--format", "md", "--out", tmp_path / "out")
    assert render.returncode == 0, render.stderr
    doc = (tmp_path / "out" / "389101-2026.md").read_text(encoding="utf-8")
    assert "| 成本指标 | 经济成本指标 | 待填写 | 待定 |" in doc  # no 绩效指标描述 column: no row has one


def test_crlf_store_gets_crlf_files_only(tmp_path):
    assert perfctl("init", tmp_path, "--line-endings", "crlf", "--no-git").returncode == 0
    assert perfctl("new", *ALL_FLAGS, cwd=tmp_path).returncode == 0
    for p in [tmp_path / "perfctl.yaml", *tmp_path.glob("389101/2026/*.yaml")]:
        data = p.read_bytes()
        assert data.count(b"\r\n") == data.count(b"\n") > 10, p
    assert b"eol=crlf" in (tmp_path / ".gitattributes").read_bytes()


def test_schema_prints_the_packaged_schema(tmp_path):
    r = perfctl("schema")
    assert r.returncode == 0 and r.stdout == (ROOT / "perfctl" / "schemas" / "project.schema.json").read_text(encoding="utf-8")
    assert json.loads(r.stdout)["title"] == "perfctl project file, format 1"
    out = tmp_path / "s.json"
    assert perfctl("schema", "-o", out).returncode == 0 and out.read_text(encoding="utf-8") == r.stdout


def test_new_refuses_parts_that_do_not_add_up(tmp_path):
    r = perfctl("new", *ALL_FLAGS[:ALL_FLAGS.index("--budget")], "--budget", "100", "--fiscal", "200", "--unit", "元",
                "--profile", "national-2021", "--into", tmp_path)
    assert r.returncode == 2 and "must add up to 预算数" in r.stderr and not any(tmp_path.rglob("*.yaml"))
