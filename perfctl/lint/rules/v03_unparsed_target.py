"""PT-V03 unparsed-target: a target that is not a quantity, a date, a duration, a range or words.

A 指标值 has to be comparable with the year-end result, so it must read as an operator with
a number and unit (``≥50人``), a deadline (``2025年12月前``), a duration (``≤48小时``), a
range, or a qualitative word. A value the target grammar cannot read (``完成3个项目``,
``N/A``, ``2025年13月前``) is reported with the grammar's reason. A value that only points
elsewhere (``详见方案``; words of the ``references`` lexicon in
``perfctl/lexicons/values.yaml``) states no target either. Empty values, placeholders and
operator errors have their own rules (PT-V01, PT-V02, PT-V04).

Severity: error, except for a sentence that carries a figure (``严格按照预算标准1000元/人给
补助对象兑付补助``: at least :data:`SENTENCE` Chinese characters and a digit). Such a value
may well state the target in words a reviewer accepts; the rule cannot tell, so it is a
warning that says so.

Source: 财预〔2021〕101号 (量化易评: values quantified, measurable, checkable);
财预〔2015〕88号 (细化量化).

Fails: ``target: 完成3个项目``; ``target: 详见方案``.
Passes: ``target: ≥3个``; ``target: 2025年12月前``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.fileio import CJK
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import operator_problem
from perfctl.model import Project
from perfctl.target import parse

CODE = "PT-V03"
NAME = "unparsed-target"
SEVERITY = "error"
#: Chinese characters from which an unread value with a digit is taken for a sentence.
SENTENCE = 8


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        if not ind.target.strip() or ctx.is_placeholder(ind.target):
            continue
        t = parse(ind.target)
        if t.kind == "unparsed" and operator_problem(t) is None and _sentence(ind.target):
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} reads as a sentence with a figure in it, which the target grammar "
                            "does not read; if the figure is the target, write it alone (≥1000元/人) and keep the "
                            "sentence in 指标解释 (description)").format(target=ind.target), severity="warning")
        elif t.kind == "unparsed" and operator_problem(t) is None:
            yield Problem(("indicators", i, "target"),
                          _("target {target!r} cannot be read ({reason}); write an operator, number and unit "
                            "(≥50人), a date (2025年12月前), a duration (≤48小时) or a graded word").format(
                              target=ind.target, reason=_(t.reason) if t.reason else ""))
        elif t.kind == "qualitative":
            ref = next((w for w in ctx.words("references") if w in t.canonical), None)
            if ref is not None:
                yield Problem(("indicators", i, "target"),
                              _("target {target!r} points elsewhere ({word}) instead of stating a value; "
                                "write the target itself (≥50人, 2025年12月前)").format(target=ind.target, word=ref))


def _sentence(text: str) -> bool:
    """Whether an unread value is a sentence carrying a figure (see the module docstring)."""
    return len(CJK.findall(text)) >= SENTENCE and any(c.isdigit() for c in text)
