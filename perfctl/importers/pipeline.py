"""One source file through the import pipeline: read, detect, read grids, recognize projects.

perfctl's own export (JSON or CSV, :mod:`perfctl.importers.exported`) is detected first, by
content, unless ``--format`` names a reader; its projects are read back without grids.

:func:`collect` turns the command's SOURCE arguments into the files to import;
:func:`import_file` runs one file and never raises for bad input: a refusal comes back as
:attr:`FileResult.error`, so a batch goes on with the other files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfctl import importers
from perfctl.errors import InputError
from perfctl.i18n import N_, _
from perfctl.importers import Note


@dataclass(frozen=True)
class Options:
    """What the user told the import: ``year`` (预算年度) and ``department_code`` (部门编码)
    for tables that do not state them; ``format`` forces a reader (a name in
    :data:`perfctl.importers.READERS`) and ``layout`` a text layout."""

    year: int | None = None
    department_code: str | None = None
    format: str | None = None
    layout: str | None = None


@dataclass
class FileResult:
    """The outcome of one source file.

    ``format``: the reader used (``None`` when the file was refused before one was chosen).
    ``projects``: the recognizer's imported projects (each with its own notes and review
    marks). ``notes``: warnings about the file as a whole. ``error``: the refusal, if any —
    then nothing of this file is written.
    """

    path: Path
    format: str | None = None
    projects: list[Any] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    error: InputError | None = None

    @property
    def all_notes(self) -> list[Note]:
        """The file's notes and every project's, in order."""
        out = list(self.notes)
        for imported in self.projects:
            out.extend(imported.notes)
        return out

    @property
    def status(self) -> str:
        """``refused``, ``warnings`` or ``imported`` (the summary's three outcomes)."""
        if self.error is not None:
            return "refused"
        return "warnings" if self.all_notes else "imported"


def extensions() -> dict[str, str]:
    """File name ending → reader name, over every registered reader."""
    out: dict[str, str] = {}
    for name in importers.READERS:
        for ext in importers.reader(name).EXTENSIONS:
            out.setdefault(ext.lower(), name)
    return out


def collect(sources: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to import and the files passed over.

    A file named on the command line is always tried (its content decides the reader).
    A folder is searched recursively, in sorted order, for files whose ending one of the
    readers lists (``.docx``, ``.xlsx``, ``.xls``, ``.pdf``, ``.html``, ``.txt`` …); other files
    are passed over, and so are hidden files and folders and Office's lock files (``~$x.docx``).
    Raises :class:`InputError` for a source that does not exist.
    """
    known = extensions()
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()
    for source in sources:
        if source.is_dir():
            for root, dirs, names in os.walk(source):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    path = Path(root) / name
                    if name.startswith((".", "~$")) or path.suffix.lower() not in known:
                        skipped.append(path)
                    elif path.resolve() not in seen:
                        seen.add(path.resolve())
                        files.append(path)
        elif source.exists() or source.is_symlink():
            if source.resolve() not in seen:
                seen.add(source.resolve())
                files.append(source)
        else:
            raise InputError(_("no such file or folder"), source)
    return files, skipped


def import_file(path: Path, options: Options) -> FileResult:
    """Read ``path`` and recognize its tables; a refusal is returned, not raised."""
    result = FileResult(path)
    try:
        from perfctl import fileio
        from perfctl.importers import exported
        from perfctl.importers.recognize import recognize

        data = fileio.read_bytes(path, what=N_("files to import"))
        if options.format is None and (kind := exported.detect(data[: importers.HEAD])) is not None:
            result.format = kind
            result.projects = exported.read(str(path), data, kind, year=options.year)
            if kind == exported.CSV:  # what its columns cannot hold: said here, not only in the README
                result.notes.append(importers.Note(str(path), "IMP-W-CSV", _(
                    "a CSV export holds no purpose, goals, midterm goals, goals_actual or source: the projects come "
                    "back without them (the JSON export carries everything)")))
            return result
        name = options.format or importers.detect(path, data[: importers.HEAD])
        result.format = name
        reader = importers.reader(name)
        if name == "text" and options.layout:
            grids = reader.read(str(path), data, layout=options.layout)
        else:
            grids = reader.read(str(path), data)
        found = recognize(grids, year=options.year, department_code=options.department_code)
        result.projects = list(found.projects)
        result.notes = list(found.notes)
        if not result.projects:
            raise InputError(_("no target table found (no 三级指标 / 指标值 header and no 项目名称)"), path)
    except InputError as exc:
        result.error = exc
        result.projects = []
    return result
