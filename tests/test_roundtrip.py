"""Round trip (issue 17 item 6): what ``perfctl render`` writes, ``perfctl import`` reads back
to the same project files.

For each store, layout and format: ``perfctl render STORE --layout L --format F --out D``, then
``perfctl import D/<code>-<year>.F --into S`` (no ``--year``: the document states the year), and
every file of S is compared byte for byte with the store's. The one line that differs by design
is ``document:`` under ``source``: it names the rendered file (``document: 389101-2025.docx``);
and where the source printed no title above a table, ``source`` gains the numbered title the
rendered document prints (:data:`KNOWN`). Everything above ``source`` is the same bytes.

Stores: the four seed projects (data/), and tests/fixtures/roundtrip/ (one department, 2026,
万元 amounts, a purpose and a goal with a line break inside, an empty 其他资金 and an
implementing unit in one project, a 其他资金 in the other, 绩效指标描述 in one only, and every
一级指标 of 财预〔2021〕101号 — 产出, 成本, 效益, 满意度 — beside the seed's 2015 categories).

An absent 其他资金 prints as ``—`` in the tianjin form, whose blank amount means 0 (the seed's
convention), so it comes back absent, not as 0.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from perfctl.cli import app

FIXTURE = ROOT / "tests" / "fixtures" / "roundtrip"
STORES = {"seed": DATA, "fixture": FIXTURE}
LAYOUTS = ("tianjin", "national-2021")
FORMATS = ("html", "docx", "xlsx")
DOCUMENT = re.compile(r"^  document: .*$", re.M)


def _titled(text: str) -> str:
    """The seed's source printed no title above its 2nd and 4th tables (data/ has no
    ``number``/``title`` for them); render prints ``N.<name>绩效目标表`` above every table, and
    import reads that title back as printed."""
    if "\n  title: " in text:
        return text
    position = re.search(r"^  position: (\d+)\n", text, re.M)
    name = re.search(r"^name: (.*)$", text, re.M)
    assert position and name
    return text.replace(position[0], f"{position[0]}  number: {position[1]}\n  title: {name[1]}绩效目标表\n")


#: (store, layout) → how the ``source`` block of what comes back differs from the store's: it
#: describes the document imported, the rendered one.
KNOWN = {("seed", layout): _titled for layout in LAYOUTS}


def files(store: Path) -> dict[str, str]:
    """Every project file under ``store``, by path relative to it."""
    return {str(p.relative_to(store)): p.read_text(encoding="utf-8") for p in sorted(store.rglob("*.yaml"))}


def roundtrip(store: Path, layout: str, fmt: str, tmp: Path) -> tuple[Path, dict[str, str]]:
    """Render ``store`` and import the one document back: (the document, the files imported)."""
    runner = CliRunner()
    rendered = runner.invoke(app, ["render", str(store), "--layout", layout, "--format", fmt,
                                   "--out", str(tmp / "out")])
    assert rendered.exit_code == 0, rendered.output
    [document] = sorted((tmp / "out").iterdir())
    imported = runner.invoke(app, ["import", str(document), "--into", str(tmp / "store")])
    assert (imported.exit_code, "warning:" in imported.output) == (0, False), imported.output
    return document, files(tmp / "store")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("store", list(STORES))
def test_render_then_import_gives_the_store_back(store, layout, fmt, tmp_path):
    document, got = roundtrip(STORES[store], layout, fmt, tmp_path)
    assert document.name == {"seed": "389101-2025", "fixture": "610201-2026"}[store] + f".{fmt}"
    known = KNOWN.get((store, layout), lambda text: text)
    want = {rel: known(DOCUMENT.sub(f"  document: {document.name}", text))
            for rel, text in files(STORES[store]).items()}
    assert list(got) == list(want)
    for rel in want:
        assert got[rel] == want[rel], rel


def test_the_fixture_holds_what_the_round_trip_is_for():
    """万元, a line break inside a goal and a purpose, an empty 其他资金, every first-level
    category of both frameworks (so that no case above passes for lack of one)."""
    from perfctl import model

    projects = {p.name: p for p in (model.load(path) for path in sorted(FIXTURE.rglob("*.yaml")))}
    assert {p.money_unit for p in projects.values()} == {"万元"}
    one, two = projects["公共文化服务提升项目"], projects["非遗保护宣传项目"]
    assert one.goals[0] == "完成12个街道综合文化站设备更新；\n全年开展群众文化活动不少于40场。"
    assert "\n" in (one.purpose or "") and one.budget.other is None and str(two.budget.other) == "2.30"
    assert [str(one.budget.total), str(two.budget.total)] == ["85.50", "12.30"]
    assert sorted({i.level1 for i in one.indicators}) == sorted(["产出指标", "成本指标", "效益指标", "满意度指标"])
    assert ("产出指标", "成本指标") in {(i.level1, i.level2) for i in two.indicators}  # the seed's 2015 framework


def test_the_fixture_passes_lint():
    result = CliRunner().invoke(app, ["lint", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert " error " not in result.output and " warning " not in result.output
