"""The JSON of ``perfctl export --format json`` read back (:mod:`perfctl.importers.exported`):
each record in file shape, positioned by a scan of the text made only when an error is raised."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from perfctl.errors import InputError
from perfctl.i18n import N_, _
from perfctl.importers.exported import Located

_At = Callable[[tuple[Any, ...], bool], "tuple[int, int] | None"]


class _Duplicate(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate
    return out


#: What a JSON value is, for "got …" (message ids, shown as ``_(kind)``).
_KINDS = {str: N_("a string"), list: N_("a list"), bool: N_("a boolean"), type(None): N_("null")}
#: The json module's messages (``JSONDecodeError.msg``, English), translated where shown; the
#: position is the error's own line and column.
_JSON_ERRORS = frozenset({
    N_("Expecting value"), N_("Expecting property name enclosed in double quotes"), N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"), N_("Unterminated string starting at"), N_("Extra data"),
    N_("Invalid control character at"), N_("Invalid \\escape"), N_("Invalid \\uXXXX escape"),
    N_("Illegal trailing comma before end of object"), N_("Illegal trailing comma before end of array"),
})


def docs(path: str, text: str) -> list[Located]:
    """Each record of the JSON ``text`` (a list of records, or one) as a project document.
    Raises :class:`InputError` (positioned) for text that is not JSON, a duplicate key, an item
    that is not an object and a ``target`` object without ``text``."""
    try:
        value = json.loads(text, parse_float=Decimal, object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        error = _(exc.msg) if exc.msg in _JSON_ERRORS else exc.msg
        raise InputError(_("invalid JSON: {error}").format(error=error), path, exc.lineno, exc.colno) from None
    except RecursionError:
        raise InputError(_("invalid JSON: nested too deeply"), path) from None
    except _Duplicate:
        key, line, col = _JsonMarks(text).duplicate or ("?", None, None)
        raise InputError(_("duplicate key {key!r}").format(key=key), path, line, col) from None
    marks: list[_JsonMarks] = []  # the positions, scanned once on the first error

    def at(jpath: tuple[Any, ...], key: bool = False) -> tuple[int, int] | None:
        if not marks:
            marks.append(_JsonMarks(text))
        return (marks[0].keys if key else marks[0].values).get(jpath)

    records = value if isinstance(value, list) else [value]
    base: Callable[[int], tuple[int, ...]] = (lambda i: (i,)) if isinstance(value, list) else (lambda i: ())
    docs = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            line, col = at(base(i)) or (None, None)
            got = _KINDS.get(type(record), N_("a number"))
            raise InputError(_("expected a project record (a JSON object, as perfctl export --format json writes), "
                               "got {got}").format(got=_(got)), path, line, col)
        docs.append(_json_doc(path, record, base(i), at))
    return docs


def _json_doc(path: str, record: dict[str, Any], base: tuple[int, ...], at: _At) -> Located:
    """One record in file shape: without ``path``, ``null`` members and the parsed target."""
    data = _without_nulls({k: v for k, v in record.items() if k not in ("path", "indicators")})
    rows = record.get("indicators")
    in_text: set[int] = set()  # rows whose target is the export's {"text": …} object
    if isinstance(rows, list):
        data["indicators"] = [_json_row(path, row, base + ("indicators", i), at, in_text) for i, row in enumerate(rows)]
    elif rows is not None:
        data["indicators"] = rows  # the schema says what is wrong with it
    texts: dict[Any, str] = {}
    data = _typed(data, (), texts)

    def locate(p: tuple[Any, ...], key: bool) -> tuple[int, int] | None:
        if len(p) == 3 and p[0] == "indicators" and p[2] == "target" and p[1] in in_text and not key:
            p = p + ("text",)
        return at(base + p, key)

    return Located(path, data, texts, locate)


def _json_row(path: str, row: Any, at_row: tuple[Any, ...], at: _At, in_text: set[int]) -> Any:
    """An indicator record in file shape: ``target`` the 指标值 text (``null`` kept: an empty 指标值)."""
    if not isinstance(row, dict):
        return row
    out = _without_nulls({k: v for k, v in row.items() if k != "target"})
    if "target" in row:
        target = row["target"]
        if isinstance(target, dict):
            if "text" not in target:
                line, col = at(at_row + ("target",), False) or (None, None)
                raise InputError(_("indicators[{index}].target: expected {{\"text\": …}} holding the 指标值 as written")
                                 .format(index=at_row[-1]), path, line, col)
            target = target["text"]
            in_text.add(at_row[-1])
        out["target"] = target
    return out


def _without_nulls(value: Any) -> Any:
    """``value`` without ``null`` members, and without objects whose members are all ``null``."""
    if isinstance(value, dict):
        kept = {k: _without_nulls(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in kept.items() if not (isinstance(v, dict) and v == {} and value[k] != {})}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _typed(value: Any, at: tuple[Any, ...], texts: dict[Any, str]) -> Any:
    """``value`` with its JSON numbers as the YAML reader types them (a float for ``200000.00``),
    each scalar's text as written filled into ``texts`` by path (``"200000.00"``)."""
    if isinstance(value, dict):
        return {k: _typed(v, at + (k,), texts) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v, at + (i,), texts) for i, v in enumerate(value)]
    if value is not None:
        texts[at] = {True: "true", False: "false"}.get(value, str(value)) if isinstance(value, bool) else str(value)
    return float(value) if isinstance(value, Decimal) else value


_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([\[\]{}:,])|([^\s\[\]{}:,"]+))', re.DOTALL)


class _JsonMarks:
    """The (line, col) of every value and key of a valid JSON text, by path (``(0, "budget",
    "total")``), and the first duplicate key (key, line, col); one scan, iterative."""

    def __init__(self, text: str) -> None:
        self.values: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.keys: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.duplicate: tuple[str, int, int] | None = None
        breaks = [i for i, ch in enumerate(text) if ch == "\n"]

        def pos(offset: int) -> tuple[int, int]:
            line = bisect.bisect_left(breaks, offset)
            return line + 1, offset - (breaks[line - 1] + 1 if line else 0) + 1

        stack: list[list[Any]] = []  # [path, is_object, index, key or None]
        for m in _TOKEN.finditer(text):
            string, punct, _ = m.groups()
            if punct in (",", ":"):
                if punct == "," and stack and not stack[-1][1]:
                    stack[-1][2] += 1
                continue
            if punct in ("]", "}"):
                stack.pop()
                continue
            start = m.start(m.lastindex or 0)
            top = stack[-1] if stack else None
            if top is not None and top[1] and top[3] is None:  # a key
                top[3] = json.loads(string)
                kpath = top[0] + (top[3],)
                if kpath in self.keys and self.duplicate is None:
                    self.duplicate = (top[3], *pos(start))
                self.keys[kpath] = pos(start)
                continue
            vpath = () if top is None else top[0] + ((top[3],) if top[1] else (top[2],))
            if top is not None and top[1]:
                top[3] = None
            self.values[vpath] = pos(start)
            if punct in ("[", "{"):
                stack.append([vpath, punct == "{", 0, None])

