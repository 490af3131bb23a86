"""PT-D01 qualitative-without-description: a qualitative target with no 绩效指标描述.

A qualitative target (``效果明显``, ``达到``, ``优良``) can only be scored at year end if the
table says what "achieved" means: the grading tiers (分级分档) and how they are judged,
in 绩效指标描述 / 指标解释. Without it the self-evaluation has nothing to score against.

A description counts as missing when it is absent or blank, only punctuation, a
placeholder (``无``, ``-``, ``待定``: the ``placeholders`` lexicon), or identical to the
三级 name. The last case is also PT-D02 (an info on every row); here it is a warning because
for a qualitative target a copied name leaves the target impossible to score. The finding
is on the description when there is one, otherwise on the row.

Source: qualitative targets must be graded (分级分档; 财政支出绩效评价管理暂行办法 as adopted
locally, S5; 财预〔2021〕101号); three-tier scoring of qualitative indicators in
self-evaluation (财预〔2020〕10号); 指标值说明 required by budget systems (S30).

Fails: ``target: 效果明显``, no ``description``.
Passes: ``target: 效果明显``, ``description: 反映……；效果明显指…，一般指…，较差指…``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from perfctl.i18n import N_, _
from perfctl.lint import NodePath, Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import plain
from perfctl.model import Indicator, Project

CODE = "PT-D01"
NAME = "qualitative-without-description"
SEVERITY = "warning"


def _missing(ind: Indicator, placeholders: set[str]) -> str | None:
    """The finding's message (a catalog id, not yet translated) when the row's description does
    not count as one, or ``None`` when it does."""
    text = plain(ind.description or "")
    if not text:
        return N_("qualitative target {target!r} has no 绩效指标描述; expected a description that says what "
                  "achieving it means, with graded tiers (e.g. 达到 / 基本达到 / 未达到 and how each is judged)")
    if all(unicodedata.category(c)[0] in "PS" for c in text) or text in placeholders:
        return N_("qualitative target {target!r} has a placeholder for 绩效指标描述 ({description!r}); expected a "
                  "description that says what achieving it means, with graded tiers (e.g. 达到 / 基本达到 / 未达到 "
                  "and how each is judged)")
    if text == plain(ind.name):
        return N_("qualitative target {target!r} has a 绩效指标描述 that only repeats the name; expected a "
                  "description that says what achieving it means, with graded tiers (e.g. 达到 / 基本达到 / 未达到 "
                  "and how each is judged)")
    return None


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    placeholders = {plain(w) for w in ctx.words("placeholders")}
    for i, ind in enumerate(project.indicators):
        if ind.parsed.kind != "qualitative":
            continue
        message = _missing(ind, placeholders)
        if message is None:
            continue
        node: NodePath = ("indicators", i, "description") if ind.description is not None else ("indicators", i)
        yield Problem(node, _(message).format(target=ind.target, description=ind.description))
