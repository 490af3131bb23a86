"""Scoring one indicator row of a self-evaluation (财预〔2020〕10号 第十五条).

Notation: A the 年度指标值's number, B the 实际完成值's (in A's unit; a negative B counts as
0), w the row's 分值. Quantitative rows by operator:

- ``≥`` ``>``: B ≥ A → w, else B ÷ A × w (A = 0 is always met);
- ``=`` and no operator: as ``≥``, except A = 0, where B ≤ 0 → w and anything more → 0;
- ``≤`` ``<``: B ≤ A → w, else A ÷ B × w (``national-2020``) or (1 − (B − A) ÷ A) × w, 0 from
  B = 2A (``pmkpi``); A ≤ 0 → 0 when B > A;
- a range (``80%-90%``): inside → w, below → as ``≥`` its low end, above → as ``≤`` its high end
  (perfctl's choice: no rule names ranges);
- a deadline: an actual date on or before it → w; words stating the outcome (达成, 按时完成) are
  read as the outcome; missed → a qualitative row (``deadline_missed: qualitative``) or
  w × max(0, 1 − days late ÷ days from 1 January to the deadline) (``linear``).

Over-achievement never adds points: every score is at most w. Qualitative rows (and rows
whose actual is words) take the declared 得分 and check it against the band of the outcome
the actual states: 达成 [0.8w, w], 部分达成 [0.5w, 0.8w), 未达成 [0, 0.5w) (pmkpi: 0.6).
Scores are rounded to ``Settings.round`` digits half up; a met row scores exactly w.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from perfctl.i18n import _
from perfctl.model import Indicator, parse_with_unit
from perfctl.scoring import values
from perfctl.scoring.result import Issue, RowResult
from perfctl.scoring.settings import Settings
from perfctl.target import QUALITATIVE_OP, Target, period
from perfctl.target.text import MIRROR

_ZERO = Decimal(0)
_OPS = {"≥": "ge", ">": "ge", "=": "eq", "≤": "le", "<": "le"}


def round_points(value: Decimal, digits: int) -> Decimal:
    """``value`` rounded to ``digits`` decimals, half up (0.125 → 0.13)."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def points(raw: Decimal, w: Decimal, digits: int) -> Decimal:
    """A row's score from its unrounded ``raw`` points: exactly ``w`` when the target is met
    (``raw ≥ w``: a row of 8.35 points scores 8.35 whatever the rounding), else ``raw``
    rounded half up to ``digits``, never above ``w``."""
    if raw >= w:
        return full(w, digits)
    return min(round_points(raw, digits), w)


def score_text(value: Decimal | None, digits: int) -> str:
    """A score as people read it: with ``digits`` decimals when it has no more (``5`` →
    ``5.00``), else as it is to at most 4 decimals (a met row's ``8.35`` under 1 digit; pmkpi's
    unrounded execution score ``8.3333``); ``""`` for ``None``."""
    if value is None:
        return ""
    rounded = round_points(value, digits)
    if rounded == value:
        return f"{rounded:f}"
    text = f"{round_points(value, max(digits, 4)):f}"
    return text.rstrip("0").rstrip(".")


def percent(rate: Decimal | None) -> str:
    """A rate (a fraction) as a percentage, 2 decimals half up (0.86203 → ``86.20%``); ``""``
    when unknown."""
    return "" if rate is None else f"{round_points(rate * 100, 2):f}%"


def full(w: Decimal, digits: int) -> Decimal:
    """A row's full points written to ``digits`` decimals when that only adds zeros (15 →
    15.00), as written when it has more (8.35 with 1 digit stays 8.35)."""
    exponent = w.as_tuple().exponent
    return w.quantize(Decimal(1).scaleb(-digits)) if isinstance(exponent, int) and -exponent <= digits else w


def score_row(index: int, ind: Indicator, s: Settings, issues: list[Issue], year: int) -> RowResult:
    """Score ``ind`` (row ``index``) under ``s``; appends what it meets to ``issues``. ``year``:
    the table's year, which a date without a year (``12月底前``) is in."""
    row = RowResult(index, ind.level1, ind.level2, ind.name, ind.weight, ind.target, ind.actual,
                    declared=ind.score, deviation=ind.deviation, line=ind.line)
    at = ("indicators", index)

    def unscored(code: str, key: str, message: str) -> RowResult:
        issues.append(Issue(code, "error", at + (key,), message))
        return row

    if ind.weight is None:
        return unscored("no-weight", "weight", _("no 分值 (weight): the row cannot be scored"))
    target = target_of(ind)
    actual = parse_with_unit(ind.actual, ind.unit) if ind.actual and ind.actual.strip() else None
    if target.kind == "qualitative" or target.kind == "unparsed" and ind.score is not None:
        _qualitative(row, ind, s, issues)
    elif target.kind == "unparsed":
        return unscored("target-unread", "target", _("指标值 {target!r} is not read ({reason}); "
                                                  "declare the 得分 to score it as a qualitative row").format(
                                                      target=ind.target, reason=target.reason))
    elif actual is None:
        if ind.score is None:
            return unscored("no-actual", "actual", _("no 实际完成值 (actual): the row cannot be scored"))
        _qualitative(row, ind, s, issues)
    elif target.kind == "deadline" or target.kind == "range" and target.unit == "date":
        _deadline(row, ind, target, actual, s, issues, year)
    elif target.kind == "relative" and actual.kind == "relative" and actual.base in (None, target.base):
        try:
            _relative(row, target, actual, s)
        except values.Incomparable as exc:
            return unscored("units-incomparable", "actual", _incomparable(exc))
    elif values.is_number(actual) and (values.is_number(target) or target.kind == "range"):
        try:
            b = max(values.number_in_target_unit(target, actual), _ZERO)
        except values.Incomparable as exc:
            return unscored("units-incomparable", "actual", _incomparable(exc))
        _numeric(row, target, b, s)
    elif ind.score is not None:
        _qualitative(row, ind, s, issues)
    else:
        return unscored("actual-unread", "actual", _("实际完成值 {actual!r} cannot be compared with 指标值 {target!r}; "
                                                  "write a number in the target's unit, or declare the 得分").format(
                                                      actual=ind.actual, target=ind.target))
    _check_declared(row, s, issues)
    _reason(row, ind, s, issues)
    return row


def _incomparable(exc: values.Incomparable) -> str:
    return _("actual in {actual_unit!r} cannot be compared with a target in {target_unit!r}: "
             "convert one of them").format(actual_unit=exc.actual_unit, target_unit=exc.target_unit)


def target_of(ind: Indicator) -> Target:
    """The target, with the 计算符号 column's operator when the value itself has none."""
    t = ind.parsed
    op = (ind.op or "").strip()
    if op == QUALITATIVE_OP and t.kind != "qualitative":
        return Target(t.text, "qualitative", op=QUALITATIVE_OP)
    if op in _OPS and t.op is None and t.kind in ("quantity", "duration"):
        return parse_with_unit(f"{op}{ind.target.strip()}", ind.unit)
    return t


def _numeric(row: RowResult, t: Target, b: Decimal, s: Settings) -> None:
    w = row.weight
    assert w is not None
    a = Decimal(t.value or "0")
    if t.kind == "range":
        high = Decimal(t.high or "0")
        row.method = "range"
        if b < a:
            raw, row.formula = _ge(a, b, w)
        elif b > high:
            raw, row.formula = _le(high, b, w, s)
        else:
            raw, row.formula = w, None
    else:
        row.method = _OPS.get(t.op or "=", "eq")
        if row.method == "le":
            raw, row.formula = _le(a, b, w, s)
        elif row.method == "eq" and a == 0:
            raw, row.formula = (w, None) if b <= 0 else (_ZERO, "A = 0, B > 0")
        else:
            raw, row.formula = _ge(a, b, w)
    row.target_value, row.actual_value = a, b
    row.computed = row.score = points(raw, w, s.round)


def _relative(row: RowResult, t: Target, actual: Target, s: Settings) -> None:
    """A change against a baseline (``较上年提高10%``, actual ``提高8%``) scores as a quantity of
    the change; a decrease (``下降10%``, read ≤ -10) as a quantity of its size (≥ 10), so that
    a larger decrease is the better one. A target of no change (``不低于上年``, ≥ 0) is met by
    any change in its direction and missed (0 points) by one against it."""
    b = values.number_in_target_unit(t, actual)
    a = Decimal(t.value or "0")
    op = t.op or "="
    if a < 0 or a == 0 and op in ("≤", "<"):
        a, b, op = -a, -b, MIRROR[op]
    w = row.weight
    assert w is not None
    if a == 0 and op in ("≥", ">") and b < 0:
        row.method, row.target_value, row.actual_value = "ge", a, b
        row.formula = "A = 0, B < 0"
        row.computed = row.score = points(_ZERO, w, s.round)
        return
    _numeric(row, Target(t.text, "quantity", op=op, value=f"{a:f}", unit=t.unit), max(b, _ZERO), s)



def _ge(a: Decimal, b: Decimal, w: Decimal) -> tuple[Decimal, str | None]:
    if b >= a or a == 0:
        return w, None
    return b / a * w, f"{b:f} ÷ {a:f} × {w:f}"


def _le(a: Decimal, b: Decimal, w: Decimal, s: Settings) -> tuple[Decimal, str | None]:
    if b <= a:
        return w, None
    if a <= 0:  # a bound of 0 (or below) passed: nothing of the target is met
        return _ZERO, f"A = {a:f}, B > A"
    if s.le_rule == "linear":
        if b >= 2 * a:
            return _ZERO, f"{b:f} ≥ 2 × {a:f}"
        return (1 - (b - a) / a) * w, f"(1 − ({b:f} − {a:f}) ÷ {a:f}) × {w:f}"
    return a / b * w, f"{a:f} ÷ {b:f} × {w:f}"


def _deadline(row: RowResult, ind: Indicator, t: Target, actual: Target, s: Settings,
              issues: list[Issue], year: int) -> None:
    row.method = "deadline"
    w = row.weight
    assert w is not None
    due = period(t.high if t.kind == "range" and t.high else t.value or "", year=year)[1]
    done = values.actual_date(actual, year)
    said = values.outcome(ind.actual)
    if done is None and said is None:
        if ind.score is None:
            issues.append(Issue("actual-unread", "error", ("indicators", row.index, "actual"),
                                _("实际完成值 {actual!r} states neither a date nor an outcome (达成, 未完成) "
                                  "for the deadline {target!r}").format(actual=ind.actual, target=ind.target)))
            return
        _qualitative(row, ind, s, issues)
        return
    if done is not None and done <= due or done is None and said == "met":
        row.computed = row.score = full(w, s.round)
        return
    row.reason = _("deadline missed")  # the only reason set before _reason: it words the finding
    if s.deadline_missed == "linear" and done is not None:
        days = (due - due.replace(month=1, day=1)).days or 1
        late = (done - due).days
        row.formula = _("{points} × (1 − {late} days late ÷ {days} days to the deadline)").format(
            points=f"{w:f}", late=late, days=days)
        row.computed = row.score = points(max(_ZERO, w * (1 - Decimal(late) / Decimal(days))), w, s.round)
        return
    _qualitative(row, ind, s, issues, missed_deadline=True)


def _qualitative(row: RowResult, ind: Indicator, s: Settings, issues: list[Issue], *,
                 missed_deadline: bool = False) -> None:
    """The declared score, checked against the band of the outcome the actual states."""
    w = row.weight
    assert w is not None
    method = row.method or "qualitative"
    row.method = method
    row.band = values.outcome(ind.actual)
    if missed_deadline and row.band == "met":
        row.band = None  # the date says it was missed, whatever the words say
    if row.band is not None:
        row.band_range = _band_range(row.band, w, s)
    if ind.score is not None:
        row.score = ind.score
        return
    if s.qual_default == "lower" and row.band_range is not None:
        row.computed = row.score = points(row.band_range[0], w, s.round)
        return
    message = (_("a missed deadline is scored by the evaluator: declare its 得分 (score), "
                 "or set score.deadline_missed: linear to take points off by the days late")
               if missed_deadline else
               _("a qualitative row is scored by the evaluator: declare its 得分 (score), "
                 "or set score.qual_default: lower to take the lowest points of its outcome's band"))
    issues.append(Issue("qualitative-no-score", "error", ("indicators", row.index, "score"), message))


def _band_range(band: str, w: Decimal, s: Settings) -> tuple[Decimal, Decimal]:
    """(low, high) points of a band; the high end of 部分达成 and 未达成 is not reached."""
    top, middle = s.bands
    bounds = {"met": (top * w, w), "partly": (middle * w, top * w), "missed": (_ZERO, middle * w)}[band]
    if s.profile == "pmkpi":
        return (round_points(bounds[0], 2), round_points(bounds[1], 2))
    return bounds


def _check_declared(row: RowResult, s: Settings, issues: list[Issue]) -> None:
    d, w = row.declared, row.weight
    if d is None or w is None:
        return
    at = ("indicators", row.index, "score")
    if d > w:
        issues.append(Issue("score-above-weight", "finding", at,
                            _("得分 {declared} is above the row's 分值 {weight}").format(declared=d, weight=w)))
    if row.computed is not None and abs(d - row.computed) > s.tolerance:
        how = (_("得分 {declared} declared; {formula} gives {computed}") if row.formula else
               _("得分 {declared} declared; the target being met gives {computed}"))
        issues.append(Issue("score-mismatch", "finding", at,
                            how.format(declared=d, formula=row.formula, computed=row.computed)))
    elif row.computed is None and row.band_range is not None:
        low, high = row.band_range
        inside = low <= d <= high if row.band == "met" else low <= d < high
        if not inside:
            issues.append(Issue("score-outside-band", "finding", at,
                                _("得分 {declared} is outside the band of {band} ({range} of 分值 {weight})").format(
                                    declared=d, band=_BAND_NAMES[row.band or "met"],
                                    range=_fmt_range(low, high, row.band == "met"), weight=w)))


_BAND_NAMES = {"met": "达成年度指标", "partly": "部分达成年度指标并具有一定效果", "missed": "未达成年度指标且效果较差"}


def _fmt_range(low: Decimal, high: Decimal, closed: bool) -> str:
    return f"{low.normalize():f} ≤ 得分 {'≤' if closed else '<'} {high.normalize():f}"


def _reason(row: RowResult, ind: Indicator, s: Settings, issues: list[Issue]) -> None:
    """Whether a 偏差原因 is expected, and a finding when it is missing (rule set R10)."""
    w, score = row.weight, row.score
    why = row.reason  # "deadline missed" (_deadline)
    missing = _("deadline missed: 偏差原因分析及改进措施 (deviation) expected")
    if why is None and s.reason_below_points and score is not None and w is not None and score < w:
        why = _("得分 {score} below 分值 {weight}").format(score=score, weight=w)
        missing = _("得分 {score} below 分值 {weight}: 偏差原因分析及改进措施 (deviation) expected").format(
            score=score, weight=w)
    if why is None and row.band in ("partly", "missed"):
        why = _("outcome not 达成")
        missing = _("outcome not 达成: 偏差原因分析及改进措施 (deviation) expected")
    if (why is None and s.over_ratio is not None and row.method in ("ge", "eq") and row.target_value
            and row.actual_value is not None and row.actual_value / row.target_value >= s.over_ratio):
        share = f"{row.actual_value / row.target_value:.0%}"
        why = _("actual {share} of the target").format(share=share)
        missing = _("actual {share} of the target: 偏差原因分析及改进措施 (deviation) expected").format(share=share)
    row.reason = why
    row.needs_reason = why is not None
    if row.needs_reason and not (ind.deviation or "").strip():
        issues.append(Issue("reason-missing", "finding", ("indicators", row.index, "deviation"), missing))
