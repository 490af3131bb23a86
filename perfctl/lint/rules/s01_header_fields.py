"""PT-S01 header-fields: a header field of the table is blank or missing.

The header of a target table names the project (项目名称, equal to the budget project's
name), the department (部门), the money (预算数 in 单位 元 or 万元, split into 财政资金 and
其他资金) and the 绩效目标. The file schema already requires the keys; this rule reports
what it lets through: a 项目名称 or 部门名称 of spaces only, no 绩效目标 at all (key missing,
empty list, or only blank texts), a 项目名称 or 预算规模及资金用途 still holding a ``todo``
placeholder (``待填写``, as ``perfctl new`` writes), and a budget without 财政资金. The last
is a warning: the sum check (PT-B01) cannot run, but the total itself is stated. A missing
预算规模及资金用途 (``purpose``) is not reported: many forms do not have it.

Source: the header of the target table form (财预〔2015〕88号 annex) and its filling notes
(项目名称 equal to the budget project; funds split by source); review criterion 完整性.

Fails: ``goals: []``; ``name: ' '``; ``purpose: 待填写``; a ``budget`` without ``fiscal``.
Passes: the header of ``tests/lint/base.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import N_, _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-S01"
NAME = "header-fields"
SEVERITY = "error"

#: The header texts that may still hold the ``todo`` placeholder, and what is said then.
_TODO = (("name", N_("项目名称 is still the placeholder {value!r}; fill it in")),
         ("purpose", N_("预算规模及资金用途 is still the placeholder {value!r}; fill it in")))


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    if not project.name.strip():
        yield Problem(("name",), _("项目名称 is blank; write the budget project's name"))
    if not project.department.name.strip():
        yield Problem(("department", "name"), _("部门名称 is blank; write the name of the 主管部门 / 预算部门"))
    if not any(goal.strip() for goal in project.goals):
        yield Problem(("goals",), _("绩效目标 is missing; state what the money achieves this year under goals:"))
    for key, message in _TODO:
        value = getattr(project, key)
        if value and ctx.is_todo(value):
            yield Problem((key,), _(message).format(value=value))
    if project.budget.fiscal is None and project.budget.total is not None:  # a department table may state no money
        yield Problem(("budget", "fiscal"), _("财政资金 is missing; split 预算数 into fiscal (财政资金) and other (其他资金)"),
                      severity="warning")
