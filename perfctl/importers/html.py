"""Web pages (.html, .htm, and HTML saved as .xls by some export tools) with lxml: every ``<table>``.

The page's encoding is honoured: a byte-order mark, then ``<meta charset>`` or ``<meta
http-equiv="Content-Type" content="…; charset=…">``, else UTF-8 when the bytes are valid
UTF-8, else GB18030 (which covers GBK and GB2312, the encodings of many Chinese government
pages). ``rowspan``/``colspan`` give the spans, cells are placed as browsers place them, and a
table nested in a cell becomes its own grid right after the outer one (``part`` ``"table 2.1"``).
Cell text is what a browser shows: white space collapsed, ``<br>`` and block elements as line
breaks, scripts, styles and hidden elements left out, and so are rows and text shown only in
print (``class="print-only"``: a ``续表`` row). ``Grid.before``: the page's text lines (headings,
paragraphs, a ``<caption>``) since the previous table; ``after``: those up to the next one.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from perfctl.i18n import _
from perfctl.importers import containers
from perfctl.importers.grid import Grid, from_flow
from perfctl.importers.spans import build, place

NAME = "html"
EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
TITLE = "web page (.html): every table, rowspan/colspan, the page's encoding"
WHAT = "HTML"

_MARKUP = (b"<!doctype html", b"<html", b"<table")
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "gb_2312-80": "gb18030", "chinese": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs"}
_SKIP = {"script", "style", "noscript", "template", "head", "title", "select", "option", "button"}
_BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
          "section", "article", "header", "footer", "aside", "nav", "main", "blockquote", "pre",
          "address", "center", "form", "fieldset", "hr", "caption", "figure", "figcaption", "td", "th"}
_SPACE = re.compile(r"[ \t\n\r\f]+")
#: Classes of what a page prints but does not show on screen (a ``续表`` row repeated on every
#: printed page: perfctl's form markup and Bootstrap 3 name them so).
_PRINT_ONLY = {"print-only", "visible-print", "visible-print-block"}


def sniff(path: Path, head: bytes) -> bool:
    """Markup at the start: ``<!doctype html``, ``<html`` or ``<table`` in the first KiB
    (after a byte-order mark and white space)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        start = head[:2048].decode("utf-16", errors="ignore").encode("utf-8")
    else:
        start = head.removeprefix(codecs.BOM_UTF8)
    start = start.lstrip()[:1024].lower()
    return start.startswith(b"<") and any(mark in start for mark in _MARKUP)


def decode(data: bytes) -> str:
    """The page's text in the encoding it declares or, lacking one, UTF-8 or GB18030."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    found = _CHARSET.search(data[:16384])
    if found:
        name = found.group(1).decode("ascii", errors="replace").lower()
        try:
            return data.decode(_ALIASES.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass  # unknown or wrong declaration: guess as below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def read(path: str, data: bytes) -> list[Grid]:
    """Every table of the page in document order, each followed by the tables nested in it.
    Raises :class:`InputError` when the page cannot be parsed."""
    containers.check_size(path, data)
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", decode(data))
    with containers.failures(path, WHAT):
        root = lxml.html.document_fromstring(text)
    body = root.find("body")
    grids = from_flow(_flow(body if body is not None else root),
                      lambda table, number, before: _tables(path, table, number, before),
                      is_text=lambda item: isinstance(item, str), lines=_lines)
    return [g for g in grids if g.rows]


def _flow(node: Any) -> Iterator[Any]:
    """Text pieces (``"\\n"`` for a break) and table elements under ``node`` in document order;
    the content of tables is not entered."""
    if node.text:
        yield _SPACE.sub(" ", node.text)
    for child in node:
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag is None or tag in _SKIP or _hidden(child):
            pass  # comments, scripts, what is not shown
        elif tag == "table":
            yield child
        elif tag == "br":
            yield "\n"
        elif tag in _BLOCK:
            yield "\n"
            yield from _flow(child)
            yield "\n"
        else:
            yield from _flow(child)
        if child.tail:
            yield _SPACE.sub(" ", child.tail)


def _hidden(element: Any) -> bool:
    """Whether an element is not shown on screen (``hidden``, ``style="display: none"``, or
    a class of print-only content such as ``print-only``)."""
    style = element.get("style")
    classes = element.get("class")
    return element.get("hidden") is not None or (
        style is not None and "display:none" in style.replace(" ", "").lower()) or (
        classes is not None and not _PRINT_ONLY.isdisjoint(classes.split()))


def shown(node: Any) -> str:
    """The text a browser shows for ``node`` (its nested tables left out): white space
    collapsed, each ``<br>`` and block element a line break, lines stripped and joined with
    ``"\\n"``; hidden and print-only elements left out (the form reader of
    :mod:`perfctl.office.form` reads rendered documents with it too)."""
    return "\n".join(_lines([p for p in _flow(node) if isinstance(p, str)]))


def is_shown(element: Any) -> bool:
    """Whether ``element`` is an element a browser shows on screen: not a comment, script,
    style or the like, and not hidden or print-only (:func:`_hidden`)."""
    return isinstance(element.tag, str) and element.tag.lower() not in _SKIP and not _hidden(element)


def _lines(pieces: list[str]) -> list[str]:
    """The non-empty lines of text pieces, each stripped; non-breaking spaces become spaces."""
    text = "".join(pieces).replace("\u00a0", " ")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _tables(path: str, table: Any, number: str, before: list[str]) -> list[Grid]:
    """The grid of ``table`` (``part`` ``"table <number>"``) followed by its nested tables'."""
    rows: list[list[tuple[str, int, int]]] = []
    nested: list[tuple[Any, list[str]]] = []
    caption: list[str] = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "caption":
            caption = _lines([p for p in _flow(child) if isinstance(p, str)])
    trs = list(_rows(table))
    for tr in trs:
        cells = []
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            pieces: list[str] = []
            for item in _flow(td):
                if isinstance(item, str):
                    pieces.append(item)
                else:
                    nested.append((item, _lines(pieces)))
                    pieces.append("\n")
            rowspan = span(td.get("rowspan"), 1, 65534) or len(trs)  # rowspan="0": to the end
            cells.append(("\n".join(_lines(pieces)), rowspan, span(td.get("colspan"), 1, 1000) or 1))
        rows.append(cells)
    grids = [build(path, _("table {number}").format(number=number), place(rows), before=before + caption, breaks=True)]
    for k, (inner, inner_before) in enumerate(nested, 1):
        grids.extend(_tables(path, inner, f"{number}.{k}", inner_before))
    return grids


def _rows(table: Any) -> Iterator[Any]:
    """The table's own rows shown on screen: ``<tr>`` children and those of its row groups."""
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if _hidden(child):
            continue
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child
                        if isinstance(tr.tag, str) and tr.tag.lower() == "tr" and not _hidden(tr))


def span(value: str | None, default: int, highest: int) -> int:
    """A ``rowspan``/``colspan`` attribute as browsers read it: leading digits, clamped."""
    digits = re.match(r"\s*(\d+)", value or "")
    if digits is None:
        return default
    return min(int(digits.group(1)), highest)
