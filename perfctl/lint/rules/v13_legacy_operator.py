"""PT-V13 legacy-operator: an operator written full-width, in ASCII or in words (``＞＝90%``, ``不低于90%``).

The grammar reads ``＞＝``, ``>=``, ``≧``, ``不低于``, ``…以上`` and their kin as the standard
计算符号 ≥ ≤ = > <, and says so here: budget systems store the standard sign, and a table
that mixes forms is harder to check by eye. The finding shows the standard form. Signs and
words that contradict each other are PT-V04's business.

Source: operator list of budget systems (≥ ＞ ＝ ＜ ≤ 定性; rules.md S30); 财预〔2021〕101号
(指标性质 ≥, ≤, =).

Fails: ``target: ＞＝90%``; ``target: 不低于90%``.
Passes: ``target: ≥90%``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfctl.i18n import _, listing
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import operator_problem
from perfctl.model import Project
from perfctl.target import Target, parse

CODE = "PT-V13"
NAME = "legacy-operator"
SEVERITY = "info"

#: Operator characters the grammar maps to ≥ ≤ = > < without an operator note of its own.
LEGACY_SIGNS = "＞＜＝≧≦"
#: The grammar's notes for an operator it rewrote (``operator '>=' written as '≥'``, ``'不低于' written as '≥'``).
_OP_NOTE = re.compile(r"(?:operator )?'(?P<form>[^']+)' written as '[≥≤=><]'")


def standard(t: Target) -> str:
    """The target in standard form; a deadline as ``2025年12月前``."""
    if t.kind == "deadline" and t.value is not None:
        parts = [int(p) for p in t.value.split("-")]
        return "".join(f"{n}{u}" for n, u in zip(parts, ("年", "月", "日"))) + ("底前" if len(parts) == 1 else "前")
    return t.canonical


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        t = parse(ind.target)
        if t.kind == "unparsed" or operator_problem(t) is not None:
            continue
        signs = "".join(c for c in ind.target if c in LEGACY_SIGNS)
        forms = [signs] if signs else [m["form"] for n in t.notes if (m := _OP_NOTE.fullmatch(n))]
        if forms:
            shown = listing(repr(f) for f in forms)
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} writes the operator as {written}; write {standard!r}").format(
                              target=ind.target, written=shown, standard=standard(t)))
