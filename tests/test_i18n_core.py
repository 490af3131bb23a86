"""The core's messages in Chinese and English: file errors (YAML syntax, schema), the load
summary, the lint text report (severity words, summary line, profile reasons), the machine
formats (English keys and codes, messages in the user's language), the lint cache kept per
language, and workers that speak the parent's language."""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from perfctl import i18n, parallel
from perfctl.commands import load
from perfctl.i18n import _
from perfctl.lint import engine
from perfctl.lint.reporters import REPORTERS, summary_line, text_parts
from perfctl.lint.rules import RULES, unknown_code
from conftest import DATA, GOOD, run_perfctl, write
from test_cache import checked  # noqa: F401 - the fixture: the files linted afresh, run by run

#: An unclosed quote: the YAML parser stops at the end of the file.
UNCLOSED = GOOD.replace("name: 测试项目", 'name: "测试项目')


def lint(*args: str | Path, lang: str = "en", cwd: Path | None = None) -> tuple[int, str, str]:
    r = run_perfctl("--lang", lang, "lint", *args, cwd=cwd)
    return r.returncode, r.stdout, r.stderr


# ---------------------------------------------------------------- file errors


def test_a_yaml_syntax_error_in_chinese_and_english(tmp_path: Path) -> None:
    write(tmp_path, {"bad.yaml": UNCLOSED})
    code, out, _err = lint("bad.yaml", lang="zh", cwd=tmp_path)
    assert code == 2
    assert out.splitlines() == ["bad.yaml:19:1: YAML 语法错误：文件意外结束（读取带引号的值时）", "",
                                "0个文件中未发现问题；1个文件无法读取"]
    code, out, _err = lint("bad.yaml", lang="en", cwd=tmp_path)
    assert code == 2
    assert out.splitlines() == ["bad.yaml:19:1: invalid YAML: found unexpected end of stream "
                                "(while scanning a quoted scalar)", "", "no findings in 0 files; 1 file could not be read"]


def test_yaml_problems_with_a_value_are_translated_with_it() -> None:
    """ruamel's own parser (fmt's round trip) words a problem with the character in it."""
    from perfctl import yamlio
    from perfctl.errors import InputError

    i18n.use("zh")
    with pytest.raises(InputError) as caught:
        yamlio.load_rt("a: @x\n", "f.yaml")
    assert str(caught.value) == "f.yaml:1:4: YAML 语法错误：出现了不能作为内容开头的字符 '@'（读取下一项内容时）"
    with pytest.raises(InputError) as caught:
        yamlio.parse("a: 1\na: 2\n", "f.yaml")
    assert str(caught.value) == "f.yaml:2:1: 键 'a' 重复（首次定义在第1行）"
    i18n.use("en")
    with pytest.raises(InputError) as caught:
        yamlio.load_rt("a: @x\n", "f.yaml")
    assert str(caught.value) == ("f.yaml:1:4: invalid YAML: found character '@' that cannot start any token "
                                 "(while scanning for the next token)")


def test_schema_errors_in_chinese(tmp_path: Path) -> None:
    write(tmp_path, {"year.yaml": GOOD.replace("year: 2025", "year: abc"),
                     "key.yaml": GOOD.replace("  code: '389101'", "  kode: '389101'"),
                     "unit.yaml": GOOD.replace("money_unit: 元", "money_unit: 圆")})
    code, out, _err = lint("key.yaml", "unit.yaml", "year.yaml", lang="zh", cwd=tmp_path)
    assert code == 2
    assert out.splitlines()[:3] == [
        "key.yaml:3:3: department中有未知的键 'kode'；是否要用 'code'？",
        "unit.yaml:7:13: money_unit：'圆' 不在可选值之列：元, 万元",
        "year.yaml:5:7: year：应为整数，实际为文本 'abc'"]
    code, out, _err = lint("key.yaml", "unit.yaml", "year.yaml", lang="en", cwd=tmp_path)
    assert out.splitlines()[:3] == [
        "key.yaml:3:3: unknown key 'kode' in department; did you mean 'code'?",
        "unit.yaml:7:13: money_unit: '圆' is not one of: 元, 万元",
        "year.yaml:5:7: year: expected integer, got string 'abc'"]


def test_file_errors_in_chinese(tmp_path: Path) -> None:
    write(tmp_path, {"gbk.yaml": GOOD.encode("gb18030"), "empty.yaml": "", "list.yaml": "- a\n"})
    code, out, _err = lint("empty.yaml", "gbk.yaml", "list.yaml", "missing.yaml", lang="zh", cwd=tmp_path)
    assert code == 2
    assert out.splitlines() == [
        "missing.yaml: 文件或文件夹不存在",
        "empty.yaml:1:1: 文件为空；项目文件需要 department、year、name、money_unit、budget 和 indicators",
        "gbk.yaml:4:9: 无法按 UTF-8 解码：这似乎是 GBK/GB18030 文本（Windows 编辑器常见）；请用以下命令转换："
        "perfctl fmt --encoding gb18030 FILE（或：iconv -f GB18030 -t UTF-8 FILE > FILE.utf8）",
        "list.yaml:1:1: 项目文件必须是由键组成的映射（department:、year:、name: …）", "",
        "0个文件中未发现问题；4个文件无法读取"]


# ---------------------------------------------------------------- the load summary


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("en", "perfctl: 1 file failed to load", "perfctl: 2 files failed to load"),
    ("zh", "perfctl：1个文件加载失败", "perfctl：2个文件加载失败"),
])
def test_load_summary_counts_files_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
                                                      one: str, two: str) -> None:
    write(tmp_path, {"a/bad.yaml": UNCLOSED, "b/bad.yaml": UNCLOSED, "b/good.yaml": GOOD})
    i18n.use(lang)
    projects, failed = load([tmp_path / "a"])
    assert (projects, failed) == ([], 1)
    assert capsys.readouterr().err.splitlines()[-1] == one
    projects, failed = load([tmp_path], then=i18n.N_("the report leaves them out"))
    assert (len(projects), failed) == (1, 2)
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == two + ("; the report leaves them out" if lang == "en" else "；" + _("the report leaves them out"))


def test_load_summary_through_a_command_and_no_files_found(tmp_path: Path) -> None:
    write(tmp_path, {"bad.yaml": UNCLOSED, "empty/.keep": ""})
    r = run_perfctl("--lang", "zh", "export", "bad.yaml", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.splitlines()[-1] == "perfctl：1个文件加载失败"
    r = run_perfctl("--lang", "zh", "export", "empty", cwd=tmp_path)
    assert "perfctl：在 empty 中未找到项目文件（*.yaml、*.yml）" in r.stderr.splitlines()


# ---------------------------------------------------------------- the lint reports


def test_text_report_of_the_bundled_store_in_chinese() -> None:
    code, out, _err = lint("data", lang="zh")
    en_code, en_out, _err = lint("data", lang="en")
    assert code == en_code == 0
    lines, en_lines = out.splitlines(), en_out.splitlines()
    assert len(lines) == len(en_lines)
    assert lines[-1] == "4个文件中有13个警告，36个提示" and en_lines[-1] == "13 warnings, 36 info in 4 files"
    assert lines[0] == "data/389101/2025/第四届京津冀自贸试验区联席活动项目.yaml  （legacy-2015：成本指标位于产出指标之下）"
    assert en_lines[0] == "data/389101/2025/第四届京津冀自贸试验区联席活动项目.yaml  (legacy-2015: 成本指标 is under 产出指标)"
    rows = [line for line in lines if line.startswith("  ")]
    en_rows = [line for line in en_lines if line.startswith("  ")]
    words = {"warning": "警告", "info": "提示"}
    for row, en_row in zip(rows, en_rows):
        at, severity, code_, *_rest = en_row.split()
        assert row.split()[:3] == [at, words[severity], code_]
        assert row.index(code_) == row.index(words[severity]) + 2 + 2  # every code in one column: 警告, 提示 are 4 columns


def test_text_summary_counts_in_both_languages() -> None:
    report = engine.Report()
    report.files = [engine.FileInfo("a.yaml", "legacy-2015", "configured")]
    assert summary_line(report) == "no findings in 1 file"
    i18n.use("zh")
    assert summary_line(report) == "1个文件中未发现问题"
    finding = engine.Finding("a.yaml", 1, 1, "PT-B01", "budget-sum", "error", "m", ("budget",), "0" * 16)
    report.findings = [finding, finding._replace(line=2), finding._replace(severity="warning")]
    report.errors = [engine.InputError("x", "b.yaml")]
    assert summary_line(report) == "1个文件中有2个错误，1个警告；1个文件无法读取"
    assert "".join(text_parts(report)).splitlines()[:3] == ["b.yaml: x", "", "a.yaml  （legacy-2015：已配置）"]
    i18n.use("en")
    assert summary_line(report) == "2 errors, 1 warning in 1 file; 1 file could not be read"


def test_json_report_keeps_english_keys_and_codes_with_chinese_messages() -> None:
    code, out, _err = lint("data", "--format", "json", lang="zh")
    en_code, en_out, _err = lint("data", "--format", "json", lang="en")
    assert code == en_code == 0
    zh, en = json.loads(out), json.loads(en_out)
    assert zh.keys() == en.keys() and zh["summary"] == en["summary"] and zh["files"] == en["files"]
    assert {f["profile_reason"] for f in zh["files"]} == {"成本指标 is under 产出指标"}  # a value, not a message
    assert [{k: v for k, v in f.items() if k != "message"} for f in zh["findings"]] == \
        [{k: v for k, v in f.items() if k != "message"} for f in en["findings"]]
    assert {f["severity"] for f in zh["findings"]} == {"warning", "info"}
    i18n.use("zh")
    translated = [(z["message"], e["message"]) for z, e in zip(zh["findings"], en["findings"]) if _(e["message"]) != e["message"]]
    assert len(translated) >= 10  # the constant messages (PT-D02 …): the catalog's Chinese
    assert all(z == _(e) for z, e in translated)
    assert all(re.search(r"[，；：（）]", z) for z, _e in translated)


def test_sarif_rule_descriptions_come_from_the_catalog() -> None:
    report = engine.lint([DATA])
    for lang in ("en", "zh"):
        i18n.use(lang)
        sarif = json.loads("".join(REPORTERS["sarif"](report)))
        rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == list(RULES)
        for r in rules:
            doc = inspect.cleandoc(RULES[r["id"]].__doc__ or "")
            shown = _(doc) if lang == "zh" else doc
            assert r["fullDescription"]["text"] == shown.strip()
            assert r["shortDescription"]["text"] == shown.split("\n", 1)[0]
            assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_usage_errors_in_chinese(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": GOOD})
    code, _out, err = lint("--select", "PT-X99", "a.yaml", lang="zh", cwd=tmp_path)
    assert code == 2 and "--select：未知的规则代码或前缀 'PT-X99'；是否要用 PT-V09, PT-S09？" in err
    code, _out, err = lint("--update-baseline", "a.yaml", lang="zh", cwd=tmp_path)
    assert code == 2 and "--update-baseline 需要同时给出 --baseline FILE" in err
    assert unknown_code("PT-X99", prefix=False) == "unknown rule code 'PT-X99'; did you mean PT-V09, PT-S09?"
    assert unknown_code("XX", prefix=True) == "unknown rule code or prefix 'XX'; codes look like PT-S01 (see: perfctl rules)"


def test_baseline_messages_count_findings_in_both_languages(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": GOOD.replace("≥500人次", "有效提升")})
    r = run_perfctl("--lang", "zh", "lint", "--baseline", "b.json", "a.yaml", cwd=tmp_path)
    found = len(json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"])
    assert found > 1 and r.stderr == f"已写入基线 b.json（{found}个问题）\n"
    r = run_perfctl("--lang", "zh", "lint", "--baseline", "b.json", "a.yaml", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr == f"{found}个已记入 b.json 的问题未显示\n"
    r = run_perfctl("--lang", "en", "lint", "--baseline", "b.json", "a.yaml", cwd=tmp_path)
    assert r.stderr == f"{found} findings recorded in b.json not shown\n"
    (tmp_path / "c.json").write_text("[]", encoding="utf-8")
    r = run_perfctl("--lang", "zh", "lint", "--baseline", "c.json", "a.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "c.json: 不是 perfctl 基线文件（" in r.stderr


# ---------------------------------------------------------------- the cache and the workers


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled store and a file that fails to load, linted with the cache (as tests/test_cache.py)."""
    monkeypatch.setattr(engine, "CACHE_MIN_FILES", 0)
    monkeypatch.delenv("PERFCTL_NO_CACHE", raising=False)
    monkeypatch.setenv("PERFCTL_JOBS", "1")
    root = tmp_path / "store"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".*"))
    write(root, {"perfctl.yaml": "profile: auto\n", "x/bad.yaml": UNCLOSED})  # a store: its root has the cache
    return root


def _report(root: Path) -> dict:  # type: ignore[type-arg]
    return json.loads("".join(REPORTERS["json"](engine.lint([root]))))


def test_the_cache_gives_each_language_its_own_messages(store: Path, checked: list[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    english = _report(store)
    assert len(checked) == 5
    i18n.use("zh")
    checked.clear()
    chinese = _report(store)
    assert len(checked) == 5  # the English records are not Chinese ones: linted afresh
    i18n.use("en")
    checked.clear()
    assert _report(store) == english and checked == ["bad.yaml"]  # served from the cache, in English
    i18n.use("zh")
    checked.clear()
    assert _report(store) == chinese and checked == ["bad.yaml"]  # and in Chinese
    monkeypatch.setenv("PERFCTL_NO_CACHE", "1")
    assert _report(store) == chinese  # what linting afresh gives
    assert chinese["errors"][0]["message"] == "YAML 语法错误：文件意外结束（读取带引号的值时）"
    assert english["errors"][0]["message"] == "invalid YAML: found unexpected end of stream (while scanning a quoted scalar)"
    differ = [(z["message"], e["message"]) for z, e in zip(chinese["findings"], english["findings"])
              if z["message"] != e["message"]]
    assert differ and all(z == _(e) for z, e in differ if _(e) != e)


def _language_and_pid(items: list[int]) -> list[tuple[str, int, str]]:
    return [(i18n.language(), os.getpid(), _("no such file or folder")) for _item in items]


def test_workers_speak_the_parents_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFCTL_JOBS", "2")
    i18n.use("zh")
    seen = list(parallel.map_chunks(_language_and_pid, list(range(50)), threshold=1))
    assert {pid for _lang, pid, _m in seen} - {os.getpid()}  # work done in other processes
    assert {(lang, message) for lang, _pid, message in seen} == {("zh", "文件或文件夹不存在")}


def test_lint_in_workers_gives_the_parents_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {f"d{i % 3}/{i:03}.yaml": GOOD.replace("测试项目", f"测试项目{i}").replace("≥500人次", "有效提升")
             for i in range(parallel.THRESHOLD)}  # enough for lint to start workers
    root = write(tmp_path, {**files, "d0/bad.yaml": UNCLOSED})
    monkeypatch.setenv("PERFCTL_NO_CACHE", "1")
    i18n.use("zh")
    monkeypatch.setenv("PERFCTL_JOBS", "1")
    serial = engine.lint([root])
    monkeypatch.setenv("PERFCTL_JOBS", "2")
    spread = engine.lint([root])
    assert spread.findings == serial.findings and [str(e) for e in spread.errors] == [str(e) for e in serial.errors]
    assert str(spread.errors[0]).endswith("bad.yaml:19:1: YAML 语法错误：文件意外结束（读取带引号的值时）")
    i18n.use("en")
    english = engine.lint([root])
    assert [f[:6] for f in english.findings] == [f[:6] for f in spread.findings]
    assert [f.message for f in spread.findings] != [f.message for f in english.findings]
    i18n.use("zh")
    assert all(z.message == _(e.message) for z, e in zip(spread.findings, english.findings) if _(e.message) != e.message)
