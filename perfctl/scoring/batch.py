"""Scoring many files: each file loaded, scored and its issues placed in one step, on all
cores when there are many (:mod:`perfctl.parallel`).

Settings come from :func:`perfctl.scoring.settings.for_config`. A worker keeps a file's
positions (its :class:`~perfctl.yamlio.Doc`) only while it places the issues (``Issue.line``,
``Issue.col``); the result comes back without them, so a large store is never held with its
positions in memory and no file is read twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from perfctl import model, parallel
from perfctl.errors import InputError
from perfctl.scoring import has_results, score
from perfctl.scoring.result import Result
from perfctl.scoring.settings import for_config

#: One file to score: its path, the store config that governs it (``None``: defaults), and
#: the command line's profile and tolerance (``None`` when not given).
Job = tuple[Path, "Path | None", "str | None", "str | None"]

def score_files(jobs: Sequence[Job]) -> list[Result | InputError | None]:
    """Each job's result with its issues placed (``None``: the project holds no results), or
    the error that kept its file from loading. ``Result.project`` keeps the file's header only
    (path, department, year, name, money unit, budget); its rows and texts are left behind.
    A module-level function: workers get it by name."""
    out: list[Result | InputError | None] = []
    for path, config_path, profile, tolerance in jobs:
        try:
            project = model.load(path)
        except InputError as exc:
            out.append(exc)
            continue
        if not has_results(project):
            out.append(None)
            continue
        result = score(project, for_config(config_path, profile, tolerance))
        doc = project.doc
        if doc is not None:
            result.issues = [replace(i, line=line or 1, col=col or 1)
                             for i in result.issues for line, col in (doc.mark(i.node),)]
        # Back to the parent with what the report reads: the header, not the rows and texts
        # (each row's facts are in its RowResult), so that results cross between processes cheaply.
        project.doc, project.indicators, project.purpose = None, [], None
        project.goals, project.midterm_goals, project.goals_actual = [], [], []
        out.append(result)
    return out


def score_all(jobs: Sequence[Job]) -> Iterator[Result | InputError | None]:
    """:func:`score_files` over ``jobs``, in order, on all cores when there are many."""
    return parallel.map_chunks(score_files, jobs)
