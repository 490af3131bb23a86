"""PT-N05 quality-effect-misfiled: a quality measure under 效益, or an effect measure under 质量.

Quality (质量指标) is how well the outputs are made — 合格率, 验收, 达标率 — and is scored
with the outputs; effects (效益指标) are what changes because of them — 提升率, 受益,
减少. Reviewers and studies name the confusion of the two as a common defect, and it
moves points between 产出 and 效益 in the self-evaluation. Reported, as a hint, for a row
under 效益指标 (and its aliases) whose name contains a ``quality`` word, and for a row
under 质量指标 whose name contains an ``effect`` word (``perfctl/lexicons/quality_effect.yaml``,
extensible under ``lint.lexicons.quality`` and ``lint.lexicons.effect``). A name with words of
both kinds is not judged.

Source: defects in administrative units' targets (quality and benefit confused, S32);
池州 2022 自评表 (S24); the keyword lists are heuristic.

Fails: ``level1: 效益指标``, ``level2: 社会效益指标``, ``name: 设备验收合格率``.
Passes: ``level1: 产出指标``, ``level2: 质量指标``, ``name: 设备验收合格率``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of, level2_of
from perfctl.lint.rows import plain
from perfctl.model import Project

CODE = "PT-N05"
NAME = "quality-effect-misfiled"
SEVERITY = "info"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    quality, effect = ctx.words("quality"), ctx.words("effect")
    benefits = listing(ctx.structure()["效益指标"])
    for i, ind in enumerate(project.indicators):
        name = plain(ind.name)
        q = next((w for w in quality if w in name), None)
        e = next((w for w in effect if w in name), None)
        if (q is None) == (e is None):
            continue
        if q is not None and level1_of(ind.level1.strip()) == "效益指标":
            yield Problem(("indicators", i, "level2"),
                          _("三级指标 {name!r} ({word}) measures quality but is filed under {level1}/{level2}; "
                            "expected 产出指标/质量指标").format(name=ind.name, word=q, level1=ind.level1,
                                                             level2=ind.level2))
        elif e is not None and level2_of(ind.level2.strip()) == "质量指标":
            yield Problem(("indicators", i, "level2"),
                          _("三级指标 {name!r} ({word}) measures an effect but is filed under 质量指标; expected "
                            "效益指标 with one of: {categories}").format(name=ind.name, word=e, categories=benefits))
