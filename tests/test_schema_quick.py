"""The quick schema check agrees with jsonschema: it accepts exactly the documents jsonschema accepts.

Documents are the bundled store, the lint base project and random edits of it (values of
every JSON type put at every key, keys added and removed), for both shipped schemas.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from perfctl import schema, yamlio
from conftest import DATA, GOOD

PROJECT = json.loads(schema.schema_text())
CONFIG = json.loads(schema.schema_text(schema.CONFIG_SCHEMA_FILE))
BASE = yamlio.parse(GOOD).data
KEYS = ["format", "department", "code", "name", "year", "money_unit", "budget", "total", "fiscal", "other",
        "purpose", "goals", "indicators", "level1", "level2", "target", "description", "unit", "basis", "source",
        "document", "position", "number", "title", "x-note", "profile", "lint", "select", "ignore", "severity",
        "thresholds", "min_indicators", "lexicons", "vague", "diff", "levels", "line_endings", "exclude", "bogus"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=False),
                    st.sampled_from(["", "元", "万元", "200000.00", "2e5", "-1", "389101", "A-1", "计划标准",
                                     "national-2021", "auto", "lf", "warning", "PT-Q01", "x"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)),
                      max_leaves=6)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, path + (i,))
    return out


@st.composite
def edited(draw: Any, base: Any) -> Any:
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "set":
            parent[path[-1]] = draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = draw(VALUES)
        else:
            parent.append(draw(VALUES))
    return data


def _agree(schema_dict: dict[str, Any], data: Any) -> None:
    assert schema.quick_check(schema_dict)(data) == Draft202012Validator(schema_dict).is_valid(data), data


@settings(max_examples=400, deadline=None)
@given(edited(BASE))
def test_quick_check_agrees_with_jsonschema_on_project_edits(data: Any) -> None:
    _agree(PROJECT, data)


@settings(max_examples=300, deadline=None)
@given(edited({"profile": "auto", "lint": {"select": ["PT"], "thresholds": {"min_indicators": 5},
                                           "lexicons": {"vague": ["大力推进"]}}, "diff": {"levels": {}}}))
def test_quick_check_agrees_with_jsonschema_on_config_edits(data: Any) -> None:
    _agree(CONFIG, data)


def test_quick_check_accepts_the_bundled_store() -> None:
    files = sorted(DATA.rglob("*.yaml"))
    assert files
    for f in files:
        _agree(PROJECT, yamlio.parse(f.read_text(encoding="utf-8"), f).data)


def test_unknown_keyword_falls_back_to_jsonschema() -> None:
    check = schema.quick_check({"type": "object", "dependentRequired": {"a": ["b"]}})
    assert check({}) is False  # "don't know" is never "valid"


def test_booleans_are_not_numbers() -> None:
    assert schema.quick_check({"const": 1})(True) is False
    assert schema.quick_check({"type": "integer"})(2.0) is True
    assert schema.quick_check({"enum": [None, "a"]})(None) is True
