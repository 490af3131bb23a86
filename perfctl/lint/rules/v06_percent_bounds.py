"""PT-V06 percent-bounds: a percentage outside 0–100%, or ``≥100%`` on a rate that cannot exceed it.

A share of a whole (合格率, 覆盖率, 完成率) lies between 0% and 100% (0‰ and 1000‰). A
target outside that range (``120%``, ``80%-110%``), ``>100%`` or ``<0%`` does not fit a
share: error. ``≥100%`` can only be met by exactly 100%, so it reads as boilerplate and
leaves no margin: warning (write ``=100%`` when every case must pass). Growth and change
against a base (增长率, 同比: the ``unbounded_rate_names`` lexicon in
``perfctl/lexicons/values.yaml``) may exceed 100% and are not checked. ``≥100%`` on
satisfaction is PT-A03's business.

Source: impossible bound ``≥100%`` on 委托业务报告合格率 in a published 自评表 (rules.md S24);
财预〔2021〕101号 (合理可行 values).

Fails: ``name: 培训合格率``, ``target: 120%`` (error); ``target: ≥100%`` (warning).
Passes: ``name: 培训合格率``, ``target: ≥95%``; ``name: 收入增长率``, ``target: ≥120%``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of
from perfctl.lint.rows import BOUNDS, target_of
from perfctl.model import Project

CODE = "PT-V06"
NAME = "percent-bounds"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    unbounded = ctx.words("unbounded_rate_names")
    for i, ind in enumerate(project.indicators):
        t = target_of(ind, ctx)
        if t.kind not in ("quantity", "range") or t.unit not in BOUNDS or any(w in ind.name for w in unbounded):
            continue
        whole, u = BOUNDS[t.unit], t.unit
        low = Decimal(t.value or 0)
        values = [low] + ([Decimal(t.high)] if t.high is not None else [])
        if any(v > whole or v < 0 for v in values) or (t.op == ">" and low == whole) or (t.op == "<" and low == 0):
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} does not fit a share, which lies between 0{unit} and {whole}{unit}; "
                            "for growth against a base, name the indicator 增长率").format(
                              target=ind.target, unit=u, whole=whole), severity="error")
        elif t.op == "≥" and low == whole and level1_of(ind.level1) != "满意度指标":
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} on a rate that cannot exceed {whole}{unit} can only be met exactly; "
                            "write ={whole}{unit} if every case must pass, or a level such as ≥98{unit}").format(
                              target=ind.target, unit=u, whole=whole))
