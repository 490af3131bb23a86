"""Command-line interface: parses options and dispatches to ``perfctl.commands.<name>.run``.

Exit codes: 0 ok, 1 findings, 2 usage or input error. Heavy modules (jinja2, tabulate,
jsonschema) are imported inside the commands that use them, never at start.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from perfctl import __version__

app = typer.Typer(
    name="perfctl",
    help="Write, review and publish performance target tables (绩效目标表) kept as YAML files in a git-tracked store.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        print(f"perfctl {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks for errors.")] = False,
) -> None:
    """perfctl keeps each project's 绩效目标表 as one YAML file and imports, renders, shows and exports them.

    Exit codes: 0 ok, 1 findings, 2 usage or input error.
    """
    _state["debug"] = debug


class RenderFormat(str, Enum):
    md = "md"
    html = "html"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


Paths = Annotated[list[Path], typer.Argument(metavar="PATH", help="Project files or store folders (searched recursively for *.yaml and *.yml).", show_default=False)]


@app.command("import")
def import_(
    sources: Annotated[list[Path], typer.Argument(metavar="SOURCE", help="Text files in the seed layout (one tab-indented cell per line, as Apache Tika extracts a .docx).", show_default=False)],
    into: Annotated[Path, typer.Option("--into", metavar="STORE", help="The store folder to write project files into.")],
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", min=1900, max=2200, help="Budget year (预算年度), for documents that do not state it.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite project files that already exist with different content.")] = False,
) -> None:
    """Import target tables from extracted document text into project files.

    Each table becomes STORE/<department code>/<year>/<project name>.yaml. An existing
    file with other content is never overwritten without --force.

    Example: perfctl import tables.txt --into data --year 2025
    """
    from perfctl.commands import import_ as cmd

    _run(cmd.run, sources, into, year=year, force=force)


@app.command()
def render(
    paths: Paths,
    format: Annotated[RenderFormat, typer.Option("--format", "-f", metavar="md|html", help="Output format: md (Markdown) or html.")] = RenderFormat.html,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="DIR", help="Folder to write one document per department and year into; without it, print to stdout.")] = None,
) -> None:
    """Render target tables as Markdown or HTML documents, one per department and year.

    Templates come from templates/ inside the store when present, else the built-in ones.

    Example: perfctl render data --format html --out out/
    """
    from perfctl.commands import render as cmd

    _run(cmd.run, paths, format.value, out)


@app.command()
def show(paths: Paths) -> None:
    """Show target tables in the terminal, columns aligned for Chinese text.

    Example: perfctl show data/389101/2025/自贸区法律服务经费.yaml
    """
    from perfctl.commands import show as cmd

    _run(cmd.run, paths)


@app.command()
def export(
    paths: Paths,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", metavar="json|csv", help="json: a list of projects; csv: one row per indicator.")] = ExportFormat.json,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Export projects in a stable long format for analysis (pandas, jq, spreadsheets).

    Example: perfctl export data --format csv -o targets.csv
    """
    from perfctl.commands import export as cmd

    _run(cmd.run, paths, format.value, output)


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Profile(str, Enum):
    auto = "auto"
    legacy = "legacy-2015"
    national = "national-2021"


@app.command()
def lint(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATH", help="Project files or store folders; default: the current folder.", show_default=False)] = None,
    format: Annotated[Optional[LintFormat], typer.Option("--format", "-f", help="Report format: text, json, github (workflow annotations; the default inside GitHub Actions) or sarif.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout.")] = None,
    fail_on: Annotated[Severity, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity remains.")] = Severity.error,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", metavar="FILE", help="Hide findings recorded in FILE; a missing FILE is created with today's findings.")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Rewrite the --baseline FILE with today's findings.")] = False,
    select: Annotated[Optional[list[str]], typer.Option("--select", metavar="CODE", help="Run only these rules (codes or prefixes such as PT-Q); repeatable.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", metavar="CODE", help="Do not run these rules (codes or prefixes); repeatable.")] = None,
    profile: Annotated[Optional[Profile], typer.Option("--profile", help="Indicator framework, overriding the store config: auto detects it per file.", show_default=False)] = None,
) -> None:
    """Check target tables as a finance bureau's review does (完整性、相关性、适当性、可行性).

    Findings carry file:line:col, a rule code and a severity. The store config
    perfctl.yaml (found upward from PATH) chooses the profile, thresholds, rules and
    severities. Suppress one finding with a comment on its line: # perfctl: ignore[PT-Q01].

    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 a file or the config could not be read.

    Example: perfctl lint data --fail-on warning
    """
    from perfctl.commands import lint as cmd

    _run(cmd.run, paths or [Path(".")], fmt=format.value if format else None, output=output, fail_on=fail_on.value,
         baseline=baseline, update_baseline=update_baseline, select=select, ignore=ignore,
         profile=profile.value if profile else None)


@app.command()
def rules(
    code: Annotated[Optional[str], typer.Argument(metavar="CODE", help="A rule code such as PT-Q01: print its documentation.", show_default=False)] = None,
) -> None:
    """List the lint rules (code, name, severity, profile), or explain one.

    Example: perfctl rules PT-C01
    """
    from perfctl.commands import rules as cmd

    _run(cmd.run, code)


def _run(fn, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from perfctl.errors import InputError, UsageError

    try:
        code = fn(*args, **kwargs)
    except (InputError, UsageError) as exc:
        if _state["debug"]:
            raise
        print(f"perfctl: {exc}" if isinstance(exc, UsageError) else str(exc), file=sys.stderr)
        code = 2
    raise typer.Exit(code or 0)


def main() -> None:
    """Console entry point: run the app; unexpected errors print one line, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        app()
    except KeyboardInterrupt:
        print("perfctl: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - last resort: one line instead of a traceback
        if _state["debug"] or "--debug" in sys.argv:
            raise
        print(f"perfctl: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        sys.exit(2)
