"""``perfctl render``: target tables as Markdown or HTML documents, one per department and year."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from perfctl import render
from perfctl.authoring.safewrite import Reads, output_target
from perfctl.commands import inputs, load, refuse_duplicates, write_binary, write_output, write_stdout
from perfctl.office import WRITERS
from perfctl.office.form import parse
from perfctl.errors import InputError, UsageError
from perfctl.i18n import _, ngettext


def run(paths: list[Path], fmt: str, out: Path | None, thousands: bool | None = None, layout: str | None = None) -> int:
    """Render the projects under ``paths`` with the template ``document.<fmt>.j2`` of ``layout``
    (:func:`perfctl.render.environment`; ``None``: the store config's ``render.layout``, else
    :data:`perfctl.render.DEFAULT_LAYOUT`).

    ``fmt`` is ``"md"``, ``"html"``, or a binary format of :data:`perfctl.office.WRITERS`
    (``"docx"``, ``"xlsx"``): the layout's HTML read as a form (:func:`perfctl.office.form.parse`)
    and written by that module; binary formats need ``out``. With ``out``: write ``out/<department code>-<year>.<fmt>``
    per document (atomically, creating ``out``) and name each file on stderr; an ``out``
    that is a file, or a document that would land on a file the run reads, is refused
    before anything is written (:func:`perfctl.authoring.safewrite.output_target`).
    Without: print to stdout as UTF-8 (HTML only for a single document). Every document is
    rendered before anything is written. Amounts print with the unit's 2 decimals (more only when
    the file's amount has them); ``thousands`` groups their digits (``1,234,567.80``; ``None``:
    the store config's ``render.thousands``).

    A 自评表 that cannot be scored is rendered with 总分 未能计算 and a warning on stderr.

    Returns 0 (also when there is nothing to render), or 2 after printing every load error
    when files fail to load (nothing is written). Raises :class:`InputError` for template errors and unwritable files,
    :class:`UsageError` for several HTML documents without ``out``.
    """
    if out is not None and out.exists() and not out.is_dir():
        raise InputError(_("cannot write: it is a file, not a folder"), out)
    from perfctl import config

    cfg = config.for_path(paths[0] if paths else Path("."))
    thousands = cfg.thousands if thousands is None else thousands
    try:  # an unknown layout: before any loading
        env = render.environment(render.store_templates(paths), layout or cfg.layout or render.DEFAULT_LAYOUT)
    except UsageError as exc:
        if layout is None and cfg.layout is not None:  # named by the store, not on the command line
            raise InputError(_("{setting}: {message}").format(setting="render.layout", message=exc), cfg.path) from None
        raise
    projects, failed = load(paths)
    if failed:
        return 2
    if refuse_duplicates(projects):  # the same project twice would count its money twice
        return 2
    documents = render.documents(projects, thousands=thousands)
    binary = fmt in WRITERS
    if out is None and binary:
        raise UsageError(_("a .{fmt} document is binary: give --out DIR").format(fmt=fmt))
    if out is None and fmt == "html" and len(documents) > 1:
        names = ", ".join(_stem(d) for d in documents)
        raise UsageError(_("{n} documents to render ({names}); an HTML file holds one: give --out DIR").format(
            n=len(documents), names=names))

    template = "document.html.j2" if binary else f"document.{fmt}.j2"
    texts = [render.render_document(env, template, d) for d in documents]
    for document in documents:  # a 自评表 that cannot be scored is rendered, and said so
        for table in document["tables"]:
            form = table.get("selfeval")
            if form and not form["scored"]:
                n = len(form["errors"])
                print(ngettext("perfctl: warning: {document} table {number} ({name}): 总分 未能计算, {n} error; "
                               "perfctl score names it",
                               "perfctl: warning: {document} table {number} ({name}): 总分 未能计算, {n} errors; "
                               "perfctl score names them", n).format(
                    document=_stem(document), number=table["number"], name=table["name"], n=n), file=sys.stderr)
    if out is None:
        if texts:
            write_stdout("\n".join(texts))
        return 0
    names = [out / f"{_stem(d)}.{fmt}" for d in documents]
    reads = Reads(inputs(paths))  # walked only when an output exists: only a file that exists can be an input
    targets = [output_target(name, reads, new_folder=True) for name in names]  # all checked, then written
    writer = importlib.import_module(f"perfctl.office.{WRITERS[fmt]}") if binary else None
    forms = [parse(text) for text in texts] if binary else []  # read before the first is written
    for k, (document, target, text) in enumerate(zip(documents, targets, texts)):
        if writer is not None:
            write_binary(target, lambda fh: writer.write(forms[k], fh), what=_(".{fmt} document").format(fmt=fmt))
        else:
            write_output(target, text)
        n = len(document["tables"])
        print(ngettext("wrote {path} ({n} table)", "wrote {path} ({n} tables)", n).format(path=target.path, n=n),
              file=sys.stderr)
    return 0


def _stem(document: dict[str, Any]) -> str:
    return f"{document['department']['code']}-{document['year']}"

