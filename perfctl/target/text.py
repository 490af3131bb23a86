"""Normalising a 指标值 before it is read: characters, operator words, and what is not the value.

:func:`normalise` turns ``＞＝９０％（抽检）`` into ``≥90%`` with the note ``（抽检）`` set aside,
and records each change it made, so that lint can say what was written differently and fmt
knows what it may rewrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfctl.i18n import N_
from perfctl.lexicons import units

#: Full-width digits and signs, and the look-alike operator characters of Unicode, as the
#: standard ones: ⩾ (U+2A7E), ≧ and ＞＝ are ≥; ≮ (not less than) is ≥ and ≯ is ≤.
CHARS = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)},
     "．": ".", "％": "%", "＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤",
     "≮": "≥", "≯": "≤", "﹥": ">", "﹤": "<", "﹦": "=", "＋": "+", "－": "-", "～": "~", "〜": "~",
     "—": "-", "–": "-", "―": "-", "／": "/", "，": ",", "：": ":"}
)
SPACES = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff]+")

#: Operator signs, with the two-character spellings of the standard ones.
SYMBOL_OPS = (("≥", ("≥", ">=", "=>")), ("≤", ("≤", "<=", "=<")), ("=", ("==", "=")), (">", (">",)), ("<", ("<",)))
#: Operator words written before the number. 达到 (reach) means at least.
WORD_PREFIX = (("≥", ("大于等于", "大于或等于", "不低于", "不少于", "不小于", "至少", "达到")),
               ("≤", ("小于等于", "小于或等于", "不高于", "不超过", "不多于", "不大于", "最多", "控制在")),
               (">", ("大于", "高于", "超过", "多于")), ("<", ("小于", "低于", "少于")), ("=", ("等于",)))
#: Operator words written after the number and unit, longest first.
WORD_SUFFIX = (("≥", ("及以上", "以上")), ("≤", ("及以下", "以下", "以内", "之内")))
#: ``(含)`` before a suffix word (``90%（含）以上``) only says the bound is included, as ≥ does.
_INCLUSIVE = re.compile(r"[（(]含[)）](?=以上|以下|以内|$)")
#: A note in brackets at the end: ``≥95%（抽检）``.
_BRACKET_NOTE = re.compile(r"(?P<value>.*?\d.*?)(?P<note>[（(][^（()）]*[)）])")
#: Verbs written after a value that say what is done by then or to that level: ``2025年12月前完成``,
#: ``12月底到位``, ``100%完成``. They are kept as the remark; the value is read without them.
VERBS = ("完成", "到位", "办结", "完工", "竣工", "实现", "达标")
#: The note, and the reason of an unparsed target, when the operator sign and word disagree (a message id).
DISAGREE = N_("operator words disagree")
#: Each operator word and the operator it stands for.
SUFFIX_OP = {w: op for op, words in WORD_SUFFIX for w in words}
PREFIX_OP = {w: op for op, words in WORD_PREFIX for w in words}
#: Each operator and the one facing the other way: a bound on a decrease, read as a bound on its size.
MIRROR = {"≥": "≤", "≤": "≥", ">": "<", "<": ">", "=": "="}
#: Longest first, so that 及以上 wins over 以上 and 大于等于 over 大于.
_SUFFIX_RE = re.compile("(?:" + "|".join(sorted(SUFFIX_OP, key=len, reverse=True)) + ")$")
_PREFIX_RE = re.compile("(?:" + "|".join(sorted(PREFIX_OP, key=len, reverse=True)) + r")(?=\d)")
_VERB_ENDS = frozenset(v[-1] for v in VERBS)
#: A span of time and 内 (within): ``15个工作日内``, ``30日内``; not a date (``12月31日内``).
_WITHIN = re.compile(r"[≥≤=><]?\d+(?:\.\d+)?(?:个月|周|天|日|个工作日|工作日|小时|分钟)内")


@dataclass
class Written:
    """A value ready to be read: ``s`` the text normalised, ``remark`` what was set aside
    (a note in brackets, a trailing verb), ``notes`` each normalisation applied."""

    s: str
    remark: str | None
    notes: list[str]


def chars(text: str) -> str:
    """``text`` with full-width and look-alike characters made standard and spaces removed."""
    return SPACES.sub("", text.translate(CHARS))


def set_aside(text: str) -> Written:
    """Normalise the characters of ``text`` and set aside a note in brackets and a trailing verb."""
    notes: list[str] = []
    s = chars(text)
    if s != text:
        notes.append("full-width characters or spaces normalised")
    inclusive = _INCLUSIVE.sub("", s)
    if inclusive != s:
        s = inclusive
        notes.append("'(含)' read as part of the operator")
    remark = None
    m = _BRACKET_NOTE.fullmatch(s) if s[-1:] in ")）" else None
    if m:
        s, remark = m["value"], m["note"]
    verb = (next((v for v in VERBS if s.endswith(v) and re.search(r"\d", s[: -len(v)])), None)
            if s[-1:] in _VERB_ENDS else None)
    if verb is not None:
        s = s[: -len(verb)]
        remark = verb + (remark or "")
    if remark is not None:
        notes.append(f"{remark!r} kept as a remark")
    return Written(s, remark, notes)


def operator_words(w: Written) -> None:
    """Read the unit aliases and the operator words and signs of ``w.s`` into one leading sign."""
    s, notes = w.s, w.notes
    for alias, std in units().aliases.items():
        if alias in s:
            s = s.replace(alias, std)
            notes.append(f"unit {alias!r} written as {std!r}")
    suffix_op = None
    m = _SUFFIX_RE.search(s)
    if m and m.start() > 0 and s[m.start() - 1] not in "前底末":
        word = m.group()
        s, suffix_op = s[: m.start()], SUFFIX_OP[word]
        notes.append(f"{word!r} written as {suffix_op!r}")
    elif _WITHIN.fullmatch(s):  # 15个工作日内: within a span of time, as 以内
        s, suffix_op = s[:-1], "≤"
        notes.append("'内' written as '≤'")
    for std, forms in SYMBOL_OPS:
        form = next((f for f in forms if s.startswith(f)), None)
        if form is not None:
            if form != std:
                s = std + s[len(form):]
                notes.append(f"operator {form!r} written as {std!r}")
            break
    else:
        m = _PREFIX_RE.match(s)
        if m:
            word, std = m.group(), PREFIX_OP[m.group()]
            s = std + s[len(word):]
            notes.append(f"{word!r} written as {std!r}")
    if suffix_op is not None and s[:1].isdigit():
        s = suffix_op + s
    elif suffix_op is not None and not s.startswith(suffix_op):
        notes.append(DISAGREE)
    w.s = s
