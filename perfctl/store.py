"""The store: a folder of project files, how they are found, named and loaded.

Layout: ``STORE/<department code>/<year>/<slug>.yaml``; see :func:`slug` for the rule
that turns a Chinese project name into a file name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from perfctl.config import CONFIG_NAME
from perfctl.errors import InputError
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
    ``.`` at the ends; cut to 60 characters; append ``_`` to Windows-reserved names
    (``CON``, ``NUL`` …); use ``project`` when nothing is left.
    ``第四届京津冀自贸试验区联席活动项目`` stays as it is; ``a/../b`` becomes ``a-..-b``.
    """
    s = unicodedata.normalize("NFKC", name)
    s = _UNSAFE.sub("-", s).strip("-.")
    s = re.sub(r"-{2,}", "-", s)[:MAX_SLUG].strip("-.")
    if not s:
        return "project"
    if _WINDOWS_RESERVED.fullmatch(s):
        s += "_"
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
            raise InputError("no such file or folder", p)
    return found


def _walk(folder: Path) -> list[Path]:
    out = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or child.is_symlink() and child.is_dir():
            continue
        if child.is_dir():
            if child.name not in SKIP_DIRS:
                out.extend(_walk(child))
        elif child.suffix in SUFFIXES and child.name != CONFIG_NAME:
            out.append(child)
    return out


def load_all(paths: Iterable[str | Path]) -> tuple[list[Project], list[InputError]]:
    """Load every project file under ``paths``.

    Missing paths and bad files come back as errors, not raised, so that one bad file
    does not hide the problems of the others.
    """
    projects: list[Project] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    for path in paths:
        try:
            files = find_files([path])
        except InputError as exc:
            errors.append(exc)
            continue
        for f in files:
            if f.resolve() in seen:  # named twice (``data data``, a file inside a folder given)
                continue
            seen.add(f.resolve())
            try:
                projects.append(load(f))
            except InputError as exc:
                errors.append(exc)
    return projects, errors


def document_order(projects: Iterable[Project]) -> list[Project]:
    """Projects in the order of their source document (position), then by name."""
    def key(p: Project) -> tuple[str, int, str, str]:
        src = p.source
        return (src.document or "" if src else "", src.position or 0 if src else 0, p.name, str(p.path))
    return sorted(projects, key=key)
