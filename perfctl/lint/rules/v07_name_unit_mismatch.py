"""PT-V07 name-unit-mismatch: a rate-like name without a percentage, or a count name without a count.

A name with 率, 比例 or 占比 (合格率, 覆盖率, 补贴比例) promises a share, so its target is a
percentage; a name with 人数, 次数, 数量 promises a count, so its target is not a
percentage, money or a date. ``合格率 | 50人`` measures something other than its name.
The words are the ``rate_names``, ``not_rate_names`` (效率, 频率: not rates) and
``count_names`` lexicons in ``perfctl/lexicons/values.yaml``, extensible under
``lint.lexicons``. Values without a unit are PT-V08's business, words the PT-Q rules',
satisfaction rows PT-A01's.

Source: 共性指标 catalogue in 财预〔2021〕101号 style (rates named 率 and given in %; rules.md S28).

Fails: ``name: 培训合格率``, ``target: ≥50人``; ``name: 培训人数``, ``target: ≥90%``.
Passes: ``name: 培训合格率``, ``target: ≥95%``; ``name: 培训人数``, ``target: ≥500人``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import N_, _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of
from perfctl.lint.rows import target_of, unit_kind
from perfctl.model import Project

CODE = "PT-V07"
NAME = "name-unit-mismatch"
SEVERITY = "warning"

#: What a count name's target is instead, by unit kind: the message said then.
_NOT_A_COUNT = {
    "ratio": N_("{name!r} is a count but its target {target!r} is a percentage; write a number of things such as "
                "≥500人次, or rename the indicator"),
    "money": N_("{name!r} is a count but its target {target!r} is money; write a number of things such as ≥500人次, "
                "or rename the indicator"),
    "date": N_("{name!r} is a count but its target {target!r} is a date; write a number of things such as ≥500人次, "
               "or rename the indicator"),
}


def name_kind(name: str, ctx: Context) -> str | None:
    """``rate`` for a rate-like name, ``count`` for a count name, else ``None``."""
    stripped = name
    for word in ctx.words("not_rate_names"):
        stripped = stripped.replace(word, "")
    if any(word in stripped for word in ctx.words("rate_names")):
        return "rate"
    if any(word in name for word in ctx.words("count_names")):
        return "count"
    return None


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = target_of(ind, ctx)
        if not t.quantitative or level1_of(ind.level1) == "满意度指标":
            continue
        kind, unit = ctx.remember(CODE, ind.name, lambda name: name_kind(name, ctx)), unit_kind(t)
        if kind == "rate" and unit != "ratio" and (t.unit or unit):
            yield Problem(("indicators", i, "target"),
                          _("{name!r} is a rate but its target {target!r} is not a percentage; "
                            "write a share such as ≥95%, or rename the indicator").format(name=ind.name,
                                                                                         target=ind.target))
        elif kind == "count" and unit in _NOT_A_COUNT:
            yield Problem(("indicators", i, "target"),
                          _(_NOT_A_COUNT[unit]).format(name=ind.name, target=ind.target))
