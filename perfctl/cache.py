"""An on-disk cache of per-file results inside a store: ``STORE/.perfctl/cache/``.

Entries are keyed by the SHA-256 of a file's bytes (:func:`digest`). To learn that key
without reading a file, a cache also remembers each file's status when it was hashed
(size, modification and change times, inode), as git's index does: a file whose status is
unchanged has the same bytes (:meth:`Cache.known_digest`). A status is remembered only
when the file last changed :data:`RACY_NS` or more before the run, so that an edit within
a file system's timestamp granularity is never mistaken for no edit.

A cache file is named for what made its entries — the command, and a hash of perfctl's
version, its own source files (:func:`code_fingerprint`) and the settings that shape a
result — so entries are never trusted across versions, edits of perfctl or a changed
configuration.

The folder is safe to delete at any time; it ignores itself for git (it holds a
``.gitignore`` of ``*``, and ``perfctl init`` lists it in the store's ``.gitignore``).
A cache file that cannot be read or does not match is treated as empty; a store that
cannot be written to simply runs uncached. ``PERFCTL_NO_CACHE=1`` turns the cache off
(``0``, ``false``, ``no``, ``off`` or empty leave it on).
The format is JSON, so a cache file from elsewhere can at worst give wrong results,
never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import perfctl

FOLDER = Path(".perfctl") / "cache"
#: Cache files kept per command (one per recent combination of version and settings).
KEEP = 4
#: How long before a run a file must have last changed for its status to be remembered (2 s:
#: the coarsest file-system timestamp, FAT's).
RACY_NS = 2_000_000_000

#: What of a file's status tells an edit: size, modification and change times (ns), inode.
Status = tuple[int, int, int, int]


def status(st: os.stat_result) -> Status:
    """The parts of ``os.stat`` that change when a file's bytes do."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def digest(raw: bytes) -> str:
    """The key of a file's entries: the SHA-256 of its bytes, in hex."""
    return hashlib.sha256(raw).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """perfctl's version and the size and modification time of each of its own files
    (code, lexicons, schemas, templates and the compiled message catalogs, whose texts cached
    findings hold), hashed: changes when perfctl is upgraded or edited."""
    root = Path(perfctl.__file__).parent
    parts = [perfctl.__version__]
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".json", ".j2", ".mo")):
                st = os.stat(os.path.join(folder, name))
                parts.append(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


class Cache:
    """The entries of one cache file: :meth:`get` and :meth:`put` by key, :meth:`save` at the end.

    Entries are JSON-ready data. Strings that repeat across entries can be stored once, in
    ``strings``: :meth:`intern` gives a string's index there. ``path`` ``None`` is a cache
    that holds nothing and writes nothing.
    """

    def __init__(self, path: Path | None, key: str = "") -> None:
        self.path = path
        self.key = key
        data = _read(path, key) if path is not None else {}
        self.old: dict[str, Any] = data.get("entries", {})
        self.strings: list[str] = data.get("strings", [])
        self.index = {s: i for i, s in enumerate(self.strings)}
        self.used: dict[str, Any] = {}
        self.changed = False
        self.old_files: dict[str, list[Any]] = data.get("files", {})
        self.files: dict[str, list[Any]] = {}
        self.started = time.time_ns()

    @classmethod
    def open(cls, store: Path | None, kind: str, settings: str) -> Cache:
        """The cache of ``kind`` (``lint``) for ``settings`` in the store rooted at ``store``
        (``None``: no store, no cache)."""
        if store is None or os.environ.get("PERFCTL_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no", "off"):
            return cls(None)
        key = hashlib.sha256(f"{code_fingerprint()}\n{settings}".encode()).hexdigest()
        return cls(store / FOLDER / f"{kind}-{key[:16]}.json", key)

    def get(self, key: str) -> Any | None:
        """The entry stored under ``key``, or ``None``."""
        value = self.used.get(key)
        if value is None:
            value = self.old.get(key)
            if value is not None:
                self.used[key] = value
        return value

    def known_digest(self, path: str, st: os.stat_result) -> str | None:
        """The digest of the file ``path`` (absolute) when its status is the one remembered
        with it, else ``None`` (read and hash it, then :meth:`remember` it)."""
        known = self.old_files.get(path)
        if known is None or len(known) != 5 or tuple(known[:4]) != status(st) or type(known[4]) is not str:
            return None
        self.files[path] = known
        return known[4]

    def remember(self, path: str, st: os.stat_result, key: str) -> None:
        """Remember that the file ``path`` (absolute), with status ``st`` taken before it was
        read, hashed to ``key``; unless it changed too shortly before this run for its
        status to tell a later edit."""
        if max(st.st_mtime_ns, st.st_ctime_ns) < self.started - RACY_NS:
            self.files[path] = [*status(st), key]
            self.changed = self.changed or self.old_files.get(path) != self.files[path]

    def intern(self, text: str) -> int:
        """The index of ``text`` in :attr:`strings`, added when new."""
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.strings)
            self.strings.append(text)
        return i

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-ready data) under ``key``."""
        self.used[key] = value
        self.changed = True

    def save(self, *, prune: bool) -> None:
        """Write the file when something was added; ``prune`` drops the entries this run did
        not use (right after a run over the whole store). Failures to write are ignored."""
        if self.path is None or not (self.changed or prune and (len(self.used) < len(self.old)
                                                                   or len(self.files) < len(self.old_files))):
            return
        entries = self.used if prune else {**self.old, **self.used}
        files = self.files if prune else {**self.old_files, **self.files}
        try:
            _write(self.path, {"perfctl": perfctl.__version__, "key": self.key, "strings": self.strings,
                               "entries": entries, "files": files})
        except OSError:
            pass


def _read(path: Path, key: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if (not isinstance(data, dict) or data.get("key") != key or data.get("perfctl") != perfctl.__version__
            or not isinstance(data.get("entries"), dict) or not isinstance(data.get("strings"), list)
            or not all(type(s) is str for s in data["strings"]) or not isinstance(data.get("files", {}), dict)):
        return {}
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    folder = path.parent
    if folder.is_symlink() or folder.parent.is_symlink():
        return  # never write through a link: .perfctl/ or cache/ may lead out of the store
    if not folder.is_dir():
        folder.mkdir(parents=True)
        (folder / ".gitignore").write_text("# perfctl's cache: safe to delete, never committed.\n*\n", encoding="utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for part in _json_parts(data):
                fh.write(part)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    stem = path.name.split("-")[0]
    older = sorted(folder.glob(f"{stem}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
    for stale in older:
        stale.unlink(missing_ok=True)


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # C-accelerated, unlike json.dump


def _json_parts(data: dict[str, Any]) -> Iterator[str]:
    """``data`` as compact JSON, a mapping value at a time: a large cache is never one
    string in memory (of two or four bytes a character, for Chinese text)."""
    yield "{"
    for i, (key, value) in enumerate(data.items()):
        yield f"{',' if i else ''}{_ENCODE(key)}:"
        if isinstance(value, dict):
            yield "{"
            for j, (k, v) in enumerate(value.items()):
                yield f"{',' if j else ''}{_ENCODE(k)}:{_ENCODE(v)}"
            yield "}"
        else:
            yield _ENCODE(value)
    yield "}"
