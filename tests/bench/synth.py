"""Deterministic synthetic stores for ``make bench``: project files shaped like the seed and real tables.

Each project has 5–20 indicator rows under either framework (legacy-2015: 成本指标 under
产出指标; national-2021: 成本指标 as a 一级指标), amounts in 元 or 万元, long Chinese text
in 预算规模及资金用途 and 绩效目标, comments (the schema modeline, full-line notes, trailing
notes, now and then a ``# perfctl: ignore[...]``), sometimes a 计量单位 or 绩效标准 column.
The same ``seed`` and ``count`` always give the same bytes.

With ``results=True`` each project also carries its year-end self-evaluation: 年初预算数,
全年预算数, 全年执行数, the execution row's 分值 '10' and, for most rates under 90 %, a reason;
one 年度总体目标完成情况 per goal; per row 分值 (产出 and 成本 rows share 50 points, 效益 30,
满意度 10, or 效益 40 when a table has no 满意度 row: 财预〔2020〕10号 第十四条), 实际完成值 in
the target's unit, 得分 for qualitative rows and missed deadlines (inside the band of the
outcome) and for a share of the others (a few of them the full points of a missed row, the
published error), and 偏差原因分析及改进措施 for most rows that need one. The results come
from a random stream of their own, so the target tables are the same bytes with or without them.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from perfctl import store
from perfctl.target import parse

CENT = Decimal("0.01")

PLACES = ["天津", "河北", "湘潭", "濉溪", "昭化", "南华", "景宁", "浮梁", "嘉峪关", "贵池", "安居", "塘溪"]
OFFICES = ["财政局", "民政局", "环境卫生管理处", "文化旅游局", "农业农村局", "市场监督管理局", "自然资源局",
           "自由贸易试验区管理委员会办公室", "卫生健康委员会", "教育局", "交通运输局", "水利局"]
TOPICS = ["法律服务", "信息化技术运维", "雾炮车降尘抑尘服务", "临时救助", "特困供养", "食品安全抽检",
          "博物馆免费开放", "农村人居环境整治", "高标准农田建设", "义务教育营养改善", "公共文化服务",
          "河道保洁", "城乡道路养护", "制度创新奖评比表彰", "京津冀联席活动", "政务服务中心运行"]
KINDS = ["经费", "项目", "专项资金", "补助资金", "运维项目"]
CLAUSES = [
    "健全自贸试验区法律保障", "对印发文件、合作协议、签订合同等内容进行法律审核", "为制度创新提供法律方面创新思路",
    "通过采购雾炮车降尘抑尘服务，全市空气质量达到优良", "保障困难群众基本生活，做到应救尽救、应保尽保",
    "进一步提升服务对象满意度", "加强三地自贸试验区协同联动，促进深层次、系统性政策集成创新",
    "按照年度工作计划组织实施，确保资金使用规范、安全、有效", "完成全年抽检任务，及时发现和处置食品安全风险隐患",
    "推动公共文化服务均等化，免费开放场馆全年不少于300天", "建立长效管护机制，改善农村人居环境",
    "保障信息系统安全稳定运行，系统全年可用率不低于99%", "严格执行政府采购程序，控制项目成本在预算范围内",
]
ROWS = {  # 二级指标 → [(三级指标, 指标值 pattern)]; {n} a count, {p} a percent, {y} the year, {m} money
    "数量指标": [("提供服务次数", "≥{n}次"), ("邀请参会人员数量", "≥{n}人"), ("培训人次", "≥{n}人次"),
             ("配备车辆数", "{n}辆"), ("抽检批次", "≥{n}批次"), ("覆盖社区数量", "≥{n}个")],
    "质量指标": [("法律意见建议采纳率", "≥{p}%"), ("验收合格率", "100%"), ("服务周期内空气质量", "优良"),
             ("系统可用率", "≥{p}%"), ("抽检合格率", "≥{p}%")],
    "时效指标": [("活动举办完成时间", "{y}年12月前"), ("意见建议反馈时间", "≤48小时"),
             ("服务周期", "{y}.01-{y}.12"), ("资金拨付及时率", "100%"), ("完成时限", "{y}年6月底前")],
    "成本指标": [("会议活动保障费用", "≤{m}万元"), ("场地使用费", "≤{m}万元"), ("人均培训成本", "≤800元/人")],
    "经济成本指标": [("项目总成本", "≤{m}万元"), ("运维服务费", "≤{m}万元"), ("单次服务成本", "≤{n}元/次")],
    "社会成本指标": [("对群众生活的影响", "无明显影响")],
    "生态环境成本指标": [("施工扬尘控制", "达标")],
    "经济效益指标": [("带动就业人数", "≥{n}人"), ("节约行政成本", "有效节约")],
    "社会效益指标": [("为制度创新提供专业法律意见", "审核并出具法律意见书，确保出台政策不违反法律规定"),
               ("群众知晓率", "≥{p}%"), ("困难群众基本生活保障率", "100%")],
    "生态效益指标": [("空气质量优良天数比例", "≥{p}%"), ("河道水质", "稳中有升")],
    "可持续影响指标": [("长效管理机制", "有效建立"), ("提升影响力，推出制度创新成果", "有效提升")],
    "服务对象满意度指标": [("服务对象满意度", "≥{p}%"), ("市民满意度", "≥{p}%"), ("活动参与者满意度", "≥90%")],
}
FRAMEWORKS = {
    "legacy-2015": [("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
                    ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
                    ("满意度指标", ["服务对象满意度指标"])],
    "national-2021": [("产出指标", ["数量指标", "质量指标", "时效指标"]),
                      ("成本指标", ["经济成本指标", "社会成本指标", "生态环境成本指标"]),
                      ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
                      ("满意度指标", ["服务对象满意度指标"])],
}
NOTES = ["按上年执行数测算", "依据年度工作计划", "参照行业标准", "经部门党组会研究确定", "待财政部门审核"]
#: First-level points of the indicator rows (the execution row has the other 10); 成本指标 rows share 产出's.
POINTS = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
REACHED, PARTLY = "达成年度指标", "部分达成年度指标并具有一定效果"
REASONS = ["受项目实施进度影响，部分工作顺延至下一年度，下一步将加强计划管理，确保按期完成",
           "因政策调整，服务需求较预期减少，将及时跟踪需求变化并调整工作安排",
           "采购流程耗时较长，影响资金支付进度，今后将提前启动采购程序"]
OVER_REASON = "年初目标测算偏保守，下一年度将依据历史数据科学设定指标值"


def project_text(rng: random.Random, index: int, res: random.Random | None = None) -> tuple[str, str, int, str]:
    """One project file: (text, department code, year, project name); with year-end results
    drawn from ``res`` when given (``rng`` is drawn from exactly as without them)."""
    dept = index % 97
    code = f"{380101 + dept * 100}"
    dept_name = f"{PLACES[dept % len(PLACES)]}市{OFFICES[dept % len(OFFICES)]}"
    year = 2023 + index % 4
    name = f"{rng.choice(PLACES)}{rng.choice(TOPICS)}{rng.choice(KINDS)}第{index + 1}号"
    unit = rng.choice(["元", "万元"])
    total = Decimal(rng.randrange(10_000, 5_000_000)) if unit == "元" else Decimal(rng.randrange(10, 5000))
    other = total * rng.choice([0, 0, 0, Decimal("0.1"), Decimal("0.25")])
    amounts = [f"{x:.2f}" for x in (total, total - other, other)]
    purpose = "，".join(rng.sample(CLAUSES, rng.randint(3, 7))) + "。"
    goals = ["，".join(rng.sample(CLAUSES, rng.randint(2, 5))) + "。" for _ in range(rng.randint(1, 3))]
    lines = ["# yaml-language-server: $schema=../../.perfctl/project.schema.json", "format: 1", "department:",
             f"  code: '{code}'", f"  name: {dept_name}", f"year: {year}", f"name: {name}", f"money_unit: {unit}",
             "budget:", f"  total: '{amounts[0]}'", f"  fiscal: '{amounts[1]}'", f"  other: '{amounts[2]}'"
             + (f"  # {rng.choice(NOTES)}" if rng.random() < 0.3 else ""),
             f"purpose: {purpose}", "goals:", *[f"  - {g}" for g in goals], "indicators:"]
    if res is not None:
        at = lines.index("purpose: " + purpose)
        lines[at:at] = _money(res, total)
        lines[-1:-1] = ["goals_actual:", *[f"  - 已按计划完成：{g}" for g in goals]]
    lines += _rows(rng, rng.choice(list(FRAMEWORKS)), year, res)
    if rng.random() < 0.5:
        lines += ["source:", "  document: synthetic-targets.txt", f"  position: {index + 1}",
                  f"  title: {name}绩效目标表"]
    return "\n".join(lines) + "\n", code, year, name


def _rows(rng: random.Random, framework: str, year: int, res: random.Random | None = None) -> list[str]:
    wanted = rng.randint(5, 20)
    slots = [(l1, l2) for l1, l2s in FRAMEWORKS[framework] for l2 in l2s]
    picked = [s for s in slots if s[1] in ("数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标",
                                           "社会效益指标", "服务对象满意度指标")]
    while len(picked) < wanted:
        picked.append(rng.choice(slots))
    picked = sorted(picked[:wanted], key=slots.index)
    columns = rng.random() < 0.15  # a table with 计量单位 and 绩效标准 columns
    weights = _weights([level1 for level1, _ in picked]) if res is not None else []
    out, used = [], set()
    for n, (level1, level2) in enumerate(picked, start=1):
        name, pattern = rng.choice(ROWS[level2])
        if name in used:  # real tables rarely repeat a name: a second one is another phase
            name = f"{name}（第{n}项）"
        used.add(name)
        target = pattern.format(n=rng.randint(2, 500), p=rng.choice([80, 85, 90, 95, 98]), y=year,
                                m=rng.randint(1, 30))
        if rng.random() < 0.05:
            out.append(f"  # 第{n}行：{rng.choice(NOTES)}")
        out += [f"  - level1: {level1}", f"    level2: {level2}", f"    name: {name}"]
        if rng.random() < 0.8:
            description = name if rng.random() < 0.5 else f"反映{name}情况，{rng.choice(CLAUSES)}"
            out.append(f"    description: {description}")
        suffix = "  # perfctl: ignore[PT-Q01]" if rng.random() < 0.02 else ""
        out.append(f"    target: '{target}'{suffix}" if target[0] in "0123456789" else f"    target: {target}{suffix}")
        if columns:
            out.append(f"    basis: {rng.choice(['计划标准', '行业标准', '历史标准'])}")
        if res is not None:
            out += _result(res, target, weights[n - 1])
    return out


def _money(res: random.Random, total: Decimal) -> list[str]:
    """年初预算数 (the 预算数), 全年预算数 (now and then cut or topped up) and 全年执行数 (78–100 % of
    it), in the project's money unit, the execution row's 分值 and, for most rates under 90 %, a reason."""
    adjusted = total * res.choice([1, 1, 1, 1, 1, 1, Decimal("0.9"), Decimal("1.1")])
    rate = 1 if res.random() < 0.15 else Decimal(res.randint(7800, 9999)) / 10000
    spent = (adjusted * rate).quantize(CENT, ROUND_HALF_UP)
    explained = res.random() < 0.8  # most rates under 90 % come with a reason
    return [f"  initial: '{total:.2f}'", f"  adjusted: '{adjusted:.2f}'", f"  spent: '{spent:.2f}'", "  weight: '10'",
            *([f"  deviation: {REASONS[2]}"] if rate < Decimal("0.9") and explained else [])]


def _weights(level1s: list[str]) -> list[Decimal]:
    """分值 of each row, in tenths of a point, summing to 90: a first-level group's points
    (:data:`POINTS`; a missing group's go to 效益, else 产出) shared evenly, the odd tenths to its first rows."""
    groups = ["产出指标" if level1 == "成本指标" else level1 for level1 in level1s]
    points = dict(POINTS)
    for group in POINTS:
        if group not in groups:
            points["效益指标" if "效益指标" in groups else "产出指标"] += points.pop(group)
    shares: dict[str, list[Decimal]] = {}
    for group, total in points.items():
        base, extra = divmod(total * 10, groups.count(group))
        shares[group] = [Decimal(base + (i < extra)) / 10 for i in range(groups.count(group))]
    return [shares[group].pop(0) for group in groups]


def _result(res: random.Random, target: str, weight: Decimal) -> list[str]:
    """The result keys of one row with target ``target`` and ``weight`` points: 分值, 实际完成值,
    sometimes 得分 (always for a qualitative row or a missed deadline) and 偏差原因分析及改进措施."""
    parsed = parse(target)
    score, reason, over = None, False, False
    if parsed.kind in ("quantity", "duration") and parsed.value:
        goal, unit, lower = Decimal(parsed.value), parsed.unit or "", parsed.op in ("≤", "<")
        roll = res.random()
        missed, over = roll < 0.15, roll > 0.97 and not lower and unit != "%"
        got = _number(res, goal, unit, lower, missed, over)
        actual = f"{got}{unit}"
        computed = weight if not missed else (goal / got if lower else got / goal) * weight
        if res.random() < 0.3:  # a declared score, now and then the full points of a missed row
            score = weight if missed and res.random() < 0.05 else computed.quantize(CENT, ROUND_HALF_UP)
        reason = (missed or over) and res.random() < 0.8
    elif parsed.kind == "deadline" and "-" in (parsed.value or ""):  # a month given
        year, month = map(int, parsed.value.split("-")[:2])
        if res.random() < 0.85:
            actual = f"{year}年{max(1, month - res.randint(1, 2))}月"
            score = weight if res.random() < 0.3 else None
        else:  # late: scored like a qualitative row, in the middle band
            actual = f"{year + month // 12}年{month % 12 + 1}月"
            score, reason = _band(res, weight, ("0.5", "0.6", "0.7")), True
    elif parsed.kind == "range":
        actual, score = target, weight if res.random() < 0.3 else None
    elif res.random() < 0.9:
        actual, score = REACHED, _band(res, weight, ("0.8", "0.85", "0.9", "0.95", "1"))
    else:
        actual, score, reason = PARTLY, _band(res, weight, ("0.5", "0.6", "0.7")), True
    out = [f"    weight: '{weight}'", f"    actual: '{actual}'" if actual[0].isdigit() else f"    actual: {actual}"]
    if score is not None:
        out.append(f"    score: '{score}'")
    if reason:
        out.append(f"    deviation: {OVER_REASON if over else res.choice(REASONS)}")
    return out


def _number(res: random.Random, goal: Decimal, unit: str, lower: bool, missed: bool, over: bool) -> Decimal:
    """An actual value for ``goal``: met (within a quarter of it on the good side), ``missed``
    (a little on the bad side) or, for a ≥ target, ``over`` (1.3–1.6 times)."""
    if unit.endswith("元") or goal != goal.to_integral_value():  # money: cents
        factor = Decimal(res.randint(102, 115) if missed else res.randint(80, 100)) / 100
        return (goal * (factor if lower else 2 - factor)).quantize(CENT, ROUND_HALF_UP)
    step = max(1, int(goal) // (5 if missed else 4))
    if unit == "%" and not lower:
        return goal - res.randint(1, min(8, int(goal) - 1)) if missed else goal + res.randint(0, int(100 - goal))
    if over:
        return goal * res.randint(13, 16) // 10 + 1
    if lower:
        return goal + res.randint(1, step) if missed else goal - res.randint(0, step)
    return max(Decimal(0), goal - res.randint(1, step)) if missed else goal + res.randint(0, step)


def _band(res: random.Random, weight: Decimal, shares: tuple[str, ...]) -> Decimal:
    """A score of ``weight`` times one of ``shares``, rounded half up to cents (never leaving the band)."""
    return (weight * Decimal(res.choice(shares))).quantize(CENT, ROUND_HALF_UP)


def make_store(root: Path, count: int, seed: int = 6, *, results: bool = False) -> list[Path]:
    """Write ``count`` projects into ``root`` (``<code>/<year>/<slug>.yaml``) plus a ``perfctl.yaml``;
    returns the project files in the order written. ``results``: with year-end self-evaluation
    results (the same target tables, results added)."""
    rng = random.Random(seed)
    res = random.Random(seed + 1_000_003) if results else None
    root.mkdir(parents=True, exist_ok=True)
    (root / "perfctl.yaml").write_text("profile: auto\n", encoding="utf-8")
    files = []
    for index in range(count):
        text, code, year, name = project_text(rng, index, res)
        path = root / code / str(year) / f"{store.slug(name)}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def change_some(files: list[Path], share: float, seed: int = 7) -> list[Path]:
    """Edit ``share`` of ``files`` in place the way a reviewer does (a target tightened, a
    sentence added to the purpose); returns the files changed."""
    rng = random.Random(seed)
    chosen = rng.sample(files, max(1, round(len(files) * share)))
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        text = text.replace("≥90%", "≥95%", 1).replace("。\ngoals:", "，并接受绩效运行监控。\ngoals:", 1)
        path.write_text(text, encoding="utf-8")
    return chosen
