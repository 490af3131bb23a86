"""Every lint rule against its case file in tests/lint/cases/<CODE>.yaml.

A case file holds ``rule`` and ``cases``; each case has a ``name``, ``expect`` (the nodes
the rule must report, e.g. ``indicators[0].target``, ``b.yaml:name`` for a second file,
``@23`` for a line; ``[]`` for a passing case), and one of:

- ``project``: keys laid over ``tests/lint/base.yaml`` (a clean project; ``indicators``
  replaces the base rows, mappings are merged);
- ``projects``: file name → such an overlay, for checks across files;
- ``edit``: text replacements in the base file (for comments).

Optional: ``config`` (a store config), ``select`` (rules to run; default the case's rule).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from perfctl import config as config_mod
from perfctl import yamlio
from perfctl.lint import engine
from perfctl.lint.rules import RULES

HERE = Path(__file__).parent / "lint"
BASE_TEXT = (HERE / "base.yaml").read_text(encoding="utf-8")
CASE_FILES = sorted((HERE / "cases").glob("*.yaml"))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _cases() -> list[Any]:
    params = []
    for f in CASE_FILES:
        data = yamlio.parse(f.read_text(encoding="utf-8"), f).data
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}"))
    return params


def _node(finding: Any, root: Path) -> str:
    if finding.node == ():
        return f"@{finding.line}"
    parts = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in finding.node).lstrip(".")
    path = Path(finding.path)
    return parts if path.name == "project.yaml" else f"{path.relative_to(root).as_posix()}:{parts}"


def write_case(case: dict[str, Any], folder: Path) -> None:
    """Write a case's project files (``project``: an overlay of the base project; ``edit``:
    replacements in its text; ``projects``: file name → overlay) and its store ``config`` into ``folder``."""
    base = yamlio.parse(BASE_TEXT).data
    if "projects" in case:
        files = {name: yamlio.dump(_merge(base, over)) for name, over in case["projects"].items()}
    elif "edit" in case:
        text = BASE_TEXT
        for old, new in case["edit"].items():
            assert old in text, old
            text = text.replace(old, new)
        files = {"project.yaml": text}
    else:
        files = {"project.yaml": yamlio.dump(_merge(base, case.get("project", {})))}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / config_mod.CONFIG_NAME).write_text(yamlio.dump(case.get("config") or {}) if case.get("config") else "",
                                                 encoding="utf-8")


def lint_case(rule: str, case: dict[str, Any], tmp_path: Path) -> list[str]:
    """Write the case's files into ``tmp_path`` and return the nodes ``rule`` reports."""
    write_case(case, tmp_path)
    conf = config_mod.for_path(tmp_path)
    conf.lint.select = case.get("select", [rule])
    report = engine.lint([tmp_path], conf)
    assert report.errors == [], report.errors
    return sorted(_node(f, tmp_path) for f in report.findings if f.code == rule)


@pytest.mark.parametrize("rule,case", _cases())
def test_rule_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    assert lint_case(rule, case, tmp_path) == sorted(case["expect"])


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    covered = {}
    for f in CASE_FILES:
        data = yamlio.parse(f.read_text(encoding="utf-8"), f).data
        assert f.stem == data["rule"]
        covered[data["rule"]] = ({bool(c["expect"]) for c in data["cases"]})
    assert sorted(covered) == sorted(RULES)
    assert {code for code, kinds in covered.items() if kinds != {True, False}} == set()


def test_base_project_is_clean(tmp_path: Path) -> None:
    (tmp_path / "project.yaml").write_text(BASE_TEXT, encoding="utf-8")
    report = engine.lint([tmp_path])
    assert [(f.code, f.line, f.message) for f in report.findings] == []


def test_rule_modules_document_themselves() -> None:
    for code, rule in RULES.items():
        doc = rule.__doc__ or ""
        assert doc.startswith(f"{code} {rule.NAME}:"), code
        assert "Source:" in doc and "Fails:" in doc and "Passes:" in doc, code
        assert rule.SEVERITY in ("error", "warning", "info"), code
