"""Suppressing one finding with a comment on its line.

Syntax: ``# perfctl: ignore[PT-Q01]`` or ``# perfctl: ignore[PT-Q01, PT-D01]`` at the end
of the line the finding is reported on; ``# perfctl: ignore`` without a list suppresses
every finding on that line. A suppression that matches nothing is itself reported
(PT-M01), so stale comments do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_COMMENT = re.compile(r"#\s*perfctl:\s*ignore(?:\[(?P<codes>[^\]]*)\])?")
ALL = "*"


@dataclass
class Suppressions:
    """Suppression comments of one file: line → codes (``*`` for all), and which were used."""

    by_line: dict[int, set[str]] = field(default_factory=dict)
    cols: dict[int, int] = field(default_factory=dict)
    used: set[tuple[int, str]] = field(default_factory=set)

    @classmethod
    def scan(cls, text: str) -> Suppressions:
        """Find the suppression comments in a file's text."""
        sup = cls()
        if "perfctl:" not in text:
            return sup
        for n, col, m in comments(text, _COMMENT):
            codes = {c.strip() for c in (m["codes"] or ALL).split(",") if c.strip()}
            sup.by_line[n] = codes or {ALL}
            sup.cols[n] = col
        return sup

    def suppresses(self, line: int, code: str) -> bool:
        """Whether a finding of ``code`` on ``line`` is suppressed (and mark the comment used)."""
        codes = self.by_line.get(line, set())
        for key in (code, ALL):
            if key in codes:
                self.used.add((line, key))
                return True
        return False

    def unused(self) -> list[tuple[int, int, str]]:
        """(line, col, code) of every suppression that matched no finding."""
        return [(line, self.cols[line], code) for line, codes in sorted(self.by_line.items())
                for code in sorted(codes) if (line, code) not in self.used]


def comments(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
    """The comments of a file's ``text`` that ``pattern`` (starting with ``#``) matches: the
    1-based line and column of the match and the match, at most one per line. A ``#``
    inside a quoted value on the line is not a comment; lines are read one by one (the
    rules and the suppressions read comments this way, not through the YAML parser)."""
    for n, line in enumerate(text.split("\n"), start=1):
        m = pattern.search(line)
        if m is not None and _is_comment(line, m.start()):
            yield n, m.start() + 1, m


def _is_comment(line: str, pos: int) -> bool:
    """Whether ``#`` at ``pos`` starts a YAML comment (not inside a quoted scalar)."""
    before = line[:pos]
    if pos > 0 and not before[-1].isspace():
        return False
    return before.count("'") % 2 == 0 and before.count('"') % 2 == 0
