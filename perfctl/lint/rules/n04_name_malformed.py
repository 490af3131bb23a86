"""PT-N04 name-malformed: a 三级 name that is empty, a placeholder, only punctuation, or over 100 characters.

Every indicator needs a name that says what is measured. An empty name, a ``todo``
placeholder (``待填写``, as ``perfctl new`` writes), or one that is only ``-``, ``/``, ``*``
or other punctuation, is a placeholder left in the table; a name
of more than 100 characters is a sentence that belongs in 绩效指标描述 (budget systems
reject both). Spaces do not count as characters.

Source: validation in a provincial finance performance system (三级指标 required, names of
only ``-``/``_``/``*`` rejected, at most 100 characters; S30).

Fails: ``name: '-'``; ``name: 待填写``.
Passes: ``name: 培训人次``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.rows import plain
from perfctl.model import Project

CODE = "PT-N04"
NAME = "name-malformed"
SEVERITY = "error"

#: Longest 三级 name a budget system accepts (S30).
MAX_LENGTH = 100


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    for i, ind in enumerate(project.indicators):
        name = plain(ind.name)
        if not name:
            message = _("三级指标 name is empty; expected a name for what is measured (培训人次)")
        elif name in ctx.words("todo"):
            message = _("三级指标 name {name!r} is a placeholder; name what is measured (培训人次)").format(name=ind.name)
        elif all(unicodedata.category(c)[0] in "PS" for c in name):
            message = _("三级指标 name {name!r} is only punctuation; expected a name for what is measured (培训人次)").format(
                name=ind.name)
        elif len(name) > MAX_LENGTH:
            message = _("三级指标 name is {length} characters long, more than {most}; expected a short name, with the "
                        "explanation in 绩效指标描述").format(length=len(name), most=MAX_LENGTH)
        else:
            continue
        yield Problem(("indicators", i, "name"), message)
