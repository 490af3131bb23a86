"""PT-D03 rate-without-formula: a rate indicator whose description gives no formula or denominator.

A rate (``覆盖率 ≥95%``, ``合格比例``) is a numerator over a denominator; unless 绩效指标描述
says which (``计算公式：合格人数/参训人数×100%``, ``合格人数占参训人数的比例``), the
year-end figure can be computed in several ways and the target means little. A name is a
rate when it contains a word of the ``rate_names`` lexicon (率, 比例, 占比, 百分比) after the
words of ``not_rate_names`` (效率, 频率 …) are removed (``perfctl/lexicons/values.yaml``);
a description gives a formula when it contains a word or sign of the ``formula`` lexicon
(计算公式, /, ÷, 除以, 占, 之比 …; ``perfctl/lexicons/formula.yaml``). Each list is
extensible under ``lint.lexicons.<name>``. The finding is on the description, or on the
row when there is none.

Source: 共性指标 catalogues define each rate with its formula (S28); budget systems keep a
计算公式 field per indicator (S30); heuristic.

Fails: ``name: 覆盖率``, ``description: 覆盖率``, ``target: ≥95%``.
Passes: ``name: 培训合格率``, ``description: 计算公式：考核合格人数/参训人数×100%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import NodePath, Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import plain
from perfctl.model import Project

CODE = "PT-D03"
NAME = "rate-without-formula"
SEVERITY = "info"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    rates, not_rates = ctx.words("rate_names"), ctx.words("not_rate_names")
    formula = [plain(w) for w in ctx.words("formula")]
    for i, ind in enumerate(project.indicators):
        name = plain(ind.name)
        for word in not_rates:
            name = name.replace(word, "")
        if not any(w in name for w in rates):
            continue
        description = plain(ind.description or "")
        if any(w in description for w in formula):
            continue
        node: NodePath = ("indicators", i, "description") if ind.description is not None else ("indicators", i)
        yield Problem(node, _("rate indicator {name!r} has no formula or denominator in 绩效指标描述; expected e.g. "
                              "计算公式：合格人数/参训人数×100%, or 合格人数占参训人数的比例").format(name=ind.name))
