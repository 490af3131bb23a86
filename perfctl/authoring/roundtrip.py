"""Whole-file reformatting through ruamel's round-trip loader, keeping comments in place.

The file is loaded as ``CommentedMap``/``CommentedSeq`` (comments and quote styles
attached), its mappings are put in canonical key order, flow collections become block
style, the scalars :func:`perfctl.authoring.canonical.wanted` names are set, and the tree
is dumped in perfctl's layout (:func:`perfctl.yamlio.dump_rt`).

Where comments live in ruamel, and what reordering does with them: a comment beside a
value, or on the lines below it indented deeper than the next key, is attached to that key
and moves with it; the comment lines after the *last* key of a mapping, indented deeper
than what follows (under a row's last key), stay at the end of the mapping when its keys
are reordered (:func:`_take_tail`, :func:`_put_tail`). ruamel would attach a comment line
*above* a key to the key before it, so those lines never reach ruamel: they are lifted out
and put back above their key or row (:mod:`.commentlines`), as are the file's closing
comments.
"""

from __future__ import annotations

from typing import Any

from perfctl import yamlio
from perfctl.authoring import canonical, commentlines
from perfctl.yamlio import Path_


def reformat(text: str, want: dict[Path_, str], path: Any = None) -> str:
    """``text`` in canonical layout with the scalars of ``want`` set; raises ruamel errors as is.

    The comment lines above a key or row are lifted out first and put back above the same
    key or row afterwards (:mod:`.commentlines`); ruamel moves the others.
    """
    text, above = commentlines.lift(text)
    data = yamlio.load_rt(text, path)
    _reorder(data, ())
    for p, value in want.items():
        _set(data, p, value)
    return commentlines.put_back(reindent_comments(text, yamlio.dump_rt(data)), above)


def reindent_comments(before: str, after: str) -> str:
    """Move full-line comments of ``after`` to the indentation their content moved to.

    ruamel keeps a comment line's original column. When the dump re-indents the file (4
    spaces become 2), each key's column before and after gives a map (old column → new
    column); a comment line at a column in that map moves with it. Where the
    map is ambiguous (one old column became two new ones), comments stay where they are.
    """
    def indents(text: str) -> dict[Path_, int]:  # the column of each key (a row's first key: after its dash)
        return {p: col - 1 for p, (_, col) in yamlio.parse(text).key_marks.items()}

    old, new = indents(before), indents(after)
    moves: dict[int, set[int]] = {}
    for p, column in old.items():
        if p in new:
            moves.setdefault(column, set()).add(new[p])
    lines = after.split("\n")
    for i, line in enumerate(lines):
        column = _indent(line)
        if line[column:column + 1] == "#" and len(moves.get(column, ())) == 1:
            lines[i] = " " * next(iter(moves[column])) + line[column:]
    return "\n".join(lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _collections() -> tuple[type, type]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return CommentedMap, CommentedSeq


def _reorder(node: Any, path: Path_) -> None:
    cmap, cseq = _collections()
    if any(isinstance(p, str) and p.startswith("x-") for p in path):
        return  # extension content is left as written
    if isinstance(node, (cmap, cseq)):
        node.fa.set_block_style()
    if isinstance(node, cmap):
        keys = list(node)
        order = canonical.key_order(path, keys)
        if order != keys:
            tail = _take_tail(node)
            for key in order:
                node.move_to_end(key)
            _put_tail(node, tail)
        for key in order:
            _reorder(node[key], path + (key,))
    elif isinstance(node, cseq):
        for i, item in enumerate(node):
            _reorder(item, path + (i,))


def _last_slot(node: Any) -> tuple[Any, Any] | None:
    """The (collection, key) of the last value in document order under ``node``."""
    cmap, cseq = _collections()
    slot = None
    while isinstance(node, (cmap, cseq)) and len(node):
        key = next(reversed(node)) if isinstance(node, cmap) else len(node) - 1
        slot, node = (node, key), node[key]
    return slot


def _index(container: Any) -> int:
    """Where ruamel keeps the comment after a value: item 2 for mappings, item 0 for sequences."""
    return 2 if isinstance(container, _collections()[0]) else 0


def _take_tail(node: Any) -> str:
    """Remove and return the comment lines after the last value under ``node`` (not the
    comment beside it): the text after the first line break of its comment token."""
    slot = _last_slot(node)
    if slot is None:
        return ""
    container, key = slot
    entry, i = container.ca.items.get(key), _index(container)
    if not entry or entry[i] is None or "\n" not in entry[i].value:
        return ""
    head, _, tail = entry[i].value.partition("\n")
    if head.strip():
        entry[i].value = head + "\n"
    else:
        entry[i] = None
    return tail


def _put_tail(node: Any, tail: str) -> None:
    """Append comment lines ``tail`` after the (new) last value under ``node``."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    slot = _last_slot(node)
    if not tail or slot is None:
        return
    container, key = slot
    entry, i = container.ca.items.setdefault(key, [None, None, None, None]), _index(container)
    if entry[i] is None:
        entry[i] = CommentToken("\n" + tail, CommentMark(0))
    else:
        entry[i].value += tail


def _set(data: Any, path: Path_, value: str) -> None:
    """Set the scalar at ``path`` to ``value``, keeping the user's quotes and unchanged text."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    parent = data
    for step in path[:-1]:
        parent = parent[step]
    key = path[-1]
    current = parent[key]
    if isinstance(current, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        if str(current) != value:
            parent[key] = type(current)(value)
        return
    if isinstance(current, str) and str(current) == value and (type(current) is not str or not yamlio.needs_quotes(value)):
        return  # a block scalar (always text), or a plain one that reads back as this text: unchanged
    parent[key] = SingleQuotedScalarString(value) if yamlio.needs_quotes(value) else value
