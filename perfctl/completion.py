"""Choices of the CLI's options, read from the registries that define them, and shell completion.

Each ``--format``/``--profile``/``--layout``/``--fail-on`` value list is a loader of a
registry (``render --format``: ``md``, ``html`` and :data:`perfctl.office.WRITERS`; ``lint
--format``: :data:`perfctl.lint.reporters.REPORTERS` …), called only when a value is checked,
a help page is printed or a word is completed, so that ``perfctl --version`` imports none of
them. :class:`RegistryChoice` makes one a click type: validation, the help's metavar
(``md|html|docx|xlsx``) and completion list the same values.

Completion is click's mechanism as typer 0.28 ships it: the shell runs perfctl with
``_PERFCTL_COMPLETE=complete_bash`` (``complete_zsh``, ``complete_fish``) and the words typed so
far, and perfctl prints the candidates. :func:`script` gives the script a shell sources.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from typer._types import TyperChoice

from perfctl.i18n import _, listing

#: The environment variable the shell scripts set (click's ``_<PROG>_COMPLETE``).
COMPLETE_VAR = "_PERFCTL_COMPLETE"
#: The shells :func:`script` writes for.
SHELLS = ("bash", "zsh", "fish")


def render_formats() -> list[str]:
    """``render --format``: the text formats, then the office writers (``docx``, ``xlsx``)."""
    from perfctl.office import WRITERS

    return ["md", "html", *WRITERS]


def export_formats() -> list[str]:
    """``export --format``: every format an output suffix can name (json, csv, xlsx, parquet)."""
    from perfctl.export import SUFFIXES

    return list(dict.fromkeys(SUFFIXES.values()))


def lint_formats() -> list[str]:
    """``lint --format``: the lint reporters (text, json, github, sarif)."""
    from perfctl.lint.reporters import REPORTERS

    return list(REPORTERS)


def severities() -> list[str]:
    """``lint --fail-on``: error, warning, info."""
    from perfctl.lint import SEVERITIES

    return list(SEVERITIES)


def lint_profiles() -> list[str]:
    """``lint --profile``: ``auto`` (detect per file) and the indicator frameworks."""
    from perfctl.config import PROFILES

    return ["auto", *PROFILES]


def store_profiles() -> list[str]:
    """``new --profile``: the indicator frameworks (legacy-2015, national-2021)."""
    from perfctl.config import PROFILES

    return list(PROFILES)


def score_profiles() -> list[str]:
    """``score``/``prepare --profile``: the scoring profiles (national-2020 财预〔2020〕10号, pmkpi)."""
    from perfctl.scoring.settings import PROFILES

    return list(PROFILES)


def score_formats() -> list[str]:
    from perfctl.commands.score import FORMATS

    return list(FORMATS)


def query_formats() -> list[str]:
    from perfctl.commands.query import FORMATS

    return list(FORMATS)


def diff_formats() -> list[str]:
    """``diff``/``log --format``: the semantic-diff reporters (text, markdown, json, table)."""
    from perfctl.diff.reporters import REPORTERS

    return list(REPORTERS)


def report_formats() -> list[str]:
    from perfctl.commands.report import FORMATS

    return list(FORMATS)


def layouts() -> list[str]:
    """``render --layout``: the built-in layouts and those under ``./templates/layouts/``
    (the store in the current folder; render checks the name against the store it reads)."""
    from perfctl.render import layouts as names

    return names(Path.cwd() / "templates")


def import_formats() -> list[str]:
    from perfctl.importers import READERS

    return list(READERS)


def import_layouts() -> list[str]:
    from perfctl.importers.text import LAYOUTS

    return list(LAYOUTS)


def rule_codes() -> list[str]:
    """Every lint rule code, in code order (PT-A01 …)."""
    from perfctl.lint.rules import RULES

    return list(RULES)


class RegistryChoice(TyperChoice):  # type: ignore[type-arg]
    """A click choice whose values a registry gives when first needed (see the module's doc).

    The metavar is the values joined by ``|`` (typer's own would be ``[a|b]``); a value not in
    the list is click's usual ``'x' is not one of 'a', 'b'.``, in the user's language.
    """

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load
        self._choices: tuple[str, ...] | None = None
        self.case_sensitive = True

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        self._choices = tuple(value)

    def get_metavar(self, param: Any, ctx: Any = None) -> str:
        return "|".join(self.choices)

    def get_invalid_choice_message(self, value: Any, ctx: Any = None) -> str:
        choices = ", ".join(map(repr, self._normalized_mapping(ctx=ctx).values()))
        return _("{value!r} is not one of {choices}.").format(value=value, choices=choices)

    def get_missing_message(self, param: Any, ctx: Any = None) -> str:
        choices = ",\n\t".join(self._normalized_mapping(ctx=ctx).values())
        return _("Choose from:\n\t{choices}").format(choices=choices)


def values(load: Callable[[], Sequence[str]]) -> Callable[..., list[str]]:
    """A typer ``autocompletion`` callback offering the names ``load`` gives that start with
    the word typed, for options and arguments checked elsewhere (``--layout``, rule codes)."""

    def complete(incomplete: str) -> list[str]:
        try:
            names = load()
        except Exception:  # noqa: BLE001 - a broken store must not print a traceback into the shell
            return []
        return [n for n in names if n.startswith(incomplete) or n.lower().startswith(incomplete.lower())]

    return complete


def init() -> None:
    """Register perfctl's completion classes for bash, zsh and fish (typer's, see :func:`_paths_to_shell`)."""
    from typer import _completion_classes as typer_classes
    from typer._click.shell_completion import add_completion_class

    for name in SHELLS:
        base = {"bash": typer_classes.BashComplete, "zsh": typer_classes.ZshComplete,
                "fish": typer_classes.FishComplete}[name]
        add_completion_class(type(base.__name__, (base,), {"get_completions": _paths_to_shell}), name)


def _paths_to_shell(self: Any, args: list[str], incomplete: str) -> list[Any]:
    """click answers a PATH argument with the word itself, typed "file"; typer's scripts would
    take that as the one candidate. Dropping it leaves no candidate, so the shell completes
    file names itself (bash ``-o default``, zsh ``_files``, fish without ``--no-files``).

    The help zsh and fish show beside an option is in the user's language (a command's short
    help already is: :meth:`perfctl.clihelp.Command.get_short_help_str`); the candidates
    themselves never are translated."""
    items = super(type(self), self).get_completions(args, incomplete)
    for item in items:
        if item.help:
            item.help = _(item.help)
    return [item for item in items if item.type not in ("file", "dir")]


def script(shell: str) -> str:
    """The completion script ``shell`` (bash, zsh or fish) sources, calling ``perfctl``.
    Raises :class:`perfctl.errors.UsageError` for another shell."""
    from typer._completion_shared import get_completion_script

    from perfctl.errors import UsageError

    if shell not in SHELLS:
        raise UsageError(_("no completion for shell {shell!r}; choose one of: {shells}").format(
            shell=shell, shells=listing(SHELLS)))
    return get_completion_script(prog_name="perfctl", complete_var=COMPLETE_VAR, shell=shell) + "\n"


def requested() -> bool:
    """Whether this run is a shell asking for completions (the scripts set :data:`COMPLETE_VAR`)."""
    return bool(os.environ.get(COMPLETE_VAR))
