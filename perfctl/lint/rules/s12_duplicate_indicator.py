"""PT-S12 duplicate-indicator: the same 三级指标 name twice in one table.

Each indicator should be measured once. A repeated name either sets two targets for one
thing (which one counts at year end?) or is a copy-paste slip that hides a missing
indicator. Names are compared after removing spaces and unifying full-width characters.
Reported on every repetition after the first.

Source: heuristic (one indicator, one 指标值; review criterion 绩效指标明确性,
财预〔2020〕10号 annex).

Fails: ``培训人次 ≥500人次`` and ``培训人次 ≥600人次`` in one table.
Passes: ``培训人次`` and ``培训合格率``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, nfkc
from perfctl.model import Project

CODE = "PT-S12"
NAME = "duplicate-indicator"
SEVERITY = "warning"

_SPACES = re.compile(r"\s+")


def _key(name: str) -> str:
    return _SPACES.sub("", nfkc(name))


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for i, ind in enumerate(project.indicators):
        key = _key(ind.name)
        if not key:
            continue
        j = first.setdefault(key, i)
        if j != i:
            seen = project.indicators[j]
            if seen.line:
                message = _("三级指标 {name!r} also appears at line {line} ({level1}/{level2}); measure each "
                            "indicator once").format(name=ind.name.strip(), line=seen.line, level1=seen.level1,
                                                     level2=seen.level2)
            else:
                message = _("三级指标 {name!r} also appears at row {row} ({level1}/{level2}); measure each "
                            "indicator once").format(name=ind.name.strip(), row=j + 1, level1=seen.level1,
                                                     level2=seen.level2)
            yield Problem(("indicators", i, "name"), message)
