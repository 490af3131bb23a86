"""Shell completion: candidates as the bash script asks for them, the scripts, and the choices
read from the registries (help, validation and completion list the same values)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def complete(words: str, env_extra: dict[str, str] | None = None, cwd: Path = ROOT) -> list[str]:
    """The candidates for the last word of ``words``, as the bash script gets them."""
    parts = words.split(" ")
    env = {**os.environ, "_PERFCTL_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(parts) - 1), **(env_extra or {})}
    out = subprocess.run([sys.executable, "-m", "perfctl"], env=env, cwd=cwd, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_bash_completes_command_option_value_and_rule_code() -> None:
    assert complete("perfctl ren") == ["render"]
    assert complete("perfctl render --la") == ["--layout"]
    assert complete("perfctl render --format d") == ["docx"]
    assert complete("perfctl rules PT-D0") == ["PT-D01", "PT-D02", "PT-D03"]
    assert complete("perfctl lint --select PT-Q") == ["PT-Q01", "PT-Q02", "PT-Q03", "PT-Q04", "PT-Q05"]
    assert complete("perfctl lint --profile ") == ["auto", "legacy-2015", "national-2021"]
    assert complete("perfctl export --format ") == ["json", "csv", "xlsx", "parquet"]
    # a PATH argument gets no candidate, so that bash (-o default) completes file names
    assert complete("perfctl lint da") == []


def test_layouts_include_the_stores_own(tmp_path: Path) -> None:
    (tmp_path / "templates" / "layouts" / "county").mkdir(parents=True)
    env = {"PYTHONPATH": str(ROOT)}
    assert complete("perfctl render --layout ", env, cwd=tmp_path) == ["county", "national-2021", "tianjin"]


def test_completing_imports_nothing_heavy() -> None:
    code = ("import os, sys; os.environ.update(_PERFCTL_COMPLETE='complete_bash', "
            "COMP_WORDS='perfctl render --layout ', COMP_CWORD='3'); sys.argv = ['perfctl']\n"
            "from perfctl.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = {'jinja2', 'lxml', 'docx', 'openpyxl', 'pyarrow', 'duckdb'} & set(sys.modules)\n"
            "print(sorted(heavy), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["national-2021", "tianjin"]
    assert out.stderr.strip() == "[]"


def test_version_imports_no_registry() -> None:
    """--version loads no registry, no store config and no message catalog (the language is
    worked out only when a message is translated)."""
    code = ("import sys; sys.argv = ['perfctl', '--version']\nfrom perfctl.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('perfctl.')), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout == "perfctl 0.1.0\n"
    assert out.stderr.strip() == "['perfctl.cli', 'perfctl.clihelp', 'perfctl.completion', 'perfctl.i18n']"


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o default -F _perfctl_completion perfctl"),
                                           ("zsh", "compdef _perfctl_completion perfctl"),
                                           ("fish", "complete --command perfctl")])
def test_scripts_name_perfctl(shell: str, marker: str) -> None:
    from typer.testing import CliRunner

    from perfctl.cli import app

    result = CliRunner().invoke(app, ["completion", shell])
    assert result.exit_code == 0
    assert marker in result.stdout
    assert "_PERFCTL_COMPLETE=complete_" + shell in result.stdout


def test_unknown_shell_is_a_usage_error() -> None:
    from typer.testing import CliRunner

    from perfctl.cli import app

    result = CliRunner().invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.output


def test_choices_come_from_the_registries() -> None:
    from perfctl import completion
    from perfctl.lint.reporters import REPORTERS
    from perfctl.office import WRITERS

    assert completion.render_formats() == ["md", "html", *WRITERS] == ["md", "html", "docx", "xlsx"]
    assert completion.lint_formats() == list(REPORTERS) == ["text", "json", "github", "sarif"]
    assert completion.score_profiles() == ["national-2020", "pmkpi"]
    assert completion.diff_formats() == ["text", "markdown", "json", "table"]
    from perfctl.lint.rules import RULES

    assert completion.rule_codes() == list(RULES) and completion.rule_codes()[:2] == ["PT-A01", "PT-A02"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_script_runs_in_bash(tmp_path: Path) -> None:
    """Source the script and call its function as bash's completion would."""
    shim = tmp_path / "perfctl"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m perfctl "$@"\n')
    shim.chmod(0o755)
    script = subprocess.run([str(shim), "completion", "bash"], capture_output=True, text=True, cwd=ROOT).stdout
    probe = (script + '\nCOMP_WORDS=(perfctl lint --fail-on w); COMP_CWORD=3\n'
             '_perfctl_completion perfctl; printf "%s\\n" "${COMPREPLY[@]}"\n')
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert out.stdout.split() == ["warning"]
