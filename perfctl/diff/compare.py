"""Matching and classification: what changed between two sets of projects.

Projects are matched first by 项目编码 (``code``: the same department code, both codes given
and equal, the old year not later than the new one, the nearest years first), which a project
keeps when renamed; then by identity — (department code, year, 项目名称) — so a moved or renamed
file still matches; a project whose name changed in the same file is ``project-renamed``.
Projects left over are then paired across years (the old one's year lower than the new one's,
the nearest year first): the same department code and 项目名称; then, same department code
and another name, the same indicator rows (at least :data:`SAME_ROWS_SHARE` of the row keys of
the project with fewer rows shared) → ``project-renamed``. A pair across years is compared with
its dates moved by the year difference (:func:`perfctl.diff.targets.compare`), so a deadline a
year later in next year's table is no change; the year itself is no change.
Indicator rows are matched by (一级指标, 二级指标, 三级指标), so reordering rows is no
change. Rows left over are paired, in this order:

1. same name in another category → ``indicator-moved``;
2. same category and same target (by meaning), name similar → ``indicator-renamed``:
   ``difflib.SequenceMatcher(None, old, new).ratio() >= RENAME_RATIO`` (0.6: 场地使用费 →
   场地租赁费 is 0.6, 邀请参会人员数量 → 邀请参会嘉宾数量 0.75), best ratio first;
3. the rest → ``indicator-added`` / ``indicator-removed``.

Each change is a :class:`~perfctl.diff.values.Change`; a project's changes are a :class:`ProjectDiff`.
The changes within one field (money, points, texts, lists of texts) are worked out by
:mod:`perfctl.diff.values`. Levels are filled in by :func:`assign_levels` from :mod:`perfctl.diff.kinds`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from perfctl import fields
from perfctl.diff import targets
from perfctl.diff.values import Change, Key, budget_changes, field_changes, similar
from perfctl.model import Indicator, Project

__all__ = ["Change", "Entry", "ProjectDiff", "assign_levels", "compare_entries", "compare_indicators", "compare_projects",
           "diff_entries", "pair", "rows_share"]

RENAME_RATIO = 0.6
#: Across years, two projects of one department with different names are the same project
#: renamed when this share of the indicator-row keys of the one with fewer rows is shared.
SAME_ROWS_SHARE = 0.8


@dataclass
class Entry:
    """A loaded project with where it came from: ``label`` as shown to the user
    (``data/x.yaml``, ``HEAD:data/x.yaml``) and ``rel``, its path within its side.
    ``context``: an old version read only to pair with a new one across years (last year's
    table, unchanged, beside this year's added one); left over, it is not ``project-removed``."""

    project: Project
    label: str
    rel: str
    context: bool = False


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
    def years(self) -> tuple[int, int] | None:
        """(old year, new year) for a project compared across years, else ``None``."""
        if self.old is None or self.new is None or self.old.project.year == self.new.project.year:
            return None
        return self.old.project.year, self.new.project.year

    @property
    def status(self) -> str:
        """``added``, ``removed`` or ``modified``."""
        return "added" if self.old is None else "removed" if self.new is None else "modified"


def diff_entries(old: list[Entry], new: list[Entry]) -> list[ProjectDiff]:
    """Match ``old`` and ``new`` projects and classify their changes; only changed projects return.

    Order: by new label (old label for removed projects).
    """
    return [d for d in compare_entries(old, new) if d.changes]


def compare_entries(old: list[Entry], new: list[Entry]) -> list[ProjectDiff]:
    """Match ``old`` and ``new`` projects and classify their changes: every pair (unchanged
    ones with no changes), every added and removed project; context entries left over are
    left out. Order: by new label (old label for removed projects)."""
    pairs, lone_old, lone_new = pair(old, new)
    diffs = [ProjectDiff(o, n, compare_projects(o.project, n.project)) for o, n in pairs]
    diffs += [ProjectDiff(None, n, [Change("project-added", "project", None, n.project.name)]) for n in lone_new]
    diffs += [ProjectDiff(o, None, [Change("project-removed", "project", o.project.name, None)]) for o in lone_old
              if not o.context]
    diffs.sort(key=lambda d: (d.new or d.old).label)  # type: ignore[union-attr]
    return diffs


def pair(old: list[Entry], new: list[Entry]) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    """The one matching of projects (module docstring: 项目编码, then identity, then the same
    file, then across years by name, then by rows); returns the pairs and the entries of each
    side left over. Diff, log and the history checks of lint use it."""
    by_code, lone_old, lone_new = _pair_across_years(old, new, _equal(lambda p: p.code), 1.0, min_years=0)
    pairs, lone_old, lone_new = _pair(lone_old, lone_new, lambda e: e.project.identity)
    renamed, lone_old, lone_new = _pair(lone_old, lone_new,
                                        lambda e: (e.rel, e.project.department.code, e.project.year))
    same_name, lone_old, lone_new = _pair_across_years(lone_old, lone_new, _equal(lambda p: p.name), 1.0)
    renamed_across, lone_old, lone_new = _pair_across_years(lone_old, lone_new, _same_rows, SAME_ROWS_SHARE)
    return by_code + pairs + renamed + same_name + renamed_across, lone_old, lone_new


#: Candidate pairs of a step across years: (old index, new index, score), within one department.
Candidates = Callable[[list[Entry], list[Entry]], Iterator[tuple[int, int, float]]]


def _equal(key: Callable[[Project], object]) -> Candidates:
    """Candidates whose ``key`` (项目编码, 项目名称) is the same and not ``None``: score 1."""
    def candidates(old: list[Entry], new: list[Entry]) -> Iterator[tuple[int, int, float]]:
        index: dict[tuple[str, object], list[int]] = {}
        for j, n in enumerate(new):
            k = key(n.project)
            if k is not None:
                index.setdefault((n.project.department.code, k), []).append(j)
        for i, o in enumerate(old):
            k = key(o.project)
            if k is not None:
                for j in index.get((o.project.department.code, k), ()):
                    yield i, j, 1.0
    return candidates


def _same_rows(old: list[Entry], new: list[Entry]) -> Iterator[tuple[int, int, float]]:
    """Candidates sharing indicator rows, scored by :func:`rows_share`; found through an index
    of row keys, so a department's projects that share no row are never compared."""
    new_keys = [_keys(n.project) for n in new]
    index: dict[tuple[str, Key], list[int]] = {}
    for j, keys in enumerate(new_keys):
        department = new[j].project.department.code
        for k in keys:
            index.setdefault((department, k), []).append(j)
    for i, o in enumerate(old):
        a = _keys(o.project)
        department = o.project.department.code
        shared: Counter[int] = Counter()
        for k in a:
            shared.update(index.get((department, k), ()))
        for j, n in shared.items():
            yield i, j, n / min(len(a), len(new_keys[j]))


def _keys(project: Project) -> frozenset[Key]:
    return frozenset(_key(r) for r in project.indicators)


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


def _pair_across_years(old: list[Entry], new: list[Entry], candidates: Candidates, threshold: float,
                       min_years: int = 1) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    """Pair entries of one department whose new year is at least ``min_years`` after the old
    one's (1: a later year; 0: the same year too), among ``candidates`` scoring at or above
    ``threshold``: best score first, then the nearest years, then the same ``rel``, then the
    order given. Returns the pairs and the entries of each side left over."""
    scored = []
    for i, j, s in candidates(old, new):
        o, n = old[i], new[j]
        years = n.project.year - o.project.year
        if s >= threshold and years >= min_years:
            scored.append((-s, years, o.rel != n.rel, i, j))
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs = []
    for *_, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((old[i], new[j]))
    return (pairs, [e for i, e in enumerate(old) if i not in used_i],
            [e for j, e in enumerate(new) if j not in used_j])


def rows_share(old: Project, new: Project) -> float:
    """The share of the indicator-row keys (一级指标, 二级指标, 三级指标) of the project with
    fewer rows that the other has too; 0 when either has none."""
    a, b = _keys(old), _keys(new)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def compare_projects(old: Project, new: Project) -> list[Change]:
    """Every change from ``old`` to ``new`` (the same project, or one renamed in place), in table order.

    When ``new`` is of a later year than ``old``, dates in targets are compared moved by the
    difference (:func:`perfctl.diff.targets.compare`), and year-end results (实际完成值, 得分,
    全年执行数 …: :attr:`perfctl.fields.Field.result`) are not compared: last year's results are
    no change of this year's targets."""
    years = new.year - old.year
    changes: list[Change] = []
    if old.name != new.name:
        changes.append(Change("project-renamed", "name", old.name, new.name))
    if old.department.name != new.department.name:
        changes.append(Change("department-renamed", "department.name", old.department.name, new.department.name))
    for f in _PROJECT_FIELDS:
        if f.key == "budget":
            changes += budget_changes(old, new, results=not years)
        elif not (years and f.result):
            changes += field_changes(f, getattr(old, f.key), getattr(new, f.key))
    changes += compare_indicators(old.indicators, new.indicators, years)
    changes.sort(key=lambda c: c.order)
    return changes


#: Project-level fields compared by :func:`~perfctl.diff.values.field_changes` (and the budget), in table order.
_PROJECT_FIELDS = tuple(f for f in fields.under() if f.key == "budget" or f.diff and f.key != "name")
#: A row's fields compared by :func:`~perfctl.diff.values.field_changes`: all with change kinds but the
#: target (compared by meaning).
_ROW_FIELDS = tuple(f for f in fields.under(("indicators", "*")) if f.diff and f.key != "target")


def _key(row: Indicator) -> Key:
    return (row.level1, row.level2, row.name)


def compare_indicators(old: list[Indicator], new: list[Indicator], years: int = 0) -> list[Change]:
    """Changes between two lists of indicator rows, matched as the module docstring says;
    ``years``: how many years ``new`` is later (dates in targets move by that much)."""
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
        if (a.level1, a.level2) != (b.level1, b.level2) or targets.compare(a.parsed, b.parsed, years) is not None:
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
        changes += _row(a, b, at, years)
    changes += [Change("indicator-added", "indicator", None, b.target, indicator=_key(b), order=position[id(b)])
                for b in lone_new]
    changes += [Change("indicator-removed", "indicator", a.target, None, indicator=_key(a), order=position[id(a)])
                for a in lone_old]
    return changes


def _take(old: list[Indicator], new: list[Indicator], score: Callable[[Indicator, Indicator], float],
          threshold: float) -> tuple[list[tuple[Indicator, Indicator]], list[Indicator], list[Indicator]]:
    """Pair rows by :func:`~perfctl.diff.values.similar`; returns the pairs and the rows of each side left over."""
    pairs = similar(old, new, score, threshold)
    taken_i, taken_j = {i for i, _ in pairs}, {j for _, j in pairs}
    return ([(old[i], new[j]) for i, j in pairs], [r for i, r in enumerate(old) if i not in taken_i],
            [r for j, r in enumerate(new) if j not in taken_j])


def _row(a: Indicator, b: Indicator, at: float, years: int = 0) -> list[Change]:
    """Changes within one matched row: the target by meaning, then its other fields (description,
    basis, points, actual value, score, reason …) in table order."""
    out = []
    kind = targets.compare(a.parsed, b.parsed, years)
    if kind is not None:
        out.append(Change(kind, "target", a.target, b.target, indicator=_key(b), order=at))
    for f in _ROW_FIELDS:
        if not (years and f.result):
            out += field_changes(f, getattr(a, f.key), getattr(b, f.key), indicator=_key(b), order=at)
    return out


def assign_levels(diffs: list[ProjectDiff], levels: dict[str, str]) -> dict[str, str]:
    """Set each change's level from ``levels`` (kind → level); returns kind → level of the kinds found."""
    found = {}
    for d in diffs:
        for c in d.changes:
            c.level = levels[c.kind]
            found[c.kind] = c.level
    return found
