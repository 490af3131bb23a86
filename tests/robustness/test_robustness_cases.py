"""Hostile and broken input (issue 7): every case in ``cases/<area>/<name>.yaml``, run through the CLI.

A case is one command on a throwaway workspace and what must come of it::

    about: what the case shows, in one line
    command: [show, p.yaml]          # arguments of `python -m perfctl`, run in the workspace
    env: {PYTHONIOENCODING: gbk}     # optional, added to a clean environment
    files:                           # the workspace: path → content
      p.yaml: {base: true, replace: {"year: 2025": "year: '2025年'"}}
    expect:
      exit: 2                        # required
      position: p.yaml:7:7           # file:line:col that must be printed (a string or a list)
      stderr_contains: [expected integer]
      stdout_contains: [], output_excludes: ["<script"]   # output = stdout and stderr
      created: [store/389101/2025/x.yaml]                 # files the command must create
      changed: [p.yaml]              # files the command must change
      max_seconds: 5                 # wall-clock bound (default 20)

File contents: a string (UTF-8 text), or a mapping:

- ``base: true`` (``base.yaml``, a clean project), ``text: …`` or ``seed: [overlay, …]`` (a
  document in the seed's text layout, one table per overlay of ``base.yaml``'s keys), then
  optionally ``replace: {old: new}`` (each ``old`` must occur), ``append``, ``newline``
  (``"\\r\\n"``), ``final_newline: false``, ``bom: true``, ``encoding`` (``gbk``, ``utf-16-le`` …);
- ``base64: …`` (bytes); ``generate: [[text, times], …]`` (big files, deep nesting: each
  text repeated, all joined);
- ``symlink: target``, ``dir: true``, ``fifo: true`` (a named pipe);
- with any of them, ``name_encoding: gbk``: the file's name is written in that encoding (as
  a Windows zip archive leaves it on Linux).

Every case also checks, whatever it expects: no Python traceback and no "internal error"
(unless ``expect.traceback: true``), and the workspace unchanged — every file hashed before
and after, symlinks by target — except the ``created`` and ``changed`` files. Each command
runs in a fresh interpreter with its address space capped (``max_memory_mb``, default 1024)
where the platform allows, so a case that would need unbounded memory fails instead.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from perfctl import model, yamlio

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").rglob("*.yaml"))
BASE = (HERE / "base.yaml").read_text(encoding="utf-8")
#: Every area of the issue has its folder of cases.
AREAS = {"yaml", "values", "injection", "paths", "writes", "output"}
CASE_KEYS = {"about", "command", "env", "files", "expect"}
EXPECT_KEYS = {"exit", "position", "stdout_contains", "stderr_contains", "output_excludes", "created", "changed",
               "max_seconds", "max_memory_mb", "traceback"}


def load_case(path: Path) -> dict[str, Any]:
    return yamlio.parse(path.read_text(encoding="utf-8"), path).data  # type: ignore[no-any-return]


def _overlay(data: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key, value in over.items():
        out[key] = _overlay(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _seed_text(overlays: list[dict[str, Any]]) -> str:
    import seed_layout

    base = model.to_data(model.load_text(BASE, "base.yaml"))
    projects = [model.load_text(yamlio.dump(_overlay(base, over)), "overlay.yaml") for over in overlays]
    return seed_layout.document(projects)


def content(spec: str | dict[str, Any]) -> bytes:
    """The bytes of one workspace file from its spec (see the module docstring)."""
    if isinstance(spec, str):
        return spec.encode("utf-8")
    if "base64" in spec:
        return base64.b64decode(spec["base64"])
    if "generate" in spec:
        return "".join(text * times for text, times in spec["generate"]).encode("utf-8")
    if "seed" in spec:
        text = _seed_text(spec["seed"])
    else:
        text = BASE if spec.get("base") else spec["text"]
    for old, new in (spec.get("replace") or {}).items():
        assert old in text, f"replace: {old!r} is not in the text"
        text = text.replace(old, new)
    text += spec.get("append", "")
    if spec.get("final_newline") is False:
        text = text.rstrip("\n")
    text = text.replace("\n", spec.get("newline", "\n"))
    if spec.get("bom"):
        text = "\ufeff" + text
    return text.encode(spec.get("encoding", "utf-8"))


def make_workspace(root: Path, files: dict[str, Any]) -> None:
    for rel, spec in files.items():
        if isinstance(spec, dict) and "name_encoding" in spec:  # a file name as another system wrote it
            rel = os.fsdecode(rel.encode(spec["name_encoding"]))
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, dict) and "symlink" in spec:
            os.symlink(spec["symlink"], path)
        elif isinstance(spec, dict) and spec.get("fifo"):
            if not hasattr(os, "mkfifo"):
                pytest.skip("named pipes need a POSIX system")
            os.mkfifo(path)
        elif isinstance(spec, dict) and spec.get("dir"):
            path.mkdir(exist_ok=True)
        else:
            path.write_bytes(content(spec))


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``: a file by its SHA-256, a symlink by its target, a folder or
    a named pipe as such."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                out[rel] = "link → " + os.readlink(path)
            elif stat.S_ISREG(mode):
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "folder" if stat.S_ISDIR(mode) else "special file"
    return out


def _limit_memory(mb: int):  # type: ignore[no-untyped-def]
    try:
        import resource
    except ImportError:  # not on Windows: the time bound still applies
        return None

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mb * 1024 * 1024, mb * 1024 * 1024))
    return limit


def run_case(case: dict[str, Any], root: Path) -> subprocess.CompletedProcess[bytes]:
    expect = case["expect"]
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "PERFCTL_JOBS")}
    # UTF-8 output unless the case sets another encoding, whatever the locale of the machine.
    env.update({"COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}, **{k: str(v) for k, v in (case.get("env") or {}).items()})
    seconds = expect.get("max_seconds", 20)
    try:
        return subprocess.run([sys.executable, "-m", "perfctl", *map(str, case["command"])], cwd=root, env=env,
                              capture_output=True, timeout=seconds, preexec_fn=_limit_memory(expect.get("max_memory_mb", 1024)))
    except subprocess.TimeoutExpired:
        pytest.fail(f"perfctl {' '.join(map(str, case['command']))} took more than {seconds} s")


def check_workspace(before: dict[str, str], after: dict[str, str], expect: dict[str, Any]) -> None:
    created, changed = set(_as_list(expect.get("created"))), set(_as_list(expect.get("changed")))
    for rel in created:
        assert rel not in before and rel in after, f"{rel} should have been created"
    for rel in changed:
        assert rel in after and before.get(rel) != after[rel], f"{rel} should have changed"
    folders = {p for rel in created for p in map(str, Path(rel).parents) if p != "."}
    unexpected = sorted(rel for rel in set(before) | set(after)
                        if before.get(rel) != after.get(rel) and rel not in created | changed | folders)
    assert not unexpected, f"the workspace changed where it should not: {unexpected}"


def _as_list(value: str | list[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


@pytest.mark.parametrize("path", CASES, ids=[p.relative_to(HERE / "cases").with_suffix("").as_posix() for p in CASES])
def test_case(path: Path, tmp_path: Path) -> None:
    case = load_case(path)
    expect = case["expect"]
    assert set(case) <= CASE_KEYS and case.get("about"), f"{path}: keys are {sorted(CASE_KEYS)}, with an about"
    assert set(expect) <= EXPECT_KEYS and expect["exit"] in (0, 1, 2), f"{path}: expect keys are {sorted(EXPECT_KEYS)}"
    make_workspace(tmp_path, case.get("files") or {})
    before = snapshot(tmp_path)
    r = run_case(case, tmp_path)
    out, err = r.stdout.decode("utf-8", errors="replace"), r.stderr.decode("utf-8", errors="replace")
    shown = f"exit {r.returncode}\n--- stdout\n{out[:3000]}\n--- stderr\n{err[:3000]}"
    assert r.returncode == expect["exit"], shown
    if not expect.get("traceback"):
        assert "Traceback" not in out + err and "internal error" not in err, shown
    for text in _as_list(expect.get("position")):
        assert text in out + err, f"position {text} not printed\n{shown}"
    for key, stream in (("stdout_contains", out), ("stderr_contains", err)):
        for text in _as_list(expect.get(key)):
            assert text in stream, f"{key}: {text!r}\n{shown}"
    for text in _as_list(expect.get("output_excludes")):
        assert text not in out + err, f"output_excludes: {text!r}\n{shown}"
    check_workspace(before, snapshot(tmp_path), expect)


def test_every_area_has_cases_and_there_are_at_least_60() -> None:
    areas = {p.relative_to(HERE / "cases").parts[0] for p in CASES}
    assert areas == AREAS
    assert len(CASES) >= 60

