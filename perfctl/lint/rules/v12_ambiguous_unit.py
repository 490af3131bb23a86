"""PT-V12 ambiguous-unit: a unit that does not say what it measures (``≥80M``, ``个/次``, ``百分比``).

``M`` may be 米 or 兆, ``K`` 千 or 公里, ``万`` 万元 or 万人; ``个/次`` joins two counts
without saying which is counted; ``百分比`` and ``人/次`` are non-standard spellings of ``%``
and ``人次`` (the grammar reads them, the reader of a printed table may not; after an
operator, ``=100百分比`` is PT-V04's). The tokens are the ``ambiguous_units`` lexicon in
``perfctl/lexicons/values.yaml`` and the aliases of ``units.yaml``; a unit joining two
count units with ``/`` is reported too. Both the value and the 计量单位 column are checked.

Source: ``≥80M`` in a published project table (rules.md S21); unit spellings in S20, S24;
unit conventions of indicator libraries (S29).

Fails: ``target: ≥80M``; ``target: 250万``; ``target: ≥5个/次``; ``target: 95百分比``.
Passes: ``target: ≥80米``; ``target: ≤800元/人次``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfctl.i18n import _
from perfctl.lexicons import units
from perfctl.lint import NodePath, Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import glued_unit_word
from perfctl.model import Project
from perfctl.target import parse

CODE = "PT-V12"
NAME = "ambiguous-unit"
SEVERITY = "info"


def unit_problem(unit: str, ctx: Context) -> str | None:
    """What is unclear about a unit token (the finding's message), or ``None``."""
    found = ctx.remember(CODE, unit, lambda u: _unclear(u, ctx))
    if found is None:
        return None
    what, args = found
    if what == "alias":
        return _("unit {unit!r} is a non-standard spelling; write {standard!r}").format(unit=unit, standard=args[0])
    if what == "ambiguous":
        return _("unit {unit!r} does not say what is measured (米 or 兆? 万元 or 万人?); write the full unit "
                 "(米, 千米, 万元…)").format(unit=unit)
    return _("unit {unit!r} joins two counts; write one of {first!r} or {second!r}").format(
        unit=unit, first=args[0], second=args[1])


def _unclear(unit: str, ctx: Context) -> tuple[str, tuple[str, ...]] | None:
    """What is unclear about a unit token, in any language: (``alias``, (standard,)),
    (``ambiguous``, ()), (``counts``, (first, second)); or ``None``."""
    lex = units()
    if unit in lex.aliases:
        return "alias", (lex.aliases[unit],)
    if unit in ctx.words("ambiguous_units"):
        return "ambiguous", ()
    parts = unit.split("/")
    if len(parts) == 2 and all(p in lex.count for p in parts):
        return "counts", (parts[0], parts[1])
    return None


@lru_cache(maxsize=65536)
def _aliases_in(target: str) -> tuple[str, ...]:
    """The non-standard unit spellings written in ``target``, in lexicon order."""
    return tuple(a for a in units().aliases if a in target)


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = parse(ind.target)
        if t.kind == "unparsed":
            continue
        found: list[tuple[NodePath, str]] = []
        glued = glued_unit_word(t)  # reported by PT-V04
        found += [(("indicators", i, "target"), a) for a in _aliases_in(ind.target) if a != glued]
        if t.unit and t.unit != "date":
            found.append((("indicators", i, "target"), t.unit))
        if ind.unit is not None and "".join(ind.unit.split()):
            found.append((("indicators", i, "unit"), "".join(ind.unit.split())))
        for node, unit in dict.fromkeys(found):
            problem = unit_problem(unit, ctx)
            if problem is not None:
                yield Problem(node, problem)
