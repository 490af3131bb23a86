"""Scoring settings: the two shipped profiles and the store's choices.

A profile is a preset of :class:`Settings`; a store picks one and may override the
settings the rule set leaves to the user (``../shared`` rule set R2–R10, marked there as
a tool choice) in ``perfctl.yaml``::

    score:
      profile: national-2020       # or pmkpi
      round: 2                     # digits each row score is rounded to (half up): 2, 1 or 0
      tolerance: '0.01'            # a declared 得分 may differ from the computed one by this
      qual_default: none           # none | lower: score a qualitative row by its outcome's lowest points
      deadline_missed: qualitative # qualitative | linear
      no_satisfaction_to: benefit  # benefit | output: where `prepare` proposes a missing 满意度 row's points
      reason_rate: 90              # percent: an execution rate below it needs a reason
      over_ratio: '1.3'            # actual ÷ target at or above it on a ≥ row needs a reason

Sources: 财预〔2020〕10号 第十四条 (weights 50/30/10/10) and 第十五条 (quantitative and
qualitative scoring), its 附件1 (the 自评表); grades as reported for 财政部预算司; the
``pmkpi`` variant is the provincial 预算管理一体化 module's scoring.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from perfctl.i18n import _

_PLAIN = re.compile(r"[0-9]+(\.[0-9]+)?")

#: The profile a store without ``score.profile`` uses.
DEFAULT_PROFILE = "national-2020"

_D = Decimal


@dataclass(frozen=True)
class Settings:
    """How a self-evaluation is scored. Points are out of 100; rates and bands are fractions
    (``Decimal("0.8")``) except ``reason_rate``, a percent as the config writes it.

    ``level1_points``: the first-level defaults `prepare` proposes (产出 50, 效益 30, 满意度 10;
    成本指标 rows share 产出's points). ``execution_points``: 分值 of the execution row when
    ``budget.weight`` is absent. ``le_rule``: ``"ratio"`` (A ÷ B × w) or ``"linear"`` (pmkpi:
    (1 − (B − A) ÷ A) × w, 0 from 2A). ``bands``: lower bounds of 达成 and 部分达成 as
    fractions of the row's points. ``execution_cap``: execution score at most its points.
    ``round_execution``: round the execution score like a row (pmkpi keeps it unrounded and
    rounds the total). ``round``: digits. ``grades``: (lowest total, grade) from the best.
    ``reason_below_points``: a row scoring under its points needs a reason. ``over_ratio``:
    actual ÷ target at which a ≥ row needs a reason (``None``: never). ``reason_rate``:
    execution rate in percent below which a reason is needed (``None``: never).
    ``tolerance``: allowed difference of a declared 得分 from the computed one.
    ``qual_default``: ``"none"`` or ``"lower"``. ``deadline_missed``: ``"qualitative"`` or
    ``"linear"``. ``no_satisfaction_to``: ``"benefit"`` or ``"output"``.
    """

    profile: str
    level1_points: Mapping[str, Decimal]
    execution_points: Decimal
    le_rule: str
    bands: tuple[Decimal, Decimal]
    execution_cap: bool
    round_execution: bool
    round: int
    grades: tuple[tuple[Decimal, str], ...]
    reason_below_points: bool
    over_ratio: Decimal | None
    reason_rate: Decimal | None
    tolerance: Decimal = _D("0.01")
    qual_default: str = "none"
    deadline_missed: str = "qualitative"
    no_satisfaction_to: str = "benefit"
    overrides: Mapping[str, Any] = field(default_factory=dict)

    def grade(self, total: Decimal) -> str:
        """The grade (优 良 中 差) of a total: the first band whose lower bound it reaches."""
        for low, name in self.grades:
            if total >= low:
                return name
        return self.grades[-1][1]


_LEVEL1 = MappingProxyType({"产出指标": _D(50), "效益指标": _D(30), "满意度指标": _D(10)})

#: The shipped profiles, by name.
PROFILES: Mapping[str, Settings] = MappingProxyType({
    "national-2020": Settings(
        profile="national-2020", level1_points=_LEVEL1, execution_points=_D(10), le_rule="ratio",
        bands=(_D("0.8"), _D("0.5")), execution_cap=True, round_execution=True, round=2,
        grades=((_D(90), "优"), (_D(80), "良"), (_D(60), "中"), (_D(0), "差")),
        reason_below_points=True, over_ratio=_D("1.3"), reason_rate=_D(90)),
    "pmkpi": Settings(
        profile="pmkpi", level1_points=_LEVEL1, execution_points=_D(10), le_rule="linear",
        bands=(_D("0.8"), _D("0.6")), execution_cap=False, round_execution=False, round=2,
        grades=((_D(80), "优"), (_D(70), "良"), (_D(60), "中"), (_D(0), "差")),
        reason_below_points=False, over_ratio=_D("1.3"), reason_rate=None),
})

#: The settings a store may set under ``score:`` besides ``profile``, and their allowed values
#: (``None``: a number).
CHOICES: Mapping[str, tuple[str, ...] | None] = MappingProxyType({
    "round": None, "tolerance": None, "qual_default": ("none", "lower"),
    "deadline_missed": ("qualitative", "linear"), "no_satisfaction_to": ("benefit", "output"),
    "reason_rate": None, "over_ratio": None,
})


class SettingError(ValueError):
    """A bad value of the setting ``key``: ``str()`` is ``score.<key>: <text>``."""

    def __init__(self, key: str, text: str) -> None:
        super().__init__(_("{setting}: {message}").format(setting=f"score.{key}", message=text))
        self.key, self.text = key, text


def settings(profile: str | None = None, **overrides: Any) -> Settings:
    """The settings of ``profile`` (default :data:`DEFAULT_PROFILE`) with ``overrides`` (keys of
    :data:`CHOICES`; numbers as int, str or Decimal). Raises ``ValueError`` for an unknown
    profile, setting or value."""
    name = profile or DEFAULT_PROFILE
    if name not in PROFILES:
        raise ValueError(_("unknown scoring profile {name!r}; choose one of: {choices}").format(
            name=name, choices=", ".join(PROFILES)))
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in CHOICES:
            raise ValueError(_("unknown score setting {key!r}; known: {choices}").format(
                key=key, choices=", ".join(CHOICES)))
        allowed = CHOICES[key]
        if allowed is not None:
            if value not in allowed:
                raise SettingError(key, _("{value!r} is not one of: {choices}").format(
                    value=value, choices=", ".join(allowed)))
            changes[key] = value
        elif key == "round":
            if str(value) not in ("0", "1", "2"):
                raise SettingError(key, _("{value!r} is not 0, 1 or 2").format(value=value))
            changes[key] = int(value)
        else:
            text = str(value).strip()
            if not _PLAIN.fullmatch(text):
                raise SettingError(key, _("{value!r} is not a number of 0 or more written in digits, "
                                          "such as 0.5").format(value=value))
            number = Decimal(text)
            if key == "reason_rate" and number > 100:
                raise SettingError(key, _("{value!r} is a percentage: 0 to 100").format(value=value))
            changes[key] = number
    return replace(PROFILES[name], overrides=MappingProxyType(dict(changes)), **changes)


def from_config(cfg: Any, profile: str | None = None, **overrides: Any) -> Settings:
    """The settings a store's config (:class:`perfctl.config.Config`) chooses under ``score:``,
    with ``profile`` and ``overrides`` (command-line options, ``None`` when not given) on top.
    Raises :class:`perfctl.errors.InputError` naming the config file for a bad value, and
    :class:`perfctl.errors.UsageError` for a bad option."""
    from perfctl.errors import InputError, UsageError

    written = dict(cfg.score)
    name = written.pop("profile", None)
    try:
        base = settings(name, **written)
    except ValueError as exc:
        raise InputError(_("{setting}: {message}").format(setting="score", message=exc), cfg.path) from None
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return settings(profile or base.profile, **{**written, **given})
    except SettingError as exc:  # an option's value: name the option, not the setting
        if exc.key in given:
            raise UsageError(_("{setting}: {message}").format(setting=f"--{exc.key.replace('_', '-')}",
                                                             message=exc.text)) from None
        raise UsageError(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def for_config(config_path: Path | None, profile: str | None = None, tolerance: str | None = None) -> Settings:
    """The settings of the store config at ``config_path`` (``None``: no config, the defaults)
    with the command line's ``profile`` and ``tolerance`` on top; the file is read once per
    version of it (its modification time and size). Raises as :func:`from_config` does."""
    if config_path is None:
        return _for_config(None, 0, 0, profile, tolerance)
    stat = config_path.stat()
    return _for_config(config_path, stat.st_mtime_ns, stat.st_size, profile, tolerance)


@lru_cache(maxsize=64)
def _for_config(path: Path | None, mtime_ns: int, size: int, profile: str | None, tolerance: str | None) -> Settings:
    from perfctl import config

    return from_config(config.load(path) if path is not None else config.Config(), profile, tolerance=tolerance)

