"""PT-M02 review-mark: a ``# review (待复核): …`` comment is still in the file.

``perfctl new --from`` writes this mark on every indicator row it copied into a new year
(and on ``source:``, and on a goal or purpose that still names the old year), and
``perfctl import`` writes it on rows it could not take as printed. The mark says a person
has yet to read that text: a table that still carries one may go to review unread. Read
what the note points at, fix it if needed, then delete the comment. The finding is at the
comment itself; its message repeats the note. An error: until the mark is gone, nobody has
said the text is right.

Source: perfctl's own review mark (written by ``new --from`` and ``import``); review
criterion 完整性 (财预〔2015〕88号: target content complete, clear and explicit).

Fails: ``- level1: 产出指标  # review (待复核): copied from the 2025 table``.
Passes: the same row once the comment is deleted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfctl.authoring.copy import REVIEW
from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.context import Context
from perfctl.lint.suppress import comments
from perfctl.model import Project

CODE = "PT-M02"
NAME = "review-mark"
SEVERITY = "error"

_MARK = re.compile(re.escape(REVIEW) + r"(?P<note>.*)")


def check(project: Project, ctx: Context) -> Iterator[Problem]:
    text = project.doc.text if project.doc is not None else ""
    if REVIEW not in text:  # most files carry no mark
        return
    for line, col, m in comments(text, _MARK):
        note = m["note"].strip()
        message = (_("review mark left: {note!r} — read what it marks, then delete the comment").format(note=note)
                   if note else _("review mark left — read what it marks, then delete the comment"))
        yield Problem((), message, at=(line, col))
