"""PT-V11 implausible-unit: a unit of the wrong kind for the 二级指标 (``时效指标 | ≥20人``).

Each second-level category has its usual units: a 时效 target is a date, a duration or a
rate (按时完成率); a cost target is money; a satisfaction target a percentage; a 数量 target
a count, not money or a date. A target with a unit of another kind is probably filed under
the wrong category or measures the wrong thing. The kinds allowed per 二级 are the
``unit_kinds`` map in ``perfctl/lexicons/values.yaml`` (kinds of ``units.yaml`` plus
``date``); units of no known kind are not judged, and targets without a unit are PT-V08's.

Source: units per indicator type in 共性指标 catalogues and libraries (rules.md §4.3, S28,
S29); 财预〔2021〕101号 (经济成本指标 are money).

Fails: ``level2: 时效指标``, ``target: ≥20人``.
Passes: ``level2: 时效指标``, ``target: ≤48小时``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfctl import lexicons
from perfctl.i18n import _, N_, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, level2_of
from perfctl.lint.rows import target_of, unit_kind
from perfctl.model import Project

CODE = "PT-V11"
NAME = "implausible-unit"
SEVERITY = "warning"

#: How each unit kind is named in a finding (translated where shown).
KIND_TEXT = {"count": N_("a count (人, 次, 个…)"), "money": N_("money (元, 万元, 元/人…)"),
             "ratio": N_("a percentage (%)"), "time": N_("a duration (天, 小时, 个月…)"),
             "date": N_("a date (2025年12月前)")}


@lru_cache(maxsize=1)
def unit_kinds() -> dict[str, list[str]]:
    """二级指标 → the unit kinds plausible for it."""
    return dict(lexicons.load("values")["unit_kinds"])


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        allowed = unit_kinds().get(level2_of(ind.level2))
        if not allowed:
            continue
        kind = unit_kind(target_of(ind, ctx))
        if kind is not None and kind not in allowed:
            if len(allowed) == 1:
                message = _("target {target!r} is {kind}, unusual for {level2}; expected {expected}")
            else:
                message = _("target {target!r} is {kind}, unusual for {level2}; expected one of: {expected}")
            expected = listing(_(KIND_TEXT[k]) for k in allowed)
            yield Problem(("indicators", i, "target"),
                          message.format(target=ind.target, kind=_(KIND_TEXT[kind]), level2=ind.level2,
                                         expected=expected))
