"""The words of target tables: which field a label or column header names.

Everything here is read from the header lexicon (``perfctl/lexicons/headers.yaml``) and the
category lexicon (``categories.yaml``) and the placeholders lexicon's empty-cell values; the
recognizer names no header word itself. A cell
is looked up by its :func:`Vocabulary.key`: white space, a ``*`` mark, a trailing colon, a
``其中:`` prefix and a trailing bracket group removed (``*部门编码:`` → ``部门编码``,
``全年预算数(A)`` → ``全年预算数``, ``产出指标(50分)`` → ``产出指标``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WS = re.compile(r"[\s\u3000]+")
_BRACKET_TAIL = re.compile(r"[(（][^()（）]*[)）]$")
_ENUM_TOP = re.compile(r"^[(（][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、")
_ENUM_DETAIL = re.compile(r"^\d+[、.．]")
_LABELLED = re.compile(r"([^:：]+)[:：]")
_FIELD = re.compile(r"([^:：\s\u3000]+)[:：]")
_BLANK = re.compile(r"[年月日\s\u3000_＿]*")


def squeeze(text: str) -> str:
    """``text`` without any white space (``绩 效 指 标`` → ``绩效指标``)."""
    return _WS.sub("", text)


def _index(groups: dict[str, list[str]]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """word → name, and (prefix, name) for words ending in ``…``."""
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for name, words in groups.items():
        for word in words or ():
            word = squeeze(str(word))
            if word.endswith("…"):
                prefixes.append((word[:-1], name))
            else:
                exact.setdefault(word, name)
    return exact, prefixes


class Lookup:
    """A word list by name: ``lookup(key)`` → the name, or ``None``."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        self.exact, self.prefixes = _index(groups)

    def __call__(self, key: str) -> str | None:
        if key in self.exact:
            return self.exact[key]
        return next((name for prefix, name in self.prefixes if key.startswith(prefix)), None)


class Vocabulary:
    """The header lexicon, ready for lookups by :meth:`key`.

    Lookups return a name (``fields("项目名称")`` → ``"name"``) or ``None``:
    ``fields``, ``columns`` (indicator columns), ``project_columns``, ``money_columns``,
    ``money_sub_columns`` (only inside a money block), ``money_rows``, ``blocks``
    (``indicators`` / ``goals`` / ``other``); sets: ``dropped``, ``dropped_columns``,
    ``annual_target``, ``furniture``, ``money_blocks`` (label → options); ``continued``:
    the words that mark a table continued on a new page (:meth:`is_continued`).
    """

    def __init__(self, data: dict[str, Any], categories: dict[str, Any], placeholders: dict[str, Any]) -> None:
        words = data["words"]
        self.period_join: str = words["period_join"]
        self.empty = frozenset(squeeze(str(w)) for w in [*placeholders["values"], *data["empty"]])
        self.label_prefixes = tuple(words["label_prefixes"])
        self.points_word = words["points"]
        self.year_word = words["year"]
        self.fields = Lookup(data["fields"])
        self.department_levels = tuple(squeeze(w) for w in data["department_levels"])
        self.blocks = Lookup(data["blocks"])
        self.dropped = frozenset(squeeze(w) for w in data["dropped"])
        self.furniture = frozenset(squeeze(w) for w in data["furniture"])
        self.continued = tuple(squeeze(w) for w in data["continued"])
        self.titles = tuple(data["titles"])
        self.department_table = tuple(data["department_table"])
        self.columns = Lookup(data["columns"])
        self.project_columns = Lookup(data["project_columns"])
        self.dropped_columns = frozenset(squeeze(w) for w in data["dropped_columns"])
        self.annual_target = frozenset(squeeze(w) for w in data["annual_target"])
        self.unlabelled_number_column: str = data["unlabelled_number_column"]
        self.compare_ops = frozenset(data["ops"]["compare"])
        self.qualitative_ops = frozenset(data["ops"]["qualitative"])
        self.basis = frozenset(data["basis"])
        self.placeholders = tuple(data["placeholders"])
        self.goal_numbering = data["numbering"]["goal"]
        self.indicator_numbering = data["numbering"]["indicator"]
        money = data["money"]
        self.money_blocks: dict[str, dict[str, Any]] = {squeeze(k): dict(v or {}) for k, v in money["blocks"].items()}
        self.money_columns = Lookup(money["columns"])
        self.money_sub_columns = Lookup(money["sub_columns"])
        self.money_rows = Lookup(money["rows"])
        self.unit_labels = tuple(money["unit_labels"])
        self.units: dict[str, str] = dict(money["units"])
        level1: set[str] = set()
        level2: set[str] = set()
        for profile in categories["profiles"].values():
            for first, seconds in profile.items():
                level1.add(first)
                level2.update(seconds)
        level1.update(categories["aliases"]["level1"])
        level2.update(categories["aliases"]["level2"])
        self.level1 = frozenset(level1)
        self.level2 = frozenset(level2)
        self._memo: dict[tuple[str, str], Any] = {}
        self._points = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*" + re.escape(self.points_word) + r"\s*[)）]$")

    # -- keys ------------------------------------------------------------------------------
    def _cached(self, kind: str, text: str, compute: Any) -> Any:
        found = self._memo.get((kind, text), self)
        if found is self:
            if len(self._memo) > 100_000:
                self._memo.clear()
            found = self._memo[(kind, text)] = compute(text)
        return found

    def key(self, text: str) -> str:
        """The label form of a cell's text (see the module docstring)."""
        return self._cached("key", text, self._key)  # type: ignore[no-any-return]

    def _key(self, text: str) -> str:
        s = squeeze(text).lstrip("*＊").rstrip(":：")
        for prefix in self.label_prefixes:
            if s.startswith(prefix) and len(s) > len(prefix) + 1 and s[len(prefix)] in ":：":
                s = s[len(prefix) + 1:]
        tail = _BRACKET_TAIL.sub("", s)
        return (tail.rstrip(":：") or s) if tail != s else s

    def money_key(self, text: str) -> tuple[str, str | None]:
        """A money row label's key without its numbering, and the numbering's kind:
        ``"top"`` (``(一)``), ``"detail"`` (``1、``) or ``None``."""
        s = self.key(text)
        for pattern, kind in ((_ENUM_TOP, "top"), (_ENUM_DETAIL, "detail")):
            m = pattern.match(s)
            if m and len(s) > m.end():
                return s[m.end():], kind
        return s, None

    def points(self, text: str) -> str | None:
        """The points printed after a category label (``产出指标(50分)`` → ``"50"``)."""
        m = self._points.search(squeeze(text))
        return m.group(1) if m else None

    # -- categories ------------------------------------------------------------------------
    def level(self, text: str) -> str | None:
        """``"level1"``, ``"level2"``, ``"both"`` (成本指标, 满意度指标) or ``None`` for a cell."""
        return self._cached("level", text, self._level)  # type: ignore[no-any-return]

    def _level(self, text: str) -> str | None:
        k = self.key(text)
        one, two = k in self.level1, k in self.level2
        return "both" if one and two else "level1" if one else "level2" if two else None

    def level_label(self, text: str) -> str:
        """A category label as stored: white space and the points suffix removed."""
        s = squeeze(text)
        return self._points.sub("", s)

    # -- labels ----------------------------------------------------------------------------
    def department_level(self, text: str) -> int | None:
        """The rank of a 主管部门 of a level of government (higher is more local), else ``None``."""
        k = self.key(text)
        return self.department_levels.index(k) if k in self.department_levels else None

    def is_label(self, text: str) -> bool:
        """Whether a cell is a label or header word of any kind (not a category, not a value)."""
        return self._cached("label", text, self._is_label)  # type: ignore[no-any-return]

    def _is_label(self, text: str) -> bool:
        k = self.key(text)
        if not k:
            return False
        money_key, _ = self.money_key(text)
        return bool(self.fields(k) or self.blocks(k) or self.columns(k) or self.project_columns(k)
                    or k in self.dropped or k in self.dropped_columns or k in self.money_blocks
                    or self.money_columns(k) or self.money_rows(money_key)
                    or k in self.department_levels)

    def holds_label(self, text: str) -> bool:
        """Whether a text around a table holds a field of the form: a label with a colon
        (``填表人：张三``, ``联系电话:000``) or a label without a field (``单位负责人签字``).
        Navigation, page titles and paragraphs hold none, and neither does a line of blank
        form fields (``填报人：　　联系电话：　　填报日期：　　年　月　日``)."""
        if self._blank_fields(text):
            return False
        for piece in _WS.split(text):
            labelled = _LABELLED.match(piece)
            if (labelled and self.is_label(labelled[1])) or self.key(piece) in self.dropped:
                return True
        return False

    def carries_nothing(self, text: str) -> bool:
        """Whether a cell or line is form furniture that holds nothing to import: a ``续表``
        mark, blank form fields (``填报人：　　联系电话：``), or a furniture label and what
        follows it (``填报单位（盖章）：某局``)."""
        return self._cached("nothing", text, self._carries_nothing)  # type: ignore[no-any-return]

    def _carries_nothing(self, text: str) -> bool:
        labelled = _FIELD.match(text.strip())
        return (self.is_continued(text) or self._blank_fields(text)
                or (labelled is not None and self.key(labelled[1]) in self.furniture))

    def _blank_fields(self, text: str) -> bool:
        """Whether a text is a line of blank form fields: two labels or more with nothing
        after their colons but white space, underscores and a date's blank 年 月 日 (one
        ``label:`` alone is a label whose value may follow in the next cell)."""
        parts = _FIELD.split(text)
        labels, blanks = parts[1::2], [parts[0], *parts[2::2]]
        return (len(labels) >= 2 and all(self.is_label(x) for x in labels)
                and all(_BLANK.fullmatch(b) for b in blanks))

    def is_known(self, text: str) -> bool:
        """Whether a cell is a label, a category or furniture (for joining wrapped labels)."""
        return self.is_label(text) or self.level(text) is not None or self.key(text) in self.furniture

    def is_title(self, text: str) -> bool:
        """Whether a text is a table title: it ends in a title word, a year in brackets aside
        (``…绩效目标表``, ``绩效目标自评表 (2019年度)``), or names the 部门整体 table."""
        s = squeeze(text)
        end = _BRACKET_TAIL.sub("", s)
        return bool(s) and len(s) <= 80 and (any(end.endswith(w) for w in self.titles)
                                             or any(w in s for w in self.department_table))

    def is_continued(self, text: str) -> bool:
        """Whether a text marks a table continued from the page before (``续表``,
        ``续表　3.自贸区法律服务经费绩效目标表``): it repeats what is printed above."""
        return squeeze(text).startswith(self.continued)

    def is_department_table(self, text: str) -> bool:
        """Whether a title names the 部门整体 table."""
        return any(w in squeeze(text) for w in self.department_table)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary."""
    from perfctl import lexicons

    return Vocabulary(lexicons.load("headers"), lexicons.load("categories"), lexicons.load("placeholders"))
