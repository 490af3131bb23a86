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
from perfctl.i18n import N_, _, listing, ngettext
from perfctl.lint import severity_word as severity

#: How many bars a chart draws at most (a store of 10,000 projects shows its largest); the
#: rest are counted in a note.
MAX_BARS = 20
_EIGHTHS = " ▏▎▍▌▋▊▉"
#: SVG geometry in user units (1 unit ≈ 0.25 mm at the page's 180 mm): label column, plot, row.
LABEL_W, PLOT_W, VALUE_W, ROW_H, BAR_H = 250, 330, 110, 22, 14


def severities(counts: dict[str, int]) -> str:
    """``0 error, 13 warning, 36 info``: lint findings by severity."""
    return _("{error} error, {warning} warning, {info} info").format(
        error=counts.get("error", 0), warning=counts.get("warning", 0), info=counts.get("info", 0))


def levels(counts: dict[str, int]) -> str:
    """``1 breaking, 2 review, 0 info``: changes by level (:data:`perfctl.diff.kinds.LEVELS`)."""
    return _("{breaking} breaking, {review} review, {info} info").format(
        breaking=counts.get("breaking", 0), review=counts.get("review", 0), info=counts.get("info", 0))


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
        return ["  " + _("(none)")]
    labels = [_cut(label, max(20, cols // 3)) for label, _, _ in items]
    lw = max(width(label) for label in labels)
    nw = max(width(note) for _, _, note in items)
    room = max(10, cols - lw - nw - 6)
    top = max(value for _, value, _ in items)
    return [f"  {label}{' ' * (lw - width(label))}  {' ' * (nw - width(note))}{note}  {_bar(value, top, room)}".rstrip()
            for label, (_, value, note) in zip(labels, items)]


def _more(total: int, shown: int, what: str) -> list[str]:
    """``… and N more projects``: what a chart of the text report leaves out (``what``:
    ``departments``, ``projects`` or ``rules``)."""
    n = total - shown
    if n <= 0:
        return []
    if what == "departments":
        line = ngettext("… and {n} more department and year, by 预算数 (--format json lists all)",
                        "… and {n} more departments and years, by 预算数 (--format json lists all)", n)
    elif what == "projects":
        line = ngettext("… and {n} more project", "… and {n} more projects", n)
    else:
        line = ngettext("… and {n} more rule", "… and {n} more rules", n)
    return ["  " + line.format(n=n)]


def text(s: dict[str, Any], cols: int = 80) -> str:
    """The summary for a terminal, ``cols`` columns wide."""
    from perfctl.terminal import pad

    b, ind, lint, se = s["budget"], s["indicators"], s["lint"], s["selfeval"]
    n, failed = s["files"]["projects"], s["files"]["failed"]
    rows = ngettext("{n} indicator row", "{n} indicator rows", ind["rows"]).format(n=ind["rows"])
    if failed:
        head = ngettext("perfctl report: {n} project, {rows}; amounts in 元; {failed}",
                        "perfctl report: {n} projects, {rows}; amounts in 元; {failed}", n).format(
            n=n, rows=rows, failed=ngettext("{n} file failed to load", "{n} files failed to load", failed).format(n=failed))
    else:
        head = ngettext("perfctl report: {n} project, {rows}; amounts in 元",
                        "perfctl report: {n} projects, {rows}; amounts in 元", n).format(n=n, rows=rows)
    out = [head, ""]
    out.append(_("Projects by department and year (bars: 预算数)"))
    groups = s["departments"] if len(s["departments"]) <= 2 * MAX_BARS else sorted(
        s["departments"], key=lambda d: -Decimal(d["budget"]))[:MAX_BARS]
    out += _chart([(f"{d['year']} {d['code']} {d['name']}", Decimal(d["budget"]),
                    ngettext("{n} project", "{n} projects", d["projects"]).format(n=d["projects"])
                    + f" {_amount(d['budget']):>16} 元") for d in groups], cols)
    out += _more(len(s["departments"]), len(groups), "departments")
    units = listing([_("{n} in {unit}").format(n=k, unit=u) if u != "none" else _("{n} in no unit").format(n=k)
                     for u, k in b["tables_by_unit"].items()])
    out += ["", _("Budget, every table in 元: 预算数 {total} 元 = {total_wan} 万元").format(
                total=_amount(b["total"]), total_wan=money.display(Decimal(b["total_wan"]), "万元", thousands=True)),
            "  " + _("其中：财政资金 {fiscal} 元, 其他资金 {other} 元; tables: {units}").format(
                fiscal=_amount(b["fiscal"]), other=_amount(b["other"]), units=units or _("none"))]
    top = b["projects"][:MAX_BARS]
    out += _chart([(p["name"], Decimal(p["budget"]), _amount(p["budget"])) for p in top], cols)
    out += _more(len(b["projects"]), len(top), "projects")
    out += ["", _("Indicator rows by 一级指标 (rows; money the targets name, in 元)")]
    out += _chart([(c["level1"], c["rows"], ngettext("{n} row", "{n} rows", c["rows"]).format(n=c["rows"])
                    + f" {_amount(c['money']):>16}") for c in ind["by_level1"]], cols)
    t = ind["targets"]
    targets = (_("targets: {quantitative} quantitative (定量), {qualitative} qualitative (定性), {unparsed} unparsed")
               if t["unparsed"] else _("targets: {quantitative} quantitative (定量), {qualitative} qualitative (定性)"))
    out += ["  " + targets.format(quantitative=t["quantitative"], qualitative=t["qualitative"], unparsed=t["unparsed"])]
    if lint is not None:
        files = ngettext("{n} file", "{n} files", lint["files"]).format(n=lint["files"])
        out += ["", ngettext("Lint: {n} finding in {files} ({severities})", "Lint: {n} findings in {files} ({severities})",
                             lint["findings"]).format(n=lint["findings"], files=files,
                                                      severities=severities(lint["by_severity"]))]
        rules = lint["by_rule"][:MAX_BARS]
        out += _chart([(f"{r['code']} {r['name']}", r["count"], f"{r['count']} {pad(severity(r['severity']), 7)}")
                       for r in rules], cols)
        out += _more(len(lint["by_rule"]), len(rules), "rules")
    out += ["", _selfeval_line(se)]
    if se["scored"]:
        out += _chart([(g, n, str(n)) for g, n in se["grades"].items()], cols)
    if s["since"] is not None:
        out += ["", *_since_lines(s["since"])]
    return "\n".join(out) + "\n"


def _selfeval_line(se: dict[str, Any]) -> str:
    if not se["with_results"]:
        return _("Self-evaluation: no project holds results yet")
    n = se["with_results"]
    if se["unscored"] and se["mean"] is not None:
        line = ngettext("Self-evaluation: {n} project with results, {scored} scored, {unscored} cannot be scored "
                        "(perfctl score says why); 总分 mean {mean}, lowest {lowest}, highest {highest}",
                        "Self-evaluation: {n} projects with results, {scored} scored, {unscored} cannot be scored "
                        "(perfctl score says why); 总分 mean {mean}, lowest {lowest}, highest {highest}", n)
    elif se["unscored"]:
        line = ngettext("Self-evaluation: {n} project with results, {scored} scored, {unscored} cannot be scored "
                        "(perfctl score says why)",
                        "Self-evaluation: {n} projects with results, {scored} scored, {unscored} cannot be scored "
                        "(perfctl score says why)", n)
    elif se["mean"] is not None:
        line = ngettext("Self-evaluation: {n} project with results, {scored} scored; "
                        "总分 mean {mean}, lowest {lowest}, highest {highest}",
                        "Self-evaluation: {n} projects with results, {scored} scored; "
                        "总分 mean {mean}, lowest {lowest}, highest {highest}", n)
    else:
        line = ngettext("Self-evaluation: {n} project with results, {scored} scored",
                        "Self-evaluation: {n} projects with results, {scored} scored", n)
    return line.format(n=n, scored=se["scored"], unscored=se["unscored"], mean=se["mean"], lowest=se["min"],
                       highest=se["max"])


def _since_lines(since: dict[str, Any]) -> list[str]:
    from perfctl.terminal import pad

    changes = ngettext("{n} change", "{n} changes", since["changes"]).format(n=since["changes"])
    lines = [ngettext("Since {rev}: {n} project changed, {changes} ({levels})",
                      "Since {rev}: {n} projects changed, {changes} ({levels})", since["projects"]).format(
        rev=since["rev"], n=since["projects"], changes=changes, levels=levels(since["by_level"]))]
    lines += [f"  {pad(_(kind), 24)} {n}" for kind, n in since["by_kind"].items()]
    for c in since["listed"]:
        lines.append(f"  {_(c['kind'])}  " + _("{where}: {detail}").format(where=f"{c['project']} · {c['where']}",
                                                                           detail=c["detail"]))
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
    out = [_svg_chart("budget", _("预算数 by project (元)"), [(p["name"], Decimal(p["budget"]), _amount(p["budget"]))
                                                            for p in b["projects"]], "projects")]
    out.append(_svg_chart("level1", _("Indicator rows by 一级指标"), [
        (c["level1"], c["rows"], ngettext("{n} row", "{n} rows", c["rows"]).format(n=c["rows"]))
        for c in ind["by_level1"]], "categories"))
    if lint is not None:
        out.append(_svg_chart("findings", _("Lint findings by rule"), [
            (f"{r['code']} {r['name']}", r["count"], _("{count} {severity}").format(count=r["count"],
                                                                                   severity=severity(r["severity"])))
            for r in lint["by_rule"]], "rules"))
    return {c["id"]: c for c in out}


#: The note under an SVG chart that leaves bars out, by what it lists.
_LARGEST = {"projects": N_("the {n} largest of {total} projects"),
            "categories": N_("the {n} largest of {total} categories"),
            "rules": N_("the {n} largest of {total} rules")}


def _svg_chart(key: str, title: str, items: list[tuple[str, Decimal | int, str]], what: str) -> dict[str, Any]:
    shown = items[:MAX_BARS]
    top = max((Decimal(v) for _, v, _ in shown), default=Decimal(0))
    bars = [{"label": _cut(label, 34), "full": label, "value": note, "y": i * ROW_H + 4,  # a negative value: no bar
             "width": format((max(Decimal(v), Decimal(0)) * PLOT_W / top).quantize(Decimal("0.001")) if top > 0
                             else Decimal(0), "f")}
            for i, (label, v, note) in enumerate(shown)]
    note = _(_LARGEST[what]).format(n=len(shown), total=len(items)) if len(items) > len(shown) else ""
    return {"id": key, "title": title, "note": note, "height": max(1, len(bars)) * ROW_H + 8, "bars": bars}


def html(s: dict[str, Any]) -> str:
    """The summary as one self-contained HTML page (``templates/report.html.j2``)."""
    import jinja2

    from perfctl import __version__, i18n
    from perfctl.render import builtin_templates

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(builtin_templates())), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True  # as the catalog extracts the {% trans %} blocks
    env.filters["amount"] = _amount
    env.filters["severity"] = severity
    env.filters["label"] = i18n._  # a code marked N_ elsewhere (a change kind) as people read it
    geometry = {"label_w": LABEL_W, "plot_w": PLOT_W, "value_w": VALUE_W, "bar_h": BAR_H}
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    return env.get_template("report.html.j2").render(s=s, charts=charts(s), g=geometry, version=__version__, lang=lang,
                                                     words=_words(s))


def _words(s: dict[str, Any]) -> dict[str, str]:
    """The lists the HTML page words: tables by money unit, findings by severity, changes by level."""
    units = s["budget"]["tables_by_unit"]
    return {
        "units": listing([_("{n} in {unit}").format(n=k, unit=u) if u != "none" else _("{n} in no unit").format(n=k)
                          for u, k in units.items()]),
        "severities": severities(s["lint"]["by_severity"]) if s["lint"] is not None else "",
        "levels": levels(s["since"]["by_level"]) if s["since"] is not None else "",
    }


#: Format name → writer of the summary.
WRITERS: dict[str, Callable[[dict[str, Any]], str]] = {"text": text, "json": json_text, "html": html}
