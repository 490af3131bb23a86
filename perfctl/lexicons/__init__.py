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
    """Units of measure by kind: ``money`` (unit → Decimal yuan), ``time``, ``ratio``, ``count``, ``aliases``,
    ``measures`` and ``scales`` (see ``units.yaml``)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.money: dict[str, Decimal] = {k: Decimal(str(v)) for k, v in data["money"].items()}
        self.time: frozenset[str] = frozenset(data["time"])
        self.ratio: frozenset[str] = frozenset(data["ratio"])
        self.count: frozenset[str] = frozenset(data["count"])
        self.aliases: dict[str, str] = dict(data["aliases"])
        #: unit → (measure, size in the measure's first unit): 公顷 → ("area", 15).
        self.measures: dict[str, tuple[str, Decimal]] = {
            unit: (measure, Decimal(str(size))) for measure, sizes in data["measures"].items() for unit, size in sizes.items()}
        #: number word → factor, longest first: 万 → 10000.
        self.scales: dict[str, Decimal] = dict(sorted(((k, Decimal(str(v))) for k, v in data["scales"].items()),
                                                      key=lambda kv: -len(kv[0])))

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
