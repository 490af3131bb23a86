"""``perfctl lint``: check a store as a finance bureau's review of targets does."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from perfctl import config as config_mod
from perfctl.authoring.safewrite import output_target
from perfctl.commands import inputs, output_format, printable, write_file, write_output, write_stdout
from perfctl.errors import UsageError
from perfctl.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from perfctl.authoring.safewrite import Output
    from perfctl.lint import engine


#: The report format an ``--output`` file's suffix names, when ``--format`` is not given.
SUFFIXES = {".json": "json", ".sarif": "sarif"}


def run(paths: list[Path], *, fmt: str | None = None, output: Path | None = None, fail_on: str = "error",
        baseline: Path | None = None, update_baseline: bool = False, select: list[str] | None = None,
        ignore: list[str] | None = None, profile: str | None = None, tolerance: str | None = None) -> int:
    """Lint ``paths`` and print or write the report; returns the exit code.

    0: nothing at or above ``fail_on``; 1: findings at or above it; 2: a file or the
    config could not be read (the other files are still checked and reported).
    ``fmt`` defaults to the format the suffix of ``output`` names (:data:`SUFFIXES`), else
    ``github`` inside GitHub Actions, else ``text``; a suffix naming another format than ``fmt``
    is a usage error. ``tolerance``
    (points, as text such as ``0.5``) overrides the store config's ``score.tolerance``, how
    far a declared 得分 may be from the computed one (PT-E02); a bad one is a usage error.
    """
    from perfctl.lint import engine, reporters

    fmt = output_format(fmt, output, choices=list(reporters.REPORTERS), suffixes=SUFFIXES, what=N_("format"),
                        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if update_baseline and baseline is None:
        raise UsageError(_("--update-baseline needs --baseline FILE"))
    from perfctl.lint.rules import unknown_code

    for option, codes in (("--select", select or []), ("--ignore", ignore or [])):
        for code in codes:
            problem = unknown_code(code, prefix=True)
            if problem:  # a typo would silently lint nothing, and pass
                raise UsageError(_("{option}: {problem}").format(option=option, problem=problem))
    if tolerance is not None:
        from perfctl.scoring.settings import settings

        try:
            settings(tolerance=tolerance)
        except ValueError:
            raise UsageError(_("--tolerance: {tolerance!r} is not a number of points of 0 or more")
                             .format(tolerance=tolerance)) from None
    out = output_target(output, inputs(paths, baseline)) if output is not None else None  # an input: refused now
    cfg = None
    if select or ignore or profile or tolerance is not None:
        cfg = config_mod.for_path(paths[0])
        cfg.lint.select = select or cfg.lint.select
        cfg.lint.ignore = cfg.lint.ignore + (ignore or [])
        cfg.profile = profile or cfg.profile
        if tolerance is not None:
            cfg.score = {**cfg.score, "tolerance": tolerance}
    return _report(engine.lint(paths, cfg), fmt, out, output, baseline, update_baseline, fail_on, paths)


def _report(report: engine.Report, fmt: str, out: Output | None, output: Path | None, baseline: Path | None,
            update_baseline: bool, fail_on: str, paths: list[Path]) -> int:
    """Write ``report`` as ``fmt`` (to ``out`` when given), or the baseline; the exit code."""
    from perfctl.lint import baseline as bl
    from perfctl.lint import reporters

    if baseline is not None:
        if update_baseline or not baseline.exists():
            write_file(baseline, bl.write(baseline, report.findings), inputs(paths))
            n = len(report.findings)
            print(ngettext("wrote baseline {baseline} ({n} finding)", "wrote baseline {baseline} ({n} findings)", n)
                  .format(baseline=baseline, n=n), file=sys.stderr)
            return 2 if report.errors else 0
        report.findings, known = bl.split(report.findings, bl.read(baseline))
        if known:
            print(ngettext("{n} finding recorded in {baseline} not shown", "{n} findings recorded in {baseline} not shown",
                           known).format(n=known, baseline=baseline), file=sys.stderr)

    color = fmt == "text" and output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if fmt == "text" and output is None:  # control characters in the files' texts made visible on the way
        for part in reporters.text_parts(report, color=color, clean=printable):
            sys.stdout.write(part)
        return _code(report, fail_on)
    parts = reporters.REPORTERS[fmt](report, color=color)  # written file by file: never held whole
    if out is not None:
        write_output(out, parts)
    else:
        write_stdout(parts)
    return _code(report, fail_on)


def _code(report: engine.Report, fail_on: str) -> int:
    """2: a file or the config could not be read; 1: findings at or above ``fail_on``; else 0."""
    from perfctl.lint import reporters

    if report.errors:
        return 2
    return 1 if reporters.at_or_above(report.findings, fail_on) else 0
