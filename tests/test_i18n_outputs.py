"""The outputs in Chinese and English: ``perfctl report`` (text, HTML, JSON), ``perfctl score``
(its text report and findings), ``query`` without the analytics extra, ``render`` with an
unknown layout, ``export`` and ``prepare``'s counts; the HTML report's words come from the
catalog (jinja2's i18n extension) and the machine formats keep their English keys and codes."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from conftest import DATA, ROOT, run_perfctl
from perfctl.cli import app
from perfctl.i18n import catalog

SELFEVAL = ROOT / "tests" / "fixtures" / "selfeval"
#: A number as the reports print it: 2025, 490,000.00, 94.63, 91.25%.
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def perfctl(lang: str, *args: str | Path, columns: int = 100) -> tuple[int, str, str]:
    import os

    r = run_perfctl("--lang", lang, *args, env={**os.environ, "COLUMNS": str(columns)})
    return r.returncode, r.stdout, r.stderr


def numbers(text: str) -> Counter[str]:
    return Counter(NUMBER.findall(text))


# ---------------------------------------------------------------- perfctl report


def test_report_text_in_chinese_has_chinese_headings_and_the_english_numbers() -> None:
    code_en, en, err_en = perfctl("en", "report", "data")
    code_zh, zh, err_zh = perfctl("zh", "report", "data")
    assert (code_en, err_en, code_zh, err_zh) == (0, "", 0, "")
    assert en.startswith("perfctl report: 4 projects, 29 indicator rows; amounts in 元\n")
    assert zh.startswith("perfctl report：4个项目，29个指标行；金额单位：元\n")
    for heading in ("按部门和年度统计的项目（条形：预算数）", "预算（各表均折算为元）：预算数 490,000.00 元 = 49.00 万元",
                    "  其中：财政资金 490,000.00 元，其他资金 0.00 元；", "按一级指标统计的指标行（行数；指标值所列金额，单位：元）",
                    "  指标值：定量25个，定性4个", "检查：4个文件中有49个问题（错误0个，警告13个，提示36个）",
                    "自评：尚无项目填写完成情况"):
        assert heading in zh, heading
    for english in ("Projects by", "Budget", "Indicator rows", "targets:", "Lint:", "Self-evaluation", " rows "):
        assert english not in zh, english
    # every figure of the English report, and no other, in the Chinese one (order may differ)
    assert numbers(zh) == numbers(en)
    assert "  产出指标    21行       490,000.00  █" in zh
    assert re.search(r"\n  PT-D02 description-repeats-name +29 提示 +█", zh)  # rule codes and names stay


def test_report_text_self_evaluation_line_in_chinese() -> None:
    code, out, _ = perfctl("zh", "report", SELFEVAL)
    assert code == 0
    assert ("自评：2个项目有完成情况，1个已评分，1个无法评分（原因见 perfctl score）；总分平均 94.63，最低 94.63，最高 94.63"
            in out.splitlines())
    code, out, _ = perfctl("en", "report", SELFEVAL)
    assert ("Self-evaluation: 2 projects with results, 1 scored, 1 cannot be scored (perfctl score says why); "
            "总分 mean 94.63, lowest 94.63, highest 94.63") in out.splitlines()


def test_report_text_says_one_project_in_the_singular(tmp_path: Path) -> None:
    one = tmp_path / "store"
    one.mkdir()
    source = DATA / "389101" / "2025" / "自贸区法律服务经费.yaml"
    (one / source.name).write_bytes(source.read_bytes())
    code, out, _ = perfctl("en", "report", one)
    assert code == 0
    assert out.startswith("perfctl report: 1 project, ")
    assert "  2025 389101 " in out and " 1 project " in out


def _page(lang: str, path: Path = DATA) -> Any:
    code, out, err = perfctl(lang, "report", path, "--format", "html")
    assert (code, err) == (0, "")
    return lxml_html.fromstring(out), out


def test_report_html_in_chinese_keeps_its_charts() -> None:
    (zh, text), (en, _) = _page("zh"), _page("en")
    assert zh.get("lang") == "zh-CN" and en.get("lang") == "en"
    assert zh.findtext(".//title") == "绩效目标表库概览" and en.findtext(".//title") == "绩效目标 store report"
    assert zh.findtext(".//h1") == "绩效目标表 · 目标表库概览"
    assert [h.text_content() for h in zh.iter("h2")] == [
        "按部门和年度统计的项目", "预算", "按一级指标统计的指标行", "检查问题", "自评"]
    assert [h.text_content() for h in en.iter("h2")] == [
        "Projects by department and year", "Budget", "Indicator rows by 一级指标", "Lint findings", "Self-evaluation (自评)"]
    notes = [p.text_content() for p in zh.xpath('//p[@class="note"]')]
    assert "4个项目，29个指标行；金额均以元计（万元表已折算：1 万元 = 10,000 元）。" in notes
    assert "4个文件中有49个问题：错误0个，警告13个，提示36个。" in notes
    assert "尚无项目填写完成情况。" in notes
    assert [f.findtext("figcaption") for f in zh.iter("figure")] == ["各项目预算数（元）", "按一级指标统计的指标行", "按规则统计的检查问题"]
    # the same SVG bars in both languages: the charts are drawn from the figures, not the words
    for chart in ("budget", "level1", "findings"):
        widths = [doc.xpath(f'//figure[@id="chart-{chart}"]//svg//rect/@width') for doc in (zh, en)]
        assert widths[0] == widths[1] and widths[0], chart
    assert zh.xpath('//figure[@id="chart-level1"]//svg//g/title/text()')[0] == "产出指标：21行"
    assert {td.text for td in zh.xpath("//table//tr/td[3]") if td.text in ("警告", "提示", "错误")} == {"警告", "提示"}
    for english in ("store at a glance", "findings in", "No project holds", "indicator rows", "quantitative"):
        assert english not in text, english


def test_report_html_self_evaluation_in_chinese() -> None:
    zh, _ = _page("zh", SELFEVAL)
    assert "2个项目有完成情况，1个已评分，1个无法评分；总分平均 94.63，最低 94.63，最高 94.63。" in [
        p.text_content() for p in zh.xpath('//p[@class="note"]')]
    assert [th.text for th in zh.xpath("//th")][-6:] == ["等级", "优", "良", "中", "差", "项目数"]


def test_report_json_is_the_same_in_both_languages() -> None:
    def keys(value: Any, at: str = "") -> set[str]:
        if isinstance(value, dict):
            return {f"{at}.{k}" for k in value} | {x for k, v in value.items() for x in keys(v, f"{at}.{k}")}
        if isinstance(value, list):
            return {x for v in value for x in keys(v, f"{at}[]")}
        return set()

    for path in (DATA, SELFEVAL):
        en, zh = (json.loads(perfctl(lang, "report", path, "--format", "json")[1]) for lang in ("en", "zh"))
        assert keys(zh) == keys(en) and ".lint.by_severity.warning" in keys(en)
        assert zh == en  # no message in it: figures, codes and the files' own words


def test_the_report_template_is_extracted_into_the_catalog() -> None:
    messages = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog.extract([ROOT / "templates" / "report.html.j2"])
                if m.id}
    assert {"绩效目标 store report", "Projects by department and year", "Budget", "Lint findings", "No project holds results yet.",
            "%(count)s project changed, %(changes)s: %(levels)s."} <= messages


# ---------------------------------------------------------------- perfctl score


def test_score_text_labels_in_chinese() -> None:
    code_zh, zh, err_zh = perfctl("zh", "score", SELFEVAL, columns=160)
    code_en, en, err_en = perfctl("en", "score", SELFEVAL, columns=160)
    assert code_zh == code_en == 2  # one project cannot be scored
    assert "national-2020：各行得分四舍五入保留2位小数，总分为各行得分之和" in zh.splitlines()
    assert "national-2020: rows rounded half up to 2 decimals, the total their sum" in en.splitlines()
    # the form's own words stay: the table's headers, 预算执行率, 总分 and the grade
    for form_words in ("| 一级指标 ", "| 三级指标 ", "| 实际完成值 / 全年执行数 ", "| 原表得分 ", "| 预算执行率 ", "总分 94.63  优"):
        assert form_words in zh and form_words in en, form_words
    assert "总分未能计算：见下列错误" in zh.splitlines() and "总分 not scored: see the errors below" in en.splitlines()
    assert "  35:5   错误     no-actual  没有实际完成值（actual）：该行无法评分" in zh.splitlines()
    assert "  35:5   error    no-actual  no 实际完成值 (actual): the row cannot be scored" in en.splitlines()
    assert err_zh == "perfctl score：2个项目有完成情况，跳过1个无完成情况的项目（无实际完成值、得分或全年执行数），1个无法评分，2个问题\n"
    assert err_en == ("perfctl score: 2 projects with results, 1 without results skipped (no 实际完成值, 得分 or 全年执行数), "
                      "1 could not be scored, 2 findings\n")
    assert numbers(zh) == numbers(en)


def test_a_score_finding_in_chinese() -> None:
    _, zh, _ = perfctl("zh", "score", SELFEVAL, columns=160)
    assert "  33:12  问题     score-mismatch  填报得分 10；按 46 ÷ 50 × 10 计算为 9.20" in zh.splitlines()
    assert "  48:5   问题     reason-missing  未达成：应填写偏差原因分析及改进措施（deviation）" in zh.splitlines()
    # JSON: English keys, codes and severities; the message in the user's language
    [first, second] = json.loads(perfctl("zh", "score", SELFEVAL, "--format", "json")[1])
    assert first["issues"] == [{"code": "score-mismatch", "severity": "finding", "line": 33, "col": 12,
                                "message": "填报得分 10；按 46 ÷ 50 × 10 计算为 9.20"}]
    assert [(i["code"], i["severity"]) for i in second["issues"]] == [
        ("no-actual", "error"), ("qualitative-no-score", "error"), ("reason-missing", "finding")]
    assert [r["reason"] for r in second["rows"] if r["needs_reason"]] == ["未达成"]
    [en_first, _] = json.loads(perfctl("en", "score", SELFEVAL, "--format", "json")[1])
    assert en_first["issues"][0]["message"] == "得分 10 declared; 46 ÷ 50 × 10 gives 9.20"


# ---------------------------------------------------------------- query, render, export, prepare


@pytest.mark.parametrize("module", ["duckdb", "pyarrow"])
def test_query_without_the_analytics_extra_says_in_chinese_which_to_install(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    r = CliRunner().invoke(app, ["--lang", "zh", "query", "select 1", "data"])
    assert r.exit_code == 2
    assert f"此功能需要 {module}，它属于 analytics 扩展：pip install 'perfctl[analytics]'\n" in r.stderr
    assert not re.search(r"[a-z]{4,} [a-z]{4,}", r.stderr.replace("pip install", "").replace("perfctl[analytics]", ""))


def test_render_an_unknown_layout_in_chinese() -> None:
    code, out, err = perfctl("zh", "render", "data", "--layout", "nope")
    assert (code, out) == (2, "")
    assert "没有名为 'nope' 的版式；可用版式：national-2021, tianjin" in err
    code, _, err = perfctl("en", "render", "data", "--layout", "nope")
    assert code == 2 and "no layout named 'nope'; layouts: national-2021, tianjin" in err


def test_render_documents_stay_the_official_forms_and_the_progress_line_is_chinese(tmp_path: Path) -> None:
    code, _, err = perfctl("zh", "render", "data", "--format", "md", "--out", tmp_path / "zh")
    assert code == 0 and err == f"已写入 {tmp_path / 'zh' / '389101-2025.md'}（4张表）\n"
    code, _, err = perfctl("en", "render", "data", "--format", "md", "--out", tmp_path / "en")
    assert code == 0 and err == f"wrote {tmp_path / 'en' / '389101-2025.md'} (4 tables)\n"
    # the document is the same Chinese form in both languages
    assert (tmp_path / "zh" / "389101-2025.md").read_bytes() == (tmp_path / "en" / "389101-2025.md").read_bytes()


def test_export_counts_in_both_languages(tmp_path: Path) -> None:
    code, _, err = perfctl("zh", "export", "data", "-o", tmp_path / "x.json")
    assert code == 0 and err == f"已写入 {tmp_path / 'x.json'}（4个项目，29个指标）\n"
    code, _, err = perfctl("en", "export", "data", "-o", tmp_path / "y.json")
    assert code == 0 and err == f"wrote {tmp_path / 'y.json'} (4 projects, 29 indicators)\n"
    assert (tmp_path / "x.json").read_bytes() == (tmp_path / "y.json").read_bytes()


def test_prepare_says_what_it_added_in_chinese(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    source = DATA / "389101" / "2025" / "自贸区法律服务经费.yaml"
    (store / source.name).write_bytes(source.read_bytes())
    code, _, err = perfctl("zh", "prepare", store)
    assert code == 0
    assert err.splitlines()[0] == (
        f"{store / source.name}：已添加 7个 actual 字段；7个建议分值（产出指标 50、效益指标 30、满意度指标 10、预算执行率 10）；"
        "空字段 budget.adjusted、budget.spent、goals_actual、1个定性指标行的 score")
    assert err.splitlines()[-1] == "已准备1个文件，0个此前已准备"
