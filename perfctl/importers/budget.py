"""The budget (预算数 and its sources, or a self-evaluation's money block) from the money
cells a table holds.

The amount of a row is read in the column its table makes the budget: 年初预算数 when
there is one, else 全年预算数, else the annual column (年度资金总额 beside 中期资金总额), else
the one amount beside the label. The 年度资金总额 row also gives 年初/全年预算数, 全年执行数 and
分值; its 执行率 and 得分 are computed values, only checked. What has no field is named in a
warning: the multi-year amounts (中期资金总额). A self-evaluation's 其中 rows (当年财政拨款,
上年结转资金, 其他资金) keep their 年初预算数 / 全年预算数 / 全年执行数 in ``budget.parts`` unless
they equal the total row's. A total
is computed from its parts only where the total row prints no amount at all. Amounts are
exact decimals as printed, in the table's money unit; an empty cell is no amount, except
where the form prints nothing for 0 (the seed's 预算规模及资金用途).
"""

from __future__ import annotations

from decimal import Decimal

from perfctl import money
from perfctl.i18n import _, listing
from perfctl.importers import Note, values
from perfctl.importers.grid import Cell
from perfctl.importers.table import Table, quote
from perfctl.importers.vocabulary import Vocabulary
from perfctl.model import Budget, BudgetPart, BudgetParts

#: Budget keys a money row gives, by its row name (headers.yaml money.rows).
PARTS = ("total", "fiscal", "other")
#: Money rows without a field (headers.yaml money.rows): their amounts are not imported
#: (``midterm`` ones too, in one warning with the multi-year column's). ``carryover``
#: (上年结转资金) has one only in a self-evaluation's money block (``budget.parts``).
UNPLACED_ROWS = ("upper",)
#: The money block's columns a 其中 row keeps in ``budget.parts``, and those computed from them.
PART_COLUMNS = ("initial", "adjusted", "spent")
_COMPUTED = ("rate", "score", "weight")
#: The columns that give a money row's budget figure, by preference (else its one amount).
MAIN = ("initial", "adjusted", "annual")


def unit_from_amounts(t: Table, vocab: Vocabulary) -> None:
    """Take the money unit from amount cells (``2.38 万元``) when no header states it."""
    if t.unit is not None:
        return
    for _, _, placed, _ in t.money:
        for cell in placed.values():
            number, unit = values.split_unit(cell.text, vocab)
            if unit and values.decimal_text(number) is not None:
                t.unit = unit
                return


def _dashed(cell: Cell | None) -> bool:
    """Whether an amount cell holds a placeholder (``—``, ``无``) rather than nothing: in a form
    whose blank amount means 0 (``empty_is_zero``), such a cell states no amount."""
    return cell is not None and bool(cell.text.strip())


def amount(cell: Cell | None, t: Table, vocab: Vocabulary, notes: list[Note], *,
           required: bool = False) -> Decimal | None:
    """An amount cell's value in the table's unit: ``None`` for an empty cell (or ``—``) and,
    with a warning, for one that is not a plain decimal (a formula without its result
    among them) or is in another unit. ``required`` (the budget total): such a cell
    refuses the table instead."""
    if cell is None:
        return None
    number, unit = values.split_unit(cell.text, vocab)
    if values.is_empty(number, vocab):
        return None
    if values.is_formula(cell.text):
        problem = values.formula_problem(cell.text)
        if required:
            raise t.refuse(cell, _("budget total is {problem}").format(problem=problem))
        notes.append(Note(t.where(cell), "IMP-W-MONEY", _("amount not imported: {problem}").format(problem=problem)))
        return None
    problem = None
    if unit and t.unit and unit != t.unit:
        problem = _("amount {amount} is in {unit} but the table is in {table_unit}").format(
            amount=quote(cell.text), unit=unit, table_unit=t.unit)
    text = values.decimal_text(number)
    if problem is None and text is None:
        problem = _("amount {amount} is not a decimal number such as 200000.00").format(amount=quote(cell.text))
    if problem is not None:
        if required:
            raise t.refuse(cell, _("budget total: {problem}").format(problem=problem))
        notes.append(Note(t.where(cell), "IMP-W-MONEY", _("{problem}; not imported").format(problem=problem)))
        return None
    assert text is not None
    return Decimal(text)


def _main(columns: tuple[str, ...]) -> str:
    """The column that gives a money row's budget figure."""
    return next((c for c in MAIN if c in columns), "amount")


def _filled(cell: Cell | None, vocab: Vocabulary) -> bool:
    return cell is not None and not values.is_empty(values.split_unit(cell.text, vocab)[0], vocab)


def read(t: Table, vocab: Vocabulary, notes: list[Note]) -> dict[str, Decimal]:
    """The budget's fields from the table's money rows (empty when it has none)."""
    out: dict[str, Decimal] = {}
    parts: dict[str, list[tuple[Cell, Decimal | None]]] = {}
    seen: set[str] = set()
    total_row: tuple[Cell, dict[str, Cell]] | None = None
    total_main = "amount"
    sub_rows: list[tuple[str, Cell, dict[str, Cell], str]] = []
    midterm: list[Cell] = []
    midterm_label: Cell | None = None
    for name, label, placed, columns in t.money:
        main = _main(columns)
        filled = [c for c in placed.values() if _filled(c, vocab)]
        if name == "detail":
            if filled:
                t.drops.add(_("fund detail rows"), [], where=t.where(label),
                            texts=[" ".join(c.text.strip() for c in (label, *filled))])
            continue
        if name in UNPLACED_ROWS or name == "carryover" and not _self_evaluation_columns(t):
            if filled:
                t.drops.add(vocab.key(label.text), filled, where=t.where(label))
            continue
        if name == "midterm":
            midterm.extend(filled)
            midterm_label = midterm_label or label
            continue
        if name == "spent":
            value = amount(placed.get("amount"), t, vocab, notes)
            if value is not None:
                out["spent"] = value
            continue
        key = vocab.money_key(label.text)[0]
        if key in seen:
            if filled:
                t.drops.add(_("second {label} row").format(label=key), filled, where=t.where(label))
            continue
        seen.add(key)
        if _filled(placed.get("midterm"), vocab):
            midterm.append(placed["midterm"])
        value = amount(placed.get(main), t, vocab, notes, required=name == "total")
        if value is None and not filled and t.money_empty_is_zero and t.unit and not _dashed(placed.get(main)):
            value = money.zero(t.unit)  # the form prints a zero as a blank; a dash says "not stated"
        parts.setdefault(name, []).append((label, value))
        if name == "total" and total_row is None:
            total_row, total_main = (label, placed), main
        elif name != "total":
            sub_rows.append((name, label, placed, main))
    if midterm:
        head = t.money_heads.get("midterm") or midterm_label
        assert head is not None
        t.drops.add(vocab.key(head.text), midterm)
    for name in PARTS:
        found = [(label, v) for label, v in parts.get(name, []) if v is not None]
        if len(found) == 1:
            out[name] = found[0][1]
        elif found and name != "total":
            out[name] = sum((v for _, v in found), Decimal(0))
            names = " + ".join(c.text.strip() for c, _ in found)
            notes.append(Note(t.where(found[0][0]), "IMP-W-MONEY",
                              _("budget.{key} is the sum of {names} = {amount}").format(
                                  key=name, names=names, amount=money.amount_text(out[name]))))
        elif found:
            out["total"] = found[0][1]
    if total_row is not None:
        _self_evaluation(t, total_row, out, vocab, notes)
    _parts(t, total_row, sub_rows, out, vocab, notes)
    if "total" not in out and ("fiscal" in out or "other" in out):
        _sum_of_parts(t, total_row, total_main, out, vocab, notes)
    elif "total" in out and out.get("fiscal", Decimal(0)) + out.get("other", Decimal(0)) > out["total"]:
        where = t.where(total_row[0]) if total_row else t.where()
        shown = " + ".join(money.amount_text(out[k]) for k in ("fiscal", "other") if k in out)
        notes.append(Note(where, "IMP-W-MONEY", _("the parts of the budget ({parts}) are more than its total "
                                                  "{total}; imported as printed").format(
                                                      parts=shown, total=money.amount_text(out["total"]))))
    return out


def _head(t: Table, column: str, vocab: Vocabulary) -> str:
    """A money column's header as a label (``全年预算数``), or its name without a header."""
    head = t.money_heads.get(column)
    return vocab.key(head.text) if head is not None else column


def _sum_of_parts(t: Table, total_row: tuple[Cell, dict[str, Cell]] | None, main: str,
                  out: dict[str, Decimal], vocab: Vocabulary, notes: list[Note]) -> None:
    """budget.total as fiscal + other, where the total row prints no amount at all; a total
    row that prints amounts, none of them in the budget's column, refuses the table."""
    total = out.get("fiscal", Decimal(0)) + out.get("other", Decimal(0))
    if total_row is None:
        label = next(c for _, c, _, _ in t.money)
        notes.append(Note(t.where(label), "IMP-W-MONEY", _("the table prints no budget total; budget.total is "
                                                           "the sum of its parts = {amount}").format(
                                                               amount=money.amount_text(total))))
        out["total"] = total
        return
    label, placed = total_row
    printed = [(n, c) for n, c in placed.items() if _filled(c, vocab)]
    if printed:
        others = listing(f"{_head(t, n, vocab)} {quote(c.text)}" for n, c in printed)
        raise t.refuse(label, _("budget total: {label} prints no {column} amount; its other amounts ({others}) "
                                "are not the budget").format(label=quote(label.text), column=_head(t, main, vocab),
                                                             others=others))
    notes.append(Note(t.where(label), "IMP-W-MONEY", _("{label} prints no amount; budget.total is the sum of its "
                                                       "parts = {amount}").format(label=quote(label.text),
                                                                                  amount=money.amount_text(total))))
    out["total"] = total


def _self_evaluation_columns(t: Table) -> bool:
    """Whether the money block has a self-evaluation's columns (全年预算数, 全年执行数)."""
    return any(column in t.money_heads for column in ("adjusted", "spent"))


def _parts(t: Table, total_row: tuple[Cell, dict[str, Cell]] | None,
           rows: list[tuple[str, Cell, dict[str, Cell], str]], out: dict, vocab: Vocabulary,
           notes: list[Note]) -> None:
    """``budget.parts``: a self-evaluation's 其中 rows (当年财政拨款, 上年结转资金, 其他资金) with their
    年初预算数 / 全年预算数 / 全年执行数, where a row's figures are not the total row's (then the
    part is the whole: nothing to keep). Other amounts of a part outside the budget's column
    (a declaration's sub-rows under another header) are named in one warning."""
    total = total_row[1] if total_row else {}
    lost: list[tuple[Cell, list[tuple[str, Cell]]]] = []
    columns: list[str] = []
    self_evaluation = _self_evaluation_columns(t)
    for name, label, placed, main in rows:
        extra = [(n, c) for n, c in placed.items() if n not in (main, "midterm") and _filled(c, vocab)]
        if self_evaluation and name in ("fiscal", "carryover", "other"):
            figures = [(n, c) for n, c in placed.items() if n in PART_COLUMNS and _filled(c, vocab)]
            if figures and not all(_same(c, total.get(n), vocab) for n, c in figures):
                part = {n: v for n, c in figures if (v := amount(c, t, vocab, notes)) is not None}
                if part:
                    out.setdefault("parts", {})[name] = part
            extra = [(n, c) for n, c in extra if n not in PART_COLUMNS and n not in _COMPUTED]
        if not extra or all(_same(c, total.get(n), vocab) for n, c in extra):
            continue
        lost.append((label, extra))
        columns += [n for n, _ in extra if n not in columns]
    if lost:
        kind = _("{columns} of {rows}").format(columns="/".join(_head(t, n, vocab) for n in columns),
                                               rows=listing(values.one_line(label.text) for label, _x in lost))
        t.drops.add(kind, [], where=t.where(lost[0][0]),
                    texts=[" ".join(c.text.strip() for _, c in extra) for _, extra in lost])


def _same(cell: Cell, other: Cell | None, vocab: Vocabulary) -> bool:
    """Whether two cells of a money column print the same number (an amount, points, a
    percentage)."""
    if other is None:
        return False
    a, b = (_number(c, vocab) for c in (cell, other))
    return a is not None and a == b


def _number(cell: Cell, vocab: Vocabulary) -> Decimal | None:
    text = values.decimal_text(values.split_unit(cell.text, vocab)[0])
    return Decimal(text) if text is not None else values.percent(cell.text)


def _self_evaluation(t: Table, row: tuple[Cell, dict[str, Cell]], out: dict[str, Decimal], vocab: Vocabulary,
                     notes: list[Note]) -> None:
    """initial, adjusted, spent and weight from the total row; its rate and score checked."""
    label, placed = row
    for key in ("initial", "adjusted", "spent"):
        value = amount(placed.get(key), t, vocab, notes)
        if value is not None:
            out[key] = value
    weight = placed.get("weight")
    if weight is not None and values.decimal_text(weight.text) is not None:
        out["weight"] = Decimal(str(values.decimal_text(weight.text)))
    elif _filled(weight, vocab):
        assert weight is not None
        head = _head(t, "weight", vocab)
        notes.append(Note(t.where(weight), "IMP-W-MONEY",
                          _("{column} not imported: {problem}").format(column=head,
                                                                       problem=values.formula_problem(weight.text))
                          if values.is_formula(weight.text) else
                          _("{column} {value} is not a number; not imported").format(column=head,
                                                                                      value=quote(weight.text))))
    adjusted, spent = out.get("adjusted"), out.get("spent")
    if not adjusted or spent is None:
        return
    rate = spent / adjusted * 100
    printed = placed.get("rate")
    if printed is not None and values.percent(printed.text) is not None:
        if not _close(values.percent(printed.text), rate):
            notes.append(Note(t.where(printed), "IMP-W-MONEY",
                              _("execution rate {printed} disagrees with spent / adjusted = {rate}%").format(
                                  printed=printed.text, rate=f"{rate:.2f}")))
    score = placed.get("score")
    if score is not None and "weight" in out and values.decimal_text(score.text) is not None:
        expected = out["weight"] * rate / 100
        if not _close(Decimal(str(values.decimal_text(score.text))), expected):
            notes.append(Note(t.where(score), "IMP-W-MONEY",
                              _("budget score {printed} disagrees with weight x spent / adjusted = {expected}").format(
                                  printed=score.text, expected=f"{expected:.2f}")))


def _close(printed: Decimal | None, computed: Decimal) -> bool:
    """Whether a printed figure is ``computed`` rounded to the printed places."""
    if printed is None:
        return True
    exponent = printed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return abs(printed - computed) <= Decimal(5) * Decimal(10) ** (-places - 1)


def budget(values_: dict) -> Budget:
    """A :class:`Budget` from the fields :func:`read` found (``parts``: 其中 row → its figures)."""
    parts = values_.get("parts")
    return Budget(total=values_.get("total"),
                  parts=BudgetParts(**{k: BudgetPart(**v) for k, v in parts.items()}) if parts else None,
                  **{k: values_.get(k) for k in ("fiscal", "other", "initial", "adjusted", "spent", "weight")})
