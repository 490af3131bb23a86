"""``perfctl rules``: the lint rules, listed or one explained."""

from __future__ import annotations

import inspect
import re
import shutil
from types import ModuleType

from perfctl.clihelp import wrap_text
from perfctl.errors import UsageError
from perfctl.i18n import N_, _, listing

#: The table's column headings.
HEADERS = (N_("code"), N_("name"), N_("severity"), N_("profile"), N_("checks"))
#: What the profile column says of a rule that applies under every profile.
ALL_PROFILES = N_("all")


def run(code: str | None = None) -> int:
    """Print the rule table (code, name, severity, profile), or the documentation of ``code``."""
    from perfctl.lint.rules import RULES

    if code is None:
        from tabulate import tabulate

        rows = [(c, r.NAME, _severity(r), _profiles(r), _plain(_summary(r))) for c, r in RULES.items()]
        print(tabulate(sorted(rows), headers=[_(h) for h in HEADERS], disable_numparse=True))
        return 0
    rule = RULES.get(code.upper())
    if rule is None:
        close = [c for c in RULES if c.startswith(code.upper())]
        if close:
            raise UsageError(_("no rule {code!r}; did you mean {codes}?").format(code=code, codes=listing(close)))
        raise UsageError(_("no rule {code!r}; run 'perfctl rules' for the list").format(code=code))
    print(_("{code} {name}  (severity: {severity}; profiles: {profiles})").format(
        code=rule.CODE, name=rule.NAME, severity=_severity(rule), profiles=_profiles(rule)) + "\n")
    body = _plain(explanation(rule).partition("\n")[2].strip(), rule)
    body = re.sub(r"\n(?=(?:Fails|Passes|不通过|通过)[:：])", "\n\n", body)  # each example its own paragraph
    print(wrap_text(body, max(min(shutil.get_terminal_size().columns, 100) - 2, 40), preserve_paragraphs=True))
    return 0


def explanation(rule: ModuleType) -> str:
    """The rule's docstring in the user's language: its message id is the docstring as
    :func:`inspect.cleandoc` leaves it (what the catalog extracts, ``ast.get_docstring``);
    the first line is ``CODE name: what it checks``."""
    return _(inspect.cleandoc(rule.__doc__ or ""))


def _summary(rule: ModuleType) -> str:
    """What the rule checks: its explanation's first line after ``CODE name:`` (a translation
    may write the colon full-width)."""
    first = explanation(rule).split("\n", 1)[0].strip()
    head = f"{rule.CODE} {rule.NAME}"
    if first.startswith(head):
        return first[len(head):].lstrip(" :：").strip()
    return first.split(":", 1)[-1].strip()


def _severity(rule: ModuleType) -> str:
    from perfctl.lint import severity_word

    return severity_word(rule.SEVERITY)


def _profiles(rule: ModuleType) -> str:
    return listing(getattr(rule, "PROFILES", None) or (_(ALL_PROFILES),))


def _plain(text: str, rule: ModuleType | None = None) -> str:
    """Docstring markup for the terminal: ````≥50人```` (reStructuredText literal) → ```≥50人```;
    a constant of ``rule`` by its value (``:data:`SENTENCE``` → ``8``), another cross-reference
    without its role (``:func:`perfctl.target.scale``` → ```perfctl.target.scale```)."""

    def constant(m: re.Match[str]) -> str:
        value = getattr(rule, m.group(1), None)
        return str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else f"`{m.group(1)}`"

    text = re.sub(r":data:`(\w+)`", constant, text.replace("``", "`"))
    return re.sub(r":(?:func|class|meth|mod|data|attr):`", "`", text)
