"""The commands, one module each (``run(...) -> exit code``), and what they share:
loading with error reporting, and writing output."""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from perfctl.errors import InputError, os_reason
from perfctl.i18n import N_, _, ngettext
from perfctl.model import Project

if TYPE_CHECKING:
    from perfctl.authoring.safewrite import Output


def load(paths: Sequence[str | Path], *, then: str = "") -> tuple[list[Project], int]:
    """Load the projects under ``paths``; print every load error and a count to stderr
    (``then``: what the command does about them, a sentence printed after the count, ``; ``
    between: a message id marked with ``N_``, translated here, or a text translated already).

    Returns the projects that loaded and how many files failed. An empty result with no
    failure gets a note on stderr.
    """
    from perfctl import store

    projects, errors = store.load_all(paths)
    for exc in errors:
        print(printable(str(exc)), file=sys.stderr)
    if errors:
        n = len(errors)
        line = ngettext("perfctl: {n} file failed to load", "perfctl: {n} files failed to load", n).format(n=n)
        then = then.lstrip("; \uff1b")  # an old caller's "; …", or a translated "；…"
        if then:
            # TRANSLATORS: a count of files that failed to load, then what the command does about them
            line = _("{summary}; {then}").format(summary=line, then=_(then))
        print(line, file=sys.stderr)
    elif not projects:
        print(_("perfctl: no project files (*.yaml, *.yml) found in {paths}").format(paths=" ".join(map(str, paths))),
              file=sys.stderr)
    return projects, len(errors)


def refuse_duplicates(projects: Sequence[Project]) -> bool:
    """For export and render: whether two files hold the same project (department, year,
    项目名称; :func:`perfctl.store.duplicates`), which would count its money twice. Each such
    file is named on stderr with the file it duplicates, then a count; nothing is written."""
    from perfctl import store

    errors = store.duplicate_errors(projects)
    for exc in errors:
        print(printable(str(exc)), file=sys.stderr)
    if errors:
        n = len(errors)
        print(ngettext("perfctl: nothing written: {n} project defined in more than one file",
                       "perfctl: nothing written: {n} projects defined in more than one file", n).format(n=n),
              file=sys.stderr)
    return bool(errors)


def write_stdout(text: str | Iterable[str]) -> None:
    """Write ``text`` (or its parts, each as it comes) to stdout as UTF-8 whatever the
    console encoding: the output is data (a document that declares UTF-8, JSON, CSV). A
    file name that is not UTF-8 is written with U+FFFD for its undecodable bytes."""
    parts = [text] if isinstance(text, str) else text
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        for part in parts:
            sys.stdout.write(_utf8_safe(part))
        return
    sys.stdout.flush()
    for part in parts:
        _write_all(buffer, _utf8(part))
    buffer.flush()


def _utf8(text: str) -> bytes:
    """``text`` as UTF-8, encoded once (:func:`_utf8_safe` only for text that needs it)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _utf8_safe(text).encode("utf-8")


def _write_all(buffer: Any, data: bytes) -> None:
    """Write all of ``data``: a large write to a full disk returns short without an error,
    and only writing the rest raises the ``OSError`` (no space left) that says so."""
    view = memoryview(data)
    while view:
        written = buffer.write(view)
        if not written:
            raise OSError(errno.EIO, "the output accepted no more bytes")
        view = view[written:]


def write_file(target: Path, text: str | Iterable[str], inputs: Iterable[Path] = ()) -> None:
    """Write ``text`` (or its parts) to the output file ``target``, as
    :func:`perfctl.authoring.safewrite.output_target` decides: refused (:class:`InputError`)
    when it is one of ``inputs`` (see :func:`inputs`) or its folder does not exist, written
    into when it is a pipe or a device, written through a symlink, else replaced atomically."""
    from perfctl.authoring import safewrite

    write_output(safewrite.output_target(target, inputs), text)


def write_output(out: Output, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its parts) to ``out``, an :class:`perfctl.authoring.safewrite.Output`
    already decided (every file of a run is checked before the first is written)."""
    from perfctl.authoring import safewrite

    safewrite.write_output(out, _utf8_safe(text) if isinstance(text, str) else map(_utf8_safe, text))


def write_binary(out: Output, write: Callable[[IO[bytes]], None], what: str = N_("workbook")) -> None:
    """The bytes variant of :func:`perfctl.authoring.safewrite.write_output` (which writes
    text): ``write(fh)`` writes into the stream ``out`` names, or into a temporary file in the
    target's folder that then replaces the target in one step (its permission bits kept; the
    temporary file removed and the old file intact whatever fails, Ctrl-C included).
    :class:`UsageError` for a terminal (binary data would garble it), :class:`InputError`
    when the file cannot be written. ``what`` names the kind of file (a message id such as
    ``"workbook"``, translated here, or a text translated already)."""
    from perfctl import fileio
    from perfctl.errors import UsageError

    try:
        if out.stream:
            with open(out.target, "wb") as fh:
                if fh.isatty():
                    raise UsageError(_("not written: {path} is a terminal; a {what} is binary: give a file name")
                                         .format(path=out.path, what=_(what)))
                write(fh)
            return
        fileio.atomic_write_bytes(out.target, write)
    except BrokenPipeError:
        raise  # the reader went away: stop quietly, as for text
    except OSError as exc:
        raise InputError(_("cannot write: {reason}").format(reason=os_reason(exc)), out.path) from None


def output_format(fmt: str | None, output: Path | None, *, choices: Sequence[str], suffixes: dict[str, str],
                  default: str, what: str) -> str:
    """The format a command writes: ``fmt`` when given, else the one the suffix of ``output``
    names (``suffixes``: ``".json"`` → ``"json"``, any case), else ``default``.
    :class:`UsageError` (exit 2, before anything is read or written) for a ``fmt`` not in
    ``choices`` and for a suffix that names another format than ``fmt`` (``-o r.json --format
    text``): a file named for one format never silently holds another. ``what`` names the
    option's values (``"format"``: a message id, translated here)."""
    from perfctl.errors import UsageError

    if fmt is not None and fmt not in choices:
        raise UsageError(_("unknown {what} {fmt!r}; choose one of: {choices}")
                         .format(what=_(what), fmt=fmt, choices=", ".join(choices)))
    implied = suffixes.get(output.suffix.lower()) if output is not None else None
    if fmt is not None and implied is not None and implied != fmt:
        raise UsageError(_("--format {fmt} contradicts the output file name {output}, which says {implied}; "
                           "nothing written: name the file .{fmt} or leave out --format")
                         .format(fmt=fmt, output=output, implied=implied))
    return fmt or implied or default


def inputs(paths: Iterable[str | Path], *more: Path | None) -> Iterator[Path]:
    """Every file a run over ``paths`` reads, found as it is asked for: ``more`` (a baseline;
    ``None`` is passed over), the project files under ``paths`` and the store config
    (``perfctl.yaml``) above each path and each folder of files. A missing path is passed
    over (the command reports it). For :func:`write_file`, which asks only when its target exists."""
    from perfctl import config, store

    yield from (m for m in more if m is not None)
    folders: set[Path] = set()
    for path in map(Path, paths):
        try:
            files = store.find_files([path])
        except InputError:
            continue
        yield from files
        for folder in (path, *(f.parent for f in files)):
            if folder not in folders:
                folders.add(folder)
                found = config.find(folder)
                if found is not None:
                    yield found


def _utf8_safe(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of a file name) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:  # undecodable file-name bytes back to bytes, then each shown as U+FFFD
            return text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
        except UnicodeEncodeError:  # other lone surrogates
            return text.encode("utf-8", errors="replace").decode("utf-8")
    return text


# C0 controls but tab and line feed, DEL and C1: what moves the cursor, clears the screen,
# retitles the window. Group 1 is a colour code (SGR), the only sequence perfctl writes.
_CONTROL = re.compile(r"(\x1b\[[0-9;]*m)|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # one character class: a fast scan


def printable(text: str, *, keep_colour: bool = False) -> str:
    """``text`` safe for a terminal: control characters that a file could smuggle in through
    a value or a file name (``\\e[2J``, ``\\e]0;title\\a``, a carriage return) become visible
    ``\\x1b``-style text; line breaks and tabs stay. With ``keep_colour``, colour codes
    (``\\e[…m``, which perfctl writes itself on a terminal) are kept."""
    def visible(m: re.Match[str]) -> str:
        return m.group() if keep_colour and m.group(1) else f"\\x{ord(m.group()[0]):02x}" + m.group()[1:]
    if _ANY_CONTROL.search(text) is None:  # the usual case, four times faster to tell
        return text
    return _CONTROL.sub(visible, text)


def utf8_name_errors(projects: Sequence[Project]) -> list[InputError]:
    """An error for each project whose file name is not valid UTF-8 (bytes a GBK zip archive
    leaves on Linux), which cannot be written into UTF-8 output such as the export's ``path``."""
    errors = []
    for p in projects:
        name = str(p.path)
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(name)
            shown = raw.decode("utf-8", errors="replace")
            as_gbk = raw.decode("gb18030", errors="replace")
            errors.append(InputError(_("file name is not valid UTF-8 (as GBK it reads {name!r}); "
                                       "rename it, for example: convmv -f gbk -t utf-8 --notest FILE").format(name=as_gbk),
                                     shown))
    return errors
