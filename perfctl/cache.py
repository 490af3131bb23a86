"""An on-disk cache of per-file results inside a store: ``STORE/.perfctl/cache/``.

Entries are keyed by the SHA-256 of a file's bytes (:func:`digest`). A cache file is named
for what made its entries — the command, and a hash of perfctl's version, its own source
files (:func:`code_fingerprint`) and the settings that shape a result — so entries are
never trusted across versions, edits of perfctl or a changed configuration.

The folder is safe to delete at any time; it ignores itself for git (it holds a
``.gitignore`` of ``*``, and ``perfctl init`` lists it in the store's ``.gitignore``).
A cache file that cannot be read or does not match is treated as empty; a store that
cannot be written to simply runs uncached. ``PERFCTL_NO_CACHE=1`` turns the cache off.
The format is JSON, so a cache file from elsewhere can at worst give wrong results,
never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import perfctl

FOLDER = Path(".perfctl") / "cache"
#: Cache files kept per command (one per recent combination of version and settings).
KEEP = 4


def digest(raw: bytes) -> str:
    """The key of a file's entries: the SHA-256 of its bytes, in hex."""
    return hashlib.sha256(raw).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """perfctl's version and the size and modification time of each of its own files
    (code, lexicons, schemas), hashed: changes when perfctl is upgraded or edited."""
    root = Path(perfctl.__file__).parent
    parts = [perfctl.__version__]
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".json", ".j2")):
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

    @classmethod
    def open(cls, store: Path | None, kind: str, settings: str) -> Cache:
        """The cache of ``kind`` (``lint``) for ``settings`` in the store rooted at ``store``
        (``None``: no store, no cache)."""
        if store is None or os.environ.get("PERFCTL_NO_CACHE"):
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
        if self.path is None or not (self.changed or prune and len(self.used) < len(self.old)):
            return
        entries = self.used if prune else {**self.old, **self.used}
        try:
            _write(self.path, {"perfctl": perfctl.__version__, "key": self.key, "strings": self.strings,
                               "entries": entries})
        except OSError:
            pass


def _read(path: Path, key: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if (not isinstance(data, dict) or data.get("key") != key or data.get("perfctl") != perfctl.__version__
            or not isinstance(data.get("entries"), dict) or not isinstance(data.get("strings"), list)):
        return {}
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    folder = path.parent
    if folder.is_symlink() or folder.parent.is_symlink():
        return  # never write through a link: .perfctl/ or cache/ may lead out of the store
    if not folder.is_dir():
        folder.mkdir(parents=True)
        (folder / ".gitignore").write_text("# perfctl's cache: safe to delete, never committed.\n*\n", encoding="utf-8")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # dumps, not dump: C-accelerated
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    stem = path.name.split("-")[0]
    older = sorted(folder.glob(f"{stem}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
    for stale in older:
        stale.unlink(missing_ok=True)
