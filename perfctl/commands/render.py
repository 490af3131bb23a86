"""``perfctl render``: target tables as Markdown or HTML documents, one per department and year."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from perfctl import render, store, yamlio
from perfctl.errors import InputError, UsageError


def run(paths: list[Path], fmt: str, out: Path | None) -> int:
    """Render the projects under ``paths`` with the template ``document.<fmt>.j2``.

    ``fmt`` is ``"md"`` or ``"html"``. With ``out``: write ``out/<department code>-<year>.<fmt>``
    per document (atomically, creating ``out``) and name each file on stderr. Without: print
    to stdout as UTF-8 (HTML only for a single document). Every document is rendered
    before anything is written.

    Returns 0, or 2 after printing every load error when files fail to load (nothing is
    written). Raises :class:`InputError` for template errors and unwritable files,
    :class:`UsageError` for several HTML documents without ``out``.
    """
    projects, errors = store.load_all(paths)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 2
    if not projects:
        raise InputError(f"no project files (*.yaml) found in {', '.join(map(str, paths))}")
    documents = render.documents(projects)
    if out is None and fmt == "html" and len(documents) > 1:
        names = ", ".join(_stem(d) for d in documents)
        raise UsageError(f"{len(documents)} documents to render ({names}); an HTML file holds one: give --out DIR")

    env = render.environment(render.store_templates(paths))
    texts = [render.render_document(env, f"document.{fmt}.j2", d) for d in documents]
    if out is None:
        _print_utf8("\n".join(texts))
        return 0
    for document, text in zip(documents, texts):
        target = out / f"{_stem(document)}.{fmt}"
        try:
            yamlio.atomic_write(target, text)
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror}", target) from None
        n = len(document["tables"])
        print(f"wrote {target} ({n} table{'' if n == 1 else 's'})", file=sys.stderr)
    return 0


def _stem(document: dict[str, Any]) -> str:
    return f"{document['department']['code']}-{document['year']}"


def _print_utf8(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 whatever the locale, as the documents declare."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
