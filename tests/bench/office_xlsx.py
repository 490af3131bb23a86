"""``render --format xlsx`` against openpyxl writing the same cells: the goal of issue 17 (≤ 1.5×).

On a synthetic store (:func:`synth.make_store`, one workbook per department and year):

- :func:`baseline` writes every section's cells and merges with plain openpyxl — one sheet
  per section, paragraphs one row each (a meta line's parts side by side), each table's
  cells where the form places them, the text as the value, the spans merged; no styles,
  no print setup;
- :func:`render` runs perfctl's whole path in-process: load, render the layout's HTML,
  read it as a form, write the workbooks (:func:`perfctl.commands.render.run`).

The forms the baseline writes are made (load + render + parse) before its clock starts.
Runs alternate, one untimed warm-up of each first; each figure is the median.

Usage: python tests/bench/office_xlsx.py [--projects 1000] [--rounds 3] [--layout tianjin]
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

from perfctl.office.form import Form, Table  # noqa: E402

#: The goal: perfctl's render at most this many times the baseline.
GOAL = 1.5


def forms(store: Path, layout: str | None = None) -> list[tuple[str, Form]]:
    """(``<department code>-<year>``, its form) of every document ``render`` makes of ``store``."""
    from perfctl import render as rendering
    from perfctl import store as stores
    from perfctl.office.form import parse

    env = rendering.environment(rendering.store_templates([store]), layout or rendering.DEFAULT_LAYOUT)
    projects, errors = stores.load_all([store])
    assert not errors, errors[:3]
    out = []
    for document in rendering.documents(projects):
        html = rendering.render_document(env, "document.html.j2", document)
        out.append((f"{document['department']['code']}-{document['year']}", parse(html)))
    return out


def baseline(documents: list[tuple[str, Form]], out: Path) -> None:
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


def render(store: Path, out: Path, layout: str | None = None) -> None:
    """``perfctl render STORE --format xlsx --out OUT [--layout LAYOUT]`` in-process (its
    ``wrote …`` lines on stderr swallowed)."""
    from perfctl.commands import render as command

    with contextlib.redirect_stderr(io.StringIO()):
        code = command.run([store], "xlsx", out, layout=layout)
    assert code == 0, code


def measure(projects: int = 1000, rounds: int = 3, layout: str | None = None) -> dict[str, Any]:
    """Both timings on a fresh store of ``projects`` projects: ``{"projects", "workbooks",
    "sheets", "baseline_s", "perfctl_s", "ratio", "goal", "met"}`` (medians, in seconds)."""
    root = Path(tempfile.mkdtemp(prefix="perfctl-bench-xlsx-"))
    try:
        store = root / "store"
        synth.make_store(store, projects)
        documents = forms(store, layout)
        runs = {"baseline": lambda: baseline(documents, root / "baseline"),
                "perfctl": lambda: render(store, root / "perfctl", layout)}
        walls: dict[str, list[float]] = {name: [] for name in runs}
        for r in range(rounds + 1):
            for name, run in runs.items():
                shutil.rmtree(root / name, ignore_errors=True)
                start = time.perf_counter()
                run()
                if r:  # the first round warms up
                    walls[name].append(time.perf_counter() - start)
        base, ours = (statistics.median(walls[name]) for name in runs)
        return {"projects": projects, "workbooks": len(documents),
                "sheets": sum(len(form.sections) for _, form in documents), "baseline_s": base,
                "perfctl_s": ours, "ratio": ours / base, "goal": GOAL, "met": ours / base <= GOAL}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--layout", default=None, help="a built-in layout (default: tianjin)")
    args = parser.parse_args()
    f = measure(args.projects, args.rounds, args.layout)
    print(f"{f['projects']:,} projects, {f['workbooks']} workbooks, {f['sheets']} sheets")
    print(f"  openpyxl, same cells and merges  {f['baseline_s']:8.3f} s")
    print(f"  perfctl render --format xlsx     {f['perfctl_s']:8.3f} s")
    print(f"  ratio {f['ratio']:.2f}× ({'met' if f['met'] else 'MISSED'}: goal ≤ {GOAL}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
