"""``perfctl git-setup``: make plain git print project files one fact per line.

Writes two things, both safe to repeat:

- ``STORE/.gitattributes``: ``*.yaml diff=perfctl`` and ``*.yml diff=perfctl``, appended;
  the file's other lines (such as ``*.yaml text eol=lf`` from ``perfctl init``) are kept
  as they are, and a line already present is not added again;
- the repository's own config (``.git/config``, never the user's): ``diff.perfctl.textconv``
  (the command git runs on each version of a file, see :mod:`perfctl.commands.textconv`)
  with ``diff.perfctl.cachetextconv`` (git keeps each version's text, so ``git log -p``
  runs perfctl once per version, not on every call), ``diff.perfctl.wordRegex`` (:data:`WORD_REGEX`, so ``git diff --word-diff`` works per
  character on Chinese text), and ``core.quotePath false`` (file names such as
  ``自贸区法律服务经费.yaml`` printed as they are, not as ``\\350\\207…`` octal escapes).

The config is local to each clone: every clone runs ``perfctl git-setup`` once; the
``.gitattributes`` file is committed and shared.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from perfctl import gitio
from perfctl.errors import InputError, os_reason
from perfctl.i18n import _

from perfctl.gitio import ATTRIBUTE_LINES, DRIVER
#: A "word" for ``git diff --word-diff``: a run of ASCII letters, digits, ``_`` and ``.``
#: (``50``, ``2025``, ``8.5``), or any other single character. Written in bytes so that it
#: works in every locale: a UTF-8 lead byte followed by its continuation bytes (0x80-0xBF).
WORD_REGEX = b"[0-9A-Za-z_.]+|[^\x80-\xbf[:space:]][\x80-\xbf]*"


def default_textconv() -> str:
    """This perfctl as a textconv command: its Python interpreter running ``-m perfctl textconv``
    (an absolute path, so git finds it without an activated virtual environment)."""
    return f"{shlex.quote(sys.executable)} -m perfctl textconv"


def update_attributes(path: Path) -> list[str]:
    """Append the lines of :data:`ATTRIBUTE_LINES` missing from ``path`` (created if absent).

    Keeps every existing line, the file's line endings (LF or CRLF) and its final newline.
    Returns the lines added. Raises :class:`InputError` when the file cannot be read or written.
    """
    from perfctl import fileio

    try:
        old = path.read_bytes().decode("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(_("cannot read: {error}").format(error=exc), path) from None
    present = {" ".join(line.split()) for line in old.splitlines()}
    missing = [line for line in ATTRIBUTE_LINES if line not in present]
    if not missing:
        return []
    eol = "\r\n" if "\r\n" in old else "\n"
    text = old if not old or old.endswith("\n") else old + "\n"
    text += "".join(line + "\n" for line in missing)
    try:
        fileio.atomic_write(path, text, newline=eol)
    except OSError as exc:
        raise InputError(_("cannot write: {error}").format(error=os_reason(exc)), path) from None
    return missing


def run(store: Path, textconv: str | None = None) -> int:
    """Set up ``store`` (a folder inside a git working tree); print what was done. Returns 0.

    Raises :class:`InputError` when ``store`` is not a folder in a git repository.
    """
    if not store.is_dir():
        raise InputError(_("no such folder"), store)
    if gitio.toplevel(store) is None:
        raise InputError(_("not inside a git repository; run `git init` (or clone the store) first"), store)
    attributes = store / ".gitattributes"
    added = update_attributes(attributes)
    others = [ln for ln in attributes.read_text(encoding="utf-8").splitlines()
              if "diff" in ln and ln.split()[:1] in (["*.yaml"], ["*.yml"]) and " ".join(ln.split()) not in ATTRIBUTE_LINES]
    command = textconv or default_textconv()
    gitio.config_set(f"diff.{DRIVER}.textconv", command, store)
    gitio.config_set(f"diff.{DRIVER}.cachetextconv", "true", store)  # git notes cache each version's text
    gitio.config_set(f"diff.{DRIVER}.wordRegex", WORD_REGEX, store)
    gitio.config_set("core.quotePath", "false", store)
    if added:
        print(_("{path}: added {lines}").format(path=attributes, lines=", ".join(added)))
    else:
        print(_("{path}: already set up").format(path=attributes))
    for line in others:
        print(_("{path}: note: {line!r} also sets a diff attribute; the last matching line wins")
              .format(path=attributes, line=line))
    print(f"git config --local diff.{DRIVER}.textconv {command!s}")
    print(_("git config --local diff.{driver}.wordRegex (one character per word; ASCII words and numbers whole)")
          .format(driver=DRIVER))
    print(_("git config --local core.quotePath false (Chinese file names printed as they are)"))
    print(_("git diff, git log -p and git show now print projects one fact per line; "
            "git diff --word-diff compares Chinese text character by character."))
    return 0
