"""perfctl lint: the reviewer's checks (完整性、相关性、适当性、可行性) as rules with codes.

A rule is one module in :mod:`perfctl.lint.rules` with ``CODE``, ``NAME``, ``SEVERITY``,
optionally ``PROFILES``, ``NEEDS_BUDGET`` (``True``: the rule checks the money and does not
apply to a department table that states none) and ``RESULTS`` (``True``: the rule checks
year-end self-evaluation results; its findings are kept on rows whose name or target is a
placeholder), a docstring that is its documentation, and a generator
``check(project, ctx)`` yielding :class:`Problem` (or ``check_store(projects)`` for checks
across files, over their headers; or ``check_history(last, project)`` for checks of a table
against last year's table of the same project, :mod:`perfctl.lint.history`). The engine
(:mod:`perfctl.lint.engine`) turns problems into positioned :class:`Finding` objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from perfctl.i18n import N_, _

SEVERITIES = ("error", "warning", "info")
#: The severities as a person reads them (text reports, perfctl rules, perfctl report); json,
#: sarif and github output keep the codes.
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
#: Rank of each severity: higher is more severe.
RANK = {"info": 0, "warning": 1, "error": 2}

NodePath = tuple[str | int, ...]


def severity_word(code: str) -> str:
    """A severity code (``error``, ``warning``, ``info``) in the user's language (an unknown code as it is)."""
    return _(SEVERITY_WORDS[code]) if code in SEVERITY_WORDS else code


@dataclass(frozen=True)
class Problem:
    """What a rule found: the node it concerns (a path into the project file, such as
    ``("indicators", 3, "target")``), the message, optionally a severity other than the
    rule's default, and ``at`` (line, col) for findings that are not about a node (comments)."""

    node: NodePath
    message: str
    severity: str | None = None
    at: tuple[int, int] | None = None


class Finding(NamedTuple):  # a tuple: a large store has hundreds of thousands, made and sorted in bulk
    """A problem placed in a file: 1-based ``line`` and ``col`` of the node, the rule's
    ``code`` and ``name``, its effective ``severity``, and a ``fingerprint`` that stays the
    same while the finding does, even when lines move (for baselines). Immutable."""

    path: str
    line: int
    col: int
    code: str
    name: str
    severity: str
    message: str
    node: NodePath
    fingerprint: str
