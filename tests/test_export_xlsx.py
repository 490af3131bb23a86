"""perfctl export for spreadsheets: the xlsx workbook opened with openpyxl and checked against
the store, the CSV's byte-order mark (in a file, not on stdout), and the format taken from
the --output suffix, a contradicting one refused."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT, write
from perfctl import store
from perfctl.cli import app
from perfctl.export import CSV_COLUMNS, XLSX_SHEET
from test_export import UNIT_COLUMN

FORMULAS = ROOT / "tests" / "fixtures" / "export" / "formulas.yaml"
BOM = b"\xef\xbb\xbf"
#: The seed store's four projects in document order: (项目名称, 预算数, indicator rows).
SEED = [("第四届京津冀自贸试验区联席活动项目", Decimal("200000.00"), 8), ("自贸改革和制度创新奖评比表彰活动项目", Decimal("30000.00"), 8),
        ("自贸区法律服务经费", Decimal("30000.00"), 7), ("自贸区信息化技术运维项目", Decimal("230000.00"), 6)]
AMOUNTS = ("budget.total", "budget.fiscal", "budget.other")

needs_data = pytest.mark.skipif(not (DATA / "389101" / "2025").is_dir(), reason="bundled store data/ missing")


def export(*args: str | Path) -> tuple[int, bytes, str]:
    """``perfctl export ARGS`` in-process: (exit code, stdout bytes, stderr)."""
    result = CliRunner().invoke(app, ["export", *map(str, args)])
    return result.exit_code, result.stdout_bytes, result.stderr


def sheet(path: Path) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list[dict[str, openpyxl.cell.Cell]]]:
    """The workbook's one sheet and its body rows as {column: cell}."""
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [XLSX_SHEET]
    ws = wb[XLSX_SHEET]
    header = [c.value for c in ws[1]]
    assert tuple(header) == CSV_COLUMNS
    return ws, [dict(zip(header, row)) for row in ws.iter_rows(min_row=2)]


# ---------------------------------------------------------------- xlsx


@needs_data
def test_xlsx_of_the_seed_store_holds_its_figures_as_numbers_and_codes_as_text(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "targets.xlsx"
    code, stdout, err = export("data", "--output", out)  # the format from the suffix
    assert (code, stdout) == (0, b"")
    assert err == f"wrote {out} (4 projects, 29 indicators)\n"
    ws, rows = sheet(out)
    assert ws.freeze_panes == "A2"  # the header row stays in view
    assert all(c.font.bold for c in ws[1])
    assert len(rows) == 8 + 8 + 7 + 6
    projects = store.document_order(store.load_all([Path("data")])[0])
    assert [(p.name, p.budget.total, len(p.indicators)) for p in projects] == SEED
    expected = [(p, ind) for p in projects for ind in p.indicators]
    for row, (p, ind) in zip(rows, expected):
        assert row["path"].value == p.path.as_posix()
        assert (row["department.code"].value, row["department.code"].data_type) == ("389101", "s")
        assert row["department.code"].number_format == "@"
        assert (row["year"].value, row["year"].data_type) == (2025, "n")
        assert row["name"].value == p.name and row["money_unit"].value == "元"
        for column, value in zip(AMOUNTS, (p.budget.total, p.budget.fiscal, p.budget.other)):
            cell = row[column]
            assert cell.data_type == "n" and isinstance(cell.value, (int, float)), column
            assert Decimal(repr(cell.value)) == value, column  # exactly the store's amount
            assert cell.number_format == "0.00"
        assert (row["level1"].value, row["level2"].value, row["indicator"].value) == (ind.level1, ind.level2, ind.name)
        assert row["target.text"].value == ind.target and row["target.text"].number_format == "@"
        assert row["code"].value is None  # no 项目编码 in the seed: an empty cell
    first = rows[0]
    assert (first["budget.total"].value, first["budget.fiscal"].value, first["budget.other"].value) == (200000, 200000, 0)
    cost = next(r for r in rows if r["target.text"].value == "≤8万元")
    assert (cost["target.value"].value, cost["target.value_yuan"].value, cost["target.value_yuan"].data_type) == ("8", 80000, "n")
    widths = {letter: d.width for letter, d in ws.column_dimensions.items()}
    assert widths["B"] == len("department.code") + 2  # the header is the widest cell
    assert widths["C"] == 2 * len("中国（天津）自由贸易试验区管理委员会办公室") + 2  # a Chinese character counts 2
    assert widths["A"] == 50 + 2  # data/389101/2025/第四届京津冀自贸试验区联席活动项目.yaml is 56 wide: capped
    assert all(8 <= w <= 52 for w in widths.values())


def test_xlsx_keeps_wan_yuan_decimals_leading_zeros_and_formula_text(tmp_path):
    text = FORMULAS.read_text(encoding="utf-8").replace(
        "name: =HYPERLINK", "code: '0012345'\nname: =HYPERLINK").replace("fiscal: 1234567.800000", "fiscal: 1234567.123456")
    write(tmp_path, {"p.yaml": text})
    out = tmp_path / "p.xlsx"
    code, _, err = export(tmp_path / "p.yaml", "--format", "xlsx", "-o", out)
    assert code == 0, err
    _, rows = sheet(out)
    assert len(rows) == 5
    first = rows[0]
    assert (first["department.code"].value, first["department.code"].number_format) == ("089101", "@")
    assert (first["code"].value, first["code"].data_type, first["code"].number_format) == ("0012345", "s", "@")
    assert (first["budget.total"].value, first["budget.total"].number_format) == (1234567.8, "0.00")  # 1234567.800000 万元
    assert (first["budget.fiscal"].value, first["budget.fiscal"].number_format) == (1234567.123456, "0.000000")
    assert first["budget.other"].value == 0  # '-0.000000'
    # text that a spreadsheet would run is a text cell, as written (no ' in front: that is the CSV's protection)
    assert (first["name"].value, first["name"].data_type) == ('=HYPERLINK("http://example.com","点击")', "s")
    assert (first["target.text"].value, first["target.op"].value) == ("=100%", "=")
    assert rows[1]["target.text"].value == "-5"  # the 指标值 as written stays text


def test_xlsx_amount_with_no_exact_double_is_still_a_number(tmp_path):
    # 9.13 has no exact double: the file holds 9.130000000000001, which reads back as the double nearest 9.13
    text = FORMULAS.read_text(encoding="utf-8").replace("total: 1234567.800000", "total: 9.130000")
    write(tmp_path, {"p.yaml": text})
    code, _, err = export(tmp_path / "p.yaml", "-o", tmp_path / "p.xlsx")
    assert code == 0, err
    _, rows = sheet(tmp_path / "p.xlsx")
    assert (rows[0]["budget.total"].value, rows[0]["budget.total"].number_format) == (9.13, "0.00")


def test_xlsx_amount_beyond_a_double_is_kept_as_exact_text(tmp_path):
    text = FORMULAS.read_text(encoding="utf-8").replace("total: 1234567.800000", "total: 12345678901234.567891")
    write(tmp_path, {"p.yaml": text})
    code, _, err = export(tmp_path / "p.yaml", "-o", tmp_path / "p.xlsx")
    assert code == 0, err
    _, rows = sheet(tmp_path / "p.xlsx")
    assert (rows[0]["budget.total"].value, rows[0]["budget.total"].data_type) == ("12345678901234.567891", "s")


def test_xlsx_to_stdout_is_refused():
    code, stdout, err = export(FORMULAS, "--format", "xlsx")
    assert (code, stdout) == (2, b"")
    assert "xlsx is a binary workbook, not written to standard output; give --output FILE.xlsx" in err


def test_xlsx_never_replaces_a_file_the_run_reads(tmp_path):
    write(tmp_path, {"p.yaml": FORMULAS.read_text(encoding="utf-8")})
    before = (tmp_path / "p.yaml").read_bytes()
    code, _, err = export(tmp_path / "p.yaml", "--format", "xlsx", "-o", tmp_path / "p.yaml")
    assert code == 2 and "this run reads this file" in err
    assert (tmp_path / "p.yaml").read_bytes() == before


def test_xlsx_replaces_an_old_file_in_one_step(tmp_path):
    out = tmp_path / "p.xlsx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    assert export(FORMULAS, "-o", out)[0] == 0
    assert out.read_bytes()[:2] == b"PK"  # a zip archive: the workbook
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.xlsx"]  # no temporary file left


def test_openpyxl_is_not_imported_at_start():
    code = "import sys, perfctl.cli, perfctl.export, perfctl.commands.export; print('openpyxl' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout == "False\n"


# ---------------------------------------------------------------- CSV byte-order mark


def test_csv_file_starts_with_a_bom_stdout_does_not(tmp_path):
    code, stdout, _ = export(FORMULAS, "--format", "csv")
    assert code == 0 and stdout.startswith(b"path,department.code,")
    out = tmp_path / "t.csv"
    assert export(FORMULAS, "-o", out)[0] == 0  # csv from the suffix
    raw = out.read_bytes()
    assert raw.startswith(BOM + b"path,department.code,")
    assert raw == BOM + stdout  # the same CSV, with its mark
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert (rows[0]["department.code"], rows[0]["budget.total"]) == ("089101", "1234567.800000")  # exact text


def test_bom_option_sets_either(tmp_path):
    out = tmp_path / "t.csv"
    assert export(FORMULAS, "-o", out, "--no-bom")[0] == 0
    assert out.read_bytes().startswith(b"path,")
    code, stdout, _ = export(FORMULAS, "-f", "csv", "--bom")
    assert code == 0 and stdout.startswith(BOM + b"path,")


def test_csv_into_a_pipe_has_no_bom(tmp_path):
    exe = [sys.executable, "-m", "perfctl"]
    r = subprocess.run([*exe, "export", str(FORMULAS), "-f", "csv", "-o", "/dev/stdout"], capture_output=True, cwd=ROOT)
    assert r.returncode == 0 and r.stdout.startswith(b"path,")


def test_bom_with_another_format_is_a_usage_error(tmp_path):
    code, stdout, err = export(FORMULAS, "-o", tmp_path / "t.json", "--bom")
    assert (code, stdout) == (2, b"")
    assert "--bom and --no-bom apply to CSV only, not json" in err
    assert not (tmp_path / "t.json").exists()


# ---------------------------------------------------------------- format from the suffix


@pytest.mark.parametrize(("name", "fmt", "says"), [
    ("x.xlsx", "csv", "xlsx"), ("x.csv", "json", "csv"), ("x.json", "xlsx", "json"), ("X.XLSX", "json", "xlsx"),
])
def test_a_suffix_contradicting_format_is_refused_and_nothing_written(tmp_path, name, fmt, says):
    code, stdout, err = export(FORMULAS, "-o", tmp_path / name, "--format", fmt)
    assert (code, stdout) == (2, b"")
    assert f"--format {fmt} contradicts the output file name {tmp_path / name}, which says {says}" in err
    assert list(tmp_path.iterdir()) == []


def test_the_suffix_chooses_the_format(tmp_path):
    for name in ("a.json", "b.csv", "c.XLSX", "d.txt"):
        assert export(FORMULAS, "-o", tmp_path / name)[0] == 0
    assert (tmp_path / "a.json").read_bytes().startswith(b'[\n  {\n    "path": ')
    assert (tmp_path / "b.csv").read_bytes().startswith(BOM + b"path,")
    assert (tmp_path / "c.XLSX").read_bytes()[:2] == b"PK"
    assert (tmp_path / "d.txt").read_bytes().startswith(b"[\n")  # another suffix: json, as without --output
    assert export(FORMULAS, "-o", tmp_path / "e.txt", "-f", "csv")[0] == 0  # a suffix that names no format: any
    assert (tmp_path / "e.txt").read_bytes().startswith(BOM + b"path,")


def test_xlsx_target_text_is_the_files_own_with_a_unit_column(tmp_path):
    write(tmp_path, {"p.yaml": UNIT_COLUMN})
    code, _, err = export(tmp_path / "p.yaml", "--output", tmp_path / "p.xlsx")
    assert code == 0, err
    _, rows = sheet(tmp_path / "p.xlsx")
    assert [(r["target.text"].value, r["target.text"].data_type, r["target.value"].value, r["target.unit"].value)
            for r in rows] == [("50", "s", "50", "人"), ("≥95%", "s", "95", "%")]
