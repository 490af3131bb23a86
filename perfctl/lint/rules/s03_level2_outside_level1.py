"""PT-S03 level2-outside-level1: 二级指标 does not belong to its 一级指标.

Each 一级指标 has its own 二级指标 (产出指标: 数量、质量、时效 (and 成本 in legacy-2015);
成本指标: 经济成本、社会成本、生态环境成本; 效益指标: 经济、社会、生态效益 and 可持续影响;
满意度指标: 服务对象满意度). A row such as ``效益指标/时效指标`` is misfiled: it mixes a
deadline into the benefits and will be scored with the wrong weight. Aliases are read
as the standard names first (环境效益指标 → 生态效益指标). Rows whose 一级指标 is unknown
are PT-S02's business.

When the profile is detected rather than configured, a cost row of the other framework
(``产出指标/成本指标`` in a table that mostly uses 成本指标 as a 一级) is left to PT-S04;
with a configured profile it is reported here.

Source: the category tables of 财预〔2015〕88号 and 财预〔2021〕101号.

Fails: ``level1: 效益指标``, ``level2: 时效指标``.
Passes: ``level1: 效益指标``, ``level2: 环境效益指标`` (an alias of 生态效益指标).
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, categories, level1_of, level2_of
from perfctl.model import Project

CODE = "PT-S03"
NAME = "level2-outside-level1"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    structure = ctx.structure()
    others = {p: s for p, s in categories()["profiles"].items() if p != ctx.profile}
    for i, ind in enumerate(project.indicators):
        level1, level2 = level1_of(ind.level1.strip()), level2_of(ind.level2.strip())
        if level1 not in structure or level2 in structure[level1]:
            continue
        elsewhere = [p for p, s in others.items() if level2 in s.get(level1, ())]
        if elsewhere and ctx.profile_reason != "configured":
            continue  # a row of the other framework in a mixed table: PT-S04
        expected = listing(structure[level1])
        if elsewhere:
            message = _("二级指标 {level2!r} does not belong to {level1} (it does in {profiles}, but this table uses "
                        "{profile}); expected one of: {expected}").format(
                level2=ind.level2, level1=level1, profiles=listing(elsewhere), profile=ctx.profile, expected=expected)
        else:
            message = _("二级指标 {level2!r} does not belong to {level1}; expected one of: {expected}").format(
                level2=ind.level2, level1=level1, expected=expected)
        yield Problem(("indicators", i, "level2"), message)
