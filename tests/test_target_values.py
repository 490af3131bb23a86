"""The target-value grammar against every real 指标值 we have, with the reading a person gives it.

The table is tests/fixtures/target_values.yaml (its header says where the values come from and how
to add one). Each entry names the reading fields; an omitted field is expected to be None.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from perfctl.target import parse

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "target_values.yaml"
FIELDS = ("kind", "op", "value", "high", "unit", "base", "remark")
KNOWN = {"text", "source", "column", "why", *FIELDS}


def _load() -> list[dict]:
    with FIXTURE.open(encoding="utf-8") as f:
        return YAML(typ="safe", pure=True).load(f)


ENTRIES = _load()


def _id(entry: dict) -> str:
    return f"{entry['source'].split(', ')[0]}:{entry['text']}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[_id(e) for e in ENTRIES])
def test_reading(entry):
    t = parse(entry["text"])
    got = {
        "kind": t.kind,
        "op": t.op,
        "value": t.value,
        "high": t.high,
        "unit": t.unit,
        "base": getattr(t, "base", None),
        "remark": getattr(t, "remark", None),
    }
    want = {k: entry.get(k) for k in FIELDS}
    assert got == want, entry.get("why")


def test_fixture_is_complete_and_has_no_duplicates():
    assert len(ENTRIES) >= 150
    texts = [e["text"] for e in ENTRIES]
    assert len(texts) == len(set(texts)), sorted({t for t in texts if texts.count(t) > 1})
    for e in ENTRIES:
        assert set(e) <= KNOWN, (e["text"], set(e) - KNOWN)
        assert isinstance(e["text"], str) and e["text"] == e["text"].strip() and e["text"]
        assert all(isinstance(e[k], str) for k in e), e["text"]  # every scalar quoted, nothing read as a number
        assert e["kind"] in ("quantity", "duration", "deadline", "range", "relative", "qualitative", "unparsed")
        assert set(e["column"].split(", ")) <= {"target", "actual"}, e["text"]
