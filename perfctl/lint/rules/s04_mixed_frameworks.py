"""PT-S04 mixed-frameworks: one table uses both the 2015 and the 2021 cost layout.

The 2015 framework files money cost under 产出指标/成本指标; 财预〔2021〕101号 makes
成本指标 a 一级指标 with 经济成本指标, 社会成本指标 and 生态环境成本指标. A table must use
one of them: mixing counts the cost twice in the weights and tells the reviewer the
template was patched. Reported once per table, on the first row of the framework the
table's profile does not use.

Source: 财预〔2015〕88号 (成本指标 under 产出指标) versus 财预〔2021〕101号 (成本指标 as a
一级指标).

Fails: ``产出指标/成本指标/场地使用费`` and ``成本指标/经济成本指标/项目总成本`` in one table.
Passes: only ``产出指标/成本指标`` rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, ngettext
from perfctl.lint import Problem
from perfctl.lint.context import NATIONAL_COST, Context, level1_of, level2_of
from perfctl.model import Indicator, Project

CODE = "PT-S04"
NAME = "mixed-frameworks"
SEVERITY = "warning"


def _old(ind: Indicator) -> bool:
    return level1_of(ind.level1.strip()) == "产出指标" and level2_of(ind.level2.strip()) == "成本指标"


def _new(ind: Indicator) -> bool:
    return level1_of(ind.level1.strip()) == "成本指标" or level2_of(ind.level2.strip()) in NATIONAL_COST


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    old = [i for i, ind in enumerate(project.indicators) if _old(ind)]
    new = [i for i, ind in enumerate(project.indicators) if _new(ind)]
    if not old or not new:
        return
    n_old, n_new = len(old), len(new)
    if ctx.profile == "national-2021":
        if n_new == 1:
            message = ngettext("{old} row files cost under 产出指标/成本指标 (2015 framework) while {new} uses "
                               "成本指标 as a 一级指标 (national-2021); move it to 成本指标/经济成本指标",
                               "{old} rows file cost under 产出指标/成本指标 (2015 framework) while {new} uses "
                               "成本指标 as a 一级指标 (national-2021); move them to 成本指标/经济成本指标", n_old)
        else:
            message = ngettext("{old} row files cost under 产出指标/成本指标 (2015 framework) while {new} use "
                               "成本指标 as a 一级指标 (national-2021); move it to 成本指标/经济成本指标",
                               "{old} rows file cost under 产出指标/成本指标 (2015 framework) while {new} use "
                               "成本指标 as a 一级指标 (national-2021); move them to 成本指标/经济成本指标", n_old)
        yield Problem(("indicators", old[0]), message.format(old=n_old, new=n_new))
    else:
        if n_old == 1:
            message = ngettext("{new} row uses 成本指标 as a 一级指标 (national-2021) while {old} files cost under "
                               "产出指标/成本指标 (legacy-2015); use one framework per table",
                               "{new} rows use 成本指标 as a 一级指标 (national-2021) while {old} files cost under "
                               "产出指标/成本指标 (legacy-2015); use one framework per table", n_new)
        else:
            message = ngettext("{new} row uses 成本指标 as a 一级指标 (national-2021) while {old} file cost under "
                               "产出指标/成本指标 (legacy-2015); use one framework per table",
                               "{new} rows use 成本指标 as a 一级指标 (national-2021) while {old} file cost under "
                               "产出指标/成本指标 (legacy-2015); use one framework per table", n_new)
        yield Problem(("indicators", new[0]), message.format(old=n_old, new=n_new))
