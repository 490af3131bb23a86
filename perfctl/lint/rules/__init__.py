"""The rule registry: every rule module, by code. Adding a rule is one module and one line here."""

from __future__ import annotations

from types import ModuleType

from perfctl.lint.rules import (
    a01_satisfaction_percent,
    b01_budget_sum,
    c01_cost_within_budget,
    d02_description_repeats_name,
    m01_unused_suppression,
    q01_vague_target,
    s13_duplicate_project,
)

RULES: dict[str, ModuleType] = {
    m.CODE: m
    for m in (
        b01_budget_sum,
        c01_cost_within_budget,
        q01_vague_target,
        a01_satisfaction_percent,
        d02_description_repeats_name,
        s13_duplicate_project,
        m01_unused_suppression,
    )
}
