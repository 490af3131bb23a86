"""PT-A01 satisfaction-percent: a satisfaction target must be a percentage.

Satisfaction (满意度) is measured by survey as the share of respondents satisfied, so its
target is a percentage (``≥90%``). Words such as 满意 or 较高 cannot be compared with the
survey result. Applies to rows under 满意度指标 (and its aliases).

Source: 共性指标 catalogues and indicator libraries (satisfaction in %); self-evaluation
scoring of quantitative targets (财预〔2020〕10号).

Fails: ``level1: 满意度指标``, ``target: 满意``.
Passes: ``level1: 满意度指标``, ``target: ≥90%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of
from perfctl.model import Project

CODE = "PT-A01"
NAME = "satisfaction-percent"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if level1_of(ind.level1) != "满意度指标" or not ind.target.strip():
            continue
        t = ind.parsed
        if t.unit != "%":
            yield Problem(("indicators", i, "target"),
                          _("satisfaction target {target!r} is not a percentage; write it as ≥90% or similar")
                          .format(target=ind.target))
