"""Property tests of issue 16: (a) ``export`` then ``import`` of the long format gives back the
same project files; (b) lint, export and render give the same result on one worker and on several.

Projects are generated with every field of the file format (:func:`projects`), their 指标值 from
the grammar's generators (tests/test_fmt_meaning.py); the stores of (b) are the benchmark's
synthetic stores (tests/bench/synth.py), past the size at which a process pool is used, with
generated projects added. fmt's idempotence is tested in tests/test_fmt.py and
tests/test_fmt_meaning.py, not here.
"""

from __future__ import annotations

import concurrent.futures
import json
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from perfctl import export, model, parallel, render, store, yamlio
from perfctl.authoring import safewrite
from perfctl.commands import import_
from perfctl.lint.engine import lint
from perfctl.model import Budget, BudgetPart, BudgetParts, Department, Indicator, Project, Source
from test_fmt_meaning import NUMS
from test_fmt_meaning import VALUES as TARGETS

sys.path.insert(0, str(ROOT / "tests" / "bench"))
import synth  # noqa: E402

#: Characters of generated texts: Chinese, ASCII, what YAML, CSV and spreadsheets treat specially.
CHARS = [*"项目资金绩效目标服务管理中心自贸区天津年度人次满意率完成（）【】、，。：；",
         *"abcXYZ019 .,;:-+=@#&*!?|>'\"%()[]{}≥≤<", "\n"]
LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标"]
LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度指标"]
CODES = st.text("0123456789ABCabc", min_size=1, max_size=12)


def texts(min_size: int = 0, max_size: int = 24, for_csv: bool = False) -> st.SearchStrategy[str]:
    """Texts of :data:`CHARS`; ``for_csv``: not empty (an empty cell is absent) and :func:`csv_safe`."""
    found = st.text(st.sampled_from(CHARS), min_size=max(min_size, for_csv), max_size=max_size)
    return found.filter(csv_safe) if for_csv else found


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def amounts(places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=-10**6, max_value=10**9, places=places, allow_nan=False, allow_infinity=False)


def csv_safe(text: str) -> bool:
    """Whether a text survives the CSV: not one the export's formula quote cannot be told from
    (``'=x`` comes back as ``=x``, which the export writes as ``'=x`` too)."""
    return not (text.startswith("'") and export.neutralise(text[1:]) == text)


@st.composite
def budgets(draw: st.DrawFn, unit: str | None, for_csv: bool) -> Budget:
    """预算数 and the rest in ``unit`` (元 or 万元); ``None``: a department table without money."""
    if unit is None:
        return Budget(total=None)
    money = amounts(6 if unit == "万元" else 2)
    maybe = optional(money)
    budget = Budget(total=draw(money), fiscal=draw(maybe), other=draw(maybe), initial=draw(maybe),
                    adjusted=draw(maybe), spent=draw(maybe), weight=draw(optional(amounts(1))),
                    deviation=draw(optional(texts(for_csv=for_csv))))
    if draw(st.booleans()):
        budget.parts = BudgetParts(fiscal=BudgetPart(draw(maybe), draw(maybe), draw(money)),
                                   other=draw(optional(st.builds(BudgetPart, maybe, maybe, maybe))))
    return budget


@st.composite
def indicators(draw: st.DrawFn, for_csv: bool) -> Indicator:
    """A row with any of a row's keys; its 指标值 from the grammar's generators, a number (with a
    计量单位 or without) or any text."""
    text = texts(for_csv=for_csv)
    maybe = optional(text)
    return Indicator(level1=draw(st.sampled_from(LEVEL1)), level2=draw(st.sampled_from(LEVEL2)), name=draw(text),
                     target=draw(TARGETS | NUMS | text), description=draw(maybe),
                     unit=draw(optional(st.sampled_from(["人", "%", "万元", "次"]) | text)),
                     basis=draw(optional(st.sampled_from(["计划标准", "行业标准", "历史标准", "其他标准"]))),
                     op=draw(maybe), weight=draw(optional(amounts(1))), actual=draw(maybe),
                     score=draw(optional(amounts(2))), deviation=draw(maybe))


@st.composite
def projects(draw: st.DrawFn, index: int, for_csv: bool = False) -> Project:
    """A project with any of the format's fields. ``for_csv``: only what the CSV export carries
    (no purpose, goals, source …; at least one row; no empty optional text)."""
    kind = draw(st.sampled_from(["project", "department"]))
    unit = None if kind == "department" and draw(st.booleans()) else draw(st.sampled_from(["元", "万元"]))
    text = texts(for_csv=for_csv)
    maybe = optional(text)
    rich = not for_csv
    lists = st.lists(texts(), max_size=3)
    sources = st.builds(Source, optional(texts()), optional(st.integers(1, 99)), optional(st.integers(1, 99)),
                        optional(texts()))
    return Project(
        department=Department(draw(CODES), draw(texts(1, for_csv=for_csv))), year=draw(st.integers(1900, 2200)),
        name=f"P{index}{draw(text)}",  # a unique ASCII start keeps the slugs (file names) apart
        money_unit=unit, budget=draw(budgets(unit, for_csv)), purpose=draw(maybe) if rich else None,
        goals=draw(lists) if rich else [], indicators=draw(st.lists(indicators(for_csv), min_size=for_csv, max_size=4)),
        source=draw(optional(sources)) if rich else None, kind=kind, implementing_unit=draw(maybe),
        period=draw(maybe), code=draw(optional(st.from_regex(r"[0-9A-Za-z][0-9A-Za-z._-]{0,15}", fullmatch=True))),
        midterm_goals=draw(lists) if rich else [], goals_actual=draw(lists) if rich else [])


def stores(for_csv: bool = False) -> st.SearchStrategy[list[Project]]:
    return st.integers(1, 4).flatmap(lambda n: st.tuples(*(projects(i, for_csv) for i in range(n)))).map(list)


def write_store(root: Path, generated: list[Project]) -> dict[str, bytes]:
    """Write each project as import writes a file (canonical layout, schema modeline); its bytes by path."""
    written = {}
    for project in generated:
        target = store.project_path(root, project)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = safewrite.with_modeline(yamlio.dump(model.to_data(project)), target, root)
        target.write_text(text, encoding="utf-8")
        written[target.relative_to(root).as_posix()] = text.encode("utf-8")
    return written


def project_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def round_trip(generated: list[Project], fmt: str, prefix: str = "") -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The project files written from ``generated`` and those ``perfctl import`` makes of their export."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dest = Path(tmp, "src"), Path(tmp, "dest")
        written = write_store(src, generated)
        loaded, errors = store.load_all([src])
        assert errors == []
        out = Path(tmp, f"export.{fmt}")
        out.write_text(prefix + "".join(export.FORMATS[fmt](store.document_order(loaded))), encoding="utf-8")
        assert import_.run([out], dest) == (1 if fmt == "csv" else 0)  # a CSV import warns of what it lacks (IMP-W-CSV)
        return written, project_files(dest)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stores())
def test_json_export_imports_back_to_the_same_files(generated):
    written, imported = round_trip(generated, "json")
    assert len(written) == len(generated)  # a file per project: the generator keeps names apart
    assert imported == written


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stores(for_csv=True), st.sampled_from(["", "\ufeff"]))
def test_csv_export_imports_back_to_the_same_files(generated, bom):
    written, imported = round_trip(generated, "csv", bom)
    assert len(written) == len(generated)
    assert imported == written


def _outputs(root: Path) -> tuple[list, list[str], str, str, list[str]]:
    """Lint findings and errors, the JSON and CSV export, the rendered Markdown of the store ``root``."""
    report = lint([root])
    loaded, errors = store.load_all([root])
    assert errors == []
    ordered = store.document_order(loaded)
    env = render.environment(render.store_templates([root]))
    rendered = [render.render_document(env, "document.md.j2", d) for d in render.documents(loaded)]
    return (report.findings, [str(e) for e in report.errors], export.to_json(ordered), export.to_csv(ordered),
            rendered)


class _CountingPool(concurrent.futures.ProcessPoolExecutor):
    started = 0

    def __init__(self, *args, **kwargs):
        type(self).started += 1
        super().__init__(*args, **kwargs)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.booleans(), stores(), st.sampled_from(["2", "3"]))
def test_lint_export_render_are_the_same_on_one_worker_and_several(seed, results, extra, jobs):
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        root = Path(tmp, "store")
        files = synth.make_store(root, parallel.THRESHOLD, seed, results=results)
        write_store(root, extra)
        assert len(files) + len(extra) >= parallel.THRESHOLD  # enough files for the process pool
        mp.setenv("PERFCTL_NO_CACHE", "1")  # each run checks every file, none served from the lint cache
        mp.setattr(concurrent.futures, "ProcessPoolExecutor", _CountingPool)
        mp.setenv("PERFCTL_JOBS", "1")
        _CountingPool.started = 0
        one = _outputs(root)
        assert _CountingPool.started == 0
        mp.setenv("PERFCTL_JOBS", jobs)
        several = _outputs(root)
        assert _CountingPool.started >= 2  # lint and loading ran on the pool
    findings, errors, as_json, as_csv, rendered = one
    assert len(findings) > 100 and errors == [] and len(rendered) >= 1  # real output, not two empty runs
    assert len(json.loads(as_json)) == len(files) + len(extra) and as_csv.count("\n") > len(files)
    assert several[0] == findings
    assert several[1:] == one[1:]
