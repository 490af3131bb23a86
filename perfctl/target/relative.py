"""Relative targets: a change against a baseline, ``较上年提高10%``, ``同比增长5%``, ``不低于上年``.

The reading is a bound on the change: ``op`` and a signed ``value`` in ``unit``, with the
baseline in ``base`` (``上年`` for last year — 较上年, 比上年, 较去年, 同比, 与上年相比 —, ``上期``
for the period before — 环比 —, a named year as written — ``较2025年`` → ``2025年`` —, ``None``
when not named: ``平均提高5分``):

- an increase is a floor on the change: ``提高10%`` → ≥ 10, ``提高10%以上`` → ≥ 10;
- a decrease is a ceiling on a negative change: ``下降10%`` → ≤ -10; ``下降不超过5%`` → ≥ -5;
- no number: ``不低于上年`` → ≥ 0, ``不高于上年`` → ≤ 0, ``与上年持平`` → = 0,
  ``较上年有所提高`` → > 0.

``提高到90%`` (raised *to* a level) is not a change: it reads as the quantity ≥ 90%.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from perfctl.target.text import MIRROR, PREFIX_OP, SUFFIX_OP

_BASE = re.compile(r"(?:较|比|与|同)?(?P<base>上年同期|上一年度|上年度|上一年|上年|去年)(?:水平)?(?:相比|相较)?,?"
                   r"|(?:较|比|与)(?P<year>\d{4})年度?(?:同期)?(?:水平)?(?:相比|相较)?,?"
                   r"|(?P<yoy>同比|环比),?")
_AVERAGE = re.compile(r"平均|年均")
_UP, _DOWN = ("提高", "增长", "增加", "上升", "提升"), ("降低", "下降", "减少", "缩短", "压缩")
_DIRECTION = re.compile(rf"(?P<some>有所)?(?P<dir>{'|'.join(_UP + _DOWN)})(?P<to>到|至)?")
_NUMBER = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d≥≤=><]{0,6})")
#: A word every relative target has: a baseline, an average or a direction of change.
_ANY = re.compile("|".join(("上年", "去年", "上一年", "同比", "环比", "持平", "平均", "年均", *_UP, *_DOWN)))
_PREFIX_WORDS = sorted(PREFIX_OP, key=len, reverse=True)


class Reading(NamedTuple):
    """What :func:`relative` read: ``kind`` is ``relative``, or ``quantity`` for a level."""

    kind: str
    op: str
    value: str
    unit: str | None
    base: str | None


def relative(s: str) -> Reading | None:
    """Read ``s`` (normalised characters, remark set aside) as a relative target, or as the
    quantity of a change *to* a level (``提高到90%``); ``None`` when it is neither."""
    if not _ANY.search(s):
        return None  # most values name no baseline and no change: one search decides
    base = None
    m = _BASE.match(s)
    rest = s
    if m:
        base = f"{m['year']}年" if m["year"] else "上期" if m["yoy"] == "环比" else "上年"
        rest = s[m.end():]
    elif not (_AVERAGE.match(s) or _DIRECTION.match(s)):
        return _bare_base(s)
    average = _AVERAGE.match(rest)
    if average:
        rest = rest[average.end():]
    if base is not None and rest == "持平":
        return Reading("relative", "=", "0", None, base)
    d = _DIRECTION.match(rest)
    if d is None:
        return None
    rest = rest[d.end():]
    up = d["dir"] in _UP
    if d["some"]:
        if rest:
            return None
        return Reading("relative", ">" if up else "<", "0", None, base)
    op = None
    word = next((w for w in _PREFIX_WORDS if rest.startswith(w)), None)
    if word is not None:
        op, rest = PREFIX_OP[word], rest[len(word):]
    suffix = next((w for w in SUFFIX_OP if rest.endswith(w)), None)
    if suffix is not None:
        if op is not None and op != SUFFIX_OP[suffix]:
            return None
        op, rest = SUFFIX_OP[suffix], rest[: -len(suffix)]
    n = _NUMBER.fullmatch(rest)
    if n is None:
        return None
    unit = n["unit"] or None
    if d["to"]:  # raised to a level: the level itself
        if base is not None or average:
            return None
        return Reading("quantity", op or ("≥" if up else "≤"), n["num"], unit, None)
    op = op or "≥"
    if up:
        return Reading("relative", op, n["num"], unit, base)
    value = "0" if n["num"].strip("0.") == "" else f"-{n['num']}"
    return Reading("relative", MIRROR[op], value, unit, base)


def _bare_base(s: str) -> Reading | None:
    """``不低于上年``, ``高于上年水平``, ``与上年持平``: a bound on the change with no number."""
    if s in ("与上年持平", "与去年持平", "同比持平", "持平上年", "保持上年水平"):
        return Reading("relative", "=", "0", None, "上年")
    word = next((w for w in _PREFIX_WORDS if s.startswith(w)), None)
    if word is None or word == "达到":
        return None
    m = re.fullmatch(r"(?:上年同期|上一年度|上年度|上一年|上年|去年)(?:水平)?", s[len(word):])
    if m is None:
        return None
    return Reading("relative", PREFIX_OP[word], "0", None, "上年")
