"""The one intermediate every reader produces: a grid of cells with spans and source positions.

A reader (``perfctl/importers/<format>.py``) turns a file into a list of :class:`Grid`, one
per table it finds; the recognizer (:mod:`perfctl.importers.recognize`) turns grids into
projects without knowing which reader made them.

Two kinds of grid:

- **aligned** (``Grid.aligned`` true; Word, Excel, HTML, PDF, and text layouts whose column
  count can be recovered): ``Cell.col`` is the cell's real column in the table. A merged
  cell appears once, in its top-left row and column, with ``rowspan`` / ``colspan``; the
  positions it covers hold no cell. Empty cells are present with ``text == ""``.
- **ordered** (``Grid.aligned`` false; text layouts that lost the column positions, such as
  pipe rows whose row-spanned cells were dropped): ``Cell.col`` is only the cell's index in
  its row, spans are 1, and a row may have fewer cells than the header; cells missing at
  the start of a row are usually those of a merged cell above.

Cell text is the text as printed: stripped of surrounding white space, inner line breaks
kept as ``\\n``, nothing else changed (no number reformatting, no label normalising).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from perfctl.i18n import _


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: ``text`` as printed; ``row`` and ``col`` 0-based in its grid; ``rowspan`` and
    ``colspan`` ≥ 1; ``line``: the 1-based line of a text source it was read from (``None``
    for other sources)."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    line: int | None = None


@dataclass(slots=True)
class Grid:
    """One table of a source file.

    ``path``: the file as the user named it. ``part``: where in the file, for messages, in
    the user's language (``"table 2"``, ``"sheet 'Sheet1'"``, ``"page 3, table 1"``,
    ``"lines 3-148"``).
    ``rows``: the cells row by row, left to right. ``before``: the text blocks (paragraphs,
    lines) between the previous table and this one, in order, so the last is nearest — a
    title such as ``2025年项目支出绩效目标表`` or ``单位：万元`` lives there. ``after``: text
    blocks after the table up to the next one (footers such as ``填表人：``).
    ``before_lines`` / ``after_lines``: the 1-based source line of each of those texts, in
    step with them, where a text source knows it (``None``, or the lists left empty, for
    other sources). ``aligned``: see the module docstring. ``breaks``: a line break inside a
    cell is the author's (a ``<br>`` or paragraph in a web page or Word, a line break typed in
    a spreadsheet cell), so a multi-line text keeps it; without, a break is only where a
    printed line ended (PDF, text), and the lines are joined. ``properties_title``: the title
    the file's document properties hold (a workbook's), ``None`` when it has none.
    """

    path: str
    part: str
    rows: list[list[Cell]] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    aligned: bool = True
    before_lines: list[int | None] = field(default_factory=list)
    after_lines: list[int | None] = field(default_factory=list)
    breaks: bool = False
    properties_title: str | None = None

    def where(self, cell: Cell | None = None, *, row: int | None = None) -> str:
        """A source position for messages: ``"t.docx: table 2, row 7, col 4"``, or with a
        text line ``"t.txt:12"`` (the form editors jump to)."""
        if cell is not None and cell.line is not None:
            return f"{self.path}:{cell.line}"
        if cell is not None:
            return f"{self.path}: {position(self.part, cell)}"
        if row is not None:
            first = self.rows[row][0] if 0 <= row < len(self.rows) and self.rows[row] else None
            if first is not None and first.line is not None:
                return f"{self.path}:{first.line}"
            return f"{self.path}: " + _("{part}, row {row}").format(part=self.part, row=row + 1)
        return f"{self.path}: {self.part}"

    def text_line(self, text: str) -> int | None:
        """The source line of a text before or after the table (the first such text equal to
        ``text``), ``None`` when it is not known."""
        for texts, lines in ((self.before, self.before_lines), (self.after, self.after_lines)):
            for i, t in enumerate(texts):
                if t == text and i < len(lines) and lines[i] is not None:
                    return lines[i]
        return None

    def texts(self) -> list[list[str]]:
        """The cells' texts row by row (for tests and debugging)."""
        return [[c.text for c in row] for row in self.rows]


def position(part: str, cell: Cell) -> str:
    """A cell's place in its file for messages: ``"table 2, row 7, col 4"`` (1-based)."""
    return _("{part}, row {row}, col {col}").format(part=part, row=cell.row + 1, col=cell.col + 1)


def from_texts(rows: list[list[str]], path: str = "<test>", part: str = "table 1", *,
               aligned: bool = True, lines: list[int] | None = None) -> Grid:
    """A grid of unmerged cells from rows of texts; ``lines[i]`` is row i's source line.

    For readers that have no spans (text layouts) and for tests.
    """
    grid = Grid(path, part, aligned=aligned)
    for r, texts in enumerate(rows):
        line = lines[r] if lines is not None else None
        grid.rows.append([Cell(t, r, c, line=line) for c, t in enumerate(texts)])
    return grid


def from_flow(flow: Iterable[Any], tables: Callable[[Any, str, list[str]], list[Grid]],
              is_text: Callable[[Any], bool], lines: Callable[[list[Any]], list[str]]) -> list[Grid]:
    """The grids of a document read as a flow of text pieces and tables in document order
    (Word's body, an HTML page): ``tables(table, number, before)`` makes the grids of one
    table (numbered ``"1"``, ``"2"`` …; a nested table's grids after its outer one), with the
    text since the previous table as ``before``; that text is also the previous grid's
    ``after``. ``lines`` turns the pieces gathered between two tables into text blocks."""
    grids: list[Grid] = []
    pending: list[Any] = []
    last: Grid | None = None
    number = 0
    for item in flow:
        if is_text(item):
            pending.append(item)
            continue
        before = lines(pending)
        if last is not None:
            last.after = list(before)
        number += 1
        made = tables(item, str(number), before)
        grids.extend(made)
        last, pending = (made[0] if made else last), []
    if last is not None:
        last.after = lines(pending)
    return grids
