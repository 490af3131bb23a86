"""perfctl's own export read back: ``perfctl export`` JSON or CSV → projects.

Two shapes, told apart by content (:func:`detect`), never by the file's name:

- ``export-json``: what ``perfctl export --format json`` writes (:func:`perfctl.export.record`),
  a JSON list of project records (or one record on its own, as ``jq '.[0]'`` gives it):
  ``[{"path", "department": {"code", "name"}, "year", "name", "money_unit", "budget": {"total",
  "fiscal", "other", …}, "purpose", "goals", "indicators": [{"level1", "level2", "name",
  "description", "target": {"text", …}, …}], "source", …}]``. Every key but ``path`` is the
  project file's key of the same name; ``null`` means absent, and so does an object whose keys
  are all ``null`` (``budget`` of a department table without money). Amounts are decimal
  strings in ``money_unit`` (元 or 万元), points decimal strings out of 100; a JSON number is
  taken by its written digits, as an unquoted number in a project file is.
- ``export-csv``: what ``perfctl export --format csv`` writes (:data:`perfctl.export.CSV_COLUMNS`),
  UTF-8 with or without a byte-order mark: a header row of the stable English column names,
  then one row per indicator, the project's columns repeated on each of its rows. Rows are
  gathered into projects by ``path`` (by department code, year and name where it is empty),
  in the order first seen; the project's cells must be the same on each of its rows. An empty
  cell is an absent value; the ``'`` the export puts before a cell a spreadsheet would run as a
  formula (:func:`perfctl.export.neutralise`) is taken off again. The columns of the first
  revision of the format must all be there (``target.kind`` … ``target.reason``, which are
  read by nobody, may be left out); later ones (``budget.deviation``, ``budget.parts.…``,
  ``code``) may be missing, as in an older perfctl's export. The CSV holds no ``purpose``,
  ``goals``, ``midterm_goals``, ``goals_actual`` or ``source``, and no project without
  indicator rows.

In both, the parsed target (``target.kind``, ``value``, ``value_yuan`` …) is ignored: the
target is ``target.text``, the 指标值 as the file wrote it, taken as it is (a bare number with a
计量单位, ``target: '50'`` and ``unit: 人``, comes back as ``'50'``; the unit is read into it again
on loading, :func:`perfctl.model.parse_with_unit`).
``path`` is not where the project goes (import writes ``STORE/<部门编码>/<year>/<slug>.yaml``).
Each project is checked against the project schema and built by :func:`perfctl.model.from_doc`,
as a project file is, so a project read here writes back (:func:`perfctl.model.to_data`) the
file it was exported from when that file was in ``perfctl fmt``'s canonical form (comments,
which no export carries, aside).

:func:`read` raises :class:`~perfctl.errors.InputError` naming the file, with the line and
column of the JSON value or CSV cell where one is known, for bad JSON, a missing or unknown
column, values of the wrong type, and anything the project schema refuses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from perfctl import export, fields, fileio, model, schema
from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.importers.build import Imported
from perfctl.yamlio import Doc

JSON, CSV = "export-json", "export-csv"
#: The reader names :func:`detect` gives, in the order it tries them.
FORMATS = (JSON, CSV)

_TOP_KEYS = ("path", *(f.key for f in fields.under() if f.in_json))
_JSON_START = re.compile(r'\s*(?:\[\s*(?:\]|\{\s*"(?:%s)"\s*:)|\{\s*"(?:%s)"\s*:)' % (("|".join(_TOP_KEYS),) * 2))
_CSV_COLUMNS = frozenset(export.CSV_COLUMNS)
#: Where a position is looked up: ``locate(file path, at_key)`` → (line, col or None), or None.
Locate = Callable[[tuple[Any, ...], bool], "tuple[int, int | None] | None"]


def detect(head: bytes) -> str | None:
    """``"export-json"``, ``"export-csv"`` or ``None``, from a file's first bytes: a JSON list
    (or object) whose first record key is a project key, or a first line at least half of whose
    cells, and five or more, are the CSV export's column names."""
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="ignore")
    if _JSON_START.match(text):
        return JSON
    first = text.lstrip("\r\n").split("\n", 1)[0]
    cells = [c.strip().strip('"') for c in first.rstrip("\r").split(",")]
    known = sum(c in _CSV_COLUMNS for c in cells)
    return CSV if known >= 5 and 2 * known >= len(cells) else None


def read(path: str, data: bytes, kind: str, *, year: int | None = None) -> list[Imported]:
    """The projects of an export file (``kind`` from :func:`detect`), in file order.

    ``year`` (``--year``) must agree with every project's year. Raises :class:`InputError`
    (see the module docstring); an export holding no project is refused too.
    """
    from perfctl.importers import exported_csv, exported_json

    text = fileio.decode(data, path)
    try:
        docs = exported_json.docs(path, text) if kind == JSON else exported_csv.docs(path, text)
        if not docs:
            raise InputError(_("the export holds no project; nothing to import (a project without indicator rows "
                               "has no row in the CSV export: import the JSON export)") if kind == CSV else
                             _("the export holds no project; nothing to import"), path)
        return [_imported(doc, year) for doc in docs]
    except RecursionError:  # JSON nested deeper than Python recurses; a project record is 5 levels deep
        raise InputError(_("invalid export: nested too deeply to be a project record"), path) from None


def _imported(doc: Located, year: int | None) -> Imported:
    """The project of ``doc``, checked against the schema and built as a file's is."""
    schema.validate(doc)
    project = model.from_doc(doc)
    if year is not None and project.year != year:
        raise doc.error(("year",), _("--year {option} disagrees with the year {year} of {name!r}").format(
            option=year, year=project.year, name=project.name))
    project.path, project.doc = None, None
    return Imported(project)


# ---------------------------------------------------------------- documents with positions found on demand


class _NoMarks(dict):  # type: ignore[type-arg]
    """No positions up front (``from_doc`` asks each row's line): (None, None) for any path."""

    def __missing__(self, key: Any) -> tuple[None, None]:
        return (None, None)


class Located(Doc):
    """A project in file shape, positioned in the export by ``locate(path, key)``, which gives
    the (line, col) of the value (or key) at a file path, or ``None``; computed only when an
    error is raised. ``column(path)`` names the CSV column of a path for messages."""

    def __init__(self, path: str, data: Any, texts: dict[Any, str], locate: Locate,
                 column: Callable[[tuple[Any, ...]], str | None] = lambda _: None) -> None:
        super().__init__(path, data, texts, _NoMarks(), {}, "")
        self._locate, self._column = locate, column

    def mark(self, path: Any) -> tuple[int | None, int | None]:
        p = tuple(path)
        while (found := self._locate(p, False)) is None and p:
            p = p[:-1]
        return found or (None, None)

    def error(self, path: Any, message: str, *, at_key: bool = False) -> InputError:
        line, col = (self._locate(tuple(path), True) if at_key else None) or self.mark(path)
        column = self._column(tuple(path))
        if column and not message.startswith(column):
            message = _("{message} (column {column})").format(message=message, column=column)
        return InputError(message, self.path, line, col)

