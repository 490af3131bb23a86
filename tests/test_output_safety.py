"""No write destroys a user's file (issue 16): every ``--output FILE`` and ``--out DIR``.

An output that is a file the run reads (a project file, the store's perfctl.yaml, the lint
baseline), directly, through a symlink or as a hard link, is refused with exit 2 and the
file keeps its bytes; a named pipe is written into and stays a pipe; a symlink is written
through and stays a link. Every case runs in a temporary folder: no test points at a real
device (a bug there would replace it).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, run_perfctl
from perfctl.authoring.safewrite import output_target
from perfctl.errors import InputError

#: A project with results, so that score has a report to write (exit 1: one finding).
PROJECT = ROOT / "tests" / "fixtures" / "selfeval" / "389101" / "2025" / "第四届京津冀自贸试验区联席活动项目.yaml"
NAME = "第四届京津冀自贸试验区联席活动项目"
FILE_IN_STORE = "store/389101/2025/p.yaml"
CONFIG = "store/perfctl.yaml"

#: Each command that writes a report to ``--output FILE``, run over the store in JSON, and
#: what says the report is real: it parses and names the project.
REPORTS: dict[str, tuple[tuple[str, ...], Callable[[object], bool]]] = {
    "export": (("export", "store", "-f", "json"), lambda data: data[0]["name"] == NAME),
    "lint": (("lint", "store", "-f", "json"), lambda data: data["files"][0]["path"] == FILE_IN_STORE),
    "score": (("score", "store", "-f", "json"), lambda data: data[0]["name"] == NAME),
}


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store with its config and one project with results; the current folder."""
    (tmp_path / FILE_IN_STORE).parent.mkdir(parents=True)
    shutil.copy(PROJECT, tmp_path / FILE_IN_STORE)
    (tmp_path / CONFIG).write_text("# the store config\nprofile: auto\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(work: Path, *args: str | Path):  # type: ignore[no-untyped-def]
    return run_perfctl(*args, cwd=work)


def untouched(work: Path, rel: str, before: bytes) -> bool:
    """Whether ``rel`` is still the regular file it was, with the same bytes."""
    path = work / rel
    return not path.is_symlink() and stat.S_ISREG(path.lstat().st_mode) and path.read_bytes() == before


def through_fifo(fifo: Path, command: Callable[[], object]) -> tuple[object, bytes]:
    """Run ``command`` while a thread reads ``fifo`` to its end; returns what it returned and what came through."""
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = command()
    reader.join(timeout=10)
    if reader.is_alive():  # the command never opened the pipe: let the reader see an end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
    return result, b"".join(got)


# --output FILE: export, lint, score ------------------------------------------------------

@pytest.mark.parametrize("command", sorted(REPORTS))
@pytest.mark.parametrize("target", [FILE_IN_STORE, CONFIG])
def test_output_over_an_input_is_refused(work: Path, command: str, target: str) -> None:
    before = (work / target).read_bytes()
    r = run(work, *REPORTS[command][0], "-o", target)
    assert r.returncode == 2, r.stderr
    assert f"{target}: not written: this run reads this file; choose another output path" in r.stderr
    assert untouched(work, target, before)


@pytest.mark.parametrize("command", sorted(REPORTS))
@pytest.mark.parametrize("target", [FILE_IN_STORE, CONFIG])
def test_output_through_a_symlink_to_an_input_is_refused(work: Path, command: str, target: str) -> None:
    before = (work / target).read_bytes()
    (work / "report.json").symlink_to(target)
    r = run(work, *REPORTS[command][0], "-o", "report.json")
    assert r.returncode == 2, r.stderr
    assert f"report.json: not written: it leads to {os.path.realpath(work / target)}, which this run reads" in r.stderr
    assert untouched(work, target, before)
    assert os.readlink(work / "report.json") == target


@pytest.mark.parametrize("command", sorted(REPORTS))
def test_output_on_a_hard_link_of_an_input_is_refused(work: Path, command: str) -> None:
    before = (work / FILE_IN_STORE).read_bytes()
    os.link(work / FILE_IN_STORE, work / "report.json")
    r = run(work, *REPORTS[command][0], "-o", "report.json")
    assert r.returncode == 2, r.stderr
    assert "report.json: not written: it is the same file as" in r.stderr
    assert untouched(work, FILE_IN_STORE, before)


@pytest.mark.parametrize("command", sorted(REPORTS))
def test_output_into_a_fifo_streams_and_keeps_the_fifo(work: Path, command: str) -> None:
    args, names_project = REPORTS[command]
    os.mkfifo(work / "pipe")
    r, got = through_fifo(work / "pipe", lambda: run(work, *args, "-o", "pipe"))
    assert r.returncode in (0, 1), r.stderr  # type: ignore[attr-defined]
    assert names_project(json.loads(got))
    assert stat.S_ISFIFO((work / "pipe").lstat().st_mode)


@pytest.mark.parametrize("command", sorted(REPORTS))
def test_output_through_a_symlink_writes_its_target(work: Path, command: str) -> None:
    args, names_project = REPORTS[command]
    (work / "reports").mkdir()
    (work / "report.json").symlink_to("reports/new.json")  # dangling: the report makes it
    r = run(work, *args, "-o", "report.json")
    assert r.returncode in (0, 1), r.stderr
    assert os.readlink(work / "report.json") == "reports/new.json"
    assert names_project(json.loads((work / "reports" / "new.json").read_text(encoding="utf-8")))


def test_an_existing_report_is_replaced_through_its_symlink(work: Path) -> None:
    (work / "old.json").write_text("old\n", encoding="utf-8")
    (work / "report.json").symlink_to("old.json")
    r = run(work, "export", "store", "-o", "report.json")
    assert r.returncode == 0, r.stderr
    assert (work / "report.json").is_symlink()
    assert json.loads((work / "old.json").read_text(encoding="utf-8"))[0]["name"] == NAME


# lint: the baseline is an input too, and its own writes follow the same rule ---------------

def test_lint_output_over_the_baseline_is_refused(work: Path) -> None:
    assert run(work, "lint", "store", "--baseline", "base.json").returncode == 0
    before = (work / "base.json").read_bytes()
    r = run(work, "lint", "store", "--baseline", "base.json", "-f", "json", "-o", "base.json")
    assert r.returncode == 2 and "base.json: not written: this run reads this file" in r.stderr
    assert untouched(work, "base.json", before)


def test_lint_baseline_over_a_project_file_is_refused(work: Path) -> None:
    before = (work / FILE_IN_STORE).read_bytes()
    r = run(work, "lint", "store", "--baseline", FILE_IN_STORE, "--update-baseline")
    assert r.returncode == 2 and f"{FILE_IN_STORE}: not written: this run reads this file" in r.stderr
    assert untouched(work, FILE_IN_STORE, before)


# schema: reads no file; a pipe and a symlink ---------------------------------------------

def test_schema_into_a_fifo_and_through_a_symlink(work: Path) -> None:
    os.mkfifo(work / "pipe")
    r, got = through_fifo(work / "pipe", lambda: run(work, "schema", "-o", "pipe"))
    assert r.returncode == 0, r.stderr  # type: ignore[attr-defined]
    assert "properties" in json.loads(got) and stat.S_ISFIFO((work / "pipe").lstat().st_mode)
    (work / "schema.json").symlink_to("made.json")
    assert run(work, "schema", "-o", "schema.json").returncode == 0
    assert (work / "schema.json").is_symlink() and "properties" in json.loads((work / "made.json").read_text("utf-8"))


# render --out DIR: every file it writes -----------------------------------------------------

DOCUMENT = "389101-2025.md"  # what render names the store's one document


def test_render_out_over_a_file_is_refused(work: Path) -> None:
    before = (work / CONFIG).read_bytes()
    r = run(work, "render", "store", "-f", "md", "--out", CONFIG)
    assert r.returncode == 2 and f"{CONFIG}: cannot write: it is a file, not a folder" in r.stderr
    assert untouched(work, CONFIG, before)


def test_render_document_over_an_input_is_refused(work: Path) -> None:
    (work / "named").mkdir()
    shutil.copy(PROJECT, work / "named" / DOCUMENT)  # a project file given by a name render would write
    before = (work / "named" / DOCUMENT).read_bytes()
    r = run(work, "render", f"named/{DOCUMENT}", "-f", "md", "--out", "named")
    assert r.returncode == 2 and f"named/{DOCUMENT}: not written: this run reads this file" in r.stderr
    assert untouched(work, f"named/{DOCUMENT}", before)


@pytest.mark.parametrize("target", [FILE_IN_STORE, CONFIG])
def test_render_document_through_a_symlink_to_an_input_is_refused(work: Path, target: str) -> None:
    before = (work / target).read_bytes()
    (work / "out").mkdir()
    (work / "out" / DOCUMENT).symlink_to(work / target)
    r = run(work, "render", "store", "-f", "md", "--out", "out")
    assert r.returncode == 2 and f"out/{DOCUMENT}: not written: it leads to {os.path.realpath(work / target)}" in r.stderr
    assert untouched(work, target, before) and (work / "out" / DOCUMENT).is_symlink()


def test_render_document_into_a_fifo_and_through_a_symlink(work: Path) -> None:
    (work / "out").mkdir()
    os.mkfifo(work / "out" / DOCUMENT)
    r, got = through_fifo(work / "out" / DOCUMENT, lambda: run(work, "render", "store", "-f", "md", "--out", "out"))
    assert r.returncode == 0, r.stderr  # type: ignore[attr-defined]
    assert NAME in got.decode("utf-8") and stat.S_ISFIFO((work / "out" / DOCUMENT).lstat().st_mode)
    (work / "out" / DOCUMENT).unlink()
    (work / "out" / DOCUMENT).symlink_to("../made.md")
    assert run(work, "render", "store", "-f", "md", "--out", "out").returncode == 0
    assert (work / "out" / DOCUMENT).is_symlink() and NAME in (work / "made.md").read_text(encoding="utf-8")


# the decision itself ----------------------------------------------------------------------

def test_a_descriptor_path_is_a_stream_whatever_stands_behind_it() -> None:
    """Decided only (nothing is opened): /dev/stdout is written into, never renamed over."""
    assert output_target(Path("/dev/stdout")).stream
    assert output_target(Path("/proc/self/fd/1")).stream


def test_a_new_output_does_not_walk_the_inputs(tmp_path: Path) -> None:
    def never() -> object:
        raise AssertionError("inputs were listed for an output that does not exist")
        yield  # pragma: no cover

    out = output_target(tmp_path / "new.json", never())  # type: ignore[arg-type]
    assert (out.stream, out.target) == (False, tmp_path / "new.json")


@pytest.mark.parametrize("command", sorted(REPORTS))
def test_output_named_like_a_store_config_is_refused_even_before_there_is_one(work: Path, command: str) -> None:
    """``-o data/perfctl.yaml`` where no config exists yet would make the next run read a report as its config."""
    args, _ = REPORTS[command]
    (work / "other").mkdir()
    r = run(work, *args, "-o", "other/perfctl.yaml")
    assert r.returncode == 2 and not (work / "other" / "perfctl.yaml").exists()
    assert r.stderr == ("other/perfctl.yaml: not written: perfctl.yaml is the name of a store's configuration; "
                        "choose another output path\n")


# the path itself: empty, or in a folder that is not there ------------------------------------

#: Every option that names a file or folder to write, with a command line that would use it.
OUTPUTS = {
    "export --output": ("export", "store", "-f", "json", "--output"),
    "lint --output": ("lint", "store", "-f", "json", "--output"),
    "lint --baseline": ("lint", "store", "--baseline"),
    "score --output": ("score", "store", "-f", "json", "--output"),
    "schema --output": ("schema", "--output"),
    "render --out": ("render", "store", "-f", "md", "--out"),
}


@pytest.mark.parametrize("option", sorted(OUTPUTS))
def test_an_empty_output_path_is_a_usage_error(work: Path, option: str) -> None:
    """``-o ''`` is not the current folder (``Path('')`` is ``.``): it says the path is empty."""
    before = sorted(p.name for p in work.iterdir())
    r = run(work, *OUTPUTS[option], "")
    assert r.returncode == 2, r.stderr
    assert "the path is empty" in r.stderr and "folder" not in r.stderr
    assert "Usage: " in r.stderr and "Invalid value for" in r.stderr  # a usage error, shown as one
    assert sorted(p.name for p in work.iterdir()) == before  # nothing written here


@pytest.mark.parametrize("option", sorted(set(OUTPUTS) - {"render --out"}))
def test_an_output_file_in_a_missing_folder_is_refused(work: Path, option: str) -> None:
    """A misspelt folder is not made behind the user's back: exit 2 naming it, as git does."""
    r = run(work, *OUTPUTS[option], "reprots/r.json")
    assert r.returncode == 2, r.stderr
    assert r.stderr.endswith("reprots/r.json: not written: the folder reprots does not exist; "
                             "create it first or choose another output path\n")
    assert not (work / "reprots").exists()


def test_an_output_through_a_symlink_into_a_missing_folder_is_refused(work: Path) -> None:
    (work / "report.json").symlink_to("gone/new.json")
    r = run(work, "export", "store", "-o", "report.json")
    assert r.returncode == 2 and f"the folder {work.resolve() / 'gone'} does not exist" in r.stderr
    assert not (work / "gone").exists()


def test_render_makes_its_own_output_folder(work: Path) -> None:
    r = run(work, "render", "store", "-f", "md", "--out", "docs/2025")
    assert r.returncode == 0, r.stderr
    assert NAME in (work / "docs" / "2025" / DOCUMENT).read_text(encoding="utf-8")


def test_many_outputs_look_up_the_inputs_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``render --out`` over outputs that exist checks each against one table of the inputs,
    not every input again for each output (10,000 projects, 160 documents: 1.6 million stats)."""
    from perfctl.authoring.safewrite import Reads

    inputs = []
    for i in range(50):
        p = tmp_path / f"in{i}.yaml"
        p.write_text("x: 1\n", encoding="utf-8")
        inputs.append(p)
    outputs = []
    for i in range(20):
        p = tmp_path / f"out{i}.html"
        p.write_text("old\n", encoding="utf-8")
        outputs.append(p)
    calls = []
    real = os.stat
    monkeypatch.setattr(os, "stat", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    reads = Reads(iter(inputs))
    assert all(not output_target(p, reads, new_folder=True).stream for p in outputs)
    assert len(calls) <= len(inputs) + 2 * len(outputs)
    os.link(inputs[7], tmp_path / "link.html")  # a hard link of an input is still found
    with pytest.raises(InputError, match="in7.yaml"):
        output_target(tmp_path / "link.html", reads, new_folder=True)


@pytest.mark.parametrize(("args", "code", "kind"), [
    (["-o", "r.json"], 0, "json"), (["-o", "r.SARIF"], 0, "sarif"), (["-o", "r.txt"], 0, "text"),
    (["-o", "r.json", "--format", "text"], 2, None), (["-o", "r.sarif", "--format", "json"], 2, None),
])
def test_lint_takes_its_format_from_the_output_suffix(tmp_path: Path, args: list[str], code: int, kind: str | None) -> None:
    """``lint -o report.json`` writes JSON, not a text report under a .json name; a suffix that
    names another format than --format is refused before anything is written."""
    r = run_perfctl("lint", ROOT / "data", *args, cwd=tmp_path)
    assert r.returncode == code, r.stderr
    written = list(tmp_path.iterdir())
    if kind is None:
        assert written == [] and "contradicts the output file name" in r.stderr
        return
    (out,) = written
    text = out.read_text(encoding="utf-8")
    if kind == "json":
        assert json.loads(text)["summary"]["warning"] == 13
    elif kind == "sarif":
        assert json.loads(text)["version"] == "2.1.0" and len(json.loads(text)["runs"][0]["results"]) == 49
    else:
        assert text.endswith("13 warnings, 36 info in 4 files\n")
