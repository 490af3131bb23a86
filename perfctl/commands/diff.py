"""``perfctl diff``: the semantic changes between two files, folders or git revisions.

Operands are described in :mod:`perfctl.diff.sources`; kinds and levels in
:mod:`perfctl.diff.kinds`; formats in :mod:`perfctl.diff.reporters`.
"""

from __future__ import annotations

import os
import sys

from perfctl.errors import UsageError
from perfctl.i18n import _, ngettext


def use_color(fmt: str) -> bool:
    """Colour only for text (and the side-by-side table) on a terminal, and never when ``NO_COLOR``
    is set (no-color.org) or TERM is dumb."""
    return (fmt in ("text", "table") and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


def levels_for(start: object) -> dict[str, str]:
    """Kind → level for the store governing ``start`` (its ``perfctl.yaml`` ``diff.levels``, else defaults)."""
    from perfctl import config
    from perfctl.diff import kinds

    cfg = config.for_path(start)  # type: ignore[arg-type]
    return kinds.levels(cfg.diff_levels, cfg.path)


def write(text: str, fmt: str) -> None:
    """Text and the table go through the console's encoding (unprintable characters replaced) with control
    characters from the data made visible; JSON and Markdown are data and always UTF-8."""
    if fmt in ("text", "table"):
        from perfctl.commands import printable

        sys.stdout.write(printable(text, keep_colour=use_color(fmt)))
        sys.stdout.flush()
    else:
        from perfctl.commands import write_stdout

        write_stdout(text)


def run(operands: list[str], fmt: str, fail_on: list[str], years: tuple[int, int] | None = None,
        departments: list[str] | None = None) -> int:
    """Compare the sides named by ``operands`` and print the report in ``fmt``.

    ``years`` (old, new): compare two budget years of the store ``operands`` names (at most
    one folder, default the current one) — ``STORE/<部门编码>/<old>/`` against
    ``STORE/<部门编码>/<new>/`` (:func:`perfctl.diff.sources.years`). ``departments``: only
    projects of these 部门编码 (with ``years``, only their folders are read).

    Returns 1 when a change meets a ``--fail-on`` value (a level, meaning that level or
    worse, or a kind name), else 0; 2 after printing every load error
    (``file:line:col: message``) when a changed file does not load. Raises
    :class:`UsageError` for a bad format, ``--fail-on`` value or operand combination and
    :class:`~perfctl.errors.InputError` for a missing operand or a failing git command.
    """
    from perfctl.diff import build_report, kinds, load_entries, sources
    from perfctl.diff.reporters import REPORTERS

    if fmt not in REPORTERS:
        raise UsageError(_("unknown format {fmt!r}; choose one of: {formats}").format(fmt=fmt, formats=", ".join(REPORTERS)))
    kinds.check_fail_on(fail_on)
    if years is not None:
        if len(operands) > 1:
            raise UsageError(_("perfctl diff --years OLD NEW [STORE]: give one store folder, or none for the current one"))
        if years[0] >= years[1]:
            raise UsageError(_("--years {old} {new}: the old year comes first and is earlier than the new one")
                             .format(old=years[0], new=years[1]))
        sides = sources.years(operands[0] if operands else ".", years[0], years[1], departments or [])
    else:
        sides = sources.resolve(operands)
    levels = levels_for(sides.config_start)
    old, old_errors = load_entries(sides.old)
    new, new_errors = load_entries(sides.new)
    errors = old_errors + new_errors
    if errors:
        from perfctl.commands import printable

        for exc in errors:
            print(printable(str(exc)), file=sys.stderr)
        n = len(errors)
        print(ngettext("perfctl: {n} file failed to load; nothing compared",
                       "perfctl: {n} files failed to load; nothing compared", n).format(n=n), file=sys.stderr)
        return 2
    if departments:
        old = [e for e in old if e.project.department.code in departments]
        new = [e for e in new if e.project.department.code in departments]
    report = build_report(sides.old_label, sides.new_label, old, new, levels, sides.unchanged)
    for warning in report.warnings:  # a second file of a project: not an added or removed project
        from perfctl.commands import printable

        print(printable(_("perfctl: warning: {message}").format(message=warning)), file=sys.stderr)
    write(REPORTERS[fmt](color=use_color(fmt)).diff(report), fmt)
    return 1 if kinds.fails(report.found, fail_on) else 0
