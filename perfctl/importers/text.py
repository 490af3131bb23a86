"""Text files: every text layout a table is found in → grids (:mod:`perfctl.importers.grid`).

The text is decoded (UTF-8 with or without BOM, UTF-16/32 with a BOM, GB18030/GBK), refused
when its cells run together (OCR text, :mod:`~perfctl.importers.textlayouts.runtogether`:
"cells run together; no column boundaries to recover (OCR text?)", naming the first line of
the passage), then split by one layout of :data:`LAYOUTS`, detected by structure
(:func:`detect_layout`: the layout with the highest score, ties to the first registered)
or forced (``--layout``). A file may hold several tables: a title line (``…绩效目标表``,
``…申报表``, ``…自评表``, ``部门整体绩效目标``, with ``(2023年度)`` after it or not) after a
table's cells starts the next grid (a title printed as a cell or a pipe row stays a cell of
the new grid). Text that is not cells goes to ``Grid.before`` (up to the first cell: titles,
``单位:万元``, metadata) or ``Grid.after`` (the rest: footers such as ``填表人:``, and the rare
text line between two rows). Every cell keeps its source ``line``; ``part`` is
``"lines A-B"`` (``"line A"``); spans are 1; cell text is stripped, nothing else changed.

The grid of each layout (aligned: ``Cell.col`` is the real column; ordered: only the index
in the row, see :mod:`perfctl.importers.grid`):

``tab`` (the seed: one tab-indented cell per line, rows between blank lines): a row per
    block; a cell of a vertically merged cell is an empty cell (``""``) in place, a
    horizontally merged one appears once, so rows differ in length: ordered, unless every
    row has the same length with the labels lined up. A line with spaces before its tab
    starts a new table; any text line is a title (``[bookmark: …]`` dropped).
``cell-lines`` (one cell per line ending in ``|``; a line of k bare pipes is k empty cells):
    when the source printed every position (corpus 02), the row width is recovered from
    the stream (rows of fixed width; lines of several pipes end rows; the header words share
    a row and the category labels fall under 一级指标 / 二级指标): aligned, merged cells as
    empty cells in place, a row cut off by the end of the text shorter. When every row so
    cut begins with a lone ``|`` line (corpus 03), the source was pipe rows printed one
    cell per line: the lone ``|`` is the row's leading pipe and the row's last line of bare
    pipes is padding for the dropped cells of merged cells above; both are left out and the
    grid is ordered (a lone ``|`` inside a row stays an empty cell). The evidence in 03:
    every row, cut at width 8, holds exactly one line of bare pipes, at its end, followed
    by a lone ``|``; and a row under a merged cell starts further left (``雾炮车风炮射程``,
    a 三级指标, is its row's first cell), as in pipe rows. When rows end at lines of several
    pipes but the labels do not line up, the rows as cut are kept, ordered; when no width
    fits at all, as for ``paragraphs``.
``pipe-rows`` (``| a | b |`` or ``a | b |``, one row per line): aligned when every row has
    the same number of cells (bare-pipe padding aside) and the labels line up; otherwise
    (corpus 07, 08, 09: merged cells dropped, rows padded with ``||||``) ordered, each row
    without its trailing empty cells. Markdown rule lines are skipped.
``paragraphs`` (one cell per paragraph, empty lines between; corpus 17): a fixed row width
    is tried as for ``cell-lines`` (labels only); when none lines up, the grid is ordered
    with all the table's cells in a single row, in reading order, for the recognizer to
    segment by its vocabulary. Title paragraphs go to ``before``.
``one-line`` (a whole table on one line, corpus 14): ordered, a single row holding every
    space-separated piece (the words of one cell are separate pieces: cell boundaries are
    not guessed; the recognizer must re-segment by vocabulary). Leading Word metadata, an
    ``附件:`` mark and the title (with its year) go to ``before``.
``space-rows`` (one row per line, cells between spaces; corpus 05): ordered, a row per
    non-blank line, indentation dropped; a label wrapped onto lines of its own
    (``总体`` / ``目标``) is rows of one cell. Lines of one cell before the first row of
    two or more are ``before``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from perfctl import fileio
from perfctl.errors import InputError
from perfctl.i18n import N_, _
from perfctl.importers.grid import Grid
from perfctl.importers.textlayouts import cells, pipes, runtogether, spaces, tab

NAME = "text"
EXTENSIONS = (".txt",)
TITLE = "text: tab cells, cell lines, pipe rows, paragraphs, a table on one line, space rows"


@dataclass(frozen=True)
class Layout:
    """A text layout: ``title`` for help and messages (a message id, shown as ``_(title)``),
    ``score(lines)`` in 0..1 for detection, ``split(lines, path)`` → grids."""

    title: str
    score: Callable[[list[str]], float]
    split: Callable[[list[str], str], list[Grid]]


#: layout name → layout, in the order ties are broken.
LAYOUTS: dict[str, Layout] = {
    "tab": Layout(N_("one tab-indented cell per line, rows between blank lines (Apache Tika's .docx text)"),
                  tab.score, tab.split),
    "cell-lines": Layout(N_("one cell per line ending in '|', empty cells as runs of '|'"),
                         cells.score_cell_lines, cells.split_cell_lines),
    "pipe-rows": Layout(N_("one row per line, cells between '|'"), pipes.score, pipes.split),
    "paragraphs": Layout(N_("one cell per paragraph, blank lines between"), cells.score_paragraphs,
                         cells.split_paragraphs),
    "one-line": Layout(N_("a whole table on one line, cells between spaces"), spaces.score_one_line,
                       spaces.split_one_line),
    "space-rows": Layout(N_("one row per line, cells between spaces"), spaces.score_space_rows,
                         spaces.split_space_rows),
}

#: The layout taken when no layout scores above 0: a row per line.
FALLBACK = "space-rows"


def sniff(path: Path, head: bytes) -> bool:
    """Whether ``head`` decodes as text (:func:`decode`, a character cut at its end allowed)
    and holds a non-blank line."""
    for cut in range(4):
        try:
            text = decode(head[: len(head) - cut], path)
        except InputError:
            continue
        return any(line.strip() for line in text.split("\n"))
    return False


def read(path: str, data: bytes, layout: str | None = None) -> list[Grid]:
    """Every table of the text, in order, in ``layout`` (a name in :data:`LAYOUTS`) or the
    detected one. Raises :class:`InputError` when the text cannot be decoded, when its cells
    run together (OCR text), or when no table is found; ``KeyError`` for an unknown layout."""
    lines = decode(data, path).split("\n")
    runtogether.check(lines, path)
    name = layout or detect_layout(lines)
    grids = LAYOUTS[name].split(lines, path)
    if not grids:
        raise InputError(_("no table found in the text (read as {layout}: {title})")
                         .format(layout=name, title=_(LAYOUTS[name].title)), path)
    return grids


def scores(lines: list[str]) -> dict[str, float]:
    """Each layout's score for ``lines`` (0..1), in registry order."""
    return {name: layout.score(lines) for name, layout in LAYOUTS.items()}


def detect_layout(lines: list[str]) -> str:
    """The name of the layout that fits ``lines`` best: the highest score, ties to the first
    in :data:`LAYOUTS`; :data:`FALLBACK` when none scores above 0."""
    found = scores(lines)
    best = max(found, key=lambda name: found[name])  # max keeps the first of equal scores
    return best if found[best] > 0 else FALLBACK


def decode(data: bytes, path: str | Path | None) -> str:
    """The text of ``data`` with LF line endings: UTF-16/32 with a BOM, else
    :func:`perfctl.fileio.decode` (UTF-8 with or without BOM), else GB18030 (which reads
    GBK) when the bytes are Chinese text in it. Raises :class:`InputError` as
    :func:`~perfctl.fileio.decode` does (binary data, BOM-less UTF-16, another encoding)."""
    for bom, codec in fileio.WIDE_BOMS:
        if data.startswith(bom):
            try:
                return _lf(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise InputError(_("cannot decode as {encoding}: {reason}").format(encoding=codec, reason=exc.reason),
                                 path) from None
    try:
        return fileio.decode(data, path)
    except InputError:
        text = _gb18030(data) if len(data) <= fileio.MAX_BYTES else None
        if text is None:
            raise
        return text


def _gb18030(data: bytes) -> str | None:
    """The text of ``data`` read as GB18030 when it is Chinese text that UTF-8 cannot read
    (most of its Chinese characters fail as UTF-8, so a stray bad byte in a UTF-8 file is
    not taken for GBK), else ``None``."""
    text = fileio.gb18030_text(data)
    if text is None:
        return None
    failed = data.decode("utf-8", errors="replace").count("\ufffd")
    if failed * 2 < len(fileio.CJK.findall(text)):
        return None
    return _lf(text)


def _lf(text: str) -> str:
    """``text`` without a leading BOM, with LF line endings."""
    return fileio.lf(text.removeprefix("\ufeff"))
