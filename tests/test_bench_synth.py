"""The benchmark's synthetic store (tests/bench/synth.py): a store with year-end results loads,
every project's points total 100, and the store without results is byte for byte what the lint
benchmarks have always measured."""

from __future__ import annotations

import hashlib
import sys
from decimal import Decimal
from pathlib import Path

from conftest import ROOT
from perfctl import model

sys.path.insert(0, str(ROOT / "tests" / "bench"))
import synth  # noqa: E402

D = Decimal


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def test_store_without_results_is_unchanged(tmp_path: Path) -> None:
    # the digest of 20 projects as generated before results existed (commit a970aca)
    synth.make_store(tmp_path, 20)
    assert digest(tmp_path) == "fd66ca8c86324cac66f41a1ef65f5f2dee0b8011130cacb688bf5826aa58dcfc"


def test_results_are_deterministic_and_keep_the_targets(tmp_path: Path) -> None:
    a = synth.make_store(tmp_path / "a", 3, results=True)
    b = synth.make_store(tmp_path / "b", 3, results=True)
    plain = synth.make_store(tmp_path / "plain", 3)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    for with_results, without in zip(a, plain, strict=True):
        scored, bare = model.load(with_results), model.load(without)
        assert scored.identity == bare.identity and scored.budget.total == bare.budget.total
        assert [(i.level1, i.level2, i.name, i.target) for i in scored.indicators] == \
               [(i.level1, i.level2, i.name, i.target) for i in bare.indicators]
        assert scored.goals == bare.goals and len(scored.goals_actual) == len(bare.goals)


def test_points_total_100(tmp_path: Path) -> None:
    for path in synth.make_store(tmp_path, 3, results=True):
        project = model.load(path)
        assert project.budget.weight == D(10)
        assert sum((i.weight for i in project.indicators), project.budget.weight) == D(100)
        assert all(i.actual for i in project.indicators)


def test_first_project_by_hand(tmp_path: Path) -> None:
    project = model.load(synth.make_store(tmp_path, 3, results=True)[0])
    assert project.money_unit == "万元"
    assert (project.budget.initial, project.budget.adjusted, project.budget.spent) == \
           (D("311.00"), D("311.00"), D("258.85"))
    assert project.budget.deviation  # 258.85 ÷ 311 = 83.2 %, under 90 %
    rows = [(i.level1, i.target, i.weight, i.actual, i.score, i.deviation is not None) for i in project.indicators]
    # 5 产出 rows share 50 (10 each), 4 效益 rows 30 (7.5 each), 2 满意度 rows 10 (5 each): 90 + 10
    assert rows == [
        ("产出指标", "≥411人次", D(10), "501人次", None, False),
        ("产出指标", "优良", D(10), "达成年度指标", D("9.50"), False),  # top band: 8 ≤ 9.5 ≤ 10
        ("产出指标", "≥85%", D(10), "89%", None, False),
        ("产出指标", "2023年6月底前", D(10), "2023年5月", None, False),  # deadline met a month early
        ("产出指标", "≤7万元", D(10), "7.14万元", None, True),  # ≤ missed (7 ÷ 7.14 × 10 = 9.80), reason given
        ("效益指标", "有效节约", D("7.5"), "达成年度指标", D("6.00"), False),  # 0.8 × 7.5 = 6, the band's floor
        ("效益指标", "审核并出具法律意见书，确保出台政策不违反法律规定", D("7.5"), "达成年度指标", D("6.75"), False),
        ("效益指标", "≥95%", D("7.5"), "95%", None, False),
        ("效益指标", "稳中有升", D("7.5"), "达成年度指标", D("6.00"), False),
        ("满意度指标", "≥95%", D(5), "98%", D("5.00"), False),
        ("满意度指标", "≥90%", D(5), "95%", D("5.00"), False),
    ]


def test_declared_quantitative_score_by_hand(tmp_path: Path) -> None:
    third = model.load(synth.make_store(tmp_path, 3, results=True)[2])
    row = next(i for i in third.indicators if i.name == "资金拨付及时率")
    assert (row.target, row.weight, row.actual, row.score) == ("100%", D(10), "98%", D("9.80"))  # 98 ÷ 100 × 10


def test_weights_by_hand() -> None:
    # 产出 with 成本 rows: 7 rows share 50 = 500 tenths → 71 each, 3 left over → 7.2, 7.2, 7.2, 7.1 × 4;
    # no 满意度 row: 效益 has 30 + 10 = 40 for 3 rows → 13.4, 13.3, 13.3
    level1s = ["产出指标"] * 3 + ["成本指标"] * 4 + ["效益指标"] * 3
    assert synth._weights(level1s) == [D("7.2")] * 3 + [D("7.1")] * 4 + [D("13.4"), D("13.3"), D("13.3")]
    assert synth._weights(["产出指标", "效益指标", "满意度指标"]) == [D(50), D(30), D(10)]
