"""PT-T03 process-timeliness: a 时效 target that is process wording, with no date or rate.

``按时完成``, ``及时``, ``按计划``, ``按月安排``, ``在项目计划完成时间内完成`` say that work is
done on time but not by when, so the target cannot be compared with an actual date at
year end. Give a deadline (``2025年11月30日前``), a duration (``≤30天``, ``≤48小时``) or a
rate (name ``按时完成率``, target ``≥95%``). Applies to 时效指标 rows whose target has no
number and contains a word of the ``process`` lexicon (``perfctl/lexicons/process.yaml``,
extensible in the store config under ``lint.lexicons.process``).

Source: values must be 细化量化 (财预〔2015〕88号) and 量化易评 (财预〔2021〕101号);
process wording in published tables (岳阳楼区 2023 ``按月安排``, S22; 池州 2022 自评表
``在项目计划完成时间内完成``, S24; 天津东丽 2020 report, S26).

Fails: ``level2: 时效指标``, ``name: 提交报告及时性``, ``target: 按时完成``.
Passes: ``level2: 时效指标``, ``name: 报告按时提交率``, ``target: ≥95%``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level2_of
from perfctl.model import Project

CODE = "PT-T03"
NAME = "process-timeliness"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    words = ctx.words("process")
    for i, ind in enumerate(project.indicators):
        t = ind.parsed
        if level2_of(ind.level2.strip()) != "时效指标" or t.kind != "qualitative":
            continue
        text = "".join(ind.target.split())
        found = next((w for w in words if w in text), None)
        if found is not None:
            yield Problem(("indicators", i, "target"),
                          _("时效 target {target!r} says how ({word}) but not when; expected a deadline "
                            "(2025年11月30日前), a duration (≤30天) or a rate (按时完成率 ≥95%)").format(
                              target=ind.target, word=found))
