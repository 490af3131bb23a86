"""Proposed points (分值) for a table about to be self-evaluated (``perfctl prepare``).

Points are out of 100, exact decimals. Each first-level group gets the profile's default
(:attr:`~perfctl.scoring.settings.Settings.level1_points`: 产出指标 50, 效益指标 30,
满意度指标 10; 财预〔2020〕10号 第十四条), split equally over its rows at 2 decimals, half
up, the last row taking what is left so that the group adds up exactly (50 over 3 rows:
16.67, 16.67, 16.66). The execution row (``budget.weight``) gets
:attr:`~perfctl.scoring.settings.Settings.execution_points` (10).

perfctl's choices, where no rule says:

- 一级 names are read through the category aliases (效果指标 → 效益指标); rows filed under
  成本指标 as a 一级指标 (the 2021 framework) share 产出指标's points, as cost rows do under
  产出指标 in the 2015 framework;
- a table with no 满意度指标 row gives that group's points to 效益指标 or to 产出指标
  (``Settings.no_satisfaction_to``: ``"benefit"`` or ``"output"``); where they go is an
  open question of the rule set, so callers say that it was a choice;
- points already given are never changed: when every row has its 分值 nothing is proposed
  (not even the execution row's); otherwise the rows without one share what is left of
  their group (never less than 0: when nothing is left they get nothing and a warning);
- any other 一级 (过程指标, 决策指标 …) has no default: a row of it without 分值 is refused
  (:class:`UnknownLevel1`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from perfctl.i18n import _, ngettext
from perfctl.model import Project
from perfctl.scoring.settings import Settings

OUTPUT, BENEFIT, SATISFACTION, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
#: Where ``Settings.no_satisfaction_to`` sends 满意度指标's points.
MOVE_TO = {"benefit": BENEFIT, "output": OUTPUT}


class UnknownLevel1(ValueError):
    """A row without 分值 under a 一级指标 that has no default points: ``level1`` as written,
    ``row`` its index in the table (from 0)."""

    def __init__(self, level1: str, row: int) -> None:
        super().__init__(_("一级指标 {level1!r} has no default points "
                           "(perfctl proposes them for 产出指标, 成本指标, 效益指标 and 满意度指标)").format(level1=level1))
        self.level1, self.row = level1, row


@dataclass(frozen=True)
class Group:
    """One first-level group: ``name`` (产出指标, 效益指标, 满意度指标), ``points`` it is worth
    in total, ``rows`` (indexes in the table), ``given`` (the points its rows already have),
    ``proposed`` (the points proposed for its other rows), ``moved`` (the points it received
    from a missing 满意度指标 group, 0 if none), ``cost`` (whether 成本指标 rows are in it)."""

    name: str
    points: Decimal
    rows: tuple[int, ...]
    given: Decimal
    proposed: Decimal
    moved: Decimal
    cost: bool


@dataclass(frozen=True)
class Proposal:
    """Points proposed for one table: ``rows`` (row index → points), ``execution`` (the
    execution row's points, ``None`` when not proposed), ``groups`` (in 产出, 效益, 满意度
    order), ``warnings`` (sentences in the user's language)."""

    rows: dict[int, Decimal]
    execution: Decimal | None
    groups: tuple[Group, ...]
    warnings: tuple[str, ...]


def split(points: Decimal, n: int, digits: int = 2) -> list[Decimal]:
    """``points`` split over ``n`` rows: each gets ``points ÷ n`` rounded half up to ``digits``
    decimals (the store's ``score.round``), the last what is left (50, 3 → 16.67, 16.67, 16.66;
    with 0 digits 17, 17, 16). When rounding up would leave the last row below 0 (0.05 over
    10 rows), the share is rounded down instead."""
    if n <= 0:
        return []
    step = Decimal(1).scaleb(-digits)
    share = (points / n).quantize(step, ROUND_HALF_UP)
    if share * (n - 1) > points:
        share = (points / n).quantize(step, ROUND_DOWN)
    return [share] * (n - 1) + [points - share * (n - 1)]


def group_of(level1: str) -> str | None:
    """The group whose points a row of ``level1`` shares (after aliases; 成本指标 → 产出指标),
    ``None`` for a 一级 with no default."""
    from perfctl.lint.context import level1_of

    name = level1_of(level1)
    name = OUTPUT if name == COST else name
    return name if name in (OUTPUT, BENEFIT, SATISFACTION) else None


def propose(project: Project, settings: Settings) -> Proposal:
    """The points to propose for ``project``'s rows without 分值 and for its execution row
    (when it has a budget and no ``budget.weight``), as the module docstring says.

    Raises :class:`UnknownLevel1` for the first row without 分值 whose 一级 has no default.
    """
    rows = project.indicators
    if all(r.weight is not None for r in rows):
        return Proposal({}, None, (), ())
    names = [group_of(r.level1) for r in rows]
    for i, (r, name) in enumerate(zip(rows, names)):
        if name is None and r.weight is None:
            raise UnknownLevel1(r.level1, i)
    points = {name: Decimal(settings.level1_points[name]) for name in (OUTPUT, BENEFIT, SATISFACTION)}
    moved_to = None
    if SATISFACTION not in names:
        moved_to = MOVE_TO[settings.no_satisfaction_to]
        points[moved_to] += points.pop(SATISFACTION)
    proposed: dict[int, Decimal] = {}
    groups, warnings = [], []
    for name, total in points.items():
        members = tuple(i for i, n in enumerate(names) if n == name)
        given = sum((rows[i].weight for i in members if rows[i].weight is not None), Decimal(0))
        missing = [i for i in members if rows[i].weight is None]
        moved = Decimal(settings.level1_points[SATISFACTION]) if name == moved_to else Decimal(0)
        warnings += _warnings(name, total, members, given, missing)
        shares = split(total - given, len(missing), settings.round) if missing and total > given else []
        proposed.update(zip(missing, shares))
        cost = any(_is_cost_level1(rows[i].level1) for i in members)
        groups.append(Group(name, total, members, given, sum(shares, Decimal(0)), moved, cost))
    execution = None
    if project.budget.total is None:
        warnings.append(_("no budget (预算数): the execution row's {points} points are not proposed, "
                          "so the 分值 will not total 100").format(points=points_text(Decimal(settings.execution_points))))
    elif project.budget.weight is None:
        execution = Decimal(settings.execution_points)
    return Proposal(proposed, execution, tuple(groups), tuple(warnings))


def _is_cost_level1(level1: str) -> bool:
    from perfctl.lint.context import level1_of

    return level1_of(level1) == COST


def _warnings(name: str, total: Decimal, members: Sequence[int], given: Decimal, missing: Sequence[int]) -> list[str]:
    if not members:
        return [_("no {group} row: its {points} points are not proposed, so the 分值 will not total 100").format(
            group=name, points=points_text(total))]
    if missing and given >= total:
        return [ngettext("{group}: the rows that have 分值 already take {given} of its {points} points; "
                         "{n} row left without 分值 (fill it in by hand)",
                         "{group}: the rows that have 分值 already take {given} of its {points} points; "
                         "{n} rows left without 分值 (fill them in by hand)", len(missing)).format(
            group=name, given=points_text(given), points=points_text(total), n=len(missing))]
    return []


def points_text(points: Decimal) -> str:
    """Points as perfctl writes them: plain decimal text without trailing zeros (``Decimal("30.00")``
    → ``30``, ``16.50`` → ``16.5``)."""
    text = format(points, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def describe(proposal: Proposal) -> str:
    """What was proposed, for a person: ``产出指标 50, 效益指标 40 (满意度指标 points moved: no
    satisfaction row), execution 10``; groups that got nothing are left out."""
    parts = []
    for g in proposal.groups:
        if not g.proposed:
            continue
        notes = [_("with the 成本指标 rows")] if g.cost else []
        notes += [_("满意度指标 points moved: no satisfaction row")] if g.moved else []
        notes += [_("{given} already given, {proposed} proposed").format(
            given=points_text(g.given), proposed=points_text(g.proposed))] if g.given else []
        group = f"{g.name} {points_text(g.points)}"
        parts.append(_("{group} ({notes})").format(group=group, notes=_join(notes, "; ")) if notes else group)
    if proposal.execution is not None:
        parts.append(_("execution {points}").format(points=points_text(proposal.execution)))
    return _join(parts, ", ")


def _join(items: list[str], separator: str) -> str:
    """``items`` joined by ``separator`` (``", "`` or ``"; "``) as the user's language writes it."""
    out = items[0] if items else ""
    for item in items[1:]:
        if separator == ", ":
            # TRANSLATORS: joins one more item to a list: "产出指标 50, 效益指标 30"
            out = _("{list}, {item}").format(list=out, item=item)
        else:
            # TRANSLATORS: joins one more note: "with the 成本指标 rows; 10 already given, 40 proposed"
            out = _("{notes}; {note}").format(notes=out, note=item)
    return out


def choice_note(proposal: Proposal, settings: Settings) -> str | None:
    """The sentence that says a missing 满意度指标 group's points were moved by choice, or
    ``None`` when none were proposed that way."""
    moved = next((g for g in proposal.groups if g.moved and g.proposed), None)
    if moved is None:
        return None
    other = next(k for k in MOVE_TO if k != settings.no_satisfaction_to)
    return _("no 满意度指标 row, so its {points} points were proposed for {group}: a choice, not a national rule "
             "(score.no_satisfaction_to: {choice}; the other choice is {other}, for {other_group})").format(
        points=points_text(moved.moved), group=moved.name, choice=settings.no_satisfaction_to, other=other,
        other_group=MOVE_TO[other])
