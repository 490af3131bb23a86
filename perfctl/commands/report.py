"""``perfctl report``: a store at a glance — projects, money, categories, targets, lint
findings, self-evaluation grades and, with ``--since REV``, what changed in meaning."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from perfctl.authoring.safewrite import output_target
from perfctl.commands import inputs, load, output_format, printable, write_output, write_stdout
from perfctl.errors import InputError, UsageError
from perfctl.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from perfctl.diff import Report as DiffReport
    from perfctl.model import Project
    from perfctl.scoring import Result

FORMATS = ("text", "json", "html")
#: The format an ``--output`` file's suffix names, when ``--format`` is not given.
SUFFIXES = {".json": "json", ".html": "html", ".htm": "html", ".txt": "text"}


def run(paths: list[Path], *, since: str | None = None, fmt: str | None = None, output: Path | None = None) -> int:
    """Summarise the projects under ``paths`` and print or write the summary as ``fmt``.

    Lints the same paths in-process (the lint cache is used and kept up to date), scores
    the projects that hold results (the store config's ``score:`` settings) and, with
    ``since``, compares revision ``since`` with the working tree as ``perfctl diff REV PATH…``.
    Returns 0, or 2 when a file or path did not load (each is named on stderr; the others are
    summarised; nothing is printed or written when none loaded). Raises :class:`UsageError`
    for a bad format or a ``since`` that is no revision, :class:`InputError` for an output
    file that is an input.
    """
    from perfctl import report, report_writers

    fmt = output_format(fmt, output, choices=FORMATS, suffixes=SUFFIXES, default="text", what="format")
    if since is not None:
        _check_revision(since)
    out = output_target(output, inputs(paths)) if output is not None else None  # an input: refused now
    projects, failed = load(paths, then=N_("the report leaves them out"))
    if failed and not projects:  # nothing to summarise: an all-zero report would look like a real one
        return 2
    from perfctl.lint import engine

    lint = engine.lint(paths)
    diffed = _changes(since, paths) if since is not None else None
    changes = (since, diffed) if since is not None and diffed is not None else None
    summary = report.build(projects, lint, _scores(projects), changes, failed=failed)
    if fmt == "text":
        from perfctl import terminal

        body = report_writers.text(summary, terminal.terminal_width() if out is None else 100)
    else:
        body = report_writers.WRITERS[fmt](summary)
    if out is not None:
        write_output(out, body)
    elif fmt == "text":
        sys.stdout.write(printable(body))
    else:
        write_stdout(body)
    return 2 if failed or (since is not None and diffed is None) else 0


def _scores(projects: list[Project]) -> list[Result]:
    """Each project holding results scored under its store's settings (``score:`` of the
    ``perfctl.yaml`` above its file, :func:`perfctl.scoring.form.settings_for`), as ``perfctl
    score`` does (财预〔2020〕10号)."""
    from perfctl.scoring import has_results, score
    from perfctl.scoring.form import settings_for

    return [score(p, settings_for(p)) for p in projects if has_results(p)]


def _check_revision(rev: str) -> None:
    """``--since`` names a revision of the git repository here, and not a file (which ``perfctl
    diff`` would take as a folder to compare with)."""
    from perfctl import gitio

    if gitio.toplevel(Path.cwd()) is None:
        raise UsageError(_("--since {rev}: not inside a git repository").format(rev=rev))
    if Path(rev).exists() or not gitio.resolve(rev, Path.cwd()):
        raise UsageError(_("--since {rev}: not a git revision (a commit, tag or branch such as HEAD~1 or v2025)")
                         .format(rev=rev))


def _changes(rev: str, paths: list[Path]) -> DiffReport | None:
    """The semantic diff from ``rev`` to the working tree under ``paths``, as ``perfctl diff
    REV PATH…``; ``None`` when a changed file does not load (as diff, nothing is compared):
    the old side's errors are named on stderr (the working tree's were, when loading)."""
    from perfctl.commands.diff import levels_for
    from perfctl.diff import build_report, load_entries, sources

    sides = sources.resolve([rev, *map(str, paths)])
    old, old_errors = load_entries(sides.old)
    new, new_errors = load_entries(sides.new)
    if old_errors or new_errors:
        for exc in old_errors:
            print(printable(str(exc)), file=sys.stderr)
        n = len(old_errors) + len(new_errors)
        print(ngettext("perfctl: --since {rev}: {n} changed file failed to load; no changes listed",
                       "perfctl: --since {rev}: {n} changed files failed to load; no changes listed", n)
              .format(rev=rev, n=n), file=sys.stderr)
        return None
    return build_report(sides.old_label, sides.new_label, old, new, levels_for(sides.config_start), sides.unchanged)
