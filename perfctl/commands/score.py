"""``perfctl score``: the year-end self-evaluation scores of a store (财预〔2020〕10号)."""

from __future__ import annotations

import sys
from pathlib import Path

from perfctl import config as config_mod
from perfctl.commands import load, printable, write_file, write_stdout
from perfctl.errors import UsageError

FORMATS = ("text", "json", "csv")


def run(paths: list[Path], *, fmt: str = "text", profile: str | None = None, tolerance: str | None = None,
        output: Path | None = None) -> int:
    """Score every project under ``paths`` that has results; print or write the report.

    Returns 0 when every project scored and its declared figures agree, 1 for findings (a
    declared 得分 off the computed one, outside its band or above its points, a missing
    偏差原因), 2 when a file does not load or a project cannot be scored (全年预算数 0,
    units that cannot be compared, a qualitative row without 得分 …).
    """
    from perfctl import model, scoring, terminal
    from perfctl.scoring import report
    from perfctl.scoring.settings import from_config

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    projects, failed = load(paths)
    chosen: dict[Path | None, scoring.Settings] = {}
    results = []
    skipped = 0
    for project in projects:
        if not scoring.has_results(project):
            skipped += 1
            continue
        found = config_mod.find(project.path) if project.path is not None else None
        if found not in chosen:
            cfg = config_mod.load(found) if found is not None else config_mod.Config()
            chosen[found] = from_config(cfg, profile, tolerance=tolerance)
        result = scoring.score(project, chosen[found])
        if project.doc is None and result.issues:
            project.doc = model.load(project.path).doc  # the file's positions, to name file:line:col
        results.append(result)
    if fmt == "text":
        cols = terminal.terminal_width()
        parts = [report.text(r, cols) + "\n" for r in results]
        body = "\n".join(parts)
        if output is not None:
            write_file(output, body)
        elif body:
            sys.stdout.write(printable(body))
    else:
        maker = report.json_parts if fmt == "json" else report.csv_parts
        if output is not None:
            write_file(output, maker(results))
        else:
            write_stdout(maker(results))
    errors = sum(bool(r.errors) for r in results)
    findings = sum(len(r.findings) for r in results)
    print(_summary(len(results), skipped, errors, findings), file=sys.stderr)
    if failed or errors:
        return 2
    return 1 if findings else 0


def _summary(scored: int, skipped: int, errors: int, findings: int) -> str:
    parts = [f"{scored} project(s) with results"]
    if skipped:
        parts.append(f"{skipped} without results skipped (no 实际完成值, 得分 or 全年执行数)")
    if errors:
        parts.append(f"{errors} could not be scored")
    parts.append(f"{findings} finding(s)")
    return "perfctl score: " + ", ".join(parts)
