"""The lint cache in ``STORE/.perfctl/cache/``: a hit gives the same report without checking the
file again; a changed file, another perfctl version or other settings miss; the folder is
safe to delete and a damaged cache file is ignored.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import perfctl
from perfctl import cache
from perfctl.authoring import scaffold
from perfctl.lint import checker, engine
from perfctl.lint.reporters import REPORTERS
from conftest import DATA, GOOD, run_perfctl, write


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled store's four projects, a bad file and a config, in a store of their own."""
    monkeypatch.setattr(engine, "CACHE_MIN_FILES", 0)
    monkeypatch.delenv("PERFCTL_NO_CACHE", raising=False)
    root = tmp_path / "store"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".*"))
    write(root, {"perfctl.yaml": "profile: auto\n", "x/bad.yaml": GOOD.replace("year: 2025", "year: [2025"),
                 "x/good.yaml": GOOD})
    return root


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files linted afresh (not taken from the cache), run by run."""
    names: list[str] = []
    real = engine.check_files

    def spy(jobs):  # type: ignore[no-untyped-def]
        names.extend(path.name for path, _ in jobs)
        return real(jobs)

    monkeypatch.setattr(engine, "check_files", spy)
    return names


def report(root: Path) -> str:
    """The JSON lint report of ``root``: findings, errors and files, everything a run gives."""
    return "".join(REPORTERS["json"](engine.lint([root])))


def cache_files(root: Path) -> list[Path]:
    return sorted((root / cache.FOLDER).glob("lint-*.json"))


def test_second_run_is_served_from_the_cache(store: Path, checked: list[str]) -> None:
    first = report(store)
    assert len(checked) == 6
    checked.clear()
    assert report(store) == first
    assert checked == ["bad.yaml"]  # files that do not load are not cached: their messages name the file
    assert len(cache_files(store)) == 1


def test_a_changed_file_is_checked_again(store: Path, checked: list[str]) -> None:
    report(store)
    checked.clear()
    target = store / "x" / "good.yaml"
    target.write_text(GOOD.replace("≥500人次", "有效提升"), encoding="utf-8")
    after = json.loads(report(store))
    assert checked == ["bad.yaml", "good.yaml"]
    assert any(f["code"] == "PT-Q01" and f["path"] == str(target) for f in after["findings"])
    checked.clear()
    target.write_text(GOOD, encoding="utf-8")  # back as it was: a run over the whole store kept only today's entries
    report(store)
    assert checked == ["bad.yaml", "good.yaml"]


def test_a_run_over_part_of_the_store_keeps_the_other_entries(store: Path, checked: list[str]) -> None:
    report(store)
    target = store / "x" / "good.yaml"
    target.write_text(GOOD.replace("≥500人次", "有效提升"), encoding="utf-8")
    engine.lint([store / "x"])
    target.write_text(GOOD, encoding="utf-8")
    checked.clear()
    report(store)
    assert checked == ["bad.yaml"]


def test_a_new_version_does_not_trust_the_cache(store: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = report(store)
    checked.clear()
    monkeypatch.setattr(perfctl, "__version__", "99.0.0")
    cache.code_fingerprint.cache_clear()
    try:
        assert report(store) == first
        assert len(checked) == 6
        assert len(cache_files(store)) == 2
    finally:
        cache.code_fingerprint.cache_clear()


def test_an_edit_of_perfctl_itself_does_not_trust_the_cache(store: Path, checked: list[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    report(store)
    checked.clear()
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "perfctl as edited")
    report(store)
    assert len(checked) == 6


def test_other_settings_do_not_share_entries(store: Path, checked: list[str]) -> None:
    report(store)
    (store / "perfctl.yaml").write_text("profile: auto\nlint:\n  ignore: [PT-D02]\n", encoding="utf-8")
    checked.clear()
    after = json.loads(report(store))
    assert len(checked) == 6
    assert not any(f["code"] == "PT-D02" for f in after["findings"])
    assert len(cache_files(store)) == 2


def test_the_cache_folder_is_safe_to_delete(store: Path, checked: list[str]) -> None:
    first = report(store)
    shutil.rmtree(store / cache.FOLDER)
    checked.clear()
    assert report(store) == first
    assert len(checked) == 6
    assert cache_files(store)


@pytest.mark.parametrize("damage", [
    b"", b"\x00\xff not json", b'{"perfctl": "0.1.0"', b"[]",
    "json with the right key and junk entries",
])
def test_a_damaged_cache_file_is_ignored(store: Path, checked: list[str], damage: bytes | str) -> None:
    first = report(store)
    (path,) = cache_files(store)
    if isinstance(damage, str):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["files"] = {}  # every file read and hashed, so that each entry is looked at
        header = ["1", "d", 2025, "n", "元", ["1.00", None, None], None, None]
        row = [0, 1, 1]  # texts, line, col
        junk = [None, 7, "x", [], [0, 0, [], [], [], "", []],
                [0, 0, header, [], [1, 2, 10**6, 0, 0, 0], "0123456789abcdef", []],
                [0, 0, header, [], [1, "2", 0, 0, 0, 0], "0123456789abcdef", []], [0, 0, header, [0, 1], [], "", []],
                [0, 0, header, [], [1, 2.0, 0, 0, 0, 0], "0123456789abcdef", []],  # a float index
                [0, 0, header, [-1, 1, 1.5], [], "", []], [0, 0, header, [], [], "", [0, None, 1]],
                [0, 0, ["1", "d", 2025, "n", "元", ["x", None, None], None, None], [], [], "", []],
                [0, 0, [["1"], "d", 2025, "n", "元", ["1.00", None, None], None, None], [], [], "", []],
                [0, 0, ["1", "d", "2025", "n", "元", ["1.00", None, None], None, None], [], [], "", []],
                [0, 0, ["1", "d", 2025, "n", "元", ["1.00", None, None], None, 7], [], [], "", []],
                [0, 0, header, [], [], "", [10**6, *row[1:]]], [0, 0, header, [], [], "", [-1, *row[1:]]],
                [0, 0, header, [], [], "", row[:2]], [0, 0, header, [], [], "", [*row[:2], "1"]],
                [0, 0, header, [], [], "", [*row, 10**6, 1, 1]], [0, 0, header, [], [], ""]]
        junk += [as_stored(e) for e in junk] + [  # numbers as the cache keeps them, and broken such texts
            [0, 0, header, "AAAA", "", "", "Zm9v"], [0, 0, header, "", "not base64!", "", ""],
            [0, 0, header, "", "5Lit", "", ""], [0, 0, header, "", "中", "", ""]]  # 3 bytes; not ASCII
        for turn in range(0, len(junk), len(data["entries"])):  # every kind of junk in some entry
            data["entries"] = {key: junk[(turn + i) % len(junk)] for i, key in enumerate(data["entries"])}
            path.write_text(json.dumps(data), encoding="utf-8")
            checked.clear()
            assert report(store) == first
            assert len(checked) == 6
        return
    path.write_bytes(damage)
    checked.clear()
    assert report(store) == first
    assert len(checked) == 6


def as_stored(entry: object) -> object:
    """A junk entry with its lists of whole numbers as :meth:`checker.Record.stored` keeps them."""
    def whole(x: object) -> bool:
        return type(x) is list and all(type(n) is int and -2**31 <= n < 2**31 for n in x)
    if type(entry) is not list or len(entry) != 7:
        return entry
    return [checker._text(x) if i in (3, 4, 6) and whole(x) else x for i, x in enumerate(entry)]


def test_the_cache_folder_ignores_itself_and_init_ignores_it(store: Path) -> None:
    report(store)
    assert (store / cache.FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert ".perfctl/cache/" in scaffold.files(dept=None, dept_name=None, year=None, profile="auto",
                                               line_endings="lf")[".gitignore"].splitlines()


def test_no_cache_outside_a_store_or_when_turned_off(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loose = write(tmp_path / "loose", {"a.yaml": GOOD})
    report(loose)
    assert not (loose / ".perfctl").exists()
    monkeypatch.setenv("PERFCTL_NO_CACHE", "1")
    report(store)
    assert not (store / ".perfctl" / "cache").exists()
    monkeypatch.setenv("PERFCTL_NO_CACHE", "false")  # read as "not off", as a user setting it so means
    report(store)
    assert cache_files(store)


def test_few_files_do_not_read_or_write_the_cache(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CACHE_MIN_FILES", 100)
    report(store)
    assert not (store / cache.FOLDER).exists()


def test_a_record_survives_the_cache_form(store: Path) -> None:
    conf = engine.config_mod.for_path(store)
    ((_, packed),) = checker.check_files([(store / "x" / "good.yaml", conf)])
    assert isinstance(packed, list) and len(packed) == 8  # a worker's record carries its own string table
    store_cache = cache.Cache(None)
    table = checker.Strings(store_cache.strings, store_cache.intern)
    fresh = checker.Record(table.adopt(json.loads(json.dumps(packed))), table)
    later = cache.Cache(None)
    later.strings = json.loads(json.dumps(store_cache.strings))
    back = checker.Record.unpack(json.loads(json.dumps(fresh.stored())), checker.Strings(later.strings, later.intern))
    assert back is not None
    assert (back.profile, back.reason) == (fresh.profile, fresh.reason) == ("legacy-2015", "no cost rows; assumed")
    assert back.project(Path("x.yaml")) == fresh.project(Path("x.yaml"))
    rows = back.project(Path("x.yaml"), rows=True)  # what the history rules (PT-H) read
    assert rows == fresh.project(Path("x.yaml"), rows=True)
    assert [(i.level1, i.level2, i.name, i.target, i.actual) for i in rows.indicators] == [
        ("产出指标", "数量指标", "培训人次", "≥500人次", None)]
    assert rows.doc is not None and rows.doc.mark(("indicators", 0, "target")) == (18, 13)
    assert back.findings("x.yaml") == fresh.findings("x.yaml")
    assert sorted(f[1:] for f in fresh.findings("x.yaml")) == sorted(
        f[1:] for f in engine.lint([store / "x" / "good.yaml"]).findings)
    assert len(fresh.findings("x.yaml")) == 7


def test_cli_lint_twice_prints_the_same(store: Path) -> None:
    # above engine.CACHE_MIN_FILES, so the command uses the cache
    write(store, {f"many/p{i:03}.yaml": GOOD.replace("测试项目", f"测试项目{i}") for i in range(120)})
    first = run_perfctl("lint", store, "--format", "json")
    assert list((store / cache.FOLDER).glob("lint-*.json"))
    second = run_perfctl("lint", store, "--format", "json")
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)


def test_the_cache_is_never_written_through_a_link_out_of_the_store(store: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (store / ".perfctl").symlink_to(outside, target_is_directory=True)
    first = report(store)
    assert list(outside.rglob("*")) == []
    assert report(store) == first


def test_a_file_known_by_its_status_is_not_read(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = 1_600_000_000 * 10**9  # long before the run: statuses are remembered
    for path in store.rglob("*.yaml"):
        os.utime(path, ns=(old, old))
    monkeypatch.setattr(cache, "RACY_NS", -10**18)  # ctime cannot be set back; trust it for this test
    first = report(store)
    reads: list[str] = []
    real = engine.fileio.read_bytes
    monkeypatch.setattr(engine.fileio, "read_bytes", lambda p: reads.append(Path(p).name) or real(p))
    assert report(store) == first
    # only the store's config and the one file without an entry (it fails to load) are read
    assert sorted(set(reads)) == ["bad.yaml", "perfctl.yaml"]


def test_an_edit_that_keeps_size_and_time_is_still_seen(store: Path, checked: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # edited within the racy window of the run that hashed it: the status is not trusted
    target = store / "x" / "good.yaml"
    report(store)
    before = target.stat()
    target.write_text(GOOD.replace("≥500人次", "≥600人次"), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    checked.clear()
    after = json.loads(report(store))
    assert checked == ["bad.yaml", "good.yaml"]
    monkeypatch.setenv("PERFCTL_NO_CACHE", "1")
    assert after == json.loads(report(store))


def test_a_status_is_remembered_only_for_a_file_changed_well_before_the_run(tmp_path: Path) -> None:
    from types import SimpleNamespace

    path = tmp_path / "p.yaml"
    path.write_text(GOOD, encoding="utf-8")
    store_cache = cache.Cache(None)
    store_cache.remember(str(path), path.stat(), "k1")  # changed just now: an edit in the same tick could hide
    assert store_cache.files == {}
    old = store_cache.started - cache.RACY_NS - 10**9  # changed (and, say, restored) well before the run
    st = SimpleNamespace(st_size=120, st_mtime_ns=old, st_ctime_ns=old, st_ino=7)
    store_cache.remember(str(path), st, "k1")  # type: ignore[arg-type]
    assert store_cache.files == {str(path): [120, old, old, 7, "k1"]}
    store_cache.old_files = store_cache.files
    assert store_cache.known_digest(str(path), st) == "k1"  # type: ignore[arg-type]
    for edit in ({"st_ctime_ns": old + 1}, {"st_size": 121}, {"st_mtime_ns": old + 1}, {"st_ino": 8}):
        assert store_cache.known_digest(str(path), SimpleNamespace(**{**vars(st), **edit})) is None  # type: ignore[arg-type]
