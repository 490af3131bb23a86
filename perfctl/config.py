"""The store configuration: ``perfctl.yaml`` at the store root, found by searching upward.

Shape (all keys optional; see ``schemas/config.schema.json``)::

    department: {code: '389101', name: …}   # defaults for `perfctl new`
    year: 2025
    profile: auto            # legacy-2015 | national-2021 | auto (detect per file)
    line_endings: lf         # lf | crlf
    lang: zh                 # zh | en: the language of messages and help (perfctl.i18n)
    lint:
      select: [PT]           # codes or prefixes; default all
      ignore: [PT-D02]
      severity: {PT-Q01: error}
      exclude: ['archive/**']
      thresholds: {satisfaction_floor: 80, min_indicators: 5, qualitative_share_cap: 50,
                   money_tolerance: '0.01', unit_cost_tolerance: 10}
      lexicons: {vague: [extra words]}
    diff:
      levels: {target-loosened: review}
    render:
      layout: national-2021  # tianjin (default) | national-2021 | a folder under templates/layouts/
      thousands: false       # as render --thousands
    score:                   # self-evaluation scoring; see perfctl.scoring.settings
      profile: national-2020 # national-2020 | pmkpi
      round: 2
      tolerance: '0.01'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfctl.i18n import _

CONFIG_NAME = "perfctl.yaml"
PROFILES = ("legacy-2015", "national-2021")

#: Default lint thresholds; each is a profile setting, not a national rule (rules.md §4.1, §4.5, §9).
DEFAULT_THRESHOLDS: dict[str, Any] = {
    "satisfaction_floor": Decimal(80),     # percent
    "min_indicators": 5,                   # 三级 indicators per table
    "qualitative_share_cap": Decimal(50),  # percent of rows
    "money_tolerance": Decimal("0.01"),    # in the table's money unit
    "unit_cost_tolerance": Decimal(10),    # percent over budget
}


@dataclass
class LintConfig:
    """The ``lint:`` section, with defaults filled in."""

    select: list[str] = field(default_factory=lambda: ["PT"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    thresholds: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    lexicons: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Config:
    """A store's configuration; ``root`` is the folder holding ``perfctl.yaml`` (``None``: defaults)."""

    root: Path | None = None
    path: Path | None = None
    department: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    profile: str = "auto"
    line_endings: str = "lf"
    lint: LintConfig = field(default_factory=LintConfig)
    diff_levels: dict[str, str] = field(default_factory=dict)
    #: The ``score:`` section as written (profile and settings; numbers as their text), read
    #: by :func:`perfctl.scoring.settings.from_config`.
    score: dict[str, Any] = field(default_factory=dict)
    #: ``render.layout``: the document layout of ``perfctl render`` (``None``: the default).
    layout: str | None = None
    #: ``render.thousands``: amounts with thousands separators in ``perfctl render``.
    thousands: bool = False
    #: ``lang``: the language of messages and help, ``zh`` or ``en`` (``None``: the locale's; :mod:`perfctl.i18n`).
    lang: str | None = None


def find(start: str | Path) -> Path | None:
    """The nearest ``perfctl.yaml`` in ``start`` (a folder, or the folder of a file) or above it."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load(path: str | Path) -> Config:
    """Read and validate a config file. Raises :class:`InputError` (positioned) when it is bad."""
    from perfctl import fileio, schema, yamlio

    doc = yamlio.parse(fileio.read_text(path), path)
    if doc.data is None:  # an empty config (comments only) means all defaults
        doc.data = {}
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), _("the store configuration must be a mapping of keys"))
    found = schema.errors(doc, schema.CONFIG_SCHEMA_FILE)
    if found:
        raise found[0]
    lint = data.get("lint") or {}
    thresholds = dict(DEFAULT_THRESHOLDS)
    for key, value in (lint.get("thresholds") or {}).items():
        thresholds[key] = Decimal(doc.texts[("lint", "thresholds", key)]) if key != "min_indicators" else value
    dept = data.get("department") or {}
    return Config(
        root=Path(path).resolve().parent, path=Path(path),
        department={k: doc.texts[("department", k)] for k in dept},
        year=data.get("year"), profile=data.get("profile", "auto"), line_endings=data.get("line_endings", "lf"),
        lint=LintConfig(select=lint.get("select", ["PT"]), ignore=lint.get("ignore", []),
                        severity=lint.get("severity", {}), exclude=lint.get("exclude", []),
                        thresholds=thresholds, lexicons=lint.get("lexicons", {})),
        diff_levels=(data.get("diff") or {}).get("levels", {}),
        score={k: doc.texts.get(("score", k), v) for k, v in (data.get("score") or {}).items()},
        layout=(data.get("render") or {}).get("layout"),
        thousands=bool((data.get("render") or {}).get("thousands", False)),
        lang=data.get("lang"),
    )


def for_path(start: str | Path) -> Config:
    """The configuration that governs ``start``: the nearest ``perfctl.yaml`` above it, or defaults."""
    path = find(start)
    return load(path) if path is not None else Config()
