"""PT-A02 satisfaction-floor: a satisfaction target below the profile's floor (default 80%).

A satisfaction target such as ``≥60%`` accepts that four in ten respondents are
dissatisfied; reviewers query it as set too low (适当性). The floor is the store's
``satisfaction_floor`` threshold (percent, default 80): it is a practice convention, not a
national rule. Applies to rows under 满意度指标 (and its aliases) and to rows whose name
is a satisfaction measure (the ``satisfaction`` lexicon: 满意, 好评率) wherever they are
filed, when the target is a percentage with ``≥``, ``>``, ``=`` or no operator, or a
range (its lower end). Upper bounds (``≤5%`` 不满意率) are not floors and are left alone.

Source: practice levels ≥85% / ≥90% in published tables; heuristic (rules.md §4.5).

Fails: ``name: 群众满意度``, ``target: ≥60%``.
Passes: ``name: 群众满意度``, ``target: ≥85%``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, filed_as_satisfaction
from perfctl.model import Project

CODE = "PT-A02"
NAME = "satisfaction-floor"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    floor = ctx.threshold("satisfaction_floor")
    for i, ind in enumerate(project.indicators):
        if not (filed_as_satisfaction(ind) or ctx.measures_satisfaction(ind.name)):
            continue
        t = ind.parsed
        if t.unit != "%" or t.kind not in ("quantity", "range") or t.op in ("≤", "<") or t.value is None:
            continue
        if Decimal(t.value) < floor:
            level = format(floor.normalize(), "f")
            yield Problem(("indicators", i, "target"),
                          _("satisfaction target {target!r} is below the floor of {level}%; "
                            "expected ≥{level}% or higher (threshold satisfaction_floor)")
                          .format(target=ind.target, level=level))
