"""PT-B03 money-unit: the amounts do not fit the table's 单位 (元 or 万元).

A table states its money in 元 or in 万元 (the schema accepts no other unit). The classic
slip is the right figures in the wrong unit: a 万元 form filled in 元, or the reverse, and
every comparison with the budget is then off by 10,000. Two signs are checked:

- error: the 绩效目标 or 预算规模及资金用途 text states an amount that equals 预算数 read
  in the other unit (``purpose: …安排资金20万元`` with ``money_unit: 元``, ``total: '20'``)
  and none that equals it in the table's unit; unit costs (``800元/人``, ``每人…``) are
  not compared;
- warning: a 元 table whose 预算数 is under 1,000元, which is not the size of a project
  but is a typical 万元 figure.

The magnitude check runs only one way: a 元 figure in a 万元 table reads as a large but
possible project (30000万元), so only the text can show that slip.

Source: the money block of the target table form (单位：万元 in 财预〔2015〕88号 annex; 元 in
some local systems); 绩效目标申报表填写要求 (amounts in 万元); heuristic for the checks.

Fails: ``money_unit: 元``, ``total: '20'``, ``purpose: 安排项目资金20万元，…``.
Passes: ``money_unit: 万元``, ``total: '20'``, ``purpose: 安排项目资金20万元，…``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator
from decimal import Decimal

from perfctl import money
from perfctl.lexicons import units
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, nfkc
from perfctl.model import Project

CODE = "PT-B03"
NAME = "money-unit"
SEVERITY = "error"
NEEDS_BUDGET = True

#: A 元 budget below this many yuan is not a project's size (heuristic).
SMALL_YUAN = Decimal(1000)

_AMOUNT = r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_PER = ("每", "人均", "单价", "/")


def _stated(text: str) -> Iterator[tuple[str, Decimal]]:
    """Money amounts written in ``text``: (as written, value in yuan); unit costs left out."""
    s = nfkc(text)
    for m in _amount_with_unit().finditer(s):
        before, after = s[max(0, m.start() - 4):m.start()], s[m.end():m.end() + 1]
        if after == "/" or any(w in before for w in _PER):
            continue
        yield m.group(0), Decimal(m.group(1).replace(",", "")) * units().money[m.group(2)]


@lru_cache(maxsize=1)
def _amount_with_unit() -> re.Pattern[str]:
    names = sorted(units().money, key=len, reverse=True)
    return re.compile(_AMOUNT + r"\s*(" + "|".join(map(re.escape, names)) + ")")


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    unit, total = project.money_unit, project.budget.total
    texts = [project.purpose or "", *project.goals]
    stated = [a for t in texts for a in _stated(t)]
    tolerance = money.to_yuan(ctx.threshold("money_tolerance"), unit)
    declared = money.to_yuan(total, unit)
    for other in money.MONEY_UNITS:
        if other == unit or total <= 0:
            continue
        as_other = money.to_yuan(total, other)
        hits = [w for w, yuan in stated if abs(yuan - as_other) <= tolerance]
        if hits and not any(abs(yuan - declared) <= tolerance for _w, yuan in stated):
            yield Problem(("money_unit",),
                          _("预算数 is {amount}{unit} but the text states {stated}; "
                            "the amounts look like {other}: expected money_unit {other} or amounts in {unit}")
                          .format(amount=money.amount_text(total), unit=unit, stated=hits[0], other=other))
            return
    if unit == "元" and 0 < declared < SMALL_YUAN:
        yield Problem(("money_unit",),
                      _("预算数 {amount}元 is too small for a project; "
                        "the amounts look like 万元: expected money_unit 万元 or amounts in 元")
                      .format(amount=money.amount_text(total)), severity="warning")
