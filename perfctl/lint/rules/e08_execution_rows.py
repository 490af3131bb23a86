"""PT-E08 execution-rows: the 年度资金总额 row disagrees with the table's other money figures.

The execution rate and score are worked out on the 年度资金总额 row, over all fund sources
(其中：当年财政拨款, 上年结转资金, 其他资金). Published tables get that row wrong: the 池州
2022 table gives 年度资金总额 0 / 0 / 0 while its 本年财政拨款 row has 90 / 89.974 / 89.974,
so its execution scores 0. The rule checks, in the table's money unit within
``money_tolerance``:

- when the file holds the 其中 rows (``budget.parts``), that each of 年初预算数, 全年预算数
  and 全年执行数 of the 年度资金总额 row is the sum of those rows' figures (a row or a figure
  the table leaves blank counts as 0);
- that 年初预算数 (``budget.initial``) equals 预算数 (``budget.total``), the budget approved
  with the targets, when both are given;
- without 其中 rows for it, that 全年预算数 (``budget.adjusted``) is not 0 while 预算数 or
  财政资金 is not.

A file without ``budget.parts`` holds the execution figures of the 年度资金总额 row only, not
per fund source: its sub-rows cannot be added up, and the last two checks are what is left.
Applies to projects with results; reported on the first figure that disagrees.

Source: 财预〔2020〕10号 附件1 (预算执行情况: 年度资金总额 and its fund sources; 年初预算数,
全年预算数, 全年执行数); rule set R3 (execution over all fund sources).

Fails: ``total: '0'``, ``fiscal: '90'``, ``adjusted: '0'``, ``spent: '0'``.
Passes: ``total: '90'``, ``fiscal: '90'``, ``initial: '90'``, ``adjusted: '90'``, ``spent: '89.974'``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Budget, Project

CODE = "PT-E08"
NAME = "execution-rows"
SEVERITY = "error"
NEEDS_BUDGET = True
RESULTS = True

COLUMNS = (("initial", "年初预算数"), ("adjusted", "全年预算数"), ("spent", "全年执行数"))


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    b, unit = project.budget, project.money_unit
    if not ctx.has_results(project):
        return
    tolerance = ctx.threshold("money_tolerance")
    sums = _sums(b)
    off = [(key, label, getattr(b, key), sums[key]) for key, label in COLUMNS
           if key in sums and getattr(b, key) is not None and abs(getattr(b, key) - sums[key]) > tolerance]
    if off:
        figures = [_("{column} {total}{unit} against {rows}{unit}").format(column=label, total=total, rows=rows,
                                                                           unit=unit)
                   for _key, label, total, rows in off]
        listed = figures[0]
        for more in figures[1:]:
            listed = _("{figures}, {figure}").format(figures=listed, figure=more)
        yield Problem(("budget", off[0][0]),
                      _("the 年度资金总额 row does not add up its 其中 rows: {figures}").format(figures=listed))
    if b.initial is not None and b.total is not None and abs(b.initial - b.total) > tolerance:
        yield Problem(("budget", "initial"),
                      _("年初预算数 {initial}{unit} differs from 预算数 {total}{unit}; the 年度资金总额 row's "
                        "年初预算数 is the budget approved with the targets").format(initial=b.initial, total=b.total,
                                                                                  unit=unit))
    if b.adjusted is not None and b.adjusted == 0 and "adjusted" not in sums:
        if b.total and b.fiscal:
            message = _("全年预算数 is 0 while 预算数 is {total}{unit} and 财政资金 is {fiscal}{unit}: the 年度资金总额 "
                        "row does not carry its fund sources' figures; give its 全年预算数 and 全年执行数 over all "
                        "sources")
        elif b.total:
            message = _("全年预算数 is 0 while 预算数 is {total}{unit}: the 年度资金总额 row does not carry its fund "
                        "sources' figures; give its 全年预算数 and 全年执行数 over all sources")
        elif b.fiscal:
            message = _("全年预算数 is 0 while 财政资金 is {fiscal}{unit}: the 年度资金总额 row does not carry its fund "
                        "sources' figures; give its 全年预算数 and 全年执行数 over all sources")
        else:
            return
        yield Problem(("budget", "adjusted"), message.format(total=b.total, fiscal=b.fiscal, unit=unit))


def _sums(b: Budget) -> dict[str, Decimal]:
    """Per column, the sum of the 其中 rows' figures, for the columns any of them gives."""
    rows = [b.parts.fiscal, b.parts.carryover, b.parts.other] if b.parts is not None else []
    sums: dict[str, Decimal] = {}
    for key, _label in COLUMNS:
        figures = [getattr(row, key) for row in rows if row is not None and getattr(row, key) is not None]
        if figures:
            sums[key] = sum(figures, Decimal(0))
    return sums
