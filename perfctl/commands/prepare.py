"""``perfctl prepare [--profile P] [--dry-run] PATH...``: get target tables ready for the
year-end self-evaluation (项目支出绩效自评, 财预〔2020〕10号 附件1), so that an analyst only
fills in values.

Each project file gets, where it lacks them: an empty ``actual:`` (实际完成值) on every
indicator row, and an empty ``score:`` (得分) on a qualitative one, which the evaluator scores; a proposed ``weight`` (分值, points out of 100) on rows without one, from
the profile's first-level defaults (:mod:`perfctl.scoring.weights`); and, when it has a
budget, an empty ``budget.adjusted`` (全年预算数) and ``budget.spent`` (全年执行数) and the
execution row's ``budget.weight``; and an empty ``goals_actual`` (年度总体目标完成情况).

The keys are inserted into the text where the field table orders them (``… basis, weight,
actual, score, deviation``); comments, quotes, key order and layout stay as written. The
result must read back with every old value and comment, or the file is refused as it was.

Exit codes: 0 done (a file already prepared is left untouched); 2 when a file could not
be read or was refused (the other files are still prepared).
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfctl.authoring.insert import add_keys
from perfctl.errors import InputError, UsageError
from perfctl.i18n import _, ngettext
from perfctl.scoring.settings import Settings
from perfctl.scoring.weights import Proposal, points_text
from perfctl.yamlio import Path_


@dataclass
class Prepared:
    """One file through prepare: its texts (LF), the points proposed, how many 实际完成值 keys
    and which other empty keys (dotted names) were added."""

    old: str
    new: str
    proposal: Proposal
    actual: int = 0
    empty: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old != self.new


def run(paths: list[Path], *, profile: str | None = None, dry_run: bool = False) -> int:
    """Prepare every project file under ``paths`` (default: the current folder); see the module docstring.

    ``profile``: ``national-2020`` or ``pmkpi``, overriding the store config's ``score.profile``.
    """
    from perfctl import config, fileio, store
    from perfctl.authoring import safewrite
    from perfctl.commands import printable
    from perfctl.scoring.settings import PROFILES, for_config

    if profile is not None and profile not in PROFILES:
        raise UsageError(_("--profile: unknown scoring profile {name!r}; choose one of: {choices}").format(
            name=profile, choices=", ".join(PROFILES)))
    failed = changed = unchanged = 0
    for path, root in store.files_under(paths or [Path(".")]):
        # a bad score: section stops the run (once, not once per file under it)
        settings = for_config(config.find(path.parent), profile)
        try:
            raw = fileio.read_bytes(path)
            text = fileio.decode(raw, path)
            result = prepare_text(text, path, settings)
            for line in report(result, str(path), settings, dry_run=dry_run):
                print(printable(line), file=sys.stderr)
            if not result.changed:
                unchanged += 1
                continue
            if dry_run:
                sys.stdout.write(printable("".join(difflib.unified_diff(
                    result.old.splitlines(keepends=True), result.new.splitlines(keepends=True),
                    fromfile=str(path), tofile=_("{path} (prepared)").format(path=path)))))
                sys.stdout.flush()
            else:
                safewrite.check_link(path, root)
                safewrite.write(path, result.new, newline="\r\n" if b"\r\n" in raw else "\n", before=text)
            changed += 1
        except InputError as exc:
            failed += 1
            print(printable(str(exc)), file=sys.stderr)
    print(_summary(changed, unchanged, failed, dry_run), file=sys.stderr)
    return 2 if failed else 0


def _summary(changed: int, unchanged: int, failed: int, dry_run: bool) -> str:
    """The last line: how many files were (or would be) prepared, already prepared, failed."""
    if dry_run:
        text = (ngettext("{n} file would be prepared, {unchanged} already prepared, {failed} failed",
                         "{n} files would be prepared, {unchanged} already prepared, {failed} failed", changed)
                if failed else
                ngettext("{n} file would be prepared, {unchanged} already prepared",
                         "{n} files would be prepared, {unchanged} already prepared", changed))
    else:
        text = (ngettext("{n} file prepared, {unchanged} already prepared, {failed} failed",
                         "{n} files prepared, {unchanged} already prepared, {failed} failed", changed)
                if failed else
                ngettext("{n} file prepared, {unchanged} already prepared",
                         "{n} files prepared, {unchanged} already prepared", changed))
    return text.format(n=changed, unchanged=unchanged, failed=failed)


def prepare_text(text: str, path: str | Path | None, settings: Settings) -> Prepared:
    """``text`` (a project file, LF line endings) with the self-evaluation keys added.

    Raises :class:`InputError` when the text is not a valid project, when a row without
    分值 is under a 一级 with no default points, or when the keys cannot be added without
    changing anything else.
    """
    from perfctl import model
    from perfctl.scoring.rows import target_of
    from perfctl.scoring.weights import UnknownLevel1, propose

    doc = model.parse_doc(text, path)
    project = model.from_doc(doc)
    try:
        proposal = propose(project, settings)
    except UnknownLevel1 as exc:
        raise doc.error(("indicators", exc.row, "level1"),
                        _("一级指标 {level1!r} has no default points (perfctl proposes them for 产出指标, 成本指标, "
                          "效益指标 and 满意度指标); give the rows under {level1} their 分值 (weight:) by hand, "
                          "then run prepare again").format(level1=exc.level1)) from None
    data: dict[str, Any] = doc.data
    wanted: dict[Path_, dict[str, str | None]] = {}  # mapping → key → value (None: empty)
    out = Prepared(text, text, proposal)
    scores = 0
    for i, row in enumerate(data["indicators"]):
        keys: dict[str, str | None] = {}
        if i in proposal.rows:
            keys["weight"] = f"'{points_text(proposal.rows[i])}'"
        elif "weight" not in row and proposal.groups:  # its group had nothing left: an empty key to fill in
            keys["weight"] = None
        if "actual" not in row:
            keys["actual"] = None
            out.actual += 1
        if "score" not in row and target_of(project.indicators[i]).kind == "qualitative":
            keys["score"] = None  # the evaluator scores a qualitative row: a place to write it
            scores += 1
        wanted[("indicators", i)] = keys
    budget = data.get("budget")
    if isinstance(budget, dict):
        wanted[("budget",)] = {key: None for key in ("adjusted", "spent") if key not in budget}
        out.empty = [f"budget.{key}" for key in wanted[("budget",)]]
        if proposal.execution is not None:
            wanted[("budget",)]["weight"] = f"'{points_text(proposal.execution)}'"
    if "goals_actual" not in data:
        wanted[()] = {"goals_actual": None}
        out.empty.append("goals_actual")
    if scores:
        out.empty.append(ngettext("score on {n} qualitative row", "score on {n} qualitative rows", scores).format(n=scores))
    out.new = add_keys(doc, {at: keys for at, keys in wanted.items() if keys})
    return out


def report(result: Prepared, name: str, settings: Settings, *, dry_run: bool = False) -> list[str]:
    """The lines printed for one file: what was added (or ``already prepared``), then notes and warnings."""
    from perfctl.scoring.weights import choice_note, describe

    p = result.proposal
    if not result.changed:
        lines = [_("{path}: already prepared").format(path=name)]
    else:
        n = result.actual
        parts = [ngettext("{n} actual field", "{n} actual fields", n).format(n=n)] if n else []
        if p.rows or p.execution is not None:
            n = len(p.rows)
            parts.append(ngettext("{n} proposed weight ({proposal})", "{n} proposed weights ({proposal})", n).format(
                n=n, proposal=describe(p)))
        if result.empty:
            fields = result.empty[0]
            for key in result.empty[1:]:
                fields = _("{list}, {item}").format(list=fields, item=key)
            parts.append(_("empty {fields}").format(fields=fields))
        added = _("{path}: would add {changes}") if dry_run else _("{path}: added {changes}")
        changes = parts[0] if parts else ""
        for part in parts[1:]:
            # TRANSLATORS: joins what prepare added to a file: "8 actual fields; 8 proposed weights (…)"
            changes = _("{changes}; {change}").format(changes=changes, change=part)
        lines = [added.format(path=name, changes=changes)]
    note = choice_note(p, settings)
    lines += [_("{path}: note: {note}").format(path=name, note=note)] if note else []
    return lines + [_("{path}: warning: {warning}").format(path=name, warning=w) for w in p.warnings]
