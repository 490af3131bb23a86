"""What the text layouts share: titles, table labels, splitting a file into tables, making grids.

Each layout module here exposes ``score(lines) -> float`` (how well the text fits, 0 to 1)
and ``split(lines, path) -> list[Grid]``; :mod:`perfctl.importers.text` registers them.
``lines`` is the decoded text split at ``\\n``; line numbers are 1-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from perfctl.i18n import _
from perfctl.importers.grid import Cell, Grid
from perfctl.importers.vocabulary import squeeze, vocabulary

#: A table title: ``…绩效目标表``, ``…申报表``, ``…自评表``, ``部门整体绩效目标``, optionally followed
#: by the year in brackets (``(2023年度)``); matched with white space removed.
_TITLE = re.compile(r"(?:绩效目标表|申报表|自评表|整体绩效目标)(?:[(（][^()（）]{0,20}[)）])?$")
_POINTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")

#: The indicator header's first two column labels (where category labels stand below).
LEVEL1_HEADER, LEVEL2_HEADER = "一级指标", "二级指标"
HEADER_WORDS = (LEVEL1_HEADER, LEVEL2_HEADER, "三级指标")

#: A cell row: (text, source line) per cell.
Row = list[tuple[str, int]]


def is_title(text: str) -> bool:
    """Whether ``text`` is a table title (``2023年项目支出绩效目标申报表``, ``绩效目标自评表 (2019年度)``)."""
    squeezed = squeeze(text)
    return len(squeezed) <= 80 and _TITLE.search(squeezed) is not None


def label(text: str) -> str:
    """A cell's text as a label: white space and a points suffix (``(50分)``) removed."""
    return _POINTS.sub("", squeeze(text))


@lru_cache(maxsize=1)
def categories() -> frozenset[str]:
    """Every 一级/二级 category label the categories lexicon knows (standard names and aliases)."""
    known = vocabulary()
    return known.level1 | known.level2


def header_columns(rows: list[list[str]]) -> tuple[int, tuple[int, int]] | None:
    """The indicator header: its row index and the columns of 一级指标 and 二级指标 (the
    column right of 一级指标 when there is no 二级指标 cell); ``None`` without a header."""
    for r, row in enumerate(rows):
        labels = [label(t) for t in row]
        if LEVEL1_HEADER in labels:
            c1 = labels.index(LEVEL1_HEADER)
            c2 = labels.index(LEVEL2_HEADER) if LEVEL2_HEADER in labels else c1 + 1
            return r, (c1, c2)
    return None


def misplaced_labels(rows: list[list[str]]) -> int | None:
    """How many category labels (``产出指标``, ``数量指标`` …) below the indicator header stand
    outside its 一级指标 / 二级指标 columns: 0 when the columns line up; ``None`` without a header."""
    found = header_columns(rows)
    if found is None:
        return None
    top, columns = found
    known = categories()
    return sum(1 for row in rows[top + 1:] for c, t in enumerate(row)
               if t and c not in columns and label(t) in known)


def lines_up(rows: list[list[str]]) -> bool:
    """Whether rows of equal width keep their columns: every row has as many cells as the
    first and no category label stands outside the header's level columns."""
    if not rows or any(len(row) != len(rows[0]) for row in rows):
        return False
    return not misplaced_labels(rows)


def nonblank(lines: list[str]) -> int:
    """The number of lines holding more than white space (at least 1, to divide by)."""
    return max(1, sum(1 for line in lines if line.strip()))


@dataclass
class Table:
    """One table's worth of a text: the text blocks before it, its items (rows or cells, as the
    layout makes them), and the text blocks after it; ``before_lines`` / ``after_lines``: the
    line of each text block."""

    before: list[str] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    before_lines: list[int | None] = field(default_factory=list)
    after_lines: list[int | None] = field(default_factory=list)


class Tables:
    """Collects a text's items into tables: a title after a table's items starts the next one."""

    def __init__(self) -> None:
        self._tables = [Table()]

    def text(self, text: str, *, title: bool, line: int | None = None) -> None:
        """A text block that is not part of a table's cells (a title, a note, metadata),
        starting on ``line``."""
        current = self._tables[-1]
        if title and current.items:
            self._tables.append(Table(before=[text], before_lines=[line]))
        elif current.items:
            current.after.append(text)
            current.after_lines.append(line)
        else:
            current.before.append(text)
            current.before_lines.append(line)

    def item(self, item: Any, *, new_table: bool = False) -> None:
        """A row or cell of the current table; ``new_table`` starts a table first (if the
        current one has items)."""
        if new_table and self._tables[-1].items:
            self._tables.append(Table())
        self._tables[-1].items.append(item)

    def done(self) -> list[Table]:
        """The tables that have items; text after the last one goes to its ``after``."""
        out = [t for t in self._tables if t.items]
        if out and not self._tables[-1].items:
            out[-1].after.extend(self._tables[-1].before)
            out[-1].after_lines.extend(self._tables[-1].before_lines)
        return out


def make_grid(path: str, rows: list[Row], table: Table, *, aligned: bool) -> Grid:
    """A grid of unmerged cells from rows of (text, line); ``part`` names the lines
    (``"lines 2-148"``, ``"line 1"``)."""
    numbers = [line for row in rows for _, line in row] or [0]
    first, last = min(numbers), max(numbers)
    part = _("line {line}").format(line=first) if first == last else \
        _("lines {first}-{last}").format(first=first, last=last)
    grid = Grid(path, part, before=list(table.before), after=list(table.after), aligned=aligned,
                before_lines=list(table.before_lines), after_lines=list(table.after_lines))
    for r, row in enumerate(rows):
        grid.rows.append([Cell(text, r, c, line=line) for c, (text, line) in enumerate(row)])
    return grid


def grid_of_rows(path: str, rows: list[Row], table: Table) -> Grid:
    """A grid of rows whose columns are kept where the rows show it (:func:`lines_up`):
    aligned then, ordered otherwise."""
    return make_grid(path, rows, table, aligned=lines_up([[t for t, _ in row] for row in rows]))
