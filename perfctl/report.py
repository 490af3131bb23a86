"""``perfctl report``: a store at a glance, as one plain dict (the writers are in
:mod:`perfctl.report_writers`).

:func:`build` takes what the other commands already compute — the loaded projects, a lint
report (:func:`perfctl.lint.engine.lint`), the self-evaluation results
(:func:`perfctl.scoring.score`) and, for ``--since``, a semantic diff
(:func:`perfctl.diff.build_report`) — and counts. It reads no file and runs nothing.

Money is summed in 元 (yuan), exactly: a 万元 table's amounts are converted with
:func:`perfctl.money.to_yuan` (1 万元 = 10,000 元), so that tables written in either unit add
up; every amount in the dict is decimal text in 元 (``"490000.00"``), and the store total is
also given in 万元 (``total_wan``). Keys are stable English (README "A store at a glance").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfctl import money

if TYPE_CHECKING:
    from perfctl.diff import Report as DiffReport
    from perfctl.lint.engine import Report as LintReport
    from perfctl.model import Project
    from perfctl.scoring import Result

VERSION = 1
#: The unit every amount of the summary is in.
UNIT = "元"
CENT = Decimal("0.01")
#: Target kinds (:data:`perfctl.target.KINDS`) that are numbers, dates or changes: quantitative (定量).
QUANTITATIVE = ("quantity", "duration", "deadline", "range", "relative")
#: Grades of the self-evaluation from the best (财预〔2020〕10号 as reported for 财政部预算司).
GRADES = ("优", "良", "中", "差")
#: Change kinds ``--since`` lists one by one: targets made harder or easier, money moved.
LISTED_KINDS = ("target-tightened", "target-loosened", "budget-total-changed", "budget-fiscal-changed",
                "budget-other-changed")


def yuan_text(amount: Decimal) -> str:
    """An amount in 元 as exact decimal text with at least 2 places (``Decimal(490000)`` → ``"490000.00"``)."""
    return money.display(amount, UNIT)


def build(projects: Sequence[Project], lint: LintReport | None = None, results: Sequence[Result] = (),
          since: tuple[str, DiffReport] | None = None, failed: int = 0) -> dict[str, Any]:
    """The summary of a store.

    ``projects``: the projects loaded; ``failed``: how many files did not load. ``lint``: the
    lint report of the same paths (``None``: not linted). ``results``: the scored projects
    (only those holding results). ``since``: (revision as given, diff report from it to the
    working tree). Returns a dict of plain values (str, int, list, dict, ``None``); amounts
    are decimal text in 元. Raises nothing.
    """
    return {
        "version": VERSION,
        "unit": UNIT,
        "files": {"projects": len(projects), "failed": failed},
        "departments": _departments(projects),
        "budget": _budget(projects),
        "indicators": _indicators(projects),
        "lint": _lint(lint) if lint is not None else None,
        "selfeval": _selfeval(results),
        "since": _since(*since) if since is not None else None,
    }


def _yuan(p: Project, amount: Decimal | None) -> Decimal | None:
    """``amount`` of project ``p`` (in its money unit) in 元; ``None`` when it or the unit is missing."""
    if amount is None or p.money_unit not in money.MONEY_UNITS:
        return None
    return money.to_yuan(amount, p.money_unit)  # type: ignore[arg-type]


def _departments(projects: Iterable[Project]) -> list[dict[str, Any]]:
    """One entry per (部门编码, year): its name, project count and 预算数 in 元, by code then year."""
    groups: dict[tuple[str, int], dict[str, Any]] = {}
    for p in projects:
        g = groups.setdefault((p.department.code, p.year), {
            "code": p.department.code, "name": p.department.name, "year": p.year, "projects": 0, "budget": Decimal(0)})
        g["projects"] += 1
        g["budget"] += _yuan(p, p.budget.total) or 0
    return [{**g, "budget": yuan_text(g["budget"])} for _, g in sorted(groups.items())]


def _budget(projects: Sequence[Project]) -> dict[str, Any]:
    """预算数, 财政资金 and 其他资金 summed in 元; how many tables each unit; every project's 预算数
    from the largest (then by department, year, name)."""
    sums = {"total": Decimal(0), "fiscal": Decimal(0), "other": Decimal(0)}
    units: Counter[str] = Counter()
    rows = []
    for p in projects:
        units[p.money_unit or "none"] += 1
        for key in sums:
            sums[key] += _yuan(p, getattr(p.budget, key)) or 0
        total = _yuan(p, p.budget.total)
        if total is not None:
            rows.append((total, p))
    rows.sort(key=lambda r: (-r[0], r[1].department.code, r[1].year, r[1].name))
    return {
        **{key: yuan_text(value) for key, value in sums.items()},
        "total_wan": money.display(sums["total"] / money.MONEY_UNITS["万元"], "万元"),
        "tables_by_unit": {unit: units[unit] for unit in ("元", "万元", "none") if units[unit]},
        "projects": [{"name": p.name, "department": p.department.code, "year": p.year,
                      "path": str(p.path) if p.path else None, "money_unit": p.money_unit, "budget": yuan_text(total)}
                     for total, p in rows],
    }


def _indicators(projects: Sequence[Project]) -> dict[str, Any]:
    """Rows, the projects using them and the money their targets name (``≤8万元``, in 元) per
    一级指标 and, inside, per 二级指标; targets counted by kind (quantitative, qualitative, unparsed)."""
    level1: dict[str, dict[str, Any]] = {}
    kinds: Counter[str] = Counter()
    rows = 0
    for p in projects:
        for ind in p.indicators:
            rows += 1
            t = ind.parsed
            kinds[t.kind] += 1
            amount = _target_money(t)
            one = level1.setdefault(ind.level1, {"level1": ind.level1, "rows": 0, "projects": set(),
                                                 "money": Decimal(0), "level2": {}})
            one["rows"] += 1
            one["projects"].add(id(p))
            one["money"] += amount
            two = one["level2"].setdefault(ind.level2, {"level2": ind.level2, "rows": 0, "money": Decimal(0)})
            two["rows"] += 1
            two["money"] += amount
    return {
        "rows": rows,
        "by_level1": [{**one, "projects": len(one["projects"]), "money": yuan_text(one["money"]),
                       "level2": [{**two, "money": yuan_text(two["money"])} for two in one["level2"].values()]}
                      for one in sorted(level1.values(), key=lambda o: (-o["rows"], o["level1"]))],
        "targets": {"quantitative": sum(kinds[k] for k in QUANTITATIVE), "qualitative": kinds["qualitative"],
                    "unparsed": kinds["unparsed"], "by_kind": dict(sorted(kinds.items()))},
    }


def _target_money(t: Any) -> Decimal:
    """The money a parsed target names, in 元: a quantity in 元 or 万元 (``≤8万元`` → 80000);
    0 for anything else — a unit price (``≤800元/人``) is no amount of the budget, and a
    range has no one amount."""
    if t.kind == "quantity" and t.unit in money.MONEY_UNITS and t.value_yuan is not None:
        return Decimal(t.value_yuan)
    return Decimal(0)


def _lint(report: LintReport) -> dict[str, Any]:
    """Findings by severity and by rule (most found first), the files linted and those unreadable."""
    severities = Counter(f.severity for f in report.findings)
    rules: dict[str, dict[str, Any]] = {}
    for f in report.findings:
        r = rules.setdefault(f.code, {"code": f.code, "name": f.name, "count": 0, "by_severity": Counter()})
        r["count"] += 1
        r["by_severity"][f.severity] += 1
    order = ("error", "warning", "info")
    return {
        "files": len(report.files), "unreadable": len(report.errors), "findings": len(report.findings),
        "by_severity": {s: severities[s] for s in order},
        "by_rule": [{**r, "severity": next(s for s in order if r["by_severity"][s]),
                     "by_severity": {s: r["by_severity"][s] for s in order if r["by_severity"][s]}}
                    for r in sorted(rules.values(), key=lambda r: (-r["count"], r["code"]))],
    }


def _selfeval(results: Sequence[Result]) -> dict[str, Any]:
    """Projects with results, those scored (a 总分) and not, grades counted in :data:`GRADES`
    order, the mean, lowest and highest 总分, and each project's 总分 and grade."""
    scored = [r for r in results if r.total is not None]
    grades = Counter(r.grade for r in scored)
    totals = [r.total for r in scored if r.total is not None]
    return {
        "with_results": len(results), "scored": len(scored), "unscored": len(results) - len(scored),
        "grades": {g: grades[g] for g in (*GRADES, *sorted(set(grades) - set(GRADES), key=str))},
        "mean": format((sum(totals, Decimal(0)) / len(totals)).quantize(CENT), "f") if totals else None,
        "min": format(min(totals), "f") if totals else None,
        "max": format(max(totals), "f") if totals else None,
        "projects": [{"name": r.project.name, "department": r.project.department.code, "year": r.project.year,
                      "path": str(r.project.path) if r.project.path else None,
                      "total": format(r.total, "f") if r.total is not None else None, "grade": r.grade}
                     for r in results],
    }


def _since(rev: str, report: DiffReport) -> dict[str, Any]:
    """The semantic changes from ``rev`` to the working tree: counts by level and kind, and
    each change of :data:`LISTED_KINDS` with its project, where and what."""
    from perfctl.diff.kinds import LEVELS
    from perfctl.diff.reporters import detail, where

    changes = [(d, c) for d in report.projects for c in d.changes]
    levels = Counter(c.level for _, c in changes)
    kinds = Counter(c.kind for _, c in changes)
    listed = [{"project": d.project.name, "department": d.project.department.code, "year": d.project.year,
               "path": (d.new or d.old).label, "kind": c.kind, "level": c.level,  # type: ignore[union-attr]
               "where": where(c), "old": c.old, "new": c.new, "detail": detail(c)}
              for d, c in changes if c.kind in LISTED_KINDS]
    listed.sort(key=lambda x: (LISTED_KINDS.index(x["kind"]), x["path"]))
    return {"rev": rev, "projects": len(report.projects), "changes": len(changes),
            "by_level": {level: levels[level] for level in LEVELS},
            "by_kind": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))), "listed": listed}
