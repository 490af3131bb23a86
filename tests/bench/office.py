"""``render --format docx|xlsx`` against python-docx / openpyxl writing the same cells: the goal of
issue 17 (≤ 1.5×).

On a synthetic store (:func:`synth.make_store`; one document per department and year, 1,000
projects make 388 documents):

- the baseline writes every form with the library alone. Word (:func:`baseline_docx`):
  ``Document()``, each paragraph with ``add_paragraph``, each table with ``add_table`` in the
  "Table Grid" style, each cell's text set (through ``table.rows[r].cells``, read once per row,
  not the quadratic ``table.cell(r, c)``), the spans merged with ``cell.merge``; no other
  styling, no page setup. Excel (:func:`baseline_xlsx`): one sheet per section, paragraphs
  one row each (a meta line's parts side by side), each table's cells where the form places
  them, the text as the value, the spans merged; no styles, no print setup;
- :func:`render` runs perfctl's whole path in-process: load, render the layout's HTML, read
  it as a form, write the documents (:func:`perfctl.commands.render.run`, atomic writes included).

The forms the baseline writes are made (load + render + parse) before its clock starts.
Runs alternate, one untimed warm-up of each first; each figure is the median.

Usage: python tests/bench/office.py [--format docx|xlsx] [--projects 1000] [--rounds 3] [--layout tianjin]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from perfctl.office.form import Form, Table  # noqa: E402

#: The goal: perfctl's render at most this many times the baseline.
GOAL = 1.5
#: What the baseline of each format is called in the table.
LIBRARY = {"docx": "python-docx", "xlsx": "openpyxl"}


def forms(store: Path, layout: str | None = None) -> list[tuple[str, Form]]:
    """(``<department code>-<year>``, its form) of every document ``render`` makes of ``store``."""
    from perfctl import render as rendering
    from perfctl import store as stores
    from perfctl.office.form import parse

    env = rendering.environment(rendering.store_templates([store]), layout or rendering.DEFAULT_LAYOUT)
    projects, errors = stores.load_all([store])
    assert not errors, errors[:3]
    return [(f"{d['department']['code']}-{d['year']}", parse(rendering.render_document(env, "document.html.j2", d)))
            for d in rendering.documents(projects)]


def baseline_docx(documents: list[tuple[str, Form]], out: Path) -> None:
    """Write ``out/<stem>.docx`` for each (stem, form) with plain python-docx: text and merges."""
    from docx import Document

    out.mkdir(parents=True, exist_ok=True)
    for stem, form in documents:
        document = Document()
        for block in form.front + [b for section in form.sections for b in section.blocks]:
            if isinstance(block, Table):
                _table(document, block)
            else:
                document.add_paragraph(block.text)
        document.save(str(out / f"{stem}.docx"))


def _table(document: Any, form: Table) -> None:
    table = document.add_table(rows=form.rows, cols=len(form.widths))
    table.style = "Table Grid"
    grid = [row.cells for row in table.rows]  # before merging: a merge leaves other corners in place
    for cell in form.cells:
        grid[cell.row][cell.col].text = cell.text
    for cell in form.cells:
        if cell.rowspan > 1 or cell.colspan > 1:
            grid[cell.row][cell.col].merge(grid[cell.row + cell.rowspan - 1][cell.col + cell.colspan - 1])


def baseline_xlsx(documents: list[tuple[str, Form]], out: Path) -> None:
    """Write ``out/<stem>.xlsx`` for each (stem, form) with plain openpyxl: values and merges only."""
    from openpyxl import Workbook

    out.mkdir(parents=True, exist_ok=True)
    for stem, form in documents:
        wb = Workbook()
        wb.remove(wb.active)
        for n, section in enumerate(form.sections, 1):
            ws = wb.create_sheet(f"表{n}")
            row = 1
            for block in section.blocks:
                if isinstance(block, Table):
                    for c in block.cells:
                        ws.cell(row=row + c.row, column=c.col + 1, value=c.text or None)
                        if c.rowspan > 1 or c.colspan > 1:
                            ws.merge_cells(start_row=row + c.row, start_column=c.col + 1,
                                           end_row=row + c.row + c.rowspan - 1, end_column=c.col + c.colspan)
                    row += block.rows
                else:  # a meta line's parts side by side
                    for k, part in enumerate(block.parts if block.role == "meta" else [block.text], 1):
                        ws.cell(row=row, column=k, value=part)
                    row += 1
        wb.save(out / f"{stem}.xlsx")


def render(store: Path, out: Path, fmt: str, layout: str | None = None) -> None:
    """``perfctl render STORE --format FMT --out OUT [--layout LAYOUT]`` in-process (its
    ``wrote …`` lines on stderr swallowed)."""
    from perfctl.commands import render as command

    with contextlib.redirect_stderr(io.StringIO()):
        code = command.run([store], fmt, out, layout=layout)
    assert code == 0, code


def measure(fmt: str, projects: int = 1000, rounds: int = 3, layout: str | None = None) -> dict[str, Any]:
    """Both timings of ``fmt`` (``docx`` or ``xlsx``) on a fresh store of ``projects`` projects:
    ``{"projects", "documents", "tables", "baseline_s", "perfctl_s", "ratio", "goal", "met"}``
    (medians, in seconds)."""
    write: Callable[[list[tuple[str, Form]], Path], None] = {"docx": baseline_docx, "xlsx": baseline_xlsx}[fmt]
    root = Path(tempfile.mkdtemp(prefix=f"perfctl-bench-{fmt}-"))
    try:
        store = root / "store"
        synth.make_store(store, projects)
        documents = forms(store, layout)
        runs = {"baseline": lambda: write(documents, root / "baseline"),
                "perfctl": lambda: render(store, root / "perfctl", fmt, layout)}
        walls: dict[str, list[float]] = {name: [] for name in runs}
        for r in range(rounds + 1):
            for name, run in runs.items():
                shutil.rmtree(root / name, ignore_errors=True)
                start = time.perf_counter()
                run()
                if r:  # the first round warms up (imports, the libraries' templates)
                    walls[name].append(time.perf_counter() - start)
        base, ours = (statistics.median(walls[name]) for name in runs)
        tables = sum(isinstance(b, Table) for _, form in documents for s in form.sections for b in s.blocks)
        return {"projects": projects, "documents": len(documents), "tables": tables, "baseline_s": base,
                "perfctl_s": ours, "ratio": ours / base, "goal": GOAL, "met": ours / base <= GOAL}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=sorted(LIBRARY), nargs="*", default=sorted(LIBRARY))
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--layout", default=None, help="a built-in layout (default: tianjin)")
    args = parser.parse_args()
    for fmt in args.format:
        f = measure(fmt, args.projects, args.rounds, args.layout)
        print(f"{f['projects']:,} projects, {f['documents']} documents, {f['tables']} tables")
        print(f"  {LIBRARY[fmt]}, same cells and merges  {f['baseline_s']:8.3f} s")
        print(f"  perfctl render --format {fmt}        {f['perfctl_s']:8.3f} s")
        print(f"  ratio {f['ratio']:.2f}× ({'met' if f['met'] else 'MISSED'}: goal ≤ {GOAL}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
