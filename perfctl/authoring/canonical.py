"""The canonical form of a project file's content: key order, text fields, normalised values.

Key order is the order of the field table (:data:`perfctl.fields.FIELDS`, the order
:func:`perfctl.model.to_data` writes); keys the table does not know (``x-…``) follow the
known ones in their written order.

Values that :func:`wanted` rewrites, and nothing else:

- 指标值 ``target``: a quantity or duration (``>=１５次``, ``不低于90%``, ``１００％``) becomes
  :attr:`perfctl.target.Target.canonical` (``≥15次``, ``≥90%``, ``100%``); a deadline, a
  range or a relative target only has its characters normalised (full-width digits and signs,
  look-alike operators, spaces: ``２０２５年１２月前`` → ``2025年12月前``). A target is
  rewritten only when the whole value was read and the new text reads back the same (kind,
  operator, number, unit, baseline); qualitative and unparsed targets, a target whose
  operator words contradict each other (``≤50人以上``), stay exactly as written.
- money amounts (``budget.total``, ``budget.spent`` …): padded to the decimals of the money unit (元 2, 万元 6:
  ``30000`` → ``30000.00``), never rounded: extra decimals stay for lint to report; points
  (``weight``, ``score``) stay as written.
- every other text field keeps its text; it is only quoted when it must be (codes, money,
  dates, ``yes``), which :func:`perfctl.yamlio.needs_quotes` decides.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfctl import fields, money
from perfctl.target import parse as parse_target
from perfctl.yamlio import Doc, Path_

#: Value types written as text (quoted where YAML would read another type).
_TEXT_TYPES = frozenset({"text", "value", "code", "amount", "points", "enum"})


def key_order(path: Path_, keys: list[str]) -> list[str]:
    """``keys`` of the mapping at ``path`` in canonical order (the field table's, then the rest as given)."""
    parent = tuple("*" if isinstance(p, int) else p for p in path)
    known = [f.key for f in fields.under(parent) if f.key in keys]  # type: ignore[arg-type]
    return known + [k for k in keys if k not in known]


def is_text(path: Path_) -> bool:
    """True when the field table says the value at ``path`` is text (text, a code, an amount
    or points, an enum of words, an item of a list of texts)."""
    return _text_field(path) is not None


def _text_field(path: Path_) -> fields.Field | None:
    """The field of the value at ``path`` when that value is text (see :func:`is_text`), else ``None``."""
    f = fields.lookup(tuple(path))
    if f is None:
        return None
    if f.type == "texts":
        return f if path and isinstance(path[-1], int) else None
    return f if f.type in _TEXT_TYPES else None


def target_text(text: str) -> str:
    """The canonical text of a 指标值 (see the module docstring): :attr:`Target.canonical
    <perfctl.target.Target.canonical>` when it reads back the same (:attr:`Target.reading
    <perfctl.target.Target.reading>`), else ``text`` as written. Qualitative and unparsed
    targets are never rewritten."""
    t = parse_target(text)
    if t.kind in ("qualitative", "unparsed"):
        return text
    out = t.canonical
    if out != text and parse_target(out).reading != t.reading:
        return text
    return out


def amount_text(text: str, unit: str) -> str:
    """An amount padded to ``unit``'s decimals (``"30000"`` 元 → ``"30000.00"``); else unchanged."""
    places = money.UNIT_PLACES.get(unit)
    try:
        value = money.parse_amount(text)
    except ValueError:
        return text
    if places is None or -value.as_tuple().exponent >= places:  # type: ignore[operator]
        return text
    return format(value.quantize(Decimal(1).scaleb(-places)), "f")


def wanted(doc: Doc) -> dict[Path_, str]:
    """The canonical text of every non-empty text field of a schema-valid project ``doc``, by path.

    Extension keys (``x-…``) and their contents are not included: perfctl leaves them alone.
    """
    out: dict[Path_, str] = {}
    unit = doc.data.get("money_unit") if isinstance(doc.data, dict) else None
    for path, text in doc.texts.items():
        if any(isinstance(p, str) and p.startswith("x-") for p in path):
            continue
        f = _text_field(path)
        if f is None or _value(doc.data, path) is None:
            continue
        if path[-1] == "target" and path[0] == "indicators":
            text = target_text(text)
        elif isinstance(unit, str) and f.type == "amount":
            text = amount_text(text, unit)
        out[path] = text
    return out


def _value(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data
