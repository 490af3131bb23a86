"""Every write of a project file: comment check, line endings, the editor modeline.

- :func:`write` replaces a file atomically (temporary file in the same folder, then a
  rename; the file's mode is kept) and refuses (:class:`InputError`, exit 2) when the new
  text would lose a comment of the file it replaces.
- :func:`check_link` refuses to rewrite a file through a symlink that leads out of the
  folder it was found under.
- :func:`check_target` refuses, before anything is written, a file that would land outside
  the store (through a symlinked folder or file), on a folder, or under a file.
- :func:`output_target` decides, before anything is written, where a command's
  ``--output FILE`` (or each file of ``--out DIR``) goes: refused when it is a file the run
  reads or its folder does not exist, written into as a stream when it is a pipe or a
  device, written through a symlink; :func:`write_output` then writes it.
- :func:`newline_for` is the line ending the store's ``perfctl.yaml`` asks for (``lf`` by default).
- :func:`modeline` is the first line of every project file perfctl creates: it points
  yaml-language-server (VS Code and other editors) at the store's copy of the schema,
  ``<store>/.perfctl/project.schema.json``, by a path relative to the file;
  :func:`ensure_schema_copy` puts that copy in the store when it is missing.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from perfctl import fileio
from perfctl.config import CONFIG_NAME
from perfctl.errors import InputError, os_reason
from perfctl.i18n import _, ngettext

#: Where a store keeps its copy of the project schema, relative to the store root.
SCHEMA_COPY = Path(".perfctl") / "project.schema.json"
#: The same for the store configuration's schema (``perfctl.yaml``).
CONFIG_SCHEMA_COPY = Path(".perfctl") / "config.schema.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="


def write(path: Path, text: str, *, newline: str = "\n", before: str | None = None) -> None:
    """Write ``text`` (LF line breaks) to ``path`` with ``newline`` line endings, atomically.

    When ``path`` exists, its comments (``before``: its text, else read from disk) must
    all be in ``text``; otherwise nothing is written and :class:`InputError` names the
    first comment that would be lost, with its line. Unwritable folders are an
    :class:`InputError` too. A symlink is written through (the file it points to is
    replaced, the link stays); callers check with :func:`check_target` where it may point.
    """
    from perfctl.authoring.fmt import lost_comments

    if before is None and path.exists():
        raw = path.read_bytes()
        try:
            before = fileio.decode(raw, path)
        except InputError:
            before = raw.decode("utf-8", errors="replace")
    if before is not None:
        lost = lost_comments(before, text)
        if lost:
            line, comment = lost[0]
            more = len(lost) - 1
            if more:
                message = ngettext("not written: the new content would lose the comment {comment!r} (and {n} more); "
                                   "move or delete the comments first",
                                   "not written: the new content would lose the comment {comment!r} (and {n} more); "
                                   "move or delete the comments first", more).format(comment=comment, n=more)
            else:
                message = _("not written: the new content would lose the comment {comment!r}; "
                            "move or delete the comments first").format(comment=comment)
            raise InputError(message, path, line)
    if path.is_dir():
        raise InputError(_("cannot write: it is a folder"), path)
    try:
        fileio.atomic_write(path.resolve() if path.is_symlink() else path, text, newline=newline)
    except OSError as exc:
        raise InputError(_("cannot write: {error}").format(error=os_reason(exc)), path) from None


def check_target(store: Path, target: Path) -> None:
    """Raise :class:`InputError` unless ``target`` can be written as a file of ``store``.

    Refused: a target that resolves outside the store (a symlinked folder or file leading
    out, even a dangling one), a folder, and a target under something that is not a folder.
    Nothing is written; call it for every file before writing the first.
    """
    resolved = target.resolve()
    if not resolved.is_relative_to(store.resolve()):
        raise InputError(_("refusing to write outside the store: {path} resolves to {resolved}")
                         .format(path=target, resolved=resolved), target)
    if target.is_dir():
        raise InputError(_("cannot write: it is a folder"), target)
    for folder in target.parents:
        if folder.is_symlink() or folder.exists():
            if not folder.is_dir():
                raise InputError(_("cannot write: {folder} is a file, not a folder").format(folder=folder), target)
            break


class Output(NamedTuple):
    """Where an output goes, as :func:`output_target` decided."""

    path: Path  #: as the user named it, for messages
    target: Path  #: where the bytes go: ``path``, or the file its symlinks lead to
    stream: bool  #: not a regular file (a pipe, a device, ``/dev/stdout``): written into, never replaced


#: Paths that name an open file of the process (``/dev/stdout``, ``/dev/fd/3``,
#: ``/proc/self/fd/1``): always written into, even when a regular file stands behind them.
_DESCRIPTOR = re.compile(r"^/(dev/(stdout|stderr|fd/\d+)|proc/[^/]+/fd/\d+)$")


class Reads:
    """The files a run reads (:func:`perfctl.commands.inputs`), known by identity (device and
    inode, as ``os.path.samestat`` compares them), each looked up once when first asked: a
    command writing many outputs (``render --out``) checks them all against one table rather
    than stat every input again for each."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = paths
        self.ids: dict[tuple[int, int], Path] | None = None

    def find(self, st: os.stat_result) -> Path | None:
        """The input that is the file of status ``st`` (a hard link or symlink to it too), or ``None``."""
        if self.ids is None:
            self.ids = {}
            for read in self.paths:
                try:
                    r = os.stat(read)
                except OSError:
                    continue
                self.ids.setdefault((r.st_dev, r.st_ino), read)
        return self.ids.get((st.st_dev, st.st_ino))


def output_target(path: Path, inputs: Iterable[Path] | Reads = (), *, new_folder: bool = False) -> Output:
    """Decide how to write the output file ``path`` of a run that reads ``inputs``; nothing is written.

    - the file ``path`` is or leads to (a symlink, a hard link) is one of ``inputs`` (the
      project files and the store config the run reads): :class:`InputError`, exit 2;
    - it is a folder, or a folder above it is a file, or it is named ``perfctl.yaml`` (where a
      store's configuration is looked for, even before there is one): :class:`InputError`;
    - the folder it goes into does not exist: :class:`InputError` naming the folder, as git
      refuses ``--output`` there (a misspelt folder is never made behind the user's back),
      unless ``new_folder``: the folder is the command's own to make (``render --out DIR``),
      and writing makes it;
    - it exists and is not a regular file (a named pipe, a device), or it names an open
      file (``/dev/stdout``): a stream, written into, never replaced;
    - otherwise it is replaced atomically; a symlink is written through (the file it leads
      to is replaced, the link stays).

    ``inputs`` is read only when ``path`` exists, so a new output costs no walk of the store.
    """
    descriptor = bool(_DESCRIPTOR.match(str(path.absolute())))
    try:
        st = os.stat(path)  # follows symlinks: the rules are the target's
    except OSError:  # missing (or a dangling link): no input can be it
        st = None
    if st is None:
        for folder in path.parents:
            if folder.is_symlink() or folder.exists():
                if not folder.is_dir():
                    raise InputError(_("cannot write: {folder} is a file, not a folder").format(folder=folder), path)
                break
    elif stat.S_ISDIR(st.st_mode):
        raise InputError(_("cannot write: it is a folder"), path)
    else:
        read = (inputs if isinstance(inputs, Reads) else Reads(inputs)).find(st)
        if read is not None:
            raise InputError(_read_by_run(path, read), path)
    if path.name == CONFIG_NAME:  # where a store's configuration is looked for, whether one is there yet or not
        raise InputError(_("not written: {name} is the name of a store's configuration; choose another output path")
                         .format(name=CONFIG_NAME), path)
    stream = descriptor or (st is not None and not stat.S_ISREG(st.st_mode))
    target = path if stream else Path(os.path.realpath(path))
    if not new_folder:
        for folder in (path.parent, target.parent):  # as named, then where a symlink leads
            if not folder.is_dir():
                raise InputError(_("not written: the folder {folder} does not exist; create it first or choose another "
                                   "output path").format(folder=folder), path)
    return Output(path, target, stream)


def _read_by_run(path: Path, read: Path) -> str:
    """:func:`output_target`'s refusal of ``path``, an input, saying why it is one."""
    real = os.path.realpath(path)
    if path.is_symlink():
        return _("not written: it leads to {path}, which this run reads; choose another output path").format(path=real)
    if real != os.path.realpath(read):
        return _("not written: it is the same file as {path} (a hard link), which this run reads; "
                 "choose another output path").format(path=read)
    return _("not written: this run reads this file; choose another output path")


def write_output(out: Output, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its parts, each as it comes; UTF-8, LF) where ``out`` says: into the
    stream, or atomically (:func:`perfctl.fileio.atomic_write`). :class:`InputError` when it cannot."""
    try:
        if out.stream:
            with open(out.target, "w", encoding="utf-8", newline="\n") as fh:
                for part in [text] if isinstance(text, str) else text:
                    fh.write(fileio.lf(part))
        else:
            fileio.atomic_write(out.target, text)
    except BrokenPipeError:
        raise  # the reader went away (-o /dev/stdout | head): stop quietly, as without -o
    except OSError as exc:
        raise InputError(_("cannot write: {error}").format(error=os_reason(exc)), out.path) from None


def check_schema_copy(store: Path) -> None:
    """:func:`check_target` for the schema copy :func:`ensure_schema_copy` would write (none when it exists)."""
    if not (store / SCHEMA_COPY).exists():
        check_target(store, store / SCHEMA_COPY)


def check_link(path: Path, root: Path) -> None:
    """Refuse to write through a symlink that leads out of ``root`` (the folder it was found
    under): raises :class:`InputError` naming it."""
    if path.is_symlink() and not path.resolve().is_relative_to(root):
        raise InputError(_("is a symbolic link to {target}, outside {root}; not rewritten (format the file where it is)")
                         .format(target=path.resolve(), root=root), path)


def newline_for(path: Path) -> str:
    """The line ending for files under ``path``: ``perfctl.yaml``'s ``line_endings`` (``"\\n"`` by default)."""
    from perfctl import config

    return "\r\n" if config.for_path(path).line_endings == "crlf" else "\n"


def modeline(file: Path, store: Path) -> str:
    """The modeline for a project ``file`` in ``store``: the schema copy's path relative to the file.

    ``data/389101/2025/x.yaml`` in store ``data`` → ``# yaml-language-server: $schema=../../.perfctl/project.schema.json``.
    """
    rel = os.path.relpath(Path(store).resolve() / SCHEMA_COPY, Path(file).resolve().parent)
    return MODELINE_PREFIX + rel.replace(os.sep, "/")


def with_modeline(text: str, file: Path, store: Path) -> str:
    """``text`` starting with :func:`modeline` (an existing modeline is replaced)."""
    lines = text.split("\n", 1)
    if lines[0].startswith(MODELINE_PREFIX):
        text = lines[1] if len(lines) > 1 else ""
    return modeline(file, store) + "\n" + text


def ensure_schema_copy(store: Path) -> None:
    """Write the project schema to ``store/.perfctl/project.schema.json`` when it is missing.

    An existing copy is never replaced, and none is written outside the store (a symlinked
    ``.perfctl`` pointing elsewhere is an :class:`InputError`); when it differs from this
    perfctl's schema, a note on stderr says how to update it (``perfctl schema -o …``).
    """
    from perfctl.schema import schema_text

    copy = store / SCHEMA_COPY
    if not copy.exists():
        check_schema_copy(store)
        fileio.atomic_write(copy, schema_text())
        print(_("wrote {path} (the project schema, for editors)").format(path=copy), file=sys.stderr)
    elif copy.read_text(encoding="utf-8") != schema_text():
        print(_("perfctl: note: {path} differs from this perfctl's schema; update it with: perfctl schema -o {path}")
              .format(path=copy), file=sys.stderr)
