"""``perfctl report``: the store at a glance (issue 15 item 4) — exact figures of the bundled
store, SVG bars proportional to the budgets, 元 and 万元 added up, ``--since`` in a throwaway
git repository, self-evaluation grades."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from decimal import Decimal

import pytest
from ruamel.yaml import YAML
from lxml import html as lxml_html
from wcwidth import wcswidth

from conftest import ROOT, run_perfctl
from fixtures.diff.gitrepo import FIRST, acceptance_edit, env, seed_repo

DATA = ROOT / "data"
SEED = sorted((DATA / "389101" / "2025").glob("*.yaml"))
UNIT = {"元": Decimal(1), "万元": Decimal(10000)}


def _seed():
    """The bundled projects as plain YAML, read without perfctl."""
    safe = YAML(typ="safe", pure=True)  # the YAML as data, read without perfctl's own loader
    return [safe.load(p.read_text(encoding="utf-8")) for p in SEED]


def _report(*args, cwd=ROOT, environ=None):
    r = run_perfctl("report", *args, cwd=cwd, env=environ)
    return r


@pytest.fixture(scope="module")
def data_json():
    r = _report("data", "--format", "json")
    assert (r.returncode, r.stderr) == (0, "")
    return json.loads(r.stdout)


def test_counts_of_the_bundled_store(data_json):
    seed = _seed()
    assert data_json["files"] == {"projects": 4, "failed": 0}
    assert data_json["indicators"]["rows"] == 29 == sum(len(p["indicators"]) for p in seed)
    assert data_json["departments"] == [{"code": "389101", "name": "中国（天津）自由贸易试验区管理委员会办公室",
                                         "year": 2025, "projects": 4, "budget": "490000.00"}]
    assert data_json["indicators"]["targets"] == {
        "quantitative": 25, "qualitative": 4, "unparsed": 0,
        "by_kind": {"deadline": 1, "duration": 3, "qualitative": 4, "quantity": 21}}


def test_budget_total_in_yuan_equals_the_files(data_json):
    seed = _seed()
    total = sum(Decimal(p["budget"]["total"]) * UNIT[p["money_unit"]] for p in seed)
    b = data_json["budget"]
    assert (b["total"], b["fiscal"], b["other"], b["total_wan"]) == (f"{total:.2f}", "490000.00", "0.00", "49.00")
    assert total == Decimal("490000.00")
    assert b["tables_by_unit"] == {"元": 4}
    assert [(p["name"], p["budget"]) for p in b["projects"]] == [
        ("自贸区信息化技术运维项目", "230000.00"), ("第四届京津冀自贸试验区联席活动项目", "200000.00"),
        ("自贸区法律服务经费", "30000.00"), ("自贸改革和制度创新奖评比表彰活动项目", "30000.00")]


def test_rows_and_money_per_level1(data_json):
    rows = Counter(ind["level1"] for p in _seed() for ind in p["indicators"])
    got = {c["level1"]: (c["rows"], c["projects"], c["money"]) for c in data_json["indicators"]["by_level1"]}
    # money: the targets in 元 or 万元 (all 成本指标 here: ≤8万元, ≤12万元, ≤1万元, ≤2万元, ≤3万元, ≤23万元)
    assert got == {"产出指标": (rows["产出指标"], 4, "490000.00"), "效益指标": (rows["效益指标"], 4, "0.00"),
                   "满意度指标": (rows["满意度指标"], 4, "0.00")}
    assert rows == {"产出指标": 21, "效益指标": 4, "满意度指标": 4}
    level2 = {two["level2"]: (two["rows"], two["money"]) for two in data_json["indicators"]["by_level1"][0]["level2"]}
    assert level2["成本指标"] == (6, "490000.00")


def test_lint_counts_equal_perfctl_lint(data_json):
    r = run_perfctl("lint", "data", "--format", "json")
    findings = json.loads(r.stdout)["findings"]
    by_rule = Counter(f["code"] for f in findings)
    by_severity = Counter(f["severity"] for f in findings)
    lint = data_json["lint"]
    assert {r["code"]: r["count"] for r in lint["by_rule"]} == dict(by_rule)
    assert lint["by_severity"] == {s: by_severity[s] for s in ("error", "warning", "info")} == {
        "error": 0, "warning": 13, "info": 36}
    assert (lint["files"], lint["unreadable"], lint["findings"]) == (4, 0, 49)
    assert data_json["selfeval"]["with_results"] == 0
    assert data_json["since"] is None


def test_html_bars_proportional_to_budgets_and_self_contained(tmp_path):
    out = tmp_path / "report.html"
    r = _report("data", "-o", out)  # the suffix says html
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    page = out.read_text(encoding="utf-8")
    assert "http" not in page and "<script" not in page.lower() and "<link" not in page.lower()
    assert "url(" not in page and "<img" not in page.lower()
    doc = lxml_html.fromstring(page)
    (svg,) = doc.xpath('//figure[@id="chart-budget"]//svg')
    names = [t.text for t in svg.xpath(".//g/title")]
    widths = [Decimal(w) for w in svg.xpath(".//rect/@width")]
    budgets = {p["name"]: Decimal(p["budget"]["total"]) * UNIT[p["money_unit"]] for p in _seed()}
    assert [n.split(":")[0] for n in names] == ["自贸区信息化技术运维项目", "第四届京津冀自贸试验区联席活动项目",
                                                "自贸区法律服务经费", "自贸改革和制度创新奖评比表彰活动项目"]
    first = budgets[names[0].split(":")[0]]
    for title, w in zip(names, widths):
        assert float(w / widths[0]) == pytest.approx(float(budgets[title.split(":")[0]] / first), abs=1e-4)
    assert widths[0] == Decimal("330.000")  # the largest fills the plot
    assert len(doc.xpath('//figure[@id="chart-findings"]//rect')) == 7
    assert len(doc.xpath('//figure[@id="chart-level1"]//rect')) == 3


def test_a_store_mixing_yuan_and_wan_adds_up(tmp_path):
    store = tmp_path / "store"
    shutil.copytree(DATA, store)
    f = store / "389101" / "2025" / "自贸区法律服务经费.yaml"
    text = f.read_text(encoding="utf-8")
    text = text.replace("money_unit: 元", "money_unit: 万元").replace(
        "  total: '30000.00'\n  fiscal: '30000.00'\n  other: '0.00'",
        "  total: '4.500000'\n  fiscal: '4.000000'\n  other: '0.500000'")
    assert "4.500000" in text and "万元" in text
    f.write_text(text, encoding="utf-8")
    r = _report(store, "--format", "json")
    assert r.returncode == 0, r.stderr
    b = json.loads(r.stdout)["budget"]
    assert (b["total"], b["fiscal"], b["other"], b["total_wan"]) == ("505000.00", "500000.00", "5000.00", "50.50")
    assert b["tables_by_unit"] == {"元": 3, "万元": 1}
    assert ("自贸区法律服务经费", "万元", "45000.00") in [(p["name"], p["money_unit"], p["budget"]) for p in b["projects"]]


def test_since_lists_a_loosened_target(tmp_path):
    repo = seed_repo(tmp_path)
    acceptance_edit(repo / FIRST)  # ≥50人 → ≥30人, 预算数 200000.00 → 250000.00, …
    r = _report("data", "--since", "HEAD", "--format", "json", cwd=repo, environ=env())
    assert r.returncode == 0, r.stderr
    since = json.loads(r.stdout)["since"]
    assert (since["rev"], since["projects"], since["changes"]) == ("HEAD", 1, 5)
    assert since["by_level"] == {"breaking": 2, "review": 2, "info": 1}
    listed = [(c["kind"], c["where"], c["old"], c["new"]) for c in since["listed"]]
    assert listed == [("target-loosened", "产出指标 › 数量指标 › 邀请参会人员数量", "≥50人", "≥30人"),
                      ("budget-total-changed", "预算数", "200000.00", "250000.00"),
                      ("budget-fiscal-changed", "其中：财政资金", "200000.00", "250000.00")]
    text = _report("data", "--since", "HEAD", cwd=repo, environ=env())
    assert text.returncode == 0
    assert "target-loosened  第四届京津冀自贸试验区联席活动项目 · 产出指标 › 数量指标 › 邀请参会人员数量: ≥50人 → ≥30人" in text.stdout


def test_since_needs_a_revision(tmp_path):
    repo = seed_repo(tmp_path)
    r = _report("data", "--since", "no-such-rev", cwd=repo, environ=env())
    assert (r.returncode, r.stdout) == (2, "")
    assert "--since no-such-rev: not a git revision" in r.stderr


def test_self_evaluation_totals_and_grades():
    r = _report("tests/fixtures/selfeval", "--format", "json")
    assert r.returncode == 0, r.stderr
    se = json.loads(r.stdout)["selfeval"]
    assert {k: se[k] for k in ("with_results", "scored", "unscored", "grades", "mean", "min", "max")} == {
        "with_results": 2, "scored": 1, "unscored": 1, "grades": {"优": 1, "良": 0, "中": 0, "差": 0},
        "mean": "94.63", "min": "94.63", "max": "94.63"}
    assert {p["name"]: (p["total"], p["grade"]) for p in se["projects"]} == {
        "第四届京津冀自贸试验区联席活动项目": ("94.63", "优"), "自贸区信息化技术运维项目": (None, None)}


def test_text_bars_line_up_by_display_width():
    r = _report("data", environ={**env(), "COLUMNS": "100"})
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Budget, every table in 元: 预算数 490,000.00 元 = 49.00 万元")))
    assert lines[start + 1] == "  其中：财政资金 490,000.00 元, 其他资金 0.00 元; tables: 4 in 元"
    chart = lines[start + 2:start + 6]
    columns = {wcswidth(line[:line.index("█")]) for line in chart}
    assert len(columns) == 1, chart  # every bar starts at one column, Chinese names and all
    bars = [line[line.index("█"):] for line in chart]
    assert len(bars[0]) > len(bars[1]) > len(bars[2]) == len(bars[3])
    assert all(wcswidth(line) <= 100 for line in lines if "█" in line)


def test_a_file_that_does_not_load_is_named_and_the_rest_summarised(tmp_path):
    store = tmp_path / "store"
    shutil.copytree(DATA, store)
    (store / "389101" / "2025" / "broken.yaml").write_text("format: 1\nname: [\n", encoding="utf-8")
    r = _report(store, "--format", "json")
    assert r.returncode == 2
    assert "broken.yaml" in r.stderr and "1 file failed to load" in r.stderr
    assert json.loads(r.stdout)["files"] == {"projects": 4, "failed": 1}


@pytest.mark.parametrize("args, message", [
    (("--format", "pdf"), "unknown format 'pdf'"),
    (("-o", "r.json", "--format", "html"), "contradicts the output file name"),
])
def test_usage_errors(tmp_path, args, message):
    r = _report("data", *args, cwd=ROOT)
    assert (r.returncode, r.stdout) == (2, "")
    assert message in r.stderr


def test_nothing_loaded_prints_no_report(tmp_path):
    r = _report(tmp_path / "nosuch", "-o", tmp_path / "r.json")
    assert r.returncode == 2 and r.stdout == "" and not (tmp_path / "r.json").exists()
    assert "nosuch: no such file or folder" in r.stderr
