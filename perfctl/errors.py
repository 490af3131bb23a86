"""Errors that reach the user as ``file:line:col: message`` and exit code 2."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

from perfctl.i18n import N_


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
        return located(prefix, self.message) if prefix else self.message


#: The reasons the OS gives for a failed read or write, as message ids: the C library's English
#: words, so that :func:`os_reason` shows in English what the OS says.
OS_REASONS = {
    errno.EACCES: N_("Permission denied"), errno.EPERM: N_("Operation not permitted"),
    errno.ENOENT: N_("No such file or directory"), errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"), errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"), errno.EFBIG: N_("File too large"), errno.EIO: N_("Input/output error"),
    errno.ENAMETOOLONG: N_("File name too long"), errno.EEXIST: N_("File exists"),
    errno.EBUSY: N_("Device or resource busy"), errno.ELOOP: N_("Too many levels of symbolic links"),
}


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in the user's language: the OS's own text (``exc.strerror``, which
    is English) unless the catalog words its errno."""
    from perfctl.i18n import _

    msgid = OS_REASONS.get(exc.errno or -1)
    if msgid is not None and _(msgid) != msgid:
        return _(msgid)
    return exc.strerror or str(exc)


def located(where: str, message: str) -> str:
    """``where: message``, ``where`` a file, ``file:line:col`` or a position in words (``t.docx:
    表格2，第7行，第4列``); in Chinese a position in words takes a full-width colon (``第4列：…``),
    while a file name or a line number keeps the ``:`` editors and CI read."""
    tail = where.rpartition(": ")[2]
    if not tail.isascii() and "/" not in tail and not _EXTENSION.search(tail):
        from perfctl import i18n

        if i18n.language() == "zh":
            return f"{where}：{message}"
    return f"{where}: {message}"


#: The end of a file name (``.yaml``, ``.docx``) or of a position in lines (``:12``, ``:3:5``).
_EXTENSION = re.compile(r"(?:\.[A-Za-z0-9]{1,5}|:\d+)$")


class UsageError(Exception):
    """A command was called with options that cannot work together (exit 2)."""
