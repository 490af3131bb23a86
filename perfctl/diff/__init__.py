"""Semantic diff of target tables: what changed in targets, money, indicators and texts.

The parts: :mod:`.sources` (operands → the changed files of each side), :mod:`.compare`
(matching projects and rows, classifying changes), :mod:`.values` (the changes of one field's
value: money, points, texts, lists), :mod:`.targets` (指标值 by meaning),
:mod:`.chardiff` (character-level text edits), :mod:`.kinds` (the table of change kinds and
their levels), :mod:`.reporters` (text, markdown, json).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from perfctl.diff.compare import Entry, ProjectDiff, assign_levels, compare_entries
from perfctl.errors import InputError
from perfctl.i18n import _, ngettext


@dataclass
class Report:
    """The result of comparing two sides: ``old``/``new`` labels (``HEAD``, ``working tree``,
    a path), the changed projects, ``found``: kind → level of every kind present, and
    ``same``: the projects paired without a change in meaning (both sides read, as across
    years; shown by the side-by-side ``table`` format); ``warnings``: projects held by two
    files of one side."""

    old: str
    new: str
    projects: list[ProjectDiff]
    found: dict[str, str] = field(default_factory=dict)
    same: list[ProjectDiff] = field(default_factory=list)
    #: Projects held by two files of one side (:func:`duplicates`), for stderr.
    warnings: list[str] = field(default_factory=list)


def load_entries(files: list) -> tuple[list[Entry], list[InputError]]:  # type: ignore[type-arg]
    """Parse :class:`~perfctl.diff.sources.File` objects into entries; bad files become errors
    (``label:line:col: message``), not exceptions, so one bad file does not hide the others;
    a context file (last year's, read only for pairing) that does not load is left out."""
    from perfctl import fileio, model

    entries, errors = [], []
    for f in files:
        try:
            project = model.load_text(fileio.decode(f.data, f.label), f.label)
        except InputError as exc:
            if not getattr(f, "context", False):  # context only helps pairing: unreadable, it is left out
                errors.append(exc)
            continue
        entries.append(Entry(project, f.label, f.rel, context=f.context))
    return entries, errors


def build_report(old_label: str, new_label: str, old: list[Entry], new: list[Entry], levels: dict[str, str],
                 unchanged: list | None = None) -> Report:  # type: ignore[type-arg]
    """Compare the entries of both sides and give every change its level; a project held by
    two files of one side is a warning, not an added or removed project (:func:`duplicates`)."""
    diffs, warnings = duplicates(compare_entries(old, new), old, new, unchanged or [])
    projects = [d for d in diffs if d.changes]
    return Report(old_label, new_label, projects, assign_levels(projects, levels), [d for d in diffs if not d.changes],
                  warnings)


def duplicates(diffs: list[ProjectDiff], old: list[Entry], new: list[Entry],
               unchanged: list) -> tuple[list[ProjectDiff], list[str]]:  # type: ignore[type-arg]
    """Leave out the added or removed projects that are a second file of a project the same
    side already holds (one project, one file: lint PT-S13), with a warning naming the files.

    A file added (or removed) beside another of the same identity (department, year,
    项目名称) on its side is no added (removed) project: the other file still holds it.
    ``unchanged`` (:attr:`perfctl.diff.sources.Sides.unchanged`, files the same on both
    sides, not compared) are read only when an added or removed project is in their folder.
    Of lone files that all hold one identity, the first by label stays added (removed).
    """
    lone = [d for d in diffs if d.old is None or d.new is None]
    if not lone:
        return diffs, []
    folders = {posixpath.dirname((d.new or d.old).rel) for d in lone}  # type: ignore[union-attr]
    near = [f for f in unchanged if posixpath.dirname(f.rel) in folders]
    same, _errors = load_entries(near)
    old_labels = {f.rel: f.old_label or f.label for f in near}
    unchanged_ids = {id(e) for e in same}
    dropped: set[int] = set()
    warnings = []
    for side, entries, status in (("old", old, "removed"), ("new", new, "added")):
        held: dict[tuple[str, int, str], list[Entry]] = {}
        for e in [e for e in entries if not e.context] + same:
            held.setdefault(e.project.identity, []).append(e)
        lone_here = sorted((d for d in lone if d.status == status), key=lambda d: (d.new or d.old).label)  # type: ignore[union-attr]
        for identity, files in held.items():
            if len(files) < 2:
                continue
            mine = [d for d in lone_here if (d.new or d.old).project.identity == identity]  # type: ignore[union-attr]
            drop = mine if len(mine) < len(files) else mine[1:]
            dropped.update(id(d) for d in drop)
            labels = ", ".join(sorted(old_labels.get(e.rel, e.label) if side == "old" and id(e) in unchanged_ids
                                      else e.label for e in files))
            facts = {"name": identity[2], "code": identity[0], "year": identity[1], "n": len(files), "files": labels}
            if side == "old":
                warning = ngettext("the old side holds project {name!r} ({code}, {year}) in {n} file: {files}; "
                                   "one project, one file (perfctl lint: PT-S13)",
                                   "the old side holds project {name!r} ({code}, {year}) in {n} files: {files}; "
                                   "one project, one file (perfctl lint: PT-S13)", len(files)).format(**facts)
            else:
                warning = ngettext("the new side holds project {name!r} ({code}, {year}) in {n} file: {files}; "
                                   "one project, one file (perfctl lint: PT-S13)",
                                   "the new side holds project {name!r} ({code}, {year}) in {n} files: {files}; "
                                   "one project, one file (perfctl lint: PT-S13)", len(files)).format(**facts)
            if drop:
                left_out = ", ".join((d.new or d.old).label for d in drop)  # type: ignore[union-attr]
                more = (_("not reported as removed: {files}") if status == "removed"
                        else _("not reported as added: {files}")).format(files=left_out)
                # TRANSLATORS: two sentences of one message, the second adding to the first
                warning = _("{first}; {then}").format(first=warning, then=more)
            warnings.append(warning)
    return [d for d in diffs if id(d) not in dropped], warnings
