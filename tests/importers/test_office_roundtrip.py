"""The seed projects written as Word, Excel, web-page and PDF files import back to data/ (issue 12).

Each file is built once per module by :mod:`officefiles` from the projects in data/ and named
``tianjin-ftz-2025-project-targets.<ext>``. ``source.document`` names the file imported, so
the one line ``document: tianjin-ftz-2025-project-targets.txt`` of data/ reads
``document: <that file's name>``; every other byte is data/'s.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, run_perfctl
from officefiles import SEED_STEM, load_seed, write_docx, write_html, write_pdf, write_xls, write_xlsx

SEED_DOCUMENT = f"document: {SEED_STEM}.txt\n"
SEED_FILES = sorted(p.relative_to(DATA) for p in DATA.rglob("*.yaml"))

#: case → (reader expected, file ending, writer, writer options)
CASES = {
    "docx": ("docx", ".docx", write_docx, {}),
    "xlsx": ("xlsx", ".xlsx", write_xlsx, {}),
    "xls": ("xls", ".xls", write_xls, {}),
    "html": ("html", ".html", write_html, {}),
    "html-gbk": ("html", ".html", write_html, {"charset": "gbk", "title_tag": "p", "cell_p": True}),
}
#: Further layouts departments use: a table in a content control with w:gridBefore rows; 二级指标
#: not merged (as the seed's .docx prints it); header block and indicators as two tables (as the
#: seed's .docx holds them); all tables stacked on one sheet.
VARIANTS = {
    "docx-sdt-gridbefore": ("docx", ".docx", write_docx, {"sdt": 2, "grid_before": True}),
    "docx-level2-unmerged": ("docx", ".docx", write_docx, {"merge_level2": False}),
    "docx-split": ("docx", ".docx", write_docx, {"split": True}),
    "xlsx-one-sheet": ("xlsx", ".xlsx", write_xlsx, {"one_sheet": True}),
    "xls-one-sheet": ("xls", ".xls", write_xls, {"one_sheet": True}),
    "pdf": ("pdf", ".pdf", write_pdf, {}),
}

@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    projects = load_seed()
    root = tmp_path_factory.mktemp("seed-office")
    out = {}
    for case, (_, ext, writer, options) in {**CASES, **VARIANTS}.items():
        (root / case).mkdir()
        out[case] = writer(projects, root / case / f"{SEED_STEM}{ext}", **options)
    return out


def expected(rel: Path, document: str, *, modeline: bool) -> str:
    """data/'s file ``rel`` as imported from ``document``: its one ``document:`` line renamed."""
    text = (DATA / rel).read_text(encoding="utf-8")
    assert text.count(SEED_DOCUMENT) == 1
    text = text.replace(SEED_DOCUMENT, f"document: {document}\n")
    return text if modeline else text.split("\n", 1)[1]


def run_pipeline(path: Path) -> tuple[str, list, list]:
    """The file through the import's own entry point (:func:`perfctl.importers.pipeline.import_file`:
    bounded read, detection, reader, recognizer): (reader name, projects, every note)."""
    from perfctl.importers.pipeline import Options, import_file

    result = import_file(path, Options(year=2025))
    assert result.error is None, result.error
    return result.format, [imported.project for imported in result.projects], result.all_notes


def seed_order() -> list[Path]:
    return [p.path.relative_to(DATA) for p in load_seed()]


@pytest.mark.parametrize("case", [*CASES, *VARIANTS])
def test_pipeline_gives_data_byte_for_byte(files, case):
    from perfctl import model, yamlio

    path = files[case]
    reader, projects, notes = run_pipeline(path)
    assert reader == {**CASES, **VARIANTS}[case][0]
    assert [str(n) for n in notes] == []
    got = [yamlio.dump(model.to_data(p)) for p in projects]
    assert got == [expected(rel, path.name, modeline=False) for rel in seed_order()]


@pytest.mark.parametrize("case", list(CASES))
def test_cli_import_writes_data_byte_for_byte(files, case, tmp_path):
    path = files[case]
    r = run_perfctl("import", path, "--into", tmp_path, "--year", "2025")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.yaml"))
    assert made == SEED_FILES
    for rel in made:
        assert (tmp_path / rel).read_text(encoding="utf-8") == expected(rel, path.name, modeline=True), rel


def test_pdf_target_wrapped_over_three_lines_comes_back_whole(files):
    _, projects, _ = run_pipeline(files["pdf"])
    assert [i.target for i in projects[2].indicators] == [
        "≥15次", "≥8篇", "≥90%", "≤48小时", "≤3万元", "审核并出具法律意见书，确保自贸办出台政策不违反法律规定", "≥85%"]
