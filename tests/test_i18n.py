"""The Chinese and English UI: the catalog is complete, messages are translated where a
person reads them, and the language is chosen as the README says (--lang, the store
config's lang, LANGUAGE / LC_ALL / LC_MESSAGES / LANG)."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from perfctl import i18n
from perfctl.i18n import catalog

from tests.conftest import ROOT

PACKAGE = ROOT / "perfctl"

#: Calls whose arguments (or ``message=``) include a text a person reads: it must come from
#: the catalog (``_()``, ``ngettext()``, their ``.format()``), never a literal or an f-string.
SINKS = {"InputError", "UsageError", "Problem", "BadParameter", "Exit", "echo", "warn", "warning", "fail", "error"}


def _literal_message(node: ast.expr) -> bool:
    """Whether ``node`` is English text written in place: an f-string, or a constant with a letter."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and any(c.isascii() and c.isalpha() for c in str(v.value))
                   for v in node.values)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isascii() and c.isalpha() for c in node.value)
    if isinstance(node, ast.BinOp):
        return _literal_message(node.left) or _literal_message(node.right)
    return False


def _untranslated(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        args = list(node.args) + [kw.value for kw in node.keywords if kw.arg == "message"]
        to_stderr = name == "print" and any(
            kw.arg == "file" and ast.unparse(kw.value) == "sys.stderr" for kw in node.keywords)
        if (name in SINKS or to_stderr) and any(_literal_message(a) for a in args):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:100]}")
    return found


def test_messages_a_person_reads_come_from_the_catalog() -> None:
    """No error, finding, warning or progress line is English written in place."""
    exempt = {PACKAGE / "i18n" / "catalog.py", PACKAGE / "i18n" / "__init__.py"}
    found = [line for path in sorted(PACKAGE.rglob("*.py")) if path not in exempt for line in _untranslated(path)]
    assert found == []


# --- the catalog ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def po():  # type: ignore[no-untyped-def]
    return catalog.read(catalog.po_path())


def test_every_message_has_a_chinese_translation(po) -> None:  # type: ignore[no-untyped-def]
    """Each message of the code, the help texts, the rule explanations and the templates
    (what ``catalog.extract`` finds) is translated in the zh_CN catalog, none fuzzy."""
    wanted = catalog.extract()
    gaps = []
    for message in wanted:
        if not message.id:
            continue
        have = po.get(message.id, message.context)
        if have is None or have.fuzzy or not catalog._translated(have):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
            gaps.append(f"{where}: {str(message.id)[:80]!r}")
    assert gaps == [], f"{len(gaps)} messages without a translation (run make i18n, then translate the .po)"


def test_translations_keep_the_fields_of_their_message(po) -> None:  # type: ignore[no-untyped-def]
    """A translation has exactly its message's ``{fields}``: one that lost or renamed a field
    would fail when formatted, or drop a value."""
    assert [(str(m.id)[:60], want, got) for m, want, got in catalog.field_mismatches(po)] == []


#: Official terms (GLOSSARY.md) that a translation keeps exactly when its message names them.
OFFICIAL = ("预算数", "财政资金", "其他资金", "年初预算数", "全年预算数", "全年执行数", "预算执行率", "绩效目标表",
            "一级指标", "二级指标", "三级指标", "指标值", "分值", "得分", "实际完成值", "产出指标", "成本指标",
            "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标", "项目名称", "偏差原因分析及改进措施",
            "项目支出绩效自评表", "绩效指标描述", "度量单位")


def test_translations_keep_the_official_terms(po) -> None:  # type: ignore[no-untyped-def]
    """An official term in a message (预算数, 一级指标 …) appears unchanged in its Chinese translation."""
    lost = []
    for m in po:
        if not m.id or not catalog._translated(m):
            continue
        ids = " ".join(m.id) if isinstance(m.id, tuple) else m.id
        text = " ".join(m.string) if isinstance(m.string, tuple) else m.string
        lost += [(term, ids[:60]) for term in OFFICIAL if term in ids and term not in text]
    assert lost == []


def test_compiled_catalog_is_the_po(po) -> None:  # type: ignore[no-untyped-def]
    """The ``.mo`` perfctl reads holds every translation of the ``.po`` (make compiles it;
    a stale one means the .po was edited without running make)."""
    import gettext

    mo = i18n.LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "perfctl.mo"
    with open(mo, "rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for m in po:
        if not m.id or m.fuzzy or not catalog._translated(m):
            continue
        if isinstance(m.id, tuple):
            got = compiled.ngettext(m.id[0], m.id[1], 1)
            want = m.string[0]
        else:
            got, want = compiled.gettext(m.id), m.string
        if got != want:
            stale.append(str(m.id)[:60])
    assert stale == [], "the .mo is older than the .po: run make"


def test_the_built_wheel_carries_the_compiled_catalog(tmp_path: Path) -> None:
    """The package as installed (a wheel built by the build hook, unpacked) speaks Chinese:
    the .mo is compiled at build time and shipped, though git ignores it."""
    import subprocess
    import sys
    import zipfile

    from hatchling.builders.wheel import WheelBuilder

    wheel = Path(next(iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path / "dist"), versions=["standard"]))))
    with zipfile.ZipFile(wheel) as z:
        assert "perfctl/i18n/locale/zh_CN/LC_MESSAGES/perfctl.mo" in z.namelist()
        assert not [n for n in z.namelist() if n.endswith(".po")]  # the source stays in the sdist
        z.extractall(tmp_path / "site")
    code = ("import perfctl.i18n as i; assert i.__file__.startswith(%r), i.__file__; i.use('zh'); "
            "print(i._('Error: {message}'))" % str(tmp_path / "site"))
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == i18n_zh("Error: {message}")


def i18n_zh(message: str) -> str:
    """``message`` in Chinese, from the source tree's catalog."""
    i18n.use("zh")
    try:
        return i18n._(message)
    finally:
        i18n.use("en")


# --- choosing the language ------------------------------------------------------------------

@pytest.mark.parametrize("environ, lang", [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}, "zh"),
    ({"LC_ALL": "C", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANGUAGE": "zh_CN:en", "LC_ALL": "C"}, "en"),  # GNU gettext: LANGUAGE is ignored in the C locale
    ({"LANGUAGE": "zh_CN:zh", "LANG": "C"}, "en"),    # LANG=C perfctl … on a desktop set to Chinese
    ({"LANGUAGE": "zh_CN:zh"}, "en"),                 # no locale set: the C locale
    ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LANGUAGE": "fr:zh", "LANG": "de_DE.UTF-8"}, "zh"),  # the first of the list perfctl speaks
    ({"LANGUAGE": "fr", "LANG": "zh_CN.UTF-8"}, "zh"),     # none of the list: the locale
    ({"LANGUAGE": "en:zh", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANGUAGE": "", "LANG": "zh_CN.UTF-8"}, "zh"),  # empty means unset, as in gettext
    ({"LC_ALL": "zh_CN.GB18030"}, "zh"),
    ({"LANG": "zh"}, "zh"),
])
def test_the_locale_environment_in_gettexts_order(environ: dict[str, str], lang: str) -> None:
    assert i18n.from_environment(environ) == lang


@pytest.mark.parametrize("argv, lang", [
    (["--lang", "zh", "lint"], "zh"), (["--lang=en", "lint"], "en"),
    (["--lang", "en", "--lang", "zh", "lint"], "zh"),   # the last one, as the command line takes it
    (["--debug", "--lang", "zh", "lint", "data"], "zh"),
    (["lint", "--lang", "zh"], None),                   # after the command: not the global option
    (["lint", "data", "--lang=zh"], None),
    (["--lang", "fr"], None), (["--lang"], None), (["--", "--lang", "zh"], None), (["lint"], None),
])
def test_lang_on_the_command_line(argv: list[str], lang: str | None) -> None:
    assert i18n.from_argv(argv) == lang


# --- the acceptance of issue 15: what a person sees -----------------------------------------

ZH = {**os.environ, "LANG": "zh_CN.UTF-8"}
C = {**os.environ, "LANG": "C"}


def _cjk(text: str) -> int:
    """How many Chinese characters ``text`` has."""
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_lint_of_the_bundled_store_speaks_the_locales_language() -> None:
    """``LANG=zh_CN.UTF-8 perfctl lint data`` prints its findings and summary in Chinese;
    ``LANG=C`` the same findings in English: same places, codes and count."""
    from tests.conftest import run_perfctl

    zh, en = run_perfctl("lint", "data", env=ZH), run_perfctl("lint", "data", env=C)
    assert zh.returncode == en.returncode
    zh_lines, en_lines = zh.stdout.splitlines(), en.stdout.splitlines()
    assert len(zh_lines) == len(en_lines) > 1
    for z, e in zip(zh_lines, en_lines):
        if e.startswith("data/"):  # a finding: path:line:col: CODE … (same place and code in both)
            assert z.split(" ")[:2] == e.split(" ")[:2]
    assert "error" in en.stdout or "warning" in en.stdout
    assert _cjk(en.stdout.replace("绩效", "")) < _cjk(zh.stdout) // 3
    summary = zh_lines[-1]
    assert _cjk(summary) >= 2 and not any(w in summary for w in ("error", "warning", "problem", "finding"))


@pytest.mark.parametrize("args", [["--help"], ["lint", "--help"]])
def test_help_speaks_the_locales_language(args: list[str]) -> None:
    from tests.conftest import run_perfctl

    zh, en = run_perfctl(*args, env=ZH), run_perfctl(*args, env=C)
    assert zh.returncode == en.returncode == 0
    assert zh.stdout.splitlines()[0].startswith(i18n_zh("Usage: ").strip())
    assert en.stdout.startswith("Usage: ")
    assert _cjk(zh.stdout) > 3 * _cjk(en.stdout)
    for option in ("--help", "--version") if args == ["--help"] else ("--fail-on", "--select", "--format"):
        assert option in zh.stdout and option in en.stdout


#: Command lines click itself refuses, each with a value its message names.
CLICK_ERRORS = [
    (["lint", "--bogus"], "--bogus"),                  # No such option
    (["lint", "--fail-on"], "--fail-on"),              # Option requires an argument
    (["import", "x.docx"], "--into"),                  # Missing option
    (["completion"], "SHELL"),                         # Missing argument
    (["bogus"], "bogus"),                              # No such command
    (["lint", "--fail-on", "nope"], "nope"),           # Invalid value for …
    (["import", "x", "--into", "s", "--year", "abc"], "abc"),  # not a valid integer
    (["import", "x", "--into", "s", "--year", "3000"], "3000"),  # not in the range
    (["schema", "extra"], "extra"),                    # unexpected extra argument
    (["lint", "--update-baseline=yes"], "--update-baseline"),  # does not take a value
]


@pytest.mark.parametrize("args, value", CLICK_ERRORS)
def test_usage_errors_are_translated_with_their_values(args: list[str], value: str) -> None:
    """click's own messages (typer vendors click without gettext) are matched by the templates
    of perfctl.clihelp and translated, keeping the value they name; exit 2 in both languages."""
    from typer.testing import CliRunner

    from perfctl.cli import app

    en = CliRunner().invoke(app, ["--lang", "en", *args])
    zh = CliRunner().invoke(app, ["--lang", "zh", *args])
    assert en.exit_code == zh.exit_code == 2
    en_error = en.stderr.strip().split("\n\n", 1)[-1]  # after the usage line and the hint, when shown
    zh_error = zh.stderr.strip().split("\n\n", 1)[-1]
    assert en_error.startswith("Error: ") and value in en_error
    assert value in zh_error and _cjk(zh_error) >= 2
    assert not any(word in zh_error for word in ("Error", "Missing", "No such", "Invalid", "Option", "Got "))
    assert "Usage:" not in zh.stderr and "Try '" not in zh.stderr


def test_a_file_error_speaks_the_locales_language(tmp_path: Path) -> None:
    """A project file that does not parse: ``path:line:col: message``, exit 2, in either language."""
    from tests.conftest import run_perfctl

    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nname: '未闭合\n", encoding="utf-8")
    zh, en = run_perfctl("lint", bad, env=ZH), run_perfctl("lint", bad, env=C)
    assert zh.returncode == en.returncode == 2
    z, e = (zh.stdout + zh.stderr).splitlines()[0], (en.stdout + en.stderr).splitlines()[0]
    assert z.split(": ")[0] == e.split(": ")[0] == f"{bad}:3:1"  # where the unclosed quote runs out
    assert _cjk(z.split(": ", 1)[1]) >= 2 and _cjk(e.split(": ", 1)[1]) == 0


def test_the_store_configs_lang_and_the_option_override_the_locale(tmp_path: Path) -> None:
    from tests.conftest import GOOD, run_perfctl

    (tmp_path / "perfctl.yaml").write_text("lang: zh\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(GOOD.replace("培训人次", "培训人次（待补充）"), encoding="utf-8")
    here = run_perfctl("--help", cwd=tmp_path, env=C)          # the config of the current folder
    there = run_perfctl("lint", tmp_path, env=C)                # the config governing the path named
    over = run_perfctl("--lang", "en", "--help", cwd=tmp_path, env=ZH)
    assert here.stdout.startswith(i18n_zh("Usage: ").strip())
    assert _cjk(there.stdout.replace("培训人次", "").replace("待补充", "")) > 5
    assert over.stdout.startswith("Usage: ")
    (tmp_path / "perfctl.yaml").write_text("lang: fr\n", encoding="utf-8")
    bad = run_perfctl("lint", tmp_path, env=C)
    assert bad.returncode == 2 and "perfctl.yaml:1:7" in bad.stderr


def test_the_config_search_at_start_is_the_stores(tmp_path: Path) -> None:
    """The language's own search for perfctl.yaml (which spares --help importing perfctl.config)
    finds what perfctl.config.find finds."""
    from perfctl import config

    (tmp_path / "store" / "a" / "b").mkdir(parents=True)
    (tmp_path / "store" / "perfctl.yaml").write_text("lang: zh\n", encoding="utf-8")
    (tmp_path / "store" / "a" / "b" / "p.yaml").write_text("", encoding="utf-8")
    assert i18n.CONFIG_NAME == config.CONFIG_NAME
    for start in (tmp_path, tmp_path / "store", tmp_path / "store" / "a" / "b", tmp_path / "store" / "a" / "b" / "p.yaml"):
        assert i18n._find_config(str(start)) == config.find(start)
    assert i18n.from_config([str(tmp_path / "store" / "a" / "b" / "p.yaml")], cwd=tmp_path) == "zh"
    assert i18n.from_config([], cwd=tmp_path) is None


def test_the_language_follows_the_parsed_command_line_not_what_else_exists(tmp_path: Path) -> None:
    """The store config that may choose the language is the one governing the command's paths
    as parsed: an output file that now exists, or a folder named like the command, changes nothing."""
    from tests.conftest import GOOD, run_perfctl

    store = tmp_path / "store"
    store.mkdir()
    (store / "perfctl.yaml").write_text("lang: zh\n", encoding="utf-8")
    (store / "p.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "lint").mkdir()
    first = run_perfctl("lint", "--format", "json", "-o", "r.json", "store", cwd=tmp_path, env=C)
    report = (tmp_path / "r.json").read_text(encoding="utf-8")
    again = run_perfctl("lint", "--format", "json", "-o", "r.json", "store", cwd=tmp_path, env=C)
    assert first.returncode == again.returncode
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == report and _cjk(report) > 5
    text = run_perfctl("lint", "store", cwd=tmp_path, env=C)
    assert _cjk(text.stdout.replace("测试", "").replace("培训人次", "")) > 5


def test_completion_speaks_the_language_of_the_line_being_completed() -> None:
    """A shell asking for completions passes the words typed so far: their --lang counts."""
    from tests.conftest import run_perfctl

    def complete(words: str, lang_env: dict[str, str]) -> str:
        env = {**lang_env, "_PERFCTL_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
        return run_perfctl(env=env).stdout

    zh = complete("perfctl ", ZH)
    en = complete("perfctl --lang en ", ZH)
    assert "lint" in zh and "lint" in en
    assert _cjk(zh) > 20 and _cjk(en) < _cjk(zh) // 4


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rule_explained_fits_the_terminal_and_names_its_constants(lang: str) -> None:
    """``perfctl rules CODE`` wraps the explanation to the terminal (CJK counted double) and shows
    a constant the docstring refers to by its value (PT-V03's 8 characters), not its name."""
    from tests.conftest import run_perfctl

    from perfctl.clihelp import width

    r = run_perfctl("--lang", lang, "rules", "PT-V03", env={**C, "COLUMNS": "60"})
    assert r.returncode == 0, r.stderr
    body = r.stdout.splitlines()[1:]
    assert max(map(width, body)) <= 58
    assert "SENTENCE" not in r.stdout and (" 8 " in r.stdout)
    assert any(line.startswith(("Fails:", "不通过：")) for line in body)


def test_a_global_option_after_the_command_says_where_it_goes() -> None:
    from tests.conftest import run_perfctl

    zh = run_perfctl("lint", "--lang", "zh", "data", env=ZH)
    en = run_perfctl("lint", "--lang", "zh", "data", env=C)
    assert zh.returncode == en.returncode == 2
    assert zh.stderr.strip().splitlines()[-1] == ("错误：无此选项：--lang（--lang 是全局选项：请放在命令之前，"
                                                  "如 perfctl --lang … lint）")
    assert en.stderr.strip().splitlines()[-1] == ("Error: No such option: --lang (--lang is a global option: "
                                                  "put it before the command, as in perfctl --lang … lint)")


def test_init_writes_the_lang_key_as_a_comment(tmp_path: Path) -> None:
    from tests.conftest import run_perfctl

    r = run_perfctl("init", tmp_path / "s", "--no-git", env=C)
    assert r.returncode == 0, r.stderr
    assert "\n# lang: zh\n" in (tmp_path / "s" / "perfctl.yaml").read_text(encoding="utf-8")
