"""The text around a table, as documents print it: a document heading, the table's title and
year, the line naming the department and the unit (``389101 中国…办公室　　单位：元``), and
what a printed form repeats or leaves blank (``续表``, 填报单位（盖章）, blank 填报人 fields).

:func:`preamble` reads a table's text before it into the :class:`~perfctl.importers.table.Table`;
:func:`heading_year` is the year a file's heading states for all its tables.
"""

from __future__ import annotations

from perfctl.importers import values
from perfctl.importers.grid import Cell
from perfctl.importers.table import Table
from perfctl.importers.vocabulary import Vocabulary, squeeze


def is_year_line(text: str, vocab: Vocabulary) -> bool:
    """Whether a short text only states the year (``(2021年度)``)."""
    return values.year(text, vocab) is not None and len(squeeze(text)) <= 12


def title(table: Table, text: str, vocab: Vocabulary, where: str) -> None:
    """Take a title text: its year, and the title itself when it names a table."""
    year = values.year(text, vocab)
    if year is not None:
        table.years.append((year, where))
    if vocab.is_title(text):
        table.titles.append(text)


def preamble(table: Table, before: list[str], vocab: Vocabulary) -> list[str]:
    """Read the text blocks before the table: titles and a year, the money unit, the
    department (a line such as ``389101 中国…办公室``, or one with the unit after it);
    a ``续表`` mark and form furniture are passed over. The texts that are none of these
    are returned (they are reported unless they repeat the name)."""
    left = []
    for text in before:
        if not text.strip() or vocab.carries_nothing(text) or vocab.key(text) in vocab.furniture:
            continue
        if vocab.is_title(text) or is_year_line(text, vocab):
            title(table, text, vocab, table.where())
            continue
        split = values.unit_at_end(text, vocab)
        unit = split[1] if split is not None else values.money_unit(text, vocab)
        if unit is not None:
            table.unit = table.unit or unit
            text = split[0] if split is not None else ""  # a department may come before the unit
            if not text:
                continue
        named = values.department_line(text, vocab)
        if named is not None:
            # the nearest line above the table wins; the table's own cells win over any
            table.department_above = Cell(named, 0, 0, line=table.grid.text_line(text))
        else:
            left.append(text)
    return left


def heading_year(before: list[str], vocab: Vocabulary) -> int | None:
    """The year a file's heading states, for the file's tables that state none when
    ``--year`` is not given either (it is printed once, before table 1). ``before``: the text
    above the first table, then the title of the file's properties (a workbook prints no
    heading); the first title or year line stating a year gives it (``389101 中国…办公室
    2025年度项目支出绩效目标表``)."""
    for text in before:
        if vocab.is_title(text) or is_year_line(text, vocab):
            found = values.year(text, vocab)
            if found is not None:
                return found
    return None
