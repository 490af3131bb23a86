"""``perfctl log``: the semantic changes of each commit to projects under some paths, newest first.

One ``git log --raw`` lists the commits and the files they changed (against the first
parent; merges are skipped as in ``git log -p``, their changes being in the commits they
merge); the changed blobs are read with ``git cat-file --batch``, each parsed once, and each
commit's files are compared as ``perfctl diff PARENT COMMIT`` would: a table added in a commit
pairs with its department's table of an earlier year in the parent (read as context,
:func:`perfctl.diff.sources.earlier_years`), so a commit adding next year's copies lists what
changed from last year, as ``perfctl diff 2025/ 2026/`` does.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from perfctl.errors import InputError, UsageError
from perfctl.i18n import _

#: Commits whose blobs are read in one ``git cat-file`` call.
CHUNK = 200


def run(paths: list[str], rev: str, max_count: int | None, fmt: str) -> int:
    """Print the change log of ``paths`` from ``rev`` (or a range ``A..B``) in ``fmt``.

    Commits without semantic changes are left out; ``max_count`` limits the commits listed
    (those with changes), newest first. A project version in history that does
    not load is reported on stderr as a warning and left out of its commit; history cannot
    be fixed, so this does not change the exit code. Returns 0. Raises :class:`UsageError`
    outside a git repository or for an unknown format, :class:`InputError` for a bad revision.
    """
    from perfctl import gitio
    from perfctl.commands.diff import levels_for, use_color, write
    from perfctl.diff import sources
    from perfctl.diff.reporters import REPORTERS

    if fmt not in REPORTERS:
        raise UsageError(_("unknown format {fmt!r}; choose one of: {formats}").format(fmt=fmt, formats=", ".join(REPORTERS)))
    if gitio.toplevel(".") is None:
        raise UsageError(_("not inside a git repository: perfctl log reads git history"))
    levels = levels_for(Path(paths[0]))
    commits = gitio.log(paths, rev)
    for c in commits:
        c.changes = [ch for ch in c.changes if sources.is_project_path(ch.path)]
    commits = [c for c in commits if c.changes]
    entries = list(islice(_reports(commits, levels), max_count))
    write(REPORTERS[fmt](color=use_color(fmt)).log(entries), fmt)
    return 0


def _reports(commits: list, levels: dict[str, str]) -> Iterator[tuple[object, object]]:  # type: ignore[type-arg]
    """(commit, report) for each commit with semantic changes, reading blobs a chunk at a time."""
    from perfctl.diff import build_report

    blobs = _Blobs()
    for start in range(0, len(commits), CHUNK):
        chunk = commits[start:start + CHUNK]
        blobs.read(chunk)
        for commit in chunk:
            short = commit.oid[:12]
            old, old_bad = _entries(commit, "old", f"{short}^", blobs)
            new, new_bad = _entries(commit, "new", short, blobs)
            # a file that does not load on one side is left out of both, not reported as removed or added
            bad = old_bad | new_bad
            old, new = [e for e in old if e.rel not in bad], [e for e in new if e.rel not in bad]
            old += _context(commit, f"{short}^", blobs)
            report = build_report(f"{short}^", short, old, new, levels)
            if report.projects:
                yield commit, report


class _Blobs:
    """Blob contents read a chunk of commits at a time, parsed on first use and kept by blob id
    (a version is usually the new side of one commit and the old side of the next)."""

    def __init__(self) -> None:
        self.raw: dict[str, bytes] = {}
        self.parsed: dict[str, object] = {}  # blob id → Project, InputError, or None once warned about
        self.failed: set[str] = set()  # blob ids that did not load

    def read(self, commits: list) -> None:  # type: ignore[type-arg]
        from perfctl import gitio

        want = {oid for c in commits for ch in c.changes
                for oid, mode in ((ch.old_oid, ch.old_mode), (ch.new_oid, ch.new_mode))
                if oid != gitio.NULL_OID and mode in gitio.FILE_MODES and oid not in self.parsed}
        self.raw = {oid: data or b"" for oid, data in gitio.read_blobs(sorted(want)).items()}

    def add(self, oids: list[str]) -> None:
        """Read the blobs of ``oids`` not read or parsed yet (context files of one commit)."""
        from perfctl import gitio

        want = [oid for oid in oids if oid not in self.raw and oid not in self.parsed]
        if want:
            self.raw.update({oid: data or b"" for oid, data in gitio.read_blobs(want).items()})

    def get(self, oid: str, label: str) -> object:
        """The project in blob ``oid`` (an :class:`InputError` if it does not load; ``None`` if absent)."""
        from perfctl import fileio, model

        if oid not in self.parsed and oid in self.raw:
            try:
                self.parsed[oid] = model.load_text(fileio.decode(self.raw[oid], label), label)
            except InputError as exc:
                self.parsed[oid] = exc
        return self.parsed.get(oid)


def _context(commit, rev_label: str, blobs: _Blobs) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The parent's tables of earlier years beside the tables ``commit`` adds, as context
    entries (:attr:`perfctl.diff.compare.Entry.context`); a version that does not load is left out."""
    from perfctl import gitio
    from perfctl.diff.compare import Entry
    from perfctl.diff.sources import earlier_years
    from perfctl.model import Project

    added = [ch.path for ch in commit.changes if ch.old_oid == gitio.NULL_OID and ch.new_oid != gitio.NULL_OID]
    if not added or not commit.parents:
        return []
    found = earlier_years(commit.parents[0], added, {ch.path for ch in commit.changes})
    blobs.add(sorted(set(found.values())))
    out = []
    for path, oid in sorted(found.items()):
        project = blobs.get(oid, f"{rev_label}:{path}")
        if isinstance(project, Project):
            out.append(Entry(project, f"{rev_label}:{path}", path, context=True))
    return out


def _entries(commit, side: str, rev_label: str, blobs: _Blobs) -> tuple[list, set[str]]:  # type: ignore[no-untyped-def]
    """The projects on one side of a commit, labelled ``REV:PATH``, and the paths that did not
    load (warned about once per version)."""
    from perfctl.diff.compare import Entry
    from perfctl.model import Project

    out = []
    bad: set[str] = set()
    for ch in commit.changes:
        oid = ch.old_oid if side == "old" else ch.new_oid
        label = f"{rev_label}:{ch.path}"
        found = blobs.get(oid, label)
        if isinstance(found, Project):
            out.append(Entry(found, label, ch.path))
        elif isinstance(found, InputError) or (found is None and oid in blobs.failed):
            bad.add(ch.path)
        if isinstance(found, InputError):
            where = f"{label}:{found.line}" + (f":{found.col}" if found.col else "") if found.line else label
            print(_("perfctl: warning: {where}: {message} (left out of commit {commit})")
                  .format(where=where, message=found.message, commit=commit.oid[:12]), file=sys.stderr)
            blobs.parsed[oid] = None  # warn once per version
            blobs.failed.add(oid)
    return out, bad
