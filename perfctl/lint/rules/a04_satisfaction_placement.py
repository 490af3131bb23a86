"""PT-A04 satisfaction-placement: a satisfaction row outside 满意度指标, or another row inside it.

Satisfaction is its own category (满意度指标/服务对象满意度指标) and is scored on its own
in self-evaluation. A satisfaction measure filed under 效益指标 (``社会效益指标/市民对空气
质量改善的满意程度``) inflates the benefits; a row under 满意度指标 that measures something
else (``受益人口``) is scored as satisfaction. A name is a satisfaction measure when it
contains a word of the ``satisfaction`` lexicon (满意, 好评率; extensible under
``lint.lexicons.satisfaction``). Reported on the row's 一级指标.

Source: published tables (S21: satisfaction filed under 社会效益); budget-system samples
(S30); categories of 财预〔2015〕88号 and 财预〔2021〕101号.

Fails: ``level1: 效益指标``, ``level2: 社会效益指标``, ``name: 市民对空气质量改善的满意程度``.
Passes: ``level1: 满意度指标``, ``level2: 服务对象满意度指标``, ``name: 市民对空气质量改善的满意程度``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, filed_as_satisfaction
from perfctl.model import Project

CODE = "PT-A04"
NAME = "satisfaction-placement"
SEVERITY = "warning"

SATISFACTION = "满意度指标"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    words = ctx.words("satisfaction")
    home = f"{SATISFACTION}/{listing(ctx.structure()[SATISFACTION])}"
    for i, ind in enumerate(project.indicators):
        filed = filed_as_satisfaction(ind)
        looks = ctx.measures_satisfaction(ind.name)
        if looks and not filed:
            yield Problem(("indicators", i, "level1"),
                          _("indicator {name!r} measures satisfaction but is filed under {level1}/{level2}; "
                            "expected {home}").format(name=ind.name, level1=ind.level1, level2=ind.level2, home=home))
        elif filed and not looks and ind.name.strip():
            yield Problem(("indicators", i, "level1"),
                          _("indicator {name!r} is filed under {level1} but its name is not a satisfaction "
                            "measure (it contains none of: {words}); file it under 产出指标 or 效益指标")
                          .format(name=ind.name, level1=ind.level1, words=listing(words)))
