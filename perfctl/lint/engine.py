"""Run the rules over a store: selection, profiles, positions, severities, suppressions.

Lint never writes to the files it checks.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from perfctl import config as config_mod
from perfctl import store
from perfctl.errors import InputError
from perfctl.lint import Finding, NodePath, Problem
from perfctl.lint.context import Context, context_for
from perfctl.lint.rules import RULES
from perfctl.lint.suppress import Suppressions
from perfctl.model import Project

UNUSED_SUPPRESSION = "PT-M01"


@dataclass
class FileInfo:
    """A linted file and the profile its rules ran under (``reason``: configured or detected why)."""

    path: str
    profile: str
    reason: str


@dataclass
class Report:
    """Everything one lint run found: findings in file, line, column order; files that
    could not be read (``errors``); the files linted with their profiles."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: list[FileInfo] = field(default_factory=list)


def selected(code: str, cfg: config_mod.LintConfig) -> bool:
    """Whether rule ``code`` runs: it matches a ``select`` code or prefix and no ``ignore`` one."""
    return any(code.startswith(p) for p in cfg.select) and not any(code.startswith(p) for p in cfg.ignore)


def excluded(path: Path, cfg: config_mod.Config) -> bool:
    """Whether ``path`` matches one of the config's ``lint.exclude`` globs (relative to the store root)."""
    if not cfg.lint.exclude or cfg.root is None:
        return False
    try:
        rel = path.resolve().relative_to(cfg.root).as_posix()
    except ValueError:
        return False
    return any(fnmatch.fnmatch(rel, pattern) for pattern in cfg.lint.exclude)


def lint(paths: Iterable[str | Path], cfg: config_mod.Config | None = None) -> Report:
    """Lint every project file under ``paths``.

    Each path is governed by the nearest ``perfctl.yaml`` above it unless ``cfg`` is given.
    Unreadable files become ``Report.errors``; the other files are still checked.
    Raises :class:`InputError` for a store config that is itself bad.
    """
    report = Report()
    projects: list[tuple[Project, config_mod.Config, Context]] = []
    seen: set[Path] = set()  # a file named twice (``lint F F``, ``lint store store/x.yaml``) is linted once
    for arg in paths:
        conf = cfg or config_mod.for_path(arg)
        loaded, errors = store.load_all([arg])
        report.errors += [e for e in errors if e.path is None or _first_time(Path(e.path), seen)]
        for project in loaded:
            if project.path is None or not _first_time(project.path, seen) or excluded(project.path, conf):
                continue
            ctx = context_for(project, conf.lint, conf.profile)
            projects.append((project, conf, ctx))
            report.files.append(FileInfo(str(project.path), ctx.profile, ctx.profile_reason))
            report.findings += check_project(project, conf, ctx)
    report.findings += _check_store(projects)
    report.findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))
    return report


def _first_time(path: Path, seen: set[Path]) -> bool:
    key = path.resolve()
    if key in seen:
        return False
    seen.add(key)
    return True


def check_project(project: Project, conf: config_mod.Config, ctx: Context) -> list[Finding]:
    """All findings of the per-project rules for one project, after suppressions."""
    found: list[Finding] = []
    for code, rule in RULES.items():
        if hasattr(rule, "check") and selected(code, conf.lint) and _applies(rule, ctx):
            found += _place(project, rule, rule.check(project, ctx), conf)
    found = _placeholder_rows_once(project, ctx, found)
    text = project.doc.text if project.doc is not None else ""
    sup = Suppressions.scan(text)
    kept = [f for f in found if not sup.suppresses(f.line, f.code)]
    if selected(UNUSED_SUPPRESSION, conf.lint):
        rule = RULES[UNUSED_SUPPRESSION]
        kept += _place(project, rule, rule.check_unused(sup), conf)
    return kept


#: The rules that report a placeholder row; other findings on such a row are left out.
PLACEHOLDER_RULES = frozenset({"PT-V02", "PT-N04"})


def _placeholder_rows_once(project: Project, ctx: Context, found: list[Finding]) -> list[Finding]:
    """Report a row whose target or name is left to be filled in (``待定``, ``待填写``,
    ``≥**人``) only as a placeholder: what other rules say about it (no unit, not a percentage, duplicate name
    …) is about the placeholder, not the indicator, and would bury the one thing to do."""
    rows = {i for i, ind in enumerate(project.indicators) if ctx.is_todo(ind.target) or ctx.is_todo(ind.name)}
    if not rows:
        return found
    return [f for f in found if f.code in PLACEHOLDER_RULES
            or not (f.node[:1] == ("indicators",) and len(f.node) > 1 and f.node[1] in rows)]


def _applies(rule: ModuleType, ctx: Context) -> bool:
    profiles = getattr(rule, "PROFILES", None)
    return profiles is None or ctx.profile in profiles


def _check_store(projects: list[tuple[Project, config_mod.Config, Context]]) -> list[Finding]:
    found: list[Finding] = []
    for code, rule in RULES.items():
        if not hasattr(rule, "check_store"):
            continue
        chosen = [(p, c) for p, c, _ in projects if selected(code, c.lint)]
        for project, problem in rule.check_store([p for p, _ in chosen]):
            conf = next(c for p, c in chosen if p is project)
            found += _place(project, rule, [problem], conf)
    return found


def _place(project: Project, rule: ModuleType, problems: Iterable[Problem], conf: config_mod.Config) -> list[Finding]:
    out = []
    seen: dict[str, int] = {}
    for problem in problems:
        line, col = problem.at or (project.doc.mark(problem.node) if project.doc is not None else (None, None))
        severity = conf.lint.severity.get(rule.CODE) or problem.severity or rule.SEVERITY
        anchor = _anchor(project, problem.node)
        seen[anchor] = seen.get(anchor, 0) + 1
        out.append(Finding(
            path=str(project.path), line=line or 1, col=col or 1, code=rule.CODE, name=rule.NAME,
            severity=severity, message=problem.message, node=problem.node,
            fingerprint=fingerprint(rule.CODE, project, anchor, seen[anchor]),
        ))
    return out


def _anchor(project: Project, node: NodePath) -> str:
    """The node named by content rather than position: an indicator by its categories and name."""
    parts: list[str] = []
    it: Iterator[str | int] = iter(node)
    for part in it:
        if part == "indicators":
            index = next(it, None)
            if isinstance(index, int) and index < len(project.indicators):
                ind = project.indicators[index]
                parts.append(f"indicators[{ind.level1}/{ind.level2}/{ind.name}]")
                continue
            parts.append("indicators")
            if index is not None:
                parts.append(str(index))
            continue
        parts.append(str(part))
    return ".".join(parts)


def fingerprint(code: str, project: Project, anchor: str, occurrence: int) -> str:
    """A stable id for a finding: rule, project identity, node by content, occurrence (hex, 16 chars)."""
    key = json.dumps([code, list(project.identity), anchor, occurrence], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
