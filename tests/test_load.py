"""Loading project files: exact values from the bundled store, positioned errors for bad files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import DATA, GOOD, run_perfctl, write
from perfctl.errors import InputError
from perfctl.model import load
from perfctl.store import load_all

FIRST = DATA / "389101" / "2025" / "第四届京津冀自贸试验区联席活动项目.yaml"



def test_bundled_store_values():
    projects, errors = load_all([DATA])
    assert errors == []
    by_name = {p.name: p for p in projects}
    assert {n: (str(p.budget.total), str(p.budget.fiscal), p.budget.other, len(p.indicators)) for n, p in by_name.items()} == {
        "第四届京津冀自贸试验区联席活动项目": ("200000.00", "200000.00", Decimal(0), 8),
        "自贸改革和制度创新奖评比表彰活动项目": ("30000.00", "30000.00", Decimal(0), 8),
        "自贸区法律服务经费": ("30000.00", "30000.00", Decimal(0), 7),
        "自贸区信息化技术运维项目": ("230000.00", "230000.00", Decimal(0), 6),
    }
    first = by_name["第四届京津冀自贸试验区联席活动项目"]
    assert (first.department.code, first.department.name, first.year, first.money_unit) == (
        "389101", "中国（天津）自由贸易试验区管理委员会办公室", 2025, "元")
    assert first.indicators[4].target == "≤8万元" and first.indicators[4].line == 37  # line 1 is the editor modeline
    assert (first.source.number, first.source.position, first.source.title) == (1, 1, "第四届京津冀自贸试验区联席活动项目绩效目标表")
    assert by_name["自贸区信息化技术运维项目"].source.number is None


def test_unquoted_code_and_money_keep_their_text(tmp_path):
    text = GOOD.replace("'389101'", "089101").replace("'200000.00'", "200000.00").replace("'0.00'", "0")
    p = load(write(tmp_path, {"p.yaml": text}) / "p.yaml")
    assert p.department.code == "089101"
    assert str(p.budget.total) == "200000.00" and str(p.budget.other) == "0"


def test_extension_keys_and_null_source_are_allowed(tmp_path):
    text = GOOD.replace("  other: '0.00'", "  other: '0.00'\n  x-note: 追加预算待批复") + "source: null\nx-owner: 张三\n"
    p = load(write(tmp_path, {"p.yaml": text.replace("  name: 测试部门", "  name: 测试部门\n  x-contact: 000")}) / "p.yaml")
    assert (p.name, p.source, str(p.budget.other)) == ("测试项目", None, "0.00")


def test_dates_and_yes_stay_text(tmp_path):
    text = GOOD.replace("target: ≥500人次", "target: 2025-12-01").replace("name: 培训人次", "name: yes")
    p = load(write(tmp_path, {"p.yaml": text}) / "p.yaml")
    assert (p.indicators[0].name, p.indicators[0].target) == ("yes", "2025-12-01")


@pytest.mark.parametrize("content,line,col,message", [
    (GOOD.replace("year: 2025", "year: [2025"), 6, 5, "invalid YAML"),
    (GOOD.replace("year: 2025", "year: '2025年'"), 5, 7, "year: expected integer, got string '2025年'"),
    (GOOD.replace("name: 测试项目\n", ""), 1, 1, "missing required key 'name' in the document"),
    (GOOD.replace("    target: ≥500人次\n", ""), 15, 5, "missing required key 'target' in indicators[0]"),
    (GOOD.replace("money_unit: 元", "money_unit: 千元"), 7, 13, "money_unit: '千元' is not one of: 元, 万元"),
    (GOOD.replace("  total: '200000.00'", "  total: 2e5"), 9, 10, "budget.total: amount '2e5' is not a decimal number"),
    (GOOD.replace("  total: '200000.00'", "  total: '3,309,840.00'"), 9, 10, "is not an amount"),
    (GOOD.replace("year: 2025", "yaer: 2025"), 5, 1, "unknown key 'yaer' in the document"),
    (GOOD.replace("  name: 测试部门", "  name: 测试部门\n  name: 别的"), 5, 3, "duplicate key 'name' (first defined at line 4)"),
    (GOOD.replace("  code: '389101'", "\tcode: '389101'"), 3, 1, "not tabs"),
    (GOOD.replace("  code: '389101'", "\u3000\u3000code: '389101'"), 3, 1, "full-width space (U+3000) used as indentation"),
    (GOOD.replace("year: 2025", "year: &y 2025\nyear2: *y"), 6, 1, "aliases"),
    (GOOD.replace("year: 2025", "year: 2025.0"), 5, 7, "year: expected a whole number such as 2025, got '2025.0'"),
    (GOOD.replace("year: 2025", "year: [2025]"), 5, 7, "year: expected integer, got a list"),
    (GOOD.replace("format: 1", "format: '1'"), 1, 9, "format: expected the number 1, got string '1'"),
    (GOOD.replace("  other: '0.00'", "  other: '0.00'\n  y-note: x"), 12, 3, "unknown key 'y-note' in budget"),
    ("", 1, 1, "file is empty"),
    ("- a\n- b\n", 1, 1, "must be a mapping"),
])
def test_bad_file_gives_positioned_error(tmp_path, content, line, col, message):
    path = write(tmp_path, {"p.yaml": content}) / "p.yaml"
    with pytest.raises(InputError) as exc:
        load(path)
    assert (exc.value.line, exc.value.col) == (line, col), str(exc.value)
    assert message in exc.value.message


@pytest.mark.parametrize("raw,message", [
    (GOOD.encode("utf-16"), "UTF-16"),
    (GOOD.encode("gb18030"), "GBK/GB18030"),
    (b"\x00\x01binary", "NUL bytes"),
])
def test_bad_encoding_is_named(tmp_path, raw, message):
    path = write(tmp_path, {"p.yaml": raw}) / "p.yaml"
    with pytest.raises(InputError) as exc:
        load(path)
    assert message in exc.value.message


def test_bom_and_crlf_are_read(tmp_path):
    raw = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    p = load(write(tmp_path, {"p.yaml": raw}) / "p.yaml")
    assert (p.name, p.indicators[0].target) == ("测试项目", "≥500人次")


def test_cli_reports_file_line_col_without_traceback(tmp_path):
    write(tmp_path, {"bad.yaml": GOOD.replace("year: 2025", "year: '2025年'"),
                     "syntax.yaml": GOOD.replace("year: 2025", "year: [2025"),
                     "good.yaml": GOOD})
    r = run_perfctl("export", tmp_path)
    assert r.returncode == 2
    assert f"{tmp_path / 'bad.yaml'}:5:7: year: expected integer" in r.stderr
    assert f"{tmp_path / 'syntax.yaml'}:6:5: invalid YAML" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
