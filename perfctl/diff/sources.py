"""What to compare: the operands of ``perfctl diff`` turned into the changed files of each side.

Operands (each classified in this order: an existing file or folder, ``REV:PATH``, a revision)::

    perfctl diff                    HEAD → working tree, under the current folder (git)
    perfctl diff PATH               HEAD → working tree, under PATH (git)
    perfctl diff REV [PATH...]      REV → working tree (git)
    perfctl diff REV1 REV2 [PATH...]  REV1 → REV2 (git)
    perfctl diff OLD NEW            two files or two folders (no git needed)
    perfctl diff REV:PATH [NEW]     a file or folder at a revision → NEW (default: PATH now)

Only files that differ are read and parsed: between revisions (and a revision and the
working tree) git says which (``git diff --raw``, untracked files included as added);
otherwise files at the same relative path with identical bytes (or blob ids) are skipped.
Old versions are read with ``git cat-file --batch``, never by checking out. Project files
are ``*.yaml``/``*.yml`` outside hidden folders and ``templates/``, ``out/`` (as for every
command), ``perfctl.yaml`` excepted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from perfctl import gitio, store
from perfctl.config import CONFIG_NAME
from perfctl.errors import InputError, UsageError

WORKTREE = "working tree"
USAGE = ("perfctl diff [OLD [NEW]] [PATH...]: OLD and NEW are files, folders, revisions or REV:PATH; "
         "revisions come first, then paths")


@dataclass
class File:
    """One side's version of a file: ``label`` as shown (``HEAD:data/x.yaml``), ``rel`` its path
    within the compared folder (files at the same ``rel`` pair up first), ``data`` its bytes."""

    label: str
    rel: str
    data: bytes


@dataclass
class Sides:
    """The changed files of each side, the labels of the sides, and where the store config
    (``perfctl.yaml``, for ``diff.levels``) is looked for: upward from the first path given."""

    old_label: str
    new_label: str
    old: list[File]
    new: list[File]
    config_start: Path


@dataclass
class _Operand:
    kind: str  # "path", "rev" or "revpath"
    text: str
    rev: str | None = None  # resolved commit id
    path: str | None = None  # the PATH of REV:PATH, repository-relative


def is_project_path(rel: str) -> bool:
    """Whether a path (``/``-separated, relative to the compared folder) can hold a project."""
    p = PurePosixPath(rel)
    folders = p.parts[:-1]
    return (p.suffix in store.SUFFIXES and p.name != CONFIG_NAME and not p.name.startswith(".")
            and not any(f.startswith(".") or f in store.SKIP_DIRS for f in folders))


def resolve(operands: list[str], cwd: Path | None = None) -> Sides:
    """Classify ``operands`` (see the module docstring) and read what changed.

    Raises :class:`UsageError` for a combination that does not fit the grammar and
    :class:`InputError` for an operand that is no file, folder or revision.
    """
    cwd = cwd or Path.cwd()
    ops = [_classify(text, cwd) for text in operands]
    kinds = [o.kind for o in ops]
    if kinds == ["path", "path"]:
        return _two_sides(ops[0], ops[1], cwd)
    if "revpath" in kinds:
        if kinds == ["revpath"]:
            return _two_sides(ops[0], _Operand("path", _worktree_path(ops[0], cwd)), cwd)
        if len(ops) == 2:
            return _two_sides(ops[0], ops[1], cwd)
        raise UsageError(USAGE)
    revs = [o for o in ops if o.kind == "rev"]
    if len(revs) > 2 or kinds[: len(revs)] != ["rev"] * len(revs) or (not revs and len(ops) > 1):
        raise UsageError(USAGE)
    paths = [o.text for o in ops[len(revs):]] or ["."]
    old = revs[0] if revs else None
    new = revs[1] if len(revs) > 1 else None
    return _git_sides(old, new, paths, cwd)


def _classify(text: str, cwd: Path) -> _Operand:
    if (cwd / text).exists():
        return _Operand("path", text)
    if gitio.toplevel(cwd) is None:
        raise InputError("no such file or folder", text)
    rev, sep, path = text.partition(":")
    if sep and rev and gitio.resolve(rev, cwd):
        if path.startswith(("./", "../")) or path in (".", ".."):
            path = os.path.normpath(gitio.show_prefix(cwd) + path).replace(os.sep, "/")
        return _Operand("revpath", text, gitio.resolve(rev, cwd), path.strip("/") if path != "." else "")
    commit = gitio.resolve(text, cwd)
    if commit:
        return _Operand("rev", text, commit)
    raise InputError("not a file, folder or git revision", text)


def _worktree_path(op: _Operand, cwd: Path) -> str:
    top = gitio.toplevel(cwd)
    assert top is not None
    return os.path.relpath(top / (op.path or "."), cwd)


def _git_sides(old: _Operand | None, new: _Operand | None, paths: list[str], cwd: Path) -> Sides:
    top = gitio.toplevel(cwd)
    if top is None:
        raise UsageError("not inside a git repository: give two files or folders to compare (perfctl diff OLD NEW)")
    old_rev = old.rev if old else gitio.resolve("HEAD", cwd) or gitio.empty_tree(cwd)
    old_name = old.text if old else "HEAD"
    changes = [c for c in gitio.diff_raw(old_rev, new.rev if new else None, paths, cwd)  # type: ignore[arg-type]
               if is_project_path(c.path)]
    want = [c.old_oid for c in changes if c.old_oid != gitio.NULL_OID and c.old_mode in gitio.FILE_MODES]
    if new:
        want += [c.new_oid for c in changes if c.new_oid != gitio.NULL_OID and c.new_mode in gitio.FILE_MODES]
    blobs = gitio.read_blobs(want, cwd)
    old_files = [File(f"{old_name}:{c.path}", c.path, blobs[c.old_oid] or b"") for c in changes
                 if c.old_oid in blobs and c.old_oid != gitio.NULL_OID]
    if new:
        new_files = [File(f"{new.text}:{c.path}", c.path, blobs[c.new_oid] or b"") for c in changes
                     if c.new_oid in blobs and c.new_oid != gitio.NULL_OID]
        return Sides(old_name, new.text, old_files, new_files, cwd / paths[0])
    rels = [c.path for c in changes if c.status != "D"]
    rels += [p for p in gitio.untracked(paths, cwd) if is_project_path(p)]
    new_files = []
    for rel in dict.fromkeys(rels):
        full = top / rel
        if full.is_file() and not full.is_symlink():
            new_files.append(File(os.path.relpath(full, cwd), rel, _read(full)))
    return Sides(old_name, WORKTREE, old_files, new_files, cwd / paths[0])


def _read(path: Path) -> bytes:
    from perfctl import fileio

    return fileio.read_bytes(path)  # bounded: a pipe or /dev/zero is refused, not read forever


# ---------------------------------------------------------------- two sides named one by one


def _listing(op: _Operand, cwd: Path) -> tuple[bool, dict[str, tuple[str, str]]]:
    """(is a folder, rel → (label, where)): ``where`` is a file path, or a blob id for git sides."""
    if op.kind == "path":
        root = cwd / op.text
        if not root.is_dir():
            return False, {root.name: (op.text, str(root))}
        files = store.find_files([root])
        return True, {f.relative_to(root).as_posix(): (os.path.join(op.text, f.relative_to(root)), str(f)) for f in files}
    kind = gitio.object_type(f"{op.rev}:{op.path}", cwd)
    if kind is None:
        raise InputError("no such file or folder at that revision", op.text)
    rev_text = op.text.partition(":")[0]
    if kind == "blob":
        return False, {PurePosixPath(op.path or "").name: (f"{rev_text}:{op.path}", f"{op.rev}:{op.path}")}
    tree = gitio.ls_tree(op.rev or "", op.path or "", cwd)
    start = len(op.path) + 1 if op.path else 0
    return True, {p[start:]: (f"{rev_text}:{p}", oid) for p, oid in tree.items() if is_project_path(p[start:])}


def _two_sides(old: _Operand, new: _Operand, cwd: Path) -> Sides:
    old_dir, old_files = _listing(old, cwd)
    new_dir, new_files = _listing(new, cwd)
    if old_dir != new_dir:
        raise UsageError(f"cannot compare a file with a folder: {old.text} and {new.text}")
    if not old_dir:  # two single files pair up whatever their names
        old_files, new_files = {"": next(iter(old_files.values()))}, {"": next(iter(new_files.values()))}
    both_git = old.kind != "path" and new.kind != "path"
    rels = [rel for rel in sorted(set(old_files) | set(new_files))
            if not (both_git and rel in old_files and rel in new_files and old_files[rel][1] == new_files[rel][1])]
    specs = [files[rel][1] for files, op in ((old_files, old), (new_files, new)) if op.kind != "path"
             for rel in rels if rel in files]
    blobs = gitio.read_blobs(specs, cwd) if specs else {}

    def content(op: _Operand, where: str) -> bytes:
        return _read(Path(where)) if op.kind == "path" else blobs.get(where) or b""

    changed_old, changed_new = [], []
    for rel in rels:
        a, b = old_files.get(rel), new_files.get(rel)
        data_a = content(old, a[1]) if a else None
        data_b = content(new, b[1]) if b else None
        if data_a == data_b:
            continue
        if a:
            changed_old.append(File(a[0], rel, data_a or b""))
        if b:
            changed_new.append(File(b[0], rel, data_b or b""))
    start = cwd / new.text if new.kind == "path" else cwd
    return Sides(old.text, new.text, changed_old, changed_new, start)
