"""PT-H01 below-last-actual: a target that asks for less than last year's result.

When last year's table of the same project carries its year-end results (实际完成值), a
row of this year's table asks for less than was already achieved when its target is a
floor (``≥``, ``>``) below last year's 实际完成值, or a ceiling (``≤``, ``<``) above it. The
target is then set loose: reviewers ask for targets at least at the level already reached, or
a reason why less is expected. Rows are matched by 一级指标, 二级指标 and 三级指标; the two
numbers are compared in the target's unit (万元 and 元, 天 and 小时, % and ‰ convert; 人 and
次 do not, and such a row is left alone), read as ``perfctl score`` reads them (the
计算符号 and 计量单位 columns included). Ranges, deadlines and words are not compared.
Reported on this year's 指标值, naming last year's file and 实际完成值.

Last year's table is the one ``perfctl diff`` pairs with this one (项目编码, the same
项目名称, or most of the same rows, in the same department and store), among the files
linted together: ``perfctl lint data`` or ``perfctl lint data/389101`` see both years,
``perfctl lint data/389101/2026`` alone does not, and reports nothing here.

Source: review criterion 适当性 (财预〔2015〕88号: targets matched to what the money and
the work can achieve, rules.md §6.9, S2); 实际完成值 as the self-evaluation records it
(财预〔2020〕10号); provincial systems compare targets with prior-year values (S30).

Fails: 2025 ``name: 服务对象满意度``, ``actual: 98%``; 2026 ``target: ≥80%``.
Passes: 2026 ``target: ≥98%``; or a 2025 table without 实际完成值.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.model import Indicator, Project

CODE = "PT-H01"
NAME = "below-last-actual"
SEVERITY = "warning"

_FLOOR, _CEILING = ("≥", ">"), ("≤", "<")


def check_history(last: Project, project: Project) -> Iterator[Problem]:
    from perfctl.model import parse_with_unit
    from perfctl.scoring import values
    from perfctl.scoring.rows import target_of

    results: dict[tuple[str, str, str], list[Indicator]] = {}
    for row in last.indicators:
        results.setdefault((row.level1, row.level2, row.name), []).append(row)
    for i, row in enumerate(project.indicators):
        before = results.get((row.level1, row.level2, row.name))
        if not before:
            continue
        old = before.pop(0)  # duplicate rows pair in table order, as diff pairs them
        if not (old.actual or "").strip():
            continue
        target, actual = target_of(row), parse_with_unit(old.actual, old.unit)
        if target.op not in _FLOOR + _CEILING or not values.is_number(target) or not values.is_number(actual):
            continue
        try:
            b = values.number_in_target_unit(target, actual)
        except values.Incomparable:
            continue
        a = Decimal(target.value or "0")
        if a < b if target.op in _FLOOR else a > b:
            converted = "" if actual.unit in (None, target.unit) else f" = {_number(b)}{target.unit or ''}"
            if target.op in _FLOOR:
                message = _("指标值 {target!r} is below last year's 实际完成值 {actual!r}{converted} ({path}): a target "
                            "short of a result already reached is set loose; raise it to the result, or say why less "
                            "is expected")
            else:
                message = _("指标值 {target!r} is above last year's 实际完成值 {actual!r}{converted} ({path}): a target "
                            "short of a result already reached is set loose; lower it to the result, or say why less "
                            "is expected")
            yield Problem(("indicators", i, "target"), message.format(target=row.target, actual=old.actual,
                                                                      converted=converted, path=last.path))


def _number(value: Decimal) -> str:
    """A converted number as people write it: ``30000`` (not ``3E+4``), ``0.5``."""
    return f"{value.normalize():f}"
