"""The recognizer: grids (:mod:`perfctl.importers.grid`) → projects, through one vocabulary.

Whatever reader made them (Word, Excel, HTML, PDF, a text layout), the grids are read
the same way, by the header words and labels of the header lexicon
(``perfctl/lexicons/headers.yaml``, :mod:`~perfctl.importers.vocabulary`):

1. the cells of each grid, non-empty, labels wrapped over cells rejoined
   (:mod:`~perfctl.importers.tokens`);
2. the text around the table: heading, title, year, the department line
   (:mod:`~perfctl.importers.around`); the fields above the indicators: `label | value`
   fields, the money block, the goals (:mod:`~perfctl.importers.blocks`);
3. the indicator header and rows: by column in an aligned grid
   (:mod:`~perfctl.importers.rows`), by kind of cell in an ordered one
   (:mod:`~perfctl.importers.segments`);
4. the projects, their budget and indicators, with warnings and review marks
   (:mod:`~perfctl.importers.build`, :mod:`~perfctl.importers.budget`).

Warnings (:class:`~perfctl.importers.Note`, codes ``IMP-W-…``) name the source position
(``t.txt:12`` in a text source, ``t.docx: table 2, row 7, col 4`` otherwise) and are kept in
source order. A value is imported as printed or not at all; every cell that is not
imported is named in a warning (``IMP-W-DROPPED``, one per kind). Text around a table is
reported only where it holds a label of the vocabulary (``填表人：张三``), and so is a grid
that is no target table; page chrome (navigation, page titles, paragraphs, layout tables)
is not the table's. Refusals raise
:class:`~perfctl.errors.InputError` with the position (nothing of the file is imported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfctl.i18n import _
from perfctl.importers import Note
from perfctl.importers.around import heading_year, preamble
from perfctl.importers.blocks import FieldReader
from perfctl.importers.build import Imported, build
from perfctl.importers.grid import Grid
from perfctl.importers.rows import DROPPED, dropped_column, header_run, read_aligned
from perfctl.importers.segments import read_ordered
from perfctl.importers.table import Table, refusal
from perfctl.importers.tables import Part, parts
from perfctl.importers.vocabulary import Vocabulary, squeeze, vocabulary

__all__ = ["CODES", "Imported", "Recognized", "recognize"]

#: The warnings the recognizer gives (``Note.code``) and what each means.
CODES: dict[str, str] = {
    "IMP-W-DROPPED": "cells not imported: a label, column or text with no field (one warning per kind)",
    "IMP-W-EMPTY-ROW": "a category row without an indicator, left out",
    "IMP-W-TRUNCATED": "a row cut by the end of the text, left out",
    "IMP-W-PLACEHOLDER": "a 三级指标 name holding a template mark (★, ≥**人): imported, marked for review",
    "IMP-W-UNPLACED": "cells of a row whose columns cannot be told apart: the row imported without them, "
                      "marked for review",
    "IMP-W-DAMAGED": "a 分值 or 得分 that is not a number (or a formula saved without its result): not "
                     "imported, the row marked for review",
    "IMP-W-MONEY": "an amount not imported (not a number, a formula saved without its result, another unit), "
                   "a budget figure computed from printed parts, or money figures that disagree",
    "IMP-W-CATEGORY": "an indicator row without its 一级指标 or 二级指标: imported with it empty, marked for review",
    "IMP-W-POINTS": "a category's printed points (产出指标(50分)) differ from its rows' weights",
    "IMP-W-SUBTOTAL": "a department subtotal row in a table of several projects: not a project",
    "IMP-W-NO-MONEY": "a 部门整体 table stating no amounts: imported without money_unit and budget",
    "IMP-W-CSV": "perfctl's own CSV export read back: it holds no purpose, goals or source, so the projects come "
                 "without them (the JSON export carries everything)",
}


@dataclass
class Recognized:
    """What the recognizer found in a file: the projects, in table order (each with its own
    warnings and review marks: those of its table too, when the table holds one project),
    and warnings about the file as a whole (tables that are no target table; the cells not
    imported and subtotal rows of a table of several projects). Each list is in source order."""

    projects: list[Imported] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def recognize(grids: list[Grid], *, year: int | None = None, department_code: str | None = None) -> Recognized:
    """The projects in ``grids`` (one file's tables, in order).

    ``year`` (预算年度) and ``department_code`` (部门编码) are used where a table states none;
    one that disagrees with the table is refused. Raises :class:`InputError` for a table
    whose cells run together, or that lacks what a project needs (see
    :mod:`perfctl.importers.build`).
    """
    vocab = vocabulary()
    found = Recognized()
    for grid in grids:
        _check_run_together(grid, vocab)
    position = 0
    pieces = parts(grids, vocab)
    heading = heading_year([*pieces[0].before, *filter(None, [pieces[0].grid.properties_title])], vocab) \
        if pieces else None
    for index, part in enumerate(pieces):
        following = pieces[index + 1].before if index + 1 < len(pieces) else []
        table = read(part, vocab, following=following)
        if table.header is None and table.value("name") is None:
            if _holds_labels(part, vocab):  # else page chrome: a navigation or layout table
                found.notes.append(Note(table.where(), "IMP-W-DROPPED",
                                        _("not a target table (no 项目名称 and no indicator header); not imported")))
            continue
        position += 1
        projects = build(table, position, vocab, year=year, department_code=department_code, heading_year=heading)
        names = {squeeze(p.project.name) for p in projects}
        leftover = [text for text in table.unread_before if squeeze(text) not in names and vocab.holds_label(text)]
        if leftover:
            table.drops.add(_("text before the table"), [], where=table.where_text(leftover[0]), texts=leftover)
        # In source order within the table; tables stay in file order (a position's text is
        # compared only with positions of the same table, whose part name they share).
        paths = {table.grid.path}
        notes = table.notes + table.drops.notes()
        if len(projects) == 1:
            projects[0].notes.extend(notes)
        else:
            found.notes.extend(sorted(notes, key=lambda n: _order(n, paths)))
        for imported in projects:
            imported.notes.sort(key=lambda n: _order(n, paths))
        found.projects.extend(projects)
    return found


def _holds_labels(part: Part, vocab: Vocabulary) -> bool:
    """Whether a table holds a word of the form (a label or a category)."""
    return any(vocab.is_label(c.text) or vocab.level(c.text) is not None or vocab.holds_label(c.text)
               for row in part.rows for c in row)


def _order(note: Note, paths: set[str]) -> tuple[int, ...]:
    """A note's place in its file: the line (``t.txt:12``), else the numbers of its part,
    row and column (``t.docx: table 2, row 7, col 4``)."""
    where = note.where
    path = max((p for p in paths if where.startswith(p)), key=len, default="")
    return tuple(int(n) for n in re.findall(r"\d+", where[len(path):]))


def read(part: Part, vocab: Vocabulary, *, following: list[str] | None = None) -> Table:
    """Read one table (see the module docstring); ``following``: the text before the next
    table (text after this one that is also there, or a title, belongs to the next)."""
    grid, rows = part.grid, part.rows
    t = Table(grid, first=rows[0][0], owner=part.owner)
    t.unread_before = preamble(t, part.before, vocab)
    fields = FieldReader(t, rows, vocab)
    r, j = 0, 0
    while r < len(rows):
        r, at = fields.read(r, j)
        j = 0
        if at is None:
            continue
        header, taken = header_run(rows[r], at, vocab)  # type: ignore[misc]
        t.header = header
        for name, cell in zip(header.fields, header.cells):
            if name.startswith(DROPPED):
                t.drops.add(dropped_column(name), [], where=t.where(cell))
        if t.grid_of(rows[r][at]).aligned:
            r = read_aligned(t, rows, r, vocab, part.last)
        else:
            r, j = read_ordered(t, rows, r, at + taken, vocab, part.last)
        fields.labels_seen = True
    after = [x for x in part.after if x.strip() and vocab.key(x) not in vocab.furniture
             and x not in (following or []) and not vocab.is_title(x) and vocab.holds_label(x)]
    if after:
        t.drops.add(_("text after the table"), [], where=t.where_text(after[0]), texts=after)
    return t


def _check_run_together(grid: Grid, vocab: Vocabulary) -> None:
    """Refuse a grid with a cell holding two of the indicator header words run together
    (OCR text without separators)."""
    words = [w for w, name in vocab.columns.exact.items() if name in ("level1", "level2", "name")]
    for row in grid.rows:
        for cell in row:
            text = squeeze(cell.text)
            if len(text) > 8 and sum(1 for w in words if w in text) >= 2:
                raise refusal(grid, cell, _("cells run together; no column boundaries to recover"))
