"""Where things are written in a YAML text — scalars and comments — and rewriting single
scalars in place, leaving every other character alone.

For edits that must not touch layout: ``fmt`` when a whole-file dump would lose a comment
(a comment inside a flow mapping, say), and ``new --from`` (a new year and shifted
deadlines in a copy of an existing file). :func:`comments` is what every rewrite of a file
is checked against (:func:`perfctl.authoring.fmt.lost_comments`).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass

from perfctl.yamlio import Path_, needs_quotes


@dataclass(frozen=True)
class Scalar:
    """Where a scalar is written: ``start``/``end`` character offsets in the text (quotes
    included), 1-based ``line``, and ``style``: ``""`` plain, ``"'"``, ``'"'``, ``"|"`` or ``">"``."""

    start: int
    end: int
    line: int
    style: str


def scalars(text: str) -> dict[Path_, Scalar]:
    """Every scalar value of a YAML text, by path (mapping keys are not included).

    ``text`` must parse (callers have parsed it with :func:`perfctl.yamlio.parse`).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    out: dict[Path_, Scalar] = {}

    def walk(node: object, path: Path_) -> None:
        if isinstance(node, ScalarNode):
            out[path] = Scalar(node.start_mark.index, node.end_mark.index, node.start_mark.line + 1, node.style or "")
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    root = YAML(typ="safe", pure=True).compose(io.StringIO(text))
    if root is not None:
        walk(root, ())
    return out


def written(value: str, style: str) -> str:
    """``value`` as a scalar in ``style`` where that style can hold it on one line: the
    user's quotes are kept; a plain scalar gets single quotes when it needs quotes."""
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    if style == "'" or needs_quotes(value) or not _plain_ok(value):
        return "'" + value.replace("'", "''") + "'"
    return value


def _plain_ok(value: str) -> bool:
    """True when ``value`` can be written as a plain scalar in block context."""
    if "\n" in value or ": " in value or " #" in value or value.endswith(":") or any(c in value for c in ",[]{}"):
        return False  # also refuse flow indicators: the scalar may sit in a flow collection
    return value[:1] not in set("-?:,[]{}#&*!|>'\"%@`") or value[:1] in "-?:" and value[1:2] not in ("", " ")


def replace(text: str, edits: dict[Path_, str], where: dict[Path_, Scalar] | None = None, *,
            verbatim: dict[Path_, str] | None = None) -> str:
    """``text`` with the scalar at each path of ``edits`` rewritten to the new value, and the
    scalar at each path of ``verbatim`` replaced by that exact text (``{("year",): "2026"}``).

    Each scalar of ``edits`` keeps its quote style (see :func:`written`); a block scalar
    (``|``, ``>``) that must change becomes a quoted one-line scalar. Nothing else moves.
    """
    where = where if where is not None else scalars(text)
    verbatim = verbatim or {}
    out, pos = [], 0
    for path in sorted({**edits, **verbatim}, key=lambda p: where[p].start):
        span = where[path]
        style = span.style if span.style in ("'", '"') else ""
        new = verbatim[path] if path in verbatim else written(edits[path], style)
        if span.style in ("|", ">") and path not in verbatim:
            new = json.dumps(edits[path], ensure_ascii=False)
        out.append(text[pos:span.start])
        out.append(new)
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


def comments(text: str) -> list[tuple[int, str]]:
    """Every comment in YAML ``text``: (1-based line, comment text from ``#``, right-stripped).

    A ``#`` starts a comment at the start of a line or after a space or tab, outside any
    scalar (``'a # b'`` and block scalars are text). When ``text`` does not scan as YAML,
    every such ``#`` counts, so that a check built on this errs on the side of caution.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.tokens import ScalarToken

    spans: list[tuple[int, int]] = []
    try:
        spans = [(t.start_mark.index, t.end_mark.index)
                 for t in YAML(typ="safe", pure=True).scan(text) if isinstance(t, ScalarToken)]
    except YAMLError:
        pass
    found: list[tuple[int, str, int]] = []
    k = 0
    for m in re.finditer(r"(?:^|(?<=[ \t]))#", text, re.MULTILINE):
        start = m.start()
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k < len(spans) and spans[k][0] <= start or found and found[-1][2] > start:
            continue  # inside a scalar, or a '#' within a comment already found
        end = text.find("\n", start)
        found.append((text.count("\n", 0, start) + 1, text[start:end if end >= 0 else None].rstrip(), end if end >= 0 else len(text)))
    return [(line, comment) for line, comment, _ in found]
