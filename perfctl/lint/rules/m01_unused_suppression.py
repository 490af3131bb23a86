"""PT-M01 unused-suppression: a ``# perfctl: ignore[…]`` comment that suppresses nothing.

A suppression comment whose rule no longer reports anything on that line is stale: the
problem was fixed or moved. Remove it, so that it does not hide a later finding.

Source: perfctl's own suppression syntax (see README, "Suppressing a finding").

Fails: ``target: ≥80%  # perfctl: ignore[PT-Q01]`` (nothing vague there).
Passes: ``target: 有效提升  # perfctl: ignore[PT-Q01]``.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfctl.i18n import _
from perfctl.lint import Problem
from perfctl.lint.suppress import ALL, Suppressions

CODE = "PT-M01"
NAME = "unused-suppression"
SEVERITY = "warning"


def check_unused(sup: Suppressions) -> Iterator[Problem]:
    for line, col, code in sup.unused():
        message = (_("suppression of every rule matches no finding on this line; remove it") if code == ALL
                   else _("suppression of {code} matches no finding on this line; remove it").format(code=code))
        yield Problem((), message, at=(line, col))
