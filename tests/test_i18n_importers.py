"""The Chinese and English UI of ``perfctl import``: refusals, the warnings collected while
reading a table, the positions they name, the batch and final summaries (ngettext in English)
and the dry run; the review comments written into the project files stay as they are (data)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CORPUS, GOOD, run_perfctl, write
from perfctl import i18n
from perfctl.i18n import _
from perfctl.importers import text
from perfctl.importers.grid import from_texts
from perfctl.importers.recognize import recognize

#: A self-evaluation read with warnings: template marks (rows taken with a review mark) and a truncated row.
MARKED = next(CORPUS.glob("02-*.txt"))
#: A table stating no 部门编码: refused without --department-code.
NO_CODE = next(CORPUS.glob("05-*.txt"))
#: Two projects in one table, a column without a field (指标方向性).
TWO_PROJECTS = next(CORPUS.glob("08-*.txt"))


def perfctl(*args):
    return run_perfctl(*args, input="")


# ---------------------------------------------------------------- refusals


def test_a_refusal_in_english_and_chinese(tmp_path):
    store = tmp_path / "store"
    en = perfctl("import", NO_CODE, "--into", store)
    zh = perfctl("--lang", "zh", "import", NO_CODE, "--into", store)
    assert (en.returncode, zh.returncode) == (2, 2)
    assert en.stderr.splitlines() == [
        f"{NO_CODE}:5: the table states no 部门编码 (department code); give it with --department-code",
        f"imported 0 projects from 1 file into {store}: 0 fully, 0 with warnings, 1 refused"]
    assert zh.stderr.splitlines() == [
        f"{NO_CODE}:5: 表格没有写明部门编码；请用 --department-code 指定",
        f"已从1个文件导入0个项目到 {store}：0个文件完整导入，0个有警告，1个被拒绝"]
    assert not store.exists()


def test_a_reader_refusal_in_a_batch_in_chinese(tmp_path):
    src = write(tmp_path / "in", {"empty.txt": b"", "a.txt": MARKED.read_bytes(), "notes.md": "x", "p.png": b"x"})
    r = perfctl("--lang", "zh", "import", src, "--into", tmp_path / "store")
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert f"{src / 'empty.txt'}: 文件为空（0字节）；没有可导入的内容" in lines
    # the outcome column is padded by display width: 有警告 and 已拒绝 take 6 columns of 8
    assert f"  有警告    {src / 'a.txt'}: 1个项目，text，10个警告" in lines
    assert f"  已拒绝    {src / 'empty.txt'}: 已拒绝（文件为空（0字节）；没有可导入的内容）" in lines
    assert lines[-1] == (f"已从2个文件导入1个项目到 {tmp_path / 'store'}：0个文件完整导入，1个有警告，1个被拒绝；"
                         "跳过了2个其他类型的文件")


# ---------------------------------------------------------------- warnings


def test_warnings_in_chinese_and_the_review_comment_unchanged(tmp_path):
    store = tmp_path / "store"
    r = perfctl("--lang", "zh", "import", MARKED, "--into", store)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    # a row taken with a review mark, and a row left out
    assert (f"{MARKED}:66: 警告：三级指标 '★★★农村低保发放人数(按月平均)(≥**人)' 含有模板标记（★ 或 ** 之类的占位符） "
            "[IMP-W-PLACEHOLDER]") in lines
    assert f"{MARKED}:145: 警告：文本在此行中途结束；已略去 [IMP-W-TRUNCATED]" in lines
    assert not [line for line in lines if "warning:" in line or "not imported" in line]
    written = store / "155" / "2019" / "临时救助.yaml"
    assert f"已写入 {written}（9个指标）" in lines
    # what goes into the project file is data: the same comment in either language
    assert "  # review (待复核): template mark in the name\n" in written.read_text(encoding="utf-8")
    english = perfctl("import", MARKED, "--into", tmp_path / "en")
    assert english.returncode == 1
    assert (tmp_path / "en" / "155" / "2019" / "临时救助.yaml").read_bytes() == written.read_bytes()


def test_dropped_cells_and_positions_in_chinese():
    i18n.use("zh")
    found = recognize(text.read(TWO_PROJECTS.name, TWO_PROJECTS.read_bytes()))
    assert [(n.code, n.where, n.message) for n in found.notes] == [
        ("IMP-W-DROPPED", f"{TWO_PROJECTS.name}:3",
         "列“指标方向性”未导入：'正向指标'、'正向指标'、'正向指标' 等，另有9个"),
        ("IMP-W-SUBTOTAL", f"{TWO_PROJECTS.name}:4", "小计行 '820-马踏镇部门 8,827,620.53' 不是项目；未导入")]
    grid = from_texts([["项目名称", "甲"]], path="t.docx", part=_("table {number}").format(number=2))
    assert grid.where(grid.rows[0][1]) == "t.docx: 表格2，第1行，第2列"
    assert grid.where(row=0) == "t.docx: 表格2，第1行"
    i18n.use("en")
    found = recognize(text.read(TWO_PROJECTS.name, TWO_PROJECTS.read_bytes()))
    assert found.notes[0].message == "column 指标方向性 not imported: '正向指标', '正向指标', '正向指标' and 9 more"


# ---------------------------------------------------------------- summaries


@pytest.fixture
def export_one(tmp_path) -> Path:
    """perfctl's JSON export of one project with one indicator row (GOOD)."""
    store = write(tmp_path / "src", {"389101/2025/t.yaml": GOOD})
    r = perfctl("export", store, "--format", "json")
    assert r.returncode == 0, r.stderr
    path = tmp_path / "one.json"
    path.write_text(r.stdout, encoding="utf-8")
    return path


def test_summary_singular_and_plural_in_english(tmp_path, export_one):
    store = tmp_path / "store"
    one = perfctl("import", export_one, "--into", store)
    assert one.returncode == 0, one.stderr
    target = store / "389101" / "2025" / "测试项目.yaml"
    assert one.stderr.splitlines()[-2:] == [
        f"wrote {target} (1 indicator)",
        f"imported 1 project from 1 file into {store}: 1 fully, 0 with warnings, 0 refused"]
    many = perfctl("import", export_one, MARKED, TWO_PROJECTS, "--into", tmp_path / "many", "--dry-run")
    assert many.returncode == 1, many.stderr
    assert many.stderr.splitlines()[-4:] == [
        f"  imported  {export_one}: 1 project, export-json",
        f"  warnings  {MARKED}: 1 project, text, 10 warnings",
        f"  warnings  {TWO_PROJECTS}: 2 projects, text, 2 warnings",
        f"would import 4 projects from 3 files into {tmp_path / 'many'}: 1 fully, 2 with warnings, 0 refused"]


def test_summary_in_chinese(tmp_path, export_one):
    store = tmp_path / "store"
    r = perfctl("--lang", "zh", "import", export_one, TWO_PROJECTS, "--into", store)
    assert r.returncode == 1, r.stderr
    assert r.stderr.splitlines()[-3:] == [
        f"  已导入    {export_one}: 1个项目，export-json",
        f"  有警告    {TWO_PROJECTS}: 2个项目，text，2个警告",
        f"已从2个文件导入3个项目到 {store}：1个文件完整导入，1个有警告，0个被拒绝"]
    assert f"已写入 {store / '389101' / '2025' / '测试项目.yaml'}（1个指标）" in r.stderr.splitlines()
    again = perfctl("--lang", "zh", "import", export_one, "--into", store)
    assert again.returncode == 0
    assert again.stderr.splitlines() == [f"未变更 {store / '389101' / '2025' / '测试项目.yaml'}",
                                         f"已从1个文件导入1个项目到 {store}：1个文件完整导入，0个有警告，0个被拒绝"]


# ---------------------------------------------------------------- dry run


def test_dry_run_in_chinese(tmp_path):
    store = tmp_path / "store"
    r = perfctl("--lang", "zh", "import", MARKED, "--into", store, "--dry-run")
    assert r.returncode == 1, r.stderr
    assert not store.exists()
    out = r.stdout.splitlines()
    assert out[:3] == [str(store / "155" / "2019" / "临时救助.yaml"), "", "项目支出绩效自评表（2019年度）"]
    labels = {re.split("[:：]", line)[0].split("  ")[0] for line in out if line and not line.startswith(" ")}
    assert {"项目名称", "主管部门", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"} <= labels
    assert r.stderr.splitlines()[-1] == f"将从1个文件导入1个项目到 {store}：0个文件完整导入，1个有警告，0个被拒绝"
    assert "would import" not in r.stderr and "warning:" not in r.stderr
