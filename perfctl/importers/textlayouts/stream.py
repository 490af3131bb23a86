"""Rows from a stream of cells that lost its row breaks: the row width recovered by scoring.

Layouts that give one cell per line or per paragraph print a table's cells left to right,
top to bottom, with nothing between rows. When the table printed every position (merged
cells as empty cells), the row width is fixed and can be found: for each candidate width
the stream is cut into rows and scored (:func:`width`). Lines holding several cells (a
run of ``|||``, the empty cells at a row's end) must end a row and must not straddle two;
the header words 一级指标 / 二级指标 / 三级指标 must share a row; category labels below the
header must stand in its level columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfctl.importers.textlayouts import HEADER_WORDS, LEVEL1_HEADER, categories, label

#: Widest row tried.
MAX_WIDTH = 40


@dataclass(frozen=True, slots=True)
class Token:
    """One cell of the stream: its text, its line, and the cells its line holds (``run``;
    ``bare`` when the line holds only pipes)."""

    text: str
    line: int
    run: int = 1
    bare: bool = False


def width(tokens: list[Token]) -> tuple[int, bool] | None:
    """The best row width for ``tokens`` and whether lines of several cells supported it
    (rather than labels alone); ``None`` when no width is better than none."""
    best: tuple[int, int] | None = None
    texts = [label(t.text) for t in tokens]
    for w in range(2, min(MAX_WIDTH, len(tokens)) + 1):
        runs, labels = _runs(tokens, w), _labels(texts, w)
        if runs is None or labels is None:
            continue
        total = runs + labels
        if total > 0 and (best is None or total > best[0]):
            best = (total, w)
    if best is None:
        return None
    return best[1], (_runs(tokens, best[1]) or 0) > 0


def chunk(tokens: list[Token], w: int) -> list[list[Token]]:
    """``tokens`` cut into rows of ``w`` (the last may be shorter: the text ends mid-row)."""
    return [tokens[i:i + w] for i in range(0, len(tokens), w)]


def _runs(tokens: list[Token], w: int) -> int | None:
    """+1 per line of several cells that ends a row; ``None`` when one straddles two rows."""
    score, i = 0, 0
    while i < len(tokens):
        n = tokens[i].run
        if n > 1:
            first, last = i // w, (i + n - 1) // w
            if first != last:
                return None
            score += (i + n) % w == 0
        i += n
    return score


def _labels(labels: list[str], w: int) -> int | None:
    """+1 per category label (``labels``: the cells as :func:`label` gives them) below the
    header in the header's level columns, -1 per one elsewhere; ``None`` when the header
    words do not share a row."""
    spots = [i for i, text in enumerate(labels) if text in HEADER_WORDS]
    if not spots:
        return 0
    head = labels.index(LEVEL1_HEADER) if LEVEL1_HEADER in labels else spots[0]
    near = [i for i in spots if abs(i - head) < len(HEADER_WORDS)]
    if len({i // w for i in near}) > 1:
        return None
    columns = {head % w, (head + 1) % w}
    known = categories()
    start = (head // w + 1) * w
    return sum(1 if i % w in columns else -1 for i in range(start, len(labels)) if labels[i] in known)
