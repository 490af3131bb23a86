"""``perfctl import`` of perfctl's own export (perfctl/importers/exported.py): the seed store back
byte for byte from the JSON, what the CSV carries, detection by content, and refusals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import DATA, run_perfctl
from perfctl import export, model, store, yamlio
from perfctl.authoring import safewrite
from perfctl.commands import import_
from perfctl.importers import exported

SEED = store.document_order(store.load_all([DATA])[0])
JSON_TEXT = export.to_json(SEED)
CSV_TEXT = export.to_csv(SEED)
HEADER = list(export.CSV_COLUMNS)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_json_export_of_the_seed_store_imports_back_byte_for_byte(tmp_path):
    r = run_perfctl("export", DATA, "--format", "json", "--output", tmp_path / "seed.json")
    assert r.returncode == 0, r.stderr
    r = run_perfctl("import", tmp_path / "seed.json", "--into", tmp_path / "store")
    assert r.returncode == 0, r.stderr
    assert "imported 4 projects from 1 file" in r.stderr
    assert files(tmp_path / "store") == files(DATA)  # the four projects and the schema copy
    assert len(files(DATA)) == 5


def test_the_csv_export_with_a_byte_order_mark_imports_back_all_it_carries(tmp_path):
    r = run_perfctl("export", DATA, "--format", "csv", "--output", tmp_path / "seed.csv")
    assert r.returncode == 0, r.stderr
    raw = (tmp_path / "seed.csv").read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):  # a CSV file carries one (for Excel); this one too, whatever export does
        (tmp_path / "seed.csv").write_bytes(b"\xef\xbb\xbf" + raw)
    r = run_perfctl("import", tmp_path / "seed.csv", "--into", tmp_path / "store")
    assert r.returncode == 1, r.stderr  # imported, with the warning that the CSV holds no goals
    assert "no purpose, goals, midterm goals, goals_actual or source" in r.stderr and "[IMP-W-CSV]" in r.stderr
    assert "0 fully, 1 with warnings, 0 refused" in r.stderr
    got = files(tmp_path / "store")
    assert got[".perfctl/project.schema.json"] == (DATA / ".perfctl/project.schema.json").read_bytes()
    for project in SEED:  # the CSV has no purpose, goals or source: the rest is the same
        assert project.purpose and project.goals and project.source
        project = model.load(project.path)
        project.purpose, project.goals, project.source = None, [], None
        rel = project.path.relative_to(DATA)
        expected = safewrite.with_modeline(yamlio.dump(model.to_data(project)), tmp_path / "store" / rel, tmp_path / "store")
        assert got[rel.as_posix()] == expected.encode("utf-8")
    assert len(got) == 5


def test_rows_are_gathered_by_path_in_any_order_and_crlf_is_read(tmp_path):
    lines = CSV_TEXT.splitlines()
    shuffled = [lines[0], *lines[:0:-1]]  # rows upside down, as a spreadsheet sort leaves them
    (tmp_path / "x.csv").write_text("\r\n".join(shuffled) + "\r\n", encoding="utf-8", newline="")
    rc = import_.run([tmp_path / "x.csv"], tmp_path / "store")
    assert rc == 1  # IMP-W-CSV: imported, with the warning that the CSV holds no goals
    written = model.load(next((tmp_path / "store").rglob("自贸区法律服务经费.yaml")))
    original = next(p for p in SEED if p.name == "自贸区法律服务经费")
    assert [i.name for i in written.indicators] == [i.name for i in original.indicators][::-1]
    assert written.budget == original.budget


def test_one_record_on_its_own_imports(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps(json.loads(JSON_TEXT)[2], ensure_ascii=False), encoding="utf-8")
    assert import_.run([tmp_path / "one.json"], tmp_path / "store") == 0
    [written] = (tmp_path / "store").rglob("*.yaml")
    assert written.read_bytes() == (DATA / "389101/2025/自贸区法律服务经费.yaml").read_bytes()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_bare_number_with_a_unit_comes_back_as_written(tmp_path, fmt):
    # export's target.text is the 指标值 as the file writes it, a bare number with a 计量单位 too
    # ('15' in 次): the file comes back byte for byte (the CSV's without purpose, goals and source)
    rel = "389101/2025/自贸区法律服务经费.yaml"
    text = (DATA / rel).read_text(encoding="utf-8")
    text = text.replace("    target: ≥15次\n", "    target: '15'\n    unit: 次\n")
    text = text.replace("    target: ≥85%\n", "    target: ≥85%\n    op: ≥\n    unit: '%'\n")
    if fmt == "csv":
        text = text[:text.index("purpose:")] + "goals: []\n" + text[text.index("indicators:"):text.index("source:")]
    (tmp_path / "src" / rel).parent.mkdir(parents=True)
    (tmp_path / "src" / rel).write_text(text, encoding="utf-8")
    out = tmp_path / f"x.{fmt}"
    r = run_perfctl("export", tmp_path / "src", "--output", out)
    assert r.returncode == 0, r.stderr
    assert ('"text": "15",' if fmt == "json" else ",15,quantity,") in out.read_text(encoding="utf-8-sig")
    r = run_perfctl("import", out, "--into", tmp_path / "store")
    assert r.returncode == (1 if fmt == "csv" else 0), r.stderr  # IMP-W-CSV
    assert (tmp_path / "store" / rel).read_bytes() == text.encode("utf-8")
    row = model.load(tmp_path / "store" / rel).indicators[0]
    assert (row.target, row.unit, row.parsed.value, row.parsed.unit) == ("15", "次", "15", "次")


@pytest.mark.parametrize("head, kind", [
    (JSON_TEXT, "export-json"),
    (json.dumps(json.loads(JSON_TEXT)[0]), "export-json"),  # one record, ASCII-escaped
    ("[]\n", "export-json"),
    (CSV_TEXT, "export-csv"),
    ("\ufeff" + CSV_TEXT, "export-csv"),
    (",".join(HEADER[:5] + HEADER[6:]) + "\n", "export-csv"),  # a column missing: still the export, refused later
    ("[1, 2]\n", None),
    ('{"lint": []}\n', None),
    ("项目名称,预算数,指标值\n自贸区法律服务经费,30000.00,≥15次\n", None),
    ((DATA.parent / "tests/importers/fixtures/seed/tianjin-ftz-2025-project-targets.txt").read_text(encoding="utf-8"), None),
])
def test_detection_by_content(head, kind):
    assert exported.detect(head.encode("utf-8")[:8192]) == kind


def _write_csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _csv(edit) -> str:
    rows = list(csv.reader(io.StringIO(CSV_TEXT)))
    edit(rows)
    return _write_csv(rows)


def _cell(edit, row: int, column: str) -> str:
    """``line:col`` of a cell of the edited seed CSV (its rows are one line each): the text
    written before the cell, plus one."""
    rows = list(csv.reader(io.StringIO(CSV_TEXT)))
    edit(rows)
    before = _write_csv([rows[row][: HEADER.index(column)] + [""]]).rstrip("\n")
    return f"{row + 1}:{len(before) + 1}"


def _json(edit) -> str:
    records = json.loads(JSON_TEXT)
    edit(records)
    return json.dumps(records, ensure_ascii=False, indent=2)


def _set(row: int, column: str, value: str):
    def edit(rows):
        rows[row][HEADER.index(column)] = value
    return edit


def _drop_column(column: str):
    def edit(rows):
        i = HEADER.index(column)
        for row in rows:
            del row[i]
    return edit


def _at(text: str, needle: str, skip: int = 0) -> str:
    """``line:col`` of ``needle``, found once in ``text`` (``skip`` characters into it)."""
    assert text.count(needle) == 1
    at = text.index(needle) + skip
    return f"{text[:at].count(chr(10)) + 1}:{at - text.rfind(chr(10), 0, at)}"


YEAR_JSON = _json(lambda r: r[2].update(year="2025年"))
LEVEL_JSON = _json(lambda r: r[0]["indicators"][1].update(level1=5))
UNKNOWN_JSON = _json(lambda r: r[0].update(bugdet={}))
_YEARS = lambda rows: [row.__setitem__(HEADER.index("year"), "2025年") for row in rows[1:]]  # noqa: E731
_TOTALS = lambda rows: [row.__setitem__(HEADER.index("budget.total"), "3e5") for row in rows[1:]]  # noqa: E731


BAD = [  # (file name, text, message, "line:col" or "line" or "")
    ("syntax.json", '[\n  {"path": "x.yaml",\n   "name": }\n]\n', "invalid JSON: Expecting value", "3:12"),
    ("year.json", YEAR_JSON, "year: expected integer, got string '2025年'", _at(YEAR_JSON, '"2025年"')),
    ("level.json", LEVEL_JSON, "indicators[1].level1: expected string, got integer '5'",
     _at(LEVEL_JSON, '"level1": 5', len('"level1": '))),
    ("amount.json", _json(lambda r: r[1]["budget"].update(total="3,000.00")), "budget.total: string '3,000.00' is not an amount", ""),
    ("unknown.json", UNKNOWN_JSON, "unknown key 'bugdet' in the document; did you mean 'budget'?",
     _at(UNKNOWN_JSON, '"bugdet"')),
    ("duplicate.json", '[{"path": "a", "name": "x", "name": "y"}]', "duplicate key 'name'", "1:29"),
    ("item.json", '[{"path": "a"}, 3]', "expected a project record (a JSON object", "1:17"),
    ("target.json", _json(lambda r: r[0]["indicators"][0].update(target={"kind": "quantity"})),
     'indicators[0].target: expected {"text": …}', ""),
    ("empty.json", "[]\n", "the export holds no project", ""),
    ("missing.csv", _csv(_drop_column("budget.total")), "missing column 'budget.total'", "1"),
    ("typo.csv", _csv(lambda rows: rows[0].__setitem__(3, "yeer")), "unknown column 'yeer': not a column of perfctl export --format csv; did you mean 'year'?", "1:38"),
    ("short.csv", _csv(lambda rows: rows[2].pop()), f"{len(HEADER) - 1} cells in this row, {len(HEADER)} in the header", "3"),
    ("year.csv", _csv(_YEARS), "year: expected integer, got string '2025年'", _cell(_YEARS, 1, "year")),
    ("amount.csv", _csv(_TOTALS), "budget.total: string '3e5' is not an amount", _cell(_TOTALS, 1, "budget.total")),
    ("points.csv", _csv(_set(2, "weight", "1,5")), "indicators[1].weight: string '1,5' is not a number of points",
     _cell(_set(2, "weight", "1,5"), 2, "weight")),
    ("level.csv", _csv(_set(4, "level1", "")), "column level1 is empty", _cell(_set(4, "level1", ""), 4, "level1")),
    ("repeat.csv", _csv(_set(3, "budget.total", "1.00")), "column budget.total is '1.00' here but '200000.00' on line 2",
     _cell(_set(3, "budget.total", "1.00"), 3, "budget.total")),
    ("header.csv", ",".join(HEADER) + "\n", "the export holds no project", ""),
]


@pytest.mark.parametrize("name, text, message, where", BAD, ids=[b[0] for b in BAD])
def test_bad_exports_are_refused_naming_the_file_and_position(tmp_path, capsys, name, text, message, where):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    assert import_.run([source], tmp_path / "store") == 2
    err = capsys.readouterr().err
    assert f"{source}:{where}" in err and message in err, err
    assert "Traceback" not in err
    assert not list((tmp_path / "store").rglob("*.yaml"))


@pytest.mark.parametrize("name", ["syntax.json", "level.json", "missing.csv"])
def test_the_command_exits_2_without_a_traceback(tmp_path, name):
    text = next(b[1] for b in BAD if b[0] == name)
    (tmp_path / name).write_text(text, encoding="utf-8")
    r = run_perfctl("import", tmp_path / name, "--into", tmp_path / "store")
    assert r.returncode == 2
    assert r.stderr.startswith(f"{tmp_path / name}:") and "Traceback" not in r.stderr


def test_a_year_option_that_disagrees_is_refused(tmp_path, capsys):
    (tmp_path / "seed.json").write_text(JSON_TEXT, encoding="utf-8")
    assert import_.run([tmp_path / "seed.json"], tmp_path / "store", year=2024) == 2
    assert "--year 2024 disagrees with the year 2025" in capsys.readouterr().err


def test_two_records_of_one_project_are_named_by_their_place_in_the_export(tmp_path, capsys):
    # not by source.position, the table of the document the store was imported from
    (tmp_path / "e.json").write_text(_json(lambda records: records.append(records[2])), encoding="utf-8")
    assert import_.run([tmp_path / "e.json"], tmp_path / "store") == 2
    target = tmp_path / "store/389101/2025/自贸区法律服务经费.yaml"
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{tmp_path / 'e.json'}: two projects would be written to {target}: {tmp_path / 'e.json'}, project 3 "
        f"(自贸区法律服务经费) and {tmp_path / 'e.json'}, project 5 (自贸区法律服务经费); one project, one file")
    assert not list((tmp_path / "store").rglob("*.yaml"))
