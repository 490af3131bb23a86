"""PT-A05 satisfaction-respondent: a satisfaction indicator that does not say who is surveyed.

``满意度 ≥90%`` cannot be measured until someone decides whom to ask; the name should
carry the respondent group (``参训学员满意度``, ``服务对象满意度``, ``部门领导满意度``).
Applies to every row whose name is a satisfaction measure (the ``satisfaction`` lexicon);
the respondent groups are the ``respondents`` lexicon
(``perfctl/lexicons/respondents.yaml``), extensible under ``lint.lexicons.respondents``.

Source: indicator libraries name the respondents of each satisfaction indicator (S29);
rules.md §4.5.

Fails: ``name: 满意度``, ``target: ≥90%``.
Passes: ``name: 参训学员满意度``, ``target: ≥90%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-A05"
NAME = "satisfaction-respondent"
SEVERITY = "info"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    respondents = ctx.words("respondents")
    for i, ind in enumerate(project.indicators):
        if ctx.measures_satisfaction(ind.name) and not any(r in ind.name for r in respondents):
            yield Problem(("indicators", i, "name"),
                          _("satisfaction indicator {name!r} does not say who is surveyed; expected a respondent "
                            "group in the name, one of: {respondents}")
                          .format(name=ind.name, respondents=listing(respondents)))
