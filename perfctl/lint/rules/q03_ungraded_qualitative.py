"""PT-Q03 ungraded-qualitative: a target in words that is neither a graded word nor explained.

Qualitative targets are allowed where a number cannot express the target, but then in
graded tiers (分级分档), so that the year-end evaluation can place the result in a band
(达成 / 部分达成 / 未达成). A word from a graded scale (好/较好/一般/较差/差, 达到/基本达到/未达到,
是/否 …: ``perfctl/lexicons/graded.yaml``, extensible under ``lint.lexicons.graded``) can be
scored; any other wording (``效果明显``, ``应保尽保``) needs a 绩效指标描述 saying what counts
as achieved.

Source: qualitative targets in graded tiers (财预〔2011〕285号-style rules as adopted locally,
rules.md S5; 财预〔2021〕101号); three-tier scoring of qualitative indicators (财预〔2020〕10号).

Fails: ``target: 效果明显`` with no description.
Passes: ``target: 达到``; ``target: 效果明显`` with ``description: 反映…，达到…为达成``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfctl import lexicons
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, graded_scales
from perfctl.model import Project
from perfctl.target import parse

CODE = "PT-Q03"
NAME = "ungraded-qualitative"
SEVERITY = "warning"


@lru_cache(maxsize=1)
def _scales_text() -> str:
    """The first scales of graded.yaml, for messages (the whole list is too long for one line)."""
    return "; ".join("/".join(scale) for scale in lexicons.load("graded")["scales"][:2]) + "; …"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    # graded.yaml holds scales, not a word list, so a store's additions are read from the config directly.
    graded = set().union(*graded_scales()) | set(ctx.extra.get("graded", ()))
    for i, ind in enumerate(project.indicators):
        t = parse(ind.target)
        if (t.kind != "qualitative" or ctx.is_placeholder(ind.target) or t.canonical in graded
                or (ind.description or "").strip()):
            continue
        yield Problem(("indicators", i, "target"),
                      _("qualitative target {target!r} is not a graded word and has no 绩效指标描述; use a word of "
                        "a graded scale ({scales}) or say in 绩效指标描述 what counts as achieved")
                      .format(target=ind.target, scales=_scales_text()))
