"""The message catalogs: extract perfctl's messages, keep the ``.po`` files, compile ``.mo``.

A developer's tool (it needs babel, installed by ``make`` with the ``test`` extra; the build
hook ``hatch_build.py`` compiles with it too); perfctl itself reads only the ``.mo``.

What is a message (:func:`extract_perfctl`, babel's extraction method for perfctl's files):

- the arguments of ``_()``, ``N_()`` and ``ngettext()`` (babel's Python extractor);
- in ``perfctl/cli.py``: ``help=``, ``short_help=`` string constants and the docstrings of
  the commands (``@app.command``, ``@app.callback``), after :func:`inspect.cleandoc`, as
  :mod:`perfctl.clihelp` looks them up;
- in ``perfctl/lint/rules/``: each rule module's docstring (what ``perfctl rules CODE`` prints);
- in ``templates/**.j2``: ``{% trans %}`` blocks and ``_()``/``gettext()``/``ngettext()`` calls
  (jinja2's i18n extension; a template that shows English words installs perfctl's functions
  with ``env.install_gettext_callables``).

Usage::

    python -m perfctl.i18n.catalog update [--po FILE] [FILE.py ...]  # extract into the .po, keep translations
    python -m perfctl.i18n.catalog missing [--po FILE]              # list untranslated or fuzzy messages; exit 1 if any
    python -m perfctl.i18n.catalog merge FILE.po ...                # take translations from other .po files (theirs win)
    python -m perfctl.i18n.catalog compile                          # .po → .mo
"""

from __future__ import annotations

import argparse
import ast
import inspect
import io
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from perfctl.i18n import CATALOGS, DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE.parent / "templates"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
#: Keyword arguments whose string constant is a help text (typer.Option, typer.Argument, app.command).
HELP_KEYWORDS = ("help", "short_help")
#: The message fields of a text: ``{name}`` (and ``{name!r}``, ``{name:>8}``), not ``{{``; and
#: a template's ``%(name)s`` (jinja2's i18n extension).
FIELD = re.compile(r"(?<!\{)\{(\w*)(?:![rsa])?(?::[^{}]*)?\}|%\((\w+)\)[sd]")


def po_path(lang: str = "zh") -> Path:
    """The ``.po`` file of ``lang``."""
    return LOCALE_DIR / CATALOGS[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract_perfctl(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[int, Any, Any, list[str]]]:
    """babel extraction method: babel's Python messages, plus help texts and docstrings (module doc)."""
    from babel.messages.extract import extract_python

    data = fileobj.read()
    yield from extract_python(io.BytesIO(data), keywords, comment_tags, options)
    yield from _more(data.decode("utf-8"), options.get("path", ""))


def _more(source: str, path: str) -> Iterator[tuple[int, Any, Any, list[str]]]:
    tree = ast.parse(source)
    name = path.replace("\\", "/")
    if "/lint/rules/" in name and not name.endswith("__init__.py"):
        doc = ast.get_docstring(tree, clean=True)
        if doc:
            yield 1, None, doc, ["the explanation perfctl rules CODE prints; keep the first line's 'CODE name:'"]
    if not name.endswith("perfctl/cli.py"):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in HELP_KEYWORDS and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    yield kw.value.lineno, None, kw.value.value, []
        if isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, None, inspect.cleandoc(doc), ["a command's help (perfctl CMD --help)"]


def _is_command(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr in ("command", "callback")


def extract(files: Iterable[Path] | None = None, *, strict: bool = True) -> Any:
    """A babel ``Catalog`` of the messages in ``files`` (default: every ``.py`` of perfctl and
    every template). A file that does not parse raises ``SyntaxError``, or with ``strict``
    false is named on stderr and skipped (a tree being edited)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract as babel_extract

    catalog = Catalog(project="perfctl", domain=DOMAIN, charset="utf-8")
    paths = sorted(files) if files is not None else sorted(PACKAGE.rglob("*.py")) + sorted(TEMPLATES.rglob("*.j2"))
    for path in paths:
        path = Path(path).resolve()
        rel = path.relative_to(PACKAGE.parent).as_posix()
        method: Any = "jinja2.ext:babel_extract" if path.suffix == ".j2" else extract_perfctl
        options = {"extensions": "jinja2.ext.i18n", "trimmed": "true"} if path.suffix == ".j2" else {"path": rel}
        keywords = {**KEYWORDS, "gettext": None} if path.suffix == ".j2" else KEYWORDS
        with open(path, "rb") as f:
            try:
                found = list(babel_extract(method, f, keywords, comment_tags=("TRANSLATORS:",), options=options))
            except SyntaxError as exc:
                if strict:
                    raise
                print(f"skipped {rel}: {exc}", file=sys.stderr)
                continue
            for lineno, message, comments, context in found:
                catalog.add(message, None, [(rel, lineno)], auto_comments=comments, context=context,
                            flags=("python-brace-format",) if _has_fields(message) else ())
    return catalog


def _has_fields(message: str | tuple[str, ...]) -> bool:
    texts = message if isinstance(message, tuple) else (message,)
    return any(FIELD.search(t) for t in texts)


def read(path: Path) -> Any:
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return read_po(f, locale="zh_CN", domain=DOMAIN)


def write(catalog: Any, path: Path) -> None:
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=0, sort_output=False, omit_header=False, ignore_obsolete=True,
             include_lineno=False)  # no line numbers: the .po changes only when a message does
    data = buf.getvalue()
    if path.exists() and _DATED.sub(b"", path.read_bytes()) == _DATED.sub(b"", data):
        return  # only the header's dates would change: leave the file (and its git diff) alone
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


#: The header lines babel dates at every write.
_DATED = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.MULTILINE)


def update(po: Path, files: Iterable[Path] | None = None) -> tuple[int, int]:
    """Extract the messages of ``files`` into ``po``: new ones untranslated (or taken from the
    main catalog when it has them), changed ones kept fuzzy, gone ones dropped. Returns
    (messages, untranslated)."""
    template = extract(files, strict=False)
    from babel.messages.catalog import Catalog

    catalog = read(po) if po.exists() else Catalog(locale="zh_CN", project="perfctl", domain=DOMAIN, charset="utf-8")
    catalog.update(template)  # a changed message keeps its old translation, marked fuzzy (the tests refuse fuzzy ones)
    main = po_path()
    if po.resolve() != main.resolve() and main.exists():
        _fill(catalog, [read(main)])
    catalog.obsolete.clear()
    catalog.last_translator = catalog.language_team = "perfctl developers"
    catalog.msgid_bugs_address = ""
    write(catalog, po)
    return len(catalog), len(missing(catalog))


def _fill(catalog: Any, sources: list[Any], *, override: bool = False) -> int:
    """Copy translations into the untranslated or fuzzy messages of ``catalog`` (every message,
    with ``override``: the sources' translations win); returns how many."""
    n = 0
    for message in catalog:
        if not message.id or (not override and message.string and not message.fuzzy and _translated(message)):
            continue
        for source in sources:
            other = source.get(message.id, message.context)
            if (other is not None and _translated(other) and not other.fuzzy
                    and isinstance(other.id, tuple) == isinstance(message.id, tuple)):  # plural for plural
                if message.string != other.string or message.fuzzy:
                    message.string, message.flags = other.string, message.flags - {"fuzzy"}
                    n += 1
                break
    return n


def _translated(message: Any) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def missing(catalog: Any) -> list[Any]:
    """The messages of ``catalog`` with no translation, or only a fuzzy one."""
    return [m for m in catalog if m.id and (m.fuzzy or not _translated(m))]


def field_mismatches(catalog: Any) -> list[tuple[Any, set[str], set[str]]]:
    """The translated messages whose ``{fields}`` differ from their id's (a translation that
    would fail or lose a value when formatted): (message, id fields, translation fields)."""
    bad = []
    for m in catalog:
        if not m.id or not _translated(m):
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = set().union(*(_fields(t) for t in ids))
        for s in strings:
            got = _fields(s)
            if got != want:
                bad.append((m, want, got))
    return bad


def _fields(text: str) -> set[str]:
    return {brace or percent for brace, percent in FIELD.findall(text)}


def compile_all(root: Path = LOCALE_DIR) -> list[Path]:
    """Compile every ``.po`` under ``root`` into the ``.mo`` beside it (fuzzy messages left
    out); returns the ``.mo`` files. Used by ``make`` and the build hook."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out = []
    for po in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with open(po, "rb") as f:
            catalog = read_po(f, domain=DOMAIN)
        mo = po.with_suffix(".mo")
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        tmp = mo.with_suffix(".mo.tmp")
        tmp.write_bytes(buf.getvalue())
        tmp.replace(mo)
        out.append(mo)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m perfctl.i18n.catalog", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="extract messages into a .po, keeping its translations")
    up.add_argument("--po", type=Path, default=po_path())
    up.add_argument("files", nargs="*", type=Path)
    mi = sub.add_parser("missing", help="list untranslated or fuzzy messages and field mismatches")
    mi.add_argument("--po", type=Path, default=po_path())
    me = sub.add_parser("merge", help="take translations from other .po files into the main one")
    me.add_argument("sources", nargs="+", type=Path)
    sub.add_parser("compile", help="compile the .po files into .mo")
    args = parser.parse_args(argv)
    if args.command == "update":
        total, untranslated = update(args.po, args.files or None)
        print(f"{args.po}: {total} messages, {untranslated} untranslated")
        return 0
    if args.command == "missing":
        catalog = read(args.po)
        gaps, bad = missing(catalog), field_mismatches(catalog)
        for m in gaps:
            where = ", ".join(f"{f}:{n}" for f, n in m.locations[:2])
            print(f"untranslated{' (fuzzy)' if m.fuzzy else ''}: {where}: {str(m.id)[:100]!r}")
        for m, want, got in bad:
            print(f"fields differ: {str(m.id)[:80]!r}: id {sorted(want)}, translation {sorted(got)}")
        print(f"{args.po}: {len(catalog)} messages, {len(gaps)} untranslated, {len(bad)} with other fields")
        return 1 if gaps or bad else 0
    if args.command == "merge":
        po = po_path()
        catalog = read(po)
        n = _fill(catalog, [read(s) for s in args.sources], override=True)
        write(catalog, po)
        print(f"{po}: {n} translations taken; {len(missing(catalog))} untranslated")
        return 0
    for mo in compile_all():
        print(mo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
