"""What rules read off an indicator row or a project's text, for more than one rule.

A name as compared with word lists (:func:`plain`) and the category labels of both
frameworks (:func:`labels`); whether a row is blank (:func:`is_blank_row`); the units of a
row: its 计量单位 column (:func:`column_unit`), its target with that unit supplied
(:func:`target_of`) and the kind of a unit (:func:`kind_of_unit`, :func:`unit_kind`);
operator trouble in a target (:func:`operator_problem`, :func:`glued_unit_word`); the
whole of each ratio unit (:data:`BOUNDS`); and the readings of a deadline
(:func:`readings`). A helper that only one rule uses stays in that rule.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from perfctl import lexicons
from perfctl.i18n import _
from perfctl.lexicons import units
from perfctl.lint.context import Context, categories, nfkc
from perfctl.model import Indicator, parse_with_unit
from perfctl.target import Target, parse, period

# ---------------------------------------------------------------- names and category labels


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Every category label of both frameworks and their aliases ending in 指标 → its level
    (一级指标, 二级指标). A shorter alias (``服务对象满意度``) is also an everyday indicator name;
    names like it are PT-N06's business (generic), not an error here."""
    levels: dict[str, set[str]] = {}
    cats = categories()
    for structure in cats["profiles"].values():
        for level1, level2s in structure.items():
            levels.setdefault(level1, set()).add("一级指标")
            for level2 in level2s:
                levels.setdefault(level2, set()).add("二级指标")
    for key, level in (("level1", "一级指标"), ("level2", "二级指标")):
        for alias in cats["aliases"][key]:
            if alias.endswith("指标"):
                levels.setdefault(alias, set()).add(level)
    return {label: "/".join(sorted(found)) for label, found in levels.items()}


@lru_cache(maxsize=65536)
def plain(name: str) -> str:
    """A name as compared with word lists: NFKC-normalised (full-width forms), spaces removed."""
    return "".join(nfkc(name).split())


# ---------------------------------------------------------------- blank rows


def is_blank_row(ind: Indicator, ctx: Context) -> bool:
    """True when the row's 三级指标 name and its value are both blank or only a placeholder."""
    name, target, blank = ind.name.strip(), ind.target.strip(), ctx.word_set("placeholders")
    return (not name or name in blank) and (not target or target in blank)


# ---------------------------------------------------------------- units of a row


def column_unit(ind: Indicator, ctx: Context) -> str | None:
    """The 计量单位 column in standard form (``百分比`` and ``％`` → ``%``), or ``None`` when
    the row has none or the column says there is none (``no_unit`` lexicon)."""
    if ind.unit is None:
        return None
    return ctx.remember("column_unit", ind.unit, lambda unit: _column_unit(unit, ctx))


def _column_unit(unit: str, ctx: Context) -> str | None:
    raw = "".join(unit.split())
    if raw in ctx.word_set("no_unit"):
        return None
    t = parse(f"1{raw}")
    return t.unit if t.kind in ("quantity", "duration") and t.unit else raw


def target_of(ind: Indicator, ctx: Context) -> Target:
    """The row's target parsed, with the unit column supplied to a bare number (``50`` +
    ``人`` → ``50人``) unless the column says there is no unit."""
    return parse_with_unit(ind.target, column_unit(ind, ctx))


def kind_of_unit(unit: str | None) -> str | None:
    """The kind of a unit in ``units.yaml``: money, ratio, time or count (for ``次/年`` the
    part before the slash), or ``None`` when absent or unknown."""
    if not unit:
        return None
    lex = units()
    if lex.yuan_factor(unit) is not None:
        return "money"
    if unit in lex.ratio:
        return "ratio"
    head = unit.split("/", 1)[0]
    if head in lex.time:
        return "time"
    if head in lex.count:
        return "count"
    return None


def unit_kind(t: Target) -> str | None:
    """The kind of a parsed target's unit, with ``date`` for deadlines and date spans."""
    if t.kind == "deadline" or (t.kind == "range" and t.unit == "date"):
        return "date"
    return kind_of_unit(t.unit)


#: The whole of each ratio unit.
BOUNDS = {"%": Decimal(100), "‰": Decimal(1000)}


# ---------------------------------------------------------------- operators

#: The grammar's reasons and note for operator trouble (see :mod:`perfctl.target`).
OPERATOR_REASONS = ("more than one operator", "operator not before the number", "operator words disagree")
DISAGREE_NOTE = "operator words disagree"


@lru_cache(maxsize=1)
def unit_words() -> tuple[str, ...]:
    """Units spelled as words (百分比), the trace of glued operator, value and unit columns."""
    return tuple(lexicons.load("values")["unit_words"])


def operator_problem(target: Target) -> str | None:
    """What is wrong with the operator of a parsed target, in the user's language, or ``None``
    when nothing is."""
    if target.kind == "unparsed" and target.reason in OPERATOR_REASONS:
        return _(target.reason)
    if DISAGREE_NOTE in target.notes:
        return _("the operator sign and the operator word point in opposite directions")
    return None


def glued_unit_word(target: Target) -> str | None:
    """The unit word of a readable target written as operator + number + unit word (``=100百分比``), or ``None``."""
    if target.kind == "unparsed" or target.op is None:
        return None
    return next((w for w in unit_words() if w in target.text), None)


# ---------------------------------------------------------------- deadlines


def readings(t: Target, year: int) -> tuple[date, date]:
    """The earliest and the latest reading of the last day a deadline target allows.

    ``前`` after a date is read both as "before the period starts" (earliest) and as "by
    the end of it" (latest); ``底``/``末``/``内`` or no suffix mean the end of the period,
    ``<`` the day before it starts. A date without a year is in ``year``, the table's.
    """
    assert t.kind == "deadline" and t.value is not None
    start, end = period(t.value, year=year)
    limit = t.limit or ""
    strict = not re.search(r"[底末内]", limit) and (t.op == "<" or limit.endswith("前"))
    latest = start - timedelta(days=1) if t.op == "<" else end
    return (start - timedelta(days=1) if strict else end), latest
