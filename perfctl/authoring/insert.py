"""Inserting keys into a project file's text, changing nothing else.

:func:`add_keys` puts each wanted key after the last key that comes before it in the field
table's order (:data:`perfctl.fields.FIELDS`), at that key's indentation; in a flow mapping
(``{level1: …, target: …}``) it goes inside the braces. A key already present but empty
(``weight:``, ``~``) gets its value in place. The result is parsed again and must hold every
old value and comment, or :class:`~perfctl.errors.InputError` is raised and nothing is used.
Used by ``perfctl prepare``.
"""

from __future__ import annotations

from typing import Any

from perfctl import fields
from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.yamlio import Doc, Path_


def add_keys(doc: Doc, wanted: dict[Path_, dict[str, str | None]]) -> str:
    """``doc``'s text with the keys of ``wanted`` (mapping path → key → value text, ``None``
    for an empty value) put in: a key the mapping lacks is inserted after the last key the
    field table orders before it (on its own line at that key's indentation, or as
    ``, key: value`` in a flow mapping); a key present with an empty value gets the value.

    Raises :class:`InputError` unless the result reads back as the same project with only
    those keys set and keeps every comment.
    """
    if not wanted:
        return doc.text
    text = doc.text if doc.text.endswith("\n") else doc.text + "\n"
    maps = _mappings(text, list(wanted))
    edits: list[tuple[int, int, str]] = []
    for at, keys in wanted.items():
        flow, entries = maps[at]
        order = [f.key for f in fields.under(tuple("*" if isinstance(p, int) else p for p in at))]  # type: ignore[misc]
        for key in sorted(keys, key=order.index):
            value = keys[key]
            if key in entries:
                if value is not None:
                    edits.append(_fill(text, *entries[key], value))
                continue
            before = set(order[: order.index(key)])
            k, v = entries[([name for name in entries if name in before] or list(entries))[-1]]
            if flow:
                pos = text.index(":", k.end_mark.index) + 1 if _empty(v) else v.end_mark.index
                edits.append((pos, pos, f", {key}: {'null' if value is None else value}"))
            else:
                pos = _next_line(text, k, v)
                edits.append((pos, pos, " " * k.start_mark.column + f"{key}:" + (f" {value}" if value else "") + "\n"))
    parts, pos = [], 0
    for start, end, new in sorted(edits, key=lambda e: e[0]):  # stable: keys at one place stay in table order
        parts += [text[pos:start], new]
        pos = end
    out = "".join(parts) + text[pos:]
    _check(doc, out, wanted)
    return out


def _mappings(text: str, paths: list[Path_]) -> dict[Path_, tuple[bool, dict[str, tuple[Any, Any]]]]:
    """For each mapping path: whether it is a flow mapping, and its (key node, value node) by key, in file order."""
    import io

    from ruamel.yaml import YAML

    root = YAML(typ="safe", pure=True).compose(io.StringIO(text))
    out = {}
    for at in paths:
        node = root
        for step in at:
            node = node.value[step] if isinstance(step, int) else next(v for k, v in node.value if k.value == step)
        out[at] = (bool(node.flow_style), {k.value: (k, v) for k, v in node.value})
    return out


def _empty(node: Any) -> bool:
    """A plain scalar with no text (``key:``): its marks are those of the next token."""
    return not isinstance(node.value, list) and node.value == "" and not node.style


def _fill(text: str, key: Any, value: Any, new: str) -> tuple[int, int, str]:
    """The edit that gives an empty (``key:``) or null (``~``, ``null``) value the text ``new``."""
    if _empty(value):
        pos = text.index(":", key.end_mark.index) + 1
        return pos, pos, " " + new
    return value.start_mark.index, value.end_mark.index, new


def _next_line(text: str, key: Any, value: Any) -> int:
    """Where the line after the value of ``key`` starts: after its last scalar's line, so that
    comment lines below the value stay below what is inserted."""
    while isinstance(value.value, list) and value.value and not value.flow_style:
        key, value = value.value[-1] if isinstance(value.value[-1], tuple) else (None, value.value[-1])
    if key is not None and _empty(value):
        end = key.end_mark.index
    else:
        start, end = value.start_mark.index, value.end_mark.index
        # a block scalar that keeps its trailing line breaks (|+): they are text, so insert after them
        if getattr(value, "style", None) in ("|", ">") and "+" in text[start:text.index("\n", start)]:
            return end if text[end - 1] == "\n" else text.index("\n", end) + 1
        while end > start and text[end - 1] in " \t\n":
            end -= 1
    return text.index("\n", end) + 1


def _check(doc: Doc, text: str, wanted: dict[Path_, dict[str, str | None]]) -> None:
    """Raise :class:`InputError` unless ``text`` is ``doc`` with exactly the keys of ``wanted``
    set, every other scalar written as before, and all its comments."""
    import copy

    from perfctl import model
    from perfctl.authoring.fmt import lost_comments

    try:
        new = model.parse_doc(text, doc.path)
        model.from_doc(new)
    except InputError as exc:
        raise InputError(_("adding the keys would break the file ({error}); add them by hand").format(error=exc.message),
                         doc.path) from None
    expected = copy.deepcopy(doc.data)
    for at, keys in wanted.items():
        mapping = expected
        for step in at:
            mapping = mapping[step]
        mapping.update({k: None if v is None else v.strip("'") for k, v in keys.items()})
    set_now = {at + (k,) for at, keys in wanted.items() for k in keys}
    if new.data != expected or any(new.texts.get(p) != t for p, t in doc.texts.items() if p not in set_now):
        raise InputError(_("cannot add the self-evaluation keys without changing other values of the file; "
                           "add them by hand"), doc.path)
    for line, comment in lost_comments(doc.text, text)[:1]:
        raise InputError(_("adding the keys would lose the comment {comment!r}; add them by hand").format(comment=comment),
                         doc.path, line)
