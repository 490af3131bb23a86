"""What a walk through perfctl in Chinese found, fixed: help lines that ended on an opening
bracket or split ``[默认：table]``; jsonschema's English for a number out of range; 分值 called
an amount; Chinese word lists joined with ASCII commas; ``label: value`` with an ASCII colon in
show, score and the HTML report; a half-width bracket in diff's table; import positions in words
followed by an ASCII colon; a store config's errors in English although it says ``lang: zh``;
a baseline's JSON and key errors, and the OS's reasons, in English; click's number errors in
English; a reStructuredText role in ``perfctl rules CODE``; wording (规范格式, the prepare note,
表：金额单位为元的4张). English output stays as it was."""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, DATA, GOOD, ROOT, run_perfctl, write
from perfctl import i18n
from perfctl.clihelp import fill, width
from perfctl.errors import os_reason

SELFEVAL = ROOT / "tests" / "fixtures" / "selfeval"
CJK = re.compile(r"[\u4e00-\u9fff]")
#: Words a Chinese message may name as they are: the file format's keys, perfctl and formats.
KEYS = {"perfctl", "yaml", "json", "html", "lint", "department", "year", "name", "budget", "indicators", "code",
        "format", "goals", "kind", "period", "purpose", "source", "target", "weight", "actual", "score"}


def perfctl(*args: str | Path, cwd: Path | None = None, columns: int = 80, **env: str):
    return run_perfctl(*args, cwd=cwd, env={**os.environ, "COLUMNS": str(columns), **env})


def english_words(text: str) -> list[str]:
    """Words of English prose in ``text``: not option names, codes, keys, paths or formats."""
    text = re.sub(r"`[^`]*`|--[\w-]+|\S*[/.]\S*|PT-\w+|IMP-[\w-]+|[\w-]+-20\d\d|'[^']*'", " ", text)
    return [w for w in re.findall(r"\b[a-z]{3,}\b", text) if w not in KEYS]


# ---------------------------------------------------------------- help laid out in Chinese


def test_fill_keeps_an_opening_bracket_with_what_it_opens() -> None:
    lines = fill("有完成情况（实际完成值、得分或全年执行数）的项目生成为其项目支出绩效自评表（财预〔2020〕10号 附件1），评分方法相同。", 76)
    assert all(not line.endswith(("（", "〔", "“")) for line in lines), lines
    assert lines[1].startswith("（财预〔2020〕10号")


def test_fill_keeps_a_bracketed_default_whole_and_a_closing_ascii_bracket_on_its_line() -> None:
    assert fill("table：按终端对齐；csv；json：对象列表。  [默认：table]", 46) == [
        "table：按终端对齐；csv；json：对象列表。", "[默认：table]"]
    lines = fill("比较目标表库的两个预算年度：STORE/<部门编码>/OLD/ 对比", 24)
    assert not any(line.startswith(">") for line in lines), lines


@pytest.mark.parametrize("command", ["render", "prepare", "query", "score", "diff", "import", "lint"])
def test_help_lines_fit_and_no_line_ends_on_an_opening_bracket(command: str) -> None:
    for columns in (60, 80):
        r = perfctl("--lang", "zh", command, "--help", columns=columns)
        assert r.returncode == 0, r.stderr
        for line in r.stdout.splitlines():
            assert width(line) <= columns, line
            assert not line.rstrip().endswith(("（", "〔", "[")), line
            assert not line.lstrip().startswith(("，", "。", "）", "、")), line


def test_help_wording() -> None:
    assert "[默认：table]" in perfctl("--lang", "zh", "query", "--help").stdout
    assert "将项目文件整理为规范格式，保留所有注释和原来选用的引号。" in perfctl("--lang", "zh", "fmt", "--help").stdout
    prepare = re.sub(r"\s*\n\s*", "", perfctl("--lang", "zh", "prepare", "--help").stdout)
    assert "（这是 perfctl 的选择，国家规定对此未作要求）" in prepare and "国家规定对此未作规定" not in prepare


def test_clicks_number_errors_in_chinese() -> None:
    zh = perfctl("--lang", "zh", "log", "-n", "x")
    en = perfctl("--lang", "en", "log", "-n", "x")
    assert zh.stderr.splitlines()[-1] == "错误：'--max-count' / '-n' 的值无效：'x' 不是有效的整数。"
    assert en.stderr.splitlines()[-1] == "Error: Invalid value for '--max-count' / '-n': 'x' is not a valid int range."


# ---------------------------------------------------------------- schema errors


def test_schema_errors_a_number_out_of_range_and_points_in_chinese(tmp_path: Path) -> None:
    files = {"year.yaml": GOOD.replace("year: 2025", "year: 1800"),
             "weight.yaml": GOOD.replace("target: ≥500人次", "target: ≥500人次\n    weight: 一百"),
             "extra.yaml": GOOD + "extra: 1\n"}
    write(tmp_path, files)
    zh = perfctl("--lang", "zh", "lint", *sorted(files), cwd=tmp_path)
    en = perfctl("--lang", "en", "lint", *sorted(files), cwd=tmp_path)
    zh_lines = zh.stdout.splitlines()[:3]
    assert zh_lines == [
        "extra.yaml:19:1: 文件中有未知的键 'extra'；可用的键：budget, code, department, format, goals, goals_actual, "
        "implementing_unit, indicators, kind, midterm_goals, money_unit, name, period, purpose, source, year",
        "weight.yaml:19:13: indicators[0].weight：文本 '一百' 不是分值；请写数字，可带小数点，如 '10' 或 '8.5'",
        "year.yaml:5:7: year：1800 小于最小值 1900"]
    assert not any(english_words(line.split(": ", 1)[1]) for line in zh_lines), zh_lines
    assert en.stdout.splitlines()[1:3] == [
        "weight.yaml:19:13: indicators[0].weight: string '一百' is not a number of points; write digits with an "
        "optional decimal point, such as '10' or '8.5'",
        "year.yaml:5:7: year: 1800 is less than the minimum of 1900"]  # jsonschema's words, as before


def test_a_store_config_that_says_lang_zh_reports_its_errors_in_chinese(tmp_path: Path) -> None:
    write(tmp_path, {"perfctl.yaml": "lang: zh\nprofile: nonsense\n", "389101/2025/a.yaml": GOOD})
    r = perfctl("lint", tmp_path, LANG="C")
    assert r.returncode == 2
    assert f"{tmp_path / 'perfctl.yaml'}:2:10: profile：'nonsense' 不在可选值之列：auto, legacy-2015, national-2021" \
        in r.stdout + r.stderr
    (tmp_path / "perfctl.yaml").write_text("lang: fr\n", encoding="utf-8")  # no language to speak: the locale's
    assert "lang: 'fr' is not one of: zh, en" in perfctl("lint", tmp_path, LANG="C").stderr


# ---------------------------------------------------------------- lists, colons and brackets


def test_lint_joins_chinese_words_with_the_chinese_comma() -> None:
    zh = perfctl("--lang", "zh", "lint", DATA, "--select", "PT-G02").stdout
    en = perfctl("--lang", "en", "lint", DATA, "--select", "PT-G02").stdout
    assert "绩效目标只有方向性词语（进一步提升、加强），没有数字或日期" in zh
    assert "goal states direction words (进一步提升, 加强) but no number or date" in en


def test_show_and_score_fields_take_a_full_width_colon_in_chinese() -> None:
    zh = perfctl("--lang", "zh", "show", SELFEVAL).stdout
    en = perfctl("--lang", "en", "show", SELFEVAL).stdout
    assert "年初预算数：200000.00" in zh and "一级指标：产出指标" in zh and "年初预算数: " not in zh
    assert "年初预算数: 200000.00" in en  # English as it was
    score = perfctl("--lang", "zh", "score", SELFEVAL).stdout
    assert "指标值 / 全年预算数（元）：180000.00" in score and "分值: " not in score


def test_report_html_titles_and_heading_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert perfctl("--lang", "zh", "report", DATA, "-o", out).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>产出指标：21行</title>" in page and "<th>预算数（元）</th>" in page
    assert "表：金额单位为元的4张。" in page
    assert re.search(r"<title>[^<]*[\u4e00-\u9fff]: ", page) is None
    en = tmp_path / "e.html"
    assert perfctl("--lang", "en", "report", DATA, "-o", en).returncode == 0
    assert "<title>产出指标: 21 rows</title>" in en.read_text(encoding="utf-8")
    text = perfctl("--lang", "zh", "report", DATA).stdout
    assert "  其中：财政资金 490,000.00 元，其他资金 0.00 元；表：金额单位为元的4张\n" in text


def test_diff_table_brackets_the_change_full_width_in_chinese(tmp_path: Path) -> None:
    write(tmp_path, {"old/a.yaml": GOOD, "new/a.yaml": GOOD.replace("'200000.00'", "'250000.00'")})
    zh = perfctl("--lang", "zh", "diff", "old", "new", "--format", "table", cwd=tmp_path).stdout
    en = perfctl("--lang", "en", "diff", "old", "new", "--format", "table", cwd=tmp_path).stdout
    assert "200000.00 → 250000.00 元（+25.0%）" in zh
    assert "200000.00 → 250000.00 元 (+25.0%)" in en


def test_import_positions_in_words_end_in_a_full_width_colon(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "importers"))
    import readerfiles

    src = write(tmp_path / "in", {"odd.docx": readerfiles.odd_docx(), "page.html": readerfiles.html_page("gbk")})
    zh = perfctl("--lang", "zh", "import", src / "odd.docx", src / "page.html", "--into", tmp_path / "s", "--dry-run")
    en = perfctl("--lang", "en", "import", src / "odd.docx", src / "page.html", "--into", tmp_path / "s", "--dry-run")
    assert f"{src / 'odd.docx'}: 表格1，第1行，第1列：表格没有写明部门（主管部门 / 预算部门 / 单位名称）" in zh.stderr.splitlines()
    assert (f"{src / 'page.html'}: 表格1：警告：不是绩效目标表（没有项目名称，也没有指标表头）；未导入 [IMP-W-DROPPED]"
            in zh.stderr.splitlines())
    assert "warning:" not in zh.stderr and "，第1列: " not in zh.stderr
    assert f"{src / 'odd.docx'}: table 1, row 1, col 1: the table names no department (主管部门 / 预算部门 / 单位名称)" \
        in en.stderr.splitlines()
    assert f"{src / 'page.html'}: table 1: warning: not a target table" in en.stderr


def test_import_lists_dropped_values_with_the_chinese_comma(tmp_path: Path) -> None:
    two = next(CORPUS.glob("08-*.txt"))
    r = perfctl("--lang", "zh", "import", two, "--into", tmp_path / "s", "--dry-run")
    assert "列“指标方向性”未导入：'正向指标'、'正向指标'、'正向指标' 等，另有9个 [IMP-W-DROPPED]" in r.stderr


# ---------------------------------------------------------------- the OS's and JSON's words


def test_baseline_errors_in_chinese(tmp_path: Path) -> None:
    write(tmp_path, {"bad.json": "{", "other.json": json.dumps({"version": 2})})
    for name, zh_reason, en_reason in (
            ("bad.json", "不是 perfctl 基线文件（不是有效的 JSON：第1行，第2列）",
             "not a perfctl baseline file (not JSON: line 1, column 2)"),
            ("other.json", "不是 perfctl 基线文件（应为 --baseline 写出的 JSON，含 \"version\" 和 \"findings\"）",
             "not a perfctl baseline file (expected the JSON --baseline writes: \"version\" and \"findings\")"),
            (".", "无法读取基线：这是一个文件夹", "cannot read baseline: Is a directory")):
        zh = perfctl("--lang", "zh", "lint", DATA, "--baseline", tmp_path / name)
        en = perfctl("--lang", "en", "lint", DATA, "--baseline", tmp_path / name)
        assert zh.returncode == 2 and zh_reason in zh.stdout + zh.stderr, zh.stdout + zh.stderr
        assert en.returncode == 2 and en_reason in en.stdout + en.stderr, en.stdout + en.stderr


def test_the_os_reason_in_the_users_language() -> None:
    denied = PermissionError(errno.EACCES, "Permission denied")
    full = OSError(errno.ENOSPC, "No space left on device")
    odd = OSError(errno.EXDEV, "Invalid cross-device link")
    assert [os_reason(e) for e in (denied, full, odd)] == ["Permission denied", "No space left on device",
                                                            "Invalid cross-device link"]
    i18n.use("zh")
    assert [os_reason(e) for e in (denied, full, odd)] == ["没有权限", "磁盘空间不足", "Invalid cross-device link"]


def test_a_broken_json_export_is_refused_in_chinese(tmp_path: Path) -> None:
    export = tmp_path / "e.json"
    assert perfctl("export", DATA, "-o", export).returncode == 0
    text = export.read_text(encoding="utf-8")
    at = text.index('"name"')
    export.write_text(text[:at] + text[at:].replace(":", "", 1), encoding="utf-8")
    zh = perfctl("--lang", "zh", "import", export, "--into", tmp_path / "s", "--dry-run")
    en = perfctl("--lang", "en", "import", export, "--into", tmp_path / "s", "--dry-run")
    line = text[:at].count("\n") + 1
    assert f"{export}:{line}:14: JSON 无效：此处应为分隔符 ':'" in zh.stderr.splitlines()
    assert f"{export}:{line}:14: invalid JSON: Expecting ':' delimiter" in en.stderr.splitlines()


# ---------------------------------------------------------------- rules


def test_rule_explanations_show_no_restructuredtext_role() -> None:
    for lang in ("zh", "en"):
        text = perfctl("--lang", lang, "rules", "PT-H02").stdout
        assert "`perfctl.diff.compare.compare_indicators`" in text and ":func:" not in text


def test_init_lists_the_profiles_one_way() -> None:
    r = perfctl("--lang", "zh", "init", "/nonexistent-perfctl-store", "--profile", "x", "--no-git")
    assert r.returncode == 2
    assert r.stderr == "perfctl：--profile 须为以下之一：legacy-2015, national-2021, auto\n"


def test_no_english_left_in_a_chinese_lint_of_a_broken_store(tmp_path: Path) -> None:
    write(tmp_path, {
        "389101/2025/year.yaml": GOOD.replace("year: 2025", "year: 1800"),
        "389101/2025/tab.yaml": "format: 1\n\tname: x\n",
        "389101/2025/empty.yaml": "",
        "389101/2025/ok.yaml": GOOD,
    })
    r = perfctl("--lang", "zh", "lint", tmp_path)
    assert r.returncode == 2
    for line in (r.stdout + r.stderr).splitlines():
        message = line.split(": ", 1)[-1]
        assert not english_words(message), line
    assert CJK.search(r.stdout)


# ---------------------------------------------------------------- the lint cache


def test_a_recompiled_catalog_does_not_trust_the_lint_cache() -> None:
    """Cached findings hold their messages' text: a new .mo (a translation fixed) must not show
    the old text, so the cache's fingerprint of perfctl covers the compiled catalogs."""
    from perfctl import cache
    from perfctl.i18n import catalog

    mo = catalog.po_path().with_suffix(".mo")
    st = mo.stat()
    cache.code_fingerprint.cache_clear()
    before = cache.code_fingerprint()
    try:
        os.utime(mo, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
        cache.code_fingerprint.cache_clear()
        assert cache.code_fingerprint() != before
    finally:
        os.utime(mo, ns=(st.st_atime_ns, st.st_mtime_ns))
        cache.code_fingerprint.cache_clear()
