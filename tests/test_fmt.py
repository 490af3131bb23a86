"""perfctl fmt: one canonical layout, every comment and chosen quote kept, safe writes,
encodings and line endings (issue 5)."""

from __future__ import annotations

import shutil
import stat

import pytest

from conftest import DATA, GOOD, ROOT, run_perfctl, write
from perfctl.authoring import canonical, safewrite, spans
from perfctl.authoring.fmt import format_text
from perfctl.errors import InputError
from perfctl.model import load

FIXTURES = ROOT / "tests" / "fixtures"
FMT = FIXTURES / "fmt"



def fmt(*args, **kw):
    return run_perfctl("fmt", *args, **kw)


def test_bundled_store_is_already_canonical():
    r = fmt("--check", DATA)
    assert (r.returncode, r.stdout) == (0, "")
    assert r.stderr.endswith("0 files would be reformatted, 4 unchanged\n")


def test_every_fixture_is_stable_after_one_fmt(tmp_path):
    projects = []
    for src in sorted(FIXTURES.rglob("*.yaml")) + sorted(DATA.rglob("*.yaml")):
        try:
            load(src)
        except InputError:
            continue  # not a project file (diff target cases)
        dst = tmp_path / src.relative_to(ROOT)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        projects.append(dst)
    assert len(projects) >= 10
    assert fmt(tmp_path).returncode == 0
    once = {p: p.read_bytes() for p in projects}
    again = fmt(tmp_path)
    assert again.returncode == 0 and f"0 files reformatted, {len(projects)} unchanged" in again.stderr
    assert {p: p.read_bytes() for p in projects} == once


def test_comments_above_beside_below_between_and_at_the_end_stay_in_place(tmp_path):
    victim = tmp_path / "commented.yaml"
    shutil.copyfile(FMT / "commented.yaml", victim)
    check = fmt("--check", victim)
    assert check.returncode == 1 and victim.read_bytes() == (FMT / "commented.yaml").read_bytes()
    assert f"--- {victim}\n+++ {victim} (formatted)\n" in check.stdout
    assert "-      target: '>=１５次'\n" in check.stdout and "+    target: '≥15次'\n" in check.stdout
    assert fmt(victim).returncode == 0
    expected = (FMT / "commented.formatted.yaml").read_text(encoding="utf-8")
    assert victim.read_text(encoding="utf-8") == expected
    # the same comments, in the same order, each above/beside/below the same line as before
    assert [c for _, c in spans.comments(expected)] == [c for _, c in spans.comments((FMT / "commented.yaml").read_text(encoding="utf-8"))]
    lines = expected.splitlines()
    assert lines[4] == "  code: '389101'          # 部门编码"
    assert lines[16:19] == ["  # ---- 产出指标 ----", "  # 上年实际 12 次", "  - level1: 产出指标"]
    assert lines[20] == "    name: 提供服务次数      # 按合同约定"
    assert lines[22:25] == ["    target: '≥15次'", "    # 次数由法律顾问按月报送", "  - level1: 产出指标"]
    # row keys put in order; the comment beside the target moves with it, the one after the row stays after it
    assert lines[26:31] == ["    name: 意见建议反馈时间", "    target: ≤48小时      # 自收到材料起", "    # 时效以工作日计", "",
                            "  # ---- 满意度指标 ----"]
    assert lines[-1] == "# 文件结束：待科长审核"


def test_user_quotes_stay_and_needed_quotes_are_added():
    text = GOOD.replace("name: 测试项目", 'name: "测试项目"').replace("level1: 产出指标", "level1: '产出指标'")
    text = text.replace("code: '389101'", "code: 089101").replace("total: '200000.00'", "total: 200000")
    out = format_text(text)
    assert 'name: "测试项目"\n' in out and "level1: '产出指标'\n" in out
    assert "code: '089101'\n" in out and "total: '200000.00'\n" in out


def test_a_300_character_goal_stays_on_one_line(tmp_path):
    goal = ("健全自贸试验区法律保障，对印发文件、合作协议、签订合同等内容进行法律审核，并提供法律方面创新思路。" * 7)[:300]
    assert len(goal) == 300
    p = write(tmp_path, {"p.yaml": GOOD.replace("完成测试任务。", goal)})
    folded = write(tmp_path, {"q.yaml": GOOD.replace("完成测试任务。", goal[:150] + "\n    " + goal[150:])})
    assert fmt(tmp_path).returncode == 0
    assert f"  - {goal}\n" in (p / "p.yaml").read_text(encoding="utf-8")
    # a plain scalar folded over two lines reads as one line with a space: it is written so
    assert f"  - {goal[:150]} {goal[150:]}\n" in (folded / "q.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("written", "canonical_text"), [
    (">=１５次", "≥15次"), ("＞＝90%", "≥90%"), ("不低于90%", "≥90%"), ("１００％", "100%"), ("≥1,000人", "≥1000人"),
    ("控制在3万元以内", "≤3万元"), ("≥ 15 次", "≥15次"), ("≤48小时", "≤48小时"),
    ("２０２５年１２月前", "2025年12月前"), ("80％-90％", "80%-90%"),
    # not a quantity: left exactly as written
    ("有效提升", "有效提升"), ("≥**人", "≥**人"), ("%=99百分比", "%=99百分比"), ("≤50人以上", "≤50人以上"),
])
def test_targets_normalised_only_where_they_parse(written, canonical_text):
    assert canonical.target_text(written) == canonical_text


@pytest.mark.parametrize(("text", "unit", "out"), [
    ("30000", "元", "30000.00"), ("30000.5", "元", "30000.50"), ("12.5", "万元", "12.500000"),
    ("1.234", "元", "1.234"), ("30000.00", "元", "30000.00"),  # never rounded: lint reports extra decimals
])
def test_amounts_get_the_units_decimals(text, unit, out):
    assert canonical.amount_text(text, unit) == out


def test_extension_keys_are_left_as_written():
    text = GOOD + "x-notes: {owner: 张三, due: 2025-03-01}  # 内部\n"
    out = format_text(text)
    assert out.endswith("x-notes: {owner: 张三, due: 2025-03-01}  # 内部\n")


def test_a_comment_in_a_flow_mapping_keeps_the_layout_and_only_values_change(tmp_path):
    victim = tmp_path / "flow.yaml"
    shutil.copyfile(FMT / "flow-comment.yaml", victim)
    assert fmt(victim).returncode == 0
    before = (FMT / "flow-comment.yaml").read_text(encoding="utf-8")
    after = before.replace("code: 389101,", "code: '389101',").replace("total: '30000',", "total: '30000.00',")
    assert victim.read_text(encoding="utf-8") == after.replace("'>=15次'", "'≥15次'")


def test_crlf_is_read_and_written_with_one_kind_of_ending(tmp_path):
    crlf = GOOD.replace("\n", "\r\n").replace("≥500人次", "'>=500人次'").encode()
    mixed = GOOD.replace("\n", "\r\n", 3).encode()
    write(tmp_path, {"lf/a.yaml": crlf, "lf/b.yaml": mixed})
    check = fmt("--check", tmp_path / "lf")
    assert check.returncode == 1 and "b.yaml: mixed line endings made LF" in check.stdout
    assert fmt(tmp_path / "lf").returncode == 0
    for name in ("a.yaml", "b.yaml"):
        assert b"\r" not in (tmp_path / "lf" / name).read_bytes()
    assert "target: '≥500人次'\n" in (tmp_path / "lf" / "a.yaml").read_text(encoding="utf-8")
    write(tmp_path, {"crlf/perfctl.yaml": "line_endings: crlf\n", "crlf/x/a.yaml": GOOD.encode()})
    assert fmt(tmp_path / "crlf").returncode == 0
    data = (tmp_path / "crlf" / "x" / "a.yaml").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == GOOD.count("\n")
    assert fmt("--check", tmp_path / "crlf").returncode == 0


def test_a_bom_is_read_and_dropped(tmp_path):
    p = write(tmp_path, {"bom.yaml": b"\xef\xbb\xbf" + GOOD.encode()}) / "bom.yaml"
    assert load(p).name == "测试项目"
    check = fmt("--check", p)
    assert check.returncode == 1 and f"{p}: byte-order mark removed" in check.stdout
    assert fmt(p).returncode == 0 and p.read_bytes() == GOOD.encode()


def test_gb18030_is_refused_with_the_way_out_or_converted(tmp_path):
    p = write(tmp_path, {"gbk.yaml": GOOD.encode("gb18030")}) / "gbk.yaml"
    refused = fmt(p)
    assert refused.returncode == 2 and "perfctl fmt --encoding gb18030 FILE" in refused.stderr
    assert refused.stderr.startswith(f"{p}:4:9: cannot decode as UTF-8: it looks like GBK/GB18030 text")
    assert p.read_bytes() == GOOD.encode("gb18030")
    converted = fmt("--encoding", "gb18030", p)
    assert converted.returncode == 0 and "(converted from gb18030 to UTF-8)" in converted.stderr
    assert p.read_bytes() == GOOD.encode("utf-8")
    assert fmt("--encoding", "klingon", p).returncode == 2


def test_files_that_do_not_parse_are_reported_and_left_untouched(tmp_path):
    bad = GOOD.replace("  name: 测试部门", "\tname: 测试部门")
    write(tmp_path, {"a/bad.yaml": bad, "a/good.yaml": GOOD.replace("≥500人次", "'>=500人次'")})
    r = fmt(tmp_path / "a")
    assert r.returncode == 2
    assert f"{tmp_path / 'a' / 'bad.yaml'}:4:1: invalid YAML: tab character" in r.stderr and "Traceback" not in r.stderr
    assert (tmp_path / "a" / "bad.yaml").read_text(encoding="utf-8") == bad
    assert "target: '≥500人次'" in (tmp_path / "a" / "good.yaml").read_text(encoding="utf-8")


def test_rewrites_keep_the_file_mode(tmp_path):
    p = write(tmp_path, {"p.yaml": GOOD.replace("≥500人次", "'>=500人次'")}) / "p.yaml"
    p.chmod(0o640)
    assert fmt(p).returncode == 0
    assert stat.S_IMODE(p.stat().st_mode) == 0o640 and "≥500人次" in p.read_text(encoding="utf-8")


def test_a_write_that_would_lose_a_comment_is_refused(tmp_path):
    p = write(tmp_path, {"p.yaml": GOOD + "# 不要删\n"}) / "p.yaml"
    with pytest.raises(InputError) as exc:
        safewrite.write(p, GOOD)
    assert str(exc.value) == (f"{p}:19: not written: the new content would lose the comment '# 不要删'; "
                              "move or delete the comments first")
    assert p.read_text(encoding="utf-8") == GOOD + "# 不要删\n"
    safewrite.write(p, "# 不要删\n" + GOOD)  # moved, not lost
    assert p.read_text(encoding="utf-8").startswith("# 不要删\n")


def test_comments_are_found_outside_scalars_only():
    text = "a: 'x # no'  # yes\nb: |\n  c # no\nd: e#f\n# end\n"
    assert spans.comments(text) == [(1, "# yes"), (5, "# end")]


def test_import_writes_the_stores_line_endings_and_the_modeline(seed, tmp_path):
    write(tmp_path, {"perfctl.yaml": "line_endings: crlf\n"})
    assert run_perfctl("import", seed, "--into", tmp_path, "--year", "2025").returncode == 0
    made = sorted(tmp_path.rglob("*.yaml"))
    assert len(made) == 5  # four projects and perfctl.yaml
    for p in made:
        if p.name != "perfctl.yaml":
            data = p.read_bytes()
            assert data.startswith(b"# yaml-language-server: $schema=../../.perfctl/project.schema.json\r\n")
            assert data.count(b"\r\n") == data.count(b"\n")
    assert (tmp_path / ".perfctl" / "project.schema.json").read_text(encoding="utf-8") == run_perfctl("schema").stdout


def test_block_scalars_and_odd_but_valid_layouts_are_kept():
    block = GOOD.replace("goals:", "purpose: |\n  第一行\n  第二行 # 不是注释\ngoals:")
    assert format_text(block) == block
    unindented = GOOD.replace("  - level1", "- level1").replace("    level2", "  level2").replace(
        "    name: 培训", "  name: 培训").replace("    target", "  target")
    assert format_text(unindented) == GOOD
    assert format_text("# 说明\n---\n" + GOOD) == "# 说明\n---\n" + GOOD


def test_a_tab_before_a_comment_that_ruamel_cannot_scan_becomes_a_space(tmp_path):
    text = GOOD.replace("year: 2025", "year: 2025\t# 年度")  # valid YAML; ruamel's pure scanner refuses the tab
    p = write(tmp_path, {"p.yaml": text}) / "p.yaml"
    assert fmt(p).returncode == 0
    assert p.read_text(encoding="utf-8") == GOOD.replace("year: 2025", "year: 2025 # 年度")
