"""Yardstick for ``perfctl import`` of Word files: python-docx merely opening every .docx under a folder."""

import sys
from pathlib import Path

from docx import Document

for path in sorted(Path(sys.argv[1]).rglob("*.docx")):
    Document(str(path))
