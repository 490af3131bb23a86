"""PT-Q01 vague-target: a target that is only a direction word (有效提升, 明显改善).

Words such as 有效提升, 进一步提高, 明显改善 say which way things should move but not how
far, so at year end nobody can say whether the target was met. Give a level: a number
with a unit (``≥80%``), a date, or a graded word explained in 绩效指标描述. The word list
is the ``vague`` lexicon (``perfctl/lexicons/vague.yaml``), extensible in the store
config under ``lint.lexicons.vague``.

Source: targets must be 细化量化 and qualitative ones graded (分级分档) —
财预〔2015〕88号, 财预〔2021〕101号 (量化易评); review criterion 相关性.

Fails: ``target: 有效提升``.
Passes: ``target: ≥80%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-Q01"
NAME = "vague-target"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    vague = set(ctx.words("vague"))
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if t.kind == "qualitative" and t.canonical in vague:
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} states a direction, not a level; give a number, a date or a graded "
                            "word defined in 绩效指标描述").format(target=ind.target))
