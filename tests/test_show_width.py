"""perfctl show at any terminal width: numbers, dates and header words are never cut across
lines; below the width a table needs, one field per line (``label: value``)."""

from __future__ import annotations

import re

import pytest
from wcwidth import wcswidth

from conftest import DATA, ROOT
from perfctl import model
from perfctl.commands import show
from perfctl.render import amount
from perfctl.terminal import atoms, fields, table, wrap

BUNDLED = sorted((DATA / "389101" / "2025").glob("*.yaml"))
SELFEVAL = sorted((ROOT / "tests" / "fixtures" / "selfeval" / "389101" / "2025").glob("*.yaml"))
WIDTHS = [20, 24, 30, 40, 50, 60, 67, 68, 80, 100, 120, 160, 200]
needs_data = pytest.mark.skipif(not BUNDLED, reason="bundled store data/389101/2025 not imported yet")


def shown(monkeypatch, capsys, path, columns: int) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert show.run([path]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out.splitlines()


def whole_tokens(path) -> set[str]:
    """What must appear unbroken on one line: the money, the year, and every number and date
    of the targets (``200000.00``, ``≥50人``, ``2025年12月前``)."""
    project = model.load(path)
    b = project.budget
    tokens = {str(project.year)} | {amount(v) for v in (b.total, b.fiscal, b.other) if v is not None}
    for row in project.indicators:
        tokens.update(atoms(row.target))
    return tokens


@needs_data
@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("path", BUNDLED + SELFEVAL, ids=lambda p: f"{p.parent.parent.parent.name}-{p.stem}")
def test_nothing_cut_and_nothing_wider_than_the_terminal(monkeypatch, capsys, path, columns):
    lines = shown(monkeypatch, capsys, path, columns)
    grid = any(line.startswith("+") for line in lines)
    for line in lines:
        if wcswidth(line) > columns:  # only a label or a number alone on its line, in the fallback
            assert not line.startswith(("+", "|")), line
            assert line.strip().rstrip(":") in {*show.HEADERS, *show.SELFEVAL_HEADERS} or atoms(line) == [line.strip()]
    for token in whole_tokens(path):
        assert any(token in line for line in lines), (token, columns)
    selfeval = any("项目支出绩效自评表" in line for line in lines)
    headers = show.SELFEVAL_HEADERS if selfeval else show.HEADERS
    table_shown = any(line.startswith(f"| {headers[0]} ") for line in lines)
    for header in headers if table_shown else headers[:1]:  # a header word is never cut: in the head row, or as a label
        assert any(re.search(rf"(^|\| ){re.escape(header)}( |:|$)", line) for line in lines), (header, columns)
    if columns <= 60:
        assert not grid  # five headers whole need 68 columns: one field per line
        assert any(line.startswith(f"{show.HEADERS[0]}: ") for line in lines)
    if columns >= (120 if selfeval else 80):
        assert grid


@needs_data
def test_bundled_date_and_money_whole_at_every_width(monkeypatch, capsys):
    first = DATA / "389101" / "2025" / "第四届京津冀自贸试验区联席活动项目.yaml"
    for columns in range(20, 201, 3):
        lines = shown(monkeypatch, capsys, first, columns)
        assert any("2025年12月前" in line for line in lines), columns
        assert sum("200000.00" in line for line in lines) == 2, columns  # 预算数 and 其中：财政资金
        assert all(wcswidth(line) <= columns for line in lines), columns  # nothing here is wider than 20


def test_wrap_keeps_numbers_and_dates_whole():
    assert wrap("在2025年12月前完成", 6) == ["在", "2025年12月前", "完成"]  # wider than 6: alone, not cut
    assert wrap("预算200000.00元", 8) == ["预算", "200000.00元"]
    assert wrap("时间≤48小时", 8) == ["时间", "≤48小时"]
    assert atoms("≥90%，≤3万元，15个工作日，2025年底前") == ["≥90%", "≤3万元", "15个工作日", "2025年底前"]


def test_table_falls_back_to_one_field_per_line():
    rows = [["产出指标", "数量指标", "≥15次"], ["", "质量指标", "100%"]]
    headers = ["一级指标", "二级指标", "指标值"]
    assert table(rows, headers, 40).startswith("+")
    narrow = table(rows, headers, 30)
    assert narrow == fields(rows, headers, 30)
    assert narrow.split("\n\n") == ["一级指标: 产出指标\n二级指标: 数量指标\n指标值: ≥15次",
                                    "二级指标: 质量指标\n指标值: 100%"]  # empty cells left out
    assert fields([["绩效指标描述", "反映一年内提供法律服务的次数"]], None, 16).split("\n") == [
        "绩效指标描述:", "  反映一年内提供", "  法律服务的次数"]


SPACED = {"name: 测试项目": "name: '\u3000测试项目\u3000'", "  - 完成测试任务。": "  - '\u3000\u3000完成测试任务。\u3000'",
          "    name: 培训人次": "    name: '\u3000培训人次\u3000'\n    description: '反映\u3000培训 '",
          "target: ≥500人次": "target: '\u3000≥500人次\u3000'"}


def spaced_file(tmp_path):
    """The small project with full-width spaces (U+3000) at the ends of its values, and one inside."""
    from conftest import GOOD

    text = GOOD
    for old, new in SPACED.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "spaced.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_wrap_keeps_the_white_space_at_the_ends_of_a_value():
    assert wrap("\u3000测试项目\u3000", 20) == ["\u3000测试项目\u3000"]
    assert wrap(" a b ", 20) == [" a b "]
    assert wrap("\u3000\u3000甲乙丙丁戊己", 8) == ["\u3000\u3000甲乙", "丙丁戊己"]  # indentation kept, not a line of its own
    assert wrap("甲乙丙丁\u3000戊己", 8) == ["甲乙丙丁", "戊己"]  # where a line breaks, the space goes
    assert wrap("甲乙丙\u3000", 6) == ["甲乙丙", "\u3000"]  # the end's space, where it fits
    assert wrap("\u3000", 6) == ["\u3000"]


@pytest.mark.parametrize("columns", [30, 60, 80, 120])
def test_show_keeps_full_width_spaces_and_the_layout(monkeypatch, capsys, tmp_path, columns):
    lines = shown(monkeypatch, capsys, spaced_file(tmp_path), columns)
    assert all(wcswidth(line) <= columns for line in lines)
    # nine U+3000 at the ends of values, all shown; the one inside may give way to a line break
    assert "\n".join(lines).count("\u3000") >= 9
    if columns >= 80:
        for value in ("\u3000测试项目\u3000", "\u3000\u3000完成测试任务。\u3000", "\u3000培训人次\u3000", "反映\u3000培训 ",
                      "\u3000≥500人次\u3000"):
            assert any(value in line for line in lines), value
    grid = [line for line in lines if line.startswith(("+", "|"))]
    assert len({wcswidth(line) for line in grid}) <= 1  # the table's lines as wide as each other


def test_show_header_keeps_a_trailing_full_width_space(monkeypatch, capsys, tmp_path):
    lines = shown(monkeypatch, capsys, spaced_file(tmp_path), 100)
    assert re.fullmatch("项目名称 +\u3000测试项目\u3000", lines[0]), lines[0]
    assert any(re.fullmatch("绩效目标 +1\\. \u3000\u3000完成测试任务。\u3000", line) for line in lines)
    assert "| \u3000≥500人次\u3000 |" in "\n".join(lines)


def test_fields_keep_the_white_space_at_the_ends():
    assert fields([["三级指标", "\u3000培训\u3000"]], None, 40) == "三级指标: \u3000培训\u3000"
    assert fields([["绩效目标", ""]], None, 40) == "绩效目标:"
    assert fields([["\u3000", "≥1人"]], ["三级指标", "指标值"], 40) == "三级指标: \u3000\n指标值: ≥1人"
