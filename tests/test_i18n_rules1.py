"""The findings of the budget, cost, satisfaction, description, meta and qualitative rules
(PT-A0x, PT-B0x, PT-C0x, PT-D0x, PT-M0x, PT-Q0x) in Chinese, and the same input in English.

Each case lints a project laid over ``tests/lint/base.yaml`` (as the rule cases do) with the
lint API, once with ``perfctl.i18n.use("zh")`` and once in English, and compares the exact
messages, values included.
"""

from __future__ import annotations

import copy
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

BASE_TEXT = (Path(__file__).parent / "lint" / "base.yaml").read_text(encoding="utf-8")


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def messages(tmp_path: Path, lang: str, select: list[str], project: dict[str, Any] | None = None,
             edit: dict[str, str] | None = None) -> list[str]:
    """The messages of the findings of ``select`` on the base project with ``project`` laid over
    it (or ``edit`` replacements in its text), linted in ``lang``, in report order."""
    i18n.use(lang)
    text = BASE_TEXT
    if edit:
        for old, new in edit.items():
            assert old in text, old
            text = text.replace(old, new)
    else:
        text = yamlio.dump(_merge(yamlio.parse(BASE_TEXT).data, project or {}))
    folder = tmp_path / lang
    folder.mkdir()
    (folder / "project.yaml").write_text(text, encoding="utf-8")
    (folder / config_mod.CONFIG_NAME).write_text("", encoding="utf-8")
    conf = config_mod.for_path(folder)
    conf.lint.select = select
    report = engine.lint([folder], conf)
    assert report.errors == [], report.errors
    return [f.message for f in report.findings if f.code in select]


def row(level1: str, level2: str, name: str, target: str, description: str | None = None) -> dict[str, str]:
    out = {"level1": level1, "level2": level2, "name": name, "target": target}
    if description is not None:
        out["description"] = description
    return out


# (id, rules, project overlay or {"edit": {...}}, English messages, Chinese messages)
CASES = [
    ("PT-B01", ["PT-B01"], {"budget": {"total": "100", "fiscal": "80", "other": "10"}},
     ["预算数 100万元 ≠ 财政资金 80万元 + 其他资金 10万元 = 90万元; the parts must add up to the total"],
     ["预算数 100万元 ≠ 财政资金 80万元 + 其他资金 10万元 = 90万元；各项资金之和应等于预算数"]),
    ("PT-B02", ["PT-B02"], {"budget": {"total": "0", "fiscal": "0", "other": "-5"}},
     ["预算数 0万元 is not above zero; give the year's budget for the project",
      "其他资金 -5万元 is negative; amounts of funds are 0 or more"],
     ["预算数 0万元 不大于零；应填写项目的年度预算",
      "其他资金 -5万元 为负数；资金金额应不小于0"]),
    ("PT-B03 text", ["PT-B03"],
     {"money_unit": "元", "budget": {"total": "20", "fiscal": "20", "other": "0"}, "purpose": "安排项目资金20万元，用于培训。"},
     ["预算数 is 20元 but the text states 20万元; the amounts look like 万元: expected money_unit 万元 or amounts in 元"],
     ["预算数为 20元，但文字中写的是 20万元；金额似乎以万元为单位：应将 money_unit 设为 万元，或按元填写金额"]),
    ("PT-B03 small", ["PT-B03"], {"money_unit": "元", "budget": {"total": "500", "fiscal": "500", "other": "0"}},
     ["预算数 500元 is too small for a project; the amounts look like 万元: expected money_unit 万元 or amounts in 元"],
     ["预算数 500元 作为项目预算过小；金额似乎以万元为单位：应将 money_unit 设为 万元，或按元填写金额"]),
    ("PT-B04", ["PT-B04"], {"budget": {"total": "12.3456789", "fiscal": "12.3456789", "other": "0"}},
     ["预算数 12.3456789万元 is finer than one fen; 万元 amounts take at most 6 decimals (round to 12.345679)",
      "财政资金 12.3456789万元 is finer than one fen; 万元 amounts take at most 6 decimals (round to 12.345679)"],
     ["预算数 12.3456789万元 精确到了分以下；以万元为单位的金额最多保留6位小数（应舍入为 12.345679）",
      "财政资金 12.3456789万元 精确到了分以下；以万元为单位的金额最多保留6位小数（应舍入为 12.345679）"]),
    ("PT-C04", ["PT-C04"],
     {"indicators": [row("产出指标", "数量指标", "培训人数", "≥1000人"), row("产出指标", "成本指标", "人均培训成本", "≤800元/人")]},
     ["unit cost '≤800元/人' × '≥1000人' (培训人数) = 80万元, more than 预算数 50万元 plus unit_cost_tolerance 10% "
      "(55万元); the unit cost, the quantity and the budget must match"],
     ["单位成本 '≤800元/人' × '≥1000人'（培训人数）= 80万元，超过预算数 50万元 加 unit_cost_tolerance 10%（55万元）；"
      "单位成本、数量与预算应相互匹配"]),
    ("PT-C05", ["PT-C05"],
     {"budget": {"total": "90", "fiscal": "90", "other": "0"},
      "indicators": [row("成本指标", "经济成本指标", "项目总成本", "≤90元"),
                     row("成本指标", "经济成本指标", "设备购置费", "≤1亿元"),
                     row("成本指标", "经济成本指标", "运维费", "≤10000万元"),
                     row("成本指标", "经济成本指标", "印刷费", "≤0.000001亿元")]},
     ["cost target '≤90元' is less than 1% of 预算数 90万元; was ≤90万元 meant?",
      "cost target '≤1亿元' is more than 100 times 预算数 90万元; check the money unit",
      "cost target '≤10000万元' is more than 100 times 预算数 90万元; was ≤10000元 meant?",
      "cost target '≤0.000001亿元' is less than 1% of 预算数 90万元; check the money unit"],
     ["成本指标值 '≤90元' 不到预算数 90万元 的1%；是否应为 ≤90万元？",
      "成本指标值 '≤1亿元' 超过预算数 90万元 的100倍；请检查金额单位",
      "成本指标值 '≤10000万元' 超过预算数 90万元 的100倍；是否应为 ≤10000元？",
      "成本指标值 '≤0.000001亿元' 不到预算数 90万元 的1%；请检查金额单位"]),
    ("PT-C06", ["PT-C06"],
     {"indicators": [row("成本指标", "社会成本指标", "对当地文物保护、文化传承影响", "长远"),
                     row("成本指标", "生态环境成本指标", "施工扬尘", "长远")]},
     ["社会成本指标 row '对当地文物保护、文化传承影响' describes a benefit ('传承'); a social or ecological cost is a "
      "harm the project causes, limited with a value; file benefits under 效益指标",
      "生态环境成本指标 target '长远' is a direction, not a limit; expected a bound on the harm (≤ number with unit) "
      "or a graded word defined in 绩效指标描述"],
     ["社会成本指标下的指标 '对当地文物保护、文化传承影响' 描述的是效益（'传承'）；社会成本或生态环境成本是项目造成的"
      "不利影响，应以指标值加以限定；效益应归入效益指标",
      "生态环境成本指标的指标值 '长远' 只是方向，不是限值；应为不利影响设定上限（≤ 数值及单位），或使用在绩效指标描述中"
      "定义的分级用语"]),
    ("PT-D01", ["PT-D01"],
     {"indicators": [row("效益指标", "社会效益指标", "宣传效果", "效果明显"),
                     row("效益指标", "社会效益指标", "社会影响", "效果明显", "无"),
                     row("效益指标", "社会效益指标", "群众认可", "效果明显", "群众认可")]},
     ["qualitative target '效果明显' has no 绩效指标描述; expected a description that says what achieving it means, "
      "with graded tiers (e.g. 达到 / 基本达到 / 未达到 and how each is judged)",
      "qualitative target '效果明显' has a placeholder for 绩效指标描述 ('无'); expected a description that says what "
      "achieving it means, with graded tiers (e.g. 达到 / 基本达到 / 未达到 and how each is judged)",
      "qualitative target '效果明显' has a 绩效指标描述 that only repeats the name; expected a description that says "
      "what achieving it means, with graded tiers (e.g. 达到 / 基本达到 / 未达到 and how each is judged)"],
     ["定性指标值 '效果明显' 没有绩效指标描述；应说明达到的含义，并分级分档（如 达到 / 基本达到 / 未达到，及各档如何判定）",
      "定性指标值 '效果明显' 的绩效指标描述只是占位内容（'无'）；应说明达到的含义，并分级分档（如 达到 / 基本达到 / "
      "未达到，及各档如何判定）",
      "定性指标值 '效果明显' 的绩效指标描述只是重复指标名称；应说明达到的含义，并分级分档（如 达到 / 基本达到 / "
      "未达到，及各档如何判定）"]),
    ("PT-M01", ["PT-Q01", "PT-M01"],
     {"edit": {"target: ≥95%": "target: ≥95%  # perfctl: ignore[PT-Q01]", "target: ≥80%": "target: ≥80%  # perfctl: ignore"}},
     ["suppression of PT-Q01 matches no finding on this line; remove it",
      "suppression of every rule matches no finding on this line; remove it"],
     ["针对 PT-Q01 的忽略注释在本行没有对应的问题；请删除该注释",
      "针对所有规则的忽略注释在本行没有对应的问题；请删除该注释"]),
    ("PT-M02", ["PT-M02"],
     {"edit": {"  - level1: 产出指标\n    level2: 数量指标":
               "  - level1: 产出指标  # review (待复核): copied from the 2024 table\n    level2: 数量指标",
               "target: ≥95%": "target: ≥95%  # review (待复核):"}},
     ["review mark left: 'copied from the 2024 table' — read what it marks, then delete the comment",
      "review mark left — read what it marks, then delete the comment"],
     ["复核标记尚未删除：'copied from the 2024 table'——请阅读其所标注的内容，然后删除该注释",
      "复核标记尚未删除——请阅读其所标注的内容，然后删除该注释"]),
    ("PT-Q04 one", ["PT-Q04"], {"indicators": [row("效益指标", "社会效益指标", "社会影响", "效果明显")]},
     ["1 of 1 target (100%) is in words, more than the cap of 50%; quantify more of them (a number with a unit, "
      "a rate or a date)"],
     ["1个指标值中有1个（100%）是文字，超过上限 50%；应将更多指标值量化（带单位的数值、比率或日期）"]),
    ("PT-Q04 several", ["PT-Q04"],
     {"indicators": [row("效益指标", "社会效益指标", "社会影响", "效果明显"),
                     row("效益指标", "社会效益指标", "宣传效果", "有效提升"),
                     row("产出指标", "数量指标", "培训人次", "≥500人次")]},
     ["2 of 3 targets (67%) are in words, more than the cap of 50%; quantify more of them (a number with a unit, "
      "a rate or a date)"],
     ["3个指标值中有2个（67%）是文字，超过上限 50%；应将更多指标值量化（带单位的数值、比率或日期）"]),
    ("PT-Q05 one", ["PT-Q05"], {"indicators": [row("效益指标", "可持续影响指标", "长效机制", "有效提升")]},
     ["the only 效益指标 target is in words; give at least one benefit a measurable level (≥80%, ≥1000人, a date)"],
     ["效益指标下唯一的指标值是文字；应至少为一项效益设定可衡量的水平（≥80%、≥1000人、日期）"]),
    ("PT-Q05 several", ["PT-Q05"],
     {"indicators": [row("效益指标", "社会效益指标", "社会影响", "效果明显"),
                     row("效益指标", "可持续影响指标", "长效机制", "有效提升")]},
     ["all 2 效益指标 targets are in words; give at least one benefit a measurable level (≥80%, ≥1000人, a date)"],
     ["效益指标下的2个指标值全部是文字；应至少为一项效益设定可衡量的水平（≥80%、≥1000人、日期）"]),
    ("PT-A02", ["PT-A02"], {"indicators": [row("满意度指标", "服务对象满意度指标", "群众满意度", "≥60%")]},
     ["satisfaction target '≥60%' is below the floor of 80%; expected ≥80% or higher (threshold satisfaction_floor)"],
     ["满意度指标值 '≥60%' 低于下限 80%；应设为 ≥80% 或更高（阈值 satisfaction_floor）"]),
    ("PT-A04", ["PT-A04"],
     {"indicators": [row("效益指标", "社会效益指标", "市民对空气质量改善的满意程度", "≥90%"),
                     row("满意度指标", "服务对象满意度指标", "受益人口", "≥1000人")]},
     ["indicator '市民对空气质量改善的满意程度' measures satisfaction but is filed under 效益指标/社会效益指标; "
      "expected 满意度指标/服务对象满意度指标",
      "indicator '受益人口' is filed under 满意度指标 but its name is not a satisfaction measure (it contains none "
      "of: 满意, 好评率); file it under 产出指标 or 效益指标"],
     ["指标 '市民对空气质量改善的满意程度' 衡量的是满意度，却归在 效益指标/社会效益指标 下；应归入 满意度指标/服务对象满意度指标",
      "指标 '受益人口' 归在 满意度指标 下，但名称并非衡量满意度（不含以下任一词：满意、好评率）；应归入产出指标或效益指标"]),
]


@pytest.mark.parametrize("select,project,english,chinese", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_findings_in_chinese_and_english(tmp_path: Path, select: list[str], project: dict[str, Any],
                                         english: list[str], chinese: list[str]) -> None:
    edit = project.get("edit")
    over = None if edit else project
    assert messages(tmp_path, "zh", select, over, edit) == chinese
    assert messages(tmp_path, "en", select, over, edit) == english


def test_the_cases_cover_a_third_of_the_rules() -> None:
    mine = {c for c in RULES if c[:4] in ("PT-A", "PT-B", "PT-C", "PT-D", "PT-M", "PT-Q")}
    covered = {code for case in CASES for code in case[1]} & mine
    assert len(mine) == 28 and len(covered) * 3 >= len(mine), sorted(covered)


def test_rules_explains_a_rule_in_chinese() -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["--lang", "zh", "rules"])
    assert listed.exit_code == 0, listed.output
    assert "财政资金 + 其他资金必须等于预算数。" in next(line for line in listed.output.splitlines() if "PT-B01" in line)
    explained = runner.invoke(app, ["--lang", "zh", "rules", "PT-B01"])
    assert explained.exit_code == 0, explained.output
    flat = "".join(explained.output.split())  # wrapped to the terminal: compare without line breaks
    assert "来源：绩效目标表表样的资金部分（财预〔2015〕88号附件）；审核标准“完整性”。" in flat
    assert "\n不通过：" in explained.output and "不通过：`total:'100'`，`fiscal:'80'`，`other:'10'`。" in flat
    # The first line of the translated docstring keeps the code and the name before the colon.
    i18n.use("zh")
    assert i18n._(inspect.cleandoc(RULES["PT-B01"].__doc__ or "")).split("\n", 1)[0] == \
        "PT-B01 budget-sum: 财政资金 + 其他资金必须等于预算数。"
    i18n.use("en")
    english = runner.invoke(app, ["--lang", "en", "rules", "PT-B01"])
    assert "\nSource: the budget block of the target table form (财预〔2015〕88号 annex);" in english.output


def test_every_rule_docstring_of_mine_is_translated_with_its_code_and_name() -> None:
    i18n.use("zh")
    for code, rule in RULES.items():
        if code[:4] not in ("PT-A", "PT-B", "PT-C", "PT-D", "PT-M", "PT-Q"):
            continue
        doc = inspect.cleandoc(rule.__doc__ or "")
        zh = i18n._(doc)
        assert zh != doc, code
        assert zh.startswith(f"{code} {rule.NAME}: "), code
        assert "\n来源：" in zh and "\n不通过：" in zh and "\n通过：" in zh, code
