"""Command-line interface: parses options and dispatches to ``perfctl.commands.<name>.run``.

Exit codes: 0 ok, 1 findings, 2 usage or input error. Heavy modules (jinja2, tabulate,
jsonschema) are imported inside the commands that use them, never at start.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from perfctl import __version__, clihelp, completion, i18n
from perfctl.i18n import N_, _


class _Typer(typer.Typer):
    """typer.Typer whose commands are :class:`perfctl.clihelp.Command` (help in the user's language)."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", clihelp.Command)
        return super().command(*args, **kwargs)


app = _Typer(
    name="perfctl",
    cls=clihelp.Group,
    help="Write, review and publish performance target tables (绩效目标表) kept as YAML files in a git-tracked store.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _registry(kind: str):  # type: ignore[no-untyped-def]
    """An option callback that accepts only names of one of perfctl's registries (import
    formats, text layouts), read when the option is used, so that validation and the
    message list what the code defines and the CLI's start stays light."""

    def check(value: Optional[str]) -> Optional[str]:
        if value is None:
            return value
        names = completion.import_formats() if kind == "format" else completion.import_layouts()
        if value not in names:
            raise typer.BadParameter(_("{value!r} is not one of: {names}").format(value=value, names=i18n.listing(names)))
        return value

    return check


def _code(value: Optional[str]) -> Optional[str]:
    """``--department-code``: letters and digits only, as the project format's department.code."""
    if value is not None and not (value.isascii() and value.isalnum()):
        raise typer.BadParameter(_("{value!r}: a 部门编码 is letters and digits only, such as 389101").format(value=value))
    return value


def _codes(values: Optional[list[str]]) -> Optional[list[str]]:
    """``--department``: each a 部门编码 (letters and digits)."""
    for value in values or []:
        _code(value)
    return values


def _output(value: str) -> Path:
    """An output path (``--output FILE``, ``--out DIR``, ``--baseline FILE``): an empty one is a
    usage error, not the current folder it would otherwise become (``Path("")`` is ``.``)."""
    if not value:
        raise typer.BadParameter(_("the path is empty"))
    return Path(value)


def _choice(load):  # type: ignore[no-untyped-def]
    """The click type of an option taking one of the names ``load`` reads from a registry
    (:mod:`perfctl.completion`): checked, shown (``text|json|csv``) and completed alike."""
    return completion.RegistryChoice(load)


def _version(value: bool) -> None:
    if value:
        print(f"perfctl {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks for errors.")] = False,
    lang: Annotated[Optional[str], typer.Option("--lang", metavar="zh|en", click_type=_choice(lambda: i18n.LANGUAGES), help="Language of messages and help: zh (中文) or en; default: the store config's lang, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).", show_default=False)] = None,
) -> None:
    """perfctl keeps each project's 绩效目标表 as one YAML file and imports, renders, shows and exports them.

    Exit codes: 0 ok, 1 findings, 2 usage or input error.
    """
    _state["debug"] = debug




Paths = Annotated[list[Path], typer.Argument(metavar="PATH", help="Project files or store folders (searched recursively for *.yaml and *.yml).", show_default=False)]
#: PATH... that defaults to the current folder.
HerePaths = Annotated[Optional[list[Path]], typer.Argument(metavar="PATH", help="Project files or store folders; default: the current folder.", show_default=False)]


@app.command("import", short_help="Import tables from Word, Excel, PDF, HTML, text or an export.")
def import_(
    sources: Annotated[list[Path], typer.Argument(metavar="SOURCE", help="Files or folders: Word (.docx), Excel (.xlsx, .xls), PDF with a text layer, HTML pages, or text (.txt) in one of the layouts the README's Importing section shows, or perfctl's own export (.json, .csv; taken only when named). Folders are searched recursively.", show_default=False)],
    into: Annotated[Path, typer.Option("--into", metavar="STORE", help="The store folder to write project files into.")],
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", min=1900, max=2200, help="Budget year (预算年度), for tables that do not state it.")] = None,
    department_code: Annotated[Optional[str], typer.Option("--department-code", metavar="CODE", callback=_code, help="部门编码, for tables that name the department without its code.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", callback=_registry("format"), autocompletion=completion.values(completion.import_formats), help="Read every source as this format instead of detecting it from the content (docx, xlsx, xls, pdf, html, text).")] = None,
    layout: Annotated[Optional[str], typer.Option("--layout", metavar="LAYOUT", callback=_registry("layout"), autocompletion=completion.values(completion.import_layouts), help="Read text sources in this layout instead of detecting it (implies --format text); a wrong name lists the layouts.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Show each project as a table on stdout and the warnings on stderr; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite project files that already exist with different content (never ones whose comments would be lost).")] = False,
) -> None:
    """Import target tables from Word, Excel, PDF, HTML or text files, or perfctl's own
    export (JSON or CSV), into project files.

    Each table becomes STORE/<department code>/<year>/<project name>.yaml. The format of
    each file is detected from its content. A row the import could not take as printed is
    imported with a warning and a '# review (待复核)' comment, or left out with a warning.
    An existing file with other content is never overwritten without --force, and a file
    whose content would not change is left alone.

    Exit codes: 0 imported fully; 1 imported with warnings; 2 a file was refused (nothing
    of that file is written; the other files are imported).

    Examples:

      perfctl import 项目绩效目标表.docx --into data

      perfctl import 2025申报/ --into data --year 2025 --dry-run
    """
    from perfctl.commands import import_ as cmd

    _run(cmd.run, sources, into, year=year, department_code=department_code, format=format, layout=layout,
         force=force, dry_run=dry_run)


#: The help of show's --thousands (render's adds its default in a text of its own: one message each).
_THOUSANDS_HELP = N_("Group the digits of amounts with thousands separators (1,234,567.80); files never hold them.")


@app.command(short_help="Render tables as Markdown, HTML, Word or Excel documents.")
def render(
    paths: Paths,
    format: Annotated[str, typer.Option("--format", "-f", click_type=_choice(completion.render_formats), help="Output format: md (Markdown), html, docx (Word) or xlsx (Excel, one sheet per project); docx and xlsx need --out.")] = "html",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="DIR", parser=_output, help="Folder to write one document per department and year into (never over a file this run reads); without it, print to stdout.")] = None,
    thousands: Annotated[Optional[bool], typer.Option("--thousands/--no-thousands", show_default=False, help="Group the digits of amounts with thousands separators (1,234,567.80); files never hold them. Default: the store config's render.thousands, else no.")] = None,
    layout: Annotated[Optional[str], typer.Option("--layout", metavar="LAYOUT", autocompletion=completion.values(completion.layouts), help="Document layout: tianjin (the source documents' form, the default) or national-2021 (the 财预〔2021〕101号 template), or a folder under the store's templates/layouts/; default: the store config's render.layout.")] = None,
) -> None:
    """Render target tables as Markdown, HTML, Word or Excel documents, one per department and year.

    Amounts print with 2 decimals (80.00 万元), more only when the file's amount has them.

    A project with results (实际完成值, 得分 or 全年执行数) renders as its 项目支出绩效自评表
    (财预〔2020〕10号 附件1), scored as perfctl score does.

    Templates come from templates/ inside the store when present, else the built-in ones;
    perfctl.yaml at the store root can set render.layout and render.thousands.

    Examples:

      perfctl render data --format html --out out/

      perfctl render data --format docx --layout national-2021 --out out/

      perfctl render data/389101/2025 --format xlsx --thousands --out out/
    """
    from perfctl.commands import render as cmd

    _run(cmd.run, paths, format, out, thousands=thousands, layout=layout)


@app.command(short_help="Show tables in the terminal, aligned by CJK width.")
def show(
    paths: HerePaths = None,
    thousands: Annotated[bool, typer.Option("--thousands", help=_THOUSANDS_HELP)] = False,
) -> None:
    """Show target tables in the terminal, columns aligned for Chinese text.

    Amounts print with 2 decimals (80.00 万元), more only when the file's amount has them.

    A project with results shows as its 项目支出绩效自评表, with the scores perfctl score works out.

    Examples:

      perfctl show data/389101/2025/自贸区法律服务经费.yaml

      perfctl show            # every project under the current folder
    """
    from perfctl.commands import show as cmd

    _run(cmd.run, paths or [Path(".")], thousands=thousands)


@app.command(short_help="Export projects for analysis: JSON, CSV, Excel or Parquet.")
def export(
    paths: Paths,
    format: Annotated[Optional[str], typer.Option("--format", "-f", click_type=_choice(completion.export_formats), help="json: a list of projects; csv: one row per indicator; xlsx: the CSV's rows as an Excel workbook (needs --output); parquet: two tables, projects.parquet and indicators.parquet, in the folder --output names (needs perfctl[analytics]). Default: the --output suffix (.json, .csv, .xlsx, .parquet), else json; a suffix naming another format is refused.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", parser=_output, help="Write to FILE (a folder for parquet) instead of stdout: a pipe is written into, a symlink through; never a file this run reads.")] = None,
    bom: Annotated[Optional[bool], typer.Option("--bom/--no-bom", help="Start the CSV with a UTF-8 byte-order mark, which Excel needs to read Chinese text. Default: with a mark in a file, none on stdout or into a pipe.", show_default=False)] = None,
) -> None:
    """Export projects in a stable long format for analysis (pandas, jq, spreadsheets).

    Examples: perfctl export data -o targets.xlsx;  perfctl export data --format csv | csvlook
    """
    from perfctl.commands import export as cmd

    _run(cmd.run, paths, format, output, bom=bom)



@app.command(short_help="Run SQL (DuckDB) over the store's projects and indicators.")
def query(
    sql: Annotated[str, typer.Argument(metavar="SQL", help="A DuckDB SELECT over the views projects (one row per project) and indicators (one row per indicator row), the tables export --format parquet writes.", show_default=False)],
    paths: HerePaths = None,
    format: Annotated[str, typer.Option("--format", "-f", click_type=_choice(completion.query_formats), help="table: aligned for the terminal; csv; json: a list of objects.")] = "table",
) -> None:
    """Answer questions about a store in SQL, with DuckDB (needs: pip install 'perfctl[analytics]').

    Examples:

      perfctl query "select count(*) from indicators" data

      perfctl query "select level1, sum(target.value_yuan) from indicators group by 1" data --format csv
    """
    from perfctl.commands import query as cmd

    _run(cmd.run, sql, paths or [Path(".")], format)





@app.command(short_help="Check tables as a finance bureau's review does.")
def lint(
    paths: HerePaths = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", click_type=_choice(completion.lint_formats), help="Report format: text, json, github (workflow annotations; the default inside GitHub Actions) or sarif. Default: the --output suffix (.json, .sarif), else text; a suffix naming another format is refused.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", parser=_output, help="Write the report to FILE instead of stdout: a pipe is written into, a symlink through; never a file this run reads.")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", click_type=_choice(completion.severities), help="Exit 1 when a finding at or above this severity remains.")] = "error",
    baseline: Annotated[Optional[Path], typer.Option("--baseline", metavar="FILE", parser=_output, help="Hide findings recorded in FILE; a missing FILE is created with today's findings.")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Rewrite the --baseline FILE with today's findings.")] = False,
    select: Annotated[Optional[list[str]], typer.Option("--select", metavar="CODE", autocompletion=completion.values(completion.rule_codes), help="Run only these rules (codes or prefixes such as PT-Q); repeatable.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", metavar="CODE", autocompletion=completion.values(completion.rule_codes), help="Do not run these rules (codes or prefixes); repeatable.")] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", click_type=_choice(completion.lint_profiles), help="Indicator framework, overriding the store config: auto detects it per file.", show_default=False)] = None,
    tolerance: Annotated[Optional[str], typer.Option("--tolerance", metavar="POINTS", help="How far a declared 得分 may be from the computed one before PT-E02 reports it, overriding the store config's score.tolerance (default 0.01; 0.5 for tables rounded to whole points).", show_default=False)] = None,
) -> None:
    """Check target tables as a finance bureau's review does (完整性、相关性、适当性、可行性).

    Findings carry file:line:col, a rule code and a severity. The store config
    perfctl.yaml (found upward from PATH) chooses the profile, thresholds, rules and
    severities, and the scoring settings (score:) the PT-E rules check results with. Suppress one finding with a comment on its line: # perfctl: ignore[PT-Q01].

    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 a file or the config could not be read.

    Example: perfctl lint data --fail-on warning
    """
    from perfctl.commands import lint as cmd

    # No cycle collection for the rest of the process: lint makes almost no garbage cycles,
    # and turning the collector back on would walk every finding once more (see
    # perfctl.lint.engine._cycle_collector_paused).
    gc.disable()
    _run(cmd.run, paths or [Path(".")], fmt=format, output=output, fail_on=fail_on,
         baseline=baseline, update_baseline=update_baseline, select=select, ignore=ignore,
         profile=profile, tolerance=tolerance)




@app.command(short_help="Score the year-end self-evaluation (自评) of each project.")
def score(
    paths: HerePaths = None,
    format: Annotated[str, typer.Option("--format", "-f", click_type=_choice(completion.score_formats), help="text (a table per project), json (a list of projects) or csv (one row per indicator, and one for the execution row).")] = "text",
    profile: Annotated[Optional[str], typer.Option("--profile", click_type=_choice(completion.score_profiles), help="Scoring rules, overriding the store config's score.profile: national-2020 (财预〔2020〕10号, the default) or pmkpi.", show_default=False)] = None,
    tolerance: Annotated[Optional[str], typer.Option("--tolerance", metavar="POINTS", help="How far a declared 得分 may be from the computed one before it is a finding, overriding the store config's score.tolerance (default 0.01; 0.5 for tables rounded to whole points).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", parser=_output, help="Write the report to FILE instead of stdout: a pipe is written into, a symlink through; never a file this run reads.")] = None,
) -> None:
    """Score the year-end self-evaluation (自评) of every project that has results.

    For each project with 实际完成值, 得分 or 全年执行数: the 预算执行率 and its score, each
    indicator row's score (≥ rows B÷A×分值 when missed, ≤ rows A÷B×分值, qualitative rows
    the declared 得分 checked against its band), 总分 and the grade (优 良 中 差). Rows are
    rounded half up to 2 decimals and the total is their sum. Settings come from the store
    config perfctl.yaml (score:); see the README's "Year-end self-evaluation" section.

    Exit codes: 0 scored and the declared figures agree; 1 findings (a declared 得分 off the
    computed one, outside its band or above its 分值, a missing 偏差原因); 2 a file could not
    be read or a project cannot be scored (全年预算数 is 0, units that cannot be compared, a
    qualitative row without 得分).

    Examples: perfctl score data;  perfctl score data --format json;  perfctl score 自评/ --tolerance 0.5
    """
    from perfctl.commands import score as cmd

    _run(cmd.run, paths or [Path(".")], fmt=format, profile=profile,
         tolerance=tolerance, output=output)


@app.command(short_help="A store at a glance: money, categories, findings, grades.")
def report(
    paths: HerePaths = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="REV", help="Also list the semantic changes from this git revision to the working tree (targets tightened or loosened, budget moved), as perfctl diff REV does.", show_default=False)] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="text|json|html", autocompletion=completion.values(completion.report_formats), help="text (bars drawn in characters), json (stable English keys, amounts in 元) or html (one self-contained page with SVG charts, printable on A4). Default: the --output suffix (.json, .html), else text.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", parser=_output, help="Write the report to FILE instead of stdout: a pipe is written into, a symlink through; never a file this run reads.")] = None,
) -> None:
    """Summarise a store: projects per department and year, 预算数 totals (元 and 万元 tables
    converted to 元), rows and money by 一级指标, quantitative and qualitative targets, lint
    findings by rule and severity, self-evaluation totals and grades where results exist.

    Exit codes: 0 ok; 2 a file could not be read (the others are summarised) or usage error.

    Examples:

      perfctl report data

      perfctl report data -o report.html

      perfctl report data --since v2025 --format json
    """
    from perfctl.commands import report as cmd

    gc.disable()  # as lint: the run makes many long-lived objects and few cycles
    _run(cmd.run, paths or [Path(".")], since=since, fmt=format, output=output)


@app.command(short_help="Get tables ready for the year-end self-evaluation.")
def prepare(
    paths: HerePaths = None,
    profile: Annotated[Optional[str], typer.Option("--profile", click_type=_choice(completion.score_profiles), help="Whose first-level points to propose, overriding the store config's score.profile: national-2020 (the default) or pmkpi.", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Print a unified diff of what would be added; write nothing.")] = False,
) -> None:
    """Get target tables ready for the year-end self-evaluation (自评): add the fields an analyst fills in.

    Every indicator row gets an empty actual: (实际完成值), a qualitative one an empty score:
    (得分, the evaluator's); a row without weight: (分值) gets points proposed from the
    profile's first-level defaults (产出指标 50, 效益指标 30, 满意度指标 10), split equally
    within each and rounded half up to score.round decimals, the last row taking the rest
    (50 over 3 rows: 16.67, 16.67, 16.66); 成本指标 rows share 产出指标's points. A table
    with a budget gets the execution row's points (budget.weight: 10) and empty adjusted
    (全年预算数) and spent (全年执行数). Points already written are never changed. Keys are
    only inserted: comments, quotes and key order stay as they are.

    A table without a 满意度指标 row gives its 10 points to 效益指标, or to 产出指标 when
    perfctl.yaml says no_satisfaction_to: output under score: (a choice: no national rule says).

    Exit codes: 0 done (a file already prepared is left as it is); 2 a file could not be read or was refused.

    Examples: perfctl prepare data --dry-run;  perfctl prepare data/389101/2025/自贸区法律服务经费.yaml
    """
    from perfctl.commands import prepare as cmd

    _run(cmd.run, paths or [], profile=profile, dry_run=dry_run)


@app.command(short_help="List the lint rules, or explain one.")
def rules(
    code: Annotated[Optional[str], typer.Argument(metavar="CODE", autocompletion=completion.values(completion.rule_codes), help="A rule code such as PT-Q01: print its documentation.", show_default=False)] = None,
) -> None:
    """List the lint rules (code, name, severity, profile), or explain one.

    Example: perfctl rules PT-C01
    """
    from perfctl.commands import rules as cmd

    _run(cmd.run, code)



_DIFF_FORMAT_HELP = N_("text (colour on a terminal unless NO_COLOR is set), markdown (for a review comment or a change "
                       "log), json, or table (side by side: one line per project, old and new name, 预算数 old → new, "
                       "rows added/removed, targets tightened/loosened).")


@app.command(short_help="Show what changed in meaning: targets, money, rows, texts.")
def diff(
    operands: Annotated[Optional[list[str]], typer.Argument(metavar="OPERAND", help="[OLD [NEW]] [PATH...]: two files or two folders; or, in a git repository, up to two revisions (default: HEAD against the working tree) followed by paths; or REV:PATH.", show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", click_type=_choice(completion.diff_formats), help=_DIFF_FORMAT_HELP)] = "text",
    fail_on: Annotated[Optional[list[str]], typer.Option("--fail-on", metavar="LEVEL|KIND", help="Exit 1 when a change at this level or worse (breaking, review, info), or of this kind (target-loosened …), is present; repeatable.")] = None,
    years: Annotated[Optional[tuple[int, int]], typer.Option("--years", metavar="OLD NEW", help="Compare two budget years of a store: STORE/<部门编码>/OLD/ against STORE/<部门编码>/NEW/ (the only operand is STORE, default the current folder).", show_default=False)] = None,
    department: Annotated[Optional[list[str]], typer.Option("--department", metavar="CODE", callback=_codes, help="Only projects of this 部门编码; repeatable.")] = None,
) -> None:
    """Show what changed in targets, money, indicators and texts, classified by kind and level.

    Projects match by 项目编码 when both tables have one, then by (department code, year,
    name), then across years (same name, or the same indicator rows: renamed); indicators by
    (一级指标, 二级指标, name): moving files and reordering rows is no change; ≤8万元 → ≤80000元
    is no change either. Levels per kind come from the store config perfctl.yaml (diff: levels:).

    Exit codes: 0 ok, 1 a --fail-on change is present, 2 usage or input error.

    Examples: perfctl diff;  perfctl diff HEAD~1 HEAD data;  perfctl diff old/ new/ --fail-on breaking

    A department's store side by side for two years, failing on a loosened target:
    perfctl diff --years 2025 2026 data --department 389101 --format table --fail-on target-loosened
    """
    from perfctl.commands import diff as cmd

    _run(cmd.run, operands or [], format, fail_on or [], years=years, departments=department or [])


@app.command(short_help="List the semantic changes of each commit, newest first.")
def log(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH", help="Project files or store folders to follow; default: the current folder.", show_default=False)] = None,
    rev: Annotated[str, typer.Option("--rev", metavar="REV|RANGE", help="Where to start, or a range such as v1..HEAD.")] = "HEAD",
    max_count: Annotated[Optional[int], typer.Option("--max-count", "-n", metavar="N", min=1, help="List only the N most recent commits with semantic changes.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", click_type=_choice(completion.diff_formats), help=_DIFF_FORMAT_HELP)] = "text",
) -> None:
    """List, per commit and newest first, the semantic changes to projects (git history).

    Commits that change no project semantically are left out. --format markdown gives a change log.

    Example: perfctl log data --format markdown > CHANGELOG.md
    """
    from perfctl.commands import log as cmd

    _run(cmd.run, paths or ["."], rev, max_count, format)


@app.command("git-setup", short_help="Make plain git diff and git log -p readable for projects.")
def git_setup(
    store: Annotated[Path, typer.Argument(metavar="STORE", help="The store folder (inside a git repository); default: the current folder.")] = Path("."),
    textconv: Annotated[Optional[str], typer.Option("--textconv", metavar="COMMAND", help="Command git runs to print a project file; default: this perfctl (its Python, -m perfctl textconv).")] = None,
) -> None:
    """Make plain git diff, git log -p and git show print projects one fact per line.

    Adds "*.yaml diff=perfctl" (and *.yml) to STORE/.gitattributes, keeping its other
    lines, and sets diff.perfctl.textconv and diff.perfctl.wordRegex in the repository's
    own .git/config. Safe to run again.

    Example: perfctl git-setup data
    """
    from perfctl.commands import git_setup as cmd

    _run(cmd.run, store, textconv)


@app.command(short_help="Print a project in the one-fact-a-line form (for git).", hidden=True)
def textconv(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A project file (git passes a temporary copy).", show_default=False)],
) -> None:
    """Print a project file in the canonical one-line-per-fact form (used by git; see git-setup).

    A file that is not a project prints unchanged.
    """
    from perfctl.commands import textconv as cmd

    _run(cmd.run, file)


@app.command(short_help="Make a folder a store: perfctl.yaml, schema, .gitattributes.")
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The store folder, created when missing; default: the current folder.")] = Path("."),
    dept: Annotated[Optional[str], typer.Option("--dept", metavar="CODE", help="Default 部门编码 for new projects.")] = None,
    dept_name: Annotated[Optional[str], typer.Option("--dept-name", metavar="NAME", help="Default 部门名称 for new projects.")] = None,
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", min=1900, max=2200, help="Default 预算年度 for new projects.")] = None,
    profile: Annotated[str, typer.Option("--profile", metavar="national-2021|legacy-2015|auto", autocompletion=completion.values(completion.lint_profiles), help="Indicator framework of the store.")] = "national-2021",
    line_endings: Annotated[str, typer.Option("--line-endings", metavar="lf|crlf", help="Line endings of the files perfctl writes.")] = "lf",
    git: Annotated[Optional[bool], typer.Option("--git/--no-git", help="Run git init when DIR is not in a git repository (default: ask on a terminal).", show_default=False)] = None,
) -> None:
    """Make a folder ready to be a store: perfctl.yaml, .gitattributes, editor schema, pre-commit hooks, README.

    An existing file is never replaced.

    Example: perfctl init tables --dept 389101 --dept-name 某某局 --year 2026
    """
    from perfctl.commands import init as cmd
    from perfctl.commands.new import prompt

    if line_endings not in ("lf", "crlf"):
        raise typer.BadParameter(_("lf or crlf"), param_hint="--line-endings")
    _run(cmd.run, directory, dept=dept, dept_name=dept_name, year=year, profile=profile, line_endings=line_endings,
         git=git, ask=prompt if sys.stdin.isatty() else None)


@app.command(short_help="Create a project file from a skeleton or last year's table.")
def new(
    name: Annotated[Optional[str], typer.Option("--name", metavar="NAME", help="项目名称.")] = None,
    dept: Annotated[Optional[str], typer.Option("--dept", metavar="CODE", help="部门编码 (default: perfctl.yaml).")] = None,
    dept_name: Annotated[Optional[str], typer.Option("--dept-name", metavar="NAME", help="部门名称 (default: perfctl.yaml).")] = None,
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", min=1900, max=2200, help="预算年度 (default: perfctl.yaml); with --from, the year to copy into.")] = None,
    budget: Annotated[Optional[str], typer.Option("--budget", metavar="AMOUNT", help="预算数, in --unit, e.g. 30000 or 30000.00.")] = None,
    fiscal: Annotated[Optional[str], typer.Option("--fiscal", metavar="AMOUNT", help="其中：财政资金 (default: the budget less --other).")] = None,
    other: Annotated[Optional[str], typer.Option("--other", metavar="AMOUNT", help="其他资金 (default: the budget less --fiscal).")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", metavar="元|万元", help="Money unit of the amounts.")] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", metavar="national-2021|legacy-2015", autocompletion=completion.values(completion.store_profiles), help="Framework whose skeleton to use (default: perfctl.yaml).")] = None,
    into: Annotated[Optional[Path], typer.Option("--into", metavar="STORE", help="The store folder (default: the one whose perfctl.yaml is above the current folder).")] = None,
    from_: Annotated[Optional[Path], typer.Option("--from", metavar="FILE", help="Copy this project into --year instead, shifting deadlines and marking rows for review.")] = None,
) -> None:
    """Create a project file from the store framework's skeleton, with a placeholder row per required category.

    On a terminal, missing fields are asked for; otherwise the missing flags are named (exit 2).
    Prints the new file's path.

    Examples: perfctl new --name 法律服务经费 --budget 30000 --unit 元;
    perfctl new --from data/389101/2025/x.yaml --year 2026
    """
    from perfctl.commands import new as cmd

    _run(cmd.run, into=into, from_=from_, ask=cmd.prompt if sys.stdin.isatty() else None, name=name, dept=dept,
         dept_name=dept_name, year=year, budget=budget, fiscal=fiscal, other=other, unit=unit, profile=profile)


@app.command(short_help="Put project files in the canonical layout, comments kept.")
def fmt(
    paths: HerePaths = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; print a unified diff and exit 1 when a file would change.")] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", metavar="NAME", help="Read files that are not UTF-8 in this encoding (gb18030 for Chinese Windows editors) and write them as UTF-8.")] = None,
) -> None:
    """Put project files in the canonical layout, keeping every comment and the quotes you chose.

    Key order, indentation, quoted codes and money, amounts with the unit's decimals,
    targets in standard form (>= → ≥, full-width digits → ASCII); long lines are never folded.

    Example: perfctl fmt --check data
    """
    from perfctl.commands import fmt as cmd

    _run(cmd.run, paths or [], check=check, encoding=encoding)


@app.command(short_help="Print the JSON Schema of project files.")
def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", parser=_output, help="Write the schema to FILE instead of stdout: a pipe is written into, a symlink through.")] = None,
) -> None:
    """Print the JSON Schema of project files, for editors and other tools.

    Example: perfctl schema -o .perfctl/project.schema.json
    """
    from perfctl.commands import schema as cmd

    _run(cmd.run, output)



@app.command("completion", short_help="Print the shell completion script for bash, zsh or fish.")
def completion_(
    shell: Annotated[str, typer.Argument(metavar="SHELL", click_type=_choice(lambda: completion.SHELLS), help="bash, zsh or fish.", show_default=False)],
) -> None:
    """Print the script that lets SHELL complete perfctl's commands, options, rule codes and
    --format, --profile and --layout values (file names are left to the shell).

    Examples:

      eval "$(perfctl completion bash)"          # in ~/.bashrc

      perfctl completion zsh > "${fpath[1]}/_perfctl"

      perfctl completion fish > ~/.config/fish/completions/perfctl.fish
    """
    print(completion.script(shell), end="")

def _run(fn, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from perfctl.commands import printable
    from perfctl.errors import InputError, UsageError, os_reason

    i18n.for_paths(_paths_of(args, kwargs))
    try:
        code = fn(*args, **kwargs)
    except (InputError, UsageError) as exc:
        if _state["debug"]:
            raise
        text = _("perfctl: {message}").format(message=exc) if isinstance(exc, UsageError) else str(exc)
        print(printable(text), file=sys.stderr)
        code = 2
    except BrokenPipeError:  # the reader went away (perfctl lint | head): stop quietly, as git does
        _quiet_stdout()
        code = 128 + 13  # what a shell reports for a command ended by SIGPIPE
    except OSError as exc:  # the output could not be written (a full disk behind stdout)
        if exc.errno not in _WRITE_FAILED:
            raise  # not a failed write: the one-line internal error of main()
        _quiet_stdout()
        print(_("perfctl: cannot write the output: {reason}").format(reason=os_reason(exc)), file=sys.stderr)
        code = 2
    except KeyboardInterrupt:  # typer would exit 130 silently; say so (writes are whole: see fileio.atomic_write)
        print(_("perfctl: interrupted; files written so far are complete, the rest are untouched"), file=sys.stderr)
        code = 130
    raise typer.Exit(code or 0)


def _paths_of(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[str | Path]:
    """The paths a command works on, for the store config that may choose the language: its
    ``--into`` store, else its first argument that is a path or a list of paths (operands that
    are not existing paths, such as a git revision, are passed over by :func:`perfctl.i18n.from_config`)."""
    if isinstance(kwargs.get("into"), Path):
        return [kwargs["into"]]
    for arg in args:
        if isinstance(arg, Path):
            return [arg]
        if isinstance(arg, (list, tuple)) and arg and all(isinstance(a, (str, Path)) for a in arg):
            return list(arg)
    return []


#: What a failed write of the output says: no space, over quota, file too large, I/O error.
_WRITE_FAILED = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG, errno.EIO}


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that flushing what is left at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def main() -> None:
    """Console entry point: run the app; unexpected errors print one line, not a traceback."""
    # A run builds many objects that live to the end (projects, findings) and few cycles:
    # collecting young objects less often saves a third of the time of a large lint (as mypy does).
    gc.set_threshold(100_000, 20, 20)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    if completion.requested():  # a shell asking for candidates (see perfctl completion)
        completion.init()
    try:
        app(complete_var=completion.COMPLETE_VAR)
    except KeyboardInterrupt:
        print(_in_any_case(N_("perfctl: interrupted")), file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - last resort: one line instead of a traceback
        if _state["debug"] or "--debug" in sys.argv:
            raise
        print(_in_any_case(N_("perfctl: internal error: {kind}: {error} (run with --debug for the traceback)")).format(
            kind=type(exc).__name__, error=exc), file=sys.stderr)
        sys.exit(2)


def _in_any_case(message: str) -> str:
    """``message`` in the user's language, or as written when the language cannot be worked
    out (the error being reported may be the reason): the last resort must not fail."""
    try:
        return _(message)
    except Exception:  # noqa: BLE001
        return message
