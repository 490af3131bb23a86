"""Work spread over processes gives the same results, in the same order, as work done in one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perfctl import parallel, store
from perfctl.lint import engine
from perfctl.lint.reporters import REPORTERS
from conftest import GOOD, run_perfctl, write


def squares(items: list[int]) -> list[tuple[int, int]]:
    return [(i, i * i) for i in items]


def pids(items: list[int]) -> list[int]:
    return [os.getpid() for _ in items]


@pytest.fixture
def two_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two worker processes from the first item on, whatever the machine."""
    monkeypatch.setenv("PERFCTL_JOBS", "2")
    monkeypatch.setattr(parallel, "THRESHOLD", 1)


def projects(n: int, bad: tuple[int, ...] = ()) -> dict[str, str]:
    """``n`` project files in three departments, in folders and names whose order is not their
    creation order; the files numbered in ``bad`` do not load."""
    files = {}
    for i in range(n):
        text = GOOD.replace("测试项目", f"测试项目{i}").replace("≥500人次", f"≥{i + 1}人次" if i % 3 else "有效提升")
        if i in bad:
            text = text.replace("year: 2025", "year: [2025")
        files[f"{['b', 'a', 'c'][i % 3]}/{(i * 7) % n:03}.yaml"] = text
    return files


def test_map_chunks_keeps_input_order(two_jobs: None) -> None:
    items = list(range(1000))
    assert list(parallel.map_chunks(squares, items)) == squares(items)
    assert len(set(parallel.map_chunks(pids, items))) >= 1


def test_map_chunks_below_threshold_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFCTL_JOBS", "2")
    assert set(parallel.map_chunks(pids, list(range(10)))) == {os.getpid()}


def test_jobs_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFCTL_JOBS", "3")
    assert parallel.jobs() == 3
    monkeypatch.setenv("PERFCTL_JOBS", "none")
    assert parallel.jobs() >= 1


def test_lint_report_is_the_same_in_parallel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path, projects(60, bad=(5, 31)))
    monkeypatch.setenv("PERFCTL_NO_CACHE", "1")
    monkeypatch.setenv("PERFCTL_JOBS", "1")
    serial = engine.lint([root / "c", root, root / "a" / "007.yaml"])
    monkeypatch.setenv("PERFCTL_JOBS", "2")
    monkeypatch.setattr(parallel, "THRESHOLD", 1)
    spread = engine.lint([root / "c", root, root / "a" / "007.yaml"])
    assert [str(e) for e in spread.errors] == [str(e) for e in serial.errors] and len(serial.errors) == 2
    assert spread.files == serial.files and len(serial.files) == 58
    assert spread.findings == serial.findings and serial.findings
    for fmt in REPORTERS:
        assert "".join(REPORTERS[fmt](spread)) == "".join(REPORTERS[fmt](serial))


def test_load_all_is_the_same_in_parallel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path, projects(40, bad=(2,)))
    args = [root / "a", tmp_path / "missing", root]
    monkeypatch.setenv("PERFCTL_JOBS", "1")
    serial = store.load_all(args)
    monkeypatch.setenv("PERFCTL_JOBS", "2")
    monkeypatch.setattr(parallel, "THRESHOLD", 1)
    spread = store.load_all(args)
    assert spread[0] == serial[0] and len(serial[0]) == 39
    assert [str(e) for e in spread[1]] == [str(e) for e in serial[1]]
    assert "missing: no such file or folder" in str(serial[1][0]) and "invalid YAML" in str(serial[1][1])
    in_a = store.find_files([root / "a"])
    expected = in_a + [p for p in store.find_files([root]) if p.parent.name != "a" and p.name != "014.yaml"]
    assert [p.path for p in serial[0]] == expected


@pytest.mark.parametrize("args", [["lint", "--format", "json"], ["export", "--format", "csv"], ["render", "--format", "md"]])
def test_cli_output_is_the_same_with_one_or_two_workers(tmp_path: Path, args: list[str]) -> None:
    root = write(tmp_path, projects(parallel.THRESHOLD + 20))
    outputs = []
    for jobs in ("1", "2"):
        env = {**os.environ, "PERFCTL_JOBS": jobs, "PERFCTL_NO_CACHE": "1"}
        r = run_perfctl(args[0], root, *args[1:], env=env)
        outputs.append((r.returncode, r.stdout, r.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][1]
