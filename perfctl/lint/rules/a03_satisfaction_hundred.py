"""PT-A03 satisfaction-hundred: a satisfaction target of ``=100%`` or ``≥100%``.

A survey cannot show that every respondent is satisfied, and 100% satisfaction targets are
mostly copied boilerplate; at year end such a target is either unverifiable or missed.
Set a level a survey can confirm, such as ``≥90%``. Applies to rows under 满意度指标 (and
its aliases) and to rows whose name is a satisfaction measure (the ``satisfaction``
lexicon), when the target is 100% (or more) with ``=``, ``≥`` or no operator.

Source: heuristic (rules.md §4.5); targets must be checkable against an actual figure
(财预〔2021〕101号 量化易评).

Fails: ``name: 参训学员满意度``, ``target: =100%``.
Passes: ``name: 参训学员满意度``, ``target: ≥95%``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, filed_as_satisfaction
from perfctl.model import Project

CODE = "PT-A03"
NAME = "satisfaction-hundred"
SEVERITY = "warning"

FULL = Decimal(100)


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if not (filed_as_satisfaction(ind) or ctx.measures_satisfaction(ind.name)):
            continue
        t = ind.parsed
        if t.kind == "quantity" and t.unit == "%" and t.op in (None, "=", "≥") and Decimal(t.value or 0) >= FULL:
            yield Problem(("indicators", i, "target"),
                          _("satisfaction target {target!r} requires every respondent to be satisfied, which a "
                            "survey cannot show; expected a level below 100%, such as ≥90%").format(target=ind.target))
