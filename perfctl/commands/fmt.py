"""``perfctl fmt [--check] [PATH...]``: put project files in the canonical layout.

Exit codes: 0 nothing to change (or every change written); 1 with ``--check``, when a
file would change; 2 when a file could not be read or formatted (it is left untouched,
and the other files are still processed).

A symlinked project file is formatted through the link (the link stays) when it points
inside the PATH it was found under; one pointing elsewhere is read but never written.
"""

from __future__ import annotations

import codecs
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from perfctl.errors import InputError, UsageError
from perfctl.i18n import _, ngettext

if TYPE_CHECKING:
    from perfctl.authoring.fmt import Formatted


def run(paths: list[Path], *, check: bool = False, encoding: str | None = None) -> int:
    """Format every project file under ``paths`` (default: the current folder); see the module docstring."""
    from perfctl import store
    from perfctl.authoring import safewrite
    from perfctl.authoring.fmt import format_file
    from perfctl.commands import printable

    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(_("--encoding: unknown encoding {encoding!r}; for Chinese Windows files use gb18030")
                             .format(encoding=encoding)) from None
    failed = changed = unchanged = 0
    newlines: dict[Path, str] = {}
    for path, root in store.files_under(paths or [Path(".")]):
        try:
            newline = newlines.setdefault(path.parent, safewrite.newline_for(path.parent))
            result = format_file(path, newline=newline, encoding=encoding)
            if not result.changed:
                unchanged += 1
                continue
            if check:
                _report(result)
            else:
                safewrite.check_link(path, root)
                safewrite.write(path, result.new_text, newline=newline, before=result.old_text)
                line = _("reformatted {path}").format(path=path)
                for note in result.notes:
                    line = _("{message} ({note})").format(message=line, note=note)
                print(printable(line), file=sys.stderr)
            changed += 1
        except InputError as exc:
            failed += 1
            print(printable(str(exc)), file=sys.stderr)
    if check:
        parts = [ngettext("{n} file would be reformatted", "{n} files would be reformatted", changed).format(n=changed)]
    else:
        parts = [ngettext("{n} file reformatted", "{n} files reformatted", changed).format(n=changed)]
    parts.append(_("{count} unchanged").format(count=unchanged))
    if failed:
        parts.append(_("{count} failed").format(count=failed))
    summary = parts[0]
    for part in parts[1:]:  # as perfctl.diff.reporters.join_counts, without importing the diff package
        summary = _("{counts}, {count}").format(counts=summary, count=part)
    print(summary, file=sys.stderr)
    if failed:
        return 2
    return 1 if check and changed else 0


def _report(result: Formatted) -> None:
    """Print what ``--check`` found: the unified diff and the notes on stdout, a line on stderr."""
    name = str(result.path)
    diff = difflib.unified_diff(result.old_text.splitlines(keepends=True), result.new_text.splitlines(keepends=True),
                                fromfile=name, tofile=_("{path} (formatted)").format(path=name))
    sys.stdout.write("".join(diff))
    for note in result.notes:
        sys.stdout.write(_("{path}: {note}").format(path=name, note=note) + "\n")
    sys.stdout.flush()
    print(_("would reformat {path}").format(path=name), file=sys.stderr)
