"""Import of the seed layout (text reader + recognizer): the seed document, its quirks, refusals and safe writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, run_perfctl, write
from perfctl.importers import text as text_reader
from perfctl.importers.recognize import recognize
from perfctl.importers.values import split_goals as _split_goals
from perfctl.importers.vocabulary import vocabulary
from perfctl.store import slug


def parse_document(text, path, year=None):
    """The projects of a seed-layout document, through the text reader and the recognizer."""
    grids = text_reader.read(path, text.encode("utf-8"))
    return [imported.project for imported in recognize(grids, year=year).projects]


def split_goals(text):
    return _split_goals(text, vocabulary())

SEED_NAMES = ["第四届京津冀自贸试验区联席活动项目", "自贸改革和制度创新奖评比表彰活动项目", "自贸区法律服务经费", "自贸区信息化技术运维项目"]


def test_seed_tables(seed):
    projects = parse_document(seed.read_text(encoding="utf-8"), str(seed), 2025)
    assert [p.name for p in projects] == SEED_NAMES
    assert [(p.source.position, p.source.number) for p in projects] == [(1, 1), (2, None), (3, 3), (4, None)]
    assert projects[2].source.title == "自贸区法律服务经费绩效目标表"
    assert [str(p.budget.total) for p in projects] == ["200000.00", "30000.00", "30000.00", "230000.00"]
    assert all(p.budget.fiscal == p.budget.total and p.budget.other == 0 for p in projects)
    assert [len(p.indicators) for p in projects] == [8, 8, 7, 6]
    targets = [[i.target for i in p.indicators] for p in projects]
    assert targets == [
        ["≥50人", "≥3人", "100%", "2025年12月前", "≤8万元", "≤12万元", "有效提升", "≥90%"],
        ["≥1场", "≥5人", "100%", "≤9个月", "≤1万元", "≤2万元", "有效提升", "≥90%"],
        ["≥15次", "≥8篇", "≥90%", "≤48小时", "≤3万元", "审核并出具法律意见书，确保自贸办出台政策不违反法律规定", "≥85%"],
        ["1人", "≥90%", "≤24小时", "≤23万元", "有效提升", "≥90%"],
    ]
    first = projects[0]
    assert [i.level1 for i in first.indicators] == ["产出指标"] * 6 + ["效益指标", "满意度指标"]
    assert [i.level2 for i in first.indicators[:6]] == ["数量指标", "数量指标", "质量指标", "时效指标", "成本指标", "成本指标"]
    assert first.goals == [first.purpose]
    assert first.goals[0].startswith("通过召开第四届京津冀自贸试验区联席活动") and not first.goals[0].startswith("1.")


def test_every_seed_target_appears_verbatim(seed):
    text = seed.read_text(encoding="utf-8")
    projects = parse_document(text, str(seed), 2025)
    for p in projects:
        for ind in p.indicators:
            assert f"\t{ind.target}\n" in text


def test_reimport_reproduces_bundled_store(seed, tmp_path):
    r = run_perfctl("import", seed, "--into", tmp_path, "--year", "2025")
    assert r.returncode == 0, r.stderr
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.yaml"))
    assert made == sorted(p.relative_to(DATA) for p in DATA.rglob("*.yaml"))
    assert made == [Path("389101/2025") / f"{n}.yaml" for n in sorted(SEED_NAMES)]
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (DATA / rel).read_bytes(), rel


def test_never_overwrites_silently(seed, tmp_path):
    assert run_perfctl("import", seed, "--into", tmp_path, "--year", "2025").returncode == 0
    again = run_perfctl("import", seed, "--into", tmp_path, "--year", "2025")
    assert again.returncode == 0 and again.stderr.count("unchanged") == 4
    victim = tmp_path / "389101" / "2025" / "自贸区法律服务经费.yaml"
    victim.write_text(victim.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    before = victim.read_bytes()
    refused = run_perfctl("import", seed, "--into", tmp_path, "--year", "2025")
    assert refused.returncode == 2
    assert f"{victim}: exists with different content; not overwritten (use --force)" in refused.stderr
    assert victim.read_bytes() == before
    # --force replaces different content, but never loses a comment (issue 5, safe writes).
    kept = run_perfctl("import", seed, "--into", tmp_path, "--year", "2025", "--force")
    assert kept.returncode == 2
    assert f"{victim}:57: exists with comments the imported table would lose ('# my note'); not overwritten" in kept.stderr
    assert victim.read_bytes() == before
    victim.write_bytes(before.replace(b"# my note\n", b"").replace("≥15次".encode(), "≥16次".encode()))
    forced = run_perfctl("import", seed, "--into", tmp_path, "--year", "2025", "--force")
    assert forced.returncode == 0 and "≥16次".encode() not in victim.read_bytes()
    assert "≥15次".encode() in victim.read_bytes()


def test_year_is_required(seed, tmp_path):
    r = run_perfctl("import", seed, "--into", tmp_path)
    assert r.returncode == 2
    assert f"{seed}:2: the document does not state the budget year (预算年度); give it with --year" in r.stderr
    assert not any(tmp_path.iterdir())


def test_year_from_title():
    text = ("2026年度测试项目绩效目标表\n\t100001测试局\n\t单位：万元\n\n\t项目名称\n\t测试项目\n\n\t预算规模及资金用途\n"
            "\t预算数\n\t12.5\n\t其中：财政资金\n\t10\n\t其他资金\n\t2.5\n\n\t绩效目标\n\t1.甲。2.乙。\n\n"
            "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t数量指标\n\t培训人次\n\t≥500人次\n")
    [p] = parse_document(text, "t.txt")
    assert (p.year, p.money_unit, str(p.budget.total), str(p.budget.other), p.goals) == (2026, "万元", "12.5", "2.5", ["甲。", "乙。"])
    assert (p.source.number, p.indicators[0].description) == (None, None)


@pytest.mark.parametrize("text,goals", [
    ("1.甲。", ["甲。"]),
    ("1.甲；2.乙；3.丙", ["甲；", "乙；", "丙"]),
    ("1、完成1.5万元采购。2、培训500人", ["完成1.5万元采购。", "培训500人"]),
    ("没有编号的目标", ["没有编号的目标"]),
])
def test_split_goals(text, goals):
    assert split_goals(text) == goals


def test_table_without_budget_is_refused_at_its_line(tmp_path):
    text = "\t389101某局\n\t单位：元\n\n\t项目名称\n\t某项目\n\n\t奇怪的行\n\t内容\n"
    write(tmp_path, {"t.txt": text})
    r = run_perfctl("import", tmp_path / "t.txt", "--into", tmp_path / "store", "--year", "2025")
    assert r.returncode == 2
    assert f"{tmp_path / 't.txt'}:5: the table states no budget amount (预算数" in r.stderr
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("name,expected", [
    ("第四届京津冀自贸试验区联席活动项目", "第四届京津冀自贸试验区联席活动项目"),
    ("中国（天津）自贸区 项目", "中国-天津-自贸区-项目"),
    ("../../etc/passwd", "etc-passwd"),
    ("a/b\\c", "a-b-c"),
    ("CON", "CON_"),
    ("nul.txt", "nul_.txt"),  # Windows reserves the part before the first dot
    ("x\x00y", "x-y"),
    ("...", "project"),
    ("项" * 80, "项" * 60),
])
def test_slug(name, expected):
    assert slug(name) == expected


def test_hostile_project_name_stays_inside_store(tmp_path):
    text = "\t389101某局\n\t单位：元\n\n\t项目名称\n\t../../outside\n\n\t预算规模及资金用途\n\t预算数\n\t1.00\n\n" \
           "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t数量指标\n\t次数\n\t≥1次\n"
    write(tmp_path, {"t.txt": text})
    r = run_perfctl("import", tmp_path / "t.txt", "--into", tmp_path / "store", "--year", "2025")
    assert r.returncode == 0, r.stderr
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*.yaml")] == [Path("store/389101/2025/outside.yaml")]
