"""The findings of the structure, timeliness and value rules (PT-S, PT-T, PT-V) in Chinese,
and the same input in English; their explanations (``perfctl rules``) in Chinese.

Each case lints a project laid over ``tests/lint/base.yaml`` (as the rule cases do) with the
lint API, once with ``perfctl.i18n.use("zh")`` and once in English, and compares the exact
messages, values included.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from perfctl import config as config_mod
from perfctl import i18n, yamlio
from perfctl.cli import app
from perfctl.lint import engine
from perfctl.lint.rules import RULES
from tests.test_rules import BASE_TEXT, _merge, write_case

#: The rules these tests are about (their messages and explanations were translated together).
CODES = [f"PT-S{n:02d}" for n in range(1, 14)] + [f"PT-T{n:02d}" for n in range(1, 6)] + \
        [f"PT-V{n:02d}" for n in range(1, 16)]


def lint(folder: Path, lang: str, select: list[str], case: dict[str, Any]) -> list[str]:
    """The messages of the findings of ``select`` on the case's files (``project``: an overlay
    of the base project; ``edit``: replacements in its text; ``projects``: file name → overlay),
    with the case's store ``config``, linted in ``lang``, in report order."""
    i18n.use(lang)
    folder.mkdir()
    write_case(case, folder)
    conf = config_mod.for_path(folder)
    conf.lint.select = select
    report = engine.lint([folder], conf)
    assert report.errors == [], report.errors
    return [f.message for f in report.findings if f.code in select]


def row(level1: str, level2: str, name: str, target: str, **more: str) -> dict[str, str]:
    return {"level1": level1, "level2": level2, "name": name, "target": target, **more}


OUT, COST, QTY, TIME, QUAL = "产出指标", "成本指标", "数量指标", "时效指标", "质量指标"
ROWS = [row(OUT, QTY, "培训人次", "≥500人次"), row(OUT, QUAL, "培训合格率", "≥95%"),
        row(OUT, TIME, "培训完成时间", "2025年11月30日前")]


def rows(*more: dict[str, str]) -> dict[str, Any]:
    """An overlay whose indicators are three plain output rows and ``more``."""
    return {"indicators": ROWS + list(more)}


# (id, rules, case, English messages, Chinese messages)
CASES = [
    ("PT-S01", ["PT-S01"],
     {"edit": {"name: 基层干部能力提升培训项目": "name: 待填写", "  fiscal: '45'\n": "",
               "goals:\n  - 2025年完成基层干部培训500人次，培训合格率达到95%以上，学员履职能力提升率达到80%。\n": ""}},
     ["绩效目标 is missing; state what the money achieves this year under goals:",
      "项目名称 is still the placeholder '待填写'; fill it in",
      "财政资金 is missing; split 预算数 into fiscal (财政资金) and other (其他资金)"],
     ["缺少绩效目标；请在 goals: 下写明资金本年度要达到的目标",
      "项目名称仍是占位内容 '待填写'；请填写",
      "缺少财政资金；请将预算数拆分为 fiscal（财政资金）和 other（其他资金）"]),
    ("PT-S02 configured", ["PT-S02"],
     {"config": {"profile": "legacy-2015"}, "project": rows(row(COST, "经济成本指标", "项目总成本", "≤40万元"))},
     ["一级指标 '成本指标' is not a category of legacy-2015 (成本指标 is a 一级指标 in national-2021); "
      "expected one of: 产出指标, 效益指标, 满意度指标"],
     ["一级指标 '成本指标' 不是 legacy-2015 框架的类别（成本指标是 national-2021 框架的一级指标）；"
      "应为以下之一：产出指标、效益指标、满意度指标"]),
    ("PT-S03", ["PT-S03"], {"project": rows(row("效益指标", TIME, "成果应用时间", "2025年12月前"))},
     ["二级指标 '时效指标' does not belong to 效益指标; expected one of: 经济效益指标, 社会效益指标, 生态效益指标, "
      "可持续影响指标"],
     ["二级指标 '时效指标' 不属于效益指标；应为以下之一：经济效益指标、社会效益指标、生态效益指标、可持续影响指标"]),
    ("PT-S04 legacy", ["PT-S04"],
     {"project": rows(row(OUT, COST, "场地使用费", "≤12万元"), row(OUT, COST, "师资费", "≤10万元"),
                      row(COST, "经济成本指标", "项目总成本", "≤40万元"))},
     ["1 row uses 成本指标 as a 一级指标 (national-2021) while 2 file cost under 产出指标/成本指标 (legacy-2015); "
      "use one framework per table"],
     ["1个指标行以成本指标为一级指标（national-2021），而2个指标行将成本列在产出指标/成本指标下（legacy-2015）；"
      "一张表只能使用一种框架"]),
    ("PT-S04 national", ["PT-S04"],
     {"project": rows(row(OUT, COST, "场地使用费", "≤12万元"), row(COST, "经济成本指标", "项目总成本", "≤40万元"),
                      row(COST, "经济成本指标", "人均培训成本", "≤800元/人次"))},
     ["1 row files cost under 产出指标/成本指标 (2015 framework) while 2 use 成本指标 as a 一级指标 (national-2021); "
      "move it to 成本指标/经济成本指标"],
     ["1个指标行将成本列在产出指标/成本指标下（2015年框架），而2个指标行以成本指标为一级指标（national-2021）；"
      "请将前者移至成本指标/经济成本指标"]),
    ("PT-S09", ["PT-S09"], {"project": {"indicators": ROWS[:2]}},
     ["产出指标 has no 时效指标 row; expected at least one row each of: 数量指标, 质量指标, 时效指标"],
     ["产出指标下没有时效指标行；以下每项应至少有一行：数量指标、质量指标、时效指标"]),
    ("PT-S11", ["PT-S11"], {"project": {"indicators": ROWS[:2]}},
     ["table has 2 三级指标; expected at least 5 (threshold min_indicators) to cover outputs, cost, benefits and "
      "satisfaction"],
     ["本表有2个三级指标；应至少有5个（阈值 min_indicators），才能覆盖产出、成本、效益和满意度"]),
    ("PT-S12", ["PT-S12"], {"project": rows(row(OUT, QTY, "培训人次", "≥600人次"))},
     ["三级指标 '培训人次' also appears at line 16 (产出指标/数量指标); measure each indicator once"],
     ["三级指标 '培训人次' 已在第16行出现（产出指标/数量指标）；每个指标只设置一次"]),
    ("PT-T01", ["PT-T01"], {"project": rows(row(OUT, TIME, "验收时间", "2026年6月前"))},
     ["deadline '2026年6月前' is after the end of budget year 2025 (2025-12-31); an annual target must be met within "
      "the year — set a date in 2025 and keep the later date for the 实施期 (mid-term) target"],
     ["完成时限 '2026年6月前' 晚于2025预算年度末（2025-12-31）；年度目标须在本年度内完成，请设定2025年内的日期，"
      "较晚的日期留作实施期（中期）目标"]),
    ("PT-T04", ["PT-T04"], {"project": rows(row(OUT, TIME, "建设周期", "≤400天"))},
     ["时效 duration '≤400天' is about 13.2 months, longer than the budget year; expected at most 12 months — state "
      "the part done this year and keep the whole duration for the 实施期 (mid-term) target"],
     ["时效时长 '≤400天' 约13.2个月，超过预算年度；应不超过12个月，请写明本年度完成的部分，整个时长留作实施期（中期）目标"]),
    ("PT-T05", ["PT-T05"],
     {"project": rows(row(OUT, TIME, "服务期", "2025.07-2026.01"), row(OUT, TIME, "建设期", "2024.07-2026.01"))},
     ["date span '2025.07-2026.01' (2025-07 to 2026-01) runs past the end of budget year 2025; expected a span within "
      "2025-01 to 2025-12 — state this year's part and keep the whole span for the 实施期 (mid-term) target",
      "date span '2024.07-2026.01' (2024-07 to 2026-01) runs beyond both ends of budget year 2025; expected a span "
      "within 2025-01 to 2025-12 — state this year's part and keep the whole span for the 实施期 (mid-term) target"],
     ["日期区间 '2025.07-2026.01'（2025-07 至 2026-01）超出2025预算年度末；应在 2025-01 至 2025-12 之内，"
      "请写明本年度的部分，整个区间留作实施期（中期）目标",
      "日期区间 '2024.07-2026.01'（2024-07 至 2026-01）两端均超出2025预算年度；应在 2025-01 至 2025-12 之内，"
      "请写明本年度的部分，整个区间留作实施期（中期）目标"]),
    ("PT-V03", ["PT-V03"],
     {"project": rows(row(OUT, QTY, "补助发放", "严格按照预算标准1000元/人给补助对象兑付补助"),
                      row(OUT, QUAL, "实施方案", "详见方案"))},
     ["target '严格按照预算标准1000元/人给补助对象兑付补助' reads as a sentence with a figure in it, which the target "
      "grammar does not read; if the figure is the target, write it alone (≥1000元/人) and keep the sentence in "
      "指标解释 (description)",
      "target '详见方案' points elsewhere (详见) instead of stating a value; write the target itself (≥50人, 2025年12月前)"],
     ["指标值 '严格按照预算标准1000元/人给补助对象兑付补助' 是一句含有数字的话，无法按指标值的写法解读；"
      "如果其中的数字就是目标，请单独写出（≥1000元/人），句子放在指标解释（description）中",
      "指标值 '详见方案' 指向别处（详见），没有给出目标；请直接写出指标值（≥50人、2025年12月前）"]),
    ("PT-V04 glued unit word", ["PT-V04"], {"project": rows(row(OUT, QUAL, "验收合格率", "=100百分比"))},
     ["target '=100百分比' runs the operator, number and unit word '百分比' together; write '=100%'"],
     ["指标值 '=100百分比' 把计算符号、数字和单位词 '百分比' 连在一起；请写作 '=100%'"]),
    ("PT-V05", ["PT-V05"], {"project": rows(row(OUT, QTY, "出动车辆", "10", unit="辆"), row(OUT, QUAL, "达标率", "100%"))},
     ["target '10' has no operator; write =10辆 or ≥10辆 so the direction is clear",
      "target '100%' has no operator; write =100% so the direction is clear"],
     ["指标值 '10' 没有计算符号；请写作 =10辆 或 ≥10辆，使方向明确",
      "指标值 '100%' 没有计算符号；请写作 =100%，使方向明确"]),
    ("PT-V06", ["PT-V06"], {"project": rows(row(OUT, QUAL, "验收合格率", "120%"), row(OUT, QUAL, "资料归档率", "≥100%"))},
     ["target '120%' does not fit a share, which lies between 0% and 100%; for growth against a base, name the "
      "indicator 增长率",
      "target '≥100%' on a rate that cannot exceed 100% can only be met exactly; write =100% if every case must "
      "pass, or a level such as ≥98%"],
     ["指标值 '120%' 超出比例的取值范围（0%至100%）；如为相对基数的增长，请将指标命名为增长率",
      "比率不会超过100%，指标值 '≥100%' 只有恰好达到才算完成；要求全部达标的请写 =100%，否则写一个水平，如 ≥98%"]),
    ("PT-V07", ["PT-V07"], {"project": rows(row(OUT, QUAL, "验收合格率", "≥50人"), row(OUT, QTY, "服务次数", "≥3万元"))},
     ["'验收合格率' is a rate but its target '≥50人' is not a percentage; write a share such as ≥95%, or rename the "
      "indicator",
      "'服务次数' is a count but its target '≥3万元' is money; write a number of things such as ≥500人次, or rename "
      "the indicator"],
     ["'验收合格率' 是比率指标，但指标值 '≥50人' 不是百分比；请写比例，如 ≥95%，或修改指标名称",
      "'服务次数' 是计数指标，但指标值 '≥3万元' 是金额；请写数量，如 ≥500人次，或修改指标名称"]),
    ("PT-V09", ["PT-V09"],
     {"project": rows(row(OUT, QTY, "业务工作支出安排金额", "28.8万元", unit="%"),
                      row(OUT, COST, "培训总成本", "≤40万元", unit="元"),
                      row(OUT, TIME, "验收时间", "2025年11月30日前", unit="%"))},
     ["unit column '%' disagrees with the unit '万元' in the target '28.8万元'; write the number in 指标值 and one unit "
      "in 计量单位",
      "unit column '元' and the unit '万元' in the target '≤40万元' measure the same thing but differ; write the "
      "number in 指标值 in the column's unit",
      "unit column '%' does not fit the date target '2025年11月30日前'; leave 计量单位 empty for a date"],
     ["计量单位列 '%' 与指标值 '28.8万元' 中的单位 '万元' 不一致；请在指标值中只写数字，在计量单位中写一个单位",
      "计量单位列 '元' 与指标值 '≤40万元' 中的单位 '万元' 计量同一种量，但并不相同；请按计量单位列的单位填写指标值中的数字",
      "计量单位列 '%' 与日期指标值 '2025年11月30日前' 不符；日期的计量单位应留空"]),
    ("PT-V11", ["PT-V11"],
     {"project": rows(row(OUT, TIME, "响应人数", "≥20人"), row("满意度指标", "服务对象满意度指标", "满意人数", "≥90人"))},
     ["target '≥20人' is a count (人, 次, 个…), unusual for 时效指标; expected one of: a duration (天, 小时, 个月…), "
      "a date (2025年12月前), a percentage (%)",
      "target '≥90人' is a count (人, 次, 个…), unusual for 服务对象满意度指标; expected a percentage (%)"],
     ["指标值 '≥20人' 是数量（人、次、个…），时效指标通常不用；应为以下之一：时长（天、小时、个月…）、"
      "日期（2025年12月前）、百分比（%）",
      "指标值 '≥90人' 是数量（人、次、个…），服务对象满意度指标通常不用；应为百分比（%）"]),
    ("PT-V12", ["PT-V12"],
     {"project": rows(row(OUT, QTY, "道路长度", "≥80M"), row(OUT, QTY, "检查频次", "≥5个/次"),
                      row(OUT, QUAL, "验收合格率", "95百分比"))},
     ["unit 'M' does not say what is measured (米 or 兆? 万元 or 万人?); write the full unit (米, 千米, 万元…)",
      "unit '个/次' joins two counts; write one of '个' or '次'",
      "unit '百分比' is a non-standard spelling; write '%'"],
     ["计量单位 'M' 没有说明计量的是什么（米还是兆？万元还是万人？）；请写完整的单位（米、千米、万元…）",
      "计量单位 '个/次' 把两个计数单位连在一起；请只写 '个' 或 '次'",
      "计量单位 '百分比' 是不规范的写法；请写作 '%'"]),
    ("PT-V13", ["PT-V13"], {"project": rows(row(OUT, COST, "培训总成本", "控制在40万元以内"))},
     ["target '控制在40万元以内' writes the operator as '以内', '控制在'; write '≤40万元'"],
     ["指标值 '控制在40万元以内' 的计算符号写作 '以内'、'控制在'；请写作 '≤40万元'"]),
    ("PT-V14", ["PT-V14"], {"project": rows(row(OUT, QUAL, "验收合格率", "80%-90%"))},
     ["range '80%-90%' states no direction; write the level to reach (≥80%) or the cap (≤90%) and explain the range "
      "in 绩效指标描述"],
     ["区间 '80%-90%' 没有说明方向；请写出应达到的水平（≥80%）或上限（≤90%），并在绩效指标描述中说明该区间"]),
    ("PT-V15", ["PT-V15"], {"edit": {"name: 培训人次": "name: 培训\u200b人次"}},
     ["invisible character U+200B (ZERO WIDTH SPACE) in '培训\\u200b人次'; delete it"],
     ["'培训\\u200b人次' 中有不可见字符 U+200B（ZERO WIDTH SPACE）；请删除"]),
]


@pytest.mark.parametrize("select, case, english, chinese", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_findings_in_chinese_and_english(tmp_path: Path, select: list[str], case: dict[str, Any],
                                         english: list[str], chinese: list[str]) -> None:
    assert lint(tmp_path / "zh", "zh", select, case) == chinese
    assert lint(tmp_path / "en", "en", select, case) == english


def test_a_duplicate_project_names_the_other_file_in_chinese(tmp_path: Path) -> None:
    case = {"projects": {"a.yaml": {"name": "自贸区法律服务经费"}, "b.yaml": {"name": "自贸区法律服务经费"}}}
    zh, en = tmp_path / "zh", tmp_path / "en"
    assert lint(zh, "zh", ["PT-S13"], case) == [f"项目 '自贸区法律服务经费'（100001，2025年）在 {zh / 'a.yaml'} 中也有定义"]
    assert lint(en, "en", ["PT-S13"], case) == [f"project '自贸区法律服务经费' (100001, 2025) is also defined in {en / 'a.yaml'}"]


def test_the_language_can_change_between_two_lints_in_one_process(tmp_path: Path) -> None:
    """PT-V12 remembers what it found per unit in a language-free form: the second lint, in the
    other language, is not served the first one's words."""
    case = {"project": rows(row(OUT, QUAL, "验收合格率", "95百分比"))}
    assert lint(tmp_path / "en", "en", ["PT-V12"], case) == ["unit '百分比' is a non-standard spelling; write '%'"]
    assert lint(tmp_path / "zh", "zh", ["PT-V12"], case) == ["计量单位 '百分比' 是不规范的写法；请写作 '%'"]


def test_lint_on_the_command_line_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    project = _merge(yamlio.parse(BASE_TEXT).data, rows(row(OUT, QUAL, "达标率", "100%")))
    (folder / "project.yaml").write_text(yamlio.dump(project), encoding="utf-8")
    zh = CliRunner().invoke(app, ["--lang", "zh", "lint", str(folder), "--select", "PT-V05"])
    en = CliRunner().invoke(app, ["--lang", "en", "lint", str(folder), "--select", "PT-V05"])
    assert "PT-V05" in zh.stdout and "指标值 '100%' 没有计算符号；请写作 =100%，使方向明确" in zh.stdout
    assert "target '100%' has no operator; write =100% so the direction is clear" in en.stdout


@pytest.mark.parametrize("code", CODES)
def test_every_explanation_is_translated_in_the_shape_perfctl_rules_reads(code: str) -> None:
    """The Chinese explanation keeps ``CODE name:`` on its first line (perfctl rules splits on
    the first colon) and the 来源：/不通过：/通过： paragraphs."""
    from perfctl.commands.rules import explanation

    rule = RULES[code]
    i18n.use("zh")
    text = explanation(rule)
    assert text != inspect.cleandoc(rule.__doc__ or "")
    first, _, body = text.partition("\n")
    assert first.startswith(f"{code} {rule.NAME}: ") and "Fails" not in body
    starts = [line.split("：", 1)[0] for line in body.splitlines() if "：" in line]
    assert {"来源", "不通过", "通过"} <= set(starts), starts


def test_perfctl_rules_in_chinese() -> None:
    table = CliRunner().invoke(app, ["--lang", "zh", "rules"])
    line = next(x for x in table.stdout.splitlines() if x.startswith("PT-V05"))
    assert "no-operator" in line and line.endswith("数字前没有计算符号（`1人`、`100%`）。")
    one = CliRunner().invoke(app, ["--lang", "zh", "rules", "PT-S04"])
    assert one.exit_code == 0
    flat = "".join(one.stdout.split())  # wrapped to the terminal: compare without line breaks
    assert "来源：财预〔2015〕88号（成本指标在产出指标之下）与财预〔2021〕101号（成本指标为一级指标）。" in flat
    assert "\n通过：" in one.stdout and "通过：只有`产出指标/成本指标`行。" in flat
    english = CliRunner().invoke(app, ["--lang", "en", "rules", "PT-S04"])
    assert "Passes: only `产出指标/成本指标` rows." in english.stdout
