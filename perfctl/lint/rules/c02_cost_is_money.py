"""PT-C02 cost-is-money: a cost target that is not an amount of money.

Economic cost (产出指标/成本指标 in the 2015 framework, 成本指标/经济成本指标 in the 2021
one) is the project's direct money cost: a total (``≤8万元``) or a unit cost
(``≤800元/人``). Values such as ``不超预算``, ``100%`` (成本控制率) or ``250万`` (no 元)
cannot be compared with the budget or with the money spent. Money units are those of the
units lexicon (元, 万元, 亿元, and unit costs such as 元/人). Values that do not parse but
mention a money unit (``≤**万元``) are left to the value-grammar rules.

Source: 财预〔2021〕101号 (经济成本指标 are money: total and unit cost); 共性指标
catalogues (S28); published defects ``成本控制率 | 不超预算`` (S23).

Fails: ``level2: 成本指标``, ``name: 成本控制率``, ``target: 不超预算``.
Passes: ``level2: 成本指标``, ``name: 培训总成本``, ``target: ≤40万元``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.lexicons import units
from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, is_cost
from perfctl.model import Project

CODE = "PT-C02"
NAME = "cost-is-money"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    money_units = tuple(units().money)
    for i, ind in enumerate(project.indicators):
        if not is_cost(ind) or not ind.target.strip():
            continue
        t = ind.parsed
        if t.value_yuan is not None or (t.kind == "unparsed" and any(u in ind.target for u in money_units)):
            continue
        yield Problem(("indicators", i, "target"),
                      _("cost target {target!r} is not an amount of money; expected a unit of money, one of: "
                        "{units}, or a unit cost such as ≤800元/人").format(target=ind.target, units=listing(money_units)))
