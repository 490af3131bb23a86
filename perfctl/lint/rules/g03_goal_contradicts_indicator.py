"""PT-G03 goal-contradicts-indicator: a figure in the 绩效目标 disagrees with the indicator.

The goal and the indicators describe the same year's work, so a figure stated in the goal
(``培训500人``) should be the value of the indicator that measures it (``培训人数 ≥500人``).
When the goal says 500 and the indicator 50, one of them is wrong, and the project is
scored against the indicator.

How it matches: each number with a unit in a goal (dates left out; ``10万人`` is 100000
人; money compared in yuan) is set against the indicators whose target has the same unit
and whose name shares a run of at least 2 characters with the words before the number
(``培训合格率达到95%`` → ``培训合格率``). If one of them has the same value, all is well;
otherwise the disagreement with the closest one is reported on the goal. A figure with
no such indicator is not reported: the rule cannot tell what it counts.

Source: 财预〔2015〕88号 review criterion 相关性 (indicators linked to the target);
heuristic for the matching.

Fails: goal ``2025年培训基层干部500人`` with indicator ``培训人数 ≥50人``.
Passes: goal ``2025年完成基层干部培训500人次`` with indicator ``培训人次 ≥500人次``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lexicons import units
from perfctl.lint import Problem
from perfctl.lint.context import Context, nfkc
from perfctl.model import Indicator, Project

CODE = "PT-G03"
NAME = "goal-contradicts-indicator"
SEVERITY = "warning"

_DATE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?"
                   r"|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月(?=[底末前份初中])")
_BREAK = re.compile(r"[，,。；;、：:（）()【】\s\d]")
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*([万亿])?")
_MULTIPLIER = {"万": Decimal(10000), "亿": Decimal(100000000)}
#: Fewest characters an indicator name must share with the words before a figure to be the one meant.
MIN_SHARED = 2


@dataclass(frozen=True)
class Figure:
    """A number with a unit written in a goal; ``value`` in yuan for money."""

    text: str
    context: str
    value: Decimal
    unit: str


@lru_cache(maxsize=1)
def _unit_names() -> list[str]:
    u = units()
    return sorted({*u.count, *u.time, *u.ratio, *u.money}, key=len, reverse=True)


@lru_cache(maxsize=1)
def _unit_at() -> re.Pattern[str]:
    """Matches the first of :func:`_unit_names` (longest first) that starts at a position."""
    return re.compile("|".join(map(re.escape, _unit_names())))


def figures(goal: str) -> Iterator[Figure]:
    """The numbers with units in ``goal`` and the words before each (back to the last break)."""
    s = _DATE.sub("，", nfkc(goal))
    unit_at, money = _unit_at(), units().money
    for m in _NUMBER.finditer(s):
        found = unit_at.match(s, m.end())
        unit = found.group() if found else None
        if unit is None or s.startswith("/", m.end() + len(unit)):
            continue
        value = Decimal(m.group(1).replace(",", ""))
        mult = m.group(2)
        if mult and unit in money:
            continue  # 10万万元 is not a way of writing money
        if mult:
            value *= _MULTIPLIER[mult]
        if unit in money:
            value, unit = value * money[unit], "元"
        start = max((b.end() for b in _BREAK.finditer(s, 0, m.start())), default=0)
        yield Figure(s[m.start():m.end() + len(unit)], s[start:m.start()], value, unit)


def _values(ind: Indicator) -> tuple[str, list[Decimal]] | None:
    """The indicator's unit (money as 元) and its number(s), or ``None`` when it has no number with a unit."""
    t = ind.parsed
    if t.kind not in ("quantity", "duration", "range") or not t.unit or t.unit == "date" or "/" in t.unit:
        return None
    numbers = [Decimal(v) for v in (t.value, t.high) if v is not None]
    factor = units().yuan_factor(t.unit)
    if factor is not None:
        return "元", [n * factor for n in numbers]
    return t.unit, numbers


def _shared(a: str, b: str) -> int:
    """Length of the longest run of characters ``a`` and ``b`` have in common."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _meant(fig: Figure, measured: list[tuple[Indicator, str, list[Decimal]]]) -> list[tuple[Indicator, list[Decimal]]]:
    """The indicators in the figure's unit whose names share words with it, closest first."""
    scored = [(_shared(fig.context, ind.name), n, ind, nums)
              for n, (ind, unit, nums) in enumerate(measured) if unit == fig.unit]
    return [(ind, nums) for score, _n, ind, nums in sorted(scored, key=lambda x: (-x[0], x[1])) if score >= MIN_SHARED]


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    measured = None  # worked out at the first figure: most goals have none
    for g, goal in enumerate(project.goals):
        for fig in figures(goal):
            if measured is None:
                measured = [(ind, *v) for ind in project.indicators if (v := _values(ind)) is not None]
            meant = _meant(fig, measured)
            if not meant or any(fig.value in nums for _ind, nums in meant):
                continue
            ind = meant[0][0]
            yield Problem(("goals", g),
                          _("goal says {figure} but indicator {name!r} targets {target}; the goal and the indicator "
                            "should state the same figure").format(figure=fig.context + fig.text, name=ind.name,
                                                                   target=ind.target))
