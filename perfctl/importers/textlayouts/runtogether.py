"""Text whose cells run together (OCR of a scanned table): refused, never guessed at.

OCR text of a table often comes out as long lines of Chinese with nothing between the cells
(``一级指标二级指标三级指标指标目标值产出指标数量指标免费开放天数=300天``). No layout can recover
the columns, and guessing where one cell ends would turn damaged text into figures.
"""

from __future__ import annotations

import re
from functools import lru_cache

from perfctl.errors import InputError
from perfctl.i18n import N_, _
from perfctl.importers.textlayouts import HEADER_WORDS, categories

#: The refusal (a message id: shown as ``_(MESSAGE)``).
MESSAGE = N_("cells run together; no column boundaries to recover (OCR text?)")

#: Shortest stretch without white space in which glued labels count.
_LONG = 40
_GAP = re.compile(r"[\s|]+")


@lru_cache(maxsize=1)
def _glued() -> re.Pattern[str]:
    """Two table labels with nothing between them (``一级指标二级指标``, ``产出指标数量指标``)."""
    words = sorted({*HEADER_WORDS, *categories()}, key=len, reverse=True)
    either = "|".join(map(re.escape, words))
    return re.compile(f"(?:{either})(?:{either})")


def check(lines: list[str], path: str) -> None:
    """Raise :class:`InputError` at the first line of a run-together passage: a stretch of at
    least 40 characters without white space or pipes that holds two table labels glued
    together; the passage starts at the first of the non-blank lines without white space
    right before it."""
    glued = _glued()
    for n, line in enumerate(lines, start=1):
        if any(len(s) >= _LONG and glued.search(s) for s in _GAP.split(line)):
            start = n
            while start > 1 and lines[start - 2].strip() and not _GAP.search(lines[start - 2].strip()):
                start -= 1
            raise InputError(_(MESSAGE), path, start)
