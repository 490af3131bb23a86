"""Shared fixtures: paths to the repo, the bundled store, and copies of the seed and corpus
documents (from ../shared/) inside tests/, so that a fresh clone runs every test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# The suite speaks English whatever the machine's locale (tests of Chinese ask for it: --lang,
# LANG or a config's lang); the tests' own interpreters (run_perfctl) inherit this.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """Each test starts in English, whatever the one before it chose in this process."""
    from perfctl import i18n

    i18n.use("en")
    yield

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "importers" / "fixtures"
SEED = FIXTURES / "seed" / "tianjin-ftz-2025-project-targets.txt"
CORPUS = FIXTURES / "corpus"

#: A small valid project file, for tests that edit one line of it.
GOOD = """\
format: 1
department:
  code: '389101'
  name: 测试部门
year: 2025
name: 测试项目
money_unit: 元
budget:
  total: '200000.00'
  fiscal: '200000.00'
  other: '0.00'
goals:
  - 完成测试任务。
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 培训人次
    target: ≥500人次
"""


@pytest.fixture
def seed() -> Path:
    """The seed document (a copy in tests/importers/fixtures/seed/)."""
    return SEED


def run_perfctl(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
                input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m perfctl ARGS`` in a fresh interpreter, capturing text output."""
    return subprocess.run([sys.executable, "-m", "perfctl", *map(str, args)], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", errors="replace", input=input)


def write(tmp: Path, files: dict[str, str | bytes]) -> Path:
    """Make a throwaway workspace from ``{relative path: content}``; returns ``tmp``."""
    for rel, content in files.items():
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return tmp
