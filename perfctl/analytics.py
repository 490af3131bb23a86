"""The store as two Arrow tables, ``projects`` and ``indicators``: what ``export --format
parquet`` writes and what ``perfctl query`` runs DuckDB over.

Both tables are :func:`perfctl.export.record` (the JSON export's record) with types: the
columns come from the field table (:data:`perfctl.fields.FIELDS`), so a new field is a new
column here too.

- ``projects``: one row per project, in document order: ``path``, then every field of the
  JSON record but the rows, nested as in JSON (``department.code``, ``budget.total``: DuckDB,
  Spark and Trino all read a struct's field with a dot), plus ``budget_yuan`` (the amounts
  of ``budget`` in 元, comparable across files) and ``rows`` (how many indicator rows).
- ``indicators``: one row per indicator row, in table order: ``path``, ``position`` (1 for
  the first row of its file), the project's ``department``, ``year``, ``name`` (项目名称)
  and ``money_unit``, then the row's fields under their CSV column names (``level1``,
  ``level2``, ``indicator`` for the 三级指标 …) and ``target`` as the target grammar reads it
  (:mod:`perfctl.target`): ``text`` as written, ``kind``, ``op``, ``value``, ``high``, ``unit``
  … as in the JSON export, plus ``value_number`` and ``high_number``, the value as a decimal
  when it is a number (``≥50人`` → 50; a date's ``2025-12`` → null).

Types: text, codes and choices are strings; ``year`` and source numbers int32; lists of
texts list<string>; amounts (in ``money_unit``, 元 or 万元), points (out of 100) and
``target.value_yuan`` are ``decimal128(38, 6)``, six places being what a 万元 amount is written
to (:data:`perfctl.money.UNIT_PLACES`; a 元 amount's two fit exactly); ``budget_yuan``
``decimal128(38, 2)``. No value is rounded: a number with more places than its column holds
is an :class:`~perfctl.errors.InputError` naming the file.

pyarrow (and duckdb, for the query) are the ``analytics`` extra, imported by the functions
that use them (:func:`require`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from perfctl import export, fields, money
from perfctl.errors import InputError, UsageError
from perfctl.i18n import _
from perfctl.model import Project

#: Where the pip extra is named in messages.
EXTRA = "pip install 'perfctl[analytics]'"
#: Decimal places of amounts and points (a 万元 amount's six) and of ``budget_yuan`` (a 元 amount's two).
PLACES = max(money.UNIT_PLACES.values())
YUAN_PLACES = money.UNIT_PLACES["元"]
#: The files ``export --format parquet -o DIR`` writes into DIR, one per table.
FILES = {"projects": "projects.parquet", "indicators": "indicators.parquet"}
#: Project fields repeated on every indicator row, so that most questions need no join.
ROW_PROJECT_KEYS = ("department", "year", "name", "money_unit")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
#: The amounts of ``budget`` given in yuan too (``budget_yuan``).
_BUDGET_AMOUNTS = tuple(f.key for f in fields.under(("budget",)) if f.type == "amount")


def require(module: str) -> Any:
    """Import ``module`` (``"pyarrow"``, ``"duckdb"``) or raise :class:`UsageError` (exit 2)
    saying which extra installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(_("this needs {module}, part of the analytics extra: {install}").format(
            module=module, install=EXTRA)) from None


# ---------------------------------------------------------------- schema from the field table

def _arrow_type(f: fields.Field) -> Any:
    pa = require("pyarrow")
    if f.type in ("amount", "points"):
        return pa.decimal128(38, PLACES)
    if f.type == "integer":
        return pa.int32()
    if f.type == "texts":
        return pa.list_(pa.string())
    if f.type == "object":
        return pa.struct([(c.key, _arrow_type(c)) for c in fields.under(f.path) if c.in_json])
    return pa.string()


def _target_type() -> Any:
    pa = require("pyarrow")
    decimal = pa.decimal128(38, PLACES)
    keys = [(k, decimal if k == "value_yuan" else pa.string()) for k in export.TARGET_KEYS]
    return pa.struct([*keys, ("value_number", decimal), ("high_number", decimal)])


def project_schema() -> Any:
    """The ``projects`` table's :class:`pyarrow.Schema`."""
    pa = require("pyarrow")
    top = [(f.key, _arrow_type(f)) for f in fields.under(()) if f.in_json and f.type != "rows"]
    yuan = pa.struct([(k, pa.decimal128(38, YUAN_PLACES)) for k in _BUDGET_AMOUNTS])
    return pa.schema([("path", pa.string()), *top, ("budget_yuan", yuan), ("rows", pa.int32())])


def indicator_schema() -> Any:
    """The ``indicators`` table's :class:`pyarrow.Schema`."""
    pa = require("pyarrow")
    own = [(f.export, _target_type() if f.key == "target" else _arrow_type(f))
           for f in fields.under(fields.ROW) if f.export is not None]
    shared = [(k, _arrow_type(fields.BY_PATH[(k,)])) for k in ROW_PROJECT_KEYS]
    return pa.schema([("path", pa.string()), ("position", pa.int32()), *shared, *own])


# ---------------------------------------------------------------- typed values

def _fits(value: Decimal, places: int) -> bool:
    """Whether ``value`` fits a ``decimal(38, places)`` column exactly (decimals past
    ``places`` all zeros, at most ``38 - places`` integer digits)."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return False  # NaN, infinity
    beyond = -exponent - places
    return not (beyond > 0 and any(digits[-beyond:])) and len(digits) + exponent <= 38 - places


def _exact(text: str, places: int, path: str | None, what: str) -> Decimal:
    """``text`` as a Decimal that fits ``places`` decimals, or :class:`InputError`."""
    value = Decimal(text)
    if not _fits(value, places):
        raise InputError(_("{field} {value} does not fit the Parquet/SQL column (decimal(38, {places})); "
                           "nothing exported").format(field=what, value=text, places=places), path)
    return value


def _typed(rec: dict[str, Any] | None, parent: tuple[str, ...], path: str | None) -> dict[str, Any] | None:
    """A JSON record's mapping with amounts and points as Decimal, per the field table."""
    if rec is None:
        return None
    out: dict[str, Any] = {}
    for f in fields.under(parent):
        value = rec.get(f.key)
        if value is None:
            value = f.default  # kind: 'project' when the file leaves it out, so that SQL can ask for it
        if not f.in_json or f.type == "rows" or value is None:
            continue
        if f.type == "object":
            out[f.key] = _typed(value, f.path, path)
        elif f.unit is not None:
            out[f.key] = _exact(value, PLACES, path, f.name)
        else:
            out[f.key] = value
    return out


def _number(text: str | None, path: str | None) -> Decimal | None:
    """A target's ``value``/``high`` as a number for ``value_number``/``high_number``: ``None``
    when it is no plain number or does not fit the column (more than :data:`PLACES` decimals or
    32 integer digits: a derived column, so the target's text stays the record)."""
    if text is None or not _NUMBER.fullmatch(text):
        return None
    value = Decimal(text)
    if not _fits(value, PLACES):
        return None
    return value


def _rows(project: Project) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One project's row of ``projects`` and its rows of ``indicators``."""
    rec = export.record(project)
    path = rec["path"]
    top = _typed(rec, (), path) or {}
    top["path"] = path
    budget, unit = top.get("budget") or {}, top.get("money_unit")
    if unit in money.MONEY_UNITS:
        top["budget_yuan"] = {k: _exact(f"{money.to_yuan(budget[k], unit):f}", YUAN_PLACES, path,
                                         _("{field} in 元").format(field=f"budget.{k}"))
                              for k in _BUDGET_AMOUNTS if budget.get(k) is not None}
    top["rows"] = len(rec["indicators"])
    shared = {k: top.get(k) for k in ROW_PROJECT_KEYS}
    out = []
    for i, ind in enumerate(rec["indicators"], 1):
        row = {"path": path, "position": i, **shared}
        typed = _typed(ind, fields.ROW, path) or {}
        for f in fields.under(fields.ROW):
            if f.export is not None and f.key != "target":
                row[f.export] = typed.get(f.key)
        t = dict(ind["target"])
        t["value_yuan"] = _number(t["value_yuan"], path)
        t["value_number"], t["high_number"] = _number(t["value"], path), _number(t["high"], path)
        row["target"] = t
        out.append(row)
    return top, out


#: Projects turned into Arrow at a time: their rows as Python dicts live only that long.
BATCH = 500


def tables(projects: Iterable[Project]) -> tuple[Any, Any]:
    """``(projects, indicators)`` as :class:`pyarrow.Table` (schemas :func:`project_schema`,
    :func:`indicator_schema`), rows in the order given. :class:`InputError` for a number with
    more decimal places than its column; :class:`UsageError` when pyarrow is missing."""
    pa = require("pyarrow")
    schemas = project_schema(), indicator_schema()
    batches: tuple[list[Any], list[Any]] = ([], [])
    tops: list[dict[str, Any]] = []
    inds: list[dict[str, Any]] = []

    def flush() -> None:
        for out, rows, schema in zip(batches, (tops, inds), schemas):
            out.append(pa.RecordBatch.from_pylist(rows, schema=schema))
            rows.clear()

    for project in projects:
        top, rows = _rows(project)
        tops.append(top)
        inds += rows
        if len(tops) == BATCH:
            flush()
    flush()
    return tuple(pa.Table.from_batches(b, schema=s) for b, s in zip(batches, schemas))  # type: ignore[return-value]


def write_parquet(table: Any, fh: IO[bytes]) -> None:
    """Write ``table`` as Parquet (zstd-compressed) to the open binary file ``fh``."""
    pq = require("pyarrow.parquet")
    pq.write_table(table, fh, compression="zstd")
