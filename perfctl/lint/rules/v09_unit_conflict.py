"""PT-V09 unit-conflict: the unit written in the value disagrees with the 计量单位 column.

Tables with a 计量单位 column should hold the number in 指标值 and the unit in the column
(``50`` + ``人``). When the value carries its own unit as well, the two must agree
(百分比 and % are the same unit); ``28.8万元`` with unit ``%`` cannot be read either way. A
date target conflicts with a column holding a money, percentage or count unit. A column
that says there is no unit (``/``, ``无``, ``定性``: the ``no_unit`` lexicon in
``perfctl/lexicons/values.yaml``) is not compared.

Source: unit conflicts in a published 整体绩效目标表 (rules.md S22); separate 计量单位 column
of 财预〔2021〕101号 templates and budget systems (S28, S30).

Fails: ``target: 28.8万元``, ``unit: '%'``.
Passes: ``target: '28.8'``, ``unit: 万元``; ``target: ≥95百分比``, ``unit: '%'``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfctl.lexicons import units
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Indicator, Project
from perfctl.target import Target, parse

CODE = "PT-V09"
NAME = "unit-conflict"
SEVERITY = "error"


def column_unit(ind: Indicator, ctx: Context) -> str | None:
    """The 计量单位 column in standard form (``百分比`` and ``％`` → ``%``), or ``None`` when
    the row has none or the column says there is none (``no_unit`` lexicon)."""
    if ind.unit is None:
        return None
    return ctx.remember(CODE, ind.unit, lambda unit: _column_unit(unit, ctx))


def _column_unit(unit: str, ctx: Context) -> str | None:
    raw = "".join(unit.split())
    if raw in ctx.word_set("no_unit"):
        return None
    t = parse(f"1{raw}")
    return t.unit if t.kind in ("quantity", "duration") and t.unit else raw


def target_of(ind: Indicator, ctx: Context) -> Target:
    """The row's target parsed, with the unit column supplied to a bare number (``50`` +
    ``人`` → ``50人``) unless the column says there is no unit."""
    return _with_unit(ind.target, column_unit(ind, ctx))


@lru_cache(maxsize=65536)
def _with_unit(target: str, unit: str | None) -> Target:
    t = parse(target)
    if unit and t.kind == "quantity" and t.unit is None:
        return parse(f"{target.strip()}{unit}")
    return t


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


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        col = column_unit(ind, ctx)
        if col is None:
            continue
        t = parse(ind.target)
        if unit_kind(t) == "date":
            if kind_of_unit(col) in ("money", "ratio", "count"):
                yield Problem(("indicators", i, "unit"),
                              f"unit column {ind.unit!r} does not fit the date target {ind.target!r}; "
                              "leave 计量单位 empty for a date")
        elif t.kind in ("quantity", "duration", "range") and t.unit and t.unit != col:
            yield Problem(("indicators", i, "unit"),
                          f"unit column {ind.unit!r} disagrees with the unit {t.unit!r} in the target "
                          f"{ind.target!r}; write the number in 指标值 and one unit in 计量单位")
