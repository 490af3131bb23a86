"""``perfctl export``: projects as JSON (a list of projects), CSV (one row per indicator), an
Excel workbook of the CSV's rows, or Parquet (a folder of two tables, :mod:`perfctl.analytics`).

The shape is :mod:`perfctl.export`'s; this module only loads, picks the format and writes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from perfctl import export, store
from perfctl.authoring.safewrite import Output, Reads, output_target
from perfctl.commands import (inputs, load, output_format, printable, refuse_duplicates, utf8_name_errors, write_binary,
                               write_output, write_stdout)
from perfctl.errors import InputError, UsageError
from perfctl.i18n import N_, _, ngettext
from perfctl.model import Project


def run(paths: list[Path], fmt: str | None, output: Path | None, bom: bool | None = None) -> int:
    """Export every project under ``paths`` in ``fmt`` ("json", "csv", "xlsx" or "parquet"), in document order.

    parquet writes the folder ``output`` (made when missing; a name ending in ``.parquet`` is
    refused: engines read such a folder as one table) holding :data:`perfctl.analytics.FILES`, ``projects.parquet`` and
    ``indicators.parquet``, each replaced atomically; it needs the analytics extra (else
    :class:`UsageError` naming it).

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
        raise UsageError(_("--bom and --no-bom apply to CSV only, not {fmt}").format(fmt=fmt))
    if fmt == "parquet":
        return _parquet(paths, output)
    if fmt in export.BINARY_FORMATS and output is None:
        raise UsageError(_("{fmt} is a binary workbook, not written to standard output; give --output FILE.{fmt}")
                         .format(fmt=fmt))
    out = output_target(output, inputs(paths)) if output is not None else None
    projects = loaded(paths)
    if projects is None:
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
    _wrote(output, projects)
    return 0


def loaded(paths: list[Path], query: bool = False) -> list[Project] | None:
    """The projects under ``paths`` for an export or a query, or ``None`` (every reason on
    stderr) when a file fails to load, two files hold the same project (its money would count
    twice) or a file name is not UTF-8 (said as ``nothing exported``, or ``no result`` for a ``query``)."""
    projects, failed = load(paths)
    if failed or refuse_duplicates(projects):
        return None
    bad_names = utf8_name_errors(projects)
    for exc in bad_names:
        print(printable(str(exc)), file=sys.stderr)
    if bad_names:
        n = len(bad_names)
        message = (ngettext("perfctl: no result: {n} file name is not UTF-8",
                            "perfctl: no result: {n} file names are not UTF-8", n) if query else
                   ngettext("perfctl: nothing exported: {n} file name is not UTF-8",
                            "perfctl: nothing exported: {n} file names are not UTF-8", n))
        print(message.format(n=n), file=sys.stderr)
        return None
    return projects


def _parquet(paths: list[Path], folder: Path | None) -> int:
    """``export --format parquet -o FOLDER``: both tables, every target checked before the first is written."""
    from perfctl import analytics

    if folder is None:
        raise UsageError(_("parquet is two tables written into a folder, not to standard output; give --output FOLDER"))
    if folder.suffix.lower() == ".parquet":
        raise UsageError(_("{folder}: a folder named .parquet reads as ONE table in DuckDB and Spark, and this "
                           "one holds two ({files}); name it without .parquet, "
                           "e.g. --format parquet -o {name}").format(
            folder=folder, files=", ".join(analytics.FILES.values()), name=folder.with_suffix("")))
    analytics.require("pyarrow")  # before the store is read: say which extra is missing at once
    reads = Reads(inputs(paths))
    targets = {name: output_target(folder / file, reads, new_folder=True) for name, file in analytics.FILES.items()}
    projects = loaded(paths)
    if projects is None:
        return 2
    tables = dict(zip(analytics.FILES, analytics.tables(store.document_order(projects))))
    for name, out in targets.items():
        _write_table(out, tables[name])
    _wrote(folder, projects)
    return 0


def _write_table(out: Output, table: object) -> None:
    from perfctl import analytics

    write_binary(out, lambda fh: analytics.write_parquet(table, fh), what=N_("Parquet file"))


def _wrote(output: Path | None, projects: list[Project]) -> None:
    rows, n = sum(len(p.indicators) for p in projects), len(projects)
    indicators = ngettext("{n} indicator", "{n} indicators", rows).format(n=rows)
    print(ngettext("wrote {path} ({n} project, {indicators})", "wrote {path} ({n} projects, {indicators})", n)
          .format(path=output, n=n, indicators=indicators), file=sys.stderr)


def _format(fmt: str | None, output: Path | None) -> str:
    """The format to write: ``fmt``, else the one the suffix of ``output`` names, else json.
    :class:`UsageError` for an unknown ``fmt`` and for a suffix that names another format."""
    return output_format(fmt, output, choices=[*export.FORMATS, *export.BINARY_FORMATS, *export.FOLDER_FORMATS],
                         suffixes=export.SUFFIXES,
                         default="json", what=N_("export format"))


def _after(first: str, parts: Iterable[str]) -> Iterator[str]:
    yield first
    yield from parts
