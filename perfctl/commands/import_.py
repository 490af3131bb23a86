"""``perfctl import``: seed-layout text → one project file per table in a store."""

from __future__ import annotations

import sys
from pathlib import Path

from perfctl import fileio, importer, model, yamlio
from perfctl.authoring import safewrite
from perfctl.authoring.fmt import lost_comments
from perfctl.errors import InputError
from perfctl.store import project_path


def run(sources: list[Path], store: Path, *, year: int | None = None, force: bool = False) -> int:
    """Import every table of every source into ``store``; returns the exit code.

    Nothing is written unless every table parses and no existing file would be
    overwritten with different content (unless ``force``). Files whose content would not
    change are left alone and reported as unchanged. Every target is checked before the
    first write (:func:`~perfctl.authoring.safewrite.check_target`: inside the store, no
    file in the way), so a refused import writes nothing. Every file starts with the editor
    modeline (the store's schema copy is written when missing), lines end as the store's
    ``perfctl.yaml`` asks, and an existing file whose comments the new content would lose
    is never replaced, even with ``force``.
    """
    if store.exists() and not store.is_dir():
        raise InputError("the store must be a folder; this is a file", store)
    planned: dict[Path, tuple[str, model.Project, str]] = {}
    for source in sources:
        text = fileio.read_text(source)
        for project in importer.parse_document(text, str(source), year):
            target = project_path(store, project)
            safewrite.check_target(store, target)
            if target in planned:
                raise InputError(f"two tables would be written to {target}: {planned[target][1].name!r} "
                                 f"({planned[target][2]}) and {project.name!r}", source)
            text = safewrite.with_modeline(yamlio.dump(model.to_data(project)), target, store)
            planned[target] = (text, project, str(source))

    old = {t: _existing(t) for t in planned}
    conflicts = [t for t, (text, _, _) in planned.items() if old[t] is not None and old[t] != text]
    if conflicts and not force:
        for t in conflicts:
            print(f"{t}: exists with different content; not overwritten (use --force)", file=sys.stderr)
        print(f"perfctl: nothing imported: {len(conflicts)} file(s) would be overwritten", file=sys.stderr)
        return 2
    losing = [(t, lost_comments(old[t] or "", text)) for t, (text, _, _) in planned.items() if t in conflicts]
    losing = [(t, lost) for t, lost in losing if lost]
    for t, lost in losing:
        line, comment = lost[0]
        print(f"{t}:{line}: exists with comments the imported table would lose ({comment!r}); not overwritten", file=sys.stderr)
    if losing:
        print(f"perfctl: nothing imported: {len(losing)} file(s) have comments; move or delete them first", file=sys.stderr)
        return 2
    safewrite.check_schema_copy(store)
    newline = safewrite.newline_for(store)
    safewrite.ensure_schema_copy(store)
    written = 0
    for target, (text, project, _) in planned.items():
        if old[target] == text:
            print(f"unchanged {target}", file=sys.stderr)
            continue
        safewrite.write(target, text, newline=newline)
        written += 1
        print(f"wrote {target} ({len(project.indicators)} indicators)", file=sys.stderr)
    print(f"imported {len(planned)} projects from {len(sources)} file(s) into {store} ({written} written)", file=sys.stderr)
    return 0


def _existing(target: Path) -> str | None:
    """The text of the file at ``target`` (LF line endings), ``None`` when there is none; a
    file that is not UTF-8 text is read with replacement characters (it differs either way)."""
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", target) from None
    try:
        return fileio.decode(raw, target)
    except InputError:
        return raw.decode("utf-8", errors="replace")
