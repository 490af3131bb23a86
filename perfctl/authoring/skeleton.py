"""New projects from the framework skeletons (``perfctl/skeletons/<profile>.yaml``).

A skeleton lists the (一级指标, 二级指标) pairs a table of that profile is expected to fill;
the categories themselves come from ``perfctl/lexicons/categories.yaml`` (shared with lint).
Each pair becomes one **placeholder row**: 三级指标 ``name`` :data:`PLACEHOLDER_TEXT`
(``待填写``) and 指标值 ``target`` :data:`PLACEHOLDER_TARGET` (``待定``). The 绩效目标 and
预算规模及资金用途 are ``待填写`` too. Lint reports every placeholder left (PT-V02 lists both
words as placeholder values), so a new file is finished when lint no longer finds one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from perfctl import money, yamlio
from perfctl.authoring import safewrite
from perfctl.model import Budget, Department, Indicator, Project, to_data

PLACEHOLDER_TEXT = "待填写"
PLACEHOLDER_TARGET = "待定"


@dataclass
class Fields:
    """What ``perfctl new`` asks for. Amounts are text as typed (``"30000"``), in ``unit`` (元 or 万元)."""

    name: str
    dept: str
    dept_name: str
    year: int
    budget: str
    unit: str
    profile: str
    fiscal: str | None = None
    other: str | None = None


@lru_cache(maxsize=None)
def rows(profile: str) -> list[tuple[str, str]]:
    """The (level1, level2) pairs of ``profile``'s skeleton, in table order.

    Raises ``KeyError`` for an unknown profile and ``ValueError`` when a pair is not in
    ``lexicons/categories.yaml`` for that profile (a packaging mistake).
    """
    path = resources.files("perfctl").joinpath("skeletons", f"{profile}.yaml")
    if not path.is_file():
        raise KeyError(profile)
    data = yamlio.parse(path.read_text(encoding="utf-8"), f"perfctl/skeletons/{profile}.yaml").data
    known = categories(profile)
    pairs = [(level1, level2) for level1, level2 in data["rows"]]
    for level1, level2 in pairs:
        if level2 not in known.get(level1, []):
            raise ValueError(f"skeleton {profile}: {level1}/{level2} is not in lexicons/categories.yaml")
    return pairs


def categories(profile: str) -> dict[str, list[str]]:
    """``profile``'s categories: 一级指标 → its 二级指标, from ``lexicons/categories.yaml``."""
    from perfctl import lexicons

    data: dict[str, Any] = lexicons.load("categories")
    return dict(data["profiles"][profile])


def amount(text: str, unit: str) -> Decimal:
    """An amount typed by the user, padded to ``unit``'s decimals (``"30000"`` 元 → ``30000.00``).

    Raises ``ValueError`` with a readable reason (:func:`perfctl.money.parse_amount`).
    """
    value = money.parse_amount(text)
    places = money.UNIT_PLACES[unit]
    if -value.as_tuple().exponent < places:  # type: ignore[operator]
        value = value.quantize(Decimal(1).scaleb(-places))
    return value


def project(fields: Fields) -> Project:
    """A :class:`Project` with ``fields`` and one placeholder row per skeleton pair.

    财政资金 defaults to the whole budget and 其他资金 to the rest (0 when both are missing).
    Raises ``ValueError`` for an amount that is not a decimal number, a negative amount, or
    parts that do not add up to the total.
    """
    total = amount(fields.budget, fields.unit)
    fiscal = amount(fields.fiscal, fields.unit) if fields.fiscal is not None else None
    other = amount(fields.other, fields.unit) if fields.other is not None else None
    if fiscal is None:
        fiscal = total - (other or 0)
    if other is None:
        other = amount(format(total - fiscal, "f"), fields.unit)
    if min(total, fiscal, other) < 0 or fiscal + other != total:
        from perfctl.i18n import _

        raise ValueError(_("财政资金 {fiscal} + 其他资金 {other} must add up to 预算数 {total}, none of them negative")
                         .format(fiscal=fiscal, other=other, total=total))
    indicators = [Indicator(level1=l1, level2=l2, name=PLACEHOLDER_TEXT, target=PLACEHOLDER_TARGET)
                  for l1, l2 in rows(fields.profile)]
    return Project(department=Department(fields.dept, fields.dept_name), year=fields.year, name=fields.name,
                   money_unit=fields.unit, budget=Budget(total, fiscal, other), purpose=PLACEHOLDER_TEXT,
                   goals=[PLACEHOLDER_TEXT], indicators=indicators)


def text(p: Project, profile: str, file: Path, store: Path) -> str:
    """The new file: the modeline, a comment saying what to fill in, then the canonical dump."""
    made = set(rows(profile))
    more = [f"{level1}: {', '.join(l2 for l2 in level2s if (level1, l2) not in made)}"
            for level1, level2s in categories(profile).items()
            if any((level1, l2) not in made for l2 in level2s)]
    head = [f"# New {profile} table. Replace every {PLACEHOLDER_TEXT} and {PLACEHOLDER_TARGET}: "
            "perfctl lint reports each one left.",
            "# One placeholder row per expected 二级指标; add rows as the project needs."]
    if more:
        head.append(f"# Other 二级指标 of this framework: {'; '.join(more)}.")
    return safewrite.with_modeline("\n".join(head) + "\n" + yamlio.dump(to_data(p)), file, store)
