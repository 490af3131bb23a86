"""Reading the part of a table above (and below) its indicators: titles, `label | value`
fields, the money block and the goals.

:class:`FieldReader` walks a table's rows of cells (:mod:`perfctl.importers.tokens`) and
files each cell into the :class:`~perfctl.importers.table.Table`: a label takes the cells
after it up to the next label (in its row; in the next row when its own row has none); a
money block takes amounts by its column headers (or one amount per label; a block label
followed by amounts is its total row); goal columns
(预期目标 / 实际完成情况) take the cells below them in turn. It stops where the indicator
header starts (:func:`perfctl.importers.rows.header_run`). A cell it cannot place is
reported, never silently left.
"""

from __future__ import annotations

from perfctl.importers import rows as indicator_rows
from perfctl.importers import values
from perfctl.importers.around import is_year_line, title
from perfctl.importers.grid import Cell
from perfctl.importers.table import Table, stray
from perfctl.importers.vocabulary import Vocabulary, squeeze

#: Fields that take one value; the others (goals) take every cell.
SINGLE = ("name", "code", "department", "department_code", "implementing_unit", "year", "period", "period_start",
          "period_end", "purpose")
GOALS = ("goals", "goals_actual", "midterm_goals")


def _continues(row: list[Cell]) -> bool:
    """Whether ``row`` goes on under the label of the row above: its label cell is empty,
    or covered by that label merged down (the row starts right of column 0). A row with a
    label of its own (even an unknown one) is not the block's text."""
    return bool(row) and (row[0].col > 0 or not row[0].text.strip())


class FieldReader:
    """Reads field rows into ``table``; see the module docstring."""

    def __init__(self, table: Table, rows: list[list[Cell]], vocab: Vocabulary) -> None:
        self.t, self.rows, self.v = table, rows, vocab
        self.money_columns: list[tuple[str, Cell]] | None = None
        self.goal_columns: list[tuple[str, Cell]] | None = None
        self.goal_index = 0
        self.continuation: str | None = None
        self.labels_seen = False
        self.in_money = False  # after a money block label, up to the next label of another kind
        self.side_by_side = False  # rows of two halves: 中期资金总额 | 900 | 年度资金总额 | 300
        self.names: set[str] | None = None  # the 项目名称 values, squeezed (see _names_project)

    # -- the walk -------------------------------------------------------------------------
    def read(self, r: int, j: int) -> tuple[int, int | None]:
        """Read row ``r`` from cell ``j``. Returns (the next row to read, ``None``), or
        (``r``, the cell where the indicator header starts)."""
        row = self.rows[r]
        continuation, self.continuation = self.continuation, None
        if j == 0 and continuation and _continues(row) and not any(self._is_label(c) for c in row):
            # the row's cells are the block's paragraphs (a text layout prints one per line)
            text = "\n".join(values.lines(c.text) if self.t.grid_of(c).breaks else values.one_line(c.text)
                             for c in row)
            self.t.put(continuation, Cell(text, row[0].row, row[0].col, line=row[0].line))
            self.t.paragraphs.add(id(self.t.values[continuation][-1]))
            return r + 1, None
        while j < len(row):
            if indicator_rows.header_run(row, j, self.v) is not None:
                return r, j
            nxt = self._one(r, j)
            if nxt is None:
                return r + 2, None
            j = nxt
        return r + 1, None

    def _one(self, r: int, j: int) -> int | None:
        """Read the cell at (r, j); the index of the next cell, or ``None`` when the next row
        was taken as this label's value."""
        v, t, row = self.v, self.t, self.rows[r]
        cell = row[j]
        key = v.key(cell.text)
        money_key, numbering = v.money_key(cell.text)
        if key in v.furniture:
            return j + 1
        if key in v.money_blocks:
            options = v.money_blocks[key]
            t.money_empty_is_zero = t.money_empty_is_zero or bool(options.get("empty_is_zero"))
            self._unit(cell)
            self.labels_seen = self.in_money = True
            if self._amounts_after(row, j):  # `项目资金 | 900 | 300`: the block's total row
                return self._money_row(row, j, name="total")
            self.continuation = options.get("continuation")
            self.money_columns, self.goal_columns = None, None
            return j + 1
        run = self._money_column_run(row, j)
        if run:
            self.money_columns = run
            self.labels_seen = True
            return j + len(run)
        if v.money_rows(money_key) or (numbering == "detail" and self.money_columns is not None):
            return self._money_row(row, j)
        name = v.fields(key)
        if name in GOALS:
            run = self._goal_column_run(row, j)
            if len(run) >= 2:
                self.goal_columns, self.goal_index, self.money_columns = run, 0, None
                self.labels_seen = True
                return j + len(run)
        if v.blocks(key):
            self.goal_columns = self.goal_columns if v.blocks(key) == "goals" else None
            self.money_columns = None
            self.labels_seen, self.in_money, self.side_by_side = True, False, False
            return j + 1
        if name is not None or v.department_level(cell.text) is not None or key in v.dropped:
            return self._labelled(r, j, name)
        return self._unlabelled(row, j)

    # -- labels and their values ----------------------------------------------------------
    def _is_label(self, cell: Cell) -> bool:
        return self.v.is_label(cell.text) or self.v.level(cell.text) is not None

    def _values_after(self, row: list[Cell], j: int) -> list[Cell]:
        out = []
        for k in range(j + 1, len(row)):
            if self._is_label(row[k]) or indicator_rows.header_run(row, k, self.v) is not None:
                break
            out.append(row[k])
        return out

    def _labelled(self, r: int, j: int, name: str | None) -> int | None:
        """A field label and the cells after it (or the next row, when none follow)."""
        v, t, row = self.v, self.t, self.rows[r]
        label = row[j]
        self.money_columns = self.goal_columns = None
        self.labels_seen, self.in_money, self.side_by_side = True, False, False
        found = self._values_after(row, j)
        taken_next = False
        if not found and j == len(row) - 1 and r + 1 < len(self.rows):
            below = self.rows[r + 1]
            if not self._is_label(below[0]) and indicator_rows.header_run(below, 0, v) is None:
                found, taken_next = below, True
        rank = v.department_level(label.text)
        if rank is not None:
            if found:
                t.departments.append((rank, label, found[0]))
            self._stray(found[1:])
        elif name in GOALS:
            t.goals.setdefault(name, []).extend(found)
        elif name is not None:
            if found:
                t.put(name, found[0])
            self._stray(found[1:] if name in SINGLE else [])
        else:
            t.drops.add(v.key(label.text), found, where=t.where(label))
        return None if taken_next else j + 1 + len(found)

    def _unlabelled(self, row: list[Cell], j: int) -> int:
        """A cell no label claims: a goal under goal columns, a unit, a title, a
        department cell at the top, or a stray cell."""
        v, t, cell = self.v, self.t, row[j]
        if self.goal_columns and not values.is_number(cell.text):
            t.goals.setdefault(self._goal_field(cell), []).append(cell)
            return j + 1
        unit = values.money_unit(cell.text, v)
        if unit:
            self._unit(cell)
            return j + 1
        if not self.labels_seen and (v.is_title(cell.text) or is_year_line(cell.text, v)):
            title(t, cell.text, v, t.where(cell))
            return j + 1
        if not self.labels_seen and self._names_project(cell.text):
            return j + 1  # a heading naming the project (2.自贸…项目): its 项目名称 row gives the name
        beside_unit = any(c is not cell and values.money_unit(c.text, v) for c in row)
        if (values.department(cell.text) or beside_unit) and t.value("department") is None and not self.labels_seen:
            t.put("department", cell)
            return j + 1
        self._stray([cell])
        return j + 1

    def _names_project(self, text: str) -> bool:
        """Whether a text is the name of a project of the table (after a number: ``2.某项目``),
        as its 项目名称 rows give it."""
        if self.names is None:
            self.names = {squeeze(row[k + 1].text) for row in self.rows for k in range(len(row) - 1)
                          if self.v.fields(self.v.key(row[k].text)) == "name"}
        return squeeze(values.title(text)[1]) in self.names

    def _goal_field(self, cell: Cell) -> str:
        assert self.goal_columns
        if self.t.grid_of(cell).aligned:
            for name, head in self.goal_columns:
                if head.col <= cell.col < head.col + head.colspan:
                    return name
        name = self.goal_columns[self.goal_index % len(self.goal_columns)][0]
        self.goal_index += 1
        return name

    def _goal_column_run(self, row: list[Cell], j: int) -> list[tuple[str, Cell]]:
        run = []
        for cell in row[j:]:
            name = self.v.fields(self.v.key(cell.text))
            if name not in GOALS:
                break
            run.append((name, cell))
        return run

    # -- money ----------------------------------------------------------------------------
    def _unit(self, cell: Cell) -> None:
        unit = values.money_unit(cell.text, self.v)
        if unit and self.t.unit is None:
            self.t.unit = unit

    def _money_column_run(self, row: list[Cell], j: int) -> list[tuple[str, Cell]] | None:
        """The money column headers starting at ``row[j]`` (at least two, or one 金额), as
        (column name, header cell); an annual column (年度资金总额) counts only beside a
        multi-year one, short ones (``中期 | 年度``) only inside a money block."""
        run = []
        for cell in row[j:]:
            key = self.v.key(cell.text)
            name = self.v.money_columns(key) or (self.v.money_sub_columns(key) if self.in_money else None)
            if name is None:
                break
            run.append((name, cell))
        names = [n for n, _ in run]
        if "annual" in names and "midterm" not in names:
            run = run[: names.index("annual")]
        if len(run) >= 2 or (run and run[0][0] == "amount"):
            for name, cell in run:
                self._unit(cell)
                self.t.money_heads.setdefault(name, cell)
            return run
        return None

    def _amounts_after(self, row: list[Cell], j: int) -> bool:
        """Whether the cells after a label in its row are all amounts (and there is one)."""
        found = self._values_after(row, j)
        return bool(found) and all(values.decimal_text(values.split_unit(c.text, self.v)[0]) is not None
                                   for c in found)

    def _money_row(self, row: list[Cell], j: int, name: str | None = None) -> int:
        """A money row label and its amounts: by column under a money header, else one.
        ``name``: the row's name when its label is not a money row's (a block's total row)."""
        label = row[j]
        money_key, numbering = self.v.money_key(label.text)
        name = name or self.v.money_rows(money_key) or "detail"
        if numbering == "detail":
            name = "detail"
        later = any(self._money_label(c) == "total" for c in row[j + 1:])
        if name == "midterm" and later:
            self.side_by_side = True
        elif self.side_by_side and not self.money_columns and not any(self._money_label(c) for c in row[:j]) \
                and any(self._money_label(c) for c in row[j + 1:]):
            name = "midterm"  # the left, multi-year half of a row of two
        self.goal_columns = None
        self.labels_seen = True
        found = self._values_after(row, j)
        placed: dict[str, Cell] = {}
        if self.money_columns:
            columns = self.money_columns
            for i, cell in enumerate(found):
                at = next((n for n, head in columns if head.col <= cell.col < head.col + head.colspan), None) \
                    if self.t.grid_of(cell).aligned else (columns[i][0] if i < len(columns) else None)
                if at is None or at in placed:
                    self._stray([cell])
                else:
                    placed[at] = cell
        else:
            if found:
                placed["amount"] = found[0]
            self._stray(found[1:])
        self.t.money.append((name, label, placed, tuple(n for n, _ in self.money_columns or ())))
        return j + 1 + len(found)

    def _money_label(self, cell: Cell) -> str | None:
        return self.v.money_rows(self.v.money_key(cell.text)[0])

    def _stray(self, cells: list[Cell]) -> None:
        if cells:
            self.t.drops.add(stray(), cells)
