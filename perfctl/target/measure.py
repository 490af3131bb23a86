"""Units that measure the same thing, and their sizes: what makes ``≤8万元`` equal ``≤80000元``.

:func:`scale` is the one conversion table of perfctl: diff compares targets with it and
scoring puts an actual in its target's unit with it.
"""

from __future__ import annotations

from decimal import Decimal

from perfctl.lexicons import units

# Exact conversions between units of time (month-based and clock-based units do not mix:
# a month is not a fixed number of days; working days convert only to working days).
_TIME = {"分钟": ("minutes", Decimal(1)), "小时": ("minutes", Decimal(60)), "天": ("minutes", Decimal(1440)),
         "日": ("minutes", Decimal(1440)), "周": ("minutes", Decimal(10080)),
         "月": ("months", Decimal(1)), "个月": ("months", Decimal(1)), "年": ("months", Decimal(12)),
         "工作日": ("workdays", Decimal(1)), "个工作日": ("workdays", Decimal(1))}
_RATIO = {"%": Decimal(1), "‰": Decimal("0.1")}


def scale(unit: str | None) -> tuple[tuple[str, str], Decimal]:
    """What a unit measures and its size in that measure's base unit, for converting values
    exactly.

    - money: ``(("money", per), yuan)``: ``万元`` → 10000; a unit cost keeps what it is per
      (``元/人`` → ``("money", "人")``);
    - time: ``(("minutes", ""), n)``, ``(("months", ""), n)`` or ``(("workdays", ""), 1)``
      (``天`` → 1440 minutes; a month is no fixed number of days);
    - ratios: ``(("ratio", ""), n)`` for ``%`` and ``‰``;
    - physical measures of ``units.yaml`` ``measures``: ``公顷`` → ``(("area", ""), 15)`` (亩);
    - a number word before a unit multiplies it (``units.yaml`` ``scales``): ``万人次`` →
      ``(("unit", "人次"), 10000)``, ``万亩`` → ``(("area", ""), 10000)``; alone (``万``) it
      scales a bare number: ``(("unit", ""), 10000)``;
    - else ``(("unit", unit), 1)``: a unit that converts only to itself.
    """
    u = unit or ""
    lex = units()
    factor = lex.yuan_factor(u)
    if factor is not None:
        return ("money", u.partition("/")[2]), factor
    if u in _TIME:
        return (_TIME[u][0], ""), _TIME[u][1]
    if u in _RATIO:
        return ("ratio", ""), _RATIO[u]
    if u in lex.measures:
        measure, size = lex.measures[u]
        return (measure, ""), size
    word = next((w for w in lex.scales if u.startswith(w)), None)
    if word is not None:
        rest = u[len(word):]
        if rest == "" or rest in lex.measures or rest in lex.count or rest in lex.money:
            dim, size = scale(rest) if rest else (("unit", ""), Decimal(1))
            return dim, size * lex.scales[word]
    return ("unit", u), Decimal(1)
