"""The side-by-side view of a comparison (``perfctl diff --format table``): one line per
project, the old version beside the new, so that a department's whole store can be read for
two years at once (``perfctl diff --years 2025 2026 data``).

Columns (:data:`HEADERS`):

- ``status``: ``renamed`` (a ``project-renamed`` change), ``modified``, ``added``, ``removed``,
  or ``unchanged`` (paired, no change in meaning);
- ``部门编码``; ``预算年度``: ``2025 → 2026`` across years, one year otherwise;
- ``项目名称``: ``old → new`` when renamed;
- ``预算数``: ``old → new 元 (+25.0%)`` when 预算数 changed (in the new table's money unit, as
  the ``budget-total-changed`` change says), else the amount with its unit; empty for a
  department table without money;
- ``indicators +/−``: indicator rows added and removed (``+1 −2``), empty when none;
- ``tightened`` / ``loosened``: targets tightened / loosened (目标收紧 / 放宽; counts, empty when none);
- ``other``: how many other changes the project has (their kinds are in the other formats).

Widths are display columns (:func:`perfctl.terminal.width`: a Chinese character counts 2),
so the columns line up under Chinese names; a line is never wrapped, one project per line.
"""

from __future__ import annotations

from typing import Any

from perfctl import money
from perfctl.diff.compare import ProjectDiff
from perfctl.i18n import N_, _, ngettext

#: The column headings, marked for the catalog and translated where the table is drawn
#: (the Chinese ones are the form's words in both languages).
HEADERS = (N_("status"), "部门编码", "预算年度", "项目名称", "预算数", N_("indicators +/−"), N_("tightened"), N_("loosened"),
           N_("other"))
#: The words of the ``status`` column, marked for the catalog (JSON's ``status`` keeps the English word).
STATUSES = (N_("unchanged"), N_("renamed"), N_("modified"), N_("added"), N_("removed"))
#: Change kinds with a column of their own; every other kind counts in ``other``.
_COUNTED = {"indicator-added", "indicator-removed", "target-tightened", "target-loosened", "project-renamed",
            "project-added", "project-removed", "budget-total-changed"}
_ANSI = {"breaking": "\x1b[1;31m", "head": "\x1b[1m"}
_RESET = "\x1b[0m"
_GAP = "  "


def row(d: ProjectDiff) -> list[str]:
    """The cells of one project's line (:data:`HEADERS`), as text; the status in the user's language."""
    kinds = [c.kind for c in d.changes]
    status = "unchanged" if not d.changes else "renamed" if "project-renamed" in kinds else d.status
    p = d.project
    years = f"{d.old.project.year} → {d.new.project.year}" if d.years else str(p.year)  # type: ignore[union-attr]
    name = f"{d.old.project.name} → {d.new.project.name}" if status == "renamed" else p.name  # type: ignore[union-attr]
    added, removed = kinds.count("indicator-added"), kinds.count("indicator-removed")
    return [_(status), p.department.code, years, name, _money(d), f"+{added} −{removed}" if added or removed else "",
            _count(kinds, "target-tightened"), _count(kinds, "target-loosened"),
            str(sum(k not in _COUNTED for k in kinds) or "")]


def _count(kinds: list[str], kind: str) -> str:
    return str(kinds.count(kind) or "")


def _money(d: ProjectDiff) -> str:
    """预算数 old → new with the change, or the amount as it is; amounts as people write them
    (:func:`perfctl.money.display`: ``80.00`` for the file's ``80.000000``)."""
    total = next((c for c in d.changes if c.kind == "budget-total-changed"), None)
    if total is not None:
        unit = total.money_unit
        delta = money.display_text(total.delta, unit, sign=True)
        old, new = money.display_text(total.old, unit), money.display_text(total.new, unit)
        amounts = f"{old or '—'} → {new or '—'} {unit}"
        if total.percent is not None:
            # TRANSLATORS: the table's 预算数 column: "30000.00 → 35000.00 元 (+16.7%)"
            return _("{amounts} ({percent}%)").format(amounts=amounts, percent=total.percent)
        return _("{amounts} ({change})").format(amounts=amounts, change=delta)
    p = d.project
    if p.budget.total is None or p.money_unit is None:
        return ""
    amount = money.display(p.budget.total, p.money_unit)
    if d.old is None:
        return f"— → {amount} {p.money_unit}"
    if d.new is None:
        return f"{amount} → — {p.money_unit}"
    return f"{amount} {p.money_unit}"


def side(label: str) -> str:
    """A side's label as shown: ``working tree`` in the user's language (JSON keeps it as it is)."""
    from perfctl.diff.sources import WORKTREE

    return _(WORKTREE) if label == WORKTREE else label


def lines(diffs: list[ProjectDiff], color: bool = False, indent: str = "") -> list[str]:
    """The header and one line per project, ordered by department code, then the new name
    (the old one for a removed project); columns padded to display widths."""
    from perfctl.terminal import clean, width

    diffs = sorted(diffs, key=lambda d: (d.project.department.code, d.project.name))
    rows = [[_(h) for h in HEADERS]] + [[clean(cell) for cell in row(d)] for d in diffs]
    widths = [max(width(r[i]) for r in rows) for i in range(len(HEADERS))]
    out = []
    for n, cells in enumerate(rows):
        padded = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(cells)]
        text = _GAP.join(padded).rstrip()
        if color and n == 0:
            text = f"{_ANSI['head']}{text}{_RESET}"
        elif color and cells[7]:  # a loosened target: what a reviewer looks for first
            text = f"{_ANSI['breaking']}{text}{_RESET}"
        out.append(indent + text)
    return out


class TableReporter:
    """The side-by-side table; ANSI colour only when ``color`` (a line with a loosened target
    in bold red)."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def diff(self, report: Any) -> str:
        """Changed and unchanged projects of one comparison, then the summary line
        (``… 5 projects changed; 7 changes: …; 1 unchanged``)."""
        from perfctl.diff.reporters import summary

        diffs = report.projects + report.same
        tail = summary([report])
        if report.same:
            tail = _("{summary}; {n} unchanged").format(summary=tail, n=len(report.same))
        tail = _("{old} → {new}: {summary}").format(old=side(report.old), new=side(report.new), summary=tail)
        body = lines(diffs, self.color) + [""] if diffs else []
        return "\n".join(body + [tail]) + "\n"

    def log(self, entries: list[tuple[Any, Any]]) -> str:
        """Per commit (newest first) its heading and the table of its changed projects."""
        from perfctl.diff.reporters import summary

        out = []
        for commit, report in entries:
            head = _("commit {commit}").format(commit=commit.oid[:12])
            out.append(f"{head}  {commit.date[:10]}  {commit.author}  {commit.subject}")
            out += lines(report.projects, self.color, indent="  ") + [""]
        n = len(entries)
        out.append(ngettext("{n} commit with changes; {summary}", "{n} commits with changes; {summary}", n)
                   .format(n=n, summary=summary([r for _c, r in entries])))
        return "\n".join(out) + "\n"
