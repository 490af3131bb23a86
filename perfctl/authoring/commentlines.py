"""Comment lines that stand above a key or a row, kept with it when fmt reorders keys.

ruamel attaches a comment line to the value *before* it (the comment after ``name: x``
and before ``year:`` belongs to ``name``), so reordering keys would carry the comment away
from the key it describes. fmt therefore lifts those comment lines out of the text before
ruamel sees it (:func:`lift`) and puts each block back above the same key or row in the
formatted text (:func:`put_back`), at that key's new indentation.

Which comment lines stand above what — in the gap of comment and blank lines before a line
that starts a key or a list item (the *anchor*):

- comment lines indented deeper than the anchor, at the start of the gap, end the block
  above them (``# 时效以工作日计`` under a row's last key): they stay with ruamel, which
  keeps them after that block (:mod:`.roundtrip`);
- the comment lines from the first one indented no deeper than the anchor to the anchor
  (blank lines between them included) stand above the anchor and move with it;
- at the start of the file, the lines up to the last blank line and up to a
  ``# yaml-language-server:`` modeline are the file's header and stay first;
- after the last key of the file, the comment lines from the first one at column 1 stay at
  the end of the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfctl import yamlio
from perfctl.authoring import spans
from perfctl.yamlio import Path_

MODELINE = "# yaml-language-server:"


@dataclass(frozen=True)
class Block:
    """Comment lines (and blank lines among them) lifted from above ``anchor`` (``None``:
    the end of the file); ``indent`` is the anchor line's indentation they were written at."""

    anchor: Path_ | None
    lines: tuple[str, ...]
    indent: int


def lift(text: str) -> tuple[str, list[Block]]:
    """``text`` without the comment lines that stand above a key or row or end the file,
    and those lines as blocks. ``text`` must parse; nothing is lifted from a text whose
    comments cannot be told apart (it does not scan)."""
    lines = text.split("\n")
    full = {line for line, comment in spans.comments(text) if lines[line - 1].strip() == comment}
    if not full:
        return text, []
    anchors = _anchors(yamlio.parse(text))
    drop: set[int] = set()
    blocks: list[Block] = []
    i, n = 0, len(lines)
    while i < n:
        if not (i + 1 in full or not lines[i].strip()):
            i += 1
            continue
        start = i
        while i < n and (i + 1 in full or not lines[i].strip()):
            i += 1
        gap = range(start, i)
        if i == n:  # after the last content line
            first = next((k for k in gap if k + 1 in full and _indent(lines[k]) == 0), None)
            if first is not None:
                while first > start and not lines[first - 1].strip():
                    first -= 1  # the blank lines above the closing comments go with them
                blocks.append(Block(None, tuple(lines[first:n]), 0))
                drop.update(range(first, n))
            break
        anchor = anchors.get(i + 1)
        if anchor is None:
            continue
        indent = _indent(lines[i])
        first = next((k for k in gap if k + 1 in full and _indent(lines[k]) <= indent), None)
        if start == 0 and first is not None:
            header = [k for k in gap if not lines[k].strip() or lines[k].lstrip().startswith(MODELINE)]
            first = next((k for k in gap if k > max(header, default=-1) and k + 1 in full), None)
        if first is not None:
            blocks.append(Block(anchor, tuple(lines[first:i]), indent))
            drop.update(range(first, i))
    if not drop:
        return text, []
    return "\n".join(line for k, line in enumerate(lines) if k not in drop), blocks


def put_back(text: str, blocks: list[Block]) -> str:
    """``text`` (formatted from :func:`lift`'s text) with each block above its anchor again,
    re-indented by as much as the anchor moved. Raises ``KeyError`` when an anchor is gone."""
    if not blocks:
        return text
    lines = text.split("\n")
    doc = yamlio.parse(text)
    where = {path: line for path, (line, _) in _starts(doc)}  # a row's first key: the row's line
    above: dict[int, list[str]] = {}
    for block in blocks:
        if block.anchor is None:
            continue
        at = where[block.anchor]
        shift = _indent(lines[at - 1]) - block.indent
        above.setdefault(at, []).extend(_shifted(block.lines, shift))
    out: list[str] = []
    for k, line in enumerate(lines, start=1):
        out.extend(above.get(k, ()))
        out.append(line)
    tail = [line for block in blocks if block.anchor is None for line in block.lines]
    if tail:
        while out and not out[-1]:
            out.pop()
        while not tail[-1].strip():
            tail.pop()
        out.extend([*tail, ""])
    return "\n".join(out)


def _shifted(lines: tuple[str, ...], shift: int) -> list[str]:
    out = []
    for line in lines:
        if not line.strip():
            out.append("")
        elif shift >= 0:
            out.append(" " * shift + line)
        else:
            out.append(line[min(_indent(line), -shift):])
    return out


def _anchors(doc: yamlio.Doc) -> dict[int, Path_]:
    """Line → the outermost key or list item that starts on it (a row's line is the row's)."""
    found: dict[int, Path_] = {}
    for path, (line, _) in _starts(doc):
        if line not in found or len(path) < len(found[line]):
            found[line] = path
    return found


def _starts(doc: yamlio.Doc) -> list[tuple[Path_, tuple[int, int]]]:
    """(path, position) of every key and every list item of ``doc``."""
    return list(doc.key_marks.items()) + [(p, m) for p, m in doc.marks.items() if p and isinstance(p[-1], int)]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
