"""What a rule sees besides the project: its profile, the thresholds and the lexicons, and
for the self-evaluation rules (PT-E) the scoring settings and the project scored once."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from perfctl import lexicons
from perfctl.config import PROFILES, Config, LintConfig
from perfctl.i18n import N_
from perfctl.model import Indicator, Project
from perfctl.target import STAR_MARK, parse

if TYPE_CHECKING:
    from perfctl.scoring import Issue, Result, Settings

T = TypeVar("T")

#: The grammar's reason for a value it recognises as a template (see :mod:`perfctl.target`).
TEMPLATE_REASON = "template placeholder left in the value"

#: Lexicons a store may extend through ``lint.lexicons`` in its config, and the file and key each lives in.
LEXICONS = {
    "vague": ("vague", "words"), "process": ("process", "words"), "inputs": ("inputs", "words"),
    "execution": ("execution", "words"), "quality": ("quality_effect", "quality"),
    "effect": ("quality_effect", "effect"), "respondents": ("respondents", "words"),
    "generic": ("generic", "words"), "horizon": ("horizon", "words"), "placeholders": ("placeholders", "values"),
    "todo": ("placeholders", "todo"), "placeholder_markers": ("placeholders", "markers"), "references": ("values", "references"),
    "rate_names": ("values", "rate_names"), "not_rate_names": ("values", "not_rate_names"),
    "count_names": ("values", "count_names"), "unbounded_rate_names": ("values", "unbounded_rate_names"),
    "ambiguous_units": ("values", "ambiguous_units"), "no_unit": ("values", "no_unit"),
    "satisfaction": ("satisfaction", "words"), "benefit": ("benefit", "words"),
    "formula": ("formula", "words"),
}


@lru_cache(maxsize=1)
def categories() -> dict[str, Any]:
    """The shipped ``categories.yaml``: ``{"profiles": {profile: {level1: [level2…]}}, "aliases": {…}}``."""
    return lexicons.load("categories")


@lru_cache(maxsize=None)
def _shipped(name: str) -> tuple[str, ...]:
    file, key = LEXICONS[name]
    return tuple(lexicons.load(file)[key])


@lru_cache(maxsize=1)
def graded_scales() -> tuple[frozenset[str], ...]:
    """The graded qualitative vocabularies (PT-Q03), each a set of words."""
    return tuple(frozenset(scale) for scale in lexicons.load("graded")["scales"])


@lru_cache(maxsize=65536)
def nfkc(text: str) -> str:
    """``text`` in Unicode NFKC form (full-width letters, digits and punctuation as ASCII).

    Remembered: several rules read each goal, purpose and name in this form."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=4096)
def level1_of(name: str) -> str:
    """A 一级指标 name with the aliases of real tables read as the standard name (效果指标 → 效益指标)."""
    return categories()["aliases"]["level1"].get(name, name)


@lru_cache(maxsize=4096)
def level2_of(name: str) -> str:
    """A 二级指标 name with aliases read as the standard name (环境效益指标 → 生态效益指标)."""
    return categories()["aliases"]["level2"].get(name, name)


NATIONAL_COST = frozenset({"经济成本指标", "社会成本指标", "生态环境成本指标"})


def is_cost(ind: Indicator) -> bool:
    """A cost row in either framework: 产出指标/成本指标 (2015) or 成本指标/经济成本指标 (2021)."""
    return _is_cost(ind.level1, ind.level2)


@lru_cache(maxsize=4096)
def _is_cost(level1: str, level2: str) -> bool:
    return level2_of(level2) in ("成本指标", "经济成本指标") or (
        level1_of(level1) == "成本指标" and level2_of(level2) not in ("社会成本指标", "生态环境成本指标"))


def filed_as_satisfaction(ind: Indicator) -> bool:
    """A row filed under 满意度指标 (or 服务对象满意度指标 as its 二级, after aliases)."""
    return _filed_as_satisfaction(ind.level1, ind.level2)


@lru_cache(maxsize=4096)
def _filed_as_satisfaction(level1: str, level2: str) -> bool:
    return level1_of(level1) == "满意度指标" or level2_of(level2) == "服务对象满意度指标"


def detect_profile(project: Project) -> tuple[str, str]:
    """The framework a table uses, and why: (profile, reason).

    成本指标 as a 一级指标 or any of 经济/社会/生态环境成本指标 means national-2021;
    成本指标 under 产出指标 means legacy-2015; a table with no cost row is read as legacy-2015.
    """
    new = sum(1 for i in project.indicators
              if level1_of(i.level1) == "成本指标" or level2_of(i.level2) in NATIONAL_COST)
    old = sum(1 for i in project.indicators if level1_of(i.level1) == "产出指标" and level2_of(i.level2) == "成本指标")
    # The reasons are kept in English (the json report's profile_reason); the text report translates them.
    if new > old:
        return "national-2021", N_("成本指标 is a 一级指标")
    if old:
        return "legacy-2015", N_("成本指标 is under 产出指标")
    return "legacy-2015", N_("no cost rows; assumed")


@dataclass
class Context:
    """Everything a rule reads besides the project.

    ``profile``: legacy-2015 or national-2021; ``profile_reason``: "configured" or why it
    was detected. ``thresholds``: see :data:`perfctl.config.DEFAULT_THRESHOLDS` (percent
    values as Decimal percent, money tolerance in the table's money unit). ``config``: the
    store config whose ``score:`` section chooses the scoring settings (``None``: the defaults).
    """

    profile: str
    profile_reason: str
    thresholds: dict[str, Any]
    extra: dict[str, list[str]] = field(default_factory=dict)
    config: Config | None = field(default=None, repr=False, compare=False)
    # Answers already given, by lexicon, or by question and text: a context serves many projects.
    _words: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _answers: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)
    # The scoring settings, made on first use; the last project scored and its result.
    _settings: Settings | None = field(default=None, init=False, repr=False, compare=False)
    _scored: tuple[Project, Result | None] | None = field(default=None, init=False, repr=False, compare=False)

    def words(self, lexicon: str) -> tuple[str, ...]:
        """The words of a lexicon (see :data:`LEXICONS`), shipped plus the store's additions."""
        found = self._words.get(lexicon)
        if found is None:
            found = self._words[lexicon] = _shipped(lexicon) + tuple(self.extra.get(lexicon, ()))
        return found

    def word_set(self, lexicon: str) -> frozenset[str]:
        """The words of a lexicon as a set, for membership tests (see :meth:`words`)."""
        return self.remember("word_set", lexicon, self._word_set)

    def _word_set(self, lexicon: str) -> frozenset[str]:
        return frozenset(self.words(lexicon))

    def remember(self, question: str, text: str, answer: Callable[[str], T]) -> T:
        """``answer(text)``, worked out once per context: for what a rule asks of a text that
        depends only on the text and this context (its lexicons), such as how a name reads."""
        answers = self._answers.get(question)
        if answers is None:
            answers = self._answers[question] = {}
        try:
            return answers[text]  # type: ignore[no-any-return]
        except KeyError:
            found = answers[text] = answer(text)
            return found

    def is_placeholder(self, text: str) -> bool:
        """Whether a cell only holds a place: one of the ``placeholders`` or ``todo`` words
        (``-``, ``待定``), only one-character placeholders (``-/-``), or a template marker
        (``≥**人``); blank text is not one."""
        return self.remember("placeholder", text, self._is_placeholder)

    def _is_placeholder(self, text: str) -> bool:
        s = "".join(text.split())
        if not s:
            return False
        values = {*self.words("placeholders"), *self.words("todo")}
        singles = {v for v in values if len(v) == 1}
        return (s in values or all(c in singles for c in s)
                or self.has_marker(s)
                or parse(text).reason == TEMPLATE_REASON)

    def measures_satisfaction(self, name: str) -> bool:
        """Whether an indicator name is a satisfaction measure (a word of the ``satisfaction`` lexicon)."""
        return self.remember("satisfaction", name, self._measures_satisfaction)

    def _measures_satisfaction(self, name: str) -> bool:
        return any(w in name for w in self.words("satisfaction"))

    def is_todo(self, text: str) -> bool:
        """Whether a cell is left to be filled in: a ``todo`` word (``待定``, ``待填写``) or a
        template marker (``≥**人``). Unlike ``-`` or ``无``, it does not mean "nothing here"."""
        return self.remember("todo", text, self._is_todo)

    def _is_todo(self, text: str) -> bool:
        s = "".join(text.split())
        return bool(s) and (s in self.words("todo") or self.has_marker(s))

    def has_marker(self, text: str) -> bool:
        """Whether ``text`` holds a template mark of the ``placeholder_markers`` lexicon; a ``*``
        between two Chinese characters is a multiplication sign in a unit (``元/人*月``), as the
        target grammar reads it (:mod:`perfctl.target`), not a mark."""
        return any(STAR_MARK.search(text) if m == "*" else m in text for m in self.words("placeholder_markers"))

    def structure(self) -> dict[str, list[str]]:
        """The profile's categories: 一级指标 → list of its 二级指标."""
        return categories()["profiles"][self.profile]

    def threshold(self, name: str) -> Decimal:
        """A numeric threshold as a Decimal."""
        return Decimal(str(self.thresholds[name]))

    def score_settings(self) -> Settings:
        """The scoring settings (:class:`perfctl.scoring.Settings`) the store config's ``score:``
        section chooses, made once. Raises :class:`perfctl.errors.InputError` naming the config
        file for a bad value (the engine asks first, so a run stops before any file is linted)."""
        if self._settings is None:
            from perfctl.scoring.settings import from_config

            self._settings = from_config(self.config if self.config is not None else Config())
        return self._settings

    def has_results(self, project: Project) -> bool:
        """Whether ``project`` holds any year-end result (:func:`perfctl.scoring.has_results`)."""
        from perfctl.scoring import has_results

        return has_results(project)

    def scored(self, project: Project) -> Result | None:
        """``project`` scored under :meth:`score_settings` (:func:`perfctl.scoring.score`), or
        ``None`` when it holds no results. Scored once: the rules of one project run one after
        another and share the last result."""
        last = self._scored
        if last is not None and last[0] is project:
            return last[1]
        from perfctl import scoring

        result = scoring.score(project, self.score_settings()) if scoring.has_results(project) else None
        self._scored = (project, result)
        return result

    def score_issues(self, project: Project, code: str) -> list[Issue]:
        """The issues of one ``code`` (:mod:`perfctl.scoring.result`) that scoring ``project``
        met (:meth:`scored`), in the order met; none for a project without results."""
        result = self.scored(project)
        return [] if result is None else [i for i in result.issues if i.code == code]


def context_for(project: Project, lint: LintConfig, profile: str, config: Config | None = None) -> Context:
    """The rule context for ``project`` under a config whose profile is ``profile`` (or ``auto``);
    ``config``, the store config, gives the scoring settings (see :meth:`Context.score_settings`)."""
    if profile in PROFILES:
        chosen, reason = profile, N_("configured")
    else:
        chosen, reason = detect_profile(project)
    return Context(chosen, reason, lint.thresholds, lint.lexicons, config)
