"""PT-S09 output-subtypes: 产出指标 lacks a 数量, 质量 or 时效 row.

Outputs are described by how many (数量指标), how good (质量指标) and by when (时效指标);
a table missing one of them leaves that side of the work without a target. One finding
per missing 二级指标. Tables with no output row at all are PT-S05's business; blank rows
(PT-S10) do not count.

Source: 财预〔2015〕88号 (targets broken down by quantity, quality, time and cost);
财预〔2021〕101号 (产出指标: 数量指标, 质量指标, 时效指标).

Fails: 产出指标 rows under 数量指标 and 质量指标 only (no 时效指标).
Passes: one row each under 数量指标, 质量指标 and 时效指标.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of, level2_of
from perfctl.lint.rows import is_blank_row
from perfctl.model import Project

CODE = "PT-S09"
NAME = "output-subtypes"
SEVERITY = "warning"

SUBTYPES = ("数量指标", "质量指标", "时效指标")


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    present = {level2_of(i.level2) for i in project.indicators
               if level1_of(i.level1) == "产出指标" and not is_blank_row(i, ctx)}
    if not present:
        return
    for subtype in SUBTYPES:
        if subtype not in present:
            yield Problem(("indicators",), _("产出指标 has no {level2} row; expected at least one row each of: {expected}")
                          .format(level2=subtype, expected=listing(SUBTYPES)))
