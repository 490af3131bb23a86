"""Reading the indicator part of a table: the header, then one :class:`Row` per indicator.

The header (:func:`header_run`) is a run of column words holding at least two of 一级指标 /
二级指标 / 三级指标; each column gets its field from the header lexicon (columns before
一级指标 may be a project's own: 单位名称, 项目名称, 预算数, 年度目标).

Of two target columns (``中期指标值 | 年度指标值``, ``指标值 | 年度指标值``) the annual one is the
target; the multi-year one is a column without a field (not imported, with a warning).

In an aligned grid a cell's column names its field, and a category cell merged down (a
row span, or an empty cell in a text layout) carries over to the rows below. In an ordered
grid the cells are read in turn (:mod:`perfctl.importers.segments`): category labels are
known words, then come the name and the values, placed by kind (:func:`place`).
"""

from __future__ import annotations

from itertools import combinations

from perfctl.i18n import _
from perfctl.importers import values
from perfctl.importers.grid import Cell, Grid
from perfctl.importers.table import Header, ProjectCells, Row, Table, quote, stray
from perfctl.importers.vocabulary import Vocabulary, squeeze

CORE = ("level1", "level2", "name")
#: Value columns a row may leave empty without that making its cells ambiguous.
OPTIONAL = ("deviation", "description")
#: The field of a column without one: ``dropped:`` and its header text.
DROPPED = "dropped:"
#: Said of a target column that is not the annual one (in its field: ``dropped:指标值 (multi-year)``).
MULTI_YEAR = "multi-year"


def dropped_column(field: str) -> str:
    """The kind of dropped cells (:class:`~perfctl.importers.table.Drops`) of a column without
    a field (``field``: ``dropped:指标方向性``), in the user's language: ``column 指标方向性``,
    ``column 指标值 (multi-year)``."""
    header = field.removeprefix(DROPPED)
    suffix = f" ({MULTI_YEAR})"
    if header.endswith(suffix):
        return _("column {header} (multi-year)").format(header=header[: -len(suffix)])
    return _("column {header}").format(header=header)


def optional(field: str) -> bool:
    """Whether a value column may be left empty without making a row's cells ambiguous."""
    return field in OPTIONAL or field.startswith(DROPPED)


def _column(text: str, vocab: Vocabulary, before_core: bool) -> str | None:
    key = vocab.key(text)
    if before_core and vocab.project_columns(key):
        return "project:" + str(vocab.project_columns(key))
    found = vocab.columns(key)
    if found:
        return found
    return DROPPED + text.strip() if key in vocab.dropped_columns else None


def header_run(row: list[Cell], j: int, vocab: Vocabulary) -> tuple[Header, int] | None:
    """The indicator header starting at ``row[j]`` and the number of cells it takes, or ``None``.

    In a row that holds nothing but the header, unknown words at its end are columns
    without a field (``dropped``)."""
    fields: list[str] = []
    k = j
    while k < len(row):
        found = _column(row[k].text, vocab, before_core=not any(f in CORE for f in fields))
        if found is None:
            break
        fields.append(found)
        k += 1
    if sum(f in CORE for f in fields) < 2:
        return None
    rest = row[k:]
    if rest and not any(vocab.level(c.text) or values.is_number(c.text) or vocab.is_label(c.text) for c in rest):
        fields += [DROPPED + c.text.strip() for c in rest]
        k = len(row)
    cells = list(row[j:k])
    return Header(_annual_target(fields, cells, vocab), cells), k - j


def _annual_target(fields: list[str], cells: list[Cell], vocab: Vocabulary) -> list[str]:
    """The header's fields with a multi-year target column made a column without a field:
    ``中期指标值``, and ``指标值`` beside ``年度指标值`` (the national 申报表 prints the
    multi-year value first); the annual one is the target."""
    out = [DROPPED + c.text.strip() if f == "midterm_target" else f for f, c in zip(fields, cells)]
    targets = [i for i, f in enumerate(out) if f == "target"]
    annual = [i for i in targets if vocab.key(cells[i].text) in vocab.annual_target]
    if len(targets) > 1 and len(annual) == 1:
        for i in targets:
            if i != annual[0]:
                out[i] = f"{DROPPED}{cells[i].text.strip()} ({MULTI_YEAR})"
    return out


def is_stop(cell: Cell, vocab: Vocabulary) -> bool:
    """Whether a cell ends the indicator rows: a label that is not a category or the
    indicator block's own label (repeated in some layouts)."""
    return vocab.is_label(cell.text) and vocab.blocks(vocab.key(cell.text)) != "indicators" \
        and vocab.level(cell.text) is None


# -- placing a row's values -------------------------------------------------------------
def fits(field: str, text: str, vocab: Vocabulary) -> bool:
    """Whether a cell's text can be a value of ``field`` (points are numbers, op is an op …)."""
    s = squeeze(text)
    if field in ("weight", "score"):
        return values.is_number(text)
    if field == "op":
        return s in vocab.compare_ops or s in vocab.qualitative_ops
    if field == "unit":
        return 0 < len(s) <= 6 and not values.is_number(text) and s not in vocab.basis
    if field == "basis":
        return s in vocab.basis
    if field.startswith(DROPPED) and vocab.columns(vocab.key(field[len(DROPPED):])) in ("target", "midterm_target"):
        return bool(s)  # a multi-year target: any value a target can be
    if field in OPTIONAL or field.startswith(DROPPED):
        return not values.is_number(text)
    return bool(s)


def place(cells: list[Cell], fields: list[str], vocab: Vocabulary) -> tuple[dict[str, Cell], list[Cell]]:
    """Put a row's value cells (in order) into its value columns ``fields``.

    As many cells as columns: each to its column. Fewer: every way of leaving columns
    empty is tried; those that fit (:func:`fits`) and leave the fewest non-optional columns
    empty win, and a cell is placed where all winners agree; the others are returned
    unplaced (so are all cells when there are more cells than columns).
    """
    if len(cells) == len(fields):
        return dict(zip(fields, cells)), []
    if len(cells) > len(fields) or not cells:
        return {}, list(cells)
    best: list[dict[str, Cell]] = []
    cost = None
    for kept in combinations(range(len(fields)), len(cells)):
        pairs = {fields[i]: c for i, c in zip(kept, cells)}
        if not all(fits(f, c.text, vocab) for f, c in pairs.items()):
            continue
        missing = sum(1 for i, f in enumerate(fields) if i not in kept and not optional(f))
        if cost is None or missing < cost:
            best, cost = [pairs], missing
        elif missing == cost:
            best.append(pairs)
    if not best:
        return {}, list(cells)
    agreed = {f: c for f, c in best[0].items() if all(b.get(f) is c for b in best)}
    return agreed, [c for c in cells if all(c is not p for p in agreed.values())]


# -- aligned grids ----------------------------------------------------------------------
def read_aligned(t: Table, rows: list[list[Cell]], r: int, vocab: Vocabulary, last: bool) -> int:
    """Read the indicator rows after the header row ``r`` of an aligned grid by their
    columns; the index of the first row after them."""
    header = t.header
    assert header is not None
    spans = [(f, c.col, c.col + c.colspan) for f, c in zip(header.fields, header.cells)]
    width = max(end for _, _, end in spans)
    level1 = level2 = None
    pending: list[Row] = []
    cache: dict[int, dict[tuple[int, int], Cell]] = {}
    for i in range(r + 1, len(rows)):
        row = rows[i]
        if is_stop(row[0], vocab):
            _close_labels(t, pending, None)
            return i
        cells: dict[str, Cell] = {}
        for cell in row:
            field = next((f for f, a, b in spans if a <= cell.col < b), None)
            if field is None or field in cells:
                t.drops.add(stray(), [cell])
            elif field.startswith(DROPPED):
                t.drops.add(dropped_column(field), [cell])
            else:
                cells[field] = cell
        covering = _covering(t.grid_of(row[0]), cache)
        for f, a, _end in spans:
            above = covering.get((row[0].row, a))
            if f not in cells and above is not None and f not in CORE and not f.startswith("project:"):
                cells[f] = above
        if t.multi and _project_row(t, cells, header):
            continue
        if "level1" in cells:
            level1, level2 = cells["level1"], None
        if "level2" in cells:
            level2 = cells["level2"]
        placed = {f: c for f, c in cells.items() if f not in CORE and not f.startswith("project:")}
        if "name" not in cells and not placed:
            label = cells.get("level2") or cells.get("level1")
            if label is not None:
                _close_labels(t, pending, cells)
                pending.append(Row(level1, level2, None, state="labels", project=max(len(t.projects) - 1, 0),
                                   first=row[0]))
            continue
        _close_labels(t, pending, cells)
        extent = max(c.col + c.colspan for c in t.grid_of(row[0]).rows[row[0].row])
        state = "truncated" if last and i == len(rows) - 1 and extent < width and "target" not in placed else "ok"
        t.rows.append(Row(level1, level2, cells.get("name"), placed, state=state,
                          project=max(len(t.projects) - 1, 0), first=row[0]))
    _close_labels(t, pending, None)
    return len(rows)


def _covering(grid: Grid, cache: dict[int, dict[tuple[int, int], Cell]]) -> dict[tuple[int, int], Cell]:
    """(row, col) → the cell that covers it from a row above (a row span), kept in ``cache``."""
    if id(grid) in cache:
        return cache[id(grid)]
    out = cache[id(grid)] = {}
    for row in grid.rows:
        for cell in row:
            for dr in range(1, cell.rowspan):
                for dc in range(cell.colspan):
                    out[(cell.row + dr, cell.col + dc)] = cell
    return out


def _project_row(t: Table, cells: dict[str, Cell], header: Header) -> bool:
    """File a multi-project row's project cells; ``True`` when the row is a subtotal."""
    own = {f.split(":", 1)[1]: c for f, c in cells.items() if f.startswith("project:")}
    if "name" in own:
        new_project(t, own)
    elif "department" in own and not any(f in cells for f in CORE):
        subtotal(t, [own["department"], *([own["total"]] if "total" in own else [])])
        return True
    return False


def new_project(t: Table, own: dict[str, Cell]) -> None:
    """Start a project of a table of several with its own cells (by project column); a
    project without a 单位名称 cell keeps the one above (merged)."""
    department = own.get("department") or (t.projects[-1].department if t.projects else None)
    t.projects.append(ProjectCells(department, own.get("name"), own.get("total"), own.get("goals")))


def subtotal(t: Table, cells: list[Cell]) -> None:
    """Report a department subtotal row (not a project)."""
    from perfctl.importers import Note

    row = quote(" ".join(c.text for c in cells))
    t.notes.append(Note(t.where(cells[0]), "IMP-W-SUBTOTAL",
                        _("subtotal row {row} is not a project; not imported").format(row=row)))


def _close_labels(t: Table, pending: list[Row], nxt: dict[str, Cell] | None) -> None:
    """Category rows without indicators: empty unless the next row continues under them."""
    while pending:
        row = pending.pop(0)
        continues = nxt is not None and "level1" not in nxt and ("level2" not in nxt or row.level2 is None)
        if not continues:
            row.state = "empty"
            t.rows.append(row)
