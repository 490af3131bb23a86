"""The CSV of ``perfctl export --format csv`` read back (:mod:`perfctl.importers.exported`):
rows gathered into projects, each in file shape, positioned by line and column of its cells."""

from __future__ import annotations

import csv
import difflib
import re
from typing import Any

from perfctl import export, fields
from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.importers.exported import Located

#: CSV column → the project file's key path (``None``: derived from ``target.text``, not read).
_COLUMN_PATHS: dict[str, tuple[str, ...] | None] = {
    **{f.export: f.path for f in fields.FIELDS if f.export is not None and f.export != "target"},
    **{f"target.{k}": None for k in export.TARGET_KEYS}, "target.text": fields.ROW + ("target",), "path": ()}
_SINCE = {**{f.export: f.since for f in fields.FIELDS if f.export}, **export.TARGET_KEYS_SINCE}
#: Columns every CSV export has had (revision 0) and that are read back.
_REQUIRED = tuple(c for c in export.CSV_COLUMNS if _SINCE.get(c, 0) == 0 and _COLUMN_PATHS[c] is not None)
#: Columns of the project, repeated on each of its rows.
_PROJECT_COLUMNS = frozenset(c for c in export.CSV_COLUMNS if (_COLUMN_PATHS[c] or ("indicators",))[0] != "indicators")
#: Columns that may not be empty: the required keys whose value cannot be empty (an indicator's
#: 三级指标 and 指标值 may be; money_unit and budget.total are left to the schema, which knows when).
_FILLED = frozenset(c for c, p in _COLUMN_PATHS.items() if p and (f := fields.BY_PATH[p]).required and f.unless is None
                and (f.schema.get("minLength") or f.type in ("code", "integer")))


def docs(path: str, text: str) -> list[Located]:
    """The projects of the CSV ``text`` (LF line ends), in the order first seen, as project
    documents. Raises :class:`InputError` (positioned) for a header that is not the export's,
    a row of another length, and a project whose repeated cells differ between its rows."""
    lines = re.findall(r"[^\n]*\n|[^\n]+\Z", text)  # not splitlines: U+2028 in a cell is no line break
    reader = csv.reader(lines)
    records: list[tuple[int, str, list[str]]] = []  # (first line, raw text, cells)
    done = 0
    try:
        for cells in reader:
            records.append((done + 1, "".join(lines[done:reader.line_num]), cells))
            done = reader.line_num
    except csv.Error as exc:
        raise InputError(_("invalid CSV: {error}").format(error=exc), path, reader.line_num) from None
    records = [r for r in records if r[2]]  # blank lines
    if not records:
        raise InputError(_("the file is empty; expected the header row of perfctl export --format csv"), path, 1, 1)
    header = _header(path, records[0])
    groups: dict[Any, list[tuple[int, str, list[str]]]] = {}
    for rec in records[1:]:
        if len(rec[2]) != len(header):
            raise InputError(_("{cells} cells in this row, {header} in the header").format(
                cells=len(rec[2]), header=len(header)), path, rec[0])
        row = dict(zip(header, map(_plain, rec[2])))
        key = row["path"] or (row["department.code"], row["year"], row["name"])
        groups.setdefault(key, []).append(rec)
    return [_csv_doc(path, header, rows) for rows in groups.values()]


def _plain(cell: str) -> str:
    """The cell as the project holds it: without the ``'`` of the export's formula protection."""
    return cell[1:] if cell.startswith("'") and export.neutralise(cell[1:]) == cell else cell


def _header(path: str, record: tuple[int, str, list[str]]) -> list[str]:
    line, raw, cells = record
    cells = [c.strip() for c in cells]
    starts = _cell_starts(raw)
    for i, name in enumerate(cells):
        if name not in _COLUMN_PATHS:
            close = difflib.get_close_matches(name, list(_COLUMN_PATHS), n=1)
            message = (_("unknown column {name!r}: not a column of perfctl export --format csv; did you mean "
                         "{close!r}?").format(name=name, close=close[0]) if close else
                       _("unknown column {name!r}: not a column of perfctl export --format csv").format(name=name))
            raise InputError(message, path, line, starts[i] + 1)
        if name in cells[:i]:
            raise InputError(_("column {name!r} appears twice").format(name=name), path, line, starts[i] + 1)
    for name in _REQUIRED:
        if name not in cells:
            raise InputError(_("missing column {name!r}: the header must have the columns of perfctl export "
                               "--format csv").format(name=name), path, line)
    return cells


def _cell_starts(raw: str) -> list[int]:
    """The offset in a record's text where each of its cells begins (RFC 4180 quoting)."""
    starts, i = [0], 0
    while i < len(raw):
        if raw[i] == '"' and i == starts[-1]:  # a quoted cell: on to its closing quote ("" is a quote in it)
            i += 1
            while i < len(raw) and not (raw[i] == '"' and raw[i + 1:i + 2] != '"'):
                i += 2 if raw[i] == '"' else 1
        elif raw[i] == ",":
            starts.append(i + 1)
        i += 1
    return starts


def _csv_doc(path: str, header: list[str], rows: list[tuple[int, str, list[str]]]) -> Located:
    """One project from its rows: the project's cells from the first (the others must repeat
    them), one indicator per row."""
    cells = [dict(zip(header, map(_plain, rec[2]))) for rec in rows]
    first = cells[0]
    for (line, raw, _cells), row in zip(rows, cells):
        for column in header:
            if column in _FILLED and not row[column]:
                raise InputError(_("column {column} is empty; every row needs it").format(column=column), path, line,
                                 _cell_starts(raw)[header.index(column)] + 1)
            if column in _PROJECT_COLUMNS and row[column] != first[column]:
                raise InputError(_("column {column} is {value!r} here but {first!r} on line {line}, a row of the "
                                   "same project: a project's columns repeat on each of its rows").format(
                                       column=column, value=row[column], first=first[column], line=rows[0][0]),
                                 path, line, _cell_starts(raw)[header.index(column)] + 1)
    data: dict[str, Any] = {"indicators": [{} for _ in rows]}
    texts: dict[Any, str] = {}
    for column in header:
        p = _COLUMN_PATHS[column]
        if not p:
            continue
        if p[0] != "indicators":
            if first[column]:
                _put(data, texts, p, first[column])
            continue
        for i, row in enumerate(cells):  # an empty 三级指标 or 指标值 is kept, as '' (the schema allows it)
            if row[column] or p[-1] in ("name", "target"):
                _put(data, texts, ("indicators", i, p[-1]), row[column])

    def locate(p: tuple[Any, ...], key: bool) -> tuple[int, int | None] | None:
        line, raw, _ = rows[p[1] if len(p) > 1 and p[0] == "indicators" else 0]
        column = _column(p)
        if column not in header:
            return (line, None)
        offset = _cell_starts(raw)[header.index(column)]
        return line + raw.count("\n", 0, offset), offset - raw.rfind("\n", 0, offset)

    return Located(path, data, texts, locate, _column)


def _column(p: tuple[Any, ...]) -> str | None:
    """The CSV column of a file path (``("indicators", 2, "name")`` → ``indicator``)."""
    key = tuple("*" if isinstance(x, int) else x for x in p)
    return next((c for c, cp in _COLUMN_PATHS.items() if cp == key and cp), None)


def _put(data: dict[str, Any], texts: dict[Any, str], p: tuple[Any, ...], cell: str) -> None:
    """Set the value at ``p`` from a cell (``year`` as a number when it is written in digits)."""
    node = data
    for k in p[:-1]:
        node = node[k] if isinstance(k, int) else node.setdefault(k, {})
    node[p[-1]] = int(cell) if p == ("year",) and cell.isascii() and cell.isdigit() else cell
    texts[p] = cell

