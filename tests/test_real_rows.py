"""The defective rows of published tables (rules.md §8) trigger the rules listed beside them.

Each row is added to the clean base project (tests/lint/base.yaml) as one more indicator;
the test asserts that every listed rule reports that row (other rules may report it too).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from perfctl import yamlio
from perfctl.lint.engine import lint

BASE = yamlio.parse((Path(__file__).parent / "lint" / "base.yaml").read_text(encoding="utf-8")).data

# source, (level1, level2, name, target, unit), budget year, profile, rules that must fire on the row
ROWS = [
    ("S22", ("产出指标", "数量指标", "业务工作支出安排金额", "28.8万元", "%"), 2025, "legacy-2015", {"PT-V09", "PT-N03"}),
    ("S22", ("产出指标", "时效指标", "工作安排时间", "按月安排", None), 2025, "legacy-2015", {"PT-T03"}),
    ("S22", ("产出指标", "成本指标", "社会成本指标", "100", "%"), 2025, "legacy-2015", {"PT-C08", "PT-N02", "PT-C02"}),
    ("S22", ("效益指标", "社会效益指标", "保证单位正常运转", "应保尽保", "%"), 2025, "legacy-2015", {"PT-V10", "PT-Q03"}),
    ("S20", ("产出指标", "质量指标", "博物馆绩效考核指标完成率", "=100百分比", None), 2023, "national-2021", {"PT-V04"}),
    ("S20", ("产出指标", "时效指标", "各项工作完成及时率", "%=99百分比", None), 2023, "national-2021", {"PT-V04"}),
    ("S20", ("成本指标", "社会成本指标", "对当地文物保护、文化传承影响", "长远", None), 2023, "national-2021", {"PT-C06", "PT-Q01"}),
    ("S20", ("成本指标", "生态环境成本指标", "提升博物馆绿化水平", "提升", None), 2023, "national-2021", {"PT-C06", "PT-Q01"}),
    ("S21", ("效益指标", "社会效益指标", "市民对空气质量改善的满意程度", "≥85%", None), 2023, "legacy-2015", {"PT-A04"}),
    ("S21", ("产出指标", "时效指标", "服务周期", "2023.07-2024.01", None), 2023, "legacy-2015", {"PT-T05"}),
    ("S21", ("产出指标", "成本指标", "控制在预算成本内", "250万", None), 2023, "legacy-2015", {"PT-C02"}),
    ("S24", ("产出指标", "质量指标", "委托业务报告合格率", "≥100百分比", None), 2022, "legacy-2015", {"PT-V06"}),
    ("S24", ("产出指标", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", None), 2022, "legacy-2015", {"PT-T03"}),
    ("S24", ("效益指标", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", None), 2022, "legacy-2015", {"PT-Q03"}),
    ("S26", ("产出指标", "质量指标", "确保天桥质量", "", None), 2020, "legacy-2015", {"PT-V01"}),
    ("S37", ("效益指标", "经济效益指标", "结余率", "≤5%", None), 2022, "legacy-2015", {"PT-C07"}),
    ("S23", ("成本指标", "经济成本指标", "成本控制率", "不超预算", None), 2022, "national-2021", {"PT-C02"}),
]


def _project(row: tuple, year: int) -> dict:
    level1, level2, name, target, unit = row
    data = copy.deepcopy(BASE)
    data["year"] = year
    data["goals"] = [g.replace("2025", str(year)) for g in data["goals"]]
    for ind in data["indicators"]:
        ind["target"] = ind["target"].replace("2025", str(year))
    extra = {"level1": level1, "level2": level2, "name": name, "target": target}
    if unit:
        extra["unit"] = unit
    data["indicators"].append(extra)
    return data


@pytest.mark.parametrize("source,row,year,profile,expected", ROWS, ids=[f"{r[0]} {r[1][2]}" for r in ROWS])
def test_real_defective_row(tmp_path, source, row, year, profile, expected):
    (tmp_path / "perfctl.yaml").write_text(f"profile: {profile}\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(yamlio.dump(_project(row, year)), encoding="utf-8")
    report = lint([tmp_path])
    assert report.errors == []
    index = len(BASE["indicators"])
    fired = {f.code for f in report.findings if f.node[:2] == ("indicators", index)}
    assert expected <= fired, f"{source}: expected {sorted(expected)}, fired {sorted(fired)}"
