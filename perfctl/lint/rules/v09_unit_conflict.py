"""PT-V09 unit-conflict: the unit written in the value disagrees with the 计量单位 column.

Tables with a 计量单位 column should hold the number in 指标值 and the unit in the column
(``50`` + ``人``). When the value carries its own unit as well, the two must agree
(百分比 and % are the same unit); ``28.8万元`` with unit ``%`` cannot be read either way. A
date target conflicts with a column holding a money, percentage or count unit. A column
that says there is no unit (``/``, ``无``, ``定性``: the ``no_unit`` lexicon in
``perfctl/lexicons/values.yaml``) is not compared. Two units of one measure (``3万人次``
with the column ``人次``, ``8万元`` with ``元``) can be read, one converted to the other
(:func:`perfctl.target.scale`): a warning that asks for one unit, not an error.

Source: unit conflicts in a published 整体绩效目标表 (rules.md S22); separate 计量单位 column
of 财预〔2021〕101号 templates and budget systems (S28, S30).

Fails: ``target: 28.8万元``, ``unit: '%'``.
Passes: ``target: '28.8'``, ``unit: 万元``; ``target: ≥95百分比``, ``unit: '%'``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import column_unit, kind_of_unit, unit_kind
from perfctl.model import Project
from perfctl.target import parse, scale

CODE = "PT-V09"
NAME = "unit-conflict"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        col = column_unit(ind, ctx)
        if col is None:
            continue
        t = parse(ind.target)
        if unit_kind(t) == "date":
            if kind_of_unit(col) in ("money", "ratio", "count"):
                yield Problem(("indicators", i, "unit"),
                              _("unit column {column!r} does not fit the date target {target!r}; "
                                "leave 计量单位 empty for a date").format(column=ind.unit, target=ind.target))
        elif t.kind in ("quantity", "duration", "range") and t.unit and t.unit != col and _convert(t.unit, col):
            yield Problem(("indicators", i, "unit"),
                          _("unit column {column!r} and the unit {unit!r} in the target {target!r} measure the "
                            "same thing but differ; write the number in 指标值 in the column's unit").format(
                              column=ind.unit, unit=t.unit, target=ind.target), severity="warning")
        elif t.kind in ("quantity", "duration", "range") and t.unit and t.unit != col:
            yield Problem(("indicators", i, "unit"),
                          _("unit column {column!r} disagrees with the unit {unit!r} in the target "
                            "{target!r}; write the number in 指标值 and one unit in 计量单位").format(
                              column=ind.unit, unit=t.unit, target=ind.target))


def _convert(a: str, b: str) -> bool:
    """Whether values in units ``a`` and ``b`` convert exactly one into the other."""
    return scale(a)[0] == scale(b)[0]
