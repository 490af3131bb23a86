"""PT-V08 missing-unit: a number without a unit (``≥50``).

``≥50`` of what: people, sessions, 万元? Budget systems make 计量单位 mandatory for every
quantitative indicator. Write the unit after the number (``≥50人``) or in the 计量单位
column; a column that says there is no unit (``/``, ``无``) does not count.

Source: 计量单位 required unless the indicator is 定性 (budget systems, rules.md S30);
财预〔2021〕101号 templates give every indicator a 度量单位.

Fails: ``target: ≥50``; ``target: 80-90``.
Passes: ``target: ≥50人``; ``target: '50'``, ``unit: 人``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import target_of
from perfctl.model import Project

CODE = "PT-V08"
NAME = "missing-unit"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = target_of(ind, ctx)
        if t.kind in ("quantity", "range") and t.unit is None:
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} has no unit; write it after the number (≥50人, ≥95%) "
                            "or in 计量单位").format(target=ind.target))
