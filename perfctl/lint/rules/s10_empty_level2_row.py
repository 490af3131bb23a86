"""PT-S10 empty-level2-row: a 二级指标 row with no 三级指标 and no value.

Published tables often keep a row for every 二级指标 of the template and leave the ones
they do not use empty (``效益指标 | 经济效益指标 | (blank) | (blank)``). Such a row sets no
target: it is noise to the reviewer and a zero at self-evaluation. Remove it, or fill in
an indicator and its value. A cell that only holds a placeholder from the ``placeholders``
lexicon (``-``, ``/``, ``无``) counts as blank. Blank rows do not count as indicators for
the completeness rules (PT-S05 … PT-S09, PT-S11).

Source: practice in published tables (湘潭 2023 project table, 岳阳楼区 2023 整体绩效目标表),
where blank 经济效益指标 rows stand beside filled ones; review criterion 完整性
(财预〔2015〕88号).

Fails: ``level2: 经济效益指标``, ``name: ''``, ``target: ''``.
Passes: ``level2: 经济效益指标``, ``name: 带动相关产业增收``, ``target: ≥50万元``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import is_blank_row
from perfctl.model import Project

CODE = "PT-S10"
NAME = "empty-level2-row"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if is_blank_row(ind, ctx):
            yield Problem(("indicators", i),
                          _("{level1}/{level2} row has no 三级指标 and no value; remove the row or fill in "
                            "an indicator and its target").format(level1=ind.level1, level2=ind.level2))
