"""Baselines: today's findings recorded by fingerprint, so a legacy store fails only on new ones.

The file is JSON, sorted so that it diffs well in git::

    {"version": 1, "findings": [{"fingerprint": "…", "code": "PT-Q01", "path": "…", "message": "…"}]}

Fingerprints name a finding by rule, project identity and the node by content (an
indicator by its categories and name), not by line, so edits elsewhere keep them.
"""

from __future__ import annotations

import json
from pathlib import Path

from perfctl.errors import InputError, os_reason
from perfctl.i18n import _
from perfctl.lint import Finding


def write(path: Path, findings: list[Finding]) -> str:
    """The baseline text for ``findings`` (written by the caller, atomically)."""
    rows = sorted(({"fingerprint": f.fingerprint, "code": f.code, "path": f.path, "message": f.message}
                   for f in findings), key=lambda r: (r["path"], r["code"], r["fingerprint"]))
    return json.dumps({"version": 1, "findings": rows}, ensure_ascii=False, indent=2) + "\n"


def read(path: Path) -> set[str]:
    """The fingerprints recorded in a baseline file. Raises :class:`InputError` if it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {row["fingerprint"] for row in data["findings"]}
    except OSError as exc:
        raise InputError(_("cannot read baseline: {reason}").format(reason=os_reason(exc)), path) from None
    except json.JSONDecodeError as exc:
        raise InputError(_("not a perfctl baseline file (not JSON: line {line}, column {col})").format(
            line=exc.lineno, col=exc.colno), path) from None
    except (ValueError, KeyError, TypeError):
        raise InputError(_("not a perfctl baseline file (expected the JSON --baseline writes: \"version\" and "
                           "\"findings\")"), path) from None


def split(findings: list[Finding], known: set[str]) -> tuple[list[Finding], int]:
    """Findings not in the baseline, and how many were left out because they are."""
    new = [f for f in findings if f.fingerprint not in known]
    return new, len(findings) - len(new)
