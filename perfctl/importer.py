"""Import target tables from text in the seed layout (Apache Tika's text of a .docx).

The layout: one table cell per line, each line starting with a tab; rows separated by
blank lines; a line with a space before its tab starts a new block (a table glued to the
one before it); an empty cell is a tab alone or a tab and one space; a table's title is a
line without a tab (``[bookmark: …]`` markers glued to it are dropped) and may be
missing; a row continuing a merged 一级指标 starts with an empty cell. Labels are matched
with their inner spaces removed (``其中：财政    资金`` is ``其中：财政资金``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfctl import money
from perfctl.errors import InputError
from perfctl.model import Budget, Department, Indicator, Project, Source

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_DEPT = re.compile(r"(?P<code>\d{4,})\s*(?P<name>\D.*)")
_UNIT = re.compile(r"单位[:：](?P<unit>万元|元)")
_TITLE = re.compile(r"(?P<number>\d+)[.、．]\s*(?P<title>.+)")
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度")
_WS = re.compile(r"[\s\u3000]+")

HEADER_COLUMNS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name",
                  "绩效指标描述": "description", "指标解释": "description", "指标值": "target", "年度指标值": "target"}


@dataclass
class Row:
    """A table row: its cells' texts (stripped) and the 1-based line of its first cell."""

    cells: list[str]
    line: int


@dataclass
class _Table:
    line: int
    title_line: str | None
    rows: list[Row] = field(default_factory=list)


def _label(text: str) -> str:
    return _WS.sub("", text)


def tokenize(text: str) -> list[Row | str]:
    """Split text into rows of cells and title lines (str), in order."""
    items: list[Row | str] = []
    row: Row | None = None
    for n, line in enumerate(text.split("\n"), start=1):
        body = line.lstrip(" ")
        if body.startswith("\t"):
            cell = body[1:].strip()
            if row is None or body != line:  # a space before the tab starts a new block
                row = Row([], n)
                items.append(row)
            row.cells.append(cell)
            continue
        row = None
        title = _BOOKMARK.sub("", line).strip()
        if title:
            items.append(title)
    return items


def _split_tables(items: list[Row | str], path: str) -> list[_Table]:
    tables: list[_Table] = []
    pending: str | None = None
    for item in items:
        if isinstance(item, str):
            pending = item
            continue
        first = item.cells[0] if item.cells else ""
        if _DEPT.fullmatch(first) and any(_UNIT.fullmatch(_label(c)) for c in item.cells[1:]):
            tables.append(_Table(item.line, pending))
            pending = None
        elif tables:
            if pending is not None:
                raise InputError(f"unexpected text line {pending!r} inside a table", path, item.line - 1)
        else:
            continue
        tables[-1].rows.append(item)
    if not tables:
        first = next((i.line for i in items if isinstance(i, Row)), None)
        if first is None:
            raise InputError("no target table found: no line starts with a tab, so this is not the seed layout "
                             "(one tab-indented cell per line, as Apache Tika extracts a .docx)", path, 1)
        raise InputError("no target table found: expected a department row ('389101中国…办公室' then "
                         "'单位：元' or '单位：万元') before the table", path, first)
    return tables


def _amount(cell: str, unit: str, path: str, line: int) -> Decimal:
    text = _WS.sub("", cell).replace(",", "")
    if not text:
        return money.zero(unit)
    try:
        return money.parse_amount(text)
    except ValueError as exc:
        raise InputError(str(exc), path, line) from None


def split_goals(text: str) -> list[str]:
    """Split a 绩效目标 cell into goals, dropping the ``1.`` ``2.`` numbering.

    ``"1.甲。2.乙"`` → ``["甲。", "乙"]``; text without numbering is one goal.
    """
    text = text.strip()
    m = re.match(r"1\s*[.、．]\s*", text)
    if not m:
        return [text] if text else []
    goals, rest, k = [], text[m.end():], 2
    while True:
        nxt = re.search(rf"(?<=[\s；;。，,]){k}\s*[.、．]\s*", rest)
        if not nxt:
            goals.append(rest.strip())
            return [g for g in goals if g]
        goals.append(rest[: nxt.start()].strip())
        rest, k = rest[nxt.end():], k + 1


def _project(table: _Table, position: int, path: str, year: int | None) -> Project:
    dept_row = table.rows[0]
    dm = _DEPT.fullmatch(dept_row.cells[0])
    assert dm is not None
    unit = next(m["unit"] for c in dept_row.cells[1:] if (m := _UNIT.fullmatch(_label(c))))
    number = title = None
    if table.title_line:
        tm = _TITLE.fullmatch(table.title_line)
        number, title = (int(tm["number"]), tm["title"].strip()) if tm else (None, table.title_line)
        ym = _YEAR.search(table.title_line)
        if ym:
            stated = int(ym["year"])
            if year is not None and year != stated:
                raise InputError(f"--year {year} disagrees with the year {stated} stated in the table title", path, table.line - 1)
            year = stated
    if year is None:
        raise InputError("the document does not state the budget year (预算年度); give it with --year", path, table.line)

    name = purpose = None
    budget: dict[str, Decimal] = {}
    goals: list[str] = []
    columns: list[str] | None = None
    indicators: list[Indicator] = []
    previous = ""
    for row in table.rows[1:]:
        label = _label(row.cells[0])
        if columns is not None:
            indicators.append(_indicator(row, columns, indicators, path))
            continue
        if label == "项目名称":
            name = " ".join(c for c in row.cells[1:] if c)
        elif label == "预算规模及资金用途":
            budget = _budget(row, unit, path)
        elif label == "" and previous == "预算规模及资金用途":
            purpose = "\n".join(c for c in row.cells[1:] if c) or None
        elif label in ("绩效目标", "年度目标", "年度绩效目标"):
            for cell in row.cells[1:]:
                goals.extend(split_goals(cell))
        elif "一级指标" in map(_label, row.cells) and "三级指标" in map(_label, row.cells):
            columns = [HEADER_COLUMNS.get(_label(c), "") for c in row.cells]
            if "target" not in columns:
                raise InputError("indicator header has no 指标值 column", path, row.line)
        elif label == "预算年度":
            year = int(row.cells[1])
        else:
            raise InputError(f"unrecognised row {row.cells[0] or '(empty first cell)'!r}; expected 项目名称, "
                             "预算规模及资金用途, 绩效目标 or the indicator header", path, row.line)
        previous = label
    missing = [what for what, ok in (("项目名称", name), ("预算数", "total" in budget), ("indicator header", columns)) if not ok]
    if missing:
        raise InputError(f"table is missing: {', '.join(missing)}", path, table.line)
    assert name is not None
    return Project(
        department=Department(code=dm["code"], name=dm["name"].strip()), year=year, name=name,
        money_unit=unit, budget=Budget(**budget), purpose=purpose, goals=goals, indicators=indicators,
        source=Source(document=Path(path).name, position=position, number=number, title=title),
    )


def _budget(row: Row, unit: str, path: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    cells = row.cells[1:]
    for i in range(0, len(cells) - 1, 2):
        label = _label(cells[i])
        key = ("total" if "预算数" in label or "资金总额" in label else
               "fiscal" if "财政" in label else "other" if "其他" in label else None)
        if key is None:
            raise InputError(f"unrecognised budget label {cells[i]!r}; expected 预算数, 其中：财政资金 or 其他资金", path, row.line + i + 1)
        out[key] = _amount(cells[i + 1], unit, path, row.line + i + 2)
    if len(cells) % 2:
        raise InputError(f"budget label {cells[-1]!r} has no amount cell after it", path, row.line + len(cells))
    return out


def _indicator(row: Row, columns: list[str], before: list[Indicator], path: str) -> Indicator:
    cells = row.cells
    if len(cells) > len(columns):
        raise InputError(f"indicator row has {len(cells)} cells, the header has {len(columns)}", path, row.line)
    cells = [""] * (len(columns) - len(cells)) + cells
    values = {col: cell for col, cell in zip(columns, cells) if col}
    prev = before[-1] if before else None
    level1 = values.get("level1") or (prev.level1 if prev else "")
    level2 = values.get("level2") or (prev.level2 if prev and prev.level1 == level1 else "")
    if not level1 or not level2:
        raise InputError("indicator row without 一级指标/二级指标 and no row above to continue", path, row.line)
    return Indicator(level1=level1, level2=level2, name=values.get("name", ""), target=values.get("target", ""),
                     description=values.get("description") if "description" in columns else None)


def parse_document(text: str, path: str, year: int | None = None) -> list[Project]:
    """All projects in a document in the seed layout, in document order.

    ``year`` is the budget year to use where the document does not state one. Raises
    :class:`InputError` naming the file and line when no table is found, a table is
    incomplete, a row is not understood or the year is unknown.
    """
    tables = _split_tables(tokenize(text), path)
    return [_project(t, i, path, year) for i, t in enumerate(tables, start=1)]
