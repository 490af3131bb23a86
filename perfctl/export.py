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

from perfctl import money
from perfctl.model import Indicator, Project

#: CSV columns, named by their dotted path in the JSON record (``indicator`` is the
#: 三级指标 name, ``indicators[].name`` in JSON). Stable: add columns at the end only.
CSV_COLUMNS = (
    "path", "department.code", "department.name", "year", "name", "money_unit",
    "budget.total", "budget.fiscal", "budget.other",
    "level1", "level2", "indicator", "description",
    "target.text", "target.kind", "target.op", "target.value", "target.high", "target.unit", "target.value_yuan",
    "target.reason",
)
#: First characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _decimal(value: Decimal | None) -> str | None:
    return money.amount_text(value) if value is not None else None


def record(project: Project) -> dict[str, Any]:
    """One project as JSON-ready data, keys in the documented order.

    ``{"path", "department": {"code", "name"}, "year", "name", "money_unit",
    "budget": {"total", "fiscal", "other"}, "purpose", "goals", "indicators": [{"level1",
    "level2", "name", "description", "target": {"text", "kind", "op", "value", "high",
    "unit", "value_yuan", "reason"}}], "source": {"document", "position", "number", "title"} | None}``
    """
    b = project.budget
    src = project.source
    return {
        "path": project.path.as_posix() if project.path is not None else None,
        "department": {"code": project.department.code, "name": project.department.name},
        "year": project.year,
        "name": project.name,
        "money_unit": project.money_unit,
        "budget": {"total": _decimal(b.total), "fiscal": _decimal(b.fiscal), "other": _decimal(b.other)},
        "purpose": project.purpose,
        "goals": list(project.goals),
        "indicators": [_indicator(ind) for ind in project.indicators],
        "source": None if src is None else {
            "document": src.document, "position": src.position, "number": src.number, "title": src.title},
    }


def _indicator(ind: Indicator) -> dict[str, Any]:
    t = ind.parsed
    return {
        "level1": ind.level1, "level2": ind.level2, "name": ind.name, "description": ind.description,
        "target": {"text": t.text, "kind": t.kind, "op": t.op, "value": t.value, "high": t.high,
                   "unit": t.unit, "value_yuan": _decimal(t.value_yuan.normalize()) if t.value_yuan is not None else None,
                   "reason": t.reason},
    }


def rows(project: Project) -> Iterator[dict[str, str]]:
    """The CSV rows of one project: one per indicator, project columns repeated.

    Keys are :data:`CSV_COLUMNS`; ``None`` becomes ``""``; cells are not yet neutralised.
    """
    rec = record(project)
    base = {"path": rec["path"], "department.code": rec["department"]["code"],
            "department.name": rec["department"]["name"], "year": rec["year"], "name": rec["name"],
            "money_unit": rec["money_unit"], **{f"budget.{k}": v for k, v in rec["budget"].items()}}
    for ind in rec["indicators"]:
        row = {**base, "level1": ind["level1"], "level2": ind["level2"], "indicator": ind["name"],
               "description": ind["description"], **{f"target.{k}": v for k, v in ind["target"].items()}}
        yield {col: "" if row[col] is None else str(row[col]) for col in CSV_COLUMNS}


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
