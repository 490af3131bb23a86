"""The rule registry: every rule module, by code, in code order.

Adding a rule is one module in this folder and one line here.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from perfctl.i18n import _

_MODULES = (
    "a01_satisfaction_percent",
    "a02_satisfaction_floor",
    "a03_satisfaction_hundred",
    "a04_satisfaction_placement",
    "a05_satisfaction_respondent",
    "a06_benefit_only_satisfaction",
    "b01_budget_sum",
    "b02_budget_positive",
    "b03_money_unit",
    "b04_amount_precision",
    "c01_cost_within_budget",
    "c02_cost_is_money",
    "c03_cost_operator",
    "c04_unit_cost_quantity",
    "c05_money_unit_mixup",
    "c06_cost_side_effect",
    "c07_execution_as_result",
    "c08_cost_category_as_name",
    "d01_qualitative_without_description",
    "d02_description_repeats_name",
    "d03_rate_without_formula",
    "e01_points_total",
    "e02_score_mismatch",
    "e03_score_above_weight",
    "e04_qualitative_band",
    "e05_reason_missing",
    "e06_spent_over_budget",
    "e07_actual_unit",
    "e08_execution_rows",
    "g01_goal_too_short",
    "g02_vague_goal",
    "g03_goal_contradicts_indicator",
    "g04_multi_year_goal",
    "g05_stale_year",
    "h01_below_last_actual",
    "h02_copied_unchanged",
    "m01_unused_suppression",
    "m02_review_mark",
    "n01_name_contains_value",
    "n02_name_is_category",
    "n03_name_is_input",
    "n04_name_malformed",
    "n05_quality_effect_misfiled",
    "n06_generic_name",
    "q01_vague_target",
    "q02_qualitative_quantity",
    "q03_ungraded_qualitative",
    "q04_qualitative_share",
    "q05_qualitative_benefits",
    "s01_header_fields",
    "s02_unknown_level1",
    "s03_level2_outside_level1",
    "s04_mixed_frameworks",
    "s05_output_rows",
    "s06_benefit_rows",
    "s07_satisfaction_rows",
    "s08_cost_rows",
    "s09_output_subtypes",
    "s10_empty_level2_row",
    "s11_too_few_indicators",
    "s12_duplicate_indicator",
    "s13_duplicate_project",
    "t01_deadline_after_year",
    "t02_deadline_before_year",
    "t03_process_timeliness",
    "t04_duration_over_year",
    "t05_span_outside_year",
    "v01_empty_target",
    "v02_placeholder",
    "v03_unparsed_target",
    "v04_malformed_operator",
    "v05_no_operator",
    "v06_percent_bounds",
    "v07_name_unit_mismatch",
    "v08_missing_unit",
    "v09_unit_conflict",
    "v10_qualitative_unit",
    "v11_implausible_unit",
    "v12_ambiguous_unit",
    "v13_legacy_operator",
    "v14_range_direction",
    "v15_invisible_character",
)

RULES: dict[str, ModuleType] = {
    m.CODE: m for m in sorted((import_module(f"{__name__}.{name}") for name in _MODULES), key=lambda m: m.CODE)
}


def unknown_code(code: str, *, prefix: bool) -> str | None:
    """Why ``code`` names no rule, or ``None`` when it does: a rule code (``PT-S01``) or,
    with ``prefix``, the start of one (``PT``, ``PT-S``), as ``select`` and ``ignore`` take.
    The reason (in the user's language) suggests the codes it may be a typo of."""
    if code in RULES or prefix and any(c.startswith(code) for c in RULES):
        return None
    import difflib

    close = difflib.get_close_matches(code.upper(), RULES, n=3, cutoff=0.6)
    codes = ", ".join(close)
    if prefix and close:
        return _("unknown rule code or prefix {code!r}; did you mean {codes}?").format(code=code, codes=codes)
    if prefix:
        return _("unknown rule code or prefix {code!r}; codes look like PT-S01 (see: perfctl rules)").format(code=code)
    if close:
        return _("unknown rule code {code!r}; did you mean {codes}?").format(code=code, codes=codes)
    return _("unknown rule code {code!r}; codes look like PT-S01 (see: perfctl rules)").format(code=code)
