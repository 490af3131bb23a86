"""PT-V02 placeholder: a target that still holds a template placeholder (``≥**人``, ``待定``, ``-``).

Indicator libraries write ``**`` or ``xx`` where the number is to be filled in (``≥**人``,
``**月**日前``), and unfinished tables put ``-``, ``/``, ``无`` or ``待定`` in the value
column: the table went out before its targets were set; ``perfctl new`` writes ``待定``
until the analyst sets one. A value is a placeholder when it is one of the ``placeholders``
or ``todo`` lexicons, is made only of their one-character entries (``--``, ``-/-``), or
contains a marker of the ``placeholder_markers`` lexicon (all in
``perfctl/lexicons/placeholders.yaml``, extensible under ``lint.lexicons``). A range such
as ``80%-90%`` is not a placeholder, nor is a ``*`` between two Chinese characters, the
multiplication sign of a unit (``≥530元/人*月``).

Source: value checks of a provincial budget system (no ``*``, ``_`` or a lone ``-`` in a
value; rules.md S30) and indicator-library templates (S29); review criterion 完整性
(财预〔2015〕88号).

Fails: ``target: ≥**人``; ``target: 待定``; ``target: '-'``.
Passes: ``target: ≥500人次``; ``target: 80%-90%``; ``target: ≥530元/人*月``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.model import Project

CODE = "PT-V02"
NAME = "placeholder"
SEVERITY = "error"

def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if ctx.is_placeholder(ind.target):
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} is a placeholder, not a value; fill in the 指标值 "
                            "(≥500人次, ≥95%, 2025年11月30日前)").format(target=ind.target))
