"""PT-N01 name-contains-value: the 三级 name repeats the target's number or date.

The name says what is measured, the target how much: ``培训人数`` + ``≥500人``, not
``培训人数达到500人`` + ``500人``. A number in the name must be edited in two places when
the target changes, and the two drift apart. Reported when the name contains the
target's number (or either end of a range) followed by the target's unit (``500人``,
``95%``), or, for a target without a unit, the bare number; for a deadline, when the name
contains the deadline as written. Numbers that are part of a code (``5G``) or an ordinal
(``第4届``) do not count. Qualitative targets are not compared: names legitimately share
words with them (``提升率`` / ``提升``).

Source: heuristic; every template keeps 三级指标 and 指标值 in separate columns
(财预〔2021〕101号 template: name, 指标性质, value, unit).

Fails: ``name: 培训人数达到500人``, ``target: 500人``.
Passes: ``name: 培训人数``, ``target: ≥500人``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, nfkc
from perfctl.model import Project
from perfctl.target import Target

CODE = "PT-N01"
NAME = "name-contains-value"
SEVERITY = "warning"

_NUMBER = re.compile(r"(?<![\d.A-Za-z第])(\d+(?:\.\d+)?)(?![\d.])")


def _plain(text: str) -> str:
    return "".join(nfkc(text).split())


def _repeats(name: str, t: Target) -> bool:
    if t.kind == "deadline":
        return _plain(t.text) in name
    if t.kind not in ("quantity", "duration", "range") or t.unit == "date":
        return False
    values = {Decimal(v) for v in (t.value, t.high) if v is not None}
    for m in _NUMBER.finditer(name):
        rest = name[m.end():]
        unit_follows = rest.startswith(t.unit) if t.unit else not re.match(r"[A-Za-z%‰]", rest)
        if Decimal(m[1]) in values and unit_follows:
            return True
    return False


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if ind.target.strip() and _repeats(_plain(ind.name), ind.parsed):
            yield Problem(("indicators", i, "name"),
                          _("三级指标 name {name!r} repeats the target {target!r}; expected the name to say what is "
                            "measured and the target how much (培训人数 | ≥500人)").format(name=ind.name,
                                                                                        target=ind.target))
