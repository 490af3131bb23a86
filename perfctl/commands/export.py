"""``perfctl export``: projects as JSON (a list of projects) or CSV (one row per indicator).

The shape is :mod:`perfctl.export`'s; this module only loads, picks the format and writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from perfctl import export, store, yamlio
from perfctl.errors import InputError, UsageError


def run(paths: list[Path], fmt: str, output: Path | None) -> int:
    """Export every project under ``paths`` in ``fmt`` ("json" or "csv"), in document order.

    Writes UTF-8 to ``output`` atomically (the old file stays intact on failure), or to
    stdout. When any file fails to load, its errors go to stderr, nothing is written and
    the exit code is 2. Raises :class:`UsageError` for an unknown format and
    :class:`InputError` for a missing path or an unwritable ``output``.
    """
    if fmt not in export.FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(export.FORMATS)}")
    projects, errors = store.load_all(paths)
    if errors:
        for exc in errors:
            print(str(exc), file=sys.stderr)
        print(f"perfctl: {len(errors)} file(s) failed to load; nothing exported", file=sys.stderr)
        return 2
    text = export.FORMATS[fmt](store.document_order(projects))
    if output is None:
        _write_stdout(text)
        return 0
    try:
        yamlio.atomic_write(output, text)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", output) from None
    print(f"wrote {output} ({len(projects)} projects, {sum(len(p.indicators) for p in projects)} indicators)",
          file=sys.stderr)
    return 0


def _write_stdout(text: str) -> None:
    """Write ``text`` as UTF-8 whatever the console encoding: export output is data."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()
