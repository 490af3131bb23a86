"""The project file's JSON Schema (``schemas/project.schema.json``) and validation against it.

The project schema is generated from the field table (:func:`perfctl.fieldschema.project_schema`;
``python -m perfctl.fieldschema --write`` rewrites the shipped file). The same schema file serves
editors (``yaml-language-server``) and :func:`validate`,
which runs it through the ``jsonschema`` library and turns the first problems into
positioned :class:`~perfctl.errors.InputError` messages.

Most files are valid, and asking ``jsonschema`` costs more than parsing them; so each
schema is also compiled (:func:`quick_check`) into a plain predicate for the keywords
perfctl's schemas use. A document it accepts is valid; anything else goes to
``jsonschema``, which finds and words the errors. A schema using a keyword the predicate
does not know always goes to ``jsonschema``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from perfctl.errors import InputError
from perfctl.i18n import N_, _
from perfctl.yamlio import Doc

SCHEMA_FILE = "project.schema.json"
CONFIG_SCHEMA_FILE = "config.schema.json"


def schema_text(name: str = SCHEMA_FILE) -> str:
    """A JSON Schema shipped in ``perfctl/schemas`` (by default the project file format's), as text."""
    return resources.files("perfctl").joinpath("schemas", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _validator(name: str = SCHEMA_FILE) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_text(name)))


@lru_cache(maxsize=None)
def _quick(name: str) -> Callable[[Any], bool]:
    return quick_check(json.loads(schema_text(name)))


def errors(doc: Doc, name: str = SCHEMA_FILE) -> list[InputError]:
    """All violations of the schema ``name`` (in ``perfctl/schemas``) by ``doc``, positioned."""
    if _quick(name)(doc.data):
        return []
    raw = list(_validator(name).iter_errors(doc.data))
    # An unknown key is usually a misspelt required one: report it before the "missing" error.
    # A key required only under a condition (money_unit unless kind is department) comes after
    # what the condition reads, which may be the real mistake (kind: 部门).
    raw.sort(key=lambda e: (e.validator != "additionalProperties", "allOf" in e.relative_schema_path))
    return [_describe(err, doc) for err in raw]


def validate(doc: Doc) -> None:
    """Raise the first schema violation of ``doc`` as an :class:`InputError`."""
    found = errors(doc)
    if found:
        raise found[0]


def _where(path: tuple[Any, ...]) -> str:
    """The key path of a node (``budget.total``, ``indicators[3].target``), or "the document"."""
    return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[") or _("the document")


#: JSON Schema's type names as messages name them (translated where shown).
TYPE_WORDS = {"object": N_("mapping"), "array": N_("list"), "null": N_("nothing"), "string": N_("string"),
              "integer": N_("integer"), "number": N_("number"), "boolean": N_("boolean")}


def _describe(err: Any, doc: Doc) -> InputError:
    """perfctl's own message for each kind of violation, in the user's language; only a kind
    perfctl does not word itself shows jsonschema's (English) message."""
    path = tuple(err.absolute_path)
    kind = err.validator
    inst = err.instance
    where = _where(path)
    if kind == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return doc.error(path, _("missing required key '{key}' in {where}").format(key=missing, where=where))
    if kind == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in allowed and not k.startswith("x-")]
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        if close:
            message = _("unknown key '{key}' in {where}; did you mean '{close}'?").format(key=key, where=where,
                                                                                         close=close[0])
        else:
            message = _("unknown key '{key}' in {where}; expected one of: {keys}").format(key=key, where=where,
                                                                                         keys=", ".join(allowed))
        return doc.error(path + (key,), message, at_key=True)
    if kind == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        # TRANSLATORS: between the types a value may have: "expected mapping or nothing"
        types = _(" or ").join(_(TYPE_WORDS[w]) if w in TYPE_WORDS else w for w in want)
        return doc.error(path, _("{where}: expected {types}, got {value}").format(where=where, types=types,
                                                                                   value=_show(doc, path, inst)))
    if kind == "enum":
        allowed = list(dict.fromkeys(str(v) for v in err.validator_value if v is not None))
        close = difflib.get_close_matches(str(inst), allowed, n=1)
        value, choices = doc.texts.get(path, inst), ", ".join(allowed)
        if close:
            return doc.error(path, _("{where}: {value!r} is not one of: {choices}; did you mean {close!r}?").format(
                where=where, value=value, choices=choices, close=close[0]))
        return doc.error(path, _("{where}: {value!r} is not one of: {choices}").format(where=where, value=value,
                                                                                        choices=choices))
    if kind == "anyOf":
        if path[:1] == ("score",):  # the store config's scoring settings: points, percentages, ratios
            return doc.error(path, _("{where}: {value} is not a number of 0 or more; "
                                     "write digits with an optional decimal point, such as '0.5'").format(
                where=where, value=_show(doc, path, inst)))
        if path[-1:] in (("weight",), ("score",)):  # 分值 and 得分 are points, not money
            return doc.error(path, _("{where}: {value} is not a number of points; write digits with an optional "
                                     "decimal point, such as '10' or '8.5'").format(where=where,
                                                                                  value=_show(doc, path, inst)))
        return doc.error(path, _("{where}: {value} is not an amount; write digits with an optional decimal point, "
                                 "such as '200000.00'").format(where=where, value=_show(doc, path, inst)))
    if kind == "const":
        return doc.error(path, _("{where}: expected the number {number}, got {value}").format(
            where=where, number=err.validator_value, value=_show(doc, path, inst)))
    if kind == "minLength":
        return doc.error(path, _("{where}: {value} is empty").format(where=where, value=_show(doc, path, inst)))
    if kind == "pattern":
        return doc.error(path, _("{where}: {value} is not in the expected form").format(where=where,
                                                                                         value=_show(doc, path, inst)))
    if kind == "minimum":  # jsonschema's words in English
        return doc.error(path, _("{where}: {value!r} is less than the minimum of {limit!r}").format(
            where=where, value=inst, limit=err.validator_value))
    if kind == "maximum":
        return doc.error(path, _("{where}: {value!r} is greater than the maximum of {limit!r}").format(
            where=where, value=inst, limit=err.validator_value))
    # TRANSLATORS: a schema violation perfctl does not word itself; the message is jsonschema's (English)
    return doc.error(path, _("{where}: {message}").format(where=where, message=err.message))


def _json_type(value: Any) -> str:
    """The JSON Schema type name of a value (a key of :data:`TYPE_WORDS`)."""
    if value is None:
        return "null"
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}.get(
        type(value), type(value).__name__)


def _show(doc: Doc, path: tuple[Any, ...], value: Any) -> str:
    """How a value was written: ``string '2025年'``, ``integer 7``, ``nothing``, ``a list``."""
    if value is None:
        return _("nothing")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    kind = _json_type(value)
    # TRANSLATORS: a value as written, after its type: "string '2025年'", "integer 7"
    return _("{type} {value!r}").format(type=_(TYPE_WORDS[kind]) if kind in TYPE_WORDS else kind,
                                        value=doc.texts.get(path, value))


# ---------------------------------------------------------------- the quick check

#: Keywords that only annotate a schema.
_ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"}
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


_PLAIN_TYPES: dict[str, type] = {"object": dict, "array": list, "string": str, "null": type(None)}


def _never(value: Any) -> bool:
    return False


def quick_check(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """A predicate that is True only for instances valid under ``schema`` (JSON Schema 2020-12).

    Knows ``type``, ``enum``, ``const``, ``required``, ``properties``, ``patternProperties``,
    ``additionalProperties``, ``propertyNames``, ``items``, ``anyOf``, ``allOf``, ``if``/``then``/``else``,
    local ``$ref``, ``pattern``, ``minLength``, ``minimum`` and ``maximum``, with ``jsonschema``'s semantics (``True`` is not ``1``, a
    pattern matches anywhere). For a schema with any other keyword it is always False, so
    the caller falls back to ``jsonschema``.
    """
    refs: dict[str, Callable[[Any], bool]] = {}

    def ref(pointer: str) -> Callable[[Any], bool]:
        if pointer not in refs:
            if not pointer.startswith("#/$defs/"):
                raise _Unknown(pointer)
            refs[pointer] = _never  # a recursive reference is resolved when it is called
            refs[pointer] = build(schema["$defs"][pointer[len("#/$defs/"):]])
        return lambda value: refs[pointer](value)

    def build(node: Any) -> Callable[[Any], bool]:
        if node is True or node == {}:
            return lambda value: True
        if node is False:
            return _never
        checks = [_keyword(key, arg, node, build, ref) for key, arg in node.items() if key not in _ANNOTATIONS]
        return _all(checks)

    try:
        return build(schema)
    except _Unknown:
        return _never


class _Unknown(Exception):
    """A keyword or reference the quick check does not implement."""


def _all(checks: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        for c in checks:
            if not c(value):
                return False
        return True
    return check


def _same(a: Any, b: Any) -> bool:
    """Equality as JSON Schema means it: booleans equal only booleans."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def _keyword(key: str, arg: Any, node: dict[str, Any], build: Any, ref: Any) -> Callable[[Any], bool]:
    if key == "type":
        names = arg if isinstance(arg, list) else [arg]
        if any(t not in _TYPES for t in names):
            raise _Unknown(key)
        if set(names) <= set(_PLAIN_TYPES):  # no bool-versus-number subtleties: one isinstance
            plain = tuple(_PLAIN_TYPES[t] for t in names)
            return lambda v: isinstance(v, plain)
        tests = [_TYPES[t] for t in names]
        return lambda v: any(t(v) for t in tests)
    if key in ("enum", "const"):
        allowed = arg if key == "enum" else [arg]
        if any(isinstance(a, (dict, list)) for a in allowed):
            raise _Unknown(key)
        if all(a is None or isinstance(a, str) for a in allowed):
            members = frozenset(allowed)
            return lambda v: (v is None or isinstance(v, str)) and v in members
        return lambda v: any(_same(v, a) for a in allowed)
    if key == "required":
        return lambda v: not isinstance(v, dict) or all(k in v for k in arg)
    if key == "properties":
        props = {name: build(sub) for name, sub in arg.items()}

        def properties(v: Any) -> bool:
            if isinstance(v, dict):
                for k, x in v.items():
                    test = props.get(k)
                    if test is not None and not test(x):
                        return False
            return True
        return properties
    if key == "patternProperties":
        pats = [(re.compile(p), build(sub)) for p, sub in arg.items()]
        return lambda v: not isinstance(v, dict) or all(t(x) for k, x in v.items() for p, t in pats if p.search(k))
    if key == "additionalProperties":
        return _additional(arg, node, build)
    if key == "propertyNames":
        name = build(arg)
        return lambda v: not isinstance(v, dict) or all(name(k) for k in v)
    if key == "items":
        item = build(arg)

        def items(v: Any) -> bool:
            if isinstance(v, list):
                for x in v:
                    if not item(x):
                        return False
            return True
        return items
    if key == "anyOf":
        subs = [build(sub) for sub in arg]
        return lambda v: any(s(v) for s in subs)
    if key == "allOf":
        return _all([build(sub) for sub in arg])
    if key == "if":
        cond, then, other = build(arg), build(node.get("then", True)), build(node.get("else", True))
        return lambda v: then(v) if cond(v) else other(v)
    if key in ("then", "else"):  # applied by "if"; without it they are ignored
        return lambda v: True
    if key == "$ref":
        return ref(arg)
    if key == "pattern":
        pattern = re.compile(arg)
        return lambda v: not isinstance(v, str) or pattern.search(v) is not None
    if key == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= arg
    if key in ("minimum", "maximum"):
        number = _TYPES["number"]
        if key == "minimum":
            return lambda v: not number(v) or v >= arg
        return lambda v: not number(v) or v <= arg
    raise _Unknown(key)


def _additional(arg: Any, node: dict[str, Any], build: Any) -> Callable[[Any], bool]:
    """``additionalProperties``: keys neither in ``properties`` nor matching ``patternProperties``."""
    known = set(node.get("properties", {}))
    pats = [re.compile(p) for p in node.get("patternProperties", {})]
    test = build(arg)

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        return all(test(x) for k, x in v.items() if k not in known and not any(p.search(k) for p in pats))
    return check
