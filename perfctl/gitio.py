"""The git command line, as perfctl uses it: read-only questions and blob reads, never a checkout.

Every call runs ``git`` through :mod:`subprocess` with ``-c core.quotepath=off`` and NUL-separated
output (``-z``), so Chinese file names arrive as written. Paths that git reports are relative
to the top of the repository, with ``/`` separators. A failing git command raises
:class:`~perfctl.errors.InputError` carrying git's first line of complaint; git not being
installed is an :class:`InputError` too.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from perfctl.errors import InputError
from perfctl.i18n import _

#: The diff driver perfctl registers with git, and the .gitattributes lines that use it.
DRIVER = "perfctl"
ATTRIBUTE_LINES = (f"*.yaml diff={DRIVER}", f"*.yml diff={DRIVER}")

#: Object id of "no object" in ``--raw`` output (a file absent on that side, or not yet hashed).
NULL_OID = "0" * 40
#: File modes of regular files; symlinks (120000) and submodules (160000) are not project files.
FILE_MODES = ("100644", "100755")


@dataclass(frozen=True)
class Change:
    """One changed path between two trees, from ``git diff --raw``/``git log --raw`` (renames off).

    ``status`` is ``A`` (added), ``D`` (deleted), ``M`` (modified) or ``T`` (type changed);
    ``old_oid``/``new_oid`` are blob ids, :data:`NULL_OID` for the side without the file (or
    for a working-tree file git has not hashed). ``path`` is relative to the repository top.
    """

    status: str
    path: str
    old_oid: str
    new_oid: str
    old_mode: str = "100644"
    new_mode: str = "100644"


@dataclass
class Commit:
    """A commit from :func:`log`: full id, parent ids, author name, ISO 8601 author date, subject."""

    oid: str
    parents: list[str]
    author: str
    date: str
    subject: str
    changes: list[Change] = field(default_factory=list)


def run(args: Sequence[str | bytes], cwd: str | Path | None = None, *, input: bytes | None = None,
        check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run ``git ARGS`` in ``cwd``; returns the completed process (stdout as bytes).

    Raises :class:`InputError` when git is missing, or (with ``check``) exits non-zero.
    """
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")  # read-only, messages untranslated
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, input=input,
                              capture_output=True, env=env)
    except FileNotFoundError:
        raise InputError(_("git is not installed (or not on PATH); perfctl's git features need it")) from None
    if check and proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        message = next((ln for ln in lines if ln.startswith(("fatal:", "error:"))), lines[0] if lines else "")
        if message:  # git's own words, in English (LC_ALL=C)
            raise InputError(_("git {command}: {message}").format(command=_str(args[0]), message=message))
        raise InputError(_("git {command}: exit code {code}").format(command=_str(args[0]), code=proc.returncode))
    return proc


def _str(arg: str | bytes) -> str:
    return arg.decode("utf-8", "replace") if isinstance(arg, bytes) else arg


def toplevel(cwd: str | Path = ".") -> Path | None:
    """The top folder of the git working tree containing ``cwd``, or ``None`` outside one."""
    proc = run(["rev-parse", "--show-toplevel"], cwd, check=False)
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.decode("utf-8").rstrip("\n"))


def git_dir(cwd: str | Path = ".") -> Path:
    """The repository's git folder (``.git``), absolute."""
    out = run(["rev-parse", "--absolute-git-dir"], cwd).stdout.decode("utf-8").rstrip("\n")
    return Path(out)


def resolve(rev: str, cwd: str | Path = ".") -> str | None:
    """The commit id ``rev`` names (``HEAD~1``, a tag, a branch), or ``None`` when it names none."""
    if rev.startswith("-"):
        return None
    proc = run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd, check=False)
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def empty_tree(cwd: str | Path = ".") -> str:
    """The id of the empty tree (the "before" of a root commit or of a repository without commits)."""
    return run(["hash-object", "-t", "tree", "--stdin"], cwd, input=b"").stdout.decode().strip()


def object_type(spec: str, cwd: str | Path = ".") -> str | None:
    """``blob``, ``tree`` or ``commit`` for ``spec`` (such as ``HEAD:data/x.yaml``), ``None`` if missing."""
    if spec.startswith("-"):
        return None
    proc = run(["cat-file", "-t", spec], cwd, check=False)
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def diff_raw(old: str, new: str | None, paths: Iterable[str], cwd: str | Path = ".") -> list[Change]:
    """Files that differ between tree-ish ``old`` and ``new`` (``None``: the working tree).

    ``paths`` are pathspecs relative to ``cwd`` (an empty list means the whole repository).
    Renames are not detected: a moved file is a deletion and an addition (perfctl matches
    projects by identity, not by path). Untracked files are not included (see :func:`untracked`).
    """
    args = ["diff", "--raw", "-z", "--no-abbrev", "--no-renames", "--no-ext-diff", "--no-textconv", old]
    if new is not None:
        args.append(new)
    return _parse_raw(run([*args, "--", *paths], cwd).stdout.split(b"\0"))


def untracked(paths: Iterable[str], cwd: str | Path = ".") -> list[str]:
    """Untracked, not ignored files under ``paths``, relative to the repository top."""
    out = run(["ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", *paths], cwd).stdout
    return [p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p]


def ls_tree(rev: str, prefix: str, cwd: str | Path = ".") -> dict[str, str]:
    """Regular files under ``prefix`` (repository-relative, ``""`` for all) in ``rev``: path → blob id."""
    args = ["ls-tree", "-r", "-z", "--full-tree", rev]
    if prefix:
        args += ["--", prefix]
    files = {}
    for record in run(args, cwd).stdout.split(b"\0"):
        if not record:
            continue
        meta, _tab, path = record.partition(b"\t")
        mode, kind, oid = meta.decode().split(" ")
        if kind == "blob" and mode in FILE_MODES:
            files[path.decode("utf-8", "surrogateescape")] = oid
    return files


def read_blobs(specs: Sequence[str], cwd: str | Path = ".") -> dict[str, bytes | None]:
    """Contents of blobs named by id or ``REV:PATH``, in one ``git cat-file --batch`` call.

    Returns spec → bytes, or ``None`` for a spec that names no blob. Specs containing a
    line break cannot be asked for this way and come back as ``None``.
    """
    wanted = [s for s in dict.fromkeys(specs) if "\n" not in s]
    out: dict[str, bytes | None] = {s: None for s in specs}
    if not wanted:
        return out
    data = run(["cat-file", "--batch"], cwd, input="".join(s + "\n" for s in wanted).encode("utf-8")).stdout
    pos = 0
    for spec in wanted:
        end = data.index(b"\n", pos)
        header = data[pos:end].decode("utf-8", "replace").split(" ")
        pos = end + 1
        if len(header) == 3 and header[2].isdigit():  # "<oid> <type> <size>", then content and LF
            size = int(header[2])
            if header[1] == "blob":
                out[spec] = data[pos:pos + size]
            pos += size + 1
    return out


def log(paths: Iterable[str], rev: str = "HEAD", max_count: int | None = None, cwd: str | Path = ".") -> list[Commit]:
    """Commits reachable from ``rev`` (or in a range ``A..B``) that touch ``paths``, newest first.

    Each commit carries its raw changes under ``paths`` against its first parent (the
    root commit against the empty tree); merge commits carry none, as in ``git log -p``.
    """
    if rev.startswith("-"):
        raise InputError(_("not a revision: {rev!r}").format(rev=rev))
    args = ["log", "-z", "--raw", "--no-abbrev", "--no-renames", "--format=%x1e%H%x1f%P%x1f%an%x1f%aI%x1f%s"]
    if max_count is not None:
        args.append(f"--max-count={max_count}")
    out = run([*args, rev, "--", *paths], cwd).stdout
    commits = []
    for chunk in out.split(b"\x1e")[1:]:
        header, _nul, rest = chunk.partition(b"\0")
        oid, parents, author, date, subject = header.decode("utf-8", "replace").split("\x1f", 4)
        commit = Commit(oid, parents.split(), author, date, subject)
        commit.changes = _parse_raw(rest.lstrip(b"\n").split(b"\0"))
        commits.append(commit)
    return commits


def _parse_raw(tokens: list[bytes]) -> list[Change]:
    """Parse ``--raw -z`` records: ``:oldmode newmode oldoid newoid status`` NUL ``path`` NUL."""
    changes = []
    i = 0
    while i + 1 < len(tokens):
        meta = tokens[i].decode().lstrip("\n")
        if not meta.startswith(":"):
            i += 1
            continue
        old_mode, new_mode, old_oid, new_oid, status = meta[1:].split(" ")
        path = tokens[i + 1].decode("utf-8", "surrogateescape")
        changes.append(Change(status[0], path, old_oid, new_oid, old_mode, new_mode))
        i += 2
    return changes


def show_prefix(cwd: str | Path = ".") -> str:
    """The path of ``cwd`` relative to the repository top, with a trailing ``/`` (``""`` at the top)."""
    return run(["rev-parse", "--show-prefix"], cwd).stdout.decode("utf-8").rstrip("\n")


def config_set(key: str, value: str | bytes, cwd: str | Path = ".") -> None:
    """Set ``key`` to ``value`` in the repository's own config (``.git/config``), not the user's."""
    run(["config", "--local", key, value], cwd)


def config_get(key: str, cwd: str | Path = ".") -> str | None:
    """The repository-local value of ``key``, or ``None`` when unset."""
    proc = run(["config", "--local", "--get", key], cwd, check=False)
    return proc.stdout.decode("utf-8", "surrogateescape").rstrip("\n") if proc.returncode == 0 else None
