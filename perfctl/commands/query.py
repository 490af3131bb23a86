"""``perfctl query "SQL" [PATH...]``: DuckDB over the store's ``projects`` and ``indicators``.

The two views are :func:`perfctl.analytics.tables`, the tables ``export --format parquet``
writes, registered in memory (nothing is written). DuckDB comes with the analytics extra.
"""

from __future__ import annotations

import datetime
import json
import math
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfctl import money
from perfctl.commands import write_stdout
from perfctl.errors import UsageError
from perfctl.i18n import _, ngettext

#: Output formats of the result.
FORMATS = ("table", "csv", "json")


def run(sql: str, paths: list[Path], fmt: str = "table") -> int:
    """Run ``sql`` over the projects under ``paths`` and print the result in ``fmt``.

    ``table``: a grid aligned by display width (a Chinese character counts 2), fitted to the
    terminal; ``csv``: a header, then RFC 4180 rows (cells a spreadsheet would run as a formula
    get a ``'``, as in the export); ``json``: a list of objects, one per row. A column name
    that repeats gets ``_2``, ``_3`` … (:func:`_unique`). Decimals (amounts,
    points) are printed exactly, with at least two places (:func:`perfctl.money.display`), and
    are strings in JSON; NULL is an empty cell, JSON ``null``.

    DuckDB runs with external access off: the SQL reads the two views and nothing else (no
    file, no extension, no COPY … TO). Exit 2 when a file fails to load, a project is in two
    files, or the SQL fails (DuckDB's message, :class:`UsageError`); :class:`UsageError` too when pyarrow or duckdb is missing
    (the message names the extra to install).
    """
    from perfctl import analytics, store
    from perfctl.commands.export import loaded

    if fmt not in FORMATS:
        raise UsageError(_("unknown query format {fmt!r}; choose one of: {choices}").format(
            fmt=fmt, choices=", ".join(FORMATS)))
    if not sql.strip():
        raise UsageError(_("the SQL is empty; for example: perfctl query \"select count(*) from indicators\" data"))
    duckdb = analytics.require("duckdb")
    analytics.require("pyarrow")
    projects = loaded(paths, query=True)
    if projects is None:
        return 2
    project_table, indicator_table = analytics.tables(store.document_order(projects))
    # the views are all a query reads: no file is read or written, no extension fetched, so a
    # COPY … TO can never replace a project file (writes go through perfctl's safe paths only)
    con = duckdb.connect(config={"enable_external_access": False})
    try:
        con.register("projects", project_table)
        con.register("indicators", indicator_table)
        try:
            result = con.sql(sql)
            if result is None:  # a statement without a result (SET, CREATE VIEW …)
                return 0
            headers = _unique(result.columns)
            rows = result.fetchall()
        except duckdb.Error as exc:
            raise UsageError(_("SQL: {message}").format(message=str(exc).strip())) from None
    finally:
        con.close()
    write_stdout(_FORMATTERS[fmt](headers, rows))
    return 0


def _unique(names: list[str]) -> list[str]:
    """Column names made unique, the second ``total`` becoming ``total_2``: a JSON object
    holds each key once (``select budget.total, budget_yuan.total`` names both ``total``)."""
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _cell(value: Any) -> str:
    """A value as text: decimals exactly (:func:`perfctl.money.display`), NULL empty,
    structs and lists as JSON."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money.display(value)
    if isinstance(value, (dict, list)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(value)


def _plain(value: Any) -> Any:
    """A value as JSON data: decimals as exact strings, dates ISO, structs objects, NaN and
    infinity null, bytes as hex, intervals as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, Decimal):
        return money.display(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    iso = getattr(value, "isoformat", None)
    return iso() if iso is not None else str(value)


def _table(headers: list[str], rows: list[tuple[Any, ...]]) -> str:
    from perfctl import terminal

    body = [[terminal.clean(_cell(v)) for v in row] for row in rows]
    text = terminal.table(body, [terminal.clean(h) for h in headers], terminal.terminal_width(), "grid")
    n = len(rows)
    count = ngettext("({n} row)", "({n} rows)", n).format(n=n)
    return f"{text}\n{count}\n" if sys.stdout.isatty() else f"{text}\n"


def _csv(headers: list[str], rows: list[tuple[Any, ...]]) -> str:
    import csv
    import io

    from perfctl.export import neutralise

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([neutralise(_cell(v)) for v in row] for row in rows)
    return buf.getvalue()


def _json(headers: list[str], rows: list[tuple[Any, ...]]) -> str:
    records = [dict(zip(headers, (_plain(v) for v in row))) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


_FORMATTERS = {"table": _table, "csv": _csv, "json": _json}
