"""perfctl show: aligned CJK columns, the terminal width kept, money as written, any console."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from wcwidth import wcswidth

from conftest import DATA, ROOT, run_perfctl, write
from perfctl.commands import show
from perfctl.terminal import fit, wrap

FIXTURE = ROOT / "tests" / "fixtures" / "export" / "formulas.yaml"
FIRST = DATA / "389101" / "2025" / "第四届京津冀自贸试验区联席活动项目.yaml"
needs_data = pytest.mark.skipif(not FIRST.exists(), reason="bundled store data/389101/2025 not imported yet")


def run_show(monkeypatch, capsys, *paths: Path, columns: int = 80) -> tuple[int, str, str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    code = show.run(list(paths))
    out, err = capsys.readouterr()
    return code, out, err


def grid_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("+", "|"))]


def by_display_column(line: str) -> dict[int, str]:
    """{display column: character} for the characters of ``line``."""
    return {wcswidth(line[:i]): ch for i, ch in enumerate(line)}


@pytest.mark.parametrize("columns", [80, 60])
def test_no_line_wider_than_the_terminal(monkeypatch, capsys, columns):
    paths = [FIXTURE] + ([FIRST] if FIRST.exists() else [])
    code, out, err = run_show(monkeypatch, capsys, *paths, columns=columns)
    assert (code, err) == (0, "")
    widths = [wcswidth(line) for line in out.splitlines()]
    assert min(widths) >= 0  # no control characters reached the terminal
    assert max(widths) <= columns
    # long text was wrapped, not cut: every character of the purpose is still there
    assert "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" in out.replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("columns", [80, 70])  # below 68 the five headers do not fit whole: one field per line
def test_cjk_columns_aligned(monkeypatch, capsys, columns):
    _, out, _ = run_show(monkeypatch, capsys, FIXTURE, columns=columns)
    lines = grid_lines(out)
    assert len(lines) > 10
    assert len({wcswidth(line) for line in lines}) == 1  # every table line equally wide
    bars = [i for i, ch in enumerate(lines[0]) if ch == "+"]
    assert len(bars) == 6
    for line in lines:  # column separators sit at the same display column on every line
        chars = by_display_column(line)
        assert [chars.get(col) for col in bars] in (["+"] * 6, ["|"] * 6), line


@needs_data
def test_bundled_project_header_and_table(monkeypatch, capsys):
    code, out, _ = run_show(monkeypatch, capsys, FIRST, columns=100)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["项目名称", "第四届京津冀自贸试验区联席活动项目"]
    assert lines[1].split() == ["主管部门", "389101", "中国（天津）自由贸易试验区管理委员会办公室"]
    assert [line.split() for line in lines[2:7]] == [
        ["预算年度", "2025"], ["单位", "元"], ["预算数", "200000.00"], ["其中：财政资金", "200000.00"],
        ["其他资金", "0.00"]]
    assert any(line.startswith("绩效目标") and "1. 通过召开" in line for line in lines)
    goals_at = next(i for i, line in enumerate(lines) if line.startswith("绩效目标"))
    value_col = wcswidth("预算规模及资金用途") + 2  # values start one column over, after the widest label
    for i, line in enumerate(lines[:lines.index("")]):
        chars = by_display_column(line)
        start = min(col for col, ch in chars.items() if col >= value_col - 2 and ch != " ")
        assert start == (value_col + 3 if i > goals_at else value_col), line  # goals: hanging indent
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines if line.startswith("|")]
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]
    assert rows[1] == ["产出指标", "数量指标", "邀请参会人员数量", "邀请参会人员数量", "≥50人"]
    assert rows[2] == ["", "", "发言嘉宾数量", "发言嘉宾数量", "≥3人"]  # repeats left blank
    assert rows[3][:3] == ["", "质量指标", "活动顺利举办率"]
    assert ["", "成本指标", "会议活动保障费用", "会议活动保障费用", "≤8万元"] in rows


def test_money_as_people_write_it(monkeypatch, capsys):
    _, out, _ = run_show(monkeypatch, capsys, FIXTURE)  # 万元: '1234567.800000' and '-0.000000' in the file
    assert "预算数              1234567.80\n" in out
    assert "其他资金            -0.00\n" in out
    assert "800000" not in out
    assert "e+" not in out and "E+" not in out
    assert "2. 第二个绩效目标" in out


def test_several_files_separated_by_a_blank_line(monkeypatch, capsys, tmp_path):
    write(tmp_path, {"a.yaml": FIXTURE.read_text(encoding="utf-8"), "b.yaml": FIXTURE.read_text(encoding="utf-8")})
    _, out, _ = run_show(monkeypatch, capsys, tmp_path / "a.yaml", tmp_path / "b.yaml")
    first, second = out.split("\n\n项目名称")
    assert first.endswith("+") and second.startswith("  ")
    assert out.count("项目名称") == 2


def test_bad_files_reported_others_shown(monkeypatch, capsys, tmp_path):
    write(tmp_path, {"good.yaml": FIXTURE.read_text(encoding="utf-8"), "bad.yaml": "year: [2025\n"})
    code, out, err = run_show(monkeypatch, capsys, tmp_path, tmp_path / "missing.yaml")
    assert code == 2
    assert "bad.yaml:" in err and "missing.yaml: no such file or folder" in err
    assert out.count("项目名称") == 1


def test_control_characters_made_visible(monkeypatch, capsys, tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("name: 提升影响力", 'name: "红\\e[31m色"')
    write(tmp_path, {"p.yaml": text})
    _, out, _ = run_show(monkeypatch, capsys, tmp_path / "p.yaml")
    assert "\x1b" not in out and "\\x1b[31m" in out


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_piped_to_a_non_utf8_console(encoding):
    exe = ROOT / ".venv" / "bin" / "perfctl"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "perfctl"]
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "70"}
    paths = [FIXTURE] + ([DATA] if DATA.is_dir() else [])
    proc = subprocess.run([*cmd, "show", *map(str, paths)], cwd=ROOT, env=env, capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    text = proc.stdout.decode(encoding)  # what the console gets is valid in its encoding
    assert "1234567.80" in text
    if encoding == "gbk":
        assert "项目名称" in text


def test_wrap_counts_cjk_as_two_columns():
    assert wrap("一二三四五六", 6) == ["一二三", "四五六"]
    assert wrap("一二三四五", 5) == ["一二", "三四", "五"]
    assert wrap("甲乙丙，丁", 6) == ["甲乙", "丙，丁"]  # ， does not start a line
    assert wrap("see the maintenance contract", 12) == ["see the", "maintenance", "contract"]
    assert wrap("an overlong-identifier-x1", 12) == ["an overlong-", "identifier-x", "1"]
    assert all(wcswidth(line) <= 7 for line in wrap("服务对象满意度指标 and more text", 7))


def test_fit_keeps_narrow_columns_and_shares_the_rest():
    assert fit([10, 20, 30], 100) == [10, 20, 30]
    assert fit([6, 40, 40], 50) == [6, 22, 22]
    assert sum(fit([10, 18, 16, 16, 12], 44)) == 44


def test_thousands_separators_on_request():
    r = run_perfctl("show", FIXTURE, "--thousands", env={**os.environ, "COLUMNS": "80"})
    assert r.returncode == 0, r.stderr
    assert "预算数              1,234,567.80\n" in r.stdout
    assert "其他资金            -0.00\n" in r.stdout
    plain = run_perfctl("show", FIXTURE, env={**os.environ, "COLUMNS": "80"}).stdout
    assert "预算数              1234567.80\n" in plain  # off by default: the figure as the file and the source write it
