"""What the recognizer has read of one table, before it becomes projects.

:class:`Table` collects cells by what they are (a field's value, a money row, a goal, an
indicator row) with their positions, so that the projects can be built, and every cell
the recognizer could not place reported (:class:`Drops`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfctl.errors import InputError, located
from perfctl.i18n import _, listing
from perfctl.importers import Note
from perfctl.importers.grid import Cell, Grid, position

#: Examples a dropped-cells warning quotes, and the characters quoted of each.
EXAMPLES = 3
QUOTED = 40

_BREAKS = re.compile(r"\s*\n\s*")


def stray() -> str:
    """The kind of dropped cells (:class:`Drops`) that no label or column claims, in the
    user's language."""
    return _("cells outside any labelled field")


def quote(text: str, limit: int | None = None) -> str:
    """A cell's text for a message: in single quotes, as printed (a full-width space or a
    Chinese character is not escaped as ``repr`` would), inner line breaks as one space,
    cut after ``limit`` characters with ``…``."""
    s = _BREAKS.sub(" ", text.strip())
    if limit is not None and len(s) > limit:
        s = s[:limit] + "…"
    return f"'{s}'"


@dataclass
class Header:
    """The indicator header: one field name per column (``level1`` … ``deviation``, a project
    column ``project:name``, ``dropped`` for a column without a field), the header cells,
    and where the indicator part starts (``project`` columns before ``level1``)."""

    fields: list[str]
    cells: list[Cell]

    def value_fields(self) -> list[str]:
        """The fields after 三级指标 (the columns of an indicator row's values), in order."""
        at = self.fields.index("name") + 1 if "name" in self.fields else len(self.fields)
        return self.fields[at:]

    def project_fields(self) -> list[str]:
        """The project columns before 一级指标 (``project:department`` …), in order."""
        first = next((i for i, f in enumerate(self.fields) if f in ("level1", "level2", "name")), 0)
        return [f for f in self.fields[:first] if f.startswith("project:")]

    def label(self, name: str) -> str:
        """The header text of a field's column (for messages)."""
        return next((c.text for f, c in zip(self.fields, self.cells) if f == name), name)


@dataclass
class Row:
    """One indicator row as read: its category cells (the row's own, or those it continues),
    name cell, value cells by field, cells that could not be placed, and its state:
    ``ok``, ``empty`` (a category with no indicator) or ``truncated`` (cut by the end of
    the text). ``project``: the index of its project in a table of several; ``first``: the
    first cell of the row's own (for positions); ``reason``: why cells were not placed (English:
    the review comment written into the project file); ``counts``: the row's values and the
    columns they were to fill, when they could not be placed (for the warning)."""

    level1: Cell | None
    level2: Cell | None
    name: Cell | None
    values: dict[str, Cell] = field(default_factory=dict)
    unplaced: list[Cell] = field(default_factory=list)
    state: str = "ok"
    project: int = 0
    reason: str = ""
    first: Cell | None = None
    counts: tuple[int, int] | None = None


@dataclass
class ProjectCells:
    """A project's own cells in a table of several (单位名称, 项目名称, 预算数, 年度目标)."""

    department: Cell | None = None
    name: Cell | None = None
    total: Cell | None = None
    goals: Cell | None = None


class Drops:
    """Cells not imported, one warning per kind (``IMP-W-DROPPED``)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.kinds: dict[str, tuple[str, list[str]]] = {}

    def add(self, kind: str, cells: list[Cell], where: str | None = None, texts: list[str] | None = None) -> None:
        """Report ``cells`` (their texts quoted) and ``texts`` under ``kind`` (``"column 指标方向性"``,
        ``"联系人"``: a noun phrase in the user's language, the subject of "… not imported");
        the warning names the first cell's position (or ``where``)."""
        texts = [c.text for c in cells if c.text] + list(texts or ())
        if kind in self.kinds:
            self.kinds[kind][1].extend(texts)
            return
        self.kinds[kind] = (where or self.table.where(cells[0] if cells else None), texts)

    def notes(self) -> list[Note]:
        """The warnings, in the order the kinds were first met."""
        out = []
        for kind, (where, texts) in self.kinds.items():
            quoted = listing(quote(t, QUOTED) for t in texts[:EXAMPLES])
            if len(texts) > EXAMPLES:
                message = _("{kind} not imported: {examples} and {n} more").format(
                    kind=kind, examples=quoted, n=len(texts) - EXAMPLES)
            elif quoted:
                message = _("{kind} not imported: {examples}").format(kind=kind, examples=quoted)
            else:
                message = _("{kind} not imported").format(kind=kind)
            out.append(Note(where, "IMP-W-DROPPED", message))
        return out


@dataclass
class Table:
    """One table of a grid, as read. ``paragraphs``: the ``id`` of value cells whose line
    breaks separate paragraphs (cells joined), not lines wrapped in a cell. ``money_heads``:
    the money block's column header cells by column name (``adjusted`` → ``全年预算数(A)``).
    ``department_above``: the department a line above the table names (``389101 中国…办公室``),
    for a table whose cells name none."""

    grid: Grid
    first: Cell | None = None
    titles: list[str] = field(default_factory=list)
    years: list[tuple[int, str]] = field(default_factory=list)
    unit: str | None = None
    values: dict[str, list[Cell]] = field(default_factory=dict)
    departments: list[tuple[int, Cell, Cell]] = field(default_factory=list)
    goals: dict[str, list[Cell]] = field(default_factory=dict)
    money: list[tuple[str, Cell, dict[str, Cell], tuple[str, ...]]] = field(default_factory=list)
    money_heads: dict[str, Cell] = field(default_factory=dict)
    money_empty_is_zero: bool = False
    header: Header | None = None
    rows: list[Row] = field(default_factory=list)
    projects: list[ProjectCells] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unread_before: list[str] = field(default_factory=list)
    owner: dict[int, Grid] = field(default_factory=dict)
    paragraphs: set[int] = field(default_factory=set)
    department_above: Cell | None = None
    drops: Drops = field(init=False)

    def __post_init__(self) -> None:
        self.drops = Drops(self)

    def grid_of(self, cell: Cell) -> Grid:
        """The grid a cell comes from (a table may span two grids: a header block and its
        indicator table)."""
        return self.owner.get(id(cell), self.grid)

    def where(self, cell: Cell | None = None) -> str:
        """The source position of ``cell``; without one, of the table: its first line in a
        text source (``t.txt:4``), else its part (``t.docx: table 2``)."""
        if cell is None and self.first is not None and self.first.line is not None:
            cell = self.first
        return self.grid_of(cell).where(cell) if cell is not None else self.grid.where()

    def where_text(self, text: str) -> str:
        """The source position of a text before or after the table (its line in a text
        source, else the table's position)."""
        grids = {id(g): g for g in (self.grid, *self.owner.values())}
        for g in grids.values():
            line = g.text_line(text)
            if line is not None:
                return f"{g.path}:{line}"
        return self.where()

    def refuse(self, cell: Cell | None, message: str) -> InputError:
        """A refusal at ``cell`` (:func:`refusal`)."""
        return refusal(self.grid_of(cell) if cell is not None else self.grid, cell, message)

    def put(self, name: str, cell: Cell) -> None:
        """Keep ``cell`` as a value of the field ``name``."""
        self.values.setdefault(name, []).append(cell)

    def value(self, name: str) -> Cell | None:
        """The first value of the field ``name``."""
        found = self.values.get(name)
        return found[0] if found else None

    @property
    def multi(self) -> bool:
        """Whether the table lists several projects (project columns in its header)."""
        return self.header is not None and "project:name" in self.header.fields


def refusal(grid: Grid, cell: Cell | None, message: str) -> InputError:
    """An :class:`InputError` for ``message`` at ``cell`` (its line, or its table, row and column)."""
    if cell is not None and cell.line is not None:
        return InputError(message, grid.path, cell.line)
    if cell is not None:
        return InputError(located(position(grid.part, cell), message), grid.path)
    return InputError(located(grid.part, message), grid.path)
