"""PT-G02 vague-goal: a goal made of direction words, with no number or date.

A goal such as ``进一步提高服务水平`` says which way things should move but not what will
be delivered or how far, so nobody can tell at year end whether it was reached (the
"模糊化" defect of reviews). Reported per goal entry when it uses a word of the ``vague``
lexicon (``perfctl/lexicons/vague.yaml``, extensible under ``lint.lexicons.vague``) and
holds no figure: no digit, and no Chinese numeral with a unit (``两场``, ``三个月``).

Whether a goal "names an output" cannot be told from the words alone, so a goal that
names its output (``通过召开联席活动，进一步提升影响力``) but no figure is reported too:
give the output its number (``召开联席活动1场，邀请参会人员50人``).

Source: 财预〔2015〕88号 (targets 细化量化); practitioner analysis of target defects
(模糊化 / 形式化 / 孤立化).

Fails: ``goals: [进一步提高服务水平，有效改善营商环境。]``.
Passes: ``goals: [2025年完成基层干部培训500人次，培训合格率达到95%以上，学员履职能力提升率达到80%。]``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lexicons import units
from perfctl.lint import Problem
from perfctl.lint.context import Context, nfkc
from perfctl.model import Project

CODE = "PT-G02"
NAME = "vague-goal"
SEVERITY = "warning"

_CN_NUMERAL = "[一二三四五六七八九十百千万两半]+"


def _has_figure(text: str) -> bool:
    if re.search(r"\d", nfkc(text)):
        return True
    return _numeral_with_unit().search(text) is not None


@lru_cache(maxsize=1)
def _numeral_with_unit() -> re.Pattern[str]:
    u = units()
    names = sorted({*u.count, *u.time, *u.money}, key=len, reverse=True)
    return re.compile(_CN_NUMERAL + "(?:" + "|".join(map(re.escape, names)) + ")")


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    vague = ctx.words("vague")
    for i, goal in enumerate(project.goals):
        found = {w for w in vague if w in goal}
        if found and not _has_figure(goal):
            longest = {w for w in found if not any(w != other and w in other for other in found)}
            words = listing(sorted(longest, key=goal.index))
            yield Problem(("goals", i),
                          _("goal states direction words ({words}) but no number or date; say what is delivered "
                            "and how much (e.g. 培训500人次, 2025年12月前建成)").format(words=words))
