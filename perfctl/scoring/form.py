"""The 项目支出绩效自评表 of a project with results (财预〔2020〕10号 附件1) as plain data.

:func:`context` lays a scored project out as the form: the header (项目名称, 主管部门,
实施单位), the money block (项目资金, columns 年初预算数 / 全年预算数 / 全年执行数 / 分值 /
执行率 / 得分), 年度总体目标 (预期目标 / 实际完成情况), the indicator rows (年度指标值,
实际完成值, 分值, 得分, 偏差原因分析及改进措施) and 总分 with the grade, plus the note that
states the scoring profile and rounding. ``render`` passes it to ``templates/selfeval.*.j2``
as ``table.selfeval``; ``show`` prints the same data. Every value is text: money as people
write it in the file's ``money_unit`` (元 or 万元; :func:`perfctl.money.display`, never
rounded), points as scored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfctl.model import Indicator, Project
from perfctl.scoring.result import Issue, Result
from perfctl.scoring.rows import percent, score_text
from perfctl.scoring.settings import Settings
from perfctl.scoring.weights import points_text
from perfctl.target import QUALITATIVE_OP, parse

TITLE = "项目支出绩效自评表"
#: The 其中 rows whose 年初预算数 the target table's split of 预算数 gives (budget.fiscal, budget.other)
#: when the file has no ``budget.parts`` for them.
YEAR_START_SPLIT = ("fiscal", "other")
#: Where each profile's rules come from, as the note names it.
SOURCE_OF = {"national-2020": "财预〔2020〕10号", "pmkpi": "预算管理一体化绩效模块"}
NOT_SCORED = "未能计算"
DASH = "—"


def settings_for(project: Project) -> Settings:
    """The scoring settings of the store that holds ``project``: the ``score:`` section of the
    nearest ``perfctl.yaml`` above its file, as ``perfctl score`` reads it (defaults without one).
    Raises :class:`perfctl.errors.InputError` for a bad config."""
    from perfctl import config
    from perfctl.scoring.settings import for_config

    return for_config(config.find(project.path) if project.path is not None else None)


def evaluate(project: Project, s: Settings | None = None, *, thousands: bool = False) -> dict[str, Any] | None:
    """:func:`context` of ``project`` scored under ``s`` (default :func:`settings_for`), or
    ``None`` when it has no results (:func:`perfctl.scoring.has_results`); ``thousands``:
    amounts with thousands separators."""
    from perfctl import scoring

    if not scoring.has_results(project):
        return None
    s = s or settings_for(project)
    return context(project, scoring.score(project, s), s, thousands=thousands)


def document_title(tables: int, evaluated: int) -> str:
    """What a document of ``tables`` tables, ``evaluated`` of them self-evaluations, is called
    after its year: ``项目支出绩效目标表``, ``项目支出绩效自评表`` (all), ``项目支出绩效目标表及自评表``."""
    if not evaluated:
        return "项目支出绩效目标表"
    return TITLE if evaluated == tables else "项目支出绩效目标表及自评表"


def context(project: Project, result: Result, s: Settings, *, thousands: bool = False) -> dict[str, Any]:
    """The form of ``project`` scored as ``result`` under ``s``.

    Shape: ``title`` (项目支出绩效自评表, the form's), ``heading`` (``<name>绩效自评表``, as a
    target table is headed ``<name>绩效目标表``), ``year`` (int), ``name``, ``department``
    ``{"code", "name"}``, ``implementing_unit`` (``""`` when absent), ``money`` (:func:`money`),
    ``goals`` and ``goals_actual`` (lists of text, unnumbered), ``rows`` (:func:`rows`),
    ``weight_total`` (分值 of the execution row and every indicator row added up; ``""`` when a
    row has none), ``total`` (总分, or :data:`NOT_SCORED` when ``result`` has errors),
    ``scored`` (bool), ``grade`` (优 良 中 差, ``""`` when not scored), ``errors`` (each error
    as ``where：message``), ``note`` (the profile, rounding and grade bands in Chinese) and
    ``notes`` (further remarks, Chinese, possibly empty).
    """
    digits = result.round
    table_rows = rows(project, result, digits)
    notes = []
    if any(r["declared"] for r in table_rows):
        notes.append("得分后括注“原表”的，是文件所填得分，与按上述口径计算的得分不一致；总分按计算得分合计。")
    if result.execution.budget_key == "total" and result.execution.budget is not None:
        notes.append("未填全年预算数，执行率按预算数计算。")
    scored = result.total is not None
    return {
        "title": TITLE,
        "heading": f"{project.name}绩效自评表",
        "year": project.year,
        "name": project.name,
        "department": {"code": project.department.code, "name": project.department.name},
        "implementing_unit": project.implementing_unit or "",
        "money": money(project, result, digits, thousands=thousands),
        "goals": list(project.goals),
        "goals_actual": list(project.goals_actual),
        "rows": table_rows,
        "weight_total": "" if any(r.weight is None for r in result.rows) else _points(result.weight_total),
        "total": score_text(result.total, digits) if scored else NOT_SCORED,
        "scored": scored,
        "grade": result.grade or "",
        "errors": [f"{where(result, i)}：{i.message}" for i in result.errors],
        "note": note(s),
        "notes": notes,
    }


def money(project: Project, result: Result, digits: int, *, thousands: bool = False) -> dict[str, Any]:
    """The money block: ``heading`` (``项目资金（元）`` in the file's unit; ``项目资金`` in a
    department table without one), ``unit``, ``rows`` and ``deviation`` (the execution row's
    偏差原因分析及改进措施, ``""`` when absent).

    Each row: ``label``, ``initial``, ``adjusted``, ``spent``, ``weight``, ``rate``, ``score``.
    年度资金总额 has budget.initial, the budget the rate was worked out on (全年预算数, or 预算数
    when the file has none), budget.spent, the row's 分值, 执行率 as a percentage with 2
    decimals and its 得分. The 其中 rows (当年财政拨款, 上年结转资金, 其他资金) take their figures
    from ``budget.parts`` (empty where it has none) and show their own 执行率 when it can be
    worked out; without ``budget.parts`` at all,
    当年财政拨款 and 其他资金 show budget.fiscal and budget.other as 年初预算数 only when 年初预算数
    equals the 预算数 they split (the target table's split is then the year-start one). Their
    分值 and 得分 are ``—``, as on the form: only 年度资金总额 is scored. Amounts as
    :func:`perfctl.render.amount` prints them (``thousands``: with thousands separators).
    """
    from functools import partial

    from perfctl import fields
    from perfctl.render import amount as amount_in

    b, ex = project.budget, result.execution
    amount = partial(amount_in, unit=project.money_unit, thousands=thousands)
    split = b.initial is not None and b.total is not None and b.initial == b.total
    out = [{"label": "年度资金总额", "initial": amount(b.initial), "adjusted": amount(ex.budget),
            "spent": amount(ex.spent), "weight": _points(ex.weight), "rate": percent(ex.rate),
            "score": score_text(ex.score, digits)}]
    for key, label in fields.PARTS:
        if b.parts is None:
            figures = (getattr(b, key) if split and key in YEAR_START_SPLIT else None, None, None)
        else:
            part = getattr(b.parts, key)
            figures = (part.initial, part.adjusted, part.spent) if part is not None else (None, None, None)
        _, adjusted, spent = figures
        rate = spent / adjusted if adjusted and spent is not None else None
        out.append({"label": label, "initial": amount(figures[0]), "adjusted": amount(adjusted),
                    "spent": amount(spent), "weight": DASH, "rate": percent(rate), "score": DASH})
    unit = project.money_unit or ""
    heading = f"项目资金（{unit}）" if unit else "项目资金"
    return {"heading": heading, "unit": unit, "rows": out, "deviation": b.deviation or ""}


def rows(project: Project, result: Result, digits: int) -> list[dict[str, Any]]:
    """The indicator rows: the target table's rows (:func:`perfctl.render.rows`: ``level1``,
    ``level2``, ``name``, the merges ``first_in_level1`` / ``level1_rowspan`` …) with
    ``target`` (年度指标值, with the 计算符号 and 计量单位 columns' operator and unit when the
    value lacks them), ``actual`` (实际完成值, ``""`` when absent), ``weight`` (分值),
    ``score`` (得分 as scored: computed, or declared for a qualitative row; ``""`` when the
    row cannot be scored), ``declared`` (the file's 得分 when it differs from ``score``,
    else ``""``), ``needs_reason`` (bool) and ``deviation``."""
    from perfctl.render import rows as target_rows

    out = target_rows(project.indicators)
    for row, ind, r in zip(out, project.indicators, result.rows):
        del row["extra"]  # the target table's extra columns: here the form's own columns
        differs = r.declared is not None and r.declared != r.score
        row.update({
            "target": target_text(ind),
            "actual": _with_unit(ind.actual, ind.unit) if ind.actual is not None else "",
            "weight": _points(r.weight),
            "score": score_text(r.score, digits),
            "declared": _points(r.declared) if differs else "",
            "needs_reason": r.needs_reason,
            "deviation": ind.deviation or "",
        })
    return out


def target_text(ind: Indicator) -> str:
    """年度指标值 as a reader needs it: ``500`` with 计算符号 ``≥`` and 计量单位 ``人次`` is
    ``≥500人次``; a target that states its operator or unit is kept as written."""
    text = _with_unit(ind.target, ind.unit)
    op = (ind.op or "").strip()
    if op and op != QUALITATIVE_OP and parse(ind.target).op is None and parse(ind.target).kind == "quantity":
        text = op + text.strip()
    return text


def _with_unit(text: str, unit: str | None) -> str:
    """``text`` with ``unit`` appended when it is a bare number (``480`` + ``人次``)."""
    if unit and unit.strip():
        parsed = parse(text)
        if parsed.kind == "quantity" and parsed.unit is None:
            return f"{text.strip()}{unit.strip()}"
    return text


def _points(value: Decimal | None) -> str:
    """Points as perfctl writes them (:func:`perfctl.scoring.weights.points_text`: ``10.50`` →
    ``10.5``); ``""`` for ``None``."""
    return "" if value is None else points_text(value)


def note(s: Settings) -> str:
    """The scoring basis in Chinese: profile and source, rounding, settings that change scores
    (``qual_default``, ``deadline_missed``) and the grade bands."""
    digits = "取整" if s.round == 0 else f"保留{s.round}位小数"
    if s.round_execution:
        rounding = f"各行得分（含预算执行率得分）四舍五入{digits}，总分为各行得分之和"
    else:
        rounding = f"各指标得分四舍五入{digits}，预算执行率得分不取舍，总分为各项得分之和四舍五入{digits}"
    parts = [f"评分口径：{s.profile}（{SOURCE_OF.get(s.profile, s.profile)}）", rounding]
    if s.qual_default == "lower":
        parts.append("定性指标未填得分的，按实际完成值所属档次的下限计分")
    if s.deadline_missed == "linear":
        parts.append("逾期完成的时效指标按逾期天数比例扣分")
    parts.append("评价等级" + grades(s))
    return "；".join(parts) + "。"


def grades(s: Settings) -> str:
    """The grade bands of ``s`` worded as 财预〔2020〕10号 words them (``90（含）-100分为优、…、
    60分以下为差``)."""
    bands = list(s.grades)
    out = []
    for k, (low, name) in enumerate(bands):
        high = bands[k - 1][0] if k else Decimal(100)
        if k == len(bands) - 1:
            out.append(f"{_points(high)}分以下为{name}")
        else:
            out.append(f"{_points(low)}（含）-{_points(high)}分为{name}")
    return "、".join(out)


def where(result: Result, issue: Issue) -> str:
    """What an issue concerns, for a reader of the form: the row's 三级指标 (``第3行
    活动举办完成时间``), ``预算执行率`` for the money block."""
    node = issue.node
    if len(node) > 1 and node[0] == "indicators" and isinstance(node[1], int):
        return f"第{node[1] + 1}行 {result.rows[node[1]].name}"
    return "预算执行率"

