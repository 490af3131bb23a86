"""Small project files with results, written out as YAML text for the scoring tests."""

from __future__ import annotations

from perfctl import model
from perfctl.model import Project


def row(level1: str, name: str, target: str, weight: str, actual: str | None = None, *, score: str | None = None,
        level2: str = "数量指标", deviation: str | None = None, unit: str | None = None, op: str | None = None) -> str:
    """One indicator row as a YAML flow mapping."""
    parts = [f"level1: {level1}", f"level2: {level2}", f"name: {name}", f"target: '{target}'"]
    if op is not None:
        parts.append(f"op: '{op}'")
    if unit is not None:
        parts.append(f"unit: {unit}")
    parts.append(f"weight: '{weight}'")
    if actual is not None:
        parts.append(f"actual: '{actual}'")
    if score is not None:
        parts.append(f"score: '{score}'")
    if deviation is not None:
        parts.append(f"deviation: {deviation}")
    return "  - {" + ", ".join(parts) + "}\n"


def project(*rows: str, adjusted: str | None = "100", spent: str | None = "100", weight: str | None = "10",
            money_unit: str = "万元", deviation: str | None = None) -> Project:
    """A project with ``rows`` and the execution block given (amounts in ``money_unit``)."""
    budget = ["total: '100'", "fiscal: '100'"]
    for key, value in (("adjusted", adjusted), ("spent", spent), ("weight", weight)):
        if value is not None:
            budget.append(f"{key}: '{value}'")
    if deviation is not None:
        budget.append(f"deviation: {deviation}")
    text = ("format: 1\ndepartment: {code: '389101', name: 某某局}\nyear: 2025\nname: 测试项目\n"
            f"money_unit: {money_unit}\nbudget: {{{', '.join(budget)}}}\ngoals: [完成任务]\nindicators:\n"
            + "".join(rows))
    return model.load_text(text, "test.yaml")
