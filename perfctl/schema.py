"""The project file's JSON Schema (``schemas/project.schema.json``) and validation against it.

The same schema file serves editors (``yaml-language-server``) and :func:`validate`,
which runs it through the ``jsonschema`` library and turns the first problems into
positioned :class:`~perfctl.errors.InputError` messages.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from perfctl.errors import InputError
from perfctl.yamlio import Doc

SCHEMA_FILE = "project.schema.json"


def schema_text() -> str:
    """The JSON Schema of the project file format, as text."""
    return resources.files("perfctl").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_text()))


def errors(doc: Doc, validator: Any = None) -> list[InputError]:
    """All schema violations of ``doc``, positioned; ``validator`` defaults to the project schema's."""
    raw = list((validator or _validator()).iter_errors(doc.data))
    # An unknown key is usually a misspelt required one: report it before the "missing" error.
    raw.sort(key=lambda e: e.validator != "additionalProperties")
    return [_describe(err, doc) for err in raw]


def validate(doc: Doc) -> None:
    """Raise the first schema violation of ``doc`` as an :class:`InputError`."""
    found = errors(doc)
    if found:
        raise found[0]


def _where(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[") or "the document"


def _describe(err: Any, doc: Doc) -> InputError:
    path = tuple(err.absolute_path)
    kind = err.validator
    inst = err.instance
    if kind == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return doc.error(path, f"missing required key '{missing}' in {_where(path)}")
    if kind == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in allowed and not k.startswith("x-")]
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
        return doc.error(path + (key,), f"unknown key '{key}' in {_where(path)}; {hint}", at_key=True)
    if kind == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        want = [{"object": "mapping", "array": "list", "null": "nothing"}.get(w, w) for w in want]
        return doc.error(path, f"{_where(path)}: expected {' or '.join(want)}, got {_show(doc, path, inst)}")
    if kind == "enum":
        allowed = [str(v) for v in err.validator_value if v is not None]
        close = difflib.get_close_matches(str(inst), allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return doc.error(path, f"{_where(path)}: {doc.texts.get(path, inst)!r} is not one of: {', '.join(allowed)}{hint}")
    if kind == "anyOf":
        return doc.error(path, f"{_where(path)}: {_show(doc, path, inst)} is not an amount; write digits with an optional decimal point, such as '200000.00'")
    if kind == "const":
        return doc.error(path, f"{_where(path)}: expected the number {err.validator_value}, got {_show(doc, path, inst)}")
    if kind in ("minLength", "pattern"):
        return doc.error(path, f"{_where(path)}: {_show(doc, path, inst)} is {'empty' if kind == 'minLength' else 'not in the expected form'}")
    return doc.error(path, f"{_where(path)}: {err.message}")


def _json_type(value: Any) -> str:
    if value is None:
        return "nothing"
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list", dict: "mapping"}.get(type(value), type(value).__name__)


def _show(doc: Doc, path: tuple[Any, ...], value: Any) -> str:
    """How a value was written: ``string '2025年'``, ``integer 7``, ``nothing``, ``a list``."""
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return f"a {_json_type(value)}"
    return f"{_json_type(value)} {doc.texts.get(path, value)!r}"
