"""Writes that fail half-way, two processes at once, Ctrl-C: nothing lost, nothing partial (issue 7).

A failure inside :func:`perfctl.fileio.atomic_write` (a full disk after half the bytes, an
exception, fsync or rename failing) must leave the old file byte for byte and no temporary
file behind; commands turn it into a clear error. Two ``perfctl fmt`` processes on one store
end with every file formatted once and whole. SIGINT in the middle of a long ``fmt`` leaves
every file either as it was or completely rewritten.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from perfctl import fileio
from perfctl.authoring.fmt import format_text

HERE = Path(__file__).parent
BASE = (HERE / "base.yaml").read_text(encoding="utf-8")
OLD = BASE.encode("utf-8")
NEW = BASE.replace("≥500人次", "≥600人次") * 50  # long enough that half of it is a real half-write
#: A project fmt changes (万元 amounts get six decimals) with a comment it must keep.
MESSY = BASE.replace("name: 基层干部能力提升培训项目", "name: 基层干部能力提升培训项目  # 经办人确认").replace("≥90%", "＞＝９０％")


class HalfWriter:
    """A file object that writes the first half of what it is given, then raises ``exc``."""

    def __init__(self, fh: Any, exc: BaseException) -> None:
        self.fh, self.exc = fh, exc

    def write(self, text: str) -> int:
        self.fh.write(text[: len(text) // 2])
        self.fh.flush()
        raise self.exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fh, name)

    def __enter__(self) -> HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()


def fail_half_way(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    real = os.fdopen
    monkeypatch.setattr(fileio.os, "fdopen", lambda *a, **k: HalfWriter(real(*a, **k), exc))


def raising(exc: BaseException):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise exc
    return fail


FAILURES = {
    "disk full after half the bytes": lambda mp: fail_half_way(mp, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))),
    "exception after half the bytes": lambda mp: fail_half_way(mp, RuntimeError("bug in the middle of a write")),
    "Ctrl-C raised after half the bytes": lambda mp: fail_half_way(mp, KeyboardInterrupt()),
    "fsync fails": lambda mp: mp.setattr(fileio.os, "fsync", raising(OSError(errno.EIO, "I/O error"))),
    "rename fails": lambda mp: mp.setattr(fileio.os, "replace", raising(OSError(errno.EXDEV, "cross-device"))),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(failure: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "p.yaml"
    target.write_bytes(OLD)
    FAILURES[failure](monkeypatch)
    with pytest.raises((OSError, RuntimeError, KeyboardInterrupt)):
        fileio.atomic_write(target, NEW)
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_a_failed_first_write_leaves_no_file_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_half_way(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    with pytest.raises(OSError):
        fileio.atomic_write(tmp_path / "new.yaml", NEW)
    assert list(tmp_path.iterdir()) == []


def test_fmt_on_a_full_disk_says_so_and_keeps_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from perfctl.commands import fmt

    target = tmp_path / "p.yaml"
    target.write_text(MESSY, encoding="utf-8")
    fail_half_way(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    assert fmt.run([target]) == 2
    assert f"{target}: cannot write: No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_export_on_a_full_disk_keeps_the_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from perfctl.commands import export
    from perfctl.errors import InputError

    (tmp_path / "p.yaml").write_text(BASE, encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("[]\n", encoding="utf-8")
    fail_half_way(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        export.run([tmp_path / "p.yaml"], "json", out)
    assert out.read_text(encoding="utf-8") == "[]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "p.yaml"]


def test_ctrl_c_during_a_write_takes_effect_when_the_file_is_whole(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "p.yaml"
    target.write_bytes(OLD)
    real = os.fdopen

    class Interrupted:
        def __init__(self, fh: Any) -> None:
            self.fh = fh

        def write(self, text: str) -> int:
            self.fh.write(text[: len(text) // 2])
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives half-way
            return self.fh.write(text[len(text) // 2:])  # type: ignore[no-any-return]

        def __getattr__(self, name: str) -> Any:
            return getattr(self.fh, name)

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

    monkeypatch.setattr(fileio.os, "fdopen", lambda *a, **k: Interrupted(real(*a, **k)))
    with pytest.raises(KeyboardInterrupt):
        fileio.atomic_write(target, NEW)
    assert target.read_text(encoding="utf-8") == NEW
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _store(root: Path, n: int) -> Path:
    for i in range(n):
        path = root / "store" / f"d{i % 10}" / f"p{i:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MESSY.replace("基层干部能力提升培训项目", f"培训项目{i}"), encoding="utf-8")
    return root / "store"


def _perfctl(*args: str | Path, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "perfctl", *map(str, args)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _leftovers(store: Path) -> list[Path]:
    return [p for p in store.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]


def test_two_fmt_processes_on_one_store_lose_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path, 80)
    want = {p: format_text(p.read_text(encoding="utf-8"), p) for p in store.rglob("*.yaml")}
    runs = [_perfctl("fmt", "store", cwd=tmp_path) for _ in range(2)]
    results = [(r.wait(timeout=120), r.stderr.read().decode()) for r in runs]  # type: ignore[union-attr]
    assert [code for code, _ in results] == [0, 0], results
    assert {p: p.read_text(encoding="utf-8") for p in want} == want
    assert _leftovers(store) == []


def test_ctrl_c_during_a_long_fmt_leaves_no_partial_file(tmp_path: Path) -> None:
    store = _store(tmp_path, 1500)
    before = {p: p.read_text(encoding="utf-8") for p in store.rglob("*.yaml")}
    run = _perfctl("fmt", "store", cwd=tmp_path)
    assert run.stderr is not None
    line = run.stderr.readline()  # the first file is written: the command is in the middle of its work
    assert line.startswith(b"reformatted "), line
    time.sleep(0.3)
    run.send_signal(signal.SIGINT)
    err = line + run.stderr.read()
    assert run.wait(timeout=60) == 130
    assert b"perfctl: interrupted" in err and b"Traceback" not in err
    after = {p: p.read_text(encoding="utf-8") for p in store.rglob("*.yaml")}
    assert after.keys() == before.keys()
    done = [p for p in after if after[p] != before[p]]
    assert 0 < len(done) < len(before), "SIGINT should have landed in the middle"
    assert all(after[p] == format_text(before[p], p) for p in done), "a rewritten file is complete"
    assert _leftovers(store) == []


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_ctrl_c_to_the_process_group_stops_a_parallel_lint_cleanly(tmp_path: Path) -> None:
    """A terminal sends Ctrl-C to every process of the group, lint's workers included."""
    store = _store(tmp_path, 1500)
    env = {**os.environ, "PERFCTL_JOBS": "2", "PERFCTL_NO_CACHE": "1"}
    for delay in (0.4, 0.6, 0.8, 1.0):
        run = subprocess.Popen([sys.executable, "-m", "perfctl", "lint", str(store)], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(delay)
        os.killpg(run.pid, signal.SIGINT)
        try:
            _, err = run.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()
            pytest.fail(f"lint hung after Ctrl-C at {delay} s")
        assert run.returncode in (0, 1, 130), err
        assert b"Traceback" not in err, err.decode()


def test_ctrl_c_while_parts_are_made_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_bytes(OLD)

    def parts() -> Any:
        yield NEW[:10]
        raise KeyboardInterrupt  # Ctrl-C while the next part is being made

    with pytest.raises(KeyboardInterrupt):
        fileio.atomic_write(target, parts())
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_parts_are_written_whole_with_normalised_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    fileio.atomic_write(target, iter(["a,b\r\n", "c,d\r", "e\n"]))
    assert target.read_bytes() == b"a,b\nc,d\ne\n"
