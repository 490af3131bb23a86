"""The changes of one field's value, with the kinds the field table gives it
(:attr:`perfctl.fields.Field.diff`): money compared in yuan, points as decimals, texts with
a character diff, lists of texts (goals) matched as texts.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from perfctl import fields, money
from perfctl.diff import chardiff
from perfctl.model import Project

#: Goals left over after exact matches pair up as edits when this similar (else added/removed).
GOAL_EDIT_RATIO = 0.3
_TEXTS = ("text", "value")

Key = tuple[str, str, str]
T = TypeVar("T")


@dataclass
class Change:
    """One classified change.

    ``kind``: a name from :data:`perfctl.diff.kinds.KINDS`; ``level`` is set by
    :func:`perfctl.diff.compare.assign_levels`.
    ``field``: what changed — ``project``, ``indicator``, ``category``, or a field's dotted
    name from :data:`perfctl.fields.FIELDS` (``name``, ``department.name``, ``budget.total``,
    ``purpose``, ``goals``, ``kind``, …), for a row's fields its key (``target``, ``description``,
    ``basis``, ``weight``, ``actual``, …). ``indicator``: (level1, level2, name) of the row (its new
    place; the old one for removed rows), ``None`` for project-level changes. ``old``/``new``:
    the values as text (``None`` where absent; points as decimal text). Money changes add
    ``money_unit`` (the new table's), ``delta`` (``"+50000.00"``) and ``percent`` (``"+25.0"``,
    ``None`` when the old amount is zero); text edits add ``segments`` (:mod:`perfctl.diff.chardiff`).
    """

    kind: str
    field: str
    old: str | None
    new: str | None
    indicator: Key | None = None
    money_unit: str | None = None
    delta: str | None = None
    percent: str | None = None
    segments: list[tuple[str, str]] | None = None
    level: str = ""
    order: float = -1.0  # position in the table, for sorting; project-level changes first


def field_changes(f: fields.Field, a: Any, b: Any, indicator: Key | None = None, order: float = -1.0) -> list[Change]:
    """The change of one field's value, with the field's kinds: one kind, or (added, removed,
    changed) by whether a value was entered, removed or changed; a list of texts as :func:`texts_changes`."""
    name = f.key if indicator is not None else f.name
    if f.type == "texts":
        return texts_changes(f.diff, name, a, b)
    if (a or "") == (b or "") if f.type in _TEXTS else a == b:
        return []
    if f.type == "value" and a is not None and b is not None and _same_value(a, b):
        return []  # 实际完成值 8万元 → 80000元: the same figure written another way
    kinds = f.diff
    kind = kinds[0] if len(kinds) == 1 else kinds[0] if a is None else kinds[1] if b is None else kinds[2]
    old, new = _text(f, a), _text(f, b)
    if kind.endswith("-edited"):
        return [_edit(kind, name, old, new, indicator=indicator, order=order)]
    return [Change(kind, name, old, new, indicator=indicator, order=order)]


def _same_value(a: str, b: str) -> bool:
    """Whether two values written as targets are (``8万元`` and ``80000元``, ``48小时`` and
    ``2天``) mean the same figure: both read as numbers and :func:`perfctl.diff.targets.compare`
    finds no change between them."""
    from perfctl.diff import targets
    from perfctl.target import parse

    x, y = parse(a), parse(b)
    return x.kind in ("quantity", "duration") and y.kind in ("quantity", "duration") and targets.compare(x, y) is None


def _text(f: fields.Field, value: Any) -> str | None:
    return None if value is None else str(fields.shown(f, value))


def budget_changes(old: Project, new: Project, *, results: bool = True) -> list[Change]:
    """Money compared in yuan, reported in ``new``'s money unit with delta and percentage;
    the budget row's points (``budget.weight``) by :func:`field_changes`. A table without money
    (a department table) compares as amounts absent. ``results``: whether the year-end results
    (:attr:`perfctl.fields.Field.result`: 全年执行数 …) are compared too."""
    unit = new.money_unit or old.money_unit
    changes = []
    for f in _BUDGET_FIELDS:
        if f.result and not results:
            continue
        a, b = _value(old.budget, f.path[1:]), _value(new.budget, f.path[1:])
        if f.type != "amount":
            changes += field_changes(f, a, b)
            continue
        if unit is None or a is None and b is None:
            continue
        places = Decimal(1).scaleb(-money.UNIT_PLACES.get(unit, 2))
        before = a * money.MONEY_UNITS[old.money_unit] / money.MONEY_UNITS[unit] if a is not None else Decimal(0)
        after = b or Decimal(0)
        if before == after and (a is None) == (b is None):  # an amount entered or removed as 0 is still a change
            continue
        delta = (after - before).quantize(places, ROUND_HALF_UP)
        percent = None
        if before:
            percent = f"{((after - before) / before * 100).quantize(Decimal('0.1'), ROUND_HALF_UP):+f}"
        shown = _text(f, a) if a is None or old.money_unit == unit else money.amount_text(before.quantize(places))
        changes.append(Change(f.diff[0], f.name, shown, _text(f, b),
                              money_unit=unit, delta=f"{delta:+f}", percent=percent))
    return changes


#: The budget's fields that hold a value (amounts, points, texts), the money block's 其中 rows included.
_BUDGET_FIELDS = tuple(f for f in fields.FIELDS if f.path[0] == "budget" and len(f.path) > 1 and f.type != "object")


def _value(obj: Any, path: tuple[str, ...]) -> Any:
    """The model value at ``path`` under ``obj`` (``("parts", "fiscal", "spent")``), ``None`` when a step is absent."""
    for key in path:
        if obj is None:
            return None
        obj = getattr(obj, key)
    return obj


def _edit(kind: str, field_: str, old: str | None, new: str | None, **kw: object) -> Change:
    return Change(kind, field_, old, new, segments=chardiff.segments(old or "", new or ""), **kw)  # type: ignore[arg-type]


def texts_changes(kinds: tuple[str, ...], name: str, old: list[str], new: list[str]) -> list[Change]:
    """Lists of texts (goals) matched as texts: identical ones (wherever they moved) are no
    change; the rest are paired as edits, most similar first (ratio at least
    :data:`GOAL_EDIT_RATIO`), and what is left is added or removed. ``kinds``: (added,
    removed, edited)."""
    added, removed, edited = kinds
    rest_old = list(old)
    rest_new = []
    for text in new:
        if text in rest_old:
            rest_old.remove(text)
        else:
            rest_new.append(text)
    pairs = similar(rest_old, rest_new, lambda a, b: difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(),
                     GOAL_EDIT_RATIO)
    changes = [_edit(edited, name, rest_old[i], rest_new[j]) for i, j in pairs]
    changes += [Change(added, name, None, t) for j, t in enumerate(rest_new) if j not in {q for _, q in pairs}]
    changes += [Change(removed, name, t, None) for i, t in enumerate(rest_old) if i not in {p for p, _ in pairs}]
    return changes


def similar(old: list[T], new: list[T], score: Callable[[T, T], float], threshold: float) -> list[tuple[int, int]]:
    """Greedy pairing of ``old`` and ``new`` items by ``score``, best first, at or above
    ``threshold``; returns index pairs (i in ``old``, j in ``new``)."""
    scored = sorted(((score(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)),
                    key=lambda t: (-t[0], t[1], t[2]))
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs = []
    for s, i, j in scored:
        if s >= threshold and i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j))
    return pairs
