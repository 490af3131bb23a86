"""The seed's four projects through the recognizer give ``data/`` byte for byte: from the seed
text (the text reader) and from the official layout of the same tables as an aligned grid
(what a .docx, .xlsx or .html of them gives: the title paragraph above each table, the
department and 单位：元 merged across, 一级 and 二级 merged down)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfctl import model, yamlio
from perfctl.errors import InputError
from perfctl.importers import text
from perfctl.importers.grid import Cell, Grid
from perfctl.importers.recognize import recognize

ROOT = Path(__file__).resolve().parents[2]
SEED = Path(__file__).parent / "fixtures" / "seed" / "tianjin-ftz-2025-project-targets.txt"
STORE = ROOT / "data" / "389101" / "2025"
ORDER = ["第四届京津冀自贸试验区联席活动项目", "自贸改革和制度创新奖评比表彰活动项目", "自贸区法律服务经费", "自贸区信息化技术运维项目"]


def committed(name: str) -> str:
    """A project file of the bundled store without its first (modeline) line."""
    return (STORE / f"{name}.yaml").read_text(encoding="utf-8").split("\n", 1)[1]


def dumped(found) -> list[str]:
    return [yamlio.dump(model.to_data(p.project)) for p in found.projects]


def test_seed_text_gives_the_store():
    found = recognize(text.read(SEED.name, SEED.read_bytes()), year=2025)
    assert [p.project.name for p in found.projects] == ORDER
    assert dumped(found) == [committed(n) for n in ORDER]
    assert found.notes == [] and all(not p.notes and not p.review for p in found.projects)


def test_seed_text_needs_the_year():
    with pytest.raises(InputError) as refused:
        recognize(text.read(SEED.name, SEED.read_bytes()))
    assert str(refused.value) == (f"{SEED.name}:2: the document does not state the budget year (预算年度); "
                                  "give it with --year")


def official(project: model.Project, table: int) -> Grid:
    """The official layout of a seed project as an aligned grid of 7 columns, with spans."""
    src = project.source
    assert src is not None
    before = [f"{src.number}.{src.title}"] if src.number else []
    g = Grid(f"{SEED.stem}.docx", f"table {table}", before=before, aligned=True)
    b = project.budget
    g.rows = [
        [Cell(f"{project.department.code}{project.department.name}", 0, 0, colspan=4), Cell("单位：元", 0, 4, colspan=3)],
        [Cell("项目名称", 1, 0), Cell(project.name, 1, 1, colspan=6)],
        [Cell("预算规模及资金用途", 2, 0, rowspan=2), Cell("预算数", 2, 1), Cell(str(b.total), 2, 2),
         Cell("其中：财政资金", 2, 3), Cell(str(b.fiscal), 2, 4), Cell("其他资金", 2, 5), Cell("", 2, 6)],
        [Cell(project.purpose or "", 3, 1, colspan=6)],
        [Cell("绩效目标", 4, 0), Cell("1." + project.goals[0], 4, 1, colspan=6)],
        [Cell("一级指标", 5, 0), Cell("二级指标", 5, 1), Cell("三级指标", 5, 2, colspan=2),
         Cell("绩效指标描述", 5, 4, colspan=2), Cell("指标值", 5, 6)],
    ]
    rows = project.indicators
    for i, ind in enumerate(rows):
        r = 6 + i
        row = []
        if i == 0 or rows[i - 1].level1 != ind.level1:
            span = next((k for k in range(i, len(rows)) if rows[k].level1 != ind.level1), len(rows)) - i
            row.append(Cell(ind.level1, r, 0, rowspan=span))
        if i == 0 or (rows[i - 1].level1, rows[i - 1].level2) != (ind.level1, ind.level2):
            span = next((k for k in range(i, len(rows)) if (rows[k].level1, rows[k].level2) != (ind.level1, ind.level2)),
                        len(rows)) - i
            row.append(Cell(ind.level2, r, 1, rowspan=span))
        row += [Cell(ind.name, r, 2, colspan=2), Cell(ind.description or "", r, 4, colspan=2), Cell(ind.target, r, 6)]
        g.rows.append(row)
    return g


def test_official_layout_gives_the_store():
    projects = [model.load(STORE / f"{n}.yaml") for n in ORDER]
    grids = [official(p, i) for i, p in enumerate(projects, start=1)]
    # The layout really merges: 产出指标 spans six rows, the first 数量指标 two.
    assert grids[0].rows[6][0].rowspan == 6 and grids[0].rows[6][1].rowspan == 2 and len(grids[0].rows[7]) == 3
    found = recognize(grids, year=2025)
    assert found.notes == [] and all(not p.notes and not p.review for p in found.projects)
    texts = dumped(found)
    for name, got in zip(ORDER, texts):
        got = got.replace(f"document: {SEED.stem}.docx", f"document: {SEED.name}")
        assert got == committed(name), name


def test_official_layout_positions_name_table_row_and_column():
    project = model.load(STORE / f"{ORDER[0]}.yaml")
    grid = official(project, 2)
    grid.rows[0] = [Cell("中国（天津）自由贸易试验区管理委员会办公室", 0, 0, colspan=4), Cell("单位：元", 0, 4, colspan=3)]
    with pytest.raises(InputError) as refused:
        recognize([grid], year=2025)
    assert str(refused.value) == (f"{SEED.stem}.docx: table 2, row 1, col 1: the table states no 部门编码 "
                                  "(department code); give it with --department-code")
    found = recognize([grid], year=2025, department_code="389101")
    assert found.projects[0].project.department.code == "389101"
