"""What to compare: the operands of ``perfctl diff`` turned into the changed files of each side.

Operands (each classified in this order: an existing file or folder, ``REV:PATH``, a revision)::

    perfctl diff                    HEAD → working tree, under the current folder (git)
    perfctl diff PATH               HEAD → working tree, under PATH (git)
    perfctl diff REV [PATH...]      REV → working tree (git)
    perfctl diff REV1 REV2 [PATH...]  REV1 → REV2 (git)
    perfctl diff OLD NEW            two files or two folders (no git needed)
    perfctl diff REV:PATH [NEW]     a file or folder at a revision → NEW (default: PATH now)
    perfctl diff --years 2025 2026 [STORE]  STORE/<部门编码>/2025/ → STORE/<部门编码>/2026/ (:func:`years`)

Only files that differ are read and parsed: between revisions (and a revision and the
working tree) git says which (``git diff --raw``, untracked files included as added);
otherwise files at the same relative path with identical bytes (or blob ids) are skipped.
Beside a file added between revisions, the old revision's files of the same department's
earlier years (:func:`earlier_years`) are read as context, so that next year's table added in
a commit pairs with last year's (:attr:`perfctl.diff.compare.Entry.context`).
Old versions are read with ``git cat-file --batch``, never by checking out. Project files
are ``*.yaml``/``*.yml`` outside hidden folders and ``templates/``, ``out/`` (as for every
command), ``perfctl.yaml`` excepted.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from perfctl import gitio, store
from perfctl.config import CONFIG_NAME
from perfctl.errors import InputError, UsageError
from perfctl.i18n import N_, _

#: The label of the working tree as a side (in JSON as it is; text and Markdown translate it).
WORKTREE = N_("working tree")
USAGE = N_("perfctl diff [OLD [NEW]] [PATH...]: OLD and NEW are files, folders, revisions or REV:PATH; "
           "revisions come first, then paths")


@dataclass
class File:
    """One side's version of a file: ``label`` as shown (``HEAD:data/x.yaml``), ``rel`` its path
    within the compared folder (files at the same ``rel`` pair up first), ``data`` its bytes;
    ``context``: an unchanged old file read only to pair across years with an added one;
    ``old_label``: for a file the same on both sides (:attr:`Sides.unchanged`), its label on the old side."""

    label: str
    rel: str
    data: bytes
    context: bool = False
    old_label: str | None = None


@dataclass
class Sides:
    """The changed files of each side, the labels of the sides, and where the store config
    (``perfctl.yaml``, for ``diff.levels``) is looked for: upward from the first path given."""

    old_label: str
    new_label: str
    old: list[File]
    new: list[File]
    config_start: Path
    #: Files at the same path with the same bytes on both sides (two folders named one by one;
    #: between revisions, those in the folder of an added or removed file): not compared, read
    #: only to tell a duplicate project from an added one (:func:`perfctl.diff.duplicates`).
    #: Labelled as on the new side (``old_label`` the old side's).
    unchanged: list[File] = field(default_factory=list)


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
        raise UsageError(_(USAGE))
    revs = [o for o in ops if o.kind == "rev"]
    if len(revs) > 2 or kinds[: len(revs)] != ["rev"] * len(revs) or (not revs and len(ops) > 1):
        raise UsageError(_(USAGE))
    paths = [o.text for o in ops[len(revs):]] or ["."]
    old = revs[0] if revs else None
    new = revs[1] if len(revs) > 1 else None
    return _git_sides(old, new, paths, cwd)


def _classify(text: str, cwd: Path) -> _Operand:
    if (cwd / text).exists():
        return _Operand("path", text)
    if gitio.toplevel(cwd) is None:
        raise InputError(_("no such file or folder"), text)
    rev, sep, path = text.partition(":")
    if sep and rev and gitio.resolve(rev, cwd):
        if path.startswith(("./", "../")) or path in (".", ".."):
            path = os.path.normpath(gitio.show_prefix(cwd) + path).replace(os.sep, "/")
        return _Operand("revpath", text, gitio.resolve(rev, cwd), path.strip("/") if path != "." else "")
    commit = gitio.resolve(text, cwd)
    if commit:
        return _Operand("rev", text, commit)
    raise InputError(_("not a file, folder or git revision"), text)


def _worktree_path(op: _Operand, cwd: Path) -> str:
    top = gitio.toplevel(cwd)
    assert top is not None
    return os.path.relpath(top / (op.path or "."), cwd)


def _git_sides(old: _Operand | None, new: _Operand | None, paths: list[str], cwd: Path) -> Sides:
    top = gitio.toplevel(cwd)
    if top is None:
        raise UsageError(_("not inside a git repository: give two files or folders to compare (perfctl diff OLD NEW)"))
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
    untracked = [p for p in gitio.untracked(paths, cwd) if is_project_path(p)] if not new else []
    added = [c.path for c in changes if c.old_oid == gitio.NULL_OID and c.status != "D"] + untracked
    old_files += _context(old_rev, old_name, added, {c.path for c in changes}, cwd)
    unchanged = _unchanged(top, old_rev, old_name, new, added + [c.path for c in changes if c.status == "D"], cwd)
    if new:
        new_files = [File(f"{new.text}:{c.path}", c.path, blobs[c.new_oid] or b"") for c in changes
                     if c.new_oid in blobs and c.new_oid != gitio.NULL_OID]
        return Sides(old_name, new.text, old_files, new_files, cwd / paths[0], unchanged)
    rels = [c.path for c in changes if c.status != "D"]
    rels += untracked
    new_files = []
    for rel in dict.fromkeys(rels):
        full = top / rel
        if full.is_file() and not full.is_symlink():
            new_files.append(File(os.path.relpath(full, cwd), rel, _read(full)))
    return Sides(old_name, WORKTREE, old_files, new_files, cwd / paths[0], unchanged)


def years(root: str, old_year: int, new_year: int, departments: list[str], cwd: Path | None = None) -> Sides:
    """Two budget years of a store side by side (``perfctl diff --years OLD NEW [STORE]``):
    ``STORE/<部门编码>/<old_year>/`` against ``STORE/<部门编码>/<new_year>/``, for every
    department folder of ``STORE`` or only those named in ``departments`` (部门编码). Every
    file is read (across years none is the same file); ``rel`` is ``<部门编码>/<file>``, so a
    file keeping its name pairs first. The sides are labelled ``STORE/<部门编码>/<year>``
    (``STORE/*/<year>`` for several departments).

    Raises :class:`InputError` when ``STORE`` is no folder or holds no table of one of the years.
    """
    cwd = cwd or Path.cwd()
    top = cwd / root
    if not top.is_dir():
        raise InputError(_("no such folder (give the store: perfctl diff --years OLD NEW STORE)"), root)
    codes = departments or sorted(p.name for p in top.iterdir()
                                  if p.is_dir() and not p.name.startswith(".") and p.name not in store.SKIP_DIRS)
    sides: list[list[File]] = []
    for year in (old_year, new_year):
        files = []
        for code in codes:
            folder = top / code / str(year)
            for f in store.find_files([folder]) if folder.is_dir() else []:
                rel = f.relative_to(folder).as_posix()
                files.append(File(os.path.normpath(os.path.join(root, code, str(year), rel)), f"{code}/{rel}", _read(f)))
        sides.append(files)
    where = os.path.join(root, codes[0] if len(codes) == 1 else "<部门编码>")
    if not sides[0] and not sides[1]:
        raise InputError(_("no tables of {old} or {new} in {folder}/<year>/").format(old=old_year, new=new_year, folder=where),
                         root)
    for year, files in zip((old_year, new_year), sides):
        if not files:  # every project would be reported added or removed: a year not written yet
            raise InputError(_("no tables of {year} in {folder}/{year}/ (start a year's tables from last year's: "
                               "perfctl new --from FILE --year {new})").format(year=year, folder=where, new=new_year), root)
    label = os.path.join(root, codes[0] if len(codes) == 1 else "*")
    return Sides(os.path.normpath(os.path.join(label, str(old_year))), os.path.normpath(os.path.join(label, str(new_year))),
                 sides[0], sides[1], top)


def earlier_years(rev: str, added: list[str], have: set[str], cwd: Path | str = ".") -> dict[str, str]:
    """Where last year's version of an added project file may be: for each added path
    ``…/<部门编码>/<year>/<file>`` (the store layout), the project files at ``rev`` in that
    department's folders of earlier years (``…/<部门编码>/<earlier year>/<file>``), leaving out
    the paths in ``have``; repository path → blob id. One ``git ls-tree`` per department."""
    latest: dict[PurePosixPath, int] = {}
    for path in added:
        p = PurePosixPath(path)
        if p.parent.name.isdigit() and p.parent.parent.parts:
            latest[p.parent.parent] = max(latest.get(p.parent.parent, 0), int(p.parent.name))
    out: dict[str, str] = {}
    for department, year in latest.items():
        for path, oid in gitio.ls_tree(rev, department.as_posix(), cwd).items():
            q = PurePosixPath(path)
            if (q.parent.parent == department and q.parent.name.isdigit() and int(q.parent.name) < year
                    and is_project_path(path) and path not in have):
                out[path] = oid
    return out


def _context(rev: str, rev_name: str, added: list[str], have: set[str], cwd: Path) -> list[File]:
    """The old side's files of :func:`earlier_years`, marked ``context``."""
    if not added:
        return []
    found = earlier_years(rev, added, have, cwd)
    blobs = gitio.read_blobs(sorted(set(found.values())), cwd)
    return [File(f"{rev_name}:{path}", path, blobs[oid] or b"", context=True)
            for path, oid in sorted(found.items()) if blobs.get(oid) is not None]


def _unchanged(top: Path, rev: str, rev_name: str, new: _Operand | None, lone: list[str], cwd: Path) -> list[File]:
    """The files the same at ``rev`` and on the new side (revision ``new``, else the working
    tree) in the folders of the added or removed files ``lone`` (:attr:`Sides.unchanged`),
    read from ``rev``: a copy of a project beside its unchanged original is then a duplicate,
    as when two folders are compared, not an added project (:func:`perfctl.diff.duplicates`).
    Labelled as the new side names them, ``old_label`` as ``rev_name`` does. The folders are
    read whole, whatever paths the comparison was limited to: one ``git diff`` says what changed."""
    if not lone:
        return []
    folders = sorted({posixpath.dirname(path) for path in lone})
    changed = {c.path for c in gitio.diff_raw(rev, new.rev if new else None,
                                              [os.path.relpath(top / f, cwd) for f in folders], cwd)}
    found: dict[str, str] = {}
    for folder in folders:
        found.update((path, oid) for path, oid in gitio.ls_tree(rev, folder, cwd).items()
                     if posixpath.dirname(path) == folder and path not in changed and is_project_path(path))
    blobs = gitio.read_blobs(sorted(set(found.values())), cwd) if found else {}
    return [File(f"{new.text}:{path}" if new else os.path.relpath(top / path, cwd), path, blobs[oid] or b"",
                 old_label=f"{rev_name}:{path}")
            for path, oid in sorted(found.items()) if blobs.get(oid) is not None]


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
        raise InputError(_("no such file or folder at that revision"), op.text)
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
        raise UsageError(_("cannot compare a file with a folder: {old} and {new}").format(old=old.text, new=new.text))
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

    changed_old, changed_new, unchanged = [], [], []
    for rel in rels:
        a, b = old_files.get(rel), new_files.get(rel)
        data_a = content(old, a[1]) if a else None
        data_b = content(new, b[1]) if b else None
        if data_a == data_b:
            if b and old_dir:
                unchanged.append(File(b[0], rel, data_b or b"", old_label=a[0] if a else None))
            continue
        if a:
            changed_old.append(File(a[0], rel, data_a or b""))
        if b:
            changed_new.append(File(b[0], rel, data_b or b""))
    start = cwd / new.text if new.kind == "path" else cwd
    return Sides(old.text, new.text, changed_old, changed_new, start, unchanged)
