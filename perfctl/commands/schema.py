"""``perfctl schema``: print the project file's JSON Schema (or write it to a file)."""

from __future__ import annotations

import sys
from pathlib import Path


def run(output: Path | None = None) -> int:
    """Print the schema to stdout, or write it to ``output`` (replaced atomically; a pipe or a
    device written into; a symlink written through); returns 0."""
    from perfctl.commands import write_file, write_stdout
    from perfctl.schema import schema_text

    if output is None:
        write_stdout(schema_text())
    else:
        write_file(output, schema_text())
        from perfctl.i18n import _

        print(_("wrote {path}").format(path=output), file=sys.stderr)
    return 0
