"""PT-C03 cost-operator: a money cost target with ``≥`` or ``>``.

A cost target is a ceiling: the project will spend at most this much (``≤8万元``) or
exactly this much (``=3万元``). ``人均成本 ≥500元`` asks the project to spend at least 500元
a head, which rewards overspending. Applies to economic cost rows (产出指标/成本指标 or
成本指标/经济成本指标) whose target is money; targets that are not money are PT-C02's.

Source: 共性指标 catalogues list cost indicators with 性质 ≤ (S28); 财预〔2015〕88号 review
criterion 适当性.

Fails: ``level2: 成本指标``, ``name: 人均成本``, ``target: ≥500元``.
Passes: ``level2: 成本指标``, ``name: 人均成本``, ``target: ≤500元/人``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, is_cost
from perfctl.model import Project

CODE = "PT-C03"
NAME = "cost-operator"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if is_cost(ind) and t.value_yuan is not None and t.op in ("≥", ">"):
            yield Problem(("indicators", i, "target"),
                          _("cost target {target!r} is a floor on spending; expected ≤ or = (≤{value}{unit})")
                          .format(target=ind.target, value=t.value, unit=t.unit or ""))
