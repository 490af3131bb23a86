"""``perfctl score``: the year-end self-evaluation scores of a store (财预〔2020〕10号)."""

from __future__ import annotations

import sys
from pathlib import Path

from perfctl import config as config_mod
from perfctl.authoring.safewrite import output_target
from perfctl.commands import inputs, printable, write_output, write_stdout
from perfctl.errors import InputError, UsageError
from perfctl.i18n import _, ngettext

FORMATS = ("text", "json", "csv")


def run(paths: list[Path], *, fmt: str = "text", profile: str | None = None, tolerance: str | None = None,
        output: Path | None = None) -> int:
    """Score every project under ``paths`` that has results; print or write the report.

    Returns 0 when every project scored and its declared figures agree, 1 for findings (a
    declared 得分 off the computed one, outside its band or above its points, a missing
    偏差原因), 2 when a file does not load or a project cannot be scored (全年预算数 0,
    units that cannot be compared, a qualitative row without 得分 …). A store config whose
    ``score:`` section is bad stops the run before any file is read (exit 2).
    """
    from perfctl import store, terminal
    from perfctl.scoring import batch, report
    from perfctl.scoring.settings import for_config

    if fmt not in FORMATS:
        raise UsageError(_("unknown format {fmt!r}; choose one of: {choices}").format(fmt=fmt, choices=", ".join(FORMATS)))
    out = output_target(output, inputs(paths)) if output is not None else None  # an input: refused now
    jobs: list[batch.Job] = []
    errors: list[InputError] = []
    seen = store.Seen()
    configs: dict[Path, Path | None] = {}
    for arg in paths:
        try:
            files = [f for f in store.find_files([arg]) if seen.first(f)]
        except InputError as exc:
            errors.append(exc)
            continue
        for f in files:
            folder = f.parent
            if folder not in configs:
                configs[folder] = config_mod.find(folder)
                for_config(configs[folder], profile, tolerance)  # a bad config or option: stop now
            jobs.append((f, configs[folder], profile, tolerance))
    results = []
    skipped = 0
    for item in batch.score_all(jobs):
        if isinstance(item, InputError):
            errors.append(item)
        elif item is None:
            skipped += 1
        else:
            results.append(item)
    for exc in errors:
        print(printable(str(exc)), file=sys.stderr)
    if not jobs and not errors:
        print(_("perfctl: no project files (*.yaml, *.yml) found in {paths}").format(paths=" ".join(map(str, paths))),
              file=sys.stderr)
    elif jobs and not results and not errors:
        print(_("perfctl: no project holds results yet: fill in actual: (实际完成值) and budget.spent (全年执行数); "
                "perfctl prepare adds the empty fields"), file=sys.stderr)
    if fmt == "text":
        cols = terminal.terminal_width()
        body = "\n".join(report.text(r, cols) + "\n" for r in results)
        if out is not None:
            write_output(out, body)
        elif body:
            sys.stdout.write(printable(body))
    else:
        maker = report.json_parts if fmt == "json" else report.csv_parts
        if out is not None:
            write_output(out, maker(results))
        else:
            write_stdout(maker(results))
    unscored = sum(bool(r.errors) for r in results)
    findings = sum(len(r.findings) for r in results)
    print(_summary(len(results), skipped, unscored, findings, len(errors)), file=sys.stderr)
    if errors or unscored:
        return 2
    return 1 if findings else 0


def _summary(scored: int, skipped: int, unscored: int, findings: int, unreadable: int) -> str:
    parts = [ngettext("{n} project with results", "{n} projects with results", scored).format(n=scored)]
    if skipped:
        parts.append(_("{n} without results skipped (no 实际完成值, 得分 or 全年执行数)").format(n=skipped))
    if unscored:
        parts.append(_("{n} could not be scored").format(n=unscored))
    if unreadable:
        parts.append(ngettext("{n} file could not be read", "{n} files could not be read", unreadable).format(n=unreadable))
    parts.append(ngettext("{n} finding", "{n} findings", findings).format(n=findings))
    summary = parts[0]
    for part in parts[1:]:
        # TRANSLATORS: joins the clauses of perfctl score's last line: "1 project with results, 5 findings"
        summary = _("{summary}, {part}").format(summary=summary, part=part)
    return _("perfctl score: {summary}").format(summary=summary)
