"""Semantic diff of target tables: what changed in targets, money, indicators and texts.

The parts: :mod:`.sources` (operands → the changed files of each side), :mod:`.compare`
(matching projects and rows, classifying changes), :mod:`.values` (the changes of one field's
value: money, points, texts, lists), :mod:`.targets` (指标值 by meaning),
:mod:`.chardiff` (character-level text edits), :mod:`.kinds` (the table of change kinds and
their levels), :mod:`.reporters` (text, markdown, json).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfctl.diff.compare import Entry, ProjectDiff, assign_levels, compare_entries
from perfctl.errors import InputError


@dataclass
class Report:
    """The result of comparing two sides: ``old``/``new`` labels (``HEAD``, ``working tree``,
    a path), the changed projects, ``found``: kind → level of every kind present, and
    ``same``: the projects paired without a change in meaning (both sides read, as across
    years; shown by the side-by-side ``table`` format)."""

    old: str
    new: str
    projects: list[ProjectDiff]
    found: dict[str, str] = field(default_factory=dict)
    same: list[ProjectDiff] = field(default_factory=list)


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


def build_report(old_label: str, new_label: str, old: list[Entry], new: list[Entry], levels: dict[str, str]) -> Report:
    """Compare the entries of both sides and give every change its level."""
    diffs = compare_entries(old, new)
    projects = [d for d in diffs if d.changes]
    return Report(old_label, new_label, projects, assign_levels(projects, levels), [d for d in diffs if not d.changes])
