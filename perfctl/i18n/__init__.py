"""The user's language: every message a person reads goes through :func:`_` (or :func:`ngettext`).

Two languages: ``en`` (the message ids themselves) and ``zh`` (the catalog
``perfctl/i18n/locale/zh_CN/LC_MESSAGES/perfctl.mo``, compiled from the ``.po`` beside it
when the package is built: ``hatch_build.py``, ``make``). Which one, first that says:

1. ``--lang zh|en`` on the command line (a global option: before the command);
2. ``lang: zh|en`` in the store config ``perfctl.yaml``: the one governing the command's
   first path (:func:`for_paths`, from the parsed command line), else the current folder's;
3. the locale, as GNU gettext reads it: the locale of messages is the first set of
   ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; when it is ``C`` or ``POSIX`` (or none is set) it is
   English, whatever ``LANGUAGE`` says; otherwise ``LANGUAGE`` (a ``:`` list), when set, is
   read before it. The first entry perfctl speaks decides: any ``zh…`` (``zh_CN.UTF-8``,
   ``zh``) means Chinese, ``en…`` English; none of them, English.

Message ids are English with named ``{placeholders}`` filled after translation
(``_("{n} files").format(n=3)``); plurals through :func:`ngettext` (Chinese has one form).
Machine formats (JSON, SARIF, CSV keys, rule codes, severities in them) are never
translated; their message texts are. Nothing here imports more than the standard library's
``gettext``, so ``perfctl --version`` starts as fast as before.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

DOMAIN = "perfctl"
#: The languages perfctl speaks (``--lang`` and the config key ``lang`` take these).
LANGUAGES = ("zh", "en")
#: Where the catalogs are: ``LOCALE_DIR/zh_CN/LC_MESSAGES/perfctl.{po,mo}``.
LOCALE_DIR = Path(__file__).parent / "locale"
#: The catalog folder of each language that has one.
CATALOGS = {"zh": "zh_CN"}
#: The environment variables that set the locale of messages, in the order gettext reads them
#: (``LANGUAGE``, a list of languages, comes first unless that locale is C).
ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG")

#: The Chinese catalog in use, or ``None`` for English (the message ids): gettext is imported
#: only when a catalog is read, so an English run never pays for it.
_translation: gettext.GNUTranslations | None = None
_language = "en"
#: Whether the language of this run is still to be worked out (:func:`setup`, :func:`for_paths`)
#: from its arguments and the paths its command works on.
_pending = False
_argv: list[str] = []
_paths: list[str] = []


def _(message: str) -> str:
    """``message`` (an English message id) in the user's language."""
    if _pending:
        _resolve()
    return message if _translation is None else _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the user's language (format ``{n}`` after)."""
    if _pending:
        _resolve()
    if _translation is None:
        return singular if n == 1 else plural
    return _translation.ngettext(singular, plural, n)


def listing(items: Iterable[str]) -> str:
    """``items`` as a list in the user's language: ``a, b, c`` (in Chinese ``a、b、c``); ``""`` for none."""
    text = ""
    for item in items:
        # TRANSLATORS: a list of names, one more item at a time ("产出指标, 效益指标"); Chinese uses 、
        text = _("{list}, {item}").format(list=text, item=item) if text else item
    return text


def N_(message: str) -> str:
    """Marks ``message`` for the catalog without translating it here (a table of texts
    translated where they are shown)."""
    return message


def language() -> str:
    """The language in use: ``"zh"`` or ``"en"``."""
    if _pending:
        _resolve()
    return _language


def use(lang: str) -> None:
    """Speak ``lang`` (``"zh"`` or ``"en"``) from now on, in this process and the workers it forks.

    A missing Chinese catalog (a source tree whose ``.mo`` was never compiled) is said once
    on stderr, in English, and English is used.
    """
    global _translation, _language, _pending
    _pending = False
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if lang == _language:
        return
    if lang == "en":
        _translation, _language = None, "en"
        return
    import gettext

    mo = LOCALE_DIR / CATALOGS[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with open(mo, "rb") as f:
            _translation = gettext.GNUTranslations(f)
    except OSError:
        print(f"perfctl: the {lang} message catalog {mo} is missing (run make, or reinstall perfctl); "
              "speaking English", file=sys.stderr)
        _translation, _language = None, "en"
        return
    _language = lang


def from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """The language the locale environment asks for: ``"zh"`` or ``"en"`` (see the module doc)."""
    locale = next((environ[name] for name in ENVIRONMENT if environ.get(name)), "")
    if _code(locale) in ("", "c", "posix"):  # GNU gettext ignores LANGUAGE in the C locale
        return "en"
    for item in [*environ.get("LANGUAGE", "").split(":"), locale]:
        code = _code(item)
        if code in LANGUAGES:
            return code
    return "en"


def _code(locale: str) -> str:
    """The language part of a locale name, lower case: ``zh_CN.UTF-8`` → ``zh``, ``C.UTF-8`` → ``c``."""
    return re.split(r"[_.@-]", locale.strip(), maxsplit=1)[0].lower()


def from_argv(argv: Sequence[str]) -> str | None:
    """The value of the global option ``--lang`` (``--lang zh`` or ``--lang=zh``): the last one
    before the command, as the command line parses it; ``None`` when there is none or it is
    not a language (left for the command line to refuse)."""
    value = None
    it = iter(argv)
    for arg in it:
        if arg == "--lang":
            value = next(it, None)
        elif arg.startswith("--lang="):
            value = arg[7:]
        elif not arg.startswith("-") or arg == "--":
            break  # the command: what follows is its own
    return value if value in LANGUAGES else None


#: A top-level ``lang:`` key in a config file's text (only such a file is parsed at start).
_LANG_KEY = re.compile(r"^lang[ \t]*:", re.MULTILINE)
#: A top-level ``lang: zh`` (or ``en``) on its own line: read from a config that does not load,
#: so that its errors are in the language it asks for.
_LANG_LINE = re.compile(r"""^lang[ \t]*:[ \t]*(["']?)(zh|en)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def from_config(paths: Sequence[str], cwd: Path | None = None) -> str | None:
    """The ``lang`` of the store config governing the first of ``paths`` that exists, else the
    current folder's; ``None`` when there is none or it sets no ``lang``. A plain ``lang: zh``
    line is read as it is (no YAML parser on every ``--help``); anything else is read by
    :func:`perfctl.config.load`. A config that cannot be read is left for the command to report."""
    starts = [p for p in paths if p and os.path.exists(p)][:1] + [str(cwd or ".")]
    for start in starts:
        try:
            path = _find_config(start)
        except OSError:  # a current folder since removed: no config to read
            continue
        if path is None:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if not _LANG_KEY.search(text):
            return None
        found = _LANG_LINE.findall(text)
        if len(found) == 1:
            return found[0][1]
        from perfctl import config

        try:
            return config.load(path).lang
        except Exception:  # noqa: BLE001 - the command that loads it reports it, positioned
            return None
    return None


#: The store config's file name (:data:`perfctl.config.CONFIG_NAME`).
CONFIG_NAME = "perfctl.yaml"


def _find_config(start: str) -> Path | None:
    """:func:`perfctl.config.find` without importing :mod:`perfctl.config`, whose dataclasses
    and decimal would cost 2 ms on every ``perfctl --help`` (measured): the nearest
    ``perfctl.yaml`` in ``start`` (a folder, or the folder of a file) or above it."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


def setup(argv: Sequence[str]) -> None:
    """Speak the language chosen for a run with arguments ``argv`` (see the module doc),
    worked out when first needed: ``perfctl --version`` reads no config and no catalog."""
    global _pending, _argv, _paths
    _argv, _paths, _pending = list(argv), [], True


def for_paths(paths: Iterable[str | Path]) -> None:
    """The command about to run works on ``paths``: the store config governing the first of
    them may choose the language (unless ``--lang`` did), from the next message on."""
    global _pending, _paths
    _paths, _pending = [str(p) for p in paths], True


def _resolve() -> None:
    global _pending
    _pending = False  # before reading a config, whose errors are messages too
    use(from_argv(_argv) or from_config(_paths) or from_environment())
