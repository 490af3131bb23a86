"""``perfctl init [DIR]``: make a folder ready to be a store (see :mod:`perfctl.authoring.scaffold`)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from perfctl import config, fileio
from perfctl.errors import InputError, UsageError, os_reason
from perfctl.i18n import _, ngettext


def run(directory: Path, *, dept: str | None = None, dept_name: str | None = None, year: int | None = None,
        profile: str = "national-2021", line_endings: str = "lf", git: bool | None = None,
        ask: Callable[[str], str] | None = None) -> int:
    """Write the store files into ``directory`` (created when missing); returns the exit code.

    An existing file is never replaced: it is reported and left alone. ``git``: ``True``
    runs ``git init`` when ``directory`` is not in a git repository, ``False`` never does,
    ``None`` asks through ``ask`` (a terminal prompt; ``None`` when stdin is not a terminal:
    then it only says how).
    """
    from perfctl.authoring import scaffold

    if profile not in (*config.PROFILES, "auto"):
        raise UsageError(_("--profile must be one of: {profiles}").format(profiles=", ".join([*config.PROFILES, "auto"])))
    if directory.exists() and not directory.is_dir():
        raise InputError(_("cannot make a store here: it is a file, not a folder"), directory)
    directory.mkdir(parents=True, exist_ok=True)
    outer = config.find(directory.resolve().parent)
    if outer is not None:
        print(_("perfctl: note: {folder} is inside the store of {config}; its own perfctl.yaml will govern it")
              .format(folder=directory, config=outer), file=sys.stderr)
    top = _toplevel(directory)
    if top is None and _want_git(git, ask, directory):
        subprocess.run(["git", "init", "--quiet", str(directory)], check=False)
        top = _toplevel(directory)
        if top is not None:
            print(_("initialized a git repository in {folder}").format(folder=directory), file=sys.stderr)
    prefix = ""
    if top is not None and top != directory.resolve():
        prefix = directory.resolve().relative_to(top).as_posix() + "/"
    newline = "\r\n" if line_endings == "crlf" else "\n"
    made = 0
    for rel, text in scaffold.files(dept=dept, dept_name=dept_name, year=year, profile=profile,
                                    line_endings=line_endings, prefix=prefix).items():
        target = directory / rel
        if target.exists():
            print(_("exists, left alone: {path}").format(path=target), file=sys.stderr)
            continue
        try:
            fileio.atomic_write(target, text, newline=newline)
        except OSError as exc:
            raise InputError(_("cannot write: {error}").format(error=os_reason(exc)), target) from None
        made += 1
        print(_("created {path}").format(path=target), file=sys.stderr)
    if top is None:
        print(_("perfctl: not a git repository; run `git init` to keep the history of every change"), file=sys.stderr)
    elif prefix:
        print(_("perfctl: note: pre-commit reads .pre-commit-config.yaml only at the repository root ({root}); "
                "merge {path} into it").format(root=top, path=directory / ".pre-commit-config.yaml"), file=sys.stderr)
    print(ngettext("store ready in {folder} ({n} file created)", "store ready in {folder} ({n} files created)", made)
          .format(folder=directory, n=made), file=sys.stderr)
    return 0


def _toplevel(directory: Path) -> Path | None:
    """The root of the git work tree ``directory`` is in, or ``None`` (not in one, or no git)."""
    try:
        r = subprocess.run(["git", "-C", str(directory), "rev-parse", "--show-toplevel"],
                           capture_output=True, text=True, check=False)
    except OSError:
        return None
    return Path(r.stdout.strip()).resolve() if r.returncode == 0 and r.stdout.strip() else None


def _want_git(git: bool | None, ask: Callable[[str], str] | None, directory: Path) -> bool:
    if git is not None:
        return git
    if ask is None:
        return False
    answer = ask(_("{folder} is not in a git repository. Run git init? [Y/n] ").format(folder=directory)).strip().lower()
    # TRANSLATORS: the answers that mean yes, besides y and yes, separated by |
    return answer in ("", "y", "yes", *_("y|yes").split("|"))
