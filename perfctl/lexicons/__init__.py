"""Lexicons shipped as data files (units, and later vague words, category names)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any


def load(name: str) -> Any:
    """The data of the lexicon file ``<name>.yaml`` shipped in this package."""
    from perfctl.yamlio import parse

    text = resources.files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return parse(text, f"perfctl/lexicons/{name}.yaml").data


class Units:
    """Units of measure by kind: ``money`` (unit → Decimal yuan), ``time``, ``ratio``, ``count``, ``aliases``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.money: dict[str, Decimal] = {k: Decimal(str(v)) for k, v in data["money"].items()}
        self.time: frozenset[str] = frozenset(data["time"])
        self.ratio: frozenset[str] = frozenset(data["ratio"])
        self.count: frozenset[str] = frozenset(data["count"])
        self.aliases: dict[str, str] = dict(data["aliases"])

    def yuan_factor(self, unit: str | None) -> Decimal | None:
        """Size in yuan of one ``unit`` (元 → 1, 万元/公里 → 10000), or ``None`` if not money."""
        if not unit:
            return None
        head = unit.split("/", 1)[0]
        return self.money.get(head)


@lru_cache(maxsize=1)
def units() -> Units:
    """The shipped units lexicon."""
    return Units(load("units"))
