"""The history rules' pass: each project linted beside last year's table of the same project.

A history rule (PT-H) has ``check_history(last, project)`` yielding :class:`Problem` on
``project``, this year's table, given ``last``, last year's. Both are the projects as the
records keep them (:meth:`perfctl.lint.checker.Record.project` with ``rows``): the header,
and per indicator row its categories, name, target, unit, op and actual (实际完成值), with
the target's position.

Last year's table is found among the files linted in the same run, in the same store (the
same cache: store root and settings): for each department and year Y, the tables of Y − 1
and of Y are matched by :func:`perfctl.diff.compare.pair`, the matching ``perfctl diff``
uses (项目编码, then the same 项目名称, then most of the same rows). Lint reads no file it
was not given, so ``perfctl lint data/389101/2026`` alone has no last year to compare with:
lint the department or the store.

What a department's two years give is cached by the contents of their files (the cache key
of each, with its path), so a run in which neither year changed only looks the findings up.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from perfctl import cache
from perfctl import config as config_mod
from perfctl.lint import Finding
from perfctl.lint.checker import Record, place, selected
from perfctl.lint.rules import RULES
from perfctl.model import Project

#: The history rules, in code order.
HISTORY = tuple(rule for rule in RULES.values() if hasattr(rule, "check_history"))
_PATH = attrgetter("path")


class Linted(NamedTuple):
    """A file linted: its ``path`` as given, header ``project``, config, record and cache."""

    path: str
    project: Project
    conf: config_mod.Config
    record: Record
    cache: cache.Cache


def check(linted: list[Linted]) -> list[Finding]:
    """The history rules' findings on every project linted whose last year's table was linted too."""
    if not HISTORY:
        return []
    groups: dict[tuple[int, str, int], list[Linted]] = {}
    for item in linted:
        p = item.project
        groups.setdefault((id(item.cache), p.department.code, p.year), []).append(item)
    found: list[Finding] = []
    for (store, department, year), new in groups.items():
        old = groups.get((store, department, year - 1))
        if old:
            found += _department_year(sorted(old, key=_PATH), sorted(new, key=_PATH))  # whatever order they came in
    return found


def _department_year(old: list[Linted], new: list[Linted]) -> list[Finding]:
    """The findings of one department's tables of one year against the year before (both in path order)."""
    conf, store_cache = new[0].conf, new[0].cache  # one cache: one store and one set of settings
    rules = [rule for rule in HISTORY if selected(rule.CODE, conf.lint)]
    if not rules:
        return []
    files = ["\n".join(f"{i.path}\t{i.record.key}" for i in items) for items in (old, new)]
    key = "history:" + cache.digest("\n\n".join(files).encode())
    hit = _unpack(store_cache.get(key), len(new))
    if hit is not None:
        return [Finding(new[i].path, *rest[:6], tuple(rest[6]), rest[7]) for i, *rest in hit]
    found = _compare(old, new, rules, conf)
    at = {item.path: i for i, item in enumerate(new)}
    store_cache.put(key, [[at[f.path], *f[1:7], list(f.node), f.fingerprint] for f in found])
    return found


def _compare(old: list[Linted], new: list[Linted], rules: list[ModuleType], conf: config_mod.Config) -> list[Finding]:
    from perfctl.diff.compare import Entry, pair  # only when a department's two years are compared afresh

    def entries(items: list[Linted]) -> list[Entry]:
        out = []
        for i in items:
            path = Path(i.path)
            out.append(Entry(i.record.project(path, rows=True), i.path, path.name))
        return out

    pairs, _, _ = pair(entries(old), entries(new))
    found: list[Finding] = []
    for last, this in pairs:
        for rule in rules:
            found += place(this.project, rule, rule.check_history(last.project, this.project), conf)
    return found


def _unpack(data: Any, count: int) -> list[list[Any]] | None:
    """A cached group's findings (``[new index, line, col, code, name, severity, message, node,
    fingerprint]`` each), or ``None`` when ``data`` is not that (absent, or a damaged cache)."""
    if type(data) is not list:
        return None
    for f in data:
        if (type(f) is not list or len(f) != 9 or type(f[0]) is not int or not 0 <= f[0] < count
                or not all(type(v) is int for v in f[1:3]) or not all(type(v) is str for v in (*f[3:7], f[8]))
                or f[3] not in RULES or type(f[7]) is not list or not all(type(v) in (str, int) for v in f[7])):
            return None
    return data
