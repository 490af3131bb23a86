"""PT-V14 range-direction: a numeric range as the target (``80%-90%``).

A range says where the value should land but not which way is better: is 85% a success, is
95% a failure? Year-end scoring needs a direction (≥ for more-is-better, ≤ for a cap). Give
the level to reach or the cap, and explain the range in 绩效指标描述 if it matters. Date
spans are the timeliness rules' business (PT-T05).

Source: heuristic (rules.md §6.2); scoring of ≥ and ≤ indicators in self-evaluation
(财预〔2020〕10号).

Fails: ``target: 80%-90%``.
Passes: ``target: ≥80%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import target_of
from perfctl.model import Project

CODE = "PT-V14"
NAME = "range-direction"
SEVERITY = "info"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = target_of(ind, ctx)
        if t.kind == "range" and t.unit != "date":
            u = t.unit or ""
            yield Problem(("indicators", i, "target"),
                          _("range {target!r} states no direction; write the level to reach (≥{low}{unit}) "
                            "or the cap (≤{high}{unit}) and explain the range in 绩效指标描述").format(
                              target=ind.target, low=t.value, high=t.high, unit=u))
