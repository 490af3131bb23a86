"""Errors that reach the user as ``file:line:col: message`` and exit code 2."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """Bad input the user can fix: a file that does not parse or breaks the format.

    ``line`` and ``col`` are 1-based; either may be ``None`` when no position is known.
    ``path`` is the file as the user named it (``None`` for stdin or non-file input).
    """

    message: str
    path: str | Path | None = None
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = [str(self.path)] if self.path is not None else []
        if self.line is not None:
            where.append(str(self.line))
            if self.col is not None:
                where.append(str(self.col))
        prefix = ":".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class UsageError(Exception):
    """A command was called with options that cannot work together (exit 2)."""
