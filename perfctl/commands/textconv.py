"""``perfctl textconv FILE``: the filter git runs (``diff.perfctl.textconv``) to show a project
file in the canonical one-line-per-fact form of :mod:`perfctl.canonical`."""

from __future__ import annotations

import sys
from pathlib import Path

from perfctl.errors import InputError, os_reason


def run(file: Path) -> int:
    """Print ``file`` in canonical form, as UTF-8, control characters in values made visible
    (git prints textconv output as it is, escape sequences included).

    A file that is not a valid project (another YAML file, a broken project) is printed
    byte for byte as it is, so that git still shows a plain diff instead of failing.
    Raises :class:`InputError` only when ``file`` cannot be read.
    """
    from perfctl import canonical, fileio, model
    from perfctl.commands import _write_all, printable

    try:
        raw = file.read_bytes()
    except OSError as exc:
        from perfctl.i18n import _

        raise InputError(_("cannot read: {error}").format(error=os_reason(exc)), file) from None
    try:
        out = printable(canonical.text(model.load_text(fileio.decode(raw, file), file))).encode("utf-8")
    except InputError:
        out = raw
    sys.stdout.flush()
    _write_all(sys.stdout.buffer, out)
    sys.stdout.buffer.flush()
    return 0
