"""PT-H02 copied-unchanged: every indicator as in last year's table.

A table whose indicator rows are last year's, each with the same target by meaning, was
copied forward (a system's 复制上年指标, or ``perfctl new --from``) and not set afresh: the
targets ignore what last year achieved and what this year's money buys. Compared as
``perfctl diff`` compares a table with last year's (:func:`perfctl.diff.compare.compare_indicators`):
rows matched by 一级指标, 二级指标 and 三级指标, targets by meaning with their units
converted and dates moved a year (``2025年12月前`` in 2025 is ``2026年12月前`` in 2026), the
计量单位 and 计算符号 columns included; 绩效指标描述 and year-end results are not compared.
Reported once per project, on ``indicators``.

Last year's table is found as for PT-H01, among the files linted together: lint the store
or the department (``perfctl lint data/389101``), not one year's folder alone.

Source: targets copied from prior years, a defect reviews report (rules.md §5.3, §6.9);
provincial systems offer the copy and flag it for review (S30); review criterion 适当性
(财预〔2015〕88号).

Fails: a 2026 table whose rows and targets are its 2025 table's, ``2025年12月前`` moved to
``2026年12月前``.
Passes: the same table with one target changed (``≥15次`` → ``≥18次``).
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import ngettext
from perfctl.lint import Problem
from perfctl.model import Indicator, Project

CODE = "PT-H02"
NAME = "copied-unchanged"
SEVERITY = "info"


def check_history(last: Project, project: Project) -> Iterator[Problem]:
    if not project.indicators or sorted(map(_key, last.indicators)) != sorted(map(_key, project.indicators)):
        return  # a row added, removed or renamed: not a copy (and no need to compare targets)
    from perfctl.diff.compare import compare_indicators

    if compare_indicators(_targets(last), _targets(project), project.year - last.year):
        return
    n = len(project.indicators)
    yield Problem(("indicators",), ngettext(
        "the {n} indicator is as in last year's table ({path}), its target unchanged (dates moved a year): set this "
        "year's target from last year's result and this year's plan",
        "all {n} indicators are as in last year's table ({path}), targets unchanged (dates moved a year): set this "
        "year's targets from last year's results and this year's plan", n).format(n=n, path=last.path))


def _key(row: Indicator) -> tuple[str, str, str]:
    return (row.level1, row.level2, row.name)


def _targets(project: Project) -> list[Indicator]:
    """The rows as targets only: last year's results are not part of what was copied."""
    return [Indicator(r.level1, r.level2, r.name, r.target, unit=r.unit, op=r.op) for r in project.indicators]
