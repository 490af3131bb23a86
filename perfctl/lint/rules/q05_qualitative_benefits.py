"""PT-Q05 qualitative-benefits: every 效益指标 target is in words.

Benefits are why the money is spent. When every 效益 row says only ``有效提升`` or ``长期``,
nobody can tell at year end whether the project achieved anything; at least one benefit
should carry a measurable level (a rate, a count, an amount). Reported once per table, at
the 一级指标 of its first 效益 row.

Source: review findings that benefit targets are vague (模糊化; rules.md S31); 财预〔2021〕101号
(量化易评); heuristic.

Fails: the only 效益 row is ``可持续影响指标 | 有效提升``.
Passes: 效益 rows ``有效提升`` and ``学员履职能力提升率 | ≥80%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, ngettext
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of
from perfctl.model import Project
from perfctl.target import parse

CODE = "PT-Q05"
NAME = "qualitative-benefits"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    rows = [i for i, ind in enumerate(project.indicators)
            if level1_of(ind.level1) == "效益指标" and ind.target.strip() and not ctx.is_placeholder(ind.target)]
    if rows and all(parse(project.indicators[i].target).kind == "qualitative" for i in rows):
        n = len(rows)
        if n == 1:
            message = _("the only 效益指标 target is in words; give at least one benefit a measurable level "
                        "(≥80%, ≥1000人, a date)")
        else:  # n ≥ 2: the singular form is there for languages whose plural rules need it
            message = ngettext("all {n} 效益指标 target is in words; give at least one benefit a measurable level "
                               "(≥80%, ≥1000人, a date)",
                               "all {n} 效益指标 targets are in words; give at least one benefit a measurable level "
                               "(≥80%, ≥1000人, a date)", n).format(n=n)
        yield Problem(("indicators", rows[0], "level1"), message)
