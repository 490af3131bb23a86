"""PT-C06 cost-side-effect: a 社会成本 or 生态环境成本 row that describes a benefit or is vague.

Under 财预〔2021〕101号, 社会成本指标 and 生态环境成本指标 are the harm a project does to
society or the environment (traffic disruption, noise, land taken, emissions), set where
relevant and limited with a value (``≤3天``, ``≤0.5吨``). A row that names a benefit
(``对当地文物保护、文化传承影响``, ``提升博物馆绿化水平``) is misfiled and belongs under
效益指标; a row whose value is a direction word (``长远``, ``提升``) sets no limit. Benefit
words are the ``benefit`` lexicon, direction words the ``vague`` lexicon; both are data
files a store can extend (``lint.lexicons.benefit``, ``lint.lexicons.vague``). A benefit
word in the name is reported on the name; otherwise a vague value on the value.

Source: 财预〔2021〕101号 (definitions of 社会成本 and 生态环境成本); published defects
in the 甘肃 2023 provincial table (S20).

Fails: ``社会成本指标/对当地文物保护、文化传承影响 | 长远``.
Passes: ``社会成本指标/施工期间周边道路临时封闭天数 | ≤3天``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level2_of
from perfctl.model import Project

CODE = "PT-C06"
NAME = "cost-side-effect"
SEVERITY = "warning"

SIDE_EFFECTS = ("社会成本指标", "生态环境成本指标")


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    benefit = ctx.words("benefit")
    vague = set(ctx.words("vague"))
    for i, ind in enumerate(project.indicators):
        if level2_of(ind.level2) not in SIDE_EFFECTS:
            continue
        t = ind.parsed
        word = next((w for w in benefit if w in ind.name), None)
        if word is not None:
            yield Problem(("indicators", i, "name"),
                          _("{level2} row {name!r} describes a benefit ({word!r}); a social or ecological cost "
                            "is a harm the project causes, limited with a value; file benefits under 效益指标")
                          .format(level2=ind.level2, name=ind.name, word=word))
        elif t.kind == "qualitative" and (t.canonical in vague or any(w in t.canonical for w in benefit)):
            yield Problem(("indicators", i, "target"),
                          _("{level2} target {target!r} is a direction, not a limit; expected a bound on the "
                            "harm (≤ number with unit) or a graded word defined in 绩效指标描述")
                          .format(level2=ind.level2, target=ind.target))
