"""``perfctl export``: projects as JSON (a list of projects) or CSV (one row per indicator).

The shape is :mod:`perfctl.export`'s; this module only loads, picks the format and writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from perfctl import export, store
from perfctl.authoring.safewrite import output_target
from perfctl.commands import inputs, load, printable, refuse_duplicates, utf8_name_errors, write_output, write_stdout
from perfctl.errors import UsageError


def run(paths: list[Path], fmt: str, output: Path | None) -> int:
    """Export every project under ``paths`` in ``fmt`` ("json" or "csv"), in document order.

    Writes UTF-8 to ``output`` (see :func:`perfctl.authoring.safewrite.output_target`: an
    input file is refused before anything is read, a pipe is written into, a regular file
    replaced atomically, the old one intact on failure), or to stdout. When any file fails
    to load, its errors go to stderr, nothing is written and the exit code is 2; so it is when a file name is not UTF-8 (it could not be written
    as the record's ``path``). Raises :class:`UsageError` for an unknown format and
    :class:`InputError` for a missing path or an unwritable ``output``.
    """
    if fmt not in export.FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(export.FORMATS)}")
    out = output_target(output, inputs(paths)) if output is not None else None
    projects, failed = load(paths)
    if failed:
        return 2
    if refuse_duplicates(projects):  # the same project twice would count its money twice
        return 2
    bad_names = utf8_name_errors(projects)
    for exc in bad_names:
        print(printable(str(exc)), file=sys.stderr)
    if bad_names:
        print(f"perfctl: nothing exported: {len(bad_names)} file name(s) are not UTF-8", file=sys.stderr)
        return 2
    parts = export.FORMATS[fmt](store.document_order(projects))  # written as made: never one string
    if out is None:
        write_stdout(parts)
        return 0
    write_output(out, parts)
    rows = sum(len(p.indicators) for p in projects)
    print(f"wrote {output} ({len(projects)} project{'s' * (len(projects) != 1)}, {rows} indicator{'s' * (rows != 1)})",
          file=sys.stderr)
    return 0

