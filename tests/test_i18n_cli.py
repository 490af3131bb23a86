"""The command line in Chinese and English: help pages, click's usage errors, perfctl's own
messages in perfctl.cli, the rules command, help laid out by display width, and the
language chosen by --lang, the store config's lang and the locale environment.

Every run is a real ``python -m perfctl`` (tests.conftest.run_perfctl) with its own
environment, so the language is worked out as a user's shell would have it.
"""

from __future__ import annotations

import ast
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from wcwidth import wcswidth

from perfctl import cli, i18n
from perfctl.commands import rules as rules_cmd
from perfctl.i18n import catalog
from perfctl.lint.rules import RULES

from tests.conftest import GOOD, ROOT, run_perfctl

#: What the locale variables are set to when a test does not say (English).
LOCALE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

#: lint's short help in the command list of ``perfctl --help``, in both languages.
LINT_EN = "Check tables as a finance bureau's review does."
LINT_ZH = "按财政部门审核的标准检查绩效目标表。"


def perfctl(*args: str | Path, cwd: Path | None = None, columns: int = 80, **env: str) -> subprocess.CompletedProcess[str]:
    """``perfctl ARGS`` with the locale variables of ``env`` only (none set: the C locale)
    and a terminal ``columns`` wide. Its usage lines name the program ``perfctl`` (click
    calls it ``python -m perfctl``, as it is run here)."""
    environ = {k: v for k, v in os.environ.items() if k not in (*LOCALE, "COLUMNS", "LINES")}
    environ.update(COLUMNS=str(columns), **env)
    r = run_perfctl(*args, cwd=cwd, env=environ)
    r.stdout, r.stderr = (text.replace("python -m perfctl", "perfctl") for text in (r.stdout, r.stderr))
    return r


def flat(text: str) -> str:
    """``text`` with its line breaks and the indents after them removed (Chinese help wraps
    between any two characters)."""
    return re.sub(r"\s*\n\s*", "", text)


def speaks(result: subprocess.CompletedProcess[str]) -> str:
    """Which language ``perfctl --help`` printed: "zh" or "en"."""
    assert result.returncode == 0, result.stderr
    zh, en = LINT_ZH in result.stdout, LINT_EN in result.stdout
    assert zh != en, result.stdout
    return "zh" if zh else "en"


# --- help pages ----------------------------------------------------------------------------


def test_help_is_chinese_under_a_chinese_locale() -> None:
    r = perfctl("--help", LANG="zh_CN.UTF-8")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("用法：perfctl [选项] 命令 [参数]...\n")
    assert LINT_ZH in out
    assert "编写、审核和发布绩效目标表" in out  # the app's description
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert [h.rstrip(":：") for h in headings[1:]] == ["选项", "命令"]
    assert "显示本帮助并退出。" in out  # the help option's own help (typer's words through the catalog)
    assert "Check tables" not in out and "Options" not in out and "Usage:" not in out


def test_help_is_english_under_the_c_locale() -> None:
    r = perfctl("--help", LANG="C")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("Usage: perfctl [OPTIONS] COMMAND [ARGS]...\n")
    assert LINT_EN in out
    assert "\nOptions:\n" in out and "\nCommands:\n" in out
    assert "Show this message and exit." in out
    assert LINT_ZH not in out and "选项" not in out


def test_lint_help_in_chinese() -> None:
    r = perfctl("lint", "--help", LANG="zh_CN.UTF-8")
    assert r.returncode == 0, r.stderr
    out = flat(r.stdout)
    assert r.stdout.startswith("用法：perfctl lint [选项] [PATH]...\n")
    # the description (the command's docstring, translated as a whole), its paragraphs kept
    assert "按财政部门审核的标准检查绩效目标表（完整性、相关性、适当性、可行性）。" in out
    assert "退出码：0 没有达到或高于 --fail-on 的问题，1 有问题，2 有文件或配置无法读取。" in out
    assert "示例：perfctl lint data --fail-on warning" in out  # the example's command line unchanged
    description = r.stdout.split("\n\n")[1:5]
    assert [p.strip()[:3] for p in description] == ["按财政", "每个问", "退出码", "示例："]
    # options' help, and typer's "[default: …]" through the catalog
    assert "仍有达到或高于此严重程度的问题时，退出码为1。[默认：error]" in out.replace(" ", "")
    assert "只运行这些规则（代码或前缀，如PT-Q）；可重复。" in out.replace(" ", "")
    assert "Report format" not in out and "Exit codes" not in out


def test_every_help_text_is_extracted_and_translated() -> None:
    """Each help text the CLI shows is a message of the catalog (extracted from perfctl/cli.py,
    so none is built by concatenation) and has a Chinese translation."""
    extracted = {m.id for m in catalog.extract([ROOT / "perfctl" / "cli.py"]) if m.id}
    group = typer.main.get_command(cli.app)
    texts = {group.help}
    for command in [group, *group.commands.values()]:  # type: ignore[attr-defined]
        texts |= {inspect.cleandoc(command.help or ""), inspect.cleandoc(command.short_help or "")}
        texts |= {param.__dict__.get("_perfctl_msgid", getattr(param, "help", None)) for param in command.params}
    texts -= {"", None}
    assert texts - extracted == set()
    i18n.use("zh")
    untranslated = sorted(t for t in texts if i18n._(t) == t)
    assert untranslated == []


# --- usage errors ----------------------------------------------------------------------------


def test_unknown_option_in_chinese() -> None:
    r = perfctl("lint", "--bogus", LANG="zh_CN.UTF-8")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "用法：perfctl lint [选项] [PATH]...",
        "运行 'perfctl lint -h' 查看帮助。",
        "",
        "错误：无此选项：--bogus",
    ]


def test_unknown_option_in_english() -> None:
    r = perfctl("lint", "--bogus", LANG="C")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "Usage: perfctl lint [OPTIONS] [PATH]...",
        "Try 'perfctl lint -h' for help.",
        "",
        "Error: No such option: --bogus",
    ]


def test_unknown_option_with_suggestions_in_chinese() -> None:
    """click appends the options it guesses to "No such option": both parts are translated."""
    r = perfctl("lint", "--fail", LANG="zh_CN.UTF-8")
    assert r.returncode == 2
    assert "错误：无此选项：--fail（可能的选项：--fail-on, --profile）" in r.stderr
    en = perfctl("lint", "--fail", LANG="C")
    assert "Error: No such option: --fail (Possible options: --fail-on, --profile)" in en.stderr


def test_unknown_command_in_chinese() -> None:
    r = perfctl("lnt", LANG="zh_CN.UTF-8")
    assert r.returncode == 2
    assert "用法：perfctl [选项] 命令 [参数]..." in r.stderr
    assert "错误：无此命令：'lnt'。是否要用 'lint'？" in r.stderr


def test_missing_option_in_chinese() -> None:
    r = perfctl("import", "x.docx", LANG="zh_CN.UTF-8")
    assert r.returncode == 2
    assert "用法：perfctl import [选项] SOURCE..." in r.stderr
    assert "错误：缺少选项 '--into'。" in r.stderr
    assert "Missing" not in r.stderr


def test_invalid_choice_in_chinese() -> None:
    """A value outside a registry's list (completion.RegistryChoice): the values are kept."""
    r = perfctl("lint", "--format", "xml", LANG="zh_CN.UTF-8")
    assert r.returncode == 2
    assert "错误：'--format' / '-f' 的值无效：'xml' 不是可选值之一：'text', 'json', 'github', 'sarif'。" in r.stderr
    en = perfctl("lint", "--format", "xml", LANG="C")
    assert "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'github', 'sarif'." in en.stderr


def test_perfctl_own_parameter_errors_in_chinese(tmp_path: Path) -> None:
    """The BadParameter texts of perfctl.cli (an empty output path, a 部门编码, a registry name)."""
    r = perfctl("export", "data", "--output", "", LANG="zh_CN.UTF-8")
    assert r.returncode == 2 and "错误：'--output' / '-o' 的值无效：路径为空" in r.stderr
    r = perfctl("import", "x.docx", "--into", tmp_path, "--department-code", "38-91", LANG="zh_CN.UTF-8")
    assert r.returncode == 2 and "'38-91'：部门编码只能由字母和数字组成，如 389101" in r.stderr
    r = perfctl("import", "x.docx", "--into", tmp_path, "--layout", "nope", LANG="zh_CN.UTF-8")
    assert r.returncode == 2 and "'nope' 不是可选值之一：" in r.stderr
    r = perfctl("init", tmp_path, "--line-endings", "cr", LANG="zh_CN.UTF-8")
    assert r.returncode == 2 and "错误：--line-endings 的值无效：应为 lf 或 crlf" in r.stderr
    en = perfctl("init", tmp_path, "--line-endings", "cr", LANG="C")
    assert en.returncode == 2 and "Error: Invalid value for --line-endings: lf or crlf" in en.stderr


def test_completion_messages_in_chinese() -> None:
    r = perfctl("completion", LANG="zh_CN.UTF-8")
    assert r.returncode == 2 and "错误：缺少参数 'SHELL'。可选值：\n\tbash,\n\tzsh,\n\tfish" in r.stderr
    r = perfctl("completion", "tcsh", LANG="zh_CN.UTF-8")
    assert r.returncode == 2 and "'tcsh' 不是可选值之一：'bash', 'zsh', 'fish'。" in r.stderr


def _zsh_candidates(words: str, **env: str) -> str:
    """What perfctl answers zsh's completion script for ``words``."""
    environ = {k: v for k, v in os.environ.items() if k not in LOCALE}
    environ.update(_PERFCTL_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=words, **env)
    r = run_perfctl(env=environ)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_completion_help_beside_candidates_in_chinese() -> None:
    """zsh shows each candidate's help: in the user's language; the candidates stay as they are."""
    zh = _zsh_candidates("perfctl lint --f", LANG="zh_CN.UTF-8")
    assert '"--format":"报告格式' in zh and '"--fail-on":"仍有达到或高于此严重程度的问题时' in zh
    assert '"lint":"' + LINT_ZH in _zsh_candidates("perfctl li", LANG="zh_CN.UTF-8")
    en = _zsh_candidates("perfctl lint --f", LANG="C")
    assert '"--format":"Report format' in en and "报告" not in en


# --- the rules command -----------------------------------------------------------------------


def test_rule_docstrings_are_the_extracted_message_ids() -> None:
    """``perfctl rules CODE`` looks its text up as ``inspect.cleandoc(rule.__doc__)``; the
    catalog extracts ``ast.get_docstring(tree, clean=True)`` of the module: the same text."""
    for code, rule in RULES.items():
        path = Path(rule.__file__)
        source = path.read_text(encoding="utf-8")
        assert ast.get_docstring(ast.parse(source), clean=True) == inspect.cleandoc(rule.__doc__), code
        extracted = [m for _, _, m, _ in catalog._more(source, path.relative_to(ROOT).as_posix())]
        assert extracted == [inspect.cleandoc(rule.__doc__)], code


def test_rules_table_in_chinese() -> None:
    r = perfctl("--lang", "zh", "rules")
    assert r.returncode == 0, r.stderr
    header = r.stdout.splitlines()[0].split()
    assert header == ["代码", "名称", "严重程度", "框架", "检查内容"]
    row = next(line for line in r.stdout.splitlines() if line.startswith("PT-A01 "))
    assert row.split()[:4] == ["PT-A01", "satisfaction-percent", "错误", "全部"]  # code and name stay English
    i18n.use("zh")
    assert row.rstrip().endswith(rules_cmd._plain(rules_cmd._summary(RULES["PT-A01"])))  # through the catalog
    severities = {line.split()[2] for line in r.stdout.splitlines()[2:]}
    assert severities <= {"错误", "警告", "提示"}


def test_rules_table_in_english() -> None:
    r = perfctl("--lang", "en", "rules")
    assert r.stdout.splitlines()[0].split() == ["code", "name", "severity", "profile", "checks"]
    row = next(line for line in r.stdout.splitlines() if line.startswith("PT-A01 "))
    assert row.split()[:4] == ["PT-A01", "satisfaction-percent", "error", "all"]
    assert row.rstrip().endswith("a satisfaction target must be a percentage.")


def test_rule_explained_in_chinese_goes_through_the_catalog() -> None:
    rule = RULES["PT-B01"]
    r = perfctl("--lang", "zh", "rules", "pt-b01")
    assert r.returncode == 0, r.stderr
    header, _, body = r.stdout.partition("\n")
    assert header == f"PT-B01 {rule.NAME}（严重程度：错误；框架：全部）"
    i18n.use("zh")
    translated = i18n._(inspect.cleandoc(rule.__doc__))
    # the same text, wrapped to the terminal (line breaks and spaces aside)
    assert "".join(body.split()) == "".join(translated.partition("\n")[2].replace("``", "`").split())


def test_rule_explained_in_english_is_the_docstring() -> None:
    rule = RULES["PT-B01"]
    r = perfctl("--lang", "en", "rules", "PT-B01")
    assert r.returncode == 0, r.stderr
    header, _, body = r.stdout.partition("\n")
    assert header == f"PT-B01 {rule.NAME}  (severity: error; profiles: all)"
    assert "".join(body.split()) == "".join(inspect.cleandoc(rule.__doc__).partition("\n")[2].replace("``", "`").split())


def test_unknown_rule_in_chinese() -> None:
    r = perfctl("--lang", "zh", "rules", "PT-A0")
    assert r.returncode == 2
    assert r.stderr.strip() == "perfctl：无规则 'PT-A0'；是否要查看 PT-A01、PT-A02、PT-A03、PT-A04、PT-A05、PT-A06？"
    r = perfctl("--lang", "zh", "rules", "XX")
    assert r.stderr.strip() == "perfctl：无规则 'XX'；运行 'perfctl rules' 查看规则列表"
    r = perfctl("--lang", "en", "rules", "XX")
    assert r.stderr.strip() == "perfctl: no rule 'XX'; run 'perfctl rules' for the list"


# --- help laid out by display width ----------------------------------------------------------


def _section(out: str, heading: str) -> list[str]:
    """The lines of the help section whose heading starts with ``heading``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
    end = next((i for i in range(start, len(lines)) if lines[i] and not lines[i].startswith(" ")), len(lines))
    return [line for line in lines[start:end] if line.strip()]


_ROW = re.compile(r"^  (\S(?:.*?\S)?) {2,}(\S.*)$")  # "  name  help": the name has no double space
_MORE = re.compile(r"^ {3,}\S")  # a wrapped help line


def _help_columns(section: list[str]) -> set[int]:
    """The display column where the help text starts, on every row and wrapped line."""
    columns = set()
    for line in section:
        m = _ROW.match(line)
        if m:
            columns.add(wcswidth(line[:m.start(2)]))
        elif _MORE.match(line):
            columns.add(wcswidth(line[:len(line) - len(line.lstrip())]))
    return columns


def test_command_list_is_aligned_by_display_width() -> None:
    out = perfctl("--help", LANG="zh_CN.UTF-8").stdout
    rows = _section(out, "命令")
    assert len(rows) >= 15 and all(_ROW.match(r) for r in rows)
    assert len(_help_columns(rows)) == 1
    options = _section(out, "选项")
    assert len(_help_columns(options)) == 1  # the --lang help wraps under its first line


def test_option_names_with_chinese_are_aligned_by_display_width() -> None:
    """``--unit 元|万元`` takes 2 columns a character: its help starts where the others' do."""
    out = perfctl("new", "--help", LANG="zh_CN.UTF-8").stdout
    options = _section(out, "选项")
    unit = next(line for line in options if line.startswith("  --unit 元|万元 "))
    assert len(unit) < len(next(line for line in options if line.startswith("  --name ")))
    assert len(_help_columns(options)) == 1


@pytest.mark.parametrize(("columns", "width"), [(80, 78), (60, 58), (200, 78)])
def test_help_wraps_within_the_width_in_display_columns(columns: int, width: int) -> None:
    """click's formatter is as wide as the terminal less 2, at most 78 (at most 80 columns);
    Chinese text takes 2 columns a character and is wrapped to fit."""
    for args in (["--help"], ["lint", "--help"], ["prepare", "--help"], ["export", "--help"]):
        out = perfctl(*args, LANG="zh_CN.UTF-8", columns=columns).stdout
        widths = [wcswidth(line) for line in out.splitlines()]
        assert max(widths) <= width, (args, [line for line in out.splitlines() if wcswidth(line) > width])
    assert max(widths) >= width - 3  # export's help fills the lines: the width is used, not halved


#: Punctuation that does not begin a line in Chinese (避头尾).
NO_LINE_START = "，。、；：！？）》」』】〉”’％"


def test_chinese_help_breaks_lines_where_chinese_and_english_allow() -> None:
    """Wrapped Chinese help: no line starts with closing punctuation, and an English word,
    option or value inside it (CSV, --output, score.profile, 0.01) is never cut in two."""
    group = typer.main.get_command(cli.app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        out = perfctl(name, "--help", LANG="zh_CN.UTF-8").stdout
        lines = [line.strip() for line in out.splitlines()]
        assert [line for line in lines if line and line[0] in NO_LINE_START] == [], name
        i18n.use("zh")
        texts = [i18n._(inspect.cleandoc(command.help or ""))]
        texts += [i18n._(param.help) for param in command.params if getattr(param, "help", None)]
        words = {w for t in texts for w in re.findall(r"[!-~]+", t) if len(w) <= 30}
        assert sorted(w for w in words if not any(w in line for line in lines)) == [], name
        i18n.use("en")


# --- which language -----------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "env", "expected"), [
    (["--lang", "en"], {"LANG": "zh_CN.UTF-8"}, "en"),
    (["--lang=en"], {"LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"}, "en"),
    (["--lang", "zh"], {"LANG": "C"}, "zh"),
    (["--lang=zh"], {"LC_ALL": "C"}, "zh"),
    ([], {"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
    ([], {"LANGUAGE": "zh_CN:en", "LANG": "C"}, "en"),  # as GNU gettext: no LANGUAGE in the C locale
    ([], {"LANGUAGE": "en:zh_CN", "LANG": "zh_CN.UTF-8"}, "en"),
    ([], {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
    ([], {"LC_ALL": "zh_CN.UTF-8", "LANG": "C"}, "zh"),
    ([], {"LC_MESSAGES": "C", "LANG": "zh_CN.UTF-8"}, "en"),
    ([], {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}, "zh"),
    ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
    ([], {"LANG": "zh"}, "zh"),
    ([], {"LANG": "C.UTF-8"}, "en"),
    ([], {}, "en"),
])
def test_language_chosen(args: list[str], env: dict[str, str], expected: str) -> None:
    assert speaks(perfctl(*args, "--help", **env)) == expected


def _store(tmp_path: Path, config: str) -> Path:
    store = tmp_path / "store"
    (store / "389101" / "2025").mkdir(parents=True)
    (store / "perfctl.yaml").write_text(config, encoding="utf-8")
    (store / "389101" / "2025" / "p.yaml").write_text(GOOD, encoding="utf-8")
    return store


def test_store_config_lang_zh(tmp_path: Path) -> None:
    store = _store(tmp_path, "lang: zh\n")
    by_config = perfctl("lint", store, cwd=tmp_path, LANG="C")
    asked = perfctl("--lang", "zh", "lint", store, cwd=tmp_path, LANG="C")
    english = perfctl("--lang", "en", "lint", store, cwd=tmp_path, LANG="zh_CN.UTF-8")
    assert by_config.returncode == asked.returncode == english.returncode == 1
    assert by_config.stdout == asked.stdout != english.stdout
    assert "错误" in by_config.stdout and " error " in english.stdout
    # a usage error comes before the command's paths are known: the current folder's config decides
    r = perfctl("lint", ".", "--fail-on", "nope", cwd=store, LANG="C")
    assert r.returncode == 2 and "错误：'--fail-on' 的值无效：'nope' 不是可选值之一" in r.stderr
    r = perfctl("lint", store, "--fail-on", "nope", cwd=tmp_path, LANG="C")
    assert r.returncode == 2 and "Error: Invalid value for '--fail-on'" in r.stderr
    # the folder's config governs help run in it; --lang still wins
    assert speaks(perfctl("--help", cwd=store, LANG="C")) == "zh"
    assert speaks(perfctl("--help", cwd=store / "389101", LANG="C")) == "zh"
    assert speaks(perfctl("--lang", "en", "--help", cwd=store, LANG="zh_CN.UTF-8")) == "en"


def test_store_config_lang_en_beats_the_locale(tmp_path: Path) -> None:
    store = _store(tmp_path, "lang: en\n")
    assert speaks(perfctl("--help", cwd=store, LANG="zh_CN.UTF-8")) == "en"
    assert speaks(perfctl("--lang", "zh", "--help", cwd=store, LANG="C")) == "zh"


def test_store_config_with_an_unknown_lang_is_a_config_error(tmp_path: Path) -> None:
    store = _store(tmp_path, "lang: fr\n")
    r = perfctl("lint", store, cwd=tmp_path, LANG="C")
    assert r.returncode == 2, r.stderr[-2000:]
    config = str(store / "perfctl.yaml")
    assert config in r.stderr and "lang" in r.stderr and "'fr'" in r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr


def test_store_config_with_an_unknown_lang_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Working out the language reads the config once: its error message, translated with
    ``_()``, must not start working out the language again (that recursed until Python's
    limit; whether a run survived depended on where the limit was hit)."""
    store = _store(tmp_path, "lang: fr\n")
    calls = []
    real = i18n.from_config

    def counted(argv, cwd=None):  # type: ignore[no-untyped-def]
        calls.append(argv)
        return real(argv, cwd)

    monkeypatch.setattr(i18n, "from_config", counted)
    i18n.setup(["lint", str(store)])
    assert i18n.language() == "en"  # the locale's (C.UTF-8, tests.conftest)
    assert len(calls) == 1


def test_a_removed_current_folder_has_no_config_to_read(tmp_path: Path) -> None:
    """A shell still in a folder removed meanwhile: no store config governs it (looking for
    one must not fail), and the command says what it says anywhere else."""
    gone = tmp_path / "gone"
    gone.mkdir()
    environ = {k: v for k, v in os.environ.items() if k not in LOCALE}
    script = f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m perfctl rules XX'
    r = subprocess.run(["sh", "-c", script], env={**environ, "LANG": "C"}, capture_output=True, text=True,
                       encoding="utf-8")
    assert r.returncode == 2
    assert r.stderr.strip() == "perfctl: no rule 'XX'; run 'perfctl rules' for the list"


def test_unknown_lang_option_is_a_usage_error() -> None:
    """An invalid --lang leaves the language to the locale, which says it is invalid."""
    r = perfctl("--lang", "fr", "rules", LANG="C")
    assert r.returncode == 2
    assert "Error: Invalid value for '--lang': 'fr' is not one of 'zh', 'en'." in r.stderr
    r = perfctl("--lang", "fr", "rules", LANG="zh_CN.UTF-8")
    assert r.returncode == 2
    assert "错误：'--lang' 的值无效：'fr' 不是可选值之一：'zh', 'en'。" in r.stderr
