"""A project copied into a new budget year (``perfctl new --from FILE --year YEAR``).

The copy is the original text with only these changes, made in place so that every
comment, quote and blank line stays where it was:

- ``year`` is the new year;
- 指标值 that are deadlines or date ranges move by the year difference
  (``2025年12月前`` → ``2026年12月前``, ``2025.07-2026.01`` → ``2026.07-2027.01``); a shifted
  date that does not exist (29 February) is left as it was and its review note says so;
- every indicator row gets a review comment :data:`REVIEW` on its first line (or on its
  own line above the row when that line already has a comment), and so does ``source:``,
  which still describes the original's import; a goal, purpose or 中期目标 that names the
  old year (``2025年``, :func:`names_old_year`) gets one saying so, and so does the row of
  a description that does;
- last year's year-end results (实际完成值, 得分, 偏差原因, 全年执行数 …: the fields marked
  :attr:`perfctl.fields.Field.result`) are commented out, line by line, so the new table holds
  targets only and nothing of the old text is lost; the review note of their row (or of
  ``budget:``) says so. Results written in a flow mapping (``{…, actual: 98%}``) cannot be
  commented out alone: they stay, and the note asks for them to be deleted;
- the editor modeline is pointed at the new place (added when missing).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from perfctl import fields, yamlio
from perfctl.authoring import safewrite, spans
from perfctl.authoring.fmt import lost_comments
from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.target import parse as parse_target
from perfctl.yamlio import Doc, Path_

#: The start of every review comment a copy gets.
REVIEW = "# review (待复核):"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_YEAR_WORD = re.compile(_YEAR.pattern + r"(?=\s*年)")  # 2025年, 2025年度, 2025 年12月


def names_old_year(text: str, old: int, year: int) -> bool:
    """Whether ``text`` names the year ``old`` as a year (four digits and 年: ``2025年``,
    ``2025年度``; full-width digits too) and no year from ``year`` on: a text written for
    ``old`` that a table for ``year`` still carries. A text that also names ``year`` or a
    later one (``2025年至2026年``, a 实施期 ``2025年至2027年``) speaks of a period, not of ``old``;
    a year named as the baseline of a comparison (``较2025年提高``, ``在2025年基础上``,
    ``比2025年同期``) is last year on purpose and does not count."""
    text = unicodedata.normalize("NFKC", text)
    named = {int(m.group()) for m in _YEAR_WORD.finditer(text) if not _compared(text, m.start(), m.end())}
    return old in named and max(named) < year


#: Words before a year (较2025年) or after it (2025年基础上) that make it the baseline of a comparison.
_BEFORE = re.compile(r"(?:较|比|与|同|对比|相比|相较|低于|高于|超过|不低于|不少于)\s*$")
_AFTER = re.compile(r"^\s*年(?:度)?(?:的)?(?:基础上|基础|同期|水平|相比|相较|实际|完成值|实绩)")


def _compared(text: str, start: int, end: int) -> bool:
    return bool(_BEFORE.search(text[:start]) or _AFTER.match(text[end:]))


def shift(target: str, years: int) -> str | None:
    """``target`` moved by ``years`` when it is a deadline or a date range; ``None`` when it is
    not one, or when the moved date would not exist."""
    parsed = parse_target(target)
    if not (parsed.kind == "deadline" or parsed.kind == "range" and parsed.unit == "date"):
        return None
    moved = _YEAR.sub(lambda m: str(int(m.group()) + years), target)
    again = parse_target(moved)
    return moved if again.kind == parsed.kind else None


def copy_text(doc: Doc, year: int, file: Path, store: Path) -> str:
    """The text of ``doc`` (a valid project) copied into ``year``, to be written at ``file`` in ``store``."""
    text = doc.text
    old_year: int = doc.data["year"]
    edits: dict[Path_, str] = {}
    notes: dict[int, str] = {}  # line → review note

    def note_on(line: int, note: str) -> None:
        notes[line] = notes[line] + "; " + note if line in notes else note

    results = result_paths(doc.data)
    text, kept = _comment_out(text, doc, results)
    gone = [p for p in results if p not in kept]
    for i, row in enumerate(doc.data["indicators"]):
        path = ("indicators", i, "target")
        note = f"copied from the {old_year} table"
        mine = [p for p in results if p[:2] == ("indicators", i)]
        if any(p in kept for p in mine):
            note += f"; delete its {old_year} results ({', '.join(fields.lookup(p).label for p in mine)})"  # type: ignore[union-attr]
        elif mine:
            note += f"; its {old_year} results are commented out"
        if row.get("target") is not None:
            moved = shift(doc.texts[path], year - old_year)
            if moved is not None and moved != doc.texts[path]:
                edits[path] = moved
                note += f"; target {doc.texts[path]} → {moved}"
            elif moved is None and parse_target(doc.texts[path]).kind == "deadline":
                note += f"; check the date {doc.texts[path]}"
        if isinstance(row.get("description"), str) and names_old_year(row["description"], old_year, year):
            note += f"; description names {old_year}年"
        note_on(doc.marks[("indicators", i)][0], note)
    stale = [(path, what) for path, what, prose in _prose(doc.data) if names_old_year(prose, old_year, year)]
    for path, what in stale:
        note_on(doc.marks[path][0], f"{what} names {old_year}年; rewrite it for {year}")
    if doc.data.get("source"):
        notes[doc.key_marks[("source",)][0]] = f"describes the {old_year} import; update or delete"
    for done, says in ((True, "commented out"), (False, "still here: delete them")):
        by_line: dict[int, list[str]] = {}
        for path in (p for p in results if p[0] != "indicators" and (p in gone) == done):
            by_line.setdefault(doc.key_marks[path[:1]][0], []).append(fields.lookup(path).label)  # type: ignore[union-attr]
        for line, labels in by_line.items():  # on budget: or goals_actual:
            note_on(line, f"{old_year} results {says}: {', '.join(labels)}")
    commented = {line for line, _ in spans.comments(text)}
    if stale:  # a comment after the first line of a multi-line scalar would end it: put those above
        where = spans.scalars(text)
        commented |= {where[p].line for p, _ in stale if "\n" in text[where[p].start:where[p].end]}
    for above in (False, True):  # a comment after a multi-line plain scalar would end it: then go above
        marked = annotate(text, notes, commented, above=above)
        try:
            yamlio.parse(marked, doc.path)  # spans.replace needs text that parses
        except InputError:
            continue
        out = spans.replace(marked, edits, verbatim={("year",): str(year)})
        if _same(doc, out, year, edits, gone):
            return safewrite.with_modeline(out, file, store)
    raise InputError(_("cannot copy this file without changing it; copy it by hand"), doc.path)


def _prose(data: dict[str, Any]) -> list[tuple[Path_, str, str]]:
    """The purpose, goals and 中期目标 of ``data``: (path, what it is, text)."""
    out: list[tuple[Path_, str, str]] = []
    if isinstance(data.get("purpose"), str):
        out.append((("purpose",), "purpose", data["purpose"]))
    for key, what in (("goals", "goal"), ("midterm_goals", "midterm goal")):
        texts = data.get(key)
        out += [((key, i), what, t) for i, t in enumerate(texts if isinstance(texts, list) else []) if isinstance(t, str)]
    return out


def _same(doc: Doc, out: str, year: int, edits: dict[Path_, str], gone: list[Path_]) -> bool:
    """True when ``out`` holds ``doc``'s values with the new ``year`` and ``edits``, but those
    under the paths ``gone`` (commented out), and all its comments."""
    try:
        new = yamlio.parse(out, doc.path)
    except InputError:
        return False
    expected = {p: t for p, t in {**doc.texts, **edits, ("year",): str(year)}.items()
                if not any(p[:len(g)] == g for g in gone)}
    return new.texts == expected and not lost_comments(doc.text, out)


def result_paths(data: dict[str, Any]) -> list[Path_]:
    """The paths of the year-end results ``data`` holds (:data:`perfctl.fields.RESULTS`; a result
    inside another, such as a cell of ``budget.parts``, goes with it), in table order."""
    out: list[Path_] = []
    outer = [f for f in fields.RESULTS if not any(g is not f and f.path[:len(g.path)] == g.path for g in fields.RESULTS)]
    rows = [f for f in outer if f.path[0] == "indicators"]
    for f in outer:
        if f.path[0] == "indicators":
            continue
        node: Any = data
        for key in f.path[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and node.get(f.key) is not None:
            out.append(f.path)
    for i, row in enumerate(data.get("indicators") or []):
        out += [("indicators", i, f.key) for f in rows if isinstance(row, dict) and row.get(f.key) is not None]
    return out


def _comment_out(text: str, doc: Doc, paths: list[Path_]) -> tuple[str, list[Path_]]:
    """``text`` with the key and value of each of ``paths`` turned into comment lines (``# actual:
    98%``), and the paths that could not be (a key that does not begin its line: in a flow
    mapping, or the first key of a list item). A value's lines are those after the key's line indented deeper than the key (or a
    list item at its indent)."""
    lines = text.split("\n")
    kept: list[Path_] = []
    for path in paths:
        line, _ = doc.key_marks[path]
        body = lines[line - 1]
        key = str(path[-1])
        stripped = body.lstrip(" ")
        at = len(body) - len(stripped)
        if not (stripped.startswith(key + ":") or stripped.startswith(f"'{key}':") or stripped.startswith(f'"{key}":')):
            kept.append(path)
            continue
        end = line
        while end < len(lines):
            nxt = lines[end]
            indent = len(nxt) - len(nxt.lstrip(" "))
            if nxt.strip() and not (indent > at or indent == at and nxt.lstrip(" ").startswith("- ")):
                break
            end += 1
        while end > line and not lines[end - 1].strip():
            end -= 1  # blank lines after the value stay as they are
        for n in range(line - 1, end):
            if lines[n].strip():
                lines[n] = lines[n][:at] + "# " + lines[n][at:]
    return "\n".join(lines), kept


def annotate(text: str, notes: dict[int, str], commented: set[int], *, above: bool) -> str:
    """Add ``REVIEW note`` at the end of each line in ``notes`` (1-based), or on its own line
    above when the line already has a comment (``commented``) or ``above`` is set."""
    lines = text.split("\n")
    for line in sorted(notes, reverse=True):
        body = lines[line - 1]
        comment = f"{REVIEW} {notes[line]}"
        if above or line in commented:
            indent = len(body) - len(body.lstrip(" "))
            lines.insert(line - 1, " " * indent + comment)
        else:
            lines[line - 1] = body.rstrip() + "  " + comment
    return "\n".join(lines)
