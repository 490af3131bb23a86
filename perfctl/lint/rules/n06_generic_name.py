"""PT-N06 generic-name: a 三级 name that says nothing about what is measured.

``工作完成情况``, ``项目效果``, ``社会效益`` fit every project, so the target attached to them
(``良好``) cannot be checked against anything particular. Name the thing counted or
changed (``参训学员履职考核合格率``). Reported when the whole name is a word of the
``generic`` lexicon (``perfctl/lexicons/generic.yaml``, extensible under
``lint.lexicons.generic``) or a category label without its trailing 指标 (``质量``, ``时效``,
``满意度``); full labels (``社会效益指标``) are PT-N02's business. Spaces are ignored.

Source: practitioner analysis of target defects (模糊化 / 形式化, S31); review criterion
相关性 (财预〔2015〕88号: indicators refined and quantified).

Fails: ``level2: 社会效益指标``, ``name: 项目效果``, ``target: 良好``.
Passes: ``level2: 社会效益指标``, ``name: 学员履职能力提升率``, ``target: ≥80%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import labels, plain
from perfctl.model import Project

CODE = "PT-N06"
NAME = "generic-name"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    generic = set(ctx.words("generic")) | {label.removesuffix("指标") for label in labels()}
    generic -= set(labels())
    for i, ind in enumerate(project.indicators):
        if plain(ind.name) in generic:
            yield Problem(("indicators", i, "name"),
                          _("三级指标 name {name!r} is generic; expected a name for what is counted or changed "
                            "(参训学员满意度, 学员履职能力提升率)").format(name=ind.name))
