"""Linting one project file: load it, run the per-project rules, place and suppress findings.

What one file gives is a :class:`Record`, a function of the file's text and the store
config alone, so records can be cached by content (:mod:`perfctl.cache`) and made in
worker processes (:func:`check_files`). Rules across files run later, in
:mod:`perfctl.lint.engine`, over each record's header (:meth:`Record.project`); the history
rules (:mod:`perfctl.lint.history`) over the header and the indicator rows.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from base64 import b64decode, b64encode
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache, partial
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import Any

from perfctl import config as config_mod
from perfctl import fileio, model, yamlio
from perfctl.errors import InputError
from perfctl.lint import Finding, NodePath, Problem
from perfctl.lint.context import Context, context_for
from perfctl.lint.rules import RULES
from perfctl.lint.suppress import Suppressions
from perfctl.model import Budget, Department, Indicator, Project, Source

UNUSED_SUPPRESSION = "PT-M01"
#: The order of findings within a file: line, column, rule code (a record keeps its findings
#: in it, so a run puts files in path order without sorting every finding again).
ORDER = attrgetter("line", "col", "code")
#: The rules that report a placeholder row; other findings on such a row are left out.
PLACEHOLDER_RULES = frozenset({"PT-V02", "PT-N04"})
#: The rules that check year-end results (``RESULTS = True``): what they find on a row is about
#: its 实际完成值, 分值 and 得分, not about a template mark in its name, so placeholder rows keep it.
RESULT_RULES = frozenset(code for code, rule in RULES.items() if getattr(rule, "RESULTS", False))

#: A file's record as workers send it and the cache keeps it: JSON-ready and flat, so that a
#: large cache loads fast and small. ``[profile, reason, header, marks, numbers, fingerprints,
#: rows]``: ``header`` is what rules across files see (``[code, department, year, name,
#: money_unit, [total, fiscal, other], source, project code]``, amounts as text, money_unit and
#: total ``None`` in a department table without money, source a list or ``None``; the other
#: fields of :mod:`perfctl.fields` are for the per-file rules only and are not kept); ``marks``
#: the positions of the top-level keys, three numbers each (key, line, col; key -1 for the
#: document); ``numbers`` six per finding (line, col, code, severity, message, node);
#: ``fingerprints`` 16 characters per finding; ``rows`` what the history rules compare with
#: another year, three numbers per indicator row: its texts (:func:`row_text`), and the line
#: and col of its target. Profile, reason, keys, codes, severities, messages, nodes (as JSON)
#: and the rows' texts are indexes into a string table (:class:`Strings`); a worker's record
#: carries its own table as an eighth item (:meth:`Strings.adopt`). The cache keeps ``marks``,
#: ``numbers`` and ``rows`` as text (:meth:`Record.stored`).
Packed = list[Any]
#: Between the texts of a row in :func:`row_text`: a control character, in YAML only through an escape.
SEP = "\x1f"


class Strings:
    """The string table of records (:attr:`perfctl.cache.Cache.strings`, whose ``intern``
    adds to it), with what turning records into findings needs worked out once per string,
    not once per record: rule names by code index (``names``) and node paths (``nodes``)."""

    def __init__(self, strings: list[str], intern: Any) -> None:
        self.strings = strings
        self.intern = intern
        self.names: dict[int, str] = {}
        self.nodes: dict[int, NodePath] = {}
        self.keys = _Keys(strings)  # a top-level key's node path by its index (-1: the document)

    def adopt(self, packed: Packed) -> Packed:
        """A worker's record (with its own table as an eighth item) with its indexes into this table."""
        profile, reason, header, marks, numbers, fps, rows, own = packed
        to = list(map(self.intern, own))
        for column in range(2, 6):  # slice by slice, in C: a cold run over a large store adopts 100,000s
            numbers[column::6] = map(to.__getitem__, numbers[column::6])
        marks[0::3] = [to[k] if k >= 0 else -1 for k in marks[0::3]]
        rows[0::3] = map(to.__getitem__, rows[0::3])
        self.known(set(numbers[2::6]), set(numbers[5::6]))
        return [to[profile], to[reason], header, marks, numbers, fps, rows]

    def known(self, codes: set[int], nodes: set[int]) -> bool:
        """Whether each of ``codes`` indexes a rule code and each of ``nodes`` a node path
        (a JSON list of keys and indexes), working out the new ones."""
        strings, count = self.strings, len(self.strings)
        for i in codes.difference(self.names):
            if not 0 <= i < count or strings[i] not in RULES:
                return False
            self.names[i] = RULES[strings[i]].NAME
        for i in nodes.difference(self.nodes):
            if not 0 <= i < count:
                return False
            try:
                node = json.loads(strings[i])
            except ValueError:
                return False
            if type(node) is not list or not all(type(p) in (str, int) for p in node):
                return False
            self.nodes[i] = tuple(node)
        return True


class _Keys(dict[int, NodePath]):
    """The node path of a top-level key by the key's index in a string table (``-1``: the
    document, ``()``), each made once: a large store's headers share them."""

    def __init__(self, strings: list[str]) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, i: int) -> NodePath:
        path = self[i] = (self.strings[i],) if i >= 0 else ()
        return path


@dataclass
class Record:
    """What linting one file gives, held packed (:data:`Packed`) against its string table
    until the findings are needed: a large store's records are made, sent and kept as
    numbers. ``profile``: the profile its rules ran under, ``reason``: configured or why
    it was detected."""

    data: Packed
    table: Strings  # knows the record's codes and nodes (Strings.known): made by Strings.adopt or unpack
    key: str = ""  # the cache key of the bytes it was made from (cache.digest), when known

    @property
    def profile(self) -> str:
        return self.table.strings[self.data[0]]

    @property
    def reason(self) -> str:
        return self.table.strings[self.data[1]]

    def findings(self, path: str) -> list[Finding]:
        """The findings in the file ``path``, after suppressions."""
        numbers, fps = self.data[4:6]
        table = self.table  # knows every code and node of the record: see unpack and Strings.adopt
        strings, n = table.strings.__getitem__, len(numbers) // 6
        return list(map(_finding, zip(  # column by column, in C: a run over a large store makes 100,000s
            repeat(path, n), numbers[0::6], numbers[1::6], map(strings, numbers[2::6]),
            map(table.names.__getitem__, numbers[2::6]), map(strings, numbers[3::6]),
            map(strings, numbers[4::6]), map(table.nodes.__getitem__, numbers[5::6]),
            [fps[i:i + 16] for i in range(0, 16 * n, 16)])))

    def project(self, path: Path, *, rows: bool = False) -> Project:
        """The project as rules across files see it: no purpose or goals, and no indicators
        unless ``rows``; then each indicator has its categories, name, target, unit, op and
        actual (what the history rules compare), and the target's position is known."""
        header, marks = self.data[2:4]
        code, department, year, name, unit, budget, source, project_code = header
        total, fiscal, other = (None if v is None else Decimal(v) for v in budget)
        s = self.table.strings
        keyed = dict(zip(map(self.table.keys.__getitem__, marks[0::3]), zip(marks[1::3], marks[2::3])))
        indicators = []
        if rows:
            packed = self.data[6]
            for i in range(len(packed) // 3):
                texts = s[packed[3 * i]].split(SEP)
                level1, level2, row_name, target, row_unit, op, actual = texts if len(texts) == 7 else [""] * 7
                indicators.append(Indicator(level1, level2, row_name, target, unit=row_unit or None, op=op or None,
                                            actual=actual or None))
                keyed[("indicators", i, "target")] = (packed[3 * i + 1], packed[3 * i + 2])
        return Project(Department(code, department), year, name, unit, Budget(total, fiscal, other),  # type: ignore[arg-type]
                       indicators=indicators, source=Source(*source) if source is not None else None,
                       code=project_code, path=path, doc=yamlio.Doc(path, None, marks=keyed))

    @classmethod
    def unpack(cls, data: Any, table: Strings) -> Record | None:
        """The record of a cache entry, or ``None`` when ``data`` is not one (a damaged cache
        file). Every index is checked here, so :meth:`findings` cannot fail later."""
        try:
            profile, reason, header, marks, numbers, fps, rows = data
            marks, numbers, rows = _ints(marks), _ints(numbers), _ints(rows)
            code, department, year, name, unit, budget, source, project_code = header
            n = len(numbers) // 6
            if (len(budget) != 3 or source is not None and len(source) != 4
                    or not type(code) is type(department) is type(name) is str or type(year) is not int
                    or unit is not None and type(unit) is not str
                    or project_code is not None and type(project_code) is not str
                    or len(marks) % 3 or len(numbers) != 6 * n or type(fps) is not str or len(fps) != 16 * n
                    or len(rows) % 3):
                return None
            if not table.known(set(numbers[2::6]), set(numbers[5::6])):
                return None
            count, others, keys = len(table.strings), numbers[3::6] + numbers[4::6], marks[0::3]
            texts = rows[0::3]
            if (not (type(profile) is type(reason) is int and 0 <= min(profile, reason) <= max(profile, reason) < count)
                    or others and not 0 <= min(others) <= max(others) < count
                    or keys and not -1 <= min(keys) <= max(keys) < count
                    or texts and not 0 <= min(texts) <= max(texts) < count):
                return None
            for v in budget:
                if v is not None:
                    Decimal(v)
        except (TypeError, ValueError, IndexError, KeyError, ArithmeticError, AttributeError):
            return None
        return cls([profile, reason, header, marks, numbers, fps, rows], table)

    def stored(self) -> list[Any]:
        """The record as the cache keeps it (:meth:`unpack` reads it back): its three lists of
        numbers each as the base64 text of 32-bit little-endian integers, which a large cache
        writes and reads several times faster than JSON lists of numbers."""
        profile, reason, header, marks, numbers, fps, rows = self.data
        return [profile, reason, header, _text(marks), _text(numbers), fps, _text(rows)]


_finding = partial(tuple.__new__, Finding)  # Finding from one iterable of its fields, without a Python call


def _text(numbers: list[int]) -> str:
    """``numbers`` (each within 32 bits) as :meth:`Record.stored` keeps them."""
    packed = array("i", numbers)
    if _BIG_ENDIAN:
        packed.byteswap()
    return b64encode(packed.tobytes()).decode("ascii")


def _ints(text: str) -> list[int]:
    """The numbers of :func:`_text`; ``ValueError`` (or ``TypeError`` for what is not a text)
    when ``text`` is not such a text."""
    packed = array("i")
    packed.frombytes(b64decode(text.encode("ascii"), validate=True))  # a damaged text: binascii.Error, a ValueError
    if _BIG_ENDIAN:
        packed.byteswap()
    return packed.tolist()


_BIG_ENDIAN = sys.byteorder == "big"  # the cache's numbers are little-endian on every machine


@lru_cache(maxsize=4096)
def _node_text(node: NodePath) -> str:
    return _JSON.encode(node)


def check_files(jobs: Sequence[tuple[Path, config_mod.Config]]) -> list[tuple[str, Packed | InputError]]:
    """Read and lint files: for each, the cache key of the bytes read (``""`` when unreadable)
    and its record packed with its own string table (:meth:`Strings.adopt` takes it in), or
    the :class:`InputError` that kept it from loading."""
    from perfctl import cache

    checkers: dict[int, Checker] = {}
    out: list[tuple[str, Packed | InputError]] = []
    for path, conf in jobs:
        try:
            raw = fileio.read_bytes(path)
            text = fileio.decode(raw, path)
        except InputError as exc:
            out.append(("", exc))
            continue
        checker = checkers.setdefault(id(conf), Checker(conf))
        out.append((cache.digest(raw), checker.check_text(text, path)))
    return out


class Checker:
    """Lints files under one config, reusing what does not change from file to file: one
    rule context per profile (it remembers its lexicon look-ups) and the rules to run."""

    def __init__(self, conf: config_mod.Config) -> None:
        self.conf = conf
        self.contexts: dict[tuple[str, str], Context] = {}
        self.rules: dict[str, list[ModuleType]] = {}

    def check_text(self, text: str, path: str | Path) -> Packed | InputError:
        """The record of the project file ``path`` holding ``text``, packed with its own
        string table (:data:`Packed`), or why the file does not load."""
        try:
            project = model.load_text(text, path)
        except InputError as exc:
            return exc
        conf = self.conf
        ctx = context_for(project, conf.lint, conf.profile, conf)
        ctx = self.contexts.setdefault((ctx.profile, ctx.profile_reason), ctx)
        if ctx.profile not in self.rules:
            self.rules[ctx.profile] = [rule for code, rule in RULES.items()
                                       if hasattr(rule, "check") and selected(code, conf.lint) and applies(rule, ctx)]
        found = sorted(check_project(project, conf, ctx, self.rules[ctx.profile]), key=ORDER)
        own: dict[str, int] = {}

        def s(text: str) -> int:
            return own.setdefault(text, len(own))

        doc = project.doc
        marks = [n for key, (line, col) in (doc.marks.items() if doc is not None else ()) if len(key) <= 1
                 for n in (s(key[0]) if key else -1, line, col)]  # type: ignore[arg-type]
        numbers = [n for f in found for n in (f.line, f.col, s(f.code), s(f.severity), s(f.message), s(_node_text(f.node)))]
        rows: list[int] = []
        for i, ind in enumerate(project.indicators):
            line, col = doc.mark(("indicators", i, "target")) if doc is not None else (None, None)
            rows += (s(row_text(ind)), line or 0, col or 0)
        return [s(ctx.profile), s(ctx.profile_reason), _header(project), marks, numbers,
                "".join(f.fingerprint for f in found), rows, list(own)]


def row_text(ind: Indicator) -> str:
    """What the history rules read of a row, as one text for the string table: level1, level2,
    name, target, unit, op and actual between :data:`SEP` (``""`` for an absent unit, op or
    actual; a :data:`SEP` inside a text, which only a YAML escape can write, becomes U+FFFD)."""
    texts = (ind.level1, ind.level2, ind.name, ind.target, ind.unit or "", ind.op or "", ind.actual or "")
    text = SEP.join(texts)
    if text.count(SEP) != 6:
        text = SEP.join(t.replace(SEP, "\ufffd") for t in texts)
    return text


def _header(project: Project) -> list[Any]:
    budget, source = project.budget, project.source
    return [project.department.code, project.department.name, project.year, project.name, project.money_unit,
            [None if v is None else str(v) for v in (budget.total, budget.fiscal, budget.other)],
            None if source is None else [source.document, source.position, source.number, source.title], project.code]


def selected(code: str, cfg: config_mod.LintConfig) -> bool:
    """Whether rule ``code`` runs: it matches a ``select`` code or prefix and no ``ignore`` one."""
    return any(code.startswith(p) for p in cfg.select) and not any(code.startswith(p) for p in cfg.ignore)


def applies(rule: ModuleType, ctx: Context) -> bool:
    """Whether ``rule`` runs under the context's profile (rules without ``PROFILES`` always do)."""
    profiles = getattr(rule, "PROFILES", None)
    return profiles is None or ctx.profile in profiles


def check_project(project: Project, conf: config_mod.Config, ctx: Context,
                  rules: Iterable[ModuleType] | None = None) -> list[Finding]:
    """All findings of the per-project rules for one project, after suppressions.

    ``rules``: the rule modules that apply under ``conf`` and ``ctx``, when already known.
    """
    if rules is None:
        rules = [rule for code, rule in RULES.items()
                 if hasattr(rule, "check") and selected(code, conf.lint) and applies(rule, ctx)]
    found: list[Finding] = []
    moneyless = project.budget.total is None  # a department table that states no money
    for rule in rules:
        if moneyless and getattr(rule, "NEEDS_BUDGET", False):
            continue
        problems = list(rule.check(project, ctx))
        if problems:  # most rules find nothing in most files
            found += place(project, rule, problems, conf)
    found = _placeholder_rows_once(project, ctx, found)
    text = project.doc.text if project.doc is not None else ""
    sup = Suppressions.scan(text)
    kept = [f for f in found if not sup.suppresses(f.line, f.code)]
    if selected(UNUSED_SUPPRESSION, conf.lint):
        rule = RULES[UNUSED_SUPPRESSION]
        kept += place(project, rule, rule.check_unused(sup), conf)
    return kept


def _placeholder_rows_once(project: Project, ctx: Context, found: list[Finding]) -> list[Finding]:
    """Report a row whose target or name is left to be filled in (``待定``, ``待填写``,
    ``≥**人``) only as a placeholder: what other rules say about it (no unit, not a percentage, duplicate name
    …) is about the placeholder, not the indicator, and would bury the one thing to do. The
    year-end results of such a row are still checked (:data:`RESULT_RULES`): imported
    self-evaluation tables keep their template marks in the names."""
    rows = {i for i, ind in enumerate(project.indicators) if ctx.is_todo(ind.target) or ctx.is_todo(ind.name)}
    if not rows:
        return found
    return [f for f in found if f.code in PLACEHOLDER_RULES or f.code in RESULT_RULES
            or not (f.node[:1] == ("indicators",) and len(f.node) > 1 and f.node[1] in rows)]


def place(project: Project, rule: ModuleType, problems: Iterable[Problem], conf: config_mod.Config) -> list[Finding]:
    """Problems of ``rule`` as findings: positioned, with their effective severity and fingerprint."""
    out = []
    seen: dict[str, int] = {}
    doc = project.doc
    code, name, path = rule.CODE, rule.NAME, str(project.path)
    configured = conf.lint.severity.get(code)
    for problem in problems:
        line, col = problem.at or (doc.mark(problem.node) if doc is not None else (None, None))
        anchor = _anchor(project, problem.node)
        seen[anchor] = occurrence = seen.get(anchor, 0) + 1
        out.append(Finding(path, line or 1, col or 1, code, name, configured or problem.severity or rule.SEVERITY,
                           problem.message, problem.node, fingerprint(code, project, anchor, occurrence)))
    return out


def _anchor(project: Project, node: NodePath) -> str:
    """The node named by content rather than position: an indicator by its categories and name."""
    parts: list[str] = []
    it: Iterator[str | int] = iter(node)
    for part in it:
        if part == "indicators":
            index = next(it, None)
            if isinstance(index, int) and index < len(project.indicators):
                ind = project.indicators[index]
                parts.append(f"indicators[{ind.level1}/{ind.level2}/{ind.name}]")
                continue
            parts.append("indicators")
            if index is not None:
                parts.append(str(index))
            continue
        parts.append(str(part))
    return ".".join(parts)


_JSON = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) uses, made once
_STR = _JSON.encode  # a str alone encodes as that encoder quotes it inside a list


def fingerprint(code: str, project: Project, anchor: str, occurrence: int) -> str:
    """A stable id for a finding: rule, project identity, node by content, occurrence (hex, 16 chars):
    the start of the SHA-256 of ``json.dumps([code, [department code, year, name], anchor, occurrence],
    ensure_ascii=False)``, written out here without building the list."""
    key = f"[{_quoted(code)}, {_identity(*project.identity)}, {_STR(anchor)}, {occurrence!r}]"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=256)
def _quoted(text: str) -> str:
    return _STR(text)


@lru_cache(maxsize=256)  # the findings of one project share it
def _identity(dept: str, year: int, name: str) -> str:
    return f"[{_STR(dept)}, {year!r}, {_STR(name)}]"
