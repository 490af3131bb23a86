"""``perfctl report`` on a synthetic store against ``perfctl lint`` cold on the same store
(issue 15: report within 2× of lint cold), for ``make bench`` (:func:`bench_report`).

Three measures, round-robin as every bench (:func:`run.round_robin`): ``lint cold`` and
``report cold`` (lint cache deleted before each run: report lints in-process, so a cold
report pays for a cold lint, then loads and summarises the store), and ``report warm``
(the cache as the previous run left it: what a user meets after a ``perfctl lint``).
Output thrown away, text format. Standalone: ``python tests/bench/report.py [SIZE] [ROUNDS]``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import run  # noqa: E402
import synth  # noqa: E402

#: Goal of issue 15: report (cold) ≤ 2× lint cold on the same store.
REPORT_GOAL = 2.0


def bench_report(root: Path, size: int, rounds: int) -> dict[str, Any]:
    """Figures (as :meth:`run.Measure.figures`) of ``lint cold``, ``report cold`` and ``report warm``
    on a store of ``size`` projects written under ``root``, with ``ratio``: report cold ÷ lint
    cold (medians) and ``goal``: :data:`REPORT_GOAL`."""
    store = root / f"report-{size}"
    if not store.exists():
        synth.make_store(store, size)
    cache = store / ".perfctl" / "cache"

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    measures = [run.Measure("lint cold", [run.PERFCTL, "lint", str(store)], root, before=cold),
                run.Measure("report cold", [run.PERFCTL, "report", str(store)], root, before=cold),
                run.Measure("report warm", [run.PERFCTL, "report", str(store)], root)]
    run.round_robin(measures, rounds)
    out: dict[str, Any] = {m.name: m.figures() for m in measures}
    out["ratio"] = out["report cold"]["median_s"] / out["lint cold"]["median_s"]
    out["goal"] = REPORT_GOAL
    return out


if __name__ == "__main__":
    import tempfile

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(bench_report(Path(tmp), size, rounds), indent=2))
