"""The form model: a rendered HTML document as paragraphs and tables of placed cells.

:func:`parse` reads the HTML a layout's ``document.html.j2`` renders (the form markup,
README "Layouts"): the front matter before the first ``<section class="project">``, then
one :class:`Section` per project, each a list of :class:`Paragraph` and :class:`Table`
blocks in document order. Elements with ``class="print-only"`` are left out (a ``续表``
line a browser repeats on printed pages), and so are scripts and styles.

Text is what a browser shows, read as the HTML importer reads it
(:func:`perfctl.importers.html.shown`): white space collapsed, each ``<br>`` and each block
element (``<p>``, ``<div>``, ``<li>``) a line break; lines are joined with ``"\\n"``. Spans
too are read as the importer reads them (``rowspan="0"``: to the last row).

A cell with class ``merge-up`` (:data:`MERGE_UP`) continues the cell above it: the cell of the
same column and column span whose rows end where it starts (a row span in HTML cannot cross a
``<tbody>``, so the 101号 form's one 绩效指标 cell beside the header row and every indicator
row is written as the header cell and one ``merge-up`` cell per 一级指标 group). That cell's
row span grows by this one's, and this one is dropped (its text, if any, becomes further
lines of that cell's). Without such a cell above, it stays a cell of its own, as a browser
shows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.importers.html import is_shown, shown, span

#: Cell classes whose text is a figure (money, or 分值/得分 points): a number in a workbook.
NUMBER_CLASSES = frozenset({"amount", "points"})
#: Cell classes set flush left; other cells are centred, as the official forms print them.
LEFT_CLASSES = frozenset({"text", "name", "description", "deviation"})
#: Cell class: the cell continues the one above it in its column (see the module docstring).
MERGE_UP = "merge-up"
#: Paragraph roles, from the element: ``title`` (``<h1>``), ``heading`` (``<h2>``–``<h6>``),
#: ``meta`` (``<div class="meta">``), and a ``<p>``'s class among ``subtitle``, ``sign``,
#: ``note``; else ``text``.
ROLES = ("title", "heading", "subtitle", "meta", "sign", "note", "text")

_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([0-9]+(?:\.[0-9]+)?)\s*%", re.I)


@dataclass
class Paragraph:
    """One line of text outside tables. ``parts``: one text, or (``meta``) several on one
    line, the first flush left and the last flush right. ``role``: one of :data:`ROLES`."""

    parts: list[str]
    role: str = "text"

    @property
    def text(self) -> str:
        return "　".join(self.parts)


@dataclass
class Cell:
    """A table cell at its top-left grid position (0-based ``row``, ``col``), spanning
    ``rowspan`` × ``colspan`` positions. ``text``: lines joined with ``"\\n"``. ``number``:
    a figure (class ``amount`` or ``points``) printed as text (``200000.00``, ``1,234.50``,
    ``—``); ``left``: set flush left; ``header``: a ``<th>``; ``bold``: a ``<th>`` in ``<thead>``."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    number: bool = False
    left: bool = False
    header: bool = False
    bold: bool = False


@dataclass
class Table:
    """A table of ``rows`` grid rows. ``widths``: one fraction of the table's width per grid
    column, summing to 1. ``head``: how many leading rows (``<thead>``) repeat at the top of
    every printed page. ``cells``: row by row, left to right; positions a row span covers
    hold no cell of their own."""

    widths: list[float]
    cells: list[Cell]
    rows: int
    head: int = 0


@dataclass
class Section:
    """One project's table (表1, 表2 …): its blocks in document order."""

    blocks: list[Paragraph | Table] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The section's first heading (``3.自贸区法律服务经费绩效目标表``), ``""`` without one."""
        return next((b.text for b in self.blocks if isinstance(b, Paragraph) and b.role == "heading"), "")


@dataclass
class Form:
    """A rendered document: ``title`` (``<title>``), ``front`` (paragraphs before the first
    section) and ``sections``."""

    title: str
    front: list[Paragraph | Table]
    sections: list[Section]


def parse(html: str) -> Form:
    """The form of a rendered HTML document. Raises :class:`InputError` when it is no HTML or has no body."""
    import lxml.html

    import lxml.etree

    try:
        root = lxml.html.document_fromstring(html)
    except lxml.etree.ParserError as exc:  # a store's template that renders nothing
        raise InputError(_("the rendered document cannot be read as HTML: {reason}").format(reason=exc)) from None
    body = root.find("body")
    if body is None:
        raise InputError(_("the rendered document has no <body>"))
    found = root.find("head/title")
    form = Form(title=shown(found) if found is not None else "", front=[], sections=[])
    for section, block in _blocks(body, None):
        if section is not None and (not form.sections or form.sections[-1] is not section):
            form.sections.append(section)
        if block is not None:
            (section.blocks if section is not None else form.front).append(block)
    return form


def _blocks(node: Any, section: Section | None) -> Iterator[tuple[Section | None, Paragraph | Table | None]]:
    """(the section it belongs to, a block) for each block under ``node``, in document order."""
    for child in node:
        if not is_shown(child):
            continue
        tag = child.tag.lower()
        classes = set((child.get("class") or "").split())
        if tag == "section" and "project" in classes:
            own = Section()
            yield own, None
            yield from _blocks(child, own)
        elif tag == "table":
            yield section, _table(child)
        elif tag == "div" and "meta" in classes:
            parts = [shown(p) for p in child if is_shown(p)]
            yield section, Paragraph([p for p in parts if p], "meta")
        elif tag == "h1":
            yield section, Paragraph([shown(child)], "title")
        elif tag in ("h2", "h3", "h4", "h5", "h6"):
            yield section, Paragraph([shown(child)], "heading")
        elif tag == "p":
            role = next((r for r in ("subtitle", "sign", "note") if r in classes), "text")
            text = shown(child)
            if text:
                yield section, Paragraph([text], role)
        elif tag == "li":
            yield section, Paragraph([shown(child)], "text")
        else:
            yield from _blocks(child, section)


def _table(table: Any) -> Table:
    """A ``<table>``: its rows (``<thead>`` ones first counted as ``head``), cells placed as
    browsers place them, and column widths from ``<colgroup>``."""
    rows: list[tuple[Any, bool]] = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append((child, False))
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend((tr, tag == "thead") for tr in child
                        if isinstance(tr.tag, str) and tr.tag.lower() == "tr")
    rows = [(tr, head) for tr, head in rows if is_shown(tr)]
    head = 0
    while head < len(rows) and rows[head][1]:
        head += 1
    cells = _place([tr for tr, _ in rows], head)
    width = max((c.col + c.colspan for c in cells), default=0)
    return Table(widths=_widths(table, width), cells=cells, rows=len(rows), head=head)


def _place(trs: list[Any], head: int) -> list[Cell]:
    """Cells row by row, each in the first column of its row not taken by a cell spanning
    down from above (the HTML table model); row spans are cut at the last row."""
    busy: dict[int, int] = {}  # column → the first row a cell spanning down no longer covers
    out: list[Cell] = []
    merging: list[Cell] = []  # the merge-up cells, in row order
    for r, tr in enumerate(trs):
        col = 0
        for td in tr:
            tag = td.tag.lower() if isinstance(td.tag, str) else ""
            if tag not in ("td", "th"):
                continue
            while busy.get(col, 0) > r:
                col += 1
            rowspan = min(span(td.get("rowspan"), 1, 65534) or len(trs), len(trs) - r)  # 0: to the end, as browsers
            colspan = span(td.get("colspan"), 1, 1000) or 1
            classes = set((td.get("class") or "").split())
            out.append(Cell(shown(td), r, col, rowspan, colspan, number=bool(classes & NUMBER_CLASSES),
                            left=bool(classes & LEFT_CLASSES), header=tag == "th", bold=tag == "th" and r < head))
            if MERGE_UP in classes:
                merging.append(out[-1])
            for c in range(col, col + colspan):
                busy[c] = r + rowspan
            col += colspan
    return _merge_up(out, merging) if merging else out


def _merge_up(cells: list[Cell], merging: list[Cell]) -> list[Cell]:
    """``cells`` with each of ``merging`` folded into the cell above it, where there is one
    (same column and column span, ending on the row it starts): that cell's row span grows."""
    ends = {(c.row + c.rowspan, c.col, c.colspan): c for c in cells}  # where each cell's rows end
    dropped: set[int] = set()
    for cell in merging:  # in row order: a chain of them folds into the first cell above
        above = ends.pop((cell.row, cell.col, cell.colspan), None)
        if above is None:
            continue
        ends.pop((cell.row + cell.rowspan, cell.col, cell.colspan), None)  # now where ``above`` ends
        above.rowspan += cell.rowspan
        if cell.text:
            above.text = f"{above.text}\n{cell.text}" if above.text else cell.text
        ends[(above.row + above.rowspan, above.col, above.colspan)] = above
        dropped.add(id(cell))
    return [c for c in cells if id(c) not in dropped]


def _widths(table: Any, width: int) -> list[float]:
    """One fraction per grid column: ``<col style="width: N%">`` (or ``width="N%"``), a
    ``<col span>`` repeated; columns without a width share what is left equally."""
    given: list[float | None] = []
    for col in table.iter("col"):
        m = _WIDTH.search(col.get("style") or "") or re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*", col.get("width") or "")
        given.extend([float(m.group(1)) if m else None] * (span(col.get("span"), 1, 1000) or 1))
    given = (given + [None] * width)[:width]
    known = sum(w for w in given if w is not None)
    free = [k for k, w in enumerate(given) if w is None]
    share = max(100.0 - known, 0.0) / len(free) if free else 0.0
    if free and share == 0.0:
        share = (known or 100.0) / width
    widths = [w if w is not None else share for w in given]
    total = sum(widths) or 1.0
    return [w / total for w in widths]
