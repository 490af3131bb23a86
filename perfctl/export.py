"""The export format: projects as plain data (JSON), as one CSV row per indicator, and the
same rows as an Excel workbook (:func:`write_xlsx`).

The shape is documented for users in the README ("Export format"); change both together.
Money stays exact: amounts are decimal strings in the project's ``money_unit`` as written
(``"200000.00"``), ``value_yuan`` is a decimal string in yuan (``≤8万元`` → ``"80000"``);
absent values are JSON ``null`` and empty CSV cells. In the workbook amounts are numbers
holding exactly the file's value (:func:`_number_cell`), codes text cells.

openpyxl is imported inside :func:`write_xlsx` only, so the CLI's start stays light.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

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
    "unit", "value_yuan", "reason", "base", "remark"}}], "source": {"document", "position", "number",
    "title"} | None}``. These keys are always there (``null`` when absent). ``target.text`` is the
    指标值 as written; the other target keys are its reading, in the row's 计量单位 when it has one.
    The other fields of :data:`perfctl.fields.FIELDS` (``kind``, ``implementing_unit``, ``period``,
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
    """One row; ``target.text`` is the 指标值 as the file writes it (``"50"``), the parsed keys
    its reading in the row's 计量单位 (:attr:`perfctl.model.Indicator.parsed`: unit ``人``)."""
    out = _section(ind, _ROW)
    t = ind.parsed
    out["target"] = {"text": ind.target, "kind": t.kind, "op": t.op, "value": t.value, "high": t.high, "unit": t.unit,
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


#: Text export formats by name: each gives its text in parts.
FORMATS: dict[str, Callable[[Iterable[Project]], Iterator[str]]] = {"json": json_parts, "csv": csv_parts}
#: Output file suffixes and the format each means (``export -o targets.xlsx``); ``.parquet``
#: names the folder the two Parquet tables go into (as Spark names its output folders).
SUFFIXES = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
#: Formats written as a folder of files (:mod:`perfctl.analytics`: one file per table).
FOLDER_FORMATS = ("parquet",)
#: The byte-order mark a CSV file starts with by default, so that Excel (Chinese Windows
#: above all) reads it as UTF-8 instead of the local code page.
BOM = "\ufeff"

# ---------------------------------------------------------------- xlsx

#: The workbook's one sheet.
XLSX_SHEET = "indicators"
#: Columns of money, in ``money_unit``.
_AMOUNT_COLUMNS = frozenset(f.export for f in fields.FIELDS if f.type == "amount" and f.export)
#: Columns written as numbers in the workbook: money, points, ``year`` and ``target.value_yuan``;
#: every other column (codes such as ``089101`` above all) is text.
_NUMBER_COLUMNS = _AMOUNT_COLUMNS | {"target.value_yuan"} | {
    f.export for f in fields.FIELDS if f.type in ("points", "integer") and f.export}
#: The number format of a text cell: what is typed into it later stays text too.
TEXT_FORMAT = "@"
#: Column widths in characters (a Chinese character counts 2): the widest cell, within these bounds.
XLSX_WIDTHS = (6, 50)


def xlsx_rows(projects: Iterable[Project]) -> Iterator[list[Any]]:
    """The workbook's rows: :data:`CSV_COLUMNS`, then :func:`rows` as cell values — ``None``
    for an empty cell, :class:`~decimal.Decimal` for the number columns (amounts in
    ``money_unit``, points, ``year``, ``target.value_yuan``), text for the others. Never
    neutralised: a text cell of a workbook is not run as a formula."""
    yield list(CSV_COLUMNS)
    for project in projects:
        for row in rows(project):
            yield [None if row[c] == "" else Decimal(row[c]) if c in _NUMBER_COLUMNS else row[c] for c in CSV_COLUMNS]


def write_xlsx(projects: Iterable[Project], fh: IO[bytes]) -> None:
    """Write the long format as an Excel workbook to ``fh`` (an open binary file).

    One sheet (:data:`XLSX_SHEET`) with the columns and rows of the CSV: the header row bold
    and frozen; codes (``department.code``, ``code``) and every other text as text cells
    (number format ``@``: ``089101`` keeps its zero, ``=100%`` stays text); amounts, points,
    ``year`` and ``target.value_yuan`` as numbers (:func:`_number_cell`); widths from the
    widest cell (:data:`XLSX_WIDTHS`). Control characters, which a workbook cannot hold,
    are written visibly (``\\x1b``).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from perfctl.terminal import width

    table = list(xlsx_rows(projects))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(XLSX_SHEET)
    low, high = XLSX_WIDTHS
    for i, column in enumerate(CSV_COLUMNS):
        shown = money.display if column in _AMOUNT_COLUMNS else "{:f}".format
        cells = (row[i] if isinstance(row[i], str) else shown(row[i]) for row in table if row[i] is not None)
        widest = max((width(text[:high]) for text in cells), default=0)
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(widest, low), high) + 2
    ws.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(column: str, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return _number_cell(ws, value, column in _AMOUNT_COLUMNS)
        c = WriteOnlyCell(ws, ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value))
        c.data_type = "s"  # text, even when it starts with = (openpyxl would write a formula)
        c.number_format = TEXT_FORMAT
        return c

    header, *body = table
    head = []
    for name in header:
        c = WriteOnlyCell(ws, name)
        c.font = bold
        head.append(c)
    ws.append(head)
    for row in body:
        ws.append([cell(column, value) for column, value in zip(CSV_COLUMNS, row)])
    wb.save(fh)


def _number_cell(ws: Any, value: Decimal, amount: bool) -> Any:
    """A number cell holding exactly ``value``. A float is used when it is the float nearest
    ``value`` (its shortest text is ``value``: ``9.13``) and the text openpyxl writes for it (16
    significant digits, ``9.130000000000001``) reads back as the same float — every amount of up
    to 15 digits, 万元 to 6 places included; beyond that (never in a real budget) the exact decimal
    text is written as a text cell instead, so no digit is lost. An amount shows the decimals :func:`perfctl.money.display` prints (``0.00``,
    ``0.000000`` for ``80.123456`` 万元); points and the rest show as Excel's General format."""
    from openpyxl.cell import WriteOnlyCell

    number = float(value)
    if Decimal(repr(number)) != value or float("%.16g" % number) != number:
        c = WriteOnlyCell(ws, f"{value:f}")
        c.data_type = "s"
        c.number_format = TEXT_FORMAT
        return c
    c = WriteOnlyCell(ws, number)
    if amount:
        places = len(money.display(value).partition(".")[2])
        c.number_format = "0." + "0" * places
    return c


#: Binary export formats by name: each writes its bytes to an open binary file.
BINARY_FORMATS: dict[str, Callable[[Iterable[Project], IO[bytes]], None]] = {"xlsx": write_xlsx}
