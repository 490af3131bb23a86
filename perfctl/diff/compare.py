"""Matching and classification: what changed between two sets of projects.

Projects are matched by identity — (department code, year, 项目名称) — so a moved or renamed
file still matches; a project whose name changed in the same file is ``project-renamed``.
Indicator rows are matched by (一级指标, 二级指标, 三级指标), so reordering rows is no
change. Rows left over are paired, in this order:

1. same name in another category → ``indicator-moved``;
2. same category and same target (by meaning), name similar → ``indicator-renamed``:
   ``difflib.SequenceMatcher(None, old, new).ratio() >= RENAME_RATIO`` (0.6: 场地使用费 →
   场地租赁费 is 0.6, 邀请参会人员数量 → 邀请参会嘉宾数量 0.75), best ratio first;
3. the rest → ``indicator-added`` / ``indicator-removed``.

Each change is a :class:`Change`; a project's changes are a :class:`ProjectDiff`. Levels
are filled in by :func:`assign_levels` from :mod:`perfctl.diff.kinds`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from perfctl import money
from perfctl.diff import chardiff, targets
from perfctl.model import Indicator, Project

RENAME_RATIO = 0.6
#: Goals left over after exact matches pair up as edits when this similar (else added/removed).
GOAL_EDIT_RATIO = 0.3
#: Budget fields as the form labels them.
BUDGET_LABELS = {"total": "预算数", "fiscal": "其中：财政资金", "other": "其他资金"}

Key = tuple[str, str, str]
T = TypeVar("T")


@dataclass
class Change:
    """One classified change.

    ``kind``: a name from :data:`perfctl.diff.kinds.KINDS`; ``level`` is set by :func:`assign_levels`.
    ``field``: what changed — ``project``, ``name``, ``department.name``, ``budget.total``/
    ``fiscal``/``other``, ``purpose``, ``goals``, ``indicator``, ``category``, ``target``,
    ``description``, ``basis``. ``indicator``: (level1, level2, name) of the row (its new
    place; the old one for removed rows), ``None`` for project-level changes. ``old``/``new``:
    the values as text (``None`` where absent). Budget changes add ``money_unit`` (the new
    table's), ``delta`` (``"+50000.00"``) and ``percent`` (``"+25.0"``, ``None`` when the old
    amount is zero); text edits add ``segments`` (:mod:`perfctl.diff.chardiff`).
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


@dataclass
class Entry:
    """A loaded project with where it came from: ``label`` as shown to the user
    (``data/x.yaml``, ``HEAD:data/x.yaml``) and ``rel``, its path within its side."""

    project: Project
    label: str
    rel: str


@dataclass
class ProjectDiff:
    """The changes of one project; ``old``/``new`` are ``None`` for an added/removed project."""

    old: Entry | None
    new: Entry | None
    changes: list[Change] = field(default_factory=list)

    @property
    def project(self) -> Project:
        """The project as it is now (as it was, when removed)."""
        return (self.new or self.old).project  # type: ignore[union-attr]

    @property
    def status(self) -> str:
        """``added``, ``removed`` or ``modified``."""
        return "added" if self.old is None else "removed" if self.new is None else "modified"


def diff_entries(old: list[Entry], new: list[Entry]) -> list[ProjectDiff]:
    """Match ``old`` and ``new`` projects and classify their changes; only changed projects return.

    Order: by new label (old label for removed projects).
    """
    pairs, lone_old, lone_new = _pair(old, new, lambda e: e.project.identity)
    renamed, lone_old, lone_new = _pair(lone_old, lone_new,
                                        lambda e: (e.rel, e.project.department.code, e.project.year))
    diffs = [ProjectDiff(o, n, compare_projects(o.project, n.project)) for o, n in pairs + renamed]
    diffs += [ProjectDiff(None, n, [Change("project-added", "project", None, n.project.name)]) for n in lone_new]
    diffs += [ProjectDiff(o, None, [Change("project-removed", "project", o.project.name, None)]) for o in lone_old]
    changed = [d for d in diffs if d.changes]
    changed.sort(key=lambda d: (d.new or d.old).label)  # type: ignore[union-attr]
    return changed


def _pair(old: list[Entry], new: list[Entry], key: Callable[[Entry], object]
          ) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    """Pair entries with equal ``key``, preferring the same ``rel`` among duplicates;
    returns the pairs and the entries of each side left over."""
    waiting: dict[object, list[Entry]] = {}
    for e in new:
        waiting.setdefault(key(e), []).append(e)
    pairs: list[tuple[Entry, Entry]] = []
    lone_old: list[Entry] = []
    for o in old:
        candidates = waiting.get(key(o))
        if not candidates:
            lone_old.append(o)
            continue
        match = next((n for n in candidates if n.rel == o.rel), candidates[0])
        candidates.remove(match)
        pairs.append((o, match))
    lone_new = [n for group in waiting.values() for n in group]
    return pairs, lone_old, lone_new


def compare_projects(old: Project, new: Project) -> list[Change]:
    """Every change from ``old`` to ``new`` (the same project, or one renamed in place), in table order."""
    changes: list[Change] = []
    if old.name != new.name:
        changes.append(Change("project-renamed", "name", old.name, new.name))
    if old.department.name != new.department.name:
        changes.append(Change("department-renamed", "department.name", old.department.name, new.department.name))
    changes += _budget(old, new)
    if (old.purpose or "") != (new.purpose or ""):
        changes.append(_edit("purpose-edited", "purpose", old.purpose, new.purpose))
    changes += _goals(old.goals, new.goals)
    changes += compare_indicators(old.indicators, new.indicators)
    changes.sort(key=lambda c: c.order)
    return changes


def _budget(old: Project, new: Project) -> list[Change]:
    """Budget amounts compared in yuan, reported in ``new``'s money unit with delta and percentage."""
    unit = new.money_unit
    places = Decimal(1).scaleb(-money.UNIT_PLACES.get(unit, 2))
    changes = []
    for key, label in BUDGET_LABELS.items():
        a, b = getattr(old.budget, key), getattr(new.budget, key)
        if a is None and b is None:
            continue
        before = (a or Decimal(0)) * money.MONEY_UNITS[old.money_unit] / money.MONEY_UNITS[unit]
        after = b or Decimal(0)
        if before == after:
            continue
        delta = (after - before).quantize(places, ROUND_HALF_UP)
        percent = None
        if before:
            percent = f"{((after - before) / before * 100).quantize(Decimal('0.1'), ROUND_HALF_UP):+f}"
        shown = money.amount_text(a) if a is not None and old.money_unit == unit else (
            money.amount_text(before.quantize(places)) if a is not None else None)
        changes.append(Change(f"budget-{key}-changed", f"budget.{key}", shown,
                              money.amount_text(b) if b is not None else None,
                              money_unit=unit, delta=f"{delta:+f}", percent=percent))
    return changes


def _edit(kind: str, field_: str, old: str | None, new: str | None, **kw: object) -> Change:
    return Change(kind, field_, old, new, segments=chardiff.segments(old or "", new or ""), **kw)  # type: ignore[arg-type]


def _goals(old: list[str], new: list[str]) -> list[Change]:
    """Goals matched as texts: identical ones (wherever they moved) are no change; the rest
    are paired as edits, most similar first (ratio at least :data:`GOAL_EDIT_RATIO`), and
    what is left is added or removed."""
    rest_old = list(old)
    rest_new = []
    for text in new:
        if text in rest_old:
            rest_old.remove(text)
        else:
            rest_new.append(text)
    pairs = _similar(rest_old, rest_new, lambda a, b: difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(),
                     GOAL_EDIT_RATIO)
    changes = [_edit("goal-edited", "goals", rest_old[i], rest_new[j]) for i, j in pairs]
    changes += [Change("goal-added", "goals", None, t) for j, t in enumerate(rest_new) if j not in {q for _, q in pairs}]
    changes += [Change("goal-removed", "goals", t, None) for i, t in enumerate(rest_old) if i not in {p for p, _ in pairs}]
    return changes


def _similar(old: list[T], new: list[T], score: Callable[[T, T], float], threshold: float) -> list[tuple[int, int]]:
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


def _key(row: Indicator) -> Key:
    return (row.level1, row.level2, row.name)


def compare_indicators(old: list[Indicator], new: list[Indicator]) -> list[Change]:
    """Changes between two lists of indicator rows, matched as the module docstring says."""
    position = {id(row): float(i) for i, row in enumerate(new)}
    position.update({id(row): i + 0.5 for i, row in enumerate(old)})  # a removed row sorts after its old neighbour
    waiting: dict[Key, list[Indicator]] = {}
    for row in new:
        waiting.setdefault(_key(row), []).append(row)
    pairs, lone_old = [], []
    for row in old:
        if waiting.get(_key(row)):
            pairs.append((row, waiting[_key(row)].pop(0)))
        else:
            lone_old.append(row)
    lone_new = [row for group in waiting.values() for row in group]

    def moved_score(a: Indicator, b: Indicator) -> float:
        return float(a.name == b.name and (a.level1, a.level2) != (b.level1, b.level2))

    moved, lone_old, lone_new = _take(lone_old, lone_new, moved_score, 1.0)

    def rename_score(a: Indicator, b: Indicator) -> float:
        if (a.level1, a.level2) != (b.level1, b.level2) or targets.compare(a.parsed, b.parsed) is not None:
            return 0.0
        return difflib.SequenceMatcher(None, a.name, b.name, autojunk=False).ratio()

    renamed, lone_old, lone_new = _take(lone_old, lone_new, rename_score, RENAME_RATIO)

    changes: list[Change] = []
    for a, b in pairs + moved + renamed:
        at = position[id(b)]
        if (a.level1, a.level2) != (b.level1, b.level2):
            changes.append(Change("indicator-moved", "category", f"{a.level1} › {a.level2}", f"{b.level1} › {b.level2}",
                                  indicator=_key(b), order=at))
        if a.name != b.name:
            changes.append(Change("indicator-renamed", "name", a.name, b.name, indicator=_key(b), order=at))
        changes += _row(a, b, at)
    changes += [Change("indicator-added", "indicator", None, b.target, indicator=_key(b), order=position[id(b)])
                for b in lone_new]
    changes += [Change("indicator-removed", "indicator", a.target, None, indicator=_key(a), order=position[id(a)])
                for a in lone_old]
    return changes


def _take(old: list[Indicator], new: list[Indicator], score: Callable[[Indicator, Indicator], float],
          threshold: float) -> tuple[list[tuple[Indicator, Indicator]], list[Indicator], list[Indicator]]:
    """Pair rows by :func:`_similar`; returns the pairs and the rows of each side left over."""
    pairs = _similar(old, new, score, threshold)
    taken_i, taken_j = {i for i, _ in pairs}, {j for _, j in pairs}
    return ([(old[i], new[j]) for i, j in pairs], [r for i, r in enumerate(old) if i not in taken_i],
            [r for j, r in enumerate(new) if j not in taken_j])


def _row(a: Indicator, b: Indicator, at: float) -> list[Change]:
    """Changes within one matched row: target, description, basis."""
    out = []
    kind = targets.compare(a.parsed, b.parsed)
    if kind is not None:
        out.append(Change(kind, "target", a.target, b.target, indicator=_key(b), order=at))
    if (a.description or "") != (b.description or ""):
        out.append(_edit("description-edited", "description", a.description, b.description, indicator=_key(b), order=at))
    basis_a, basis_b = getattr(a, "basis", None), getattr(b, "basis", None)
    if basis_a != basis_b:
        out.append(Change("basis-changed", "basis", basis_a, basis_b, indicator=_key(b), order=at))
    return out


def assign_levels(diffs: list[ProjectDiff], levels: dict[str, str]) -> dict[str, str]:
    """Set each change's level from ``levels`` (kind → level); returns kind → level of the kinds found."""
    found = {}
    for d in diffs:
        for c in d.changes:
            c.level = levels[c.kind]
            found[c.kind] = c.level
    return found
