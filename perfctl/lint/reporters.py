"""Lint report formats, one function each, chosen from :data:`REPORTERS` by name.

``text`` (grouped by file, for people), ``json`` (documented by
``schemas/lint-report.schema.json``), ``github`` (workflow annotations), ``sarif``
(SARIF 2.1.0, for code-scanning tools). Each takes a :class:`~perfctl.lint.engine.Report`
and gives the output in parts (a file's findings each), so that a report of 100,000s of
findings is written as it is made and never held whole.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import attrgetter
from typing import Any

from perfctl import __version__
from perfctl.lint import SEVERITIES, Finding, severity_word
from perfctl.errors import InputError
from perfctl.i18n import _, ngettext
from perfctl.lint.engine import Report
from perfctl.lint.rules import RULES

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"


def summary(report: Report) -> dict[str, int]:
    """Counts: findings per severity, files linted, files that could not be read."""
    counts = {s: 0 for s in SEVERITIES}
    for f in report.findings:
        counts[f.severity] += 1
    return {**counts, "files": len(report.files), "unreadable": len(report.errors)}


def text_parts(report: Report, color: bool = False, clean: Callable[[str], str] | None = None) -> Iterator[str]:
    """Findings grouped by file, each file headed by the profile its rules ran under; in
    parts, one per file, for writing as it is made: a large store's report is never held whole. ``clean`` (for a terminal: what makes a control
    character visible) is applied to every text that comes from the files linted — errors,
    paths, profile reasons, messages — each distinct message once (a store's findings share
    them), rather than to the whole report."""
    def c(style: str, s: str) -> str:
        return f"{_COLOURS[style]}{s}{_RESET}" if color else s

    safe: Callable[[str], str] = clean or str
    cleaned: dict[str, str] = {}

    def message(text: str) -> str:
        done = cleaned.get(text)
        if done is None:
            done = cleaned[text] = safe(text)
        return done

    started = False
    words = {s: severity_word(s) for s in SEVERITIES}
    pad = max(map(_columns, words.values()))  # display columns: a Chinese word takes two per character
    level = {s: c(s, w + " " * (pad - _columns(w))) for s, w in words.items()}
    for e in report.errors:
        yield safe(f"{e}") + "\n"
        started = True
    profiles = {f.path: f for f in report.files}
    for path, group in groupby(report.findings, key=attrgetter("path")):
        info = profiles.get(path)
        # TRANSLATORS: after a file name in the lint report: its indicator framework and why
        head = c("bold", safe(path)) + (c("dim", safe("  " + _("({profile}: {reason})").format(
            profile=info.profile, reason=_(info.reason) if info.reason else ""))) if info else "")
        rows = list(group)
        at = [f"{f.line}:{f.col}" for f in rows]
        width = max(map(len, at))
        lines = ["", head] if started else [head]
        lines += [f"  {a.ljust(width)}  {level[f.severity]}  {f.code}  {message(f.message)}" for a, f in zip(at, rows)]
        yield "\n".join(lines) + "\n"
        started = True
    yield f"\n{summary_line(report)}\n" if started else f"{summary_line(report)}\n"


def summary_line(report: Report) -> str:
    """The text report's last line: ``13 warnings, 36 info in 4 files`` (``; 1 file could not
    be read``), in the user's language."""
    n = summary(report)
    files, unreadable = n["files"], n["unreadable"]
    counts = [_count(s, n[s]) for s in SEVERITIES if n[s]]
    if counts:
        # TRANSLATORS: between the counts of the lint summary: "3 errors, 13 warnings"
        found = _(", ").join(counts)
        tail = ngettext("{findings} in {n} file", "{findings} in {n} files", files).format(findings=found, n=files)
    else:
        tail = ngettext("no findings in {n} file", "no findings in {n} files", files).format(n=files)
    if unreadable:
        more = ngettext("{n} file could not be read", "{n} files could not be read", unreadable).format(n=unreadable)
        tail = _("{summary}; {more}").format(summary=tail, more=more)
    return tail


def _count(severity: str, n: int) -> str:
    """``n`` findings of ``severity``: ``3 errors``, ``1 warning``, ``36 info``."""
    if severity == "error":
        return ngettext("{n} error", "{n} errors", n).format(n=n)
    if severity == "warning":
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return _("{n} info").format(n=n)  # "info" has no plural


def _columns(text: str) -> int:
    """Display columns of a severity word (a Chinese character takes two): by
    :func:`perfctl.clihelp.width`, already loaded, not wcwidth, whose import would add 13 ms to
    every lint (measured); the words are plain CJK or ASCII, where the two agree."""
    from perfctl.clihelp import width

    return width(text)


def explanation(rule: Any) -> str:
    """A rule's docstring in the user's language, as ``perfctl rules CODE`` shows it (the
    message id is the docstring as :func:`inspect.cleandoc` leaves it)."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    return _(doc) if doc else ""


_STR = json.JSONEncoder(ensure_ascii=False).encode  # a str alone, quoted in C; also any JSON-ready value


class _Quoted(dict[str, str]):
    """Texts as JSON strings, each worked out once (codes, names, messages: a store's findings
    share their texts through the cache's string table); ``q[text]`` is a dict lookup in C."""

    def __missing__(self, text: str) -> str:
        quoted = self[text] = _STR(text)
        return quoted


def _error(e: InputError) -> dict[str, Any]:
    return {"path": str(e.path) if e.path is not None else None, "line": e.line, "column": e.col, "message": e.message}


def json_report(report: Report, color: bool = False) -> Iterator[str]:
    """The JSON report: ``{"version": 1, "tool", "summary", "files", "findings", "errors"}``,
    one file or finding a line; in parts, a file's findings each, so a large store's report
    is never held whole (each value is encoded by the json module's C encoder)."""
    head = {"version": 1, "tool": f"perfctl {__version__}", "summary": summary(report)}
    yield _STR(head)[:-1] + ',\n "files": ['
    files = [_STR({"path": f.path, "profile": f.profile, "profile_reason": f.reason}) for f in report.files]
    yield "\n  " + ",\n  ".join(files) + "\n ]" if files else "]"
    yield ',\n "findings": ['
    q = _Quoted()

    def lines(group: Iterable[Finding], p: str) -> list[str]:
        return [f'{{"path": {p}, "line": {f.line}, "column": {f.col}, "code": {q[f.code]}, "name": {q[f.name]}, '
                f'"severity": "{f.severity}", "message": {q[f.message]}, "fingerprint": "{f.fingerprint}"}}'
                for f in group]
    yield from _array(report.findings, lines, " ")
    errors = [_STR(_error(e)) for e in report.errors]
    yield ',\n "errors": [' + ("\n  " + ",\n  ".join(errors) + "\n ]" if errors else "]") + "\n}\n"


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s


def github(report: Report, color: bool = False) -> Iterator[str]:
    """GitHub Actions workflow commands: ``::warning file=…,line=…,col=…,title=…::message``;
    in parts, a file's each."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    errors = [f"::error file={_gh_escape(str(e.path), True)},line={e.line or 1}::{_gh_escape(e.message)}\n"
              for e in report.errors]
    if errors:
        yield "".join(errors)
    titles: dict[tuple[str, str], str] = {}
    for path, group in groupby(report.findings, key=attrgetter("path")):
        file = _gh_escape(path, True)
        lines = []
        for f in group:
            title = titles.get((f.code, f.name))
            if title is None:
                title = titles[f.code, f.name] = _gh_escape(f"{f.code} {f.name}", True)
            lines.append(f"::{level[f.severity]} file={file},line={f.line},col={f.col},title={title}::"
                         f"{_gh_escape(f.message)}\n")
        yield "".join(lines)


def _sarif_location(path: str, line: int | None, col: int | None) -> dict[str, Any]:
    region = {"startLine": line or 1, "startColumn": col or 1}
    return {"physicalLocation": {"artifactLocation": {"uri": path}, "region": region}}


def sarif(report: Report, color: bool = False) -> Iterator[str]:
    """A SARIF 2.1.0 log with one run: the rules as the driver's rules, findings as results;
    in parts, a file's results each, one result a line."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    docs = {code: explanation(rule) for code, rule in RULES.items()}
    rules = [{"id": code, "name": rule.NAME,
              "shortDescription": {"text": (docs[code] or code).split("\n", 1)[0]},
              "fullDescription": {"text": docs[code].strip()},
              "defaultConfiguration": {"level": level[rule.SEVERITY]}} for code, rule in RULES.items()]
    notes = [{"level": "error", "message": {"text": e.message},
              "locations": [_sarif_location(str(e.path), e.line, e.col)]} for e in report.errors]
    run = {"tool": {"driver": {"name": "perfctl", "version": __version__, "rules": rules}},
           "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notes}]}
    head = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0"}
    yield _STR(head)[:-1] + ',\n "runs": [' + _STR(run)[:-1] + ',\n  "results": ['
    index = {code: i for i, code in enumerate(RULES)}
    q = _Quoted()

    def results(group: Iterable[Finding], uri: str) -> list[str]:
        return [f'{{"ruleId": {q[f.code]}, "ruleIndex": {index[f.code]}, "level": "{level[f.severity]}", '
                f'"message": {{"text": {q[f.message]}}}, "locations": [{{"physicalLocation": {{"artifactLocation": '
                f'{{"uri": {uri}}}, "region": {{"startLine": {f.line or 1}, "startColumn": {f.col or 1}}}}}}}], '
                f'"partialFingerprints": {{"perfctl/v1": "{f.fingerprint}"}}}}' for f in group]
    yield from _array(report.findings, results, "  ")
    yield "}]\n}\n"


def _array(findings: list[Finding], lines: Callable[[Iterable[Finding], str], list[str]], indent: str) -> Iterator[str]:
    """The items of a JSON array of ``findings``, one a line indented by ``indent`` and one more
    space, then its closing ``]``; in parts, a file's each. ``lines(a file's findings, its path
    as JSON)`` gives their items."""
    first = True
    for path, group in groupby(findings, key=attrgetter("path")):
        yield ("\n " if first else ",\n ") + indent + f",\n {indent}".join(lines(group, _STR(path)))
        first = False
    yield "]" if first else f"\n{indent}]"


#: Report formats by name (the ``--format`` choices): each gives the report in parts, to be
#: written as they come.
REPORTERS: dict[str, Callable[..., Iterator[str]]] = {"text": text_parts, "json": json_report, "github": github,
                                                      "sarif": sarif}


def at_or_above(findings: list[Finding], severity: str) -> list[Finding]:
    """The findings whose severity is ``severity`` or more severe."""
    order = {s: i for i, s in enumerate(reversed(SEVERITIES))}
    return [f for f in findings if order[f.severity] >= order[severity]]
