"""The findings of the self-evaluation (PT-E), goal (PT-G), history (PT-H) and name (PT-N)
rules in Chinese and in English: the same input linted in both languages, exact texts with
their values (the English ones are today's), and ``perfctl --lang zh rules`` explaining a rule
in Chinese."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from perfctl import config as config_mod
from perfctl import i18n, yamlio
from perfctl.cli import app
from perfctl.lint import engine

BASE = yamlio.parse((Path(__file__).parent / "lint" / "base.yaml").read_text(encoding="utf-8")).data


def _project(**changes: Any) -> str:
    """The base project (tests/lint/base.yaml) with top-level keys replaced; ``budget`` updated."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key == "budget":
            data["budget"].update(value)
        else:
            data[key] = value
    return yamlio.dump(data)


def _lint(root: Path, files: dict[str, str], select: str, lang: str) -> list[tuple[str, str, str]]:
    """(code, node, message) of the findings of ``select`` for a store of ``files``, in ``lang``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "perfctl.yaml").write_text("", encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    i18n.use(lang)
    conf = config_mod.for_path(root)
    conf.lint.select = [select]
    report = engine.lint([root], conf)
    assert report.errors == []
    return [(f.code, ".".join(map(str, f.node)), f.message) for f in report.findings]


def _both(tmp_path: Path, files: dict[str, str], select: str) -> tuple[list[str], list[str]]:
    """The messages of ``select`` in English and in Chinese (each language in its own store)."""
    en = [m for _c, _n, m in _lint(tmp_path / "en", files, select, "en")]
    zh = [m for _c, _n, m in _lint(tmp_path / "zh", files, select, "zh")]
    return en, zh


def _row(level1: str, level2: str, name: str, target: str, **more: str) -> dict[str, str]:
    return {"level1": level1, "level2": level2, "name": name, "target": target, **more}


# --- PT-E01 points-total: four variants of the total, the 满意度 part, both joined ----------

@pytest.mark.parametrize("weight,en,zh", [
    (None,
     "分值 total 90 (indicator rows 80 + 预算执行率 10 by default; 1 row without 分值), not 100",
     "分值合计 90（指标行 80 + 预算执行率默认 10；1行未填分值），应为 100"),
    ("15",
     "分值 total 95 (indicator rows 80 + 预算执行率 15; 1 row without 分值), not 100",
     "分值合计 95（指标行 80 + 预算执行率 15；1行未填分值），应为 100"),
])
def test_points_total_with_a_row_without_points(tmp_path: Path, weight: str | None, en: str, zh: str) -> None:
    rows = [_row("产出指标", "数量指标", "培训人次", "≥500人次", weight="50"),
            _row("效益指标", "社会效益指标", "学员履职能力提升率", "≥80%", weight="30"),
            _row("满意度指标", "服务对象满意度指标", "参训学员满意度", "≥90%")]
    budget = {"weight": weight} if weight else {}
    english, chinese = _both(tmp_path, {"p.yaml": _project(indicators=rows, budget=budget)}, "PT-E01")
    assert english == [en]
    assert chinese == [zh]


def test_points_total_rows_without_points_are_counted_in_the_plural(tmp_path: Path) -> None:
    rows = [_row("产出指标", "数量指标", "培训人次", "≥500人次", weight="50"),
            _row("产出指标", "质量指标", "培训合格率", "≥95%"),
            _row("效益指标", "社会效益指标", "学员履职能力提升率", "≥80%", weight="30"),
            _row("满意度指标", "服务对象满意度指标", "参训学员满意度", "≥90%")]
    english, chinese = _both(tmp_path, {"p.yaml": _project(indicators=rows, budget={"weight": "10"})}, "PT-E01")
    assert english == ["分值 total 90 (indicator rows 80 + 预算执行率 10; 2 rows without 分值), not 100"]
    assert chinese == ["分值合计 90（指标行 80 + 预算执行率 10；2行未填分值），应为 100"]


def test_points_total_without_a_satisfaction_row_joins_both_findings(tmp_path: Path) -> None:
    rows = [_row("产出指标", "数量指标", "培训人次", "≥500人次", weight="50"),
            _row("效益指标", "社会效益指标", "学员履职能力提升率", "≥80%", weight="30")]
    english, chinese = _both(tmp_path, {"p.yaml": _project(indicators=rows)}, "PT-E01")
    assert english == [
        "分值 total 90 (indicator rows 80 + 预算执行率 10 by default), not 100; no 满意度指标 row: "
        "产出 50 + 效益 30 = 80, not 90; its 10 points go to 效益 (产出 50, 效益 40) by one reading, "
        "to 产出 (60/30) by another"]
    assert chinese == [
        "分值合计 90（指标行 80 + 预算执行率默认 10），应为 100；没有满意度指标行：产出 50 + 效益 30 = 80，"
        "应为 90；满意度的 10 分，一种理解计入效益（产出 50，效益 40），另一种计入产出（60/30）"]


# --- PT-E06 spent-over-budget: against 全年预算数, or against 预算数 when there is none ----------

@pytest.mark.parametrize("budget,en,zh", [
    ({"initial": "50", "adjusted": "45", "spent": "45.5"},
     "全年执行数 45.5万元 is above 全年预算数 45万元; spending cannot exceed the full-year budget: correct the "
     "figures or the 全年预算数",
     "全年执行数 45.5万元 高于全年预算数 45万元；支出不能超过全年预算：请更正数据或全年预算数"),
    ({"initial": "50", "spent": "52"},
     "全年执行数 52万元 is above 预算数 50万元 (no 全年预算数 given); spending cannot exceed the full-year budget: "
     "correct the figures or the 全年预算数",
     "全年执行数 52万元 高于预算数 50万元（未填全年预算数）；支出不能超过全年预算：请更正数据或全年预算数"),
])
def test_spent_over_budget(tmp_path: Path, budget: dict[str, str], en: str, zh: str) -> None:
    english, chinese = _both(tmp_path, {"p.yaml": _project(budget=budget)}, "PT-E06")
    assert (english, chinese) == ([en], [zh])


# --- PT-E08 execution-rows: a list of columns, 年初预算数, and three ways of 全年预算数 0 -------

def test_execution_rows_lists_every_column_that_does_not_add_up(tmp_path: Path) -> None:
    budget = {"initial": "50", "adjusted": "61", "spent": "57",
              "parts": {"fiscal": {"initial": "45", "adjusted": "50", "spent": "49"},
                        "other": {"initial": "5", "adjusted": "5", "spent": "5"}}}
    english, chinese = _both(tmp_path, {"p.yaml": _project(budget=budget)}, "PT-E08")
    assert english == ["the 年度资金总额 row does not add up its 其中 rows: 全年预算数 61万元 against 55万元, "
                       "全年执行数 57万元 against 54万元"]
    assert chinese == ["年度资金总额行不等于其中各行之和：全年预算数 61万元，其中各行合计 55万元；"
                       "全年执行数 57万元，其中各行合计 54万元"]


def test_execution_rows_initial_budget_other_than_the_approved_one(tmp_path: Path) -> None:
    english, chinese = _both(tmp_path, {"p.yaml": _project(budget={"initial": "45", "adjusted": "50",
                                                                     "spent": "49"})}, "PT-E08")
    assert english == ["年初预算数 45万元 differs from 预算数 50万元; the 年度资金总额 row's 年初预算数 is the budget "
                       "approved with the targets"]
    assert chinese == ["年初预算数 45万元 与预算数 50万元 不一致；年度资金总额行的年初预算数应为随绩效目标批复的预算"]


@pytest.mark.parametrize("total,fiscal,en,zh", [
    ("50", "45", "预算数 is 50万元 and 财政资金 is 45万元", "预算数为 50万元、财政资金为 45万元"),
    ("0", "90", "财政资金 is 90万元", "财政资金为 90万元"),
    ("50", "0", "预算数 is 50万元", "预算数为 50万元"),
])
def test_execution_rows_zero_full_year_budget(tmp_path: Path, total: str, fiscal: str, en: str, zh: str) -> None:
    budget = {"total": total, "fiscal": fiscal, "other": "0", "initial": total, "adjusted": "0", "spent": "0"}
    english, chinese = _both(tmp_path, {"p.yaml": _project(budget=budget)}, "PT-E08")
    assert english == [f"全年预算数 is 0 while {en}: the 年度资金总额 row does not carry its fund sources' figures; "
                       "give its 全年预算数 and 全年执行数 over all sources"]
    assert chinese == [f"全年预算数为 0，而{zh}：年度资金总额行未汇总各资金来源的数据；"
                       "请按全部资金来源填写其全年预算数和全年执行数"]


# --- PT-G01 goal-too-short: an empty entry, a short goal (a count) ---------------------------

def test_goal_too_short_and_an_empty_entry(tmp_path: Path) -> None:
    english, chinese = _both(tmp_path, {"p.yaml": _project(goals=["完成任务", ""])}, "PT-G01")
    assert english == ["绩效目标 '完成任务' has 4 characters; expected at least 15: say what is delivered, how much, "
                       "and to what effect",
                       "绩效目标 entry 2 is empty; write the goal or remove the entry"]
    assert chinese == ["绩效目标 '完成任务' 只有 4 个字符，应至少 15 个：请写明交付什么、数量多少、达到什么效果",
                       "绩效目标第 2 条为空；请填写目标或删除该条"]


def test_goal_of_one_character_is_counted_in_the_singular(tmp_path: Path) -> None:
    english, chinese = _both(tmp_path, {"p.yaml": _project(goals=["好"])}, "PT-G01")
    assert english == ["绩效目标 '好' has 1 character; expected at least 15: say what is delivered, how much, "
                       "and to what effect"]
    assert chinese == ["绩效目标 '好' 只有 1 个字符，应至少 15 个：请写明交付什么、数量多少、达到什么效果"]


# --- PT-G05 stale-year: one message per kind of text -----------------------------------------

def test_stale_year_names_the_kind_of_text(tmp_path: Path) -> None:
    data = yamlio.parse(_project(year=2026, goals=["2025年完成基层干部培训500人次，培训合格率达到95%以上。"],
                                 purpose="2025年组织基层干部开展培训。")).data
    data["indicators"][0]["description"] = "反映2025年参加培训的人次"
    english, chinese = _both(tmp_path, {"p.yaml": yamlio.dump(data)}, "PT-G05")
    tail = "in a 2026 table; a copied table still says last year's year — rewrite it for 2026"
    assert english == [f"purpose names 2025年 {tail}", f"goal names 2025年 {tail}",
                       f"indicator description names 2025年 {tail}"]
    assert chinese == [f"2026年的绩效目标表中，{what}写的是2025年；复制的表仍写着上年的年份——请按2026年改写"
                       for what in ("预算规模及资金用途", "绩效目标", "绩效指标描述")]


# --- PT-H01 below-last-actual, PT-H02 copied-unchanged: last year's table beside this one -------

def _years(last_rows: list[dict[str, str]], rows: list[dict[str, str]]) -> dict[str, str]:
    return {"100001/2025/p.yaml": _project(indicators=last_rows),
            "100001/2026/p.yaml": _project(year=2026, indicators=rows,
                                           goals=["2026年完成基层干部培训500人次，培训合格率达到95%以上。"])}


@pytest.mark.parametrize("target,actual,en,zh", [
    ("≥500人次", "600人次",
     "指标值 '≥500人次' is below last year's 实际完成值 '600人次' ({path}): a target short of a result already "
     "reached is set loose; raise it to the result, or say why less is expected",
     "指标值 '≥500人次' 低于上年实际完成值 '600人次'（{path}）：指标值达不到已实现的水平，设置偏松；"
     "请提高到该水平，或说明预期不及上年的原因"),
    ("≤40万元", "300000元",
     "指标值 '≤40万元' is above last year's 实际完成值 '300000元' = 30万元 ({path}): a target short of a result "
     "already reached is set loose; lower it to the result, or say why less is expected",
     "指标值 '≤40万元' 高于上年实际完成值 '300000元' = 30万元（{path}）：指标值达不到已实现的水平，设置偏松；"
     "请降低到该水平，或说明预期不及上年的原因"),
])
def test_below_last_actual(tmp_path: Path, target: str, actual: str, en: str, zh: str) -> None:
    name = {"≥500人次": "培训人次", "≤40万元": "培训总成本"}[target]
    level2 = {"≥500人次": "数量指标", "≤40万元": "成本指标"}[target]
    files = _years([_row("产出指标", level2, name, target, actual=actual)], [_row("产出指标", level2, name, target)])
    english, chinese = _both(tmp_path, files, "PT-H01")
    assert english == [en.format(path=tmp_path / "en" / "100001" / "2025" / "p.yaml")]
    assert chinese == [zh.format(path=tmp_path / "zh" / "100001" / "2025" / "p.yaml")]


@pytest.mark.parametrize("n", [1, 2])
def test_copied_unchanged_counts_the_indicators(tmp_path: Path, n: int) -> None:
    rows = [_row("产出指标", "数量指标", "培训人次", "≥500人次"), _row("产出指标", "质量指标", "培训合格率", "≥95%")][:n]
    english, chinese = _both(tmp_path, _years(rows, rows), "PT-H02")
    en_path, zh_path = (tmp_path / lang / "100001" / "2025" / "p.yaml" for lang in ("en", "zh"))
    if n == 1:
        assert english == [f"the 1 indicator is as in last year's table ({en_path}), its target unchanged (dates "
                           "moved a year): set this year's target from last year's result and this year's plan"]
    else:
        assert english == [f"all 2 indicators are as in last year's table ({en_path}), targets unchanged (dates "
                           "moved a year): set this year's targets from last year's results and this year's plan"]
    assert chinese == [f"全部 {n} 个指标与上年的绩效目标表（{zh_path}）相同，指标值未变（日期顺延一年）："
                       "请根据上年完成情况和本年计划设定本年指标值"]


# --- PT-N04 name-malformed: four kinds of name ----------------------------------------------

@pytest.mark.parametrize("name,en,zh", [
    ("", "三级指标 name is empty; expected a name for what is measured (培训人次)",
     "三级指标名称为空；名称应说明衡量什么（培训人次）"),
    ("待填写", "三级指标 name '待填写' is a placeholder; name what is measured (培训人次)",
     "三级指标名称 '待填写' 是占位内容；请写明衡量什么（培训人次）"),
    ("-", "三级指标 name '-' is only punctuation; expected a name for what is measured (培训人次)",
     "三级指标名称 '-' 只有标点符号；名称应说明衡量什么（培训人次）"),
    ("培" * 101, "三级指标 name is 101 characters long, more than 100; expected a short name, with the explanation "
     "in 绩效指标描述", "三级指标名称长 101 个字符，超过 100 个；名称应简短，说明写入绩效指标描述"),
])
def test_name_malformed(tmp_path: Path, name: str, en: str, zh: str) -> None:
    rows = copy.deepcopy(BASE["indicators"])
    rows[0]["name"] = name
    english, chinese = _both(tmp_path, {"p.yaml": _project(indicators=rows)}, "PT-N04")
    assert (english, chinese) == ([en], [zh])


# --- PT-N05 quality-effect-misfiled: both directions ------------------------------------------

def test_quality_effect_misfiled_both_ways(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE["indicators"])
    rows[5]["name"] = "设备验收合格率"  # 效益指标/社会效益指标
    rows[1]["name"] = "群众收入提升率"  # 产出指标/质量指标
    english, chinese = _both(tmp_path, {"p.yaml": _project(indicators=rows)}, "PT-N05")
    assert english == [
        "三级指标 '群众收入提升率' (提升率) measures an effect but is filed under 质量指标; expected 效益指标 with one "
        "of: 经济效益指标, 社会效益指标, 生态效益指标, 可持续影响指标",
        "三级指标 '设备验收合格率' (合格率) measures quality but is filed under 效益指标/社会效益指标; expected "
        "产出指标/质量指标"]
    assert chinese == [
        "三级指标 '群众收入提升率'（提升率）衡量的是效益，却归在质量指标下；应归入效益指标下的以下之一："
        "经济效益指标、社会效益指标、生态效益指标、可持续影响指标",
        "三级指标 '设备验收合格率'（合格率）衡量的是质量，却归在 效益指标/社会效益指标 下；应归入 产出指标/质量指标"]


# --- the command line: a finding and a rule's explanation in Chinese -------------------------

def test_lint_lang_zh_prints_the_chinese_finding(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE["indicators"])
    rows[0]["name"] = "项目效果"
    (tmp_path / "perfctl.yaml").write_text("", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(_project(indicators=rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", "zh", "lint", str(tmp_path / "p.yaml"), "--select", "PT-N06"])
    assert "三级指标名称 '项目效果' 过于笼统；名称应说明计数或改变的是什么（参训学员满意度、学员履职能力提升率）" \
        in result.output
    result = CliRunner().invoke(app, ["--lang", "en", "lint", str(tmp_path / "p.yaml"), "--select", "PT-N06"])
    assert "三级指标 name '项目效果' is generic; expected a name for what is counted or changed " \
           "(参训学员满意度, 学员履职能力提升率)" in result.output


def test_rules_explains_a_rule_in_chinese() -> None:
    listing = CliRunner().invoke(app, ["--lang", "zh", "rules"])
    assert listing.exit_code == 0, listing.output
    row = next(line for line in listing.output.splitlines() if line.startswith("PT-E08"))
    assert row.split()[:2] == ["PT-E08", "execution-rows"]
    assert row.endswith("年度资金总额行与表中其他金额数据不一致。")
    detail = CliRunner().invoke(app, ["--lang", "zh", "rules", "PT-E08"])
    assert detail.exit_code == 0, detail.output
    assert detail.output.startswith("PT-E08 execution-rows")
    assert "预算执行率及其得分按年度资金总额行计算" in detail.output
    assert "\n来源：财预〔2020〕10号 附件1（预算执行情况：" in detail.output
    assert "\n不通过：`total: '0'`、`fiscal: '90'`、`adjusted: '0'`、`spent: '0'`。\n" in detail.output
