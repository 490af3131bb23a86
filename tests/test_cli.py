"""The command line as a script sees it: help, version, exit codes, lazy imports."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, run_perfctl
from perfctl import __version__


def test_version():
    r = run_perfctl("--version")
    assert (r.returncode, r.stdout) == (0, f"perfctl {__version__}\n")


def test_help_lists_commands():
    r = run_perfctl("--help")
    assert r.returncode == 0
    for command in ("import", "render", "show", "export"):
        assert command in r.stdout


def test_help_lists_every_command_in_full_and_hides_the_git_driver():
    import os

    env = {**os.environ, "COLUMNS": "80"}
    r = run_perfctl("--help", env=env)
    commands = r.stdout.split("Commands:\n", 1)[1].splitlines()
    names = [line.split()[0] for line in commands if line.strip()]
    assert "textconv" not in names and len(names) == len(set(names)) >= 15
    assert all("..." not in line and len(line) <= 80 for line in commands)  # no summary cut off
    assert "  lint        Check tables as a finance bureau's review does." in commands
    assert run_perfctl("textconv", "--help").returncode == 0  # hidden, not gone: git calls it


def test_show_without_a_path_shows_the_current_folder():
    r = run_perfctl("show", cwd=ROOT / "data")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("项目名称") == 4


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


def test_output_paths_that_are_files_are_clear_errors(tmp_path, seed):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    r = run_perfctl("import", seed, "--into", tmp_path / "f", "--year", "2025")
    assert (r.returncode, r.stderr) == (2, f"{tmp_path / 'f'}: the store must be a folder; this is a file\n")
    r = run_perfctl("render", "data", "-f", "md", "-o", tmp_path / "f")
    assert (r.returncode, r.stderr) == (2, f"{tmp_path / 'f'}: cannot write: it is a file, not a folder\n")


def test_year_out_of_range_is_a_usage_error(seed, tmp_path):
    r = run_perfctl("import", seed, "--into", tmp_path, "--year", "25")
    assert r.returncode == 2 and not any(tmp_path.iterdir())


def test_a_file_named_twice_is_read_once():
    r = run_perfctl("export", "data", "data", "data/389101/2025/自贸区法律服务经费.yaml")
    assert r.returncode == 0 and r.stdout.count('"path"') == 4


def test_empty_folder_is_a_note_not_an_error(tmp_path):
    for args in (("show",), ("render", "-f", "md"), ("export",)):
        r = run_perfctl(*args, tmp_path)
        assert r.returncode == 0, args
        assert r.stderr == f"perfctl: no project files (*.yaml, *.yml) found in {tmp_path}\n"


def test_a_reader_that_stops_early_ends_perfctl_quietly(tmp_path):
    # perfctl export STORE | head -1: the pipe closes while output is still coming
    from conftest import GOOD, write

    store = write(tmp_path, {f"p{i:03}.yaml": GOOD.replace("测试项目", f"测试项目{i}") for i in range(150)})
    proc = subprocess.Popen([sys.executable, "-m", "perfctl", "export", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"[\n"
    proc.stdout.close()  # more than a pipe's buffer is still to come
    err = proc.stderr.read()
    assert (proc.wait(), err) == (141, b"")  # 128 + SIGPIPE, as a shell reports for git or cat; not 1 (findings)


def test_a_full_disk_behind_stdout_is_a_clear_error():
    with open("/dev/full", "w") as full:  # every write fails with ENOSPC (Linux)
        r = subprocess.run([sys.executable, "-m", "perfctl", "export", "data"], stdout=full, stderr=subprocess.PIPE,
                           text=True, cwd=ROOT)
    assert (r.returncode, r.stderr) == (2, "perfctl: cannot write the output: No space left on device\n")


def test_a_large_output_cut_short_by_a_full_disk_is_an_error(monkeypatch):
    # Seen with a full tmpfs behind stdout: sys.stdout.buffer.write(300 KB) returned 204800
    # (what fit) without raising; only writing the rest raises ENOSPC. perfctl must not stop there.
    import errno

    from perfctl import commands

    class FullDisk:  # sys.stdout.buffer as it behaves on a disk with `room` bytes free
        def __init__(self, room):
            self.room, self.data = room, b""

        def write(self, b):
            if not self.room:
                raise OSError(errno.ENOSPC, "No space left on device")
            n = min(len(b), self.room)
            self.data += bytes(b[:n])
            self.room -= n
            return n  # short, and no error

        def flush(self):
            pass

    class Stdout:
        def __init__(self, buffer):
            self.buffer = buffer

        def flush(self):
            pass

    disk = FullDisk(200_000)
    monkeypatch.setattr(sys, "stdout", Stdout(disk))
    try:
        commands.write_stdout("x" * 300_000)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    else:
        raise AssertionError("a write cut short by a full disk passed for a whole one")
    assert disk.data == b"x" * 200_000
    disk.room = 10**6
    commands.write_stdout(["ab", "cd"])
    assert disk.data.endswith(b"abcd")


def _help_terms(text: str) -> list[str]:
    """The usage line and the first column of every entry under Arguments: and Options:."""
    lines = text.splitlines()
    section, terms = "", [lines[0]]
    for line in lines:
        if line.endswith(":") and not line.startswith(" "):
            section = line
        elif section in ("Arguments:", "Options:") and re.match(r"  \S", line):
            terms.append(re.split(r"\s{2,}", line.strip())[0])
    return terms


def test_help_shows_no_python_types_and_usage_as_other_tools_write_it():
    from typer.main import get_command
    from typer.testing import CliRunner

    from perfctl.cli import app

    runner = CliRunner()
    helps = {name: runner.invoke(app, [name, "--help"], terminal_width=200) for name in get_command(app).commands}
    assert len(helps) > 10
    for name, r in helps.items():
        assert r.exit_code == 0, (name, r.output)
        assert "list[" not in r.output and "Path]" not in r.output, name
        for term in _help_terms(r.output):
            assert not re.search(r"[<>{}]", term), (name, term)  # no <list[Path]>, <text|json>, {PATH}
    assert helps["export"].output.startswith("Usage: perfctl export [OPTIONS] PATH...\n")  # required, several
    assert helps["lint"].output.startswith("Usage: perfctl lint [OPTIONS] [PATH]...\n")  # optional, several
    assert helps["textconv"].output.startswith("Usage: perfctl textconv [OPTIONS] FILE\n")
    assert "  -f, --format text|json|github|sarif" in helps["lint"].output  # the choices, as export's json|csv
