"""Word and Excel documents of rendered target tables.

A layout is written once, as its HTML template; :mod:`perfctl.office.form` reads the HTML
that template renders into a :class:`~perfctl.office.form.Form` (paragraphs and tables of
placed cells), and the writers turn a form into a file: :mod:`perfctl.office.docx` (python-docx)
and :mod:`perfctl.office.xlsx` (openpyxl). The writers never see HTML; the reader never
sees a writer. :data:`WRITERS` is the registry ``render --format`` reads.
"""

from __future__ import annotations

#: ``render --format`` name → the module under :mod:`perfctl.office` that writes it.
WRITERS = {"docx": "docx", "xlsx": "xlsx"}
