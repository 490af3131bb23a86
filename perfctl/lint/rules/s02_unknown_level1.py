"""PT-S02 unknown-level1: 一级指标 is not a category of the table's framework.

The 一级指标 are fixed by the framework: 产出指标, 效益指标, 满意度指标 (legacy-2015) plus
成本指标 (national-2021). Names seen in real tables for the same category are read as the
standard one first (效果指标 → 效益指标, 服务对象满意度 → 满意度指标; see
``perfctl/lexicons/categories.yaml``). Anything else (``工作指标``, ``过程指标``) cannot be
scored by the standard weights.

When the profile is detected rather than configured, a 成本指标 一级 row in a table that
mostly files cost under 产出指标 is left to PT-S04 (mixed frameworks); with a configured
profile it is reported here.

Source: the 一级指标 of 财预〔2015〕88号 and of 财预〔2021〕101号.

Fails: ``level1: 工作指标``.
Passes: ``level1: 效果指标`` (an alias of 效益指标).
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, categories, level1_of
from perfctl.model import Project

CODE = "PT-S02"
NAME = "unknown-level1"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    structure = ctx.structure()
    others = {p: s for p, s in categories()["profiles"].items() if p != ctx.profile}
    for i, ind in enumerate(project.indicators):
        level1 = level1_of(ind.level1.strip())
        if level1 in structure:
            continue
        elsewhere = [p for p, s in others.items() if level1 in s]
        if elsewhere and ctx.profile_reason != "configured":
            continue  # a row of the other framework in a mixed table: PT-S04
        expected = listing(structure)
        if elsewhere:
            message = _("一级指标 {level1!r} is not a category of {profile} ({category} is a 一级指标 in {profiles}); "
                        "expected one of: {expected}").format(level1=ind.level1, profile=ctx.profile, category=level1,
                                                              profiles=listing(elsewhere), expected=expected)
        else:
            message = _("一级指标 {level1!r} is not a category of {profile}; expected one of: {expected}").format(
                level1=ind.level1, profile=ctx.profile, expected=expected)
        yield Problem(("indicators", i, "level1"), message)
