"""The project file's JSON Schema (draft 2020-12), built from the field table
(:data:`perfctl.fields.FIELDS`).

``python -m perfctl.fieldschema --write`` rewrites the shipped
``perfctl/schemas/project.schema.json``; without ``--write`` it prints the schema.
``tests/test_fields.py`` checks that the shipped file is this module's output.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from perfctl.fields import AMOUNT_PATTERN, ROW, Field, under
from perfctl.i18n import _


def project_schema() -> dict[str, Any]:
    """The project file's JSON Schema (draft 2020-12), built from :data:`FIELDS`."""
    root = _object(under(), nullable=False, description=None, root=True)
    body = {k: v for k, v in root.items() if k != "type"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://perfctl.dev/schema/project-1.json",
        "title": "perfctl project file, format 1",
        "description": "One budget project's performance target table (绩效目标表), or a department's "
                       "(部门整体支出绩效目标表, kind: department). Keys follow perfctl's glossary; official Chinese "
                       "category names are values.",
        "type": "object",
        **body,
        "$defs": {"amount": {"anyOf": [{"type": "string", "pattern": AMOUNT_PATTERN}, {"type": "number"}]},
                  "indicator": _object(under(ROW), nullable=False, description=None)},
    }


def schema_text() -> str:
    """:func:`project_schema` as the shipped file's text: JSON indented 2, UTF-8 unescaped, final newline."""
    return json.dumps(project_schema(), ensure_ascii=False, indent=2) + "\n"


def _object(children: tuple[Field, ...], *, nullable: bool, description: str | None, root: bool = False
            ) -> dict[str, Any]:
    out: dict[str, Any] = {} if description is None else {"description": description}
    out["type"] = ["object", "null"] if nullable else "object"
    required = [f.key for f in children if f.required and f.unless is None]
    if required:
        out["required"] = required
    rules = _conditions(children)
    if rules:
        out["allOf"] = rules
    out["additionalProperties"] = False
    out["patternProperties"] = {"^x-": {"description": "Extension keys, ignored by perfctl."} if root else {}}
    out["properties"] = {f.key: _fragment(f) for f in children}
    return out


def _conditions(children: tuple[Field, ...]) -> list[dict[str, Any]]:
    """``unless`` and ``needs`` as ``if``/``then``/``else`` (draft 2020-12)."""
    rules: list[dict[str, Any]] = []
    conditional: dict[tuple[str, str], list[str]] = {}
    for f in children:
        if f.required and f.unless is not None:
            conditional.setdefault(f.unless, []).append(f.key)
    for (key, value), keys in conditional.items():
        rules.append({"if": {"properties": {key: {"const": value}}, "required": [key]}, "else": {"required": keys}})
    rules += [{"if": {"required": [f.key]}, "then": {"required": list(f.needs)}} for f in children if f.needs]
    return rules


def _fragment(f: Field) -> dict[str, Any]:
    """The schema of one field's value."""
    if f.type == "object":
        return _object(under(f.path), nullable=f.nullable, description=f.doc)
    out: dict[str, Any] = {"description": f.doc}
    null = ["null"] if f.nullable else []
    if f.type == "rows":
        out.update(type="array", items={"$ref": "#/$defs/indicator"})
    elif f.type in ("amount", "points"):
        if f.nullable:
            out["anyOf"] = [{"$ref": "#/$defs/amount"}, {"type": "null"}]
        else:
            out["$ref"] = "#/$defs/amount"
    elif f.type == "enum":
        out["enum"] = [*f.choices, *([None] if f.nullable else [])]
    elif f.type == "texts":
        out.update(type=["array", *null], items={"type": "string"})
    elif f.type != "const":
        base = {"text": ["string"], "value": ["string", "number"], "integer": ["integer"],
                "code": ["string", "integer"]}[f.type] + null
        out["type"] = base[0] if len(base) == 1 else base
    out.update(f.schema)
    return out


def main(argv: list[str]) -> int:
    """``python -m perfctl.fieldschema [--write]``: print the project schema, or write it over
    ``perfctl/schemas/project.schema.json`` beside this module."""
    from pathlib import Path

    if argv == ["--write"]:
        target = Path(__file__).parent / "schemas" / "project.schema.json"
        target.write_text(schema_text(), encoding="utf-8", newline="\n")
        print(_("wrote {path}").format(path=target))
        return 0
    if argv:
        print(_("usage: python -m perfctl.fieldschema [--write]"), file=sys.stderr)
        return 2
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
