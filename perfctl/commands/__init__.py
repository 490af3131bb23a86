"""The commands, one module each (``run(...) -> exit code``), and what they share:
loading with error reporting, and writing output."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from perfctl.errors import InputError
from perfctl.model import Project


def load(paths: Sequence[str | Path]) -> tuple[list[Project], bool]:
    """Load the projects under ``paths``; print every load error and a count to stderr.

    Returns the projects that loaded and whether anything failed. An empty result with no
    failure gets a note on stderr.
    """
    from perfctl import store

    projects, errors = store.load_all(paths)
    for exc in errors:
        print(str(exc), file=sys.stderr)
    if errors:
        print(f"perfctl: {len(errors)} file(s) failed to load", file=sys.stderr)
    elif not projects:
        print(f"perfctl: no project files (*.yaml, *.yml) found in {' '.join(map(str, paths))}", file=sys.stderr)
    return projects, bool(errors)


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 whatever the console encoding: the output is data
    (a document that declares UTF-8, JSON, CSV)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def write_file(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically, creating its folder; :class:`InputError` when it cannot."""
    from perfctl import yamlio

    for folder in (target.parent, *target.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise InputError(f"cannot write: {folder} is a file, not a folder", target)
            break
    if target.is_dir():
        raise InputError("cannot write: it is a folder", target)
    try:
        yamlio.atomic_write(target, text)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", target) from None
