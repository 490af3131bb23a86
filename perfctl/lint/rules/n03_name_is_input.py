"""PT-N03 name-is-input: a 数量 or 效益 indicator that names money or effort put in.

Money spent, staff deployed and materials bought are inputs, not performance: a 数量指标
counts what the project produces (培训人次, 服务次数) and a 效益指标 what changes because of
it. ``数量指标/业务工作支出安排金额 | 28.8万元`` measures the budget itself. Reported for rows
under 数量指标 or 效益指标 (and its aliases) whose name contains a word of the ``inputs``
lexicon (支出, 经费, 资金安排, 拨付金额, 投入金额, 人员投入, 工资, 采购金额;
``perfctl/lexicons/inputs.yaml``, extensible under ``lint.lexicons.inputs``). A name that also
holds an effect word (``effect`` lexicon: 节约, 减少, 下降率 …) measures a change, not an
input (``群众就医支出下降率``), and is not reported. Money under 成本指标 is a cost, not this
rule's business.

Source: local evaluation notice (inputs of money, people and materials are not performance
targets, S33); published table with ``业务工作支出安排金额`` as 数量指标 (岳阳楼区 2023, S22);
review criterion 相关性 (财预〔2015〕88号).

Fails: ``level2: 数量指标``, ``name: 业务工作支出安排金额``, ``target: 28.8万元``.
Passes: ``level2: 数量指标``, ``name: 法律咨询服务次数``, ``target: ≥15次``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context, level1_of, level2_of
from perfctl.lint.rows import plain
from perfctl.model import Project

CODE = "PT-N03"
NAME = "name-is-input"
SEVERITY = "warning"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    inputs, effects = ctx.words("inputs"), ctx.words("effect")
    for i, ind in enumerate(project.indicators):
        if level2_of(ind.level2.strip()) == "数量指标":
            where = "数量指标"
        elif level1_of(ind.level1.strip()) == "效益指标":
            where = "效益指标"
        else:
            continue
        name = plain(ind.name)
        found = next((w for w in inputs if w in name), None)
        if found is not None and not any(w in name for w in effects):
            yield Problem(("indicators", i, "name"),
                          _("三级指标 {name!r} under {category} names an input ({word}), not a result; expected what "
                            "the money produces or changes (培训人次, 服务次数, 受益人数)").format(
                              name=ind.name, category=where, word=found))
