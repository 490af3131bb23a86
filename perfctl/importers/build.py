"""Projects from a table as read (:class:`~perfctl.importers.table.Table`): the year, the
department, the budget, the goals and the indicators, with a warning for everything that
could not be taken as printed and a review mark on the rows that need a look.

Refusals (:class:`~perfctl.errors.InputError`, naming the table's position): no budget
year, no department code, a ``--year`` that disagrees with the table's, no project name,
no budget or no money unit. ``--department-code`` only fills in a code the table does not
state (a folder of several departments' tables takes it for those that lack one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfctl.i18n import _, listing
from perfctl.importers import Note, budget, values
from perfctl.importers.grid import Cell
from perfctl.importers.table import ProjectCells, Row, Table, quote
from perfctl.importers.vocabulary import Vocabulary, squeeze
from perfctl.model import Budget, Department, Indicator, Project, Source


@dataclass
class Imported:
    """One imported project, its warnings, and the indicator rows to review (index in
    ``project.indicators`` → reason, written as a ``# review (待复核):`` comment)."""

    project: Project
    notes: list[Note] = field(default_factory=list)
    review: dict[int, str] = field(default_factory=dict)


def build(t: Table, position: int, vocab: Vocabulary, *, year: int | None,
          department_code: str | None, heading_year: int | None = None) -> list[Imported]:
    """The projects of table ``t`` (several when it lists them row by row). ``heading_year``:
    the year the document's heading states (above its first table), for a table that states
    none when ``year`` (``--year``) is not given either."""
    stated = _year(t, year, heading_year)
    number, title = values.title(t.titles[-1]) if t.titles else (None, None)
    kind = "department" if any(vocab.is_department_table(x) for x in t.titles) else "project"
    source = Source(document=Path(t.grid.path).name, position=position, number=number, title=title)
    budget.unit_from_amounts(t, vocab)
    out = []
    department = _department_cell(t, vocab)
    cells = t.projects if t.multi else [ProjectCells(department, t.value("name"))]
    for index, own in enumerate(cells):
        imported = Imported(Project(department=Department("", ""), year=stated, name="", money_unit=None,
                                    budget=Budget(total=None), source=source, kind=kind))
        p = imported.project
        if own.name is None and kind == "department" and title:
            p.name = title
        elif own.name is None:
            raise t.refuse(t.first, _("the table names no project (项目名称)"))
        else:
            p.name = values.one_line(own.name.text)
        p.department = _department(t, own.department or department, department_code)
        _money(t, own, p, vocab, imported.notes)
        _texts(t, own, p, vocab)
        p.indicators = _indicators(t, [r for r in t.rows if r.project == index], vocab, imported)
        out.append(imported)
    return out


def _year(t: Table, option: int | None, heading: int | None) -> int:
    stated = t.years[0][0] if t.years else None
    cell = t.value("year")
    if stated is None and cell is not None and squeeze(cell.text).isdigit():
        stated = int(squeeze(cell.text))
    if stated is not None and option is not None and option != stated:
        raise t.refuse(t.first, _("--year {option} disagrees with the year {year} stated in the table title")
                       .format(option=option, year=stated))
    found = stated if stated is not None else option if option is not None else heading
    if found is None:
        raise t.refuse(t.first, _("the document does not state the budget year (预算年度); give it with --year"))
    return found


def _department_cell(t: Table, vocab: Vocabulary) -> Cell | None:
    """The department of a one-project table: its 主管部门 (or the like); of several 主管部门
    of levels of government, the most local; the others are not imported. A table whose
    cells name none has the one a line above it names (``389101 中国…办公室``)."""
    ranked = sorted(t.departments, key=lambda d: d[0])
    chosen = t.value("department") or (ranked[-1][2] if ranked else None) or t.department_above
    for _rank, label, value in ranked:
        if value is not chosen:
            t.drops.add(vocab.key(label.text), [value], where=t.where(label))
    return chosen


def _department(t: Table, cell: Cell | None, option: str | None) -> Department:
    if cell is None:
        raise t.refuse(t.first, _("the table names no department (主管部门 / 预算部门 / 单位名称)"))
    parsed = values.department(cell.text)
    code_cell = t.value("department_code")
    code, name = parsed if parsed else (squeeze(code_cell.text) if code_cell else None, values.one_line(cell.text))
    code = code or option
    if not code:
        raise t.refuse(cell, _("the table states no 部门编码 (department code); give it with --department-code"))
    return Department(code, name)


def _money(t: Table, own: ProjectCells, p: Project, vocab: Vocabulary, notes: list[Note]) -> None:
    found = budget.read(t, vocab, notes) if not t.multi else {}
    if t.multi:
        total = budget.amount(own.total, t, vocab, notes, required=True)
        if total is not None:
            found["total"] = total
    if not found:
        if p.kind == "department":
            notes.append(Note(t.where(t.first), "IMP-W-NO-MONEY",
                              _("the table states no amounts: imported without money_unit and budget")))
            return
        raise t.refuse(own.name or t.first, _("the table states no budget amount (预算数 / 年度资金总额)"))
    if t.unit is None:
        raise t.refuse(t.first, _("no money unit (单位：元 / 万元) in the table"))
    if "total" not in found:
        raise t.refuse(own.name or t.first, _("the table states no budget total (预算数 / 年度资金总额)"))
    p.money_unit = t.unit
    p.budget = budget.budget(found)


#: A 项目编码 as the file format takes it (the field table's pattern); another cell is not a code.
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")


def _texts(t: Table, own: ProjectCells, p: Project, vocab: Vocabulary) -> None:
    """Project code, implementing unit, period, purpose and the goals."""
    def multiline(cell: Cell, text: str) -> str:
        """Where the source's line breaks are the author's, a purpose or goal keeps them."""
        return values.lines(text) if t.grid_of(cell).breaks else values.one_line(text)

    def text(name: str, *, lines: bool = False) -> str | None:
        cell = t.value(name)
        if cell is None or not cell.text.strip():
            return None
        if id(cell) in t.paragraphs:
            return cell.text.strip()
        return multiline(cell, cell.text) if lines else values.one_line(cell.text)

    p.implementing_unit = text("implementing_unit")
    code = squeeze(t.value("code").text) if t.value("code") is not None else ""  # 项目编码, spaces removed
    p.code = code if _CODE.fullmatch(code) else None
    start, end = text("period_start"), text("period_end")
    p.period = text("period") or (vocab.period_join.join(x for x in (start, end) if x) or None)
    p.purpose = text("purpose", lines=True)
    goals = [own.goals] if t.multi and own.goals is not None else t.goals.get("goals", [])
    for key, cells in (("goals", goals), ("midterm_goals", t.goals.get("midterm_goals", [])),
                       ("goals_actual", t.goals.get("goals_actual", []))):
        setattr(p, key, [multiline(c, g) for c in cells for g in values.split_goals(c.text, vocab)])


def _indicators(t: Table, rows: list[Row], vocab: Vocabulary, imported: Imported) -> list[Indicator]:
    header = t.header
    if header is None:
        raise t.refuse(t.first, _("the table has no indicator header (一级指标 / 二级指标 / 三级指标)"))
    if "target" not in header.fields:
        raise t.refuse(header.cells[0], _("the indicator header has no 指标值 column"))
    notes, review = imported.notes, imported.review
    out: list[Indicator] = []
    categories: dict[int, tuple[Cell, list[Decimal | None]]] = {}
    for row in rows:
        where = t.where(row.first) if row.first is not None else t.where()
        group = categories.setdefault(id(row.level1), (row.level1, [])) if row.level1 is not None else None
        if row.state == "empty":
            label = row.level2 or row.level1
            assert label is not None
            notes.append(Note(t.where(label), "IMP-W-EMPTY-ROW",
                              _("empty {category} row left out").format(category=vocab.level_label(label.text))))
            continue
        if row.state == "truncated" or row.name is None:
            notes.append(Note(where, "IMP-W-TRUNCATED", _("the text ends inside this row; left out")))
            if group:
                group[1].append(None)
            continue
        reasons = []
        name = values.indicator_name(values.one_line(row.name.text), vocab)
        if values.has_placeholder(name, vocab):
            notes.append(Note(t.where(row.name), "IMP-W-PLACEHOLDER",
                              _("三级指标 {name} holds a template mark (★ or a placeholder such as **)").format(
                                  name=quote(name))))
            reasons.append("template mark in the name")
        if row.unplaced:
            cells = listing(quote(c.text) for c in row.unplaced)
            columns = listing(header.label(f) for f in header.value_fields())
            notes.append(Note(where, "IMP-W-UNPLACED", _unplaced(row, columns, cells)))
            reasons.append(f"{', '.join(quote(c.text) for c in row.unplaced)} not placed: {row.reason}")  # a review comment: English
        if row.level1 is None or row.level2 is None:
            missing = "一级指标" if row.level1 is None else "二级指标"
            notes.append(Note(where, "IMP-W-CATEGORY", _("三级指标 {name} has no {category} above it or in its row")
                              .format(name=quote(name), category=missing)))
            reasons.append(f"no {missing}")
        get = {f: values.one_line(c.text) for f, c in row.values.items()}
        weight = _points(t, row, "weight", vocab, notes, reasons)
        score = _points(t, row, "score", vocab, notes, reasons)
        target = get.get("target", "")
        if "op" in header.fields:
            target = values.target(get.get("op"), target, get.get("unit"), vocab)
        out.append(Indicator(
            level1=vocab.level_label(row.level1.text) if row.level1 else "",
            level2=vocab.level_label(row.level2.text) if row.level2 else "",
            name=name, target=target, description=get.get("description"), unit=get.get("unit"),
            basis=get.get("basis"), op=get.get("op"), weight=weight, actual=get.get("actual"), score=score,
            deviation=get.get("deviation")))
        if group:
            group[1].append(None if row.unplaced else weight)
        if reasons:
            review[len(out) - 1] = "; ".join(reasons)
    _points_check(t, categories, vocab, notes)
    return out


def _points(t: Table, row: Row, key: str, vocab: Vocabulary, notes: list[Note],
            reasons: list[str]) -> Decimal | None:
    cell = row.values.get(key)
    if cell is None or values.is_empty(cell.text, vocab):
        return None
    text = values.decimal_text(cell.text)
    if text is None:
        column = t.header.label(key) if t.header else key
        if values.is_formula(cell.text):
            problem = values.formula_problem(cell.text)
            notes.append(Note(t.where(cell), "IMP-W-DAMAGED",
                              _("{column} not imported: {problem}").format(column=column, problem=problem)))
            reasons.append(f"{key} is a formula with no saved result")
        else:
            notes.append(Note(t.where(cell), "IMP-W-DAMAGED", _("{column} {value} is not a number; not imported")
                              .format(column=column, value=quote(cell.text))))
            reasons.append(f"{key} {quote(cell.text)} is not a number")
        return None
    return Decimal(text)


def _points_check(t: Table, categories: dict[int, tuple[Cell, list[Decimal | None]]], vocab: Vocabulary,
                  notes: list[Note]) -> None:
    """Warn where a category's printed points (产出指标(50分)) differ from its rows' weights."""
    for cell, weights in categories.values():
        printed = vocab.points(cell.text)
        if printed is None or not weights or any(w is None for w in weights):
            continue
        total = sum((w for w in weights if w is not None), Decimal(0))
        if total != Decimal(printed):
            notes.append(Note(t.where(cell), "IMP-W-POINTS",
                              _("{category} prints {points} points, its rows' weights add up to {total}").format(
                                  category=cell.text.strip(), points=printed, total=total)))


def _unplaced(row: Row, columns: str, cells: str) -> str:
    """The warning for a row whose cells cannot be placed (its review reason stays English:
    it is written into the project file)."""
    if row.counts is not None:
        values_, columns_ = row.counts
        return _("{values} values for {count} columns ({columns}): {cells} cannot be placed; imported without them"
                 ).format(values=values_, count=columns_, columns=columns, cells=cells)
    return _("{cells} cannot be placed ({columns}); imported without them").format(columns=columns, cells=cells)
