"""``perfctl new``: a new project from the store's skeleton, or a copy of one into a new year.

Missing fields come from the store's ``perfctl.yaml`` (department, year, profile), then
from prompts on a terminal; when stdin is not a terminal nothing is asked and the missing
flags are named (exit 2). The file goes to ``STORE/<code>/<year>/<name>.yaml`` and is never
written over an existing one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from perfctl import config
from perfctl.authoring import safewrite
from perfctl.errors import InputError, UsageError
from perfctl.i18n import N_, _
from perfctl.yamlio import Doc

#: Field → its flag and prompt, in prompt order.
FLAGS = {"name": ("--name", N_("项目名称 (project name)")), "dept": ("--dept", N_("部门编码 (department code)")),
         "dept_name": ("--dept-name", N_("部门名称 (department name)")), "year": ("--year", N_("预算年度 (budget year)")),
         "budget": ("--budget", N_("预算数 (budget total)")), "unit": ("--unit", N_("单位 (元 or 万元)")),
         "profile": ("--profile", N_("framework (national-2021 or legacy-2015)"))}


def run(*, into: Path | None = None, from_: Path | None = None, ask: Callable[[str], str] | None = None,
        **given: str | int | None) -> int:
    """Create the project file; ``given`` holds the flags' values by field name (see :data:`FLAGS`,
    plus ``fiscal`` and ``other``). ``ask`` prompts for a missing field (``None``: stdin is not a terminal)."""
    from perfctl.authoring import skeleton
    from perfctl.store import project_path

    if from_ is not None:
        return _copy(from_, given, into)
    cfg = config.for_path(into or Path("."))
    store = into or cfg.root or Path(".")
    fields = _fill(given, cfg, ask)
    try:
        project = skeleton.project(skeleton.Fields(**fields))  # type: ignore[arg-type]
    except ValueError as exc:
        raise UsageError(_("--budget/--fiscal/--other: {error}").format(error=exc)) from None
    target = project_path(store, project)
    return _create(target, skeleton.text(project, str(fields["profile"]), target, store), store)


def _fill(given: dict[str, str | int | None], cfg: config.Config, ask: Callable[[str], str] | None) -> dict[str, object]:
    values = {k: v for k, v in given.items() if v is not None}
    defaults = {"dept": cfg.department.get("code"), "dept_name": cfg.department.get("name"), "year": cfg.year,
                "profile": cfg.profile if cfg.profile != "auto" else None}
    for key, value in defaults.items():
        if values.get(key) is None and value:
            values[key] = value
    missing = [k for k in FLAGS if values.get(k) in (None, "")]
    if missing and ask is None:
        flags = ", ".join(FLAGS[k][0] for k in missing)
        raise UsageError(_("missing {flags} (stdin is not a terminal, so perfctl new does not ask; "
                           "defaults for --dept, --dept-name, --year and --profile can be set in perfctl.yaml)")
                         .format(flags=flags))
    for key in missing:
        while values.get(key) in (None, ""):
            values[key] = ask(_("{question}: ").format(question=_(FLAGS[key][1]))).strip()  # type: ignore[misc]
    return _check(values)


def _check(values: dict[str, object]) -> dict[str, object]:
    if values["unit"] not in ("元", "万元"):
        raise UsageError(_("--unit must be 元 or 万元, not {unit!r}").format(unit=values["unit"]))
    if values["profile"] not in config.PROFILES:
        raise UsageError(_("--profile must be one of: {profiles}; not {profile!r}")
                         .format(profiles=", ".join(config.PROFILES), profile=values["profile"]))
    try:
        values["year"] = int(str(values["year"]))
    except ValueError:
        raise UsageError(_("--year must be a whole number such as 2026, not {year!r}").format(year=values["year"])) from None
    if not 1900 <= values["year"] <= 2200:  # type: ignore[operator]
        raise UsageError(_("--year {year} is outside 1900..2200").format(year=values["year"]))
    if not str(values["dept"]).isalnum() or not str(values["dept"]).isascii():
        raise UsageError(_("--dept must be the department code (letters and digits), not {dept!r}").format(dept=values["dept"]))
    values["dept"] = str(values["dept"])
    return values


def _copy(source: Path, given: dict[str, str | int | None], into: Path | None) -> int:
    from perfctl import fileio
    from perfctl.authoring import copy
    from perfctl.authoring.fmt import load_doc
    from perfctl.model import from_doc
    from perfctl.store import project_path

    others = [FLAGS.get(k, (f"--{k}",))[0] for k, v in given.items() if v is not None and k != "year"]
    if others:
        raise UsageError(_("with --from only --year and --into apply; edit {flags} in the copy").format(flags=", ".join(others)))
    if given.get("year") is None:
        raise UsageError(_("missing --year: the budget year to copy the project into"))
    doc = load_doc(fileio.read_text(source), source)
    store = into or _store_of(source, doc)
    project = from_doc(doc)
    project.year = int(given["year"])  # type: ignore[arg-type]
    if project.year == doc.data["year"]:
        raise UsageError(_("--year {year} is the year of {path} already").format(year=project.year, path=source))
    target = project_path(store, project)
    return _create(target, copy.copy_text(doc, project.year, target, store), store)


def _store_of(source: Path, doc: Doc) -> Path:
    """The store ``source`` is in: its ``perfctl.yaml`` folder, else the folder above ``<code>/<year>/``."""
    found = config.find(source)
    if found is not None:
        return found.parent
    data = doc.data
    parents = source.resolve().parents
    if len(parents) > 2 and parents[0].name == str(data["year"]) and parents[1].name == str(data["department"]["code"]):
        return source.parent.parent.parent
    raise UsageError(_("cannot tell which store {path} is in; name it with --into").format(path=source))


def _create(target: Path, text: str, store: Path) -> int:
    """Write the new file (never over an existing one) and the store's schema copy; print its path."""
    if target.exists() or target.is_symlink():
        raise InputError(_("exists; perfctl new never writes over a file (choose another --name, or delete it)"), target)
    safewrite.check_target(store, target)
    safewrite.check_schema_copy(store)
    store.mkdir(parents=True, exist_ok=True)
    safewrite.ensure_schema_copy(store)
    safewrite.write(target, text, newline=safewrite.newline_for(store))
    try:  # the store found through perfctl.yaml is an absolute path: show it from here
        target = target.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        pass
    print(_("created {path}").format(path=target), file=sys.stderr)
    print(target)
    return 0


def prompt(question: str) -> str:
    """Ask on the terminal (the question on stderr, so stdout stays the created path)."""
    sys.stderr.write(question)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise UsageError(_("no answer (end of input)"))
    return line.rstrip("\n")
