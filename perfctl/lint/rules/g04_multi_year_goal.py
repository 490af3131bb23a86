"""PT-G04 multi-year-goal: the annual 绩效目标 speaks of a multi-year horizon.

The target table is annual: its 绩效目标 says what this year's money achieves. A goal
that talks about ``十四五期间``, ``三年内`` or ``2021-2025年`` pastes the long-term aim
into the annual target, and at year end it can neither be met nor missed. Put the
multi-year aim in the 中期目标 / 实施期目标 and state this year's share. Recognised: words
of the ``horizon`` lexicon (``perfctl/lexicons/horizon.yaml``, extensible under
``lint.lexicons.horizon``), spans of two different years (``2021-2025``,
``2021年至2025年``), and years after the budget year (``到2027年``).

Source: reviews of administrative units' targets (long-term and annual targets mixed up);
the year / mid-term split of targets in 财预〔2015〕88号 and 津财绩效〔2020〕16号 (中长期 vs 年度).

Fails: ``goals: [十四五期间建成自贸区法律服务体系…]``; ``year: 2025`` with ``到2027年…``.
Passes: ``goals: [2025年完成基层干部培训500人次…]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, nfkc
from perfctl.model import Project

CODE = "PT-G04"
NAME = "multi-year-goal"
SEVERITY = "warning"

_YEAR = r"(?<!\d)((?:19|20|21)\d{2})(?!\d)"
_SPAN = re.compile(_YEAR + r"\s*年?\s*(?:-|~|—|–|至|到)\s*" + _YEAR)


def _horizon(goal: str, year: int, words: tuple[str, ...]) -> str | None:
    """What in ``goal`` reaches beyond ``year``: a lexicon word, a year span or a later year."""
    found = next((w for w in words if w in goal), None)
    if found:
        return found
    s = nfkc(goal)
    for m in _SPAN.finditer(s):
        if m.group(1) != m.group(2):
            return m.group(0)
    later = next((m.group(1) for m in re.finditer(_YEAR + r"\s*年", s) if int(m.group(1)) > year), None)
    return f"{later}年" if later else None


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    words = ctx.words("horizon")
    for i, goal in enumerate(project.goals):
        found = _horizon(goal, project.year, words)
        if found:
            yield Problem(("goals", i),
                          _("goal mentions {found!r}, a multi-year horizon, in the {year} annual table; state what "
                            "the {year} money achieves and keep the long-term aim in 中期目标").format(
                              found=found, year=project.year))
