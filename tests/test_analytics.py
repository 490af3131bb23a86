"""export --format parquet and perfctl query: the bundled store's exact figures through
Arrow, Parquet and DuckDB, the same as the JSON export's."""

from __future__ import annotations

import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, GOOD, ROOT, write
from perfctl.cli import app

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")


def cli(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(map(str, args)))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def parquet(tmp_path_factory) -> Path:
    """The bundled store exported as Parquet into the folder ``tables``."""
    folder = tmp_path_factory.mktemp("pq") / "tables"
    code, _, err = cli("export", DATA, "--format", "parquet", "-o", folder)
    assert code == 0, err
    assert err == f"wrote {folder} (4 projects, 29 indicators)\n"
    return folder


def sql(query: str, folder: Path) -> list[tuple]:
    con = duckdb.connect()
    for table in ("projects", "indicators"):
        con.execute(f"create view {table} as select * from read_parquet('{folder / (table + '.parquet')}')")
    return con.sql(query).fetchall()


def test_count_of_the_bundled_store(at_root):
    code, out, err = cli("query", "select count(*) as n from indicators", "data", "--format", "csv")
    assert (code, out, err) == (0, "n\n29\n", "")
    code, out, _ = cli("query", "select count(*) from indicators", "data")
    assert code == 0 and "| 29 " in out and "count_star()" in out


def test_parquet_has_the_json_exports_sums(parquet, at_root):
    code, out, _ = cli("export", "data", "--format", "json")
    records = json.loads(out)
    rows = [i for p in records for i in p["indicators"]]
    total = sum(Decimal(p["budget"]["total"]) for p in records)
    assert total == Decimal("490000.00")
    assert sql("select sum(budget.total), sum(budget_yuan.total), count(*) from projects", parquet) == \
        [(total, total, 4)]
    per_level1 = Counter(i["level1"] for i in rows)
    assert per_level1 == {"产出指标": 21, "效益指标": 4, "满意度指标": 4}
    assert dict(sql("select level1, count(*) from indicators group by 1", parquet)) == per_level1
    numbers = sum(Decimal(i["target"]["value"]) for i in rows
                  if i["target"]["value"] and i["target"]["value"].lstrip("-").replace(".", "", 1).isdigit())
    yuan = sum(Decimal(i["target"]["value_yuan"]) for i in rows if i["target"]["value_yuan"])
    assert (numbers, yuan) == (Decimal(948), Decimal(490000))
    assert sql("select sum(target.value_number), sum(target.value_yuan) from indicators", parquet) == [(numbers, yuan)]
    # the row's reading is the JSON export's, key for key
    first = sql("select target.text, target.kind, target.op, target.value, target.unit, position, name "
                "from indicators where position = 1 order by path limit 1", parquet)
    assert first == [("≥50人", "quantity", "≥", "50", "人", 1, "第四届京津冀自贸试验区联席活动项目")]


def test_decimals_exact_in_wanyuan(tmp_path):
    text = GOOD.replace("money_unit: 元", "money_unit: 万元").replace("'200000.00'", "'80.123456'").replace(
        "other: '0.00'", "other: '0.000000'")
    write(tmp_path, {"s/p.yaml": text})
    code, out, err = cli("query", "select budget.total, budget_yuan.total, money_unit, kind from projects",
                         tmp_path / "s", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == [{"total": "80.123456", "total_2": "801234.56", "money_unit": "万元", "kind": "project"}]
    code, _, err = cli("export", tmp_path / "s", "--format", "parquet", "-o", tmp_path / "out")
    assert code == 0, err
    [(total, type_)] = sql("select budget.total, typeof(budget.total) from projects", tmp_path / "out")
    assert (total, type_) == (Decimal("80.123456"), "DECIMAL(38,6)")


def test_more_places_than_the_column_is_refused(tmp_path):
    write(tmp_path, {"s/p.yaml": GOOD.replace("total: '200000.00'", "total: '200000.0000001'")})
    code, _, err = cli("query", "select 1", tmp_path / "s")
    assert code == 2 and "budget.total 200000.0000001 does not fit the Parquet/SQL column (decimal(38, 6))" in err and "p.yaml" in err


def test_query_json_and_csv(at_root):
    q = "select name, budget.total as total from projects order by budget.total desc limit 2"
    code, out, _ = cli("query", q, "data", "--format", "json")
    assert json.loads(out) == [{"name": "自贸区信息化技术运维项目", "total": "230000.00"},
                               {"name": "第四届京津冀自贸试验区联席活动项目", "total": "200000.00"}]
    code, out, _ = cli("query", q, "data", "-f", "csv")
    assert out == "name,total\n自贸区信息化技术运维项目,230000.00\n第四届京津冀自贸试验区联席活动项目,200000.00\n"


def test_table_aligns_chinese_by_width(at_root):
    from wcwidth import wcswidth

    code, out, _ = cli("query", "select level1, count(*) n from indicators group by 1 order by 1", "data")
    lines = out.splitlines()
    assert code == 0 and "满意度指标" in out
    assert len({wcswidth(line) for line in lines}) == 1  # every line of the grid as wide as the others


def test_sql_error_is_exit_2_with_duckdbs_message(at_root):
    code, out, err = cli("query", "select nme from projects", "data")
    assert (code, out) == (2, "")
    assert err.startswith("perfctl: SQL: Binder Error") and 'Candidate bindings: "name"' in err
    assert "Traceback" not in err


def test_sql_reads_no_file_and_writes_none(at_root, tmp_path):
    target = tmp_path / "x.csv"
    code, out, err = cli("query", f"copy (select name from projects) to '{target}'", "data")
    assert (code, out) == (2, "") and "file system operations are disabled" in err and not target.exists()
    code, _, err = cli("query", "select * from read_csv('data/perfctl.yaml')", "data")
    assert code == 2 and "Permission Error" in err


@pytest.mark.parametrize("module", ["duckdb", "pyarrow"])
def test_missing_extra_names_it(module, monkeypatch, at_root, tmp_path):
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    code, _, err = cli("query", "select 1", "data")
    assert (code, err) == (2, f"perfctl: this needs {module}, part of the analytics extra: pip install 'perfctl[analytics]'\n")
    if module == "pyarrow":
        code, _, err = cli("export", "data", "--format", "parquet", "-o", tmp_path / "x")
        assert code == 2 and "pip install 'perfctl[analytics]'" in err
        assert not (tmp_path / "x").exists()


def test_parquet_needs_a_folder(at_root, tmp_path):
    assert cli("export", "data", "--format", "parquet")[0] == 2
    (tmp_path / "f").write_text("x")
    code, _, err = cli("export", "data", "--format", "parquet", "-o", tmp_path / "f")
    assert code == 2 and "is a file, not a folder" in err
    # DuckDB and Spark read a folder named *.parquet as one table: 33 rows of two kinds
    code, _, err = cli("export", "data", "-o", tmp_path / "store.parquet")
    assert code == 2 and "reads as ONE table" in err and not (tmp_path / "store.parquet").exists()
    code, _, err = cli("export", "data", "--format", "csv", "-o", tmp_path / "d.parquet")
    assert code == 2 and "contradicts" in err


def test_a_target_too_large_for_the_number_column_keeps_its_text(at_root, tmp_path):
    text = (DATA / "389101" / "2025" / "自贸区法律服务经费.yaml").read_text(encoding="utf-8")
    (tmp_path / "p.yaml").write_text(text.replace("target: ≥15次", "target: ≥123456789012345678901234567890123456次")
                                     .replace("target: ≥90%", "target: ≥99.9999999%"), encoding="utf-8")
    code, out, err = cli("query", "select target.text, target.value_number from indicators where position <= 3",
                         tmp_path, "--format", "csv")
    assert code == 0, err
    assert out.splitlines()[1:] == ["≥123456789012345678901234567890123456次,", "≥8篇,8.00", "≥99.9999999%,"]


def test_json_has_no_nan(at_root):
    code, out, _ = cli("query", "select 'nan'::double as d, '\\x00ab'::blob as b", "data", "--format", "json")
    assert code == 0 and json.loads(out) == [{"d": None, "b": "006162"}]
