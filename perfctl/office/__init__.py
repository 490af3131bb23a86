"""Word and Excel documents of rendered target tables.

A layout is written once, as its HTML template; :mod:`perfctl.office.form` reads the HTML
that template renders into a :class:`~perfctl.office.form.Form` (paragraphs and tables of
placed cells), and the writers turn a form into a file: :mod:`perfctl.office.docx` (python-docx)
and :mod:`perfctl.office.xlsx` (openpyxl). The writers never see HTML; the reader never
sees a writer. :data:`WRITERS` is the registry ``render --format`` reads.
"""

from __future__ import annotations

import re

#: ``render --format`` name → the module under :mod:`perfctl.office` that writes it.
WRITERS = {"docx": "docx", "xlsx": "xlsx"}

#: Characters XML 1.0 cannot hold: C0 controls but tab and line breaks, lone surrogates, U+FFFE
#: and U+FFFF (openpyxl's ILLEGAL_CHARACTERS_RE lets the last three through; lxml refuses them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with each character XML cannot hold written visibly (``\\x1b``, ``\\ud800``),
    as ``perfctl show`` prints it: a .docx or .xlsx never loses it silently nor fails to open."""
    return _NOT_XML.sub(_visible, text)


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
