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


def untab(text: str) -> str:
    r"""``text`` with the tabs that ruamel's pure-Python scanner refuses and libyaml accepts
    taken out, every value and comment unchanged: a tab between tokens (``name:\tfoo``,
    ``foo\t# note``) becomes a space, and a plain scalar holding a tab (``测试\t项目``)
    becomes a double-quoted one (``"测试\t项目"``). Tabs in comments and in quoted or
    block scalars stay. ``text`` is returned as is when it has no tab or does not scan.
    """
    from ruamel.yaml.error import YAMLError

    from perfctl.yamlio import token_spans

    if "\t" not in text:
        return text
    try:
        tokens = token_spans(text)
    except YAMLError:
        return text
    if tokens is None:
        return text
    out: list[str] = []
    pos = 0
    for start, end, style, value in tokens:
        if start < pos:
            continue  # a token of no width
        out.append(_untab_gap(text[pos:start]))
        scalar = text[start:end]
        out.append(json.dumps(value, ensure_ascii=False) if style == "" and "\t" in scalar else scalar)
        pos = end
    out.append(_untab_gap(text[pos:]))
    return "".join(out)


def _untab_gap(gap: str) -> str:
    """Text between two tokens (white space, line breaks, comments) with the tabs outside
    comments made spaces: in a gap, the first ``#`` of a line starts a comment."""
    if "\t" not in gap:
        return gap
    lines = gap.split("\n")
    for i, line in enumerate(lines):
        cut = line.find("#")
        head, tail = (line, "") if cut < 0 else (line[:cut], line[cut:])
        lines[i] = head.replace("\t", " ") + tail
    return "\n".join(lines)


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
