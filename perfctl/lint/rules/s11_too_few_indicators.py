"""PT-S11 too-few-indicators: fewer 三级指标 than the profile minimum.

A table with two or three indicators cannot cover outputs, cost, benefits and
satisfaction. There is no national minimum; local notices ask for at least 3 self-set
indicators, and perfctl's default is 5 (one per required 二级指标 at least). The minimum is
the store's ``min_indicators`` threshold. Blank rows (PT-S10) do not count.

Source: a local project-evaluation notice (at least 3 indicators); heuristic for the default of 5.

Fails: two indicators (default minimum 5).
Passes: seven indicators; or two with ``thresholds: {min_indicators: 2}``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import is_blank_row
from perfctl.model import Project

CODE = "PT-S11"
NAME = "too-few-indicators"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    count = sum(1 for i in project.indicators if not is_blank_row(i, ctx))
    minimum = ctx.threshold("min_indicators")
    if count < minimum:
        yield Problem(("indicators",), _("table has {count} 三级指标; expected at least {minimum} "
                                         "(threshold min_indicators) to cover outputs, cost, benefits and satisfaction")
                      .format(count=count, minimum=minimum))
