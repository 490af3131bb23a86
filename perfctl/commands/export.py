"""``perfctl export``: projects as JSON (a list of projects), CSV (one row per indicator) or
an Excel workbook of the CSV's rows.

The shape is :mod:`perfctl.export`'s; this module only loads, picks the format and writes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from perfctl import export, store
from perfctl.authoring.safewrite import output_target
from perfctl.commands import (inputs, load, output_format, printable, refuse_duplicates, utf8_name_errors, write_binary,
                               write_output, write_stdout)
from perfctl.errors import InputError, UsageError


def run(paths: list[Path], fmt: str | None, output: Path | None, bom: bool | None = None) -> int:
    """Export every project under ``paths`` in ``fmt`` ("json", "csv" or "xlsx"), in document order.

    ``fmt`` ``None`` takes the format from the suffix of ``output`` (:data:`perfctl.export.SUFFIXES`),
    else json. ``bom`` (CSV only): start with a UTF-8 byte-order mark; ``None`` means yes for
    a regular file, no for stdout, a pipe or a device (what reads them is a program).

    Writes UTF-8 to ``output`` (see :func:`perfctl.authoring.safewrite.output_target`: an
    input file is refused before anything is read, a pipe is written into, a regular file
    replaced atomically, the old one intact on failure), or to stdout. When any file fails
    to load, its errors go to stderr, nothing is written and the exit code is 2; so it is when a file name is not UTF-8 (it could not be written
    as the record's ``path``). Raises :class:`UsageError` (before anything is read or written)
    for an unknown format, a format the suffix of ``output`` contradicts (``-o x.xlsx --format
    csv``), xlsx without ``output`` or into a terminal, and ``bom`` with a format other than
    CSV; :class:`InputError` for a missing path or an unwritable ``output``.
    """
    fmt = _format(fmt, output)
    if bom is not None and fmt != "csv":
        raise UsageError(f"--bom and --no-bom apply to CSV only, not {fmt}")
    if fmt in export.BINARY_FORMATS and output is None:
        raise UsageError(f"{fmt} is a binary workbook, not written to standard output; give --output FILE.{fmt}")
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
    ordered = store.document_order(projects)
    if fmt in export.BINARY_FORMATS:
        assert out is not None
        write_binary(out, lambda fh: export.BINARY_FORMATS[fmt](ordered, fh))
    else:
        parts = export.FORMATS[fmt](ordered)  # written as made: never one string
        if fmt == "csv" and (bom if bom is not None else out is not None and not out.stream):
            parts = _after(export.BOM, parts)
        if out is None:
            write_stdout(parts)
            return 0
        write_output(out, parts)
    rows = sum(len(p.indicators) for p in projects)
    print(f"wrote {output} ({len(projects)} project{'s' * (len(projects) != 1)}, {rows} indicator{'s' * (rows != 1)})",
          file=sys.stderr)
    return 0


def _format(fmt: str | None, output: Path | None) -> str:
    """The format to write: ``fmt``, else the one the suffix of ``output`` names, else json.
    :class:`UsageError` for an unknown ``fmt`` and for a suffix that names another format."""
    return output_format(fmt, output, choices=[*export.FORMATS, *export.BINARY_FORMATS], suffixes=export.SUFFIXES,
                         default="json", what="export format")


def _after(first: str, parts: Iterable[str]) -> Iterator[str]:
    yield first
    yield from parts
