"""Report formats for ``perfctl diff`` and ``perfctl log``: one class per format, chosen from
:data:`REPORTERS` (``text``, ``markdown``, ``json``, and ``table``, the side-by-side view of
:mod:`perfctl.diff.sidebyside`).

A reporter has ``diff(report) -> str`` (one comparison) and ``log(entries) -> str`` (a list of
``(commit, report)``, newest first). Every change is described the same way in text and
Markdown: *where* (``产出指标 › 数量指标 › 邀请参会人员数量``, ``预算数`` …) and *detail*
(``≥50人 → ≥30人``; ``200000.00 → 250000.00 元, +50000.00 (+25.0%)``; a character diff); amounts
as people write them (:func:`perfctl.money.display`: ``80.00 → 380.00 万元, +300.00``, never rounded).
The JSON shape is documented in the README ("Semantic diff", JSON) and in :func:`change_data`: its
amounts stay the exact decimal text of the files (``"+300.000000"``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from perfctl import fields, money
from perfctl.diff import Report, chardiff
from perfctl.diff.compare import Change, ProjectDiff
from perfctl.diff.kinds import LEVELS, label, level_label
from perfctl.diff.sidebyside import TableReporter, side
from perfctl.i18n import _, ngettext

SEP = " › "
_WHERE = {"project": "项目名称"}
_ANSI = {"breaking": "\x1b[1;31m", "review": "\x1b[33m", "info": "\x1b[36m", "head": "\x1b[1m"}
_RESET = "\x1b[0m"
#: The kinds of the target-table form (its core fields'): the longest of them (budget-fiscal-changed,
#: 21 in English) sets the kind column's width in text; a longer kind (budget-adjusted-changed)
#: only shifts its own line, and reports stay as they were.
_CORE_KINDS = tuple(kind for f in fields.FIELDS if f.core for kind in f.diff)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]~|$])")


def where(c: Change) -> str:
    """Where a change is: the indicator path, or the form label of a project-level field
    (:attr:`perfctl.fields.Field.heading`)."""
    if c.indicator is not None:
        return SEP.join(c.indicator)
    f = fields.BY_PATH.get(tuple(c.field.split(".")))
    return _WHERE.get(c.field) or (f.heading if f is not None else c.field)


def detail(c: Change, mark_text: Any = None) -> str:
    """What changed, as one line; ``mark_text(segments)`` renders character diffs."""
    if c.segments is not None and mark_text is not None and c.old is not None and c.new is not None:
        return mark_text(c.segments)
    if c.money_unit is not None:
        unit = c.money_unit
        old, new = money.display_text(c.old, unit), money.display_text(c.new, unit)
        change = money.display_text(c.delta, unit, sign=True)
        if c.percent is not None:
            return _("{old} → {new} {unit}, {change} ({percent}%)").format(
                old=old or "—", new=new or "—", unit=unit, change=change, percent=c.percent)
        return _("{old} → {new} {unit}, {change}").format(old=old or "—", new=new or "—", unit=unit, change=change)
    if c.old is None and c.kind.endswith("-added") or c.new is None and c.kind.endswith("-removed"):
        return c.new if c.old is None else c.old  # type: ignore[return-value]
    return f"{c.old or '—'} → {c.new or '—'}"  # a value entered or cleared (weight-changed: — → 8.33)


def _heading(d: ProjectDiff) -> tuple[str, str]:
    """(project title, its file label(s)) for a changed project; a project compared across
    years shows both years: ``名称 (389101 · 2025 → 2026)``."""
    p = d.project
    years = d.years
    title = _("{name} ({code} · {year})").format(name=p.name, code=p.department.code,
                                                 year=f"{years[0]} → {years[1]}" if years else p.year)
    labels = [e.label for e in (d.old, d.new) if e is not None]
    if len(labels) == 2 and d.old.rel == d.new.rel and not years:  # type: ignore[union-attr]
        labels = labels[1:]  # the same file in both versions: named once (across years, two files)
    return title, " → ".join(labels)


def summary(reports: list[Report]) -> str:
    """``1 project changed; 5 changes: 2 breaking, 2 review, 1 info``."""
    projects = sum(len(r.projects) for r in reports)
    changes = [c for r in reports for d in r.projects for c in d.changes]
    if not changes:
        return _("no semantic changes")
    words = {"breaking": _("{count} breaking"), "review": _("{count} review"), "info": _("{count} info")}
    counts = join_counts([words[level].format(count=n) for level in LEVELS if (n := sum(c.level == level for c in changes))])
    n = len(changes)
    # TRANSLATORS: two sentences of one message, the second adding to the first
    return _("{first}; {then}").format(
        first=ngettext("{n} project changed", "{n} projects changed", projects).format(n=projects),
        then=ngettext("{n} change: {counts}", "{n} changes: {counts}", n).format(n=n, counts=counts))


def join_counts(parts: list[str]) -> str:
    """Counts as a list (``2 breaking, 2 review, 1 info``), joined as the user's language does."""
    out = parts[0]
    for part in parts[1:]:
        # TRANSLATORS: a list of counts, one more added ("2 breaking, 2 review" + "1 info")
        out = _("{counts}, {count}").format(counts=out, count=part)
    return out


def _widest(texts: Any) -> int:
    from perfctl.terminal import width

    return max(width(t) for t in texts)


class TextReporter:
    """Terminal text; ANSI colour only when ``color`` (the command decides: a TTY and no NO_COLOR)."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def _c(self, style: str, text: str) -> str:
        return f"{_ANSI[style]}{text}{_RESET}" if self.color else text

    def projects(self, diffs: list[ProjectDiff], indent: str = "") -> list[str]:
        from perfctl.terminal import pad

        lines = []
        level_width = _widest(level_label(level) for level in LEVELS)
        kind_width = _widest(label(kind) for kind in _CORE_KINDS)
        for n, d in enumerate(diffs):
            title, labels = _heading(d)
            lines += [""] if n else []  # a blank line between projects
            lines.append(f"{indent}{self._c('head', title)}  {labels}")
            for c in d.changes:
                text = detail(c, lambda segs: chardiff.render(segs, color=self.color))
                level, kind = pad(level_label(c.level), level_width), pad(label(c.kind), kind_width)
                line = _("{where}: {detail}").format(where=where(c), detail=text)
                lines.append(f"{indent}  {self._c(c.level, level)}  {kind}  {line}")
        return lines

    def diff(self, report: Report) -> str:
        lines = self.projects(report.projects)
        tail = _("{old} → {new}: {summary}").format(old=side(report.old), new=side(report.new), summary=summary([report]))
        return "\n".join(lines + ([""] if lines else []) + [tail]) + "\n"

    def log(self, entries: list[tuple[Any, Report]]) -> str:
        lines = []
        for commit, report in entries:
            head = self._c("head", _("commit {commit}").format(commit=commit.oid[:12]))
            lines.append(head + f"  {commit.date[:10]}  {commit.author}  {commit.subject}")
            lines += self.projects(report.projects, indent="  ") + [""]
        n = len(entries)
        lines.append(ngettext("{n} commit with changes; {summary}", "{n} commits with changes; {summary}", n)
                     .format(n=n, summary=summary([r for _c, r in entries])))
        return "\n".join(lines) + "\n"


def _md(text: str | None) -> str:
    """Escape text for a GitHub Markdown table cell (the rules of :func:`perfctl.filters.md`, ends kept)."""
    from perfctl.terminal import clean

    text = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return clean(_MD_SPECIAL.sub(r"\\\1", text).replace("\n", "<br>"))


class MarkdownReporter:
    """GitHub Markdown: a section per project with a table of changes; for a review comment or a change log."""

    def __init__(self, color: bool = False) -> None:
        pass

    def projects(self, diffs: list[ProjectDiff], level: int) -> list[str]:
        lines = []
        for d in diffs:
            title, labels = _heading(d)
            lines += [f"{'#' * level} {_md(title)}", "", f"{_md(labels)}", "",
                      _("| level | change | where | detail |"), "|---|---|---|---|"]
            for c in d.changes:
                text = detail(c, lambda segs: chardiff.render_html(segs, escape=_md))
                if not (c.segments is not None and c.old is not None and c.new is not None):
                    text = _md(text)
                lines.append(f"| {_md(level_label(c.level))} | {_md(label(c.kind))} | {_md(where(c))} | {text} |")
            lines.append("")
        return lines

    def diff(self, report: Report) -> str:
        lines = [_("## Changes: {old} → {new}").format(old=_md(side(report.old)), new=_md(side(report.new))), "",
                 _("{summary}.").format(summary=summary([report])), ""]
        return "\n".join(lines + self.projects(report.projects, 3)).rstrip("\n") + "\n"

    def log(self, entries: list[tuple[Any, Report]]) -> str:
        lines = [_("# Change log"), ""]
        for commit, report in entries:
            lines += [f"## {commit.date[:10]} · {_md(commit.subject)}", "",
                      _("Commit `{commit}` by {author}: {summary}.").format(
                          commit=commit.oid[:12], author=_md(commit.author), summary=summary([report])), ""]
            lines += self.projects(report.projects, 3)
        return "\n".join(lines).rstrip("\n") + "\n"


def change_data(c: Change) -> dict[str, Any]:
    """A change as JSON data: ``kind``, ``level``, ``field``, ``indicator`` (``{level1, level2,
    name}`` or ``null``), ``old``, ``new``; budget changes add ``money_unit``, ``delta``,
    ``percent``; text edits add ``segments`` (``[["=", kept], ["-", deleted], ["+", inserted]]``)."""
    data: dict[str, Any] = {
        "kind": c.kind, "level": c.level, "field": c.field,
        "indicator": dict(zip(("level1", "level2", "name"), c.indicator)) if c.indicator else None,
        "old": c.old, "new": c.new,
    }
    if c.money_unit is not None:
        data.update(money_unit=c.money_unit, delta=c.delta, percent=c.percent)
    if c.segments is not None:
        data["segments"] = [list(s) for s in c.segments]
    return data


def project_data(d: ProjectDiff) -> dict[str, Any]:
    """A changed project as JSON data (see the README for the shape). ``year`` is the project's
    year as it is now; ``old_year``/``new_year`` the year of each side (``null`` for the missing
    side), different for a project compared across years."""
    p = d.project
    return {
        "department": {"code": p.department.code, "name": p.department.name}, "year": p.year, "name": p.name,
        "old_year": d.old.project.year if d.old else None, "new_year": d.new.project.year if d.new else None,
        "status": d.status, "old_path": d.old.label if d.old else None, "new_path": d.new.label if d.new else None,
        "changes": [change_data(c) for c in d.changes],
    }


def report_data(report: Report) -> dict[str, Any]:
    """A comparison as JSON data: ``old``, ``new``, ``summary`` (counts per level), ``projects``."""
    changes = [c for d in report.projects for c in d.changes]
    return {
        "old": report.old, "new": report.new,
        "summary": {"projects": len(report.projects), "changes": len(changes),
                    **{level: sum(c.level == level for c in changes) for level in LEVELS}},
        "projects": [project_data(d) for d in report.projects],
    }


class JsonReporter:
    """JSON, UTF-8 unescaped, two-space indentation; keys always in the documented order."""

    def __init__(self, color: bool = False) -> None:
        pass

    def diff(self, report: Report) -> str:
        return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"

    def log(self, entries: list[tuple[Any, Report]]) -> str:
        data = [{"commit": c.oid, "parents": c.parents, "author": c.author, "date": c.date, "subject": c.subject,
                 **{k: v for k, v in report_data(r).items() if k in ("summary", "projects")}} for c, r in entries]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


#: Report format name → reporter class.
REPORTERS: dict[str, type[TextReporter] | type[MarkdownReporter] | type[JsonReporter] | type[TableReporter]] = {
    "text": TextReporter, "markdown": MarkdownReporter, "json": JsonReporter, "table": TableReporter,
}
