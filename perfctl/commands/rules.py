"""``perfctl rules``: the lint rules, listed or one explained."""

from __future__ import annotations

import inspect

from perfctl.errors import UsageError


def run(code: str | None = None) -> int:
    """Print the rule table (code, name, severity, profile), or the documentation of ``code``."""
    from perfctl.lint.rules import RULES

    if code is None:
        from tabulate import tabulate

        rows = [(c, r.NAME, r.SEVERITY, ", ".join(getattr(r, "PROFILES", None) or ("all",)),
                 _plain((r.__doc__ or "").split(":", 1)[1].split("\n", 1)[0].strip())) for c, r in RULES.items()]
        print(tabulate(sorted(rows), headers=["code", "name", "severity", "profile", "checks"], disable_numparse=True))
        return 0
    rule = RULES.get(code.upper())
    if rule is None:
        close = [c for c in RULES if c.startswith(code.upper())]
        hint = f"; did you mean {', '.join(close)}?" if close else "; run 'perfctl rules' for the list"
        raise UsageError(f"no rule {code!r}{hint}")
    profiles = ", ".join(getattr(rule, "PROFILES", None) or ("all",))
    print(f"{rule.CODE} {rule.NAME}  (severity: {rule.SEVERITY}; profiles: {profiles})\n")
    print(_plain(inspect.cleandoc(rule.__doc__ or "").split("\n", 1)[1].strip()))
    return 0


def _plain(text: str) -> str:
    """Docstring markup for the terminal: ````≥50人```` (reStructuredText literal) → ```≥50人```."""
    return text.replace("``", "`")
