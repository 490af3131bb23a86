"""``perfctl import``: Word, Excel, PDF, HTML and text tables → one project file per table;
perfctl's own export (JSON or CSV, :mod:`perfctl.importers.exported`) → its projects' files.

Each source file goes through :func:`perfctl.importers.pipeline.import_file` (detect the
format, read the grids, recognize the projects). A file is refused whole (nothing of it
written) when it cannot be read or structured, when two of its tables would land on the
same project file, or when one of its projects would overwrite a file with other content
(without ``--force``) or lose a comment in it (even with ``--force``). The other files of a
batch are still imported.

Exit code: 0 every file imported fully; 1 imported, some with warnings; 2 a file was
refused (the others were imported) or nothing was given to import.

Reading the files and dumping their projects as YAML (the two costly steps, ~7 ms a
Word file) run on all cores for a folder of :data:`PARALLEL_FROM` files or more
(:mod:`perfctl.parallel`, results in input order); planning, checks, messages and writes
stay in this process, in file order, so the output is the same either way.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfctl import fileio, model, parallel, yamlio
from perfctl.authoring import safewrite
from perfctl.authoring.copy import annotate
from perfctl.authoring.fmt import lost_comments
from perfctl.commands import printable
from perfctl.errors import InputError, UsageError, located
from perfctl.i18n import N_, _, ngettext
from perfctl.importers.pipeline import FileResult, Options, collect, import_file
from perfctl.store import project_path


#: Fewest files worth a process pool: ~0.2 s of work at ~7 ms a file (lint's threshold is for ~1 ms a file).
PARALLEL_FROM = 32
#: A file's outcome (:attr:`FileResult.status`) as the batch summary shows it (message ids).
STATUS = {"imported": N_("imported"), "warnings": N_("warnings"), "refused": N_("refused")}
#: The column the batch summary pads a file's outcome to (display columns).
STATUS_WIDTH = 8
#: Back to the start of the terminal line and clear it (the progress line redrawn).
CLEAR_LINE = "\r\x1b[K"


@dataclass
class _Planned:
    target: Path
    text: str
    imported: Any
    result: FileResult
    old: str | None = None  #: the text of the file already at ``target`` (read once, by :func:`_conflicts`)

    @property
    def same_table(self) -> bool:
        """The file holds this table already, imported from a source of another name."""
        return self.old is not None and self.old != self.text and _SOURCE.sub("", self.old) == _SOURCE.sub("", self.text)


def run(sources: list[Path], store: Path, *, year: int | None = None, department_code: str | None = None,
        format: str | None = None, layout: str | None = None, force: bool = False, dry_run: bool = False) -> int:
    """Import every table of every source into ``store`` (see the module docstring); the exit code."""
    # The office readers leave parsed XML in reference cycles, a few MB a file: collect young
    # objects at Python's usual pace, not at the pace cli.main sets for lint, so that memory
    # stays flat over a folder of thousands of files.
    gc.set_threshold(700, 10, 10)
    if store.exists() and not store.is_dir():
        raise InputError(_("the store must be a folder; this is a file"), store)
    if layout and format not in (None, "text"):
        raise UsageError(_("--layout applies to text sources; it cannot go with --format {format}").format(format=format))
    files, skipped = collect(sources)
    if not files:
        raise UsageError(_("no file to import: the folders hold no .docx, .xlsx, .xls, .pdf, .html or .txt file"))
    options = Options(year=year, department_code=department_code, format="text" if layout and not format else format,
                      layout=layout)
    read = _read_all(files, options)
    results = [result for result, _dumped in read]
    plans = _plan(read, store)
    _conflicts(plans, force)
    for result in results:
        for note in result.all_notes:
            _say(located(note.where, _("warning: {message} [{code}]").format(message=note.message, code=note.code)))
        if result.error is not None:
            _say(f"{result.error}")
    if dry_run:
        _show(plans)
    else:
        _write(plans, store)
    _summary(results, store, dry_run, len(skipped))
    statuses = {r.status for r in results}
    return 2 if "refused" in statuses else 1 if "warnings" in statuses else 0


def _say(text: str) -> None:
    print(printable(text), file=sys.stderr)


def _read_all(files: list[Path], options: Options) -> list[tuple[FileResult, list[str]]]:
    """Each file through the pipeline with its projects dumped (on all cores for many
    files), in file order, with a progress line on a terminal."""
    progress = sys.stderr.isatty() and len(files) > 1
    done = _reads([(path, options) for path in files])
    results = []
    for i, path in enumerate(files, 1):
        if progress:
            print(f"{CLEAR_LINE}[{i}/{len(files)}] {printable(str(path))}", end="", file=sys.stderr, flush=True)
        results.append(next(done))
    done.close()  # a process pool's workers end here
    if progress:
        print(CLEAR_LINE, end="", file=sys.stderr, flush=True)
    return results


def _reads(items: list[tuple[Path, Options]]) -> Generator[tuple[FileResult, list[str]], None, None]:
    """:func:`_read_chunk` over ``items``, in order: by a process pool for many files, else one
    file at a time (so that the progress line names the file being read)."""
    if len(items) >= PARALLEL_FROM and parallel.jobs() > 1:
        yield from parallel.map_chunks(_read_chunk, items, threshold=PARALLEL_FROM)
    else:
        for item in items:
            yield _read_chunk([item])[0]


def _read_chunk(items: Sequence[tuple[Path, Options]]) -> list[tuple[FileResult, list[str]]]:
    """:func:`import_file` and :func:`_dump` of each file (a worker's share; module-level so
    that a worker process can be handed it by name)."""
    out = []
    for path, options in items:
        result = import_file(path, options)
        out.append((result, [_dump(imported) for imported in result.projects]))
    return out


def _dump(imported: Any) -> str:
    """The project's YAML with its review comments, without the modeline (which depends on
    where it is written)."""
    return with_review(yamlio.dump(model.to_data(imported.project)), imported.review)


def _plan(read: list[tuple[FileResult, list[str]]], store: Path) -> list[_Planned]:
    """The file each project goes to and its text; refuses (sets ``error`` on) the sources
    whose projects collide with each other or with files already in the store."""
    plans: dict[Path, _Planned] = {}
    for result, dumped in read:
        if result.error is not None:
            continue
        mine: list[_Planned] = []
        try:
            for imported, text in zip(result.projects, dumped):
                target = project_path(store, imported.project)
                safewrite.check_target(store, target)
                other = plans.get(target) or next((p for p in mine if p.target == target), None)
                if other is not None:
                    message = (_("two projects would be written to {target}: {first} and {second}; one project, one file")
                               if _from_export(result) or _from_export(other.result) else
                               _("two tables would be written to {target}: {first} and {second}; one project, one file"))
                    raise InputError(message.format(target=target, first=_named(other.result, other.imported),
                                                    second=_named(result, imported)), result.path)
                mine.append(_Planned(target, safewrite.with_modeline(text, target, store), imported, result))
        except InputError as exc:
            result.error = exc
            continue
        plans.update((p.target, p) for p in mine)
    return list(plans.values())


def with_review(text: str, review: dict[int, str]) -> str:
    """``text`` (a dumped project) with a ``# review (待复核): reason`` line above each
    indicator row named in ``review`` (indicator index → reason)."""
    if not review:
        return text
    marks = yamlio.parse(text, "<import>").marks
    notes = {marks[("indicators", i)][0]: " ".join(reason.split())  # one comment line, whatever the cells held
             for i, reason in review.items()}
    return annotate(text, notes, set(), above=True)


def _existing(target: Path) -> str | None:
    """The text of the file at ``target`` (LF line endings), ``None`` when there is none; a
    file that is not UTF-8 text is read with replacement characters (it differs either way)."""
    try:
        raw = fileio.read_bytes(target)
    except InputError:
        if not target.exists() and not target.is_symlink():
            return None
        raise
    try:
        return fileio.decode(raw, target)
    except InputError:
        return raw.decode("utf-8", errors="replace")


#: The ``source:`` block of a dumped project (where it was imported from), to the end of its indented lines.
_SOURCE = re.compile(r"^source:\n(?:[ ].*(?:\n|$))*", re.MULTILINE)


def _conflicts(plans: list[_Planned], force: bool) -> None:
    """Refuse the sources whose projects would overwrite other content (without ``force``)
    or lose a comment (even with it)."""
    for plan in plans:
        if plan.result.error is not None:
            continue
        old = plan.old = _existing(plan.target)
        if old is None or old == plan.text or plan.same_table:
            continue
        if not force:
            plan.result.error = InputError(_("exists with different content; not overwritten (use --force)"), plan.target)
            continue
        lost = lost_comments(old, plan.text)
        if lost:
            line, comment = lost[0]
            plan.result.error = InputError(_("exists with comments the imported table would lose ({comment!r}); "
                                             "not overwritten; move or delete them first").format(comment=comment),
                                           plan.target, line)


def _from_export(result: FileResult) -> bool:
    """Whether ``result`` is perfctl's own export read back (JSON or CSV)."""
    from perfctl.importers import exported

    return result.format in exported.FORMATS


def _named(result: FileResult, imported: Any) -> str:
    """A project and where it was read: ``'项目名称' (t.docx, table 2)`` for a table, and for a
    record of perfctl's own export ``e.json, project 3 (项目名称)``, counted in the export (its
    ``source`` is the document the store was imported from, not this file)."""
    name = imported.project.name
    if _from_export(result):
        number = next(i for i, p in enumerate(result.projects, 1) if p is imported)
        return _("{path}, project {number} ({name})").format(path=result.path, number=number, name=name)
    src = imported.project.source
    if src is not None and src.position:
        return _("{name!r} ({path}, table {number})").format(name=name, path=result.path, number=src.position)
    return _("{name!r} ({path})").format(name=name, path=result.path)


def _write(plans: list[_Planned], store: Path) -> None:
    todo = [p for p in plans if p.result.error is None]
    if not todo:
        return
    safewrite.check_schema_copy(store)
    newline = safewrite.newline_for(store)
    safewrite.ensure_schema_copy(store)
    for plan in todo:
        if plan.same_table:
            _say(_("unchanged {path} (the same table, imported before from another file)").format(path=plan.target))
            continue
        if plan.old == plan.text:
            _say(_("unchanged {path}").format(path=plan.target))
            continue
        safewrite.write(plan.target, plan.text, newline=newline, before=plan.old)
        count = len(plan.imported.project.indicators)
        _say(ngettext("wrote {path} ({n} indicator)", "wrote {path} ({n} indicators)", count)
             .format(path=plan.target, n=count))


def _show(plans: list[_Planned]) -> None:
    from perfctl import terminal
    from perfctl.commands import show, write_stdout

    cols = terminal.terminal_width()
    blocks = [f"{plan.target}\n\n{show.render(plan.imported.project, cols)}" for plan in plans if plan.result.error is None]
    if blocks:
        write_stdout("\n\n".join(blocks) + "\n")


def _summary(results: list[FileResult], store: Path, dry_run: bool, skipped: int = 0) -> None:
    counts = {"imported": 0, "warnings": 0, "refused": 0}
    for r in results:
        counts[r.status] += 1
    if len(results) > 1:
        from perfctl.terminal import pad

        for r in results:
            _say(f"  {pad(_(STATUS[r.status]), STATUS_WIDTH)}  {r.path}: {_outcome(r)}")
    n = sum(len(r.projects) for r in results if r.error is None)
    fields = {"projects": ngettext("{n} project", "{n} projects", n).format(n=n),
              "files": ngettext("{n} file", "{n} files", len(results)).format(n=len(results)),
              "store": store, "fully": counts["imported"], "warned": counts["warnings"], "refused": counts["refused"]}
    if dry_run:
        line = _("would import {projects} from {files} into {store}: {fully} fully, {warned} with warnings, "
                 "{refused} refused").format(**fields)
    else:
        line = _("imported {projects} from {files} into {store}: {fully} fully, {warned} with warnings, "
                 "{refused} refused").format(**fields)
    if skipped:
        line = _("{summary}; {passed}").format(summary=line, passed=ngettext(
            "{n} file of other kinds passed over", "{n} files of other kinds passed over", skipped).format(n=skipped))
    _say(line)


def _outcome(r: FileResult) -> str:
    """One file's outcome in the batch summary: ``refused (why)``, ``2 projects, docx, 3 warnings``."""
    if r.error is not None:
        return _("refused ({message})").format(message=r.error.message)
    projects = ngettext("{n} project", "{n} projects", len(r.projects)).format(n=len(r.projects))
    if not r.all_notes:
        return _("{projects}, {format}").format(projects=projects, format=r.format)
    warnings = ngettext("{n} warning", "{n} warnings", len(r.all_notes)).format(n=len(r.all_notes))
    return _("{projects}, {format}, {warnings}").format(projects=projects, format=r.format, warnings=warnings)


