"""Rendering target tables as documents: template lookup, the Jinja environment, the context.

A document is one department's tables for one year, in source-document order
(:func:`perfctl.store.document_order`), numbered from 1. Templates receive plain dicts,
lists and strings, described in :func:`document_context`; amounts are text as people write
them (:func:`perfctl.money.display`: 2 decimals, more only when the amount has them), in the
table's ``money_unit`` (元 or 万元). Data is only ever passed as values, never compiled as a
template, so ``{{ 7*7 }}`` in a goal prints as written.

jinja2 is imported inside the functions that need it, so ``perfctl --help`` stays fast.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import perfctl
from perfctl import fields, money, store
from perfctl.filters import br, md, nowrap
from perfctl.errors import InputError, UsageError
from perfctl.i18n import _
from perfctl.model import Indicator, Project

if TYPE_CHECKING:
    import jinja2

#: Template names that produce HTML or XML and are therefore autoescaped.
HTML_SUFFIXES = (".html", ".htm", ".xml", ".html.j2", ".htm.j2", ".xml.j2")
#: Name of the folder that holds templates, built in and inside a store.
TEMPLATES = "templates"
#: Folder under ``templates/`` holding one folder per document layout.
LAYOUTS = "layouts"
#: The layout of ``render`` when neither ``--layout`` nor the store config's ``render.layout`` names one.
DEFAULT_LAYOUT = "tianjin"
GENERATED_BY = f"perfctl {perfctl.__version__}"



# ---------------------------------------------------------------- templates


def builtin_templates() -> Path:
    """The built-in templates: ``perfctl/templates`` in an installed wheel, else the
    top-level ``templates/`` of the source tree (editable install)."""
    package = Path(perfctl.__file__).parent
    shipped = package / TEMPLATES
    return shipped if shipped.is_dir() else package.parent / TEMPLATES


def store_templates(paths: Iterable[str | Path]) -> Path | None:
    """The store's ``templates/`` folder, which overrides built-in templates by file name.

    Rule: for each PATH in order, start at PATH (a folder) or at the folder holding PATH
    (a file) and walk up to the nearest folder that has a ``templates/`` folder, going no
    higher than the root of a git repository (a folder with ``.git``). The first found
    wins; ``None`` when there is none.
    """
    for p in map(Path, paths):
        start = p.resolve()
        if not start.is_dir():
            start = start.parent
        for folder in (start, *start.parents):
            if (folder / TEMPLATES).is_dir():
                return folder / TEMPLATES
            if (folder / ".git").exists():
                break
    return None


def is_html(name: str | None) -> bool:
    """Whether the template ``name`` is autoescaped: it ends in .html, .htm or .xml (+ ``.j2``)."""
    return name is not None and name.lower().endswith(HTML_SUFFIXES)


def layouts(store_dir: Path | None = None) -> list[str]:
    """The layout names, sorted: the folders under ``templates/layouts/`` built in
    (``tianjin``, ``national-2021``) and in the store's ``templates/`` (``store_dir``)."""
    names = set()
    for folder in (builtin_templates(), store_dir):
        if folder is not None and (folder / LAYOUTS).is_dir():
            names.update(p.name for p in (folder / LAYOUTS).iterdir() if p.is_dir() and not p.name.startswith("."))
    return sorted(names)


def environment(store_dir: Path | None = None, layout: str = DEFAULT_LAYOUT) -> jinja2.Environment:
    """A sandboxed Jinja environment for ``layout``.

    A template is looked for in ``<store>/layouts/<layout>/``, then ``<store>/`` (``store_dir``,
    the store's ``templates/``; a file there overrides that name in every layout), then the
    built-in ``layouts/<layout>/`` and the built-in shared templates (``print.css``, the 自评表).
    HTML templates are autoescaped (:func:`is_html`); undefined variables are errors
    (``StrictUndefined``). Filters: ``md`` escapes text for a Markdown table cell, ``br`` keeps
    an HTML text's line breaks as ``<br>`` (:func:`perfctl.filters.br`), ``nw`` also keeps its figures on one
    line (:func:`perfctl.filters.nowrap`).
    Raises :class:`UsageError` for a layout no folder defines, listing those that exist.
    """
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    known = layouts(store_dir)
    if layout not in known:
        raise UsageError(_("no layout named {layout!r}; layouts: {layouts}").format(layout=layout, layouts=", ".join(known)))
    builtin = builtin_templates()
    candidates = ((store_dir / LAYOUTS / layout) if store_dir else None, store_dir,
                  builtin / LAYOUTS / layout, builtin)
    folders = [d for d in candidates if d is not None and d.is_dir()]
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(d) for d in folders]),
        autoescape=is_html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters["br"] = br
    env.filters["nw"] = nowrap
    return env


def render_document(env: jinja2.Environment, template: str, document: dict[str, Any]) -> str:
    """Render ``template`` with ``{"document": document, "generated_by": GENERATED_BY}``.

    Raises :class:`InputError` naming the template file and line for any template error
    (syntax, undefined variable, missing template, sandbox violation).
    """
    import jinja2

    try:
        return env.get_template(template).render(document=document, generated_by=GENERATED_BY)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(_("template error: {message}").format(message=exc.message), exc.filename or exc.name,
                         exc.lineno) from None
    except jinja2.TemplateError as exc:
        raise _template_error(exc, env) from None


def _template_error(exc: jinja2.TemplateError, env: jinja2.Environment) -> InputError:
    import jinja2

    message = _("template error: {message}").format(message=exc.message)
    if isinstance(exc, jinja2.TemplateNotFound):
        folders = ", ".join(str(p) for ldr in env.loader.loaders for p in ldr.searchpath)  # type: ignore[union-attr]
        message = _("template not found: {name} (looked in {folders})").format(name=exc.name, folders=folders)
    # Jinja rewrites tracebacks so that frames inside a template carry its file and line.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py")]
    if not frames:
        return InputError(message)
    return InputError(message, frames[-1].filename, frames[-1].lineno)


# ---------------------------------------------------------------- context


def documents(projects: Iterable[Project], *, thousands: bool = False) -> list[dict[str, Any]]:
    """One document context per (department code, year), sorted by code then year;
    ``thousands``: amounts with thousands separators (:func:`amount`)."""
    groups: dict[tuple[str, int], list[Project]] = {}
    for project in store.document_order(projects):
        groups.setdefault((project.department.code, project.year), []).append(project)
    return [document_context(group, thousands=thousands) for _, group in sorted(groups.items(), key=lambda kv: kv[0])]


def document_context(projects: list[Project], *, thousands: bool = False) -> dict[str, Any]:
    """The ``document`` a template receives, for projects of one department and year in order.

    Shape: ``{"department": {"code", "name"}, "year": int, "title", "selfeval", "tables": [table, …]}``
    with each table as in :func:`table_context`, numbered from 1. The department is the first
    project's. ``title`` names what it holds (:func:`perfctl.scoring.form.document_title`);
    ``selfeval`` is true when a table is a self-evaluation (``table["selfeval"]``).
    """
    from perfctl.scoring.form import document_title

    first = projects[0]
    tables = [table_context(p, n, thousands=thousands) for n, p in enumerate(projects, start=1)]
    evaluated = sum(t["selfeval"] is not None for t in tables)
    return {
        "department": {"code": first.department.code, "name": first.department.name},
        "year": first.year,
        "title": document_title(len(tables), evaluated),
        "selfeval": evaluated > 0,
        "tables": tables,
    }


def table_context(project: Project, number: int, *, thousands: bool = False) -> dict[str, Any]:
    """One table: ``number`` (from 1), ``title``, ``name`` (项目名称), ``money_unit`` (``""``
    in a department table without money), ``has_budget`` (the table states 预算数),
    ``budget`` ``{"total", "fiscal", "other"}`` as text (:func:`amount`; ``""`` when missing), ``purpose``
    (``""`` when missing), ``goals`` (list of text, unnumbered), ``extra`` (:func:`extra`),
    ``columns``, ``rows`` (:func:`rows`), and ``selfeval``: the 项目支出绩效自评表 templates print
    instead for a project with results (:func:`perfctl.scoring.form.evaluate`), else ``None``.

    ``implementing_unit`` (实施单位, ``""`` when missing; also among ``extra``), ``code`` (项目编码,
    ``""`` when missing) and ``has_description``: some row has a 绩效指标描述 (a layout leaves
    the column out when none has).

    ``title`` is the title printed in the source when it names the project (a document-wide
    title such as ``2026年项目支出绩效目标表`` above every table of a file does not), else
    ``<name>绩效目标表`` (a department table whose name says 绩效目标 already: the name).
    """
    from perfctl.scoring import form

    budget = project.budget
    printed = project.source.title if project.source else None
    title = printed if printed and project.name in printed else _title(project)
    columns = row_columns(project.indicators)
    return {
        "number": number,
        "title": title,
        "name": project.name,
        "code": project.code or "",
        "implementing_unit": project.implementing_unit or "",
        "money_unit": project.money_unit or "",
        "has_budget": budget.total is not None,
        "budget": {key: amount(getattr(budget, key), project.money_unit, thousands=thousands)
                   for key in ("total", "fiscal", "other")},
        "purpose": project.purpose or "",
        "goals": list(project.goals),
        "extra": extra(project, thousands=thousands),
        "columns": [f.heading for f in columns],
        "has_description": any(ind.description for ind in project.indicators),
        "rows": rows(project.indicators, columns),
        "selfeval": form.evaluate(project, thousands=thousands),
    }


def _title(project: Project) -> str:
    """``<name>绩效目标表``; a department table's name is often its title already (部门整体绩效目标)."""
    if project.kind == "department" and "绩效目标" in project.name:
        return project.name
    return f"{project.name}绩效目标表"


def amount(value: Decimal | None, unit: str | None = None, *, thousands: bool = False) -> str:
    """An amount in ``unit`` (元 or 万元) as people write it (:func:`perfctl.money.display`:
    ``80.000000`` → ``80.00``, ``80.123456`` kept, ``2E+5`` → ``200000.00``; ``thousands``:
    ``1,234,567.80``); ``""`` for ``None``."""
    return "" if value is None else money.display(value, unit, thousands=thousands)


def cell(f: fields.Field, value: Any, unit: str | None = None, *, thousands: bool = False) -> str:
    """A field's value as a table cell: an amount (in ``unit``, the table's money unit) as
    :func:`amount` prints it, points as stored, other values as text; ``""`` for ``None``."""
    if value is not None and f.type == "amount":
        return amount(value, unit, thousands=thousands)
    return "" if value is None else str(fields.shown(f, value))


#: Project and budget fields beyond the target-table form, in table order (``kind`` is the
#: title's business, ``format`` no fact of the table).
_EXTRA = tuple((f, f.path[0] == "budget") for f in fields.FIELDS
               if not f.core and len(f.path) <= 2 and f.path[0] != "indicators" and f.key not in ("kind", "format"))


def extra(project: Project, *, thousands: bool = False) -> list[dict[str, Any]]:
    """Rows for the fields beyond the target-table form that the project has (实施单位, 项目期,
    年初预算数, 全年预算数, 全年执行数, 年度资金总额分值, 中期目标, 年度总体目标完成情况), in
    table order. Each: ``label``, ``text`` (the value; ``""`` for a list), ``texts`` (a list's
    texts, unnumbered; ``[]`` otherwise) and ``amount`` (money or points). Amounts as :func:`amount`."""
    out = []
    for f, in_budget in _EXTRA:
        value = getattr(project.budget if in_budget else project, f.key)
        if fields.present(f, value):
            texts = list(value) if f.type == "texts" else []
            text = "" if texts else cell(f, value, project.money_unit, thousands=thousands)
            out.append({"label": f.heading, "text": text, "texts": texts,
                        "amount": f.unit is not None})
    return out


def row_columns(indicators: list[Indicator]) -> list[fields.Field]:
    """The indicator fields beyond the form's five columns that some row has (计算符号, 计量单位,
    绩效标准, 分值, 实际完成值, 得分, 偏差原因分析及改进措施), in table order."""
    return [f for f in fields.under(("indicators", "*"))
            if not f.core and any(getattr(ind, f.key) is not None for ind in indicators)]


def rows(indicators: list[Indicator], columns: list[fields.Field] | None = None) -> list[dict[str, Any]]:
    """Indicator rows with their cell merges, computed here so templates need no logic.

    Each row: ``level1``, ``level2``, ``name``, ``description`` (``""`` when missing),
    ``target``; ``first_in_level1`` / ``first_in_level2``: the row starts a run of
    consecutive rows with the same ``level1`` / the same (``level1``, ``level2``);
    ``level1_rowspan`` / ``level2_rowspan``: the length of that run on its first row, 0 on the others;
    ``extra``: the row's cells of ``columns`` (:func:`row_columns`), ``""`` where it has none.
    """
    def by_level1(i: Indicator) -> object:
        return i.level1

    def by_level2(i: Indicator) -> object:
        return (i.level1, i.level2)

    out = []
    for k, ind in enumerate(indicators):
        span1, span2 = _run(indicators, k, by_level1), _run(indicators, k, by_level2)
        out.append({
            "level1": ind.level1,
            "level2": ind.level2,
            "name": ind.name,
            "description": ind.description or "",
            "target": ind.target,
            "first_in_level1": span1 > 0,
            "first_in_level2": span2 > 0,
            "level1_rowspan": span1,
            "level2_rowspan": span2,
            "extra": [cell(f, getattr(ind, f.key)) for f in columns or ()],
        })
    return out


def _run(items: list[Indicator], k: int, key: Callable[[Indicator], object]) -> int:
    """Length of the run of equal ``key`` starting at ``k``, or 0 when ``k`` continues a run."""
    if k > 0 and key(items[k - 1]) == key(items[k]):
        return 0
    n = 1
    while k + n < len(items) and key(items[k + n]) == key(items[k]):
        n += 1
    return n
