"""The command line's own words in the user's language, and help laid out by display width.

typer 0.28 vendors click (``typer._click``) without its gettext calls: its messages are
English text built at the point of failure (``No such option: --formt``). So perfctl:

- translates help texts when a help page is drawn, not when the commands are defined, so
  ``--lang`` (read before parsing, :func:`perfctl.i18n.setup`) also governs the help of a
  command line parsed in the same process; message ids are the English texts as written
  in :mod:`perfctl.cli` (a command's docstring after :func:`inspect.cleandoc`);
- shows click's errors itself (:meth:`Group.main`), matching each against the templates of
  :data:`CLICK_MESSAGES` to translate it with its values kept;
- hands typer's few ``gettext`` calls (``default:``, ``required``, ``Aborted!``, the section
  headings) perfctl's :func:`perfctl.i18n._`;
- lays help out in display columns (a Chinese character takes 2, :func:`width`), wrapping
  Chinese text between characters but not before closing punctuation (，。）).

Widths come from :func:`unicodedata.east_asian_width`, not wcwidth: importing wcwidth would
add 13 ms to every ``perfctl --help`` (measured), and help text has no emoji or combining
sequences for wcwidth's finer tables to matter.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer.core
from typer import _click
from typer.core import TyperCommand, TyperGroup

from perfctl import completion, i18n
from perfctl.i18n import N_, _

# typer's own words (section headings, "default:", "required", "Aborted!") through perfctl's catalog.
typer.core._ = i18n._  # type: ignore[attr-defined]

#: click's messages as its vendored copy in typer builds them, with ``{field}`` where a value
#: goes; :func:`click_message` translates a message that one of them matches, most specific first.
CLICK_MESSAGES = (
    N_("{message} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("No such command {name}. Did you mean {suggestions}?"),
    N_("No such command {name}."),
    N_("Missing command."),
    N_("Missing argument {name}. {extra}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}. {extra}"),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("Missing parameter: {name}"),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Option {name} does not take a value."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {n} arguments."),
    N_("Argument {name} takes {n} values."),
    N_("Takes {n} values but {m} given."),
    N_("{n} values are required, but {m} given."),
    N_("Value must be an iterable."),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("{value} is not a valid integer."),
    N_("{value} is not a valid int."),  # typer's copy of click names its number types so
    N_("{value} is not a valid int range."),
    N_("{value} is not a valid float."),
    N_("{value} is not a valid float range."),
    N_("{value} is not a valid boolean. Recognized values: {values}"),
    N_("{value} is not in the range {range}."),
    N_("{value} does not match the formats {formats}."),
    N_("Could not open file {name}: {message}"),
)
#: Fields whose value is itself a message (translated in turn).
_NESTED = frozenset({"message"})


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.DOTALL)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = []


def click_message(text: str) -> str:
    """``text``, a message click built, in the user's language (unchanged when no template
    of :data:`CLICK_MESSAGES` matches it, e.g. a message perfctl raised, already translated)."""
    if i18n.language() == "en":
        return text
    if not _PATTERNS:
        _PATTERNS.extend((t, _pattern(t)) for t in CLICK_MESSAGES)
    for template, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            values = {k: click_message(v) if k in _NESTED else v for k, v in m.groupdict().items()}
            return _(template).format(**values)
    return text


def show_error(exc: _click.ClickException) -> None:
    """Print ``exc`` as click would (usage line, hint, ``Error: …``), in the user's language."""
    if isinstance(exc, _click.exceptions.NoArgsIsHelpError):
        print(exc.format_message(), file=sys.stderr)
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        print(f"{ctx.get_usage()}\n{hint}", file=sys.stderr)
    message = click_message(exc.format_message())
    option = getattr(exc, "option_name", "")
    if (isinstance(exc, _click.exceptions.NoSuchOption) and option in GLOBAL_OPTIONS
            and ctx is not None and ctx.parent is not None):
        message = _("{message} ({option} is a global option: put it before the command, "
                    "as in perfctl {option} … {command})").format(message=message, option=option,
                                                                   command=ctx.info_name)
    print(_("Error: {message}").format(message=message), file=sys.stderr)


#: The options of perfctl itself, given before the command (``perfctl --lang zh lint``).
GLOBAL_OPTIONS = frozenset({"--lang", "--debug", "--version"})


# --- widths and wrapping --------------------------------------------------------------------

#: Punctuation that should not begin a line (Chinese line-breaking rule, 避头尾).
_NO_LINE_START = frozenset("，。、；：！？）》」』】〉”’％")
#: ASCII that closes what comes before it (``<部门编码>/OLD/``): it stays on that line.
_ASCII_CLOSING = frozenset(">)]},.;:!?%")
#: Punctuation that should not end a line: an opening bracket goes down with what it opens.
_NO_LINE_END = frozenset("（《「『【〈“‘〔")
#: A bracketed note without spaces, kept whole ("[默认：text]", click's "[必填]"); an ASCII
#: word; a space; or one other character.
_TOKEN = re.compile(r"\[[^\[\]\s]{1,16}\]|[!-~]+| |.", re.DOTALL)


#: The widest run without spaces kept whole on a line (16 columns: eight Chinese characters).
_WHOLE = 16


def _tokens(text: str, whole: int) -> list[str]:
    """The pieces :func:`fill` places: a run without spaces at most ``whole`` columns wide as
    one piece, a longer one as :data:`_TOKEN` cuts it; each space a piece of its own."""
    out: list[str] = []
    for run in re.split(r"( )", text):
        if not run:
            continue
        out += [run] if run == " " or width(run) <= whole else _TOKEN.findall(run)
    return out


def width(text: str) -> int:
    """Display columns of ``text`` on one line: 2 for wide and full-width characters
    (East Asian Width W or F), 0 for combining marks, 1 for the rest."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def fill(text: str, cols: int) -> list[str]:
    """One paragraph in lines of at most ``cols`` columns, as click fills one: line breaks
    become spaces, runs of spaces inside a line stay (aligned comments in examples). ASCII
    words stay whole unless wider than a line, and so does a short run without spaces (an
    official term, a path, 财预〔2020〕10号, at most :data:`_WHOLE` columns); a longer one (a
    Chinese sentence) breaks between any two characters, but not before closing punctuation
    (the word or character before it moves down with it)."""
    cols = max(cols, 2)
    lines: list[str] = []
    line: list[str] = []  # the tokens of the line being filled
    used = 0
    for token in _tokens(text.replace("\n", " "), min(_WHOLE, cols)):
        w = width(token)
        if token == " " and not line:
            continue  # no space at the start of a line
        if used + w <= cols:
            line.append(token)
            used += w
            continue
        if token == " ":
            lines.append("".join(line).rstrip())
            line, used = [], 0
            continue
        carry: list[str] = []
        if token[0] in _NO_LINE_START or token[0] in _ASCII_CLOSING:  # take down the closing punctuation before it, and the word before that
            while len(line) > 1 and line[-1] in _NO_LINE_START:
                carry.insert(0, line.pop())
            if len(line) > 1 and line[-1] != " ":
                carry.insert(0, line.pop())
        while len(line) > 1 and line[-1] in _NO_LINE_END:  # an opening bracket goes down with what it opens
            carry.insert(0, line.pop())
        if "".join(line).strip():
            lines.append("".join(line).rstrip())
        line = carry + [token]
        while width("".join(line)) > cols and "".join(line).isascii():  # an ASCII word wider than a line: cut it
            whole = "".join(line)
            lines.append(whole[:cols])
            line = [whole[cols:]]
        used = width("".join(line))
    if "".join(line).strip() or not lines:
        lines.append("".join(line).rstrip())
    return lines


def wrap_text(text: str, cols: int, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """click's ``wrap_text`` by display width: paragraphs are separated by blank lines, keep
    their own indent, and a paragraph starting with a ``\\b`` line is not rewrapped."""
    text = text.expandtabs()
    paragraphs: list[tuple[int, bool, str]] = []
    if not preserve_paragraphs:
        paragraphs.append((0, False, text))
    else:
        buf: list[str] = []
        indent: int | None = None
        for line in [*text.splitlines(), ""]:
            if line:
                if indent is None:
                    indent = len(line) - len(line.lstrip())
                buf.append(line.lstrip() if not buf else line)
                continue
            if buf:
                raw = buf[0].strip() == "\b"
                paragraphs.append((indent or 0, raw, "\n".join(buf[1:]) if raw else _joined(buf)))
            buf, indent = [], None
    out = []
    for extra, raw, body in paragraphs:
        first, rest = initial_indent + " " * extra, subsequent_indent + " " * extra
        lines = body.splitlines() if raw else fill(body, cols - max(width(first), width(rest)))
        out.append("\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines)))
    return "\n\n".join(out)


def _joined(lines: list[str]) -> str:
    """The lines of a paragraph as one: a space between them, as click joins them, but none
    where a line ends and the next begins with a Chinese character (a translation's own line
    break inside a sentence)."""
    out = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        wide = out and line and width(out[-1]) == 2 and width(line[0]) == 2
        out += line if wide else " " + line
    return out


class Formatter(_click.HelpFormatter):
    """click's help formatter, in the user's language and by display width."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = _("Usage: ") if prefix is None else prefix
        head = f"{prefix:>{self.current_indent}}{prog} "
        pad = " " * width(head)
        self.write(wrap_text(args, self.width - self.current_indent, initial_indent=head, subsequent_indent=pad))
        self.write("\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, initial_indent=indent, subsequent_indent=indent,
                             preserve_paragraphs=True))
        self.write("\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((width(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10), preserve_paragraphs=True).splitlines()
            self.write(f"{lines[0] if lines else ''}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    def write_heading(self, heading: str) -> None:
        text = _("{heading}:").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{text}\n")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_(name)):
            yield


class Context(_click.Context):
    """A click context whose help pages use :class:`Formatter`."""

    formatter_class = Formatter


def _translate_params(command: _click.Command, ctx: _click.Context) -> None:
    """Each parameter's help (and the help option's) in the user's language, from the
    message id first written there."""
    for param in command.get_params(ctx):
        help_ = getattr(param, "help", None)
        if help_:
            msgid = param.__dict__.setdefault("_perfctl_msgid", help_)
            param.help = _(msgid)  # type: ignore[attr-defined]


class _Translated:
    """What :class:`Command` and :class:`Group` share: help text and short help translated
    when shown (message id: the text after :func:`inspect.cleandoc`)."""

    help: str | None
    short_help: str | None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _translate_params(self, ctx)  # type: ignore[arg-type]
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        if self.help:
            text = _(inspect.cleandoc(self.help)).partition("\f")[0]
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return _(inspect.cleandoc(self.short_help))
        return super().get_short_help_str(limit)  # type: ignore[misc]


class Command(_Translated, TyperCommand):
    """A command whose usage line names its arguments as git and POSIX utilities do: ``PATH...``
    for a required argument taking several values, ``[PATH]...`` for an optional one, ``FILE``
    and ``[STORE]`` for single ones (typer writes a required one ``{PATH}``, its own notation),
    and whose help is in the user's language."""

    context_class = Context

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [_(self.options_metavar)] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces += param.get_usage_pieces(ctx)
                continue
            name = param.metavar or (param.name or "").upper()
            pieces.append((name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else ""))
        return pieces


class Group(_Translated, TyperGroup):
    """perfctl's command group: chooses the language before parsing and shows click's errors
    in it (:func:`show_error`)."""

    context_class = Context

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [_(piece) for piece in super().collect_usage_pieces(ctx)]

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        i18n.setup(_completion_words() if args is None and completion.requested() else
                   list(sys.argv[1:] if args is None else args))
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except _click.ClickException as exc:
            show_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            print(_("Aborted!"), file=sys.stderr)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


def _completion_words() -> list[str]:
    """The words typed so far when a shell asks for completions (bash's ``COMP_WORDS``, zsh's
    and fish's ``_TYPER_COMPLETE_ARGS``), the program's name left out: their ``--lang`` counts."""
    import shlex

    line = os.environ.get("_TYPER_COMPLETE_ARGS") or os.environ.get("COMP_WORDS") or ""
    try:
        words = shlex.split(line)
    except ValueError:  # an open quote in the word being typed
        words = line.split()
    return words[1:]


#: The usage line's words (``[OPTIONS]``, ``COMMAND [ARGS]...``) for the catalog.
USAGE_WORDS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("Usage: "), N_("Options"), N_("Commands"),
               N_("Arguments"), N_("Show this message and exit."), N_("default: {default}"), N_("required"),
               N_("(dynamic)"), N_("env var: {var}"), N_("Aborted!"), N_("Missing command."))
