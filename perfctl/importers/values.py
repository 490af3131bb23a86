"""Reading the values of table cells as printed: amounts, points, years, department cells,
goals, targets and indicator names.

Nothing here guesses: a cell that is not what its place needs gives ``None`` (and the
recognizer says so), never a repaired figure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from perfctl import money
from perfctl.i18n import _
from perfctl.importers.vocabulary import Vocabulary, squeeze

_DEPT = re.compile(r"^[\[【(（]?(?P<code>\d{3,})[\]】)）]?\s*[-－—_]?\s*(?P<name>[^\d\s\-－—_年月日.%].*)$", re.S)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[%％]\s*$")
_TITLE_NUMBER = re.compile(r"^(?P<number>\d+)\s*[.、．]\s*(?P<title>\S.*)$", re.S)
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_BREAK = re.compile(r"[ \t\u3000]*\n\s*")



def one_line(text: str) -> str:
    """A one-line value (a name, a target) without the line breaks its cell wrapped it at:
    joined directly next to Chinese text or punctuation, with a space between two Latin
    words (``审核并出具法律意见书\n，确保…`` → ``审核并出具法律意见书，确保…``)."""
    def join(m: re.Match[str]) -> str:
        before, after = text[m.start() - 1: m.start()], text[m.end(): m.end() + 1]
        return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""

    return _BREAK.sub(join, text.strip())


def lines(text: str) -> str:
    """A multi-line value whose line breaks are the author's (a purpose or goal typed over
    several lines): each line stripped, blank lines left out, the breaks kept."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def department(text: str) -> tuple[str, str] | None:
    """(code, name) of a department cell that starts with its code: ``389101中国…办公室``,
    ``[155]濉溪县民政局``, ``219-池州市…政府``; ``None`` otherwise."""
    m = _DEPT.match(one_line(text))
    return (m["code"], m["name"].strip()) if m else None


def is_empty(text: str, vocab: Vocabulary) -> bool:
    """Whether a cell holds nothing, or only what tables print for nothing (``—``, ``无``)."""
    s = squeeze(text)
    return not s or s in vocab.empty


def decimal_text(text: str) -> str | None:
    """The decimal a cell prints, as text without thousands separators (``3,309,840.00`` →
    ``3309840.00``); ``None`` when the cell is not a plain decimal."""
    s = squeeze(text)
    if _THOUSANDS.match(s):
        s = s.replace(",", "").replace("，", "")
    try:
        money.parse_amount(s)  # the project format's own reading of an amount
    except ValueError:
        return None
    return s


def is_formula(text: str) -> bool:
    """Whether a cell holds a spreadsheet formula instead of its value (``=D5+D6``: the file
    was saved without the formulas' results)."""
    return text.strip().startswith("=")


def formula_problem(text: str) -> str:
    """What to say of a formula cell where a number is needed (``a formula with no saved
    result (=D5+D6); open the file …``), in the user's language."""
    return _("a formula with no saved result ({formula}); open the file in Excel or WPS and save it, "
             "then import again").format(formula=text.strip())


def is_number(text: str) -> bool:
    """Whether a cell is a plain decimal (points, a bare count)."""
    return decimal_text(text) is not None


def percent(text: str) -> Decimal | None:
    """The number of a percentage cell (``100%`` → 100), else ``None``."""
    m = _PERCENT.match(text)
    return Decimal(m.group(1)) if m else None


@lru_cache(maxsize=4)
def _unit_words(vocab: Vocabulary) -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    """The vocabulary's money-unit words, longest first, and the two header patterns of
    :func:`money_unit`: made once per vocabulary, not per cell."""
    ordered = tuple(sorted(vocab.units, key=len, reverse=True))
    words = "|".join(map(re.escape, ordered))
    labels = "|".join(map(re.escape, vocab.unit_labels))
    return ordered, re.compile(rf"(?:{labels})[:：]({words})(?![\w])"), re.compile(rf"[(（]({words})[)）]")


def split_unit(text: str, vocab: Vocabulary) -> tuple[str, str | None]:
    """An amount cell's number text and the money unit written after it (``250万`` →
    (``"250"``, ``"万元"``); ``2.38  万元`` → (``"2.38"``, ``"万元"``)); the unit is ``None``
    when none is written."""
    s = squeeze(text)
    for word in _unit_words(vocab)[0]:
        if s.endswith(word):
            return s[: -len(word)], vocab.units[word]
    return s, None


def money_unit(text: str, vocab: Vocabulary) -> str | None:
    """The money unit a header cell states: ``单位：元``, ``金额单位:万元``, ``资金情况(万元)``,
    ``(万元)``; ``None`` when it states none."""
    s = squeeze(text)
    _ordered, labelled, bracketed = _unit_words(vocab)
    m = labelled.search(s) or bracketed.search(s)
    return vocab.units[m.group(1)] if m else None


def unit_at_end(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """A line that ends in its money unit (``389101中国…办公室 单位：元``, ``单位：万元``):
    (the text before the unit, stripped; the money unit), else ``None``."""
    words = "|".join(map(re.escape, _unit_words(vocab)[0]))
    labels = "|".join(map(re.escape, vocab.unit_labels))
    m = re.search(rf"(?:(?:{labels})\s*[:：]\s*({words})|[(（]\s*({words})\s*[)）])\s*$", text)
    return (text[: m.start()].strip(), vocab.units[m.group(1) or m.group(2)]) if m else None


def department_line(text: str, vocab: Vocabulary) -> str | None:
    """The department a line above a table names, as a department cell reads: the line
    itself when it starts with a code (``389101 中国…办公室``), the value of a department
    label (``主管部门：389101 中国…办公室``, ``单位名称：某局``); ``None`` for other text (a
    sentence, a title)."""
    s = one_line(text)
    labelled = re.match(r"\s*([^:：]{2,12})[:：]\s*(\S.*)$", s)
    if labelled and (vocab.fields(vocab.key(labelled[1])) == "department"
                     or vocab.department_level(labelled[1]) is not None):
        s = labelled[2].strip()
    elif not department(s):
        return None
    # a name, not a sentence: short, without the punctuation of running text
    return s if len(squeeze(s)) <= 60 and not re.search(r"[，。；;！？]", s) else None


def year(text: str, vocab: Vocabulary) -> int | None:
    """The budget year a title states (``2019年度``, ``2023年项目支出…``), else ``None``."""
    m = re.search(r"((?:19|20)\d{2})\s*" + re.escape(vocab.year_word), text)
    return int(m.group(1)) if m else None


def title(text: str) -> tuple[int | None, str]:
    """(number, title) of a title line: ``1.第四届…绩效目标表`` → (1, ``第四届…绩效目标表``);
    Tika's ``[bookmark: …]`` marks are dropped."""
    s = _BOOKMARK.sub("", text).strip()
    m = _TITLE_NUMBER.match(s)
    return (int(m["number"]), m["title"].strip()) if m else (None, s)


def split_goals(text: str, vocab: Vocabulary) -> list[str]:
    """A goal cell as a list of goals without their numbering: ``目标1:甲;目标2:乙`` →
    ``["甲;", "乙"]``, ``1.甲。2.乙`` → ``["甲。", "乙"]``; text without numbering is one goal.
    The text of each goal is kept as printed (its final punctuation included)."""
    text = text.strip()
    word = re.escape(vocab.goal_numbering)
    if re.match(rf"{word}\s*\d+\s*[:：]", text):
        parts = re.split(rf"{word}\s*\d+\s*[:：]\s*", text)
        return [p.strip() for p in parts if p.strip()]
    m = re.match(r"1\s*[.、．]\s*", text)
    if not m:
        return [text] if text else []
    goals, rest, k = [], text[m.end():], 2
    while True:
        nxt = re.search(rf"(?<=[\s；;。，,]){k}\s*[.、．]\s*", rest)
        if not nxt:
            goals.append(rest.strip())
            return [g for g in goals if g]
        goals.append(rest[: nxt.start()].strip())
        rest, k = rest[nxt.end():], k + 1


def indicator_name(text: str, vocab: Vocabulary) -> str:
    """A 三级指标 name as printed, without a numbering prefix (``指标1:违法案件查办率`` →
    ``违法案件查办率``)."""
    m = re.match(rf"{re.escape(vocab.indicator_numbering)}\s*\d+\s*[:：]\s*", text)
    return text[m.end():].strip() if m and text[m.end():].strip() else text.strip()


def has_placeholder(text: str, vocab: Vocabulary) -> bool:
    """Whether a name holds a template mark (★, ``(≥**人)``)."""
    return any(mark in text for mark in vocab.placeholders)


def target(op: str | None, value: str, unit: str | None, vocab: Vocabulary) -> str:
    """The target a reader writes from split columns: ``≥`` + ``95`` + ``%`` → ``≥95%``; with
    a qualitative op (定性) the value alone; the unit is not repeated when the value ends in it."""
    value = value.strip()
    if not value:
        return ""
    if op and squeeze(op) in vocab.qualitative_ops:
        return value
    text = value
    if unit and not value.endswith(unit.strip()):
        text += unit.strip()
    if op and squeeze(op) in vocab.compare_ops and not value.startswith(squeeze(op)):
        text = squeeze(op) + text
    return text

