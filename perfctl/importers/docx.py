"""Word 2007+ documents (.docx) with python-docx and its XML tree: every table, in body order.

Each table becomes a grid whose ``before`` holds the paragraphs between the previous table and
this one (the title naming year, project and unit) and ``after`` the paragraphs up to the next.
The rows' ``w:tc`` elements are walked directly, so that a merged cell is one cell with its
spans: ``w:gridSpan`` across, ``w:vMerge`` down (a cell without ``val="restart"`` continues the
one above), and ``w:gridBefore`` shifts a row's first cell right. Content controls (``w:sdt``)
and custom XML wrappers are looked through at body, row and cell level. A table nested in a
cell becomes its own grid right after the outer one (``part`` ``"table 2.1"``), and the outer
cell keeps only its own text; tables inside text boxes are read where the box is anchored.
Cell text: the cell's paragraphs joined by ``"\\n"``, stripped.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.importers import containers
from perfctl.importers.grid import Grid, from_flow
from perfctl.importers.spans import Slot, build

NAME = "docx"
EXTENSIONS = (".docx", ".docm")
TITLE = "Word document (.docx): every table with the paragraphs around it"
WHAT = "Word .docx"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT, _CONTENT = W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent"
_WRAPPERS = {_SDT, _CONTENT, W + "customXml", W + "smartTag", W + "ins", W + "moveTo"}
_TEXT = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-",
         W + "softHyphen": ""}
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sdtPr", W + "sdtEndPr", W + "tblPr",
         W + "trPr", W + "tcPr", W + "tblGrid", MC + "Fallback", W + "instrText", W + "delText",
         W + "footnoteReference", W + "endnoteReference", W + "txbxContent"}


def sniff(path: Path, head: bytes) -> bool:
    """A zip archive holding ``word/document.xml``."""
    names = containers.zip_names(path, head)
    return names is not None and "word/document.xml" in names


def read(path: str, data: bytes) -> list[Grid]:
    """Every table of the document body (and of its text boxes), each followed by the tables
    nested in it. Raises :class:`InputError` for a damaged, protected or non-Word file."""
    containers.check_zip(path, data, WHAT)
    from docx.opc.pkgreader import PackageReader
    from docx.oxml.parser import parse_xml

    with containers.failures(path, WHAT):
        root = parse_xml(_main_part(PackageReader.from_file(io.BytesIO(data))))
    body = root.find(W + "body")
    if body is None:
        raise InputError(_("cannot read as {what} file: its main part has no body (not a WordprocessingML document)")
                         .format(what=containers.article(WHAT)), path)
    return from_flow(_blocks(body), lambda block, number, before: _tables(path, block[1], number, before),
                     is_text=lambda block: block[0] == "p", lines=lambda found: [text for _, text in found])


def _main_part(package: Any) -> bytes:
    """The XML of the main part of a package read by python-docx's ``PackageReader``: the
    target of its ``officeDocument`` relationship, looked up by python-docx's own
    ``Relationships`` as ``Package.open(...).main_document_part`` does (same errors: no such
    relationship, several, an external one), and parsed by the caller with the same
    ``parse_xml`` (a macro-enabled document or a template included).

    ``Package.open`` would also parse every other XML part (styles.xml alone is ~350 KB in
    Word's own template, ~95% of the time of opening a table-sized document) into part
    objects that this reader never uses, and that form reference cycles: under perfctl's
    raised garbage-collection threshold they stayed in memory, ~2 MB a file, until a full
    collection (2 GB for a folder of 1,000 files)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.rel import Relationships

    blobs = {partname: blob for partname, _type, _reltype, blob in package.iter_sparts()}
    rels = Relationships(PACKAGE_URI.baseURI)
    for source, srel in package.iter_srels():
        if source == PACKAGE_URI:
            target = srel.target_ref if srel.is_external else blobs[srel.target_partname]
            rels.add_relationship(srel.reltype, target, srel.rId, srel.is_external)
    return rels.part_with_reltype(RT.OFFICE_DOCUMENT) or b""


def _blocks(parent: Any) -> Iterator[tuple[str, Any]]:
    """``("p", text)`` for each non-empty paragraph and ``("tbl", element)`` for each table
    under ``parent`` in document order; wrappers looked through; a paragraph's text boxes
    yield their own blocks after it."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _P:
            text = _text(child).strip()
            if text:
                yield "p", text
            for box in _boxes(child):
                yield from _blocks(box)
        elif tag == _TBL:
            yield "tbl", child
        elif tag in _WRAPPERS:
            yield from _blocks(child)


def _boxes(paragraph: Any) -> list[Any]:
    """The text boxes anchored in a paragraph (the drawing's, not the legacy fallback copy)."""
    return [box for box in paragraph.iter(W + "txbxContent")
            if not any(a.tag == MC + "Fallback" for a in box.iterancestors())]


def _text(element: Any) -> str:
    """The printed text under ``element``: runs, tabs and breaks; deleted text, field codes,
    legacy fallbacks and text boxes left out."""
    out: list[str] = []
    for node in element.iterchildren():
        tag = node.tag
        if tag in _TEXT:
            out.append(node.text or "" if _TEXT[tag] is None else _TEXT[tag])
        elif tag not in _SKIP and isinstance(tag, str):
            out.append(_text(node))
    return "".join(out)


def _tables(path: str, tbl: Any, number: str, before: list[str]) -> list[Grid]:
    """The grid of ``tbl`` (``part`` ``"table <number>"``) followed by its nested tables'."""
    slots: list[Slot] = []
    nested: list[tuple[Any, list[str]]] = []
    above: dict[int, Slot] = {}  # column → the cell that reaches down to the previous row
    for r, tr in enumerate(_children(tbl, _TR)):
        col = _val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        here: dict[int, Slot] = {}
        for tc in _children(tr, _TC):
            span = max(1, _val(tc.find(f"{W}tcPr/{W}gridSpan"), 1))
            text, inner = _cell(tc)
            nested.extend(inner)
            if _continues(tc) and col in above:
                slot = above[col]
                slot.rowspan = r - slot.row + 1
                if text:
                    slot.text = f"{slot.text}\n{text}" if slot.text else text
            elif _h_continues(tc) and slots and slots[-1].row == r:
                slots[-1].colspan += span
                col += span
                continue
            else:
                slot = Slot(text, r, col, 1, span)
                slots.append(slot)
            here[col] = slot
            col += span
        above = here
    grids = [build(path, _("table {number}").format(number=number), slots, before=before, breaks=True)]
    for k, (inner_tbl, inner_before) in enumerate(nested, 1):
        grids.extend(_tables(path, inner_tbl, f"{number}.{k}", inner_before))
    return grids


def _children(element: Any, tag: str) -> Iterator[Any]:
    """The children of ``element`` with ``tag`` (a table's rows, a row's cells), looking
    through wrappers (content controls, custom XML …)."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _cell(tc: Any) -> tuple[str, list[tuple[Any, list[str]]]]:
    """A cell's own text (its paragraphs joined by ``"\\n"``, stripped) and its nested tables,
    each with the cell's paragraphs before it."""
    lines: list[str] = []
    nested: list[tuple[Any, list[str]]] = []
    for kind, item in _cell_blocks(tc):
        if kind == "p":
            lines.append(item)
        else:
            nested.append((item, [line for line in lines if line.strip()]))
    return "\n".join(lines).strip(), nested


def _cell_blocks(parent: Any) -> Iterator[tuple[str, Any]]:
    """Like :func:`_blocks`, but empty paragraphs are kept (they are blank lines of the cell)."""
    for child in parent.iterchildren():
        if child.tag == _P:
            yield "p", _text(child).strip()
            for box in _boxes(child):
                yield from _blocks(box)
        elif child.tag == _TBL:
            yield "tbl", child
        elif child.tag in _WRAPPERS:
            yield from _cell_blocks(child)


def _continues(tc: Any) -> bool:
    """Whether the cell continues a vertical merge (``w:vMerge`` without ``val="restart"``)."""
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(W + "val", "continue") != "restart"


def _h_continues(tc: Any) -> bool:
    """Whether the cell continues a legacy horizontal merge (``w:hMerge``)."""
    merge = tc.find(f"{W}tcPr/{W}hMerge")
    return merge is not None and merge.get(W + "val", "continue") != "restart"


def _val(element: Any, default: int) -> int:
    """The integer ``w:val`` of an element (``default`` when absent or not a number)."""
    if element is None:
        return default
    try:
        return int(element.get(W + "val", default))
    except ValueError:
        return default
