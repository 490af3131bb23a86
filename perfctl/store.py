"""The store: a folder of project files, how they are found, named and loaded.

Layout: ``STORE/<department code>/<year>/<slug>.yaml``; see :func:`slug` for the rule
that turns a Chinese project name into a file name.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from perfctl.config import CONFIG_NAME
from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.model import Project, load

SUFFIXES = (".yaml", ".yml")
#: Folders inside a store that never hold project files.
SKIP_DIRS = {"templates", "out", "node_modules", "__pycache__"}
#: Longest slug, in characters (60 CJK characters are 180 bytes, under every filesystem's 255).
MAX_SLUG = 60
_WINDOWS_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")
_UNSAFE = re.compile(r"[^\w\u3400-\u9fff\uf900-\ufaff.-]+")


def slug(name: str) -> str:
    """A file-system-safe file stem for a project name, the same on every platform.

    Rule: NFKC-normalise (full-width letters, digits and brackets become ASCII), keep
    letters, digits and Chinese characters, ``.``, ``-`` and ``_``; replace every other run
    of characters (spaces, slashes, brackets, punctuation) with one ``-``; trim ``-`` and
    ``.`` at the ends; cut to 60 characters; append ``_`` to a Windows-reserved name
    (``CON`` → ``CON_``, ``nul.txt`` → ``nul_.txt``); use ``project`` when nothing is left.
    ``第四届京津冀自贸试验区联席活动项目`` stays as it is; ``a/../b`` becomes ``a-..-b``.
    """
    s = unicodedata.normalize("NFKC", name)
    s = _UNSAFE.sub("-", s).strip("-.")
    s = re.sub(r"-{2,}", "-", s)[:MAX_SLUG].strip("-.")
    if not s:
        return "project"
    reserved = _WINDOWS_RESERVED.fullmatch(s)
    if reserved:  # Windows reserves the part before the first dot: nul.txt is NUL too
        s = reserved[1] + "_" + (reserved[2] or "")
    return s


def project_path(store: Path, project: Project) -> Path:
    """Where ``project`` lives in ``store``: ``<code>/<year>/<slug>.yaml``, always inside ``store``."""
    code = slug(project.department.code)
    return store / code / str(project.year) / f"{slug(project.name)}.yaml"


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Project files named by ``paths``: files as given, folders searched recursively.

    Hidden files and folders and the folders in :data:`SKIP_DIRS` are passed over. The
    result is sorted within each folder, so every run lists files in the same order.
    Raises :class:`InputError` for a path that does not exist.
    """
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(_walk(p))
        elif p.exists():
            found.append(p)
        else:
            raise InputError(_("no such file or folder"), p)
    return found


def _walk(folder: Path) -> list[Path]:
    out = []
    with os.scandir(folder) as it:  # entries know their type: no stat per file
        entries = sorted(it, key=lambda e: os.path.normcase(e.name))  # the order of sorted(Path, …)
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink() and name not in SKIP_DIRS:
                out.extend(_walk(folder / name))
        elif name.endswith(SUFFIXES) and name != CONFIG_NAME:
            out.append(folder / name)
    return out


class Seen:
    """Files already met, by resolved path, for reading each file once however often it is
    named (``data data``, a file inside a folder given). Each folder is resolved once, not
    each file in it."""

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.folders: dict[str, tuple[str, set[str] | None]] = {}

    def first(self, path: Path) -> bool:
        """Whether ``path`` is met for the first time (and remember it)."""
        folder, name = os.path.split(os.fspath(path))
        known = self.folders.get(folder)
        if known is None:
            known = self.folders[folder] = (os.path.realpath(folder or "."), _links(folder or "."))
        real, links = known
        if name in ("", ".", "..") or (name in links if links is not None else os.path.islink(path)):
            key = os.path.realpath(path)
        else:
            key = os.path.join(real, name)
        if key in self.paths:
            return False
        self.paths.add(key)
        return True


def _links(folder: str) -> set[str] | None:
    """The names of the symbolic links in ``folder`` (one listing, not a status per file), or
    ``None`` when it cannot be listed."""
    try:
        with os.scandir(folder) as it:
            return {e.name for e in it if e.is_symlink()}
    except OSError:
        return None


def files_under(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """The project files under ``paths``, each once, with the folder each was found under
    (resolved; a file named directly: its folder), for commands that rewrite files
    (:func:`perfctl.authoring.safewrite.check_link`). Raises :class:`InputError` for a missing path."""
    seen = Seen()
    out = []
    for given in map(Path, paths):
        root = (given if given.is_dir() else given.parent).resolve()
        out += [(p, root) for p in find_files([given]) if seen.first(p)]
    return out


def load_all(paths: Iterable[str | Path]) -> tuple[list[Project], list[InputError]]:
    """Load every project file under ``paths``, each file once, in the order found.

    The projects are for reading (render, export, show): they carry no positions
    (``Project.doc`` is ``None``; :func:`perfctl.model.load` gives one file's). Many files
    are loaded on all cores (:mod:`perfctl.parallel`). Missing paths and bad files come
    back as errors, in order, not raised, so that one bad file does not hide the problems
    of the others.
    """
    from perfctl import parallel

    items: list[Path | InputError] = []
    seen = Seen()
    for path in paths:
        try:
            items += [f for f in find_files([path]) if seen.first(f)]
        except InputError as exc:
            items.append(exc)
    loaded = iter(list(parallel.map_chunks(load_files, [i for i in items if not isinstance(i, InputError)])))
    projects: list[Project] = []
    errors: list[InputError] = []
    for item in items:
        result = item if isinstance(item, InputError) else next(loaded)
        if isinstance(result, InputError):
            errors.append(result)
        else:
            projects.append(result)
    return projects, errors


def load_files(files: Iterable[Path]) -> list[Project | InputError]:
    """Each file's project without positions (``doc`` ``None``), or the error that kept it from loading."""
    out: list[Project | InputError] = []
    for f in files:
        try:
            project = load(f)
        except InputError as exc:
            out.append(exc)
            continue
        project.doc = None  # positions and text: most of a loaded project's memory, and not needed to read it
        out.append(project)
    return out


def duplicates(projects: Iterable[Project]) -> list[list[Project]]:
    """The projects held by more than one file: for each identity (department code, year,
    项目名称) found twice or more, its projects in path order. One project, one file (lint
    PT-S13); export and render refuse a store with duplicates rather than count its money twice."""
    groups: dict[tuple[str, int, str], list[Project]] = {}
    for project in projects:
        groups.setdefault(project.identity, []).append(project)
    return [sorted(group, key=lambda p: str(p.path)) for group in groups.values() if len(group) > 1]


def duplicate_errors(projects: Iterable[Project]) -> list[InputError]:
    """An error for each file after the first that holds a project another file holds too,
    naming the first: ``later.yaml: project '…' (389101, 2025) is also defined in first.yaml``."""
    return [InputError(_("project {name!r} ({code}, {year}) is also defined in {first} (one project, one file: remove "
                         "or rename one; perfctl lint reports it as PT-S13)").format(
                name=p.name, code=p.department.code, year=p.year, first=group[0].path), p.path)
            for group in duplicates(projects) for p in group[1:]]


def document_order(projects: Iterable[Project]) -> list[Project]:
    """Projects in the order of their source document (position), then by name."""
    def key(p: Project) -> tuple[str, int, str, str]:
        src = p.source
        return (src.document or "" if src else "", src.position or 0 if src else 0, p.name, str(p.path))
    return sorted(projects, key=key)
