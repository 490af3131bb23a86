"""PT-A06 benefit-only-satisfaction: every 效益指标 row is a satisfaction measure.

Satisfaction says how the people served feel about the project; benefits say what changed
(economic, social, ecological effects, lasting impact). A table whose only benefits are
satisfaction rates (``社会效益指标/群众满意度``) has substituted one for the other and states
no effect. Reported once per table, on its first 效益指标 row; blank rows are ignored. A
name is a satisfaction measure when it contains a word of the ``satisfaction`` lexicon.

Source: review and study findings "以满意度代替效益" (S32); 中发〔2018〕34号 requires both
benefits and satisfaction.

Fails: the only 效益指标 row is ``社会效益指标/群众满意度 | ≥90%``.
Passes: ``社会效益指标/学员履职能力提升率 | ≥80%`` besides or instead of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of
from perfctl.model import Project

CODE = "PT-A06"
NAME = "benefit-only-satisfaction"
SEVERITY = "warning"

BENEFIT = "效益指标"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    rows = [(i, ind) for i, ind in enumerate(project.indicators)
            if level1_of(ind.level1) == BENEFIT and (ind.name.strip() or ind.target.strip())]
    if rows and all(ctx.measures_satisfaction(ind.name) for _i, ind in rows):
        names = listing(ind.name for _i, ind in rows)
        kinds = listing(ctx.structure()[BENEFIT])
        yield Problem(("indicators", rows[0][0]),
                      _("every 效益指标 row measures satisfaction ({names}); state an effect of the project under one "
                        "of: {kinds}, and file satisfaction under 满意度指标").format(names=names, kinds=kinds))
