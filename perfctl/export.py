"""The export format: projects as plain data (JSON) and as one CSV row per indicator.

The shape is documented for users in the README ("Export format"); change both together.
Money stays exact: amounts are decimal strings in the project's ``money_unit`` as written
(``"200000.00"``), ``value_yuan`` is a decimal string in yuan (``≤8万元`` → ``"80000"``);
absent values are JSON ``null`` and empty CSV cells.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from perfctl import fields, money
from perfctl.model import Indicator, Project

#: The keys of a parsed target in the export (``target.text`` … in CSV).
TARGET_KEYS = ("text", "kind", "op", "value", "high", "unit", "value_yuan", "reason", "base", "remark")
#: Target keys added after the first revision, and the revision (:attr:`perfctl.fields.Field.since`):
#: their CSV columns go at the end.
TARGET_KEYS_SINCE = {"base": 2, "remark": 2}
_ROW = ("indicators", "*")


def _columns() -> tuple[str, ...]:
    """``path``, the columns of the form's own fields in table order, then those of the other
    fields (:attr:`perfctl.fields.Field.core`), each revision's (:attr:`perfctl.fields.Field.since`)
    after the one before: new columns only ever go at the end."""
    core: list[str] = []
    extra: list[tuple[int, str]] = []
    for f in fields.FIELDS:
        if f.export is not None:
            if f.path == _ROW + ("target",):
                core.extend(f"target.{k}" for k in TARGET_KEYS if k not in TARGET_KEYS_SINCE)
                extra.extend((since, f"target.{k}") for k, since in TARGET_KEYS_SINCE.items())
                continue
            cols = [f.export]
            if f.core:
                core.extend(cols)
            else:
                extra.extend((f.since, c) for c in cols)
    return ("path", *core, *(c for _, c in sorted(extra, key=lambda sc: sc[0])))


#: CSV columns, named by their dotted path in the JSON record (``indicator`` is the
#: 三级指标 name, ``indicators[].name`` in JSON; ``op``, ``unit``, ``weight`` … are the
#: indicator's, ``budget.weight`` the budget row's). Stable: columns are added at the end only.
CSV_COLUMNS = _columns()
_PROJECT_COLUMNS = tuple(f for f in fields.FIELDS if f.export is not None and f.path[0] != "indicators")
_ROW_COLUMNS = tuple(f for f in fields.under(_ROW) if f.export is not None)
#: First characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _decimal(value: Decimal | None) -> str | None:
    return money.amount_text(value) if value is not None else None


def record(project: Project) -> dict[str, Any]:
    """One project as JSON-ready data, keys in the field table's order.

    ``{"path", "department": {"code", "name"}, "year", "name", "money_unit",
    "budget": {"total", "fiscal", "other"}, "purpose", "goals", "indicators": [{"level1",
    "level2", "name", "description", "target": {"text", "kind", "op", "value", "high",
    "unit", "value_yuan", "reason"}}], "source": {"document", "position", "number", "title"} | None}``.
    These keys are always there (``null`` when absent). The other fields of
    :data:`perfctl.fields.FIELDS` (``kind``, ``implementing_unit``, ``period``,
    ``budget.initial`` / ``adjusted`` / ``spent`` / ``weight`` / ``deviation`` / ``parts``, ``midterm_goals``,
    ``goals_actual``, per indicator ``op``, ``unit``, ``basis``, ``weight``, ``actual``,
    ``score``, ``deviation``) appear in their place only when the file has them. Amounts
    are decimal strings in ``money_unit`` (元 or 万元), points decimal strings out of 100.
    """
    return {"path": project.path.as_posix() if project.path is not None else None, **_section(project, ())}


def _section(obj: Any, parent: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields.under(parent):
        if not f.in_json:
            continue
        value = getattr(obj, f.key)
        if f.type == "object":
            if value is not None:
                out[f.key] = _section(value, f.path)
            elif f.core:  # the form's own objects are always there (source: null)
                out[f.key] = None
        elif f.type == "rows":
            out[f.key] = [_indicator(row) for row in value]
        elif f.core or fields.present(f, value):
            out[f.key] = _json_value(f, value)
    return out


def _json_value(f: fields.Field, value: Any) -> Any:
    return list(value) if f.type == "texts" else fields.shown(f, value)


def _indicator(ind: Indicator) -> dict[str, Any]:
    out = _section(ind, _ROW)
    t = ind.parsed
    out["target"] = {"text": t.text, "kind": t.kind, "op": t.op, "value": t.value, "high": t.high, "unit": t.unit,
                     "value_yuan": _decimal(t.value_yuan.normalize()) if t.value_yuan is not None else None,
                     "reason": t.reason, "base": t.base, "remark": t.remark}
    return out


def _get(rec: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = rec
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def rows(project: Project) -> Iterator[dict[str, str]]:
    """The CSV rows of one project: one per indicator, project columns repeated.

    Keys are :data:`CSV_COLUMNS`; ``None`` becomes ``""``; cells are not yet neutralised.
    """
    rec = record(project)
    base = {"path": rec["path"], **{f.export: _get(rec, f.path) for f in _PROJECT_COLUMNS}}
    for ind in rec["indicators"]:
        row = dict(base)
        for f in _ROW_COLUMNS:
            if f.key == "target":
                row.update({f"target.{k}": v for k, v in ind["target"].items()})
            else:
                row[f.export] = ind.get(f.key)  # type: ignore[index]
        yield {col: "" if row.get(col) is None else str(row[col]) for col in CSV_COLUMNS}


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula.

    A cell whose first non-blank character is ``=``, ``+``, ``-`` or ``@`` gets the quote
    (``=100%`` → ``'=100%``), except a plain decimal number such as ``-5`` or ``+0.5``,
    which a spreadsheet reads as that number and nothing else.
    """
    if cell.lstrip().startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell.strip()):
        return "'" + cell
    return cell


def json_parts(projects: Iterable[Project]) -> Iterator[str]:
    """:func:`to_json`'s text a project at a time: a large store's export is never one
    string in memory."""
    first = True
    for project in projects:
        text = json.dumps(record(project), ensure_ascii=False, indent=2)
        yield ("[\n  " if first else ",\n  ") + text.replace("\n", "\n  ")  # JSON text has no raw line breaks
        first = False
    yield "[]\n" if first else "\n]\n"


def to_json(projects: list[Project]) -> str:
    """A JSON list of :func:`record`, UTF-8 text unescaped, indented 2, ending in a newline
    (what ``json.dumps(list, ensure_ascii=False, indent=2)`` writes)."""
    return "".join(json_parts(projects))


def csv_parts(projects: Iterable[Project]) -> Iterator[str]:
    """:func:`to_csv`'s text a project at a time."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for project in projects:
        for row in rows(project):
            writer.writerow([neutralise(row[col]) for col in CSV_COLUMNS])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def to_csv(projects: list[Project]) -> str:
    """CSV text: a header of :data:`CSV_COLUMNS`, then :func:`rows` with every cell
    :func:`neutralise`-d. RFC 4180 quoting, ``\\n`` line ends, no byte-order mark."""
    return "".join(csv_parts(projects))


#: Export formats by name (the ``--format`` choices): each gives its text in parts.
FORMATS: dict[str, Callable[[Iterable[Project]], Iterator[str]]] = {"json": json_parts, "csv": csv_parts}
