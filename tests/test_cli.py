"""The command line as a script sees it: help, version, exit codes, lazy imports."""

from __future__ import annotations

import subprocess
import sys

from conftest import run_perfctl
from perfctl import __version__


def test_version():
    r = run_perfctl("--version")
    assert (r.returncode, r.stdout) == (0, f"perfctl {__version__}\n")


def test_help_lists_commands():
    r = run_perfctl("--help")
    assert r.returncode == 0
    for command in ("import", "render", "show", "export"):
        assert command in r.stdout


def test_usage_errors_exit_2():
    assert run_perfctl("render", "data", "--format", "pdf").returncode == 2
    assert run_perfctl("no-such-command").returncode == 2
    assert run_perfctl("import", "x.txt").returncode == 2  # --into is required


def test_missing_path_exits_2_naming_it(tmp_path):
    r = run_perfctl("export", tmp_path / "nope")
    assert r.returncode == 2
    assert r.stderr.startswith(f"{tmp_path / 'nope'}: no such file or folder\n")


def test_start_imports_no_heavy_module():
    code = ("import sys, perfctl.cli; heavy = [m for m in ('jinja2', 'tabulate', 'jsonschema', 'ruamel.yaml', 'wcwidth') "
            "if m in sys.modules]; print(','.join(heavy))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (r.returncode, r.stdout.strip()) == (0, "")
