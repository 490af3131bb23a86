"""PT-N02 name-is-category: the 三级 name is a 一级 or 二级 category label.

A row such as ``效益指标/社会效益指标/社会效益指标 | 良好`` repeats the category instead of
naming what is measured, so the value cannot be checked against anything. The labels
are the 一级 and 二级 names of both frameworks (legacy-2015 and national-2021, whatever
the table's profile) and the aliases of real tables (效果指标, 环境效益指标, 服务对象满意度),
from ``perfctl/lexicons/categories.yaml``; spaces are ignored. A label without its
trailing 指标 (``社会效益``, ``质量``) is a generic name, reported by PT-N06.

Source: published table with ``社会成本指标`` and ``社会效益指标`` as 三级 (岳阳楼区 2023,
S22); 财预〔2015〕88号 and 财预〔2021〕101号 (三级指标 are set by the unit to fit the project).

Fails: ``level2: 社会效益指标``, ``name: 社会效益指标``.
Passes: ``level2: 社会效益指标``, ``name: 学员履职能力提升率``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfctl.lint import Problem
from perfctl.lint.context import Context, categories, nfkc
from perfctl.model import Project

CODE = "PT-N02"
NAME = "name-is-category"
SEVERITY = "error"


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Every category label of both frameworks and their aliases ending in 指标 → its level
    (一级指标, 二级指标). A shorter alias (``服务对象满意度``) is also an everyday indicator name;
    names like it are PT-N06's business (generic), not an error here."""
    levels: dict[str, set[str]] = {}
    cats = categories()
    for structure in cats["profiles"].values():
        for level1, level2s in structure.items():
            levels.setdefault(level1, set()).add("一级指标")
            for level2 in level2s:
                levels.setdefault(level2, set()).add("二级指标")
    for key, level in (("level1", "一级指标"), ("level2", "二级指标")):
        for alias in cats["aliases"][key]:
            if alias.endswith("指标"):
                levels.setdefault(alias, set()).add(level)
    return {label: "/".join(sorted(found)) for label, found in levels.items()}


@lru_cache(maxsize=65536)
def plain(name: str) -> str:
    """A name as compared with word lists: NFKC-normalised (full-width forms), spaces removed."""
    return "".join(nfkc(name).split())


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        level = labels().get(plain(ind.name))
        if level is not None:
            yield Problem(("indicators", i, "name"),
                          f"三级指标 name {ind.name!r} is a {level} label, not an indicator; expected a name for what "
                          "is measured (参训学员满意度, 学员履职能力提升率, 培训总成本)")
