"""Readers that turn source files into grids (:mod:`perfctl.importers.grid`), one per format.

Each reader is a module here exposing:

- ``NAME``: the format name ``--format`` takes (``docx``);
- ``EXTENSIONS``: file name endings it usually has (``(".docx",)``);
- ``TITLE``: one line for ``--help``;
- ``sniff(path: Path, head: bytes) -> bool``: whether the file looks like this format, from
  its first bytes (up to 8 KiB) and, where the signature is shared (a zip, an OLE2
  container), a cheap look at its structure (the zip's member names);
- ``read(path: str, data: bytes) -> list[Grid]``: every table in the file, in document
  order. Raises :class:`~perfctl.errors.InputError` naming the file (and the position when
  one is known) when the file cannot be read as this format or holds nothing to import
  (a scanned PDF, a password-protected workbook); never another exception for bad input.

:data:`READERS` is the registry (name → module path, imported on first use so that the
office libraries load only in the runs that read such a file). :func:`detect` picks the
reader by content: magic bytes first, then structure; the extension only breaks ties.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from perfctl.errors import InputError
from perfctl.i18n import _

#: format name → module, in the order :func:`detect` tries them.
READERS: dict[str, str] = {
    "docx": "perfctl.importers.docx",
    "xlsx": "perfctl.importers.xlsx",
    "xls": "perfctl.importers.xls",
    "pdf": "perfctl.importers.pdf",
    "html": "perfctl.importers.html",
    "text": "perfctl.importers.text",
}

#: Bytes read for sniffing.
HEAD = 8192


def reader(name: str) -> ModuleType:
    """The reader module registered as ``name``; raises ``KeyError`` for an unknown name."""
    return importlib.import_module(READERS[name])


def detect(path: str | Path, head: bytes) -> str:
    """The name of the reader for a file whose first bytes are ``head``.

    Binary formats are recognised by their signature (a zip holding ``word/document.xml`` or
    ``xl/workbook.xml``, an OLE2 file holding a ``Workbook``, ``%PDF-``), HTML by its markup,
    anything else that decodes is text. Raises :class:`InputError` for an empty file and for a
    binary file that is none of these, saying what it is where that is known: another zip, a
    password-protected Office file, a Word 97-2003 ``.doc``, an image.
    """
    if not head:
        raise InputError(_("the file is empty (0 bytes); nothing to import"), path)
    from perfctl.importers import containers

    binary = head.startswith((containers.ZIP_MAGIC, containers.OLE2_MAGIC))
    for name in READERS:
        if binary and name == "text":
            break
        if reader(name).sniff(Path(path), head):
            return name
    refused = containers.refusal(path, head)
    if refused is not None:
        raise refused
    if not head.strip() and len(head) < HEAD:
        raise InputError(_("the file holds only white space; nothing to import"), path)
    if not binary:  # text that does not decode: the decoder says where and why (NUL bytes at 1:5)
        reader("text").decode(head, path)
    raise InputError(_("not a format perfctl can import: expected a Word (.docx), Excel (.xlsx, .xls), "
                       "PDF or HTML file, or text"), path)


@dataclass(frozen=True, slots=True)
class Note:
    """Something the import could not take as printed: a warning for the user.

    ``where``: the source position (:meth:`Grid.where`, ``"t.docx: table 2, row 7, col 4"``).
    ``code``: a stable id (``IMP-W03``) for scripts. ``message``: the text in the user's
    language (:func:`perfctl.i18n._`), formatted from the arguments.
    """

    where: str
    code: str
    message: str

    def __str__(self) -> str:
        from perfctl.errors import located

        return located(self.where, self.message)
