"""PT-V04 malformed-operator: the operator is doubled, misplaced or contradicted (``%=99百分比``, ``≥≥90%``).

A target has at most one 计算符号 (≥ ≤ = > <), written before the number. Real tables glue
an operator to the unit (``%=99百分比``), write it twice (``≥≥90%``), put it after the number
(``90%≥``) or combine a sign with a word of the opposite direction (``≥90%以下``). Such a
value cannot be compared with the year-end result: error. An operator with a unit spelled
as a word (``=100百分比``, ``≥100百分比``: the ``unit_words`` of
``perfctl/lexicons/values.yaml``) is what a table shows when its 计算符号, 指标值 and 计量单位
columns were run together; it still reads, so it is a warning. A sign and a word of the same
direction (``≥3项以上``) is only redundant; PT-V13 notes it.

Source: malformed values in published provincial tables (rules.md S20, S24); the 计算符号
column of budget systems (S30); 财预〔2021〕101号 (指标性质 ≥, ≤, =).

Fails: ``target: '%=99百分比'``; ``target: ≥90%以下`` (errors); ``target: =100百分比`` (warning).
Passes: ``target: ≥99%``; ``target: 90%以上``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import glued_unit_word, operator_problem
from perfctl.model import Project
from perfctl.target import parse

CODE = "PT-V04"
NAME = "malformed-operator"
SEVERITY = "error"


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = parse(ind.target)
        problem = operator_problem(t)
        if problem is not None:
            yield Problem(("indicators", i, "target"),
                          _("target {target!r}: {problem}; write one operator before the number "
                            "(≥99%, ≤48小时, =1场)").format(target=ind.target, problem=_(problem)))
        elif (word := glued_unit_word(t)) is not None:
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} runs the operator, number and unit word {word!r} together; "
                            "write {standard!r}").format(target=ind.target, word=word, standard=t.canonical),
                          severity="warning")
