"""``perfctl import`` as a user runs it: folders, batches with bad files, dry runs, exit codes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from conftest import CORPUS, DATA, SEED, run_perfctl

SEED_FILES = sorted(p.relative_to(DATA) for p in DATA.rglob("*.yaml"))


def _same_as_data(store: Path) -> None:
    made = sorted(p.relative_to(store) for p in store.rglob("*.yaml"))
    assert made == SEED_FILES
    for rel in made:
        assert (store / rel).read_bytes() == (DATA / rel).read_bytes(), rel


def test_batch_with_bad_files_imports_the_good_one(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / SEED.name).write_bytes(SEED.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "not an office file")
    (src / "fake.docx").write_bytes(buf.getvalue())
    (src / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a supported ending: passed over
    r = run_perfctl("import", src, "--into", tmp_path / "store", "--year", "2025")
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert f"{src / 'empty.txt'}: the file is empty (0 bytes); nothing to import" in r.stderr
    assert f"{src / 'fake.docx'}: a zip archive, but not a Word or Excel file" in r.stderr
    assert f"  refused   {src / 'empty.txt'}: refused (the file is empty (0 bytes); nothing to import)" in r.stderr
    assert r.stderr.rstrip().endswith("into " + str(tmp_path / "store") + ": 1 fully, 0 with warnings, 2 refused; "
                                      "1 file of other kinds passed over")
    _same_as_data(tmp_path / "store")


def test_second_run_leaves_files_alone_and_dry_run_writes_nothing(tmp_path):
    store = tmp_path / "store"
    first = run_perfctl("import", SEED, "--into", store, "--year", "2025")
    assert first.returncode == 0, first.stderr
    _same_as_data(store)
    again = run_perfctl("import", SEED, "--into", store, "--year", "2025")
    assert again.returncode == 0 and again.stderr.count("unchanged") == 4
    dry = run_perfctl("import", SEED, "--into", tmp_path / "other", "--year", "2025", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert not (tmp_path / "other").exists()
    assert dry.stdout.count("项目名称") == 4 and "≥50人" in dry.stdout and "自贸区法律服务经费" in dry.stdout
    assert "would import 4 projects from 1 file" in dry.stderr


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    r = run_perfctl("import", big, "--into", tmp_path / "store")
    assert r.returncode == 2
    assert f"{big}: file is 50 MB; perfctl reads files to import up to 20 MB" in r.stderr
    assert not (tmp_path / "store").exists()


def test_forced_format_that_does_not_fit_is_refused(tmp_path):
    r = run_perfctl("import", SEED, "--into", tmp_path / "store", "--format", "xlsx")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert str(SEED) in r.stderr
    bad = run_perfctl("import", SEED, "--into", tmp_path / "store", "--format", "odt")
    assert bad.returncode == 2 and "'odt' is not one of: docx, xlsx, xls, pdf, html, text" in bad.stderr


def test_missing_source_is_an_error(tmp_path):
    r = run_perfctl("import", tmp_path / "nope.docx", "--into", tmp_path / "store")
    assert r.returncode == 2
    assert f"{tmp_path / 'nope.docx'}: no such file or folder" in r.stderr


def test_corpus_file_with_warnings_exits_1_and_marks_rows(tmp_path):
    src = CORPUS / "02-suixi-mzj-2019-temp-relief-self-eval-cell-per-line.txt"
    r = run_perfctl("import", src, "--into", tmp_path / "store")
    assert r.returncode == 1, r.stderr
    [written] = list((tmp_path / "store").rglob("*.yaml"))
    text = written.read_text(encoding="utf-8")
    assert "# review (待复核):" in text
    assert ": warning: " in r.stderr and "[IMP-W-" in r.stderr


def test_each_unreadable_file_is_refused_with_exit_2_and_the_rest_imported(tmp_path):
    import readerfiles as rf

    from officefiles import load_seed, write_docx, write_xlsx

    src = tmp_path / "in"
    src.mkdir()
    projects = load_seed()
    good = write_docx(projects, src / "good.docx")
    xlsx = write_xlsx(projects, tmp_path / "plain.xlsx")
    (src / "protected.docx").write_bytes(rf.encrypt(good.read_bytes()))
    (src / "protected.xlsx").write_bytes(rf.encrypt(xlsx.read_bytes()))
    (src / "scan.pdf").write_bytes(rf.shapes_pdf())
    refusals = {
        "protected.docx": "password-protected Office file; save it without a password first",
        "protected.xlsx": "password-protected Office file; save it without a password first",
        "scan.pdf": "the PDF has no text layer (a scan?); it needs OCR first",
    }
    for name, message in refusals.items():
        alone = run_perfctl("import", src / name, "--into", tmp_path / "alone", "--year", "2025")
        assert alone.returncode == 2 and "Traceback" not in alone.stderr
        assert f"{src / name}: {message}" in alone.stderr
    assert not (tmp_path / "alone").exists()
    batch = run_perfctl("import", src, "--into", tmp_path / "store", "--year", "2025")
    assert batch.returncode == 2 and "Traceback" not in batch.stderr
    assert "1 fully, 0 with warnings, 3 refused" in batch.stderr
    assert len(list((tmp_path / "store").rglob("*.yaml"))) == 4


def test_department_code_option_must_be_a_code(tmp_path):
    for bad in ("教育局", "../../etc", "430 301"):
        r = run_perfctl("import", SEED, "--into", tmp_path / "store", "--department-code", bad)
        assert r.returncode == 2
        assert "a 部门编码 is letters and digits only, such as 389101" in r.stderr
    assert not (tmp_path / "store").exists()


def test_the_same_table_from_a_renamed_file_is_unchanged_and_collisions_name_both_tables(tmp_path):
    store = tmp_path / "store"
    assert run_perfctl("import", SEED, "--into", store, "--year", "2025").returncode == 0
    renamed = tmp_path / "v2.txt"
    renamed.write_bytes(SEED.read_bytes())
    again = run_perfctl("import", renamed, "--into", store, "--year", "2025")
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("(the same table, imported before from another file)") == 4
    _same_as_data(store)
    twice = tmp_path / "twice.txt"
    twice.write_text(SEED.read_text(encoding="utf-8") * 2, encoding="utf-8")
    r = run_perfctl("import", twice, "--into", tmp_path / "other", "--year", "2025")
    assert r.returncode == 2
    assert (f"two tables would be written to "
            f"{tmp_path / 'other' / '389101' / '2025' / '第四届京津冀自贸试验区联席活动项目.yaml'}: "
            f"'第四届京津冀自贸试验区联席活动项目' ({twice}, table 1) and '第四届京津冀自贸试验区联席活动项目' ({twice}, table 5); "
            "one project, one file") in r.stderr


def test_a_review_reason_with_line_breaks_stays_one_comment():
    from perfctl import model, yamlio
    from perfctl.commands.import_ import with_review

    project = model.load(DATA / "389101" / "2025" / "自贸区法律服务经费.yaml")
    text = with_review(yamlio.dump(model.to_data(project)), {1: "cells\nrun: together\n  - x"})
    assert "  # review (待复核): cells run: together - x\n  - level1: 产出指标\n    level2: 数量指标\n    name: 形成专业意见" in text
    assert yamlio.parse(text, "t.yaml").data == yamlio.parse(yamlio.dump(model.to_data(project)), "t.yaml").data
