"""The table of change kinds: twins, levels, overrides, --fail-on."""

from __future__ import annotations

import pytest

from conftest import write
from perfctl.diff.kinds import KINDS, LEVELS, TWINS, fails, levels, twin
from perfctl.errors import InputError


def test_every_added_kind_has_its_removed_twin():
    for name in KINDS:
        for a, b in TWINS:
            if name.endswith(a):
                assert name[: -len(a)] + b in KINDS, f"{name} has no twin"
            if name.endswith(b):
                assert name[: -len(b)] + a in KINDS, f"{name} has no twin"
    assert twin("indicator-added") == "indicator-removed"
    assert twin("target-loosened") == "target-tightened"
    assert twin("budget-total-changed") is None


def test_every_kind_has_a_known_level_and_a_summary():
    for kind in KINDS.values():
        assert kind.level in LEVELS and kind.summary
    assert len({k.name for k in KINDS.values()}) == len(KINDS)


def test_default_levels_of_the_acceptance_scenario():
    assert KINDS["target-loosened"].level == "breaking"
    assert all(KINDS[f"budget-{k}-changed"].level != "breaking" for k in ("total", "fiscal", "other"))


def test_overrides(tmp_path):
    assert levels({"target-loosened": "info"})["target-loosened"] == "info"
    assert levels()["target-loosened"] == "breaking"
    config = write(tmp_path, {"perfctl.yaml": "diff:\n  levels:\n    target-loosened: info\n    nope: info\n"}) / "perfctl.yaml"
    with pytest.raises(InputError) as exc:
        levels({"target-loosened": "info", "nope": "info"}, config)
    assert (exc.value.line, exc.value.col) == (4, 5)
    assert "unknown change kind 'nope'" in exc.value.message
    with pytest.raises(InputError, match="unknown level 'fatal'"):
        levels({"target-loosened": "fatal"})


@pytest.mark.parametrize("found, fail_on, expected", [
    ({"target-loosened": "breaking"}, ["breaking"], True),
    ({"budget-total-changed": "review"}, ["breaking"], False),
    ({"budget-total-changed": "review"}, ["review"], True),
    ({"target-loosened": "breaking"}, ["review"], True),
    ({"indicator-added": "info"}, ["review"], False),
    ({"indicator-added": "info"}, ["indicator-added"], True),
    ({"indicator-added": "info"}, ["indicator-removed", "info"], True),
    ({}, ["info"], False),
    ({"target-loosened": "breaking"}, [], False),
])
def test_fail_on(found, fail_on, expected):
    assert fails(found, fail_on) is expected
