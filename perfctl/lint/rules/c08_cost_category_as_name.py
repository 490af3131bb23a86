"""PT-C08 cost-category-as-name: a cost row whose 三级 name is a category label.

``成本指标/社会成本指标 | 100%`` repeats the category instead of naming a cost: nothing
says what is counted, so the value cannot be checked. Applies to every cost row
(产出指标/成本指标, and 成本指标 with any of its 二级指标); the labels are the 一级 and 二级
names of both frameworks and their aliases (``perfctl/lexicons/categories.yaml``), with or
without the trailing 指标 (``社会成本``).

Source: published table with ``社会成本指标`` as 三级 (S22); 财预〔2021〕101号 (三级指标
are set by the unit to fit the project).

Fails: ``产出指标/成本指标/社会成本指标 | 100%``.
Passes: ``产出指标/成本指标/场地使用费 | ≤12万元``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import NATIONAL_COST, Context, categories, is_cost, level1_of, level2_of
from perfctl.model import Project

CODE = "PT-C08"
NAME = "cost-category-as-name"
SEVERITY = "error"


@lru_cache(maxsize=1)
def _labels() -> frozenset[str]:
    cats = categories()
    names: set[str] = set()
    for structure in cats["profiles"].values():
        for level1, level2s in structure.items():
            names.update([level1, *level2s])
    for aliases in cats["aliases"].values():
        names.update(aliases)
    return frozenset(names | {n.removesuffix("指标") for n in names})


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        cost = is_cost(ind) or level1_of(ind.level1) == "成本指标" or level2_of(ind.level2) in NATIONAL_COST
        if cost and "".join(ind.name.split()) in _labels():
            yield Problem(("indicators", i, "name"),
                          _("cost indicator name {name!r} is a category label; name the cost that is counted "
                            "(人均培训成本, 场地使用费, 施工期间道路封闭天数)").format(name=ind.name))
