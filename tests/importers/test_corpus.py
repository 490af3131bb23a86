"""The nine corpus tables through the text reader and the recognizer, against expectations
written by hand from reading each file (``expected/<file>.yaml``).

An expectation holds the ``options`` the import is given (``year``, ``department_code``),
then either ``refused`` (a part of the refusal's message) or the ``projects`` as the store
writes them, the ``review`` marks (project index → indicator indices) and every warning
(``code``; ``where``: the note's position after the file name, exactly; ``says``, where
given: a part of its message, for warnings that carry figures). Warnings are matched both
ways: each expected one is given, and nothing else is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from perfctl import model, yamlio
from perfctl.errors import InputError
from perfctl.importers import Note, text
from perfctl.importers.grid import Cell, Grid
from perfctl.importers.recognize import Recognized, recognize

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"
EXPECTED = HERE / "expected"
FILES = sorted(CORPUS.glob("*.txt"))


def expectation(path: Path) -> dict[str, Any]:
    return yamlio.parse((EXPECTED / f"{path.stem}.yaml").read_text(encoding="utf-8"), path).data


def run(path: Path, options: dict[str, Any]) -> Recognized:
    return recognize(text.read(path.name, path.read_bytes()), **options)


def all_notes(found: Recognized) -> list[Note]:
    return found.notes + [n for p in found.projects for n in p.notes]


def unmatched(expected: list[dict[str, str]], notes: list[Note], name: str) -> tuple[list[dict[str, str]], list[Note]]:
    """Expected warnings no note matches, and notes no expected warning matches."""
    left = list(notes)
    missing = []
    for want in expected:
        hit = next((n for n in left if n.code == want["code"] and n.where == name + want["where"]
                    and want.get("says", "") in n.message), None)
        if hit is None:
            missing.append(want)
        else:
            left.remove(hit)
    return missing, left


def test_every_corpus_file_has_an_expectation():
    assert len(FILES) == 9
    assert sorted(p.stem for p in EXPECTED.glob("*.yaml")) == [p.stem for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:2])
def test_corpus_file(path):
    want = expectation(path)
    options = want.get("options") or {}
    if "refused" in want:
        with pytest.raises(InputError) as refused:
            run(path, options)
        assert want["refused"] in str(refused.value)
        return
    found = run(path, options)
    got = [model.to_data(p.project) for p in found.projects]
    # The dumped text shows a readable difference and checks the key order too.
    assert yamlio.dump(got) == yamlio.dump(want["projects"])
    assert got == want["projects"]
    review = {i: sorted(p.review) for i, p in enumerate(found.projects) if p.review}
    assert review == {int(k): v for k, v in (want.get("review") or {}).items()}
    missing, extra = unmatched(want.get("notes") or [], all_notes(found), path.name)
    assert not missing and not extra, (missing, [f"{n.code} {n}" for n in extra])


def regrid(grid: Grid, *, per_cell: bool = False) -> Grid:
    """The same cells as an ordered grid: one row per cell (``per_cell``) or rows as they are."""
    cells = [c for row in grid.rows for c in row]
    rows = [[c] for c in cells] if per_cell else [list(row) for row in grid.rows]
    out = Grid(grid.path, grid.part, before=list(grid.before), after=list(grid.after), aligned=False)
    out.rows = [[Cell(c.text, r, k, line=c.line) for k, c in enumerate(row)] for r, row in enumerate(rows)]
    return out


@pytest.mark.parametrize("stem,per_cell", [("02", False), ("14", True), ("17", True)])
def test_the_same_result_from_other_cuts_of_the_same_cells(stem, per_cell):
    """A reader that kept fewer row boundaries (one cell per row) or no columns (an ordered
    grid) gives the same projects and warnings."""
    path = next(p for p in FILES if p.name.startswith(stem))
    want = expectation(path)
    grids = [regrid(g, per_cell=per_cell) for g in text.read(path.name, path.read_bytes())]
    found = recognize(grids, **(want.get("options") or {}))
    assert [model.to_data(p.project) for p in found.projects] == want["projects"]
    missing, extra = unmatched(want.get("notes") or [], all_notes(found), path.name)
    assert not missing and not extra, (missing, [f"{n.code} {n}" for n in extra])
