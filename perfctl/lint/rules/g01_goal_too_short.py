"""PT-G01 goal-too-short: the 绩效目标 is too short to say anything, or has an empty entry.

The 绩效目标 (年度目标) describes the outputs and effects the money buys this year, and is
reviewed first for completeness. A goal text of a few characters (``完成任务``) states
nothing a reviewer can check; the goals together should run to at least 15 characters
(punctuation and spaces not counted). An empty entry in a list of goals is an error: the
form prints it as a blank numbered line. A table with no goal text at all is PT-S01's
business.

Source: 财预〔2015〕88号 review criterion 完整性 (target content complete, clear and
explicit); the 事前绩效评估 review item 绩效目标合理性 (goal specific).

Fails: ``goals: [完成任务]`` (warning); ``goals: [2025年完成培训500人次…, '']`` (error).
Passes: ``goals: [2025年完成基层干部培训500人次，培训合格率达到95%以上。]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfctl.i18n import _, ngettext
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-G01"
NAME = "goal-too-short"
SEVERITY = "warning"

#: Fewest characters (letters, digits, CJK; not punctuation) the goals should have together.
MIN_CHARS = 15

_COUNTED = re.compile(r"[\w%]")


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    filled = [g for g in project.goals if g.strip()]
    if not filled:
        return  # PT-S01
    for i, goal in enumerate(project.goals):
        if not goal.strip():
            yield Problem(("goals", i), _("绩效目标 entry {number} is empty; write the goal or remove the entry").format(
                number=i + 1), severity="error")
    length = sum(len(_COUNTED.findall(g)) for g in filled)
    if length < MIN_CHARS:
        goals = "；".join(g.strip() for g in filled)
        yield Problem(("goals",), ngettext(
            "绩效目标 {goals!r} has {n} character; expected at least {least}: say what is delivered, how much, and to "
            "what effect",
            "绩效目标 {goals!r} has {n} characters; expected at least {least}: say what is delivered, how much, and to "
            "what effect", length).format(goals=goals, n=length, least=MIN_CHARS))
