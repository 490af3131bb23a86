"""The table of change kinds: every change :mod:`perfctl.diff` reports is one of these.

Each kind has a default level — ``breaking`` (weakens what the table commits to: a CI gate
should stop), ``review`` (needs a reviewer's eyes), ``info`` (worth knowing) — which a store
overrides in ``perfctl.yaml``::

    diff:
      levels: {target-loosened: review, indicator-added: review}

Every ``…-added`` kind has its ``…-removed`` twin and every ``…-tightened`` its
``…-loosened`` (``tests/test_diff_kinds.py`` checks the table for that symmetry). Which
field's changes get which kinds is said by the field table (:attr:`perfctl.fields.Field.diff`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from perfctl.errors import InputError
from perfctl.i18n import N_, _

#: Levels from most to least severe; ``--fail-on LEVEL`` fails on that level or a more severe one.
#: Marked for the catalog: text and Markdown reports show them through :func:`level_label`.
LEVELS = (N_("breaking"), N_("review"), N_("info"))


@dataclass(frozen=True)
class Kind:
    """A change kind: its ``name`` (``target-loosened``), default ``level`` and one-line ``summary``.

    The names are marked for the catalog (``N_``): text and Markdown reports show a kind
    through :func:`label` (``target-loosened`` in English, 目标放宽 in Chinese); JSON, the
    config and ``--fail-on`` use the name."""

    name: str
    level: str
    summary: str


_TABLE = [
    # project files as a whole, matched by 项目编码, then (department code, year, 项目名称), then across years
    Kind(N_("project-added"), "review", "a project (target table) appears"),
    Kind(N_("project-removed"), "review", "a project (target table) disappears"),
    Kind(N_("project-renamed"), "review", "项目名称 changed in the same file, or across years with the same indicator rows"),
    Kind(N_("project-code-changed"), "review", "项目编码 (the budget system's project code) entered, changed or removed"),
    Kind(N_("department-renamed"), "info", "部门名称 changed, same department code"),
    Kind(N_("project-kind-changed"), "review", "the table changed between a project's and a department's (部门整体)"),
    Kind(N_("implementing-unit-changed"), "info", "实施单位 changed"),
    Kind(N_("period-changed"), "review", "项目期 (the project's period) changed"),
    # budget, compared in yuan and reported in the new table's money unit
    Kind(N_("budget-total-changed"), "review", "预算数 changed (amount and percentage)"),
    Kind(N_("budget-fiscal-changed"), "review", "其中：财政资金 changed (amount and percentage)"),
    Kind(N_("budget-other-changed"), "review", "其他资金 changed (amount and percentage)"),
    # self-evaluation money and the points of the budget-execution row
    Kind(N_("budget-initial-changed"), "review", "年初预算数 changed (amount and percentage)"),
    Kind(N_("budget-adjusted-changed"), "review", "全年预算数 changed (amount and percentage)"),
    Kind(N_("budget-spent-changed"), "review", "全年执行数 changed (amount and percentage)"),
    Kind(N_("budget-weight-changed"), "review", "分值 of the budget-execution row changed"),
    Kind(N_("budget-deviation-edited"), "info", "偏差原因分析及改进措施 of the budget-execution row edited"),
    Kind(N_("budget-part-changed"), "review", "a 其中 row's 年初预算数, 全年预算数 or 全年执行数 changed (amount and percentage)"),
    # texts, shown character by character
    Kind(N_("purpose-edited"), "review", "预算规模及资金用途 edited"),
    Kind(N_("goal-added"), "info", "a 绩效目标 added"),
    Kind(N_("goal-removed"), "review", "a 绩效目标 removed"),
    Kind(N_("goal-edited"), "review", "a 绩效目标 edited"),
    Kind(N_("midterm-goal-added"), "info", "a 中期目标 added"),
    Kind(N_("midterm-goal-removed"), "review", "a 中期目标 removed"),
    Kind(N_("midterm-goal-edited"), "review", "a 中期目标 edited"),
    Kind(N_("goal-actual-added"), "info", "a 年度总体目标完成情况 (actual result of the goals) added"),
    Kind(N_("goal-actual-removed"), "review", "a 年度总体目标完成情况 removed"),
    Kind(N_("goal-actual-edited"), "review", "a 年度总体目标完成情况 edited"),
    # indicator rows, matched by (一级指标, 二级指标, 三级指标)
    Kind(N_("indicator-added"), "info", "an indicator row added"),
    Kind(N_("indicator-removed"), "breaking", "an indicator row removed"),
    Kind(N_("indicator-renamed"), "info", "三级指标 name changed slightly, same category and target"),
    Kind(N_("indicator-moved"), "review", "an indicator moved to another 一级/二级 category"),
    Kind(N_("description-edited"), "info", "绩效指标描述 edited"),
    Kind(N_("basis-changed"), "info", "绩效标准 (basis) changed"),
    Kind(N_("op-changed"), "review", "计算符号 / 指标性质 column changed"),
    # self-evaluation results per row
    Kind(N_("weight-changed"), "review", "分值 (the row's points) changed"),
    Kind(N_("actual-added"), "info", "实际完成值 entered"),
    Kind(N_("actual-removed"), "review", "实际完成值 removed"),
    Kind(N_("actual-changed"), "review", "实际完成值 changed"),
    Kind(N_("score-changed"), "review", "得分 (declared score) entered, changed or removed"),
    Kind(N_("deviation-edited"), "info", "偏差原因分析及改进措施 edited"),
    # 指标值, compared by meaning: units converted, direction from the operator
    Kind(N_("target-tightened"), "info", "target made harder to meet (≥ raised, ≤ lowered, deadline earlier)"),
    Kind(N_("target-loosened"), "breaking", "target made easier to meet (≥ lowered, ≤ raised, deadline later)"),
    Kind(N_("target-changed"), "review", "target value changed with no direction (= or no operator, wording, range shifted)"),
    Kind(N_("target-incomparable"), "review", "target kind or unit changed so old and new cannot be compared"),
]

def label(name: str) -> str:
    """The kind ``name`` as people read it in text and Markdown: the name itself in English."""
    return _(name)


def level_label(level: str) -> str:
    """The level ``level`` as people read it in text and Markdown: the level itself in English."""
    return _(level)


#: Every change kind by name, in report order.
KINDS: dict[str, Kind] = {k.name: k for k in _TABLE}

#: Pairs of suffixes that must come in twins.
TWINS = (("-added", "-removed"), ("-tightened", "-loosened"))


def twin(name: str) -> str | None:
    """The twin of kind ``name`` (``indicator-added`` → ``indicator-removed``), or ``None``."""
    for a, b in TWINS:
        if name.endswith(a):
            return name[: -len(a)] + b
        if name.endswith(b):
            return name[: -len(b)] + a
    return None


def levels(overrides: Mapping[str, str] | None = None, config_path: str | Path | None = None) -> dict[str, str]:
    """Kind → level: the defaults, overridden by a store config's ``diff.levels``.

    Raises :class:`InputError` (positioned in ``config_path`` when given) for an unknown
    kind or level.
    """
    result = {name: kind.level for name, kind in KINDS.items()}
    for name, level in (overrides or {}).items():
        if name not in KINDS or level not in LEVELS:
            if name not in KINDS:
                problem = _("diff.levels: unknown change kind {name!r}; known kinds: {kinds}").format(
                    name=name, kinds=", ".join(KINDS))
            else:
                problem = _("diff.levels: unknown level {level!r}; choose one of: {levels}").format(
                    level=level, levels=", ".join(LEVELS))
            raise _config_error(problem, config_path, name)
        result[name] = level
    return result


def _config_error(message: str, config_path: str | Path | None, key: str) -> InputError:
    if config_path is None:
        return InputError(message)
    try:
        from perfctl import fileio, yamlio

        doc = yamlio.parse(fileio.read_text(config_path), config_path)
        return doc.error(("diff", "levels", key), message, at_key=True)
    except InputError:
        return InputError(message, config_path)


def fails(found: Mapping[str, str], fail_on: list[str]) -> bool:
    """Whether changes of ``found`` (kind → its level) meet any ``--fail-on`` value.

    A value is a level (that level or a more severe one fails) or a kind name.
    """
    for wanted in fail_on:
        if wanted in LEVELS:
            worst = LEVELS.index(wanted)
            if any(LEVELS.index(level) <= worst for level in found.values()):
                return True
        elif wanted in found:
            return True
    return False


def check_fail_on(values: list[str]) -> None:
    """Raise :class:`~perfctl.errors.UsageError` for a ``--fail-on`` value that is neither a level nor a kind."""
    from perfctl.errors import UsageError

    for value in values:
        if value not in LEVELS and value not in KINDS:
            raise UsageError(_("--fail-on {value!r}: not a level ({levels}) or a change kind ({kinds})")
                             .format(value=value, levels=", ".join(LEVELS), kinds=", ".join(KINDS)))
