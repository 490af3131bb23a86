"""PT-Q02 qualitative-quantity: a target in words under 数量指标 (``覆盖范围 | 全覆盖``).

A 数量指标 states how many: people trained, sessions held, sites built. A value in words
(``全覆盖``, ``按需提供``) is not a quantity and cannot be counted at year end. Give the
number and its unit. Placeholders (``无``, ``待定``) are PT-V02's business.

Source: 财预〔2015〕88号 and 财预〔2021〕101号 (产出 broken down by quantity, quality, time and
cost; quantity targets are numbers; rules.md §4.4).

Fails: ``level2: 数量指标``, ``target: 全覆盖``.
Passes: ``level2: 数量指标``, ``target: ≥12个``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level2_of
from perfctl.model import Project
from perfctl.target import parse

CODE = "PT-Q02"
NAME = "qualitative-quantity"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if (level2_of(ind.level2) == "数量指标" and parse(ind.target).kind == "qualitative"
                and not ctx.is_placeholder(ind.target)):
            yield Problem(("indicators", i, "target"),
                          _("数量指标 target {target!r} is words; a quantity needs a number and a unit "
                            "(≥500人次, ≥3场)").format(target=ind.target))
