"""Money amounts: exact decimals in 元 (yuan) or 万元 (10,000 yuan), never floats."""

from __future__ import annotations

import re
from decimal import Decimal

from perfctl.i18n import _

#: Money units a table header may use, with their size in yuan.
MONEY_UNITS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000)}

#: Decimal places of the canonical text of an amount, per header unit (S34 asks 万元 to 6 places).
UNIT_PLACES: dict[str, int] = {"元": 2, "万元": 6}
#: Decimal places an amount is printed with for a reader (show, render, diff, score), per unit:
#: people write ``80.00`` 万元, not the file's ``80.000000``. More are printed only when the
#: amount has them (:func:`display`).
DISPLAY_PLACES: dict[str, int] = {"元": 2, "万元": 2}

_AMOUNT = re.compile(r"[+-]?\d+(?:\.\d+)?")


def parse_amount(text: str) -> Decimal:
    """Parse an amount written as digits with an optional decimal point (``"200000.00"``).

    Keeps the written precision (``Decimal("200000.00")``). Raises ``ValueError`` with a
    readable reason (in the user's language) for exponents, thousands separators or anything else.
    """
    s = text.strip()
    if not _AMOUNT.fullmatch(s):
        if "," in s or "，" in s:
            raise ValueError(_("amount {text!r} has thousands separators; write {plain}").format(
                text=text, plain=s.replace(",", "").replace("，", "")))
        raise ValueError(_("amount {text!r} is not a decimal number such as 200000.00").format(text=text))
    return Decimal(s)


def to_yuan(amount: Decimal, unit: str) -> Decimal:
    """Convert ``amount`` in ``unit`` (元 or 万元) to yuan, exactly."""
    return amount * MONEY_UNITS[unit]


def from_yuan_text(yuan: Decimal, unit: str) -> str:
    """An amount in yuan written in ``unit`` without trailing zeros (280000 元 in 万元 → ``"28"``)."""
    return amount_text((yuan / MONEY_UNITS[unit]).normalize())


def amount_text(amount: Decimal) -> str:
    """The amount as plain decimal text, never in exponent form (``Decimal('2E+5')`` → ``"200000"``)."""
    return format(amount, "f")


def display(amount: Decimal, unit: str | None = None, *, thousands: bool = False, sign: bool = False) -> str:
    """``amount`` (in ``unit``, 元 or 万元) as people write it, for show, render, diff and score.

    The unit's :data:`DISPLAY_PLACES` decimals (2; 2 too for an unknown or missing ``unit``),
    more only when the amount has more that are not zero: nothing is ever rounded away
    (``80.000000`` → ``80.00``, ``80.1`` → ``80.10``, ``80.123456`` → ``80.123456``,
    ``2E+5`` → ``200000.00``). ``thousands``: digits before the point grouped by ``,``
    (``1,234,567.80``; a file never holds them, see :func:`parse_amount`). ``sign``: ``+``
    before an amount that is not negative (a change: ``+300.00``).
    """
    places = DISPLAY_PLACES.get(unit or "", 2)
    exponent = amount.normalize().as_tuple().exponent
    decimals = max(places, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    exact = amount.quantize(Decimal(1).scaleb(-decimals))  # adds or drops zeros only: decimals >= the value's own
    return format(exact, f"{'+' if sign else ''}{',' if thousands else ''}f")


def display_text(text: str | None, unit: str | None = None, *, thousands: bool = False, sign: bool = False) -> str | None:
    """:func:`display` of an amount given as decimal text (a diff's ``"+300.000000"``); ``None``
    stays ``None``, and text that is not a plain decimal is returned as it is."""
    if text is None or not _AMOUNT.fullmatch(text.strip()):
        return text
    return display(Decimal(text.strip()), unit, thousands=thousands, sign=sign)


def zero(unit: str) -> Decimal:
    """Zero with the canonical number of decimal places of ``unit`` (``0.00`` for 元)."""
    return Decimal(0).quantize(Decimal(1).scaleb(-UNIT_PLACES[unit]))
