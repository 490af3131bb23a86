"""PT-Q04 qualitative-share: too many of a table's targets are words.

Targets should be quantified wherever possible (量化易评); qualitative ones are the
exception. When the share of qualitative targets among the rows with a value is above the
store's ``qualitative_share_cap`` (percent, default 50), the table as a whole cannot be
checked at year end. Reported once per table, on the indicator list.

Source: 财预〔2021〕101号 (量化易评); 财预〔2015〕88号 (细化量化); the cap is a heuristic
profile setting.

Fails: 6 of 8 targets in words (75% > 50%).
Passes: 1 of 7 targets in words.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import ngettext
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project
from perfctl.target import parse

CODE = "PT-Q04"
NAME = "qualitative-share"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    valued = [ind for ind in project.indicators if ind.target.strip() and not ctx.is_placeholder(ind.target)]
    words = sum(1 for ind in valued if parse(ind.target).kind == "qualitative")
    cap = ctx.threshold("qualitative_share_cap")
    if valued and Decimal(words * 100) / len(valued) > cap:
        share = round(Decimal(words * 100) / len(valued))
        yield Problem(("indicators",),
                      ngettext("{words} of {total} target ({share}%) is in words, more than the cap of {cap}%; "
                               "quantify more of them (a number with a unit, a rate or a date)",
                               "{words} of {total} targets ({share}%) are in words, more than the cap of {cap}%; "
                               "quantify more of them (a number with a unit, a rate or a date)", len(valued))
                      .format(words=words, total=len(valued), share=share, cap=cap))
