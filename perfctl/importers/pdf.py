"""PDF files with a text layer, with pdfplumber: the ruled tables of every page.

Tables are found from the ruling lines (``lines`` strategy); only when no page has a ruled
table are they guessed from the text's alignment (``text`` strategy). A cell's spans come from
its box against the table's column and row edges, so a merged cell is one cell. Fake-bold
doubled characters are removed first (``dedupe_chars``); Kangxi radicals and compatibility
ideographs, which some producers map glyphs to, are read as the ideographs they show. A table
that goes on at the top of the next page with the same columns is joined to it (its repeated
header rows left out), ``part`` ``"pages 3-4, table 2"``; otherwise ``"page 3, table 2"``.
``Grid.before`` holds the page's text lines above the table (below the previous one), ``after``
those below it.

Refused: a PDF without a text layer (a scan; also pages of images with only a few characters,
such as a stamped page number, and no table), and one whose fonts have no Unicode map (glyphs
read as ``(cid:123)``): they need OCR first.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfctl.errors import InputError
from perfctl.i18n import N_, ngettext, _
from perfctl.importers import containers
from perfctl.importers.grid import Cell, Grid
from perfctl.importers.spans import Slot, build

NAME = "pdf"
EXTENSIONS = (".pdf",)
TITLE = "PDF with a text layer: ruled tables of every page (scans are refused)"
WHAT = "PDF"

LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
TEXT = {"vertical_strategy": "text", "horizontal_strategy": "text"}
TEXT_OPTIONS = {"x_tolerance": 3, "y_tolerance": 3}
#: The refusal of a PDF without a text layer (a message id: shown as ``_(NO_TEXT)``).
NO_TEXT = N_("the PDF has no text layer (a scan?); it needs OCR first")
#: A table whose bottom edge is below this share of the page height may go on on the next page.
LOW = 0.8
#: Characters per page below which a PDF of images with no table is taken for a scan.
FEW_CHARS = 40
#: Share of unreadable glyphs outside tables above which the file is refused anyway.
UNMAPPED_SHARE = 0.05
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd]")  # private-use code points count, as symbols
_CID = re.compile(r"\(cid:\d+\)|\ufffd")
_COMPAT = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页|/\s*\d+|共\s*\d+\s*页)?[-—–\s]*$")


@dataclass
class _Found:
    """A table found on a page, with what joining across pages needs."""

    grid: Grid
    page: int
    index: int
    xs: list[float]
    last_page: int
    low: bool  # ends in the bottom fifth of its page, where a page break cuts tables


def sniff(path: Path, head: bytes) -> bool:
    """``%PDF-`` in the first KiB."""
    return b"%PDF-" in head[:1024]


def read(path: str, data: bytes) -> list[Grid]:
    """Every table of every page, in page order. Raises :class:`InputError` for a scan, for
    unmapped fonts, and for a damaged or password-protected file."""
    containers.check_size(path, data)
    import pdfplumber

    with containers.failures(path, WHAT), _quiet("pdfminer"):
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as exc:
            if "Password" in repr(exc) or "Encrypt" in repr(exc):
                raise InputError(_("password-protected PDF; save it without a password first"), path) from None
            raise
        with pdf:
            pages = [page.dedupe_chars(tolerance=1) for page in pdf.pages]
            chars = sum(len(page.chars) for page in pages)
            if not chars:
                raise InputError(_(NO_TEXT), path)
            unmapped = sum(1 for page in pages for ch in page.chars if _UNMAPPED.search(ch["text"]))
            if unmapped > UNMAPPED_SHARE * chars:
                raise InputError(_needs_ocr(unmapped, chars), path)
            found = _find(path, pages, LINES) or _find(path, pages, TEXT)
            if not found and chars < FEW_CHARS * len(pages) and any(page.images for page in pages):
                raise InputError(ngettext("the PDF's pages are images with {n} character of text (a scan?); "
                                          "it needs OCR first",
                                          "the PDF's pages are images with {n} characters of text (a scan?); "
                                          "it needs OCR first", chars).format(n=chars), path)
    return [f.grid for f in _join(found)]


@contextmanager
def _quiet(logger: str) -> Iterator[None]:
    """Keep a library's warnings about damaged files (``Not adding object 5 to xref``) off the
    terminal while it reads: the outcome is reported as a refusal or not at all."""
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.ERROR + 1)
    try:
        yield
    finally:
        log.setLevel(level)


def _needs_ocr(unmapped: int, chars: int) -> str:
    return _("{unmapped} of {chars} characters have no Unicode mapping (read as (cid:NN)); "
             "the PDF's fonts cannot be read as text: it needs OCR first").format(unmapped=unmapped, chars=chars)


def _find(path: str, pages: list[Any], settings: dict[str, str]) -> list[_Found]:
    found: list[_Found] = []
    for number, page in enumerate(pages, 1):
        tables = sorted(page.find_tables(settings), key=lambda t: (t.bbox[1], t.bbox[0]))
        edges = [0.0] + [t.bbox[3] for t in tables]
        for k, table in enumerate(tables, 1):
            part = _("page {page}, table {number}").format(page=number, number=k)
            grid, xs = _grid(path, table, part, compact=settings is TEXT)
            if not grid.rows:
                continue
            grid.before = _band(page, edges[k - 1], table.bbox[1])
            below = tables[k].bbox[1] if k < len(tables) else page.height
            grid.after = _band(page, table.bbox[3], below)
            found.append(_Found(grid, number, k, xs, number, table.bbox[3] > LOW * page.height))
    return found


def _grid(path: str, table: Any, part: str, *, compact: bool) -> tuple[Grid, list[float]]:
    """The grid of a pdfplumber table and its column edges; a cell's text with unmapped glyphs
    is refused. ``compact`` (tables guessed from text): the empty rows and edge columns that
    the guess makes between lines are dropped."""
    texts = table.extract(**TEXT_OPTIONS)
    xs = sorted({cell[0] for cell in table.cells})
    ys = sorted({cell[1] for cell in table.cells})
    slots = []
    for x0, top, x1, bottom in table.cells:
        r, c = ys.index(top), xs.index(x0)
        text = _clean(texts[r][c] or "")
        if _CID.search(text):
            raise InputError(_("{part}, row {row}, col {col}: {text!r} has glyphs without a Unicode mapping "
                               "((cid:NN)); the PDF's fonts cannot be read as text: it needs OCR first")
                             .format(part=part, row=r + 1, col=c + 1, text=text), path)
        colspan = max(1, sum(1 for x in xs if x0 <= x < x1 - 0.5))
        rowspan = max(1, sum(1 for y in ys if top <= y < bottom - 0.5))
        slots.append(Slot(text, r, c, rowspan, colspan))
    right = max(cell[2] for cell in table.cells)
    return build(path, part, slots, compact=compact), xs + [right]


def _clean(text: str) -> str:
    """Cell or line text: compatibility ideographs read as the ideographs they show, stripped."""
    return _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text).strip()


def _band(page: Any, top: float, bottom: float) -> list[str]:
    """The text lines of the page between two heights (characters whose middle is inside)."""
    from pdfplumber.utils import extract_text

    chars = [ch for ch in page.chars if top <= (ch["top"] + ch["bottom"]) / 2 < bottom]
    text = extract_text(chars, **TEXT_OPTIONS) if chars else ""
    return [_clean(line) for line in text.split("\n") if _clean(line)]


def _join(found: list[_Found]) -> list[_Found]:
    """Tables continued on the next page joined to the part before them."""
    out: list[_Found] = []
    for item in found:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, item):
            _append(prev, item)
        else:
            out.append(item)
    return out


def _continues(prev: _Found, item: _Found) -> bool:
    """Whether ``prev`` runs to the bottom of its page, ``item`` opens the next page, nothing
    but a page number stands between them, and the column edges are the same."""
    quiet = all(_PAGE_NUMBER.match(line) for line in prev.grid.after + item.grid.before)
    return (prev.low and item.page == prev.last_page + 1 and item.index == 1 and quiet
            and len(item.xs) == len(prev.xs) and all(abs(a - b) <= 1.5 for a, b in zip(item.xs, prev.xs)))


def _append(prev: _Found, item: _Found) -> None:
    rows = item.grid.rows
    head = 0  # header rows repeated at the top of the new page
    while head < len(rows) and head < len(prev.grid.rows) and _same(rows[head], prev.grid.rows[head]):
        head += 1
    offset = len(prev.grid.rows) - head
    for row in rows[head:]:
        prev.grid.rows.append([Cell(c.text, c.row + offset, c.col, c.rowspan, c.colspan) for c in row])
    prev.last_page, prev.low = item.page, item.low
    prev.grid.part = _("pages {first}-{last}, table {number}").format(first=prev.page, last=item.page, number=prev.index)
    prev.grid.after = item.grid.after


def _same(a: list[Cell], b: list[Cell]) -> bool:
    return [(c.text, c.col, c.colspan) for c in a] == [(c.text, c.col, c.colspan) for c in b] and any(c.text for c in a)
