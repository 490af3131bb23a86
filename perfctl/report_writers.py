"""The writers of ``perfctl report``: the summary of :func:`perfctl.report.build` as text,
JSON or one HTML page, chosen from :data:`WRITERS`.

- ``text``: sections with bars drawn in characters (``█`` and eighth blocks), labels padded by
  display width (a Chinese character is 2 columns: :func:`perfctl.terminal.width`);
- ``json``: the summary dict as it is (stable English keys, amounts as decimal text in 元);
- ``html``: ``templates/report.html.j2``, with inline SVG bar charts (:func:`charts`) whose
  bar lengths are proportional to the values; no script, no link, nothing fetched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from perfctl import money

#: How many bars a chart draws at most (a store of 10,000 projects shows its largest); the
#: rest are counted in a note.
MAX_BARS = 20
_EIGHTHS = " ▏▎▍▌▋▊▉"
#: SVG geometry in user units (1 unit ≈ 0.25 mm at the page's 180 mm): label column, plot, row.
LABEL_W, PLOT_W, VALUE_W, ROW_H, BAR_H = 250, 330, 110, 22, 14


def _amount(text: str) -> str:
    """A 元 amount as people read it, digits grouped: ``"490000.00"`` → ``"490,000.00"``."""
    return money.display(Decimal(text), "元", thousands=True)


def _bar(value: Decimal | int, top: Decimal | int, width: int) -> str:
    """A bar of ``value`` out of ``top`` in ``width`` columns, to an eighth of a column."""
    if top <= 0 or value <= 0:
        return ""
    eighths = int(Decimal(value) * width * 8 / Decimal(top))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def _cut(text: str, cols: int) -> str:
    """``text`` cut to ``cols`` display columns, ``…`` marking a cut."""
    from perfctl.terminal import width

    if width(text) <= cols:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > cols - 1:
            break
        out += ch
    return out + "…"


def _chart(items: list[tuple[str, Decimal | int, str]], cols: int) -> list[str]:
    """Lines of a bar chart: ``label  note  bar``, labels padded by display width (cut to
    about a third of ``cols``), notes right-aligned."""
    from perfctl.terminal import width

    if not items:
        return ["  (none)"]
    labels = [_cut(label, max(20, cols // 3)) for label, _, _ in items]
    lw = max(width(label) for label in labels)
    nw = max(width(note) for _, _, note in items)
    room = max(10, cols - lw - nw - 6)
    top = max(value for _, value, _ in items)
    return [f"  {label}{' ' * (lw - width(label))}  {' ' * (nw - width(note))}{note}  {_bar(value, top, room)}".rstrip()
            for label, (_, value, note) in zip(labels, items)]


def _more(total: int, shown: int, what: str) -> list[str]:
    return [f"  … and {total - shown} more {what}"] if total > shown else []


def text(s: dict[str, Any], cols: int = 80) -> str:
    """The summary for a terminal, ``cols`` columns wide."""
    b, ind, lint, se = s["budget"], s["indicators"], s["lint"], s["selfeval"]
    out = [f"perfctl report: {s['files']['projects']} projects, {ind['rows']} indicator rows; amounts in 元"
           + (f"; {s['files']['failed']} file(s) failed to load" if s["files"]["failed"] else ""), ""]
    out.append("Projects by department and year (bars: 预算数)")
    groups = s["departments"] if len(s["departments"]) <= 2 * MAX_BARS else sorted(
        s["departments"], key=lambda d: -Decimal(d["budget"]))[:MAX_BARS]
    out += _chart([(f"{d['year']} {d['code']} {d['name']}", Decimal(d["budget"]), f"{d['projects']} projects "
                    f"{_amount(d['budget']):>16} 元") for d in groups], cols)
    out += _more(len(s["departments"]), len(groups), "departments and years, by 预算数 (--format json lists all)")
    units = ", ".join(f"{n} in {u if u != 'none' else 'no unit'}" for u, n in b["tables_by_unit"].items())
    out += ["", f"Budget, every table in 元: 预算数 {_amount(b['total'])} 元 = {money.display(Decimal(b['total_wan']), '万元', thousands=True)} 万元",
            f"  其中：财政资金 {_amount(b['fiscal'])} 元, 其他资金 {_amount(b['other'])} 元; tables: {units or 'none'}"]
    top = b["projects"][:MAX_BARS]
    out += _chart([(p["name"], Decimal(p["budget"]), _amount(p["budget"])) for p in top], cols)
    out += _more(len(b["projects"]), len(top), "projects")
    out += ["", "Indicator rows by 一级指标 (rows; money the targets name, in 元)"]
    out += _chart([(c["level1"], c["rows"], f"{c['rows']} rows {_amount(c['money']):>16}") for c in ind["by_level1"]], cols)
    t = ind["targets"]
    out += [f"  targets: {t['quantitative']} quantitative (定量), {t['qualitative']} qualitative (定性)"
            + (f", {t['unparsed']} unparsed" if t["unparsed"] else "")]
    if lint is not None:
        sev = ", ".join(f"{n} {k}" for k, n in lint["by_severity"].items())
        out += ["", f"Lint: {lint['findings']} findings in {lint['files']} files ({sev})"]
        rules = lint["by_rule"][:MAX_BARS]
        out += _chart([(f"{r['code']} {r['name']}", r["count"], f"{r['count']} {r['severity']:<7}") for r in rules], cols)
        out += _more(len(lint["by_rule"]), len(rules), "rules")
    out += ["", _selfeval_line(se)]
    if se["scored"]:
        out += _chart([(g, n, str(n)) for g, n in se["grades"].items()], cols)
    if s["since"] is not None:
        out += ["", *_since_lines(s["since"])]
    return "\n".join(out) + "\n"


def _selfeval_line(se: dict[str, Any]) -> str:
    if not se["with_results"]:
        return "Self-evaluation: no project holds results yet"
    line = f"Self-evaluation: {se['with_results']} projects with results, {se['scored']} scored"
    if se["unscored"]:
        line += f", {se['unscored']} cannot be scored (perfctl score says why)"
    if se["mean"] is not None:
        line += f"; 总分 mean {se['mean']}, lowest {se['min']}, highest {se['max']}"
    return line


def _since_lines(since: dict[str, Any]) -> list[str]:
    levels = ", ".join(f"{n} {k}" for k, n in since["by_level"].items())
    lines = [f"Since {since['rev']}: {since['projects']} projects changed, {since['changes']} changes ({levels})"]
    lines += [f"  {kind:<24} {n}" for kind, n in since["by_kind"].items()]
    for c in since["listed"]:
        lines.append(f"  {c['kind']}  {c['project']} · {c['where']}: {c['detail']}")
    return lines


def json_text(s: dict[str, Any]) -> str:
    """The summary as JSON (UTF-8 text, Chinese as written)."""
    return json.dumps(s, ensure_ascii=False, indent=2) + "\n"


def charts(s: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The HTML page's bar charts: budget by project, rows by 一级指标, findings by rule.

    By id (``budget``, ``level1``, ``findings`` when linted), each ``{"id", "title", "note", "height", "bars": [{"label", "full", "value", "y",
    "width"}]}``: ``width`` in SVG user units, proportional to the value (the largest
    :data:`PLOT_W`), ``y`` the bar's top.
    """
    b, ind, lint = s["budget"], s["indicators"], s["lint"]
    out = [_svg_chart("budget", "预算数 by project (元)", [(p["name"], Decimal(p["budget"]), _amount(p["budget"]))
                                                         for p in b["projects"]], "projects")]
    out.append(_svg_chart("level1", "Indicator rows by 一级指标", [(c["level1"], c["rows"], f"{c['rows']} rows")
                                                                for c in ind["by_level1"]], "categories"))
    if lint is not None:
        out.append(_svg_chart("findings", "Lint findings by rule", [
            (f"{r['code']} {r['name']}", r["count"], f"{r['count']} {r['severity']}") for r in lint["by_rule"]], "rules"))
    return {c["id"]: c for c in out}


def _svg_chart(key: str, title: str, items: list[tuple[str, Decimal | int, str]], what: str) -> dict[str, Any]:
    shown = items[:MAX_BARS]
    top = max((Decimal(v) for _, v, _ in shown), default=Decimal(0))
    bars = [{"label": _cut(label, 34), "full": label, "value": note, "y": i * ROW_H + 4,  # a negative value: no bar
             "width": format((max(Decimal(v), Decimal(0)) * PLOT_W / top).quantize(Decimal("0.001")) if top > 0
                             else Decimal(0), "f")}
            for i, (label, v, note) in enumerate(shown)]
    note = f"the {len(shown)} largest of {len(items)} {what}" if len(items) > len(shown) else ""
    return {"id": key, "title": title, "note": note, "height": max(1, len(bars)) * ROW_H + 8, "bars": bars}


def html(s: dict[str, Any]) -> str:
    """The summary as one self-contained HTML page (``templates/report.html.j2``)."""
    import jinja2

    from perfctl import __version__
    from perfctl.render import builtin_templates

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(builtin_templates())), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["amount"] = _amount
    geometry = {"label_w": LABEL_W, "plot_w": PLOT_W, "value_w": VALUE_W, "bar_h": BAR_H}
    return env.get_template("report.html.j2").render(s=s, charts=charts(s), g=geometry, version=__version__)


#: Format name → writer of the summary.
WRITERS: dict[str, Callable[[dict[str, Any]], str]] = {"text": text, "json": json_text, "html": html}
