"""``perfctl query`` and ``export --format parquet`` against ``lint`` cold on the same store:
the goal of issue 15 (each ≤ 2× lint cold).

On the bench's synthetic store (:func:`synth.make_store`; ``store-SIZE`` under ``root`` is
reused when :func:`run.make_store` made it already), whole processes, round-robin, one untimed
warm-up each, medians (:func:`run.round_robin`):

- ``lint cold``: ``perfctl lint STORE``, the cache folder deleted before each run;
- ``query``: ``perfctl query "select level1, count(*) from indicators group by 1" STORE``;
- ``export parquet``: ``perfctl export STORE -o OUT.parquet`` (both tables).

Needs the analytics extra (``pip install -e '.[analytics]'``).

Usage: python tests/bench/analytics.py [--size 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

#: The goal: each measure at most this many times lint cold.
GOAL = 2.0
QUERY = "select level1, count(*) from indicators group by 1"


def bench_query(root: Path, size: int, rounds: int) -> dict[str, Any]:
    """``{"lint cold": figures, "query": figures, "export parquet": figures, "goals": [...]}``;
    figures as :meth:`run.Measure.figures` (seconds, MiB) plus ``ratio`` to lint cold."""
    import run  # here, not at import: run.py may import this module
    import synth

    store = root / f"store-{size}"
    if not store.exists():
        synth.make_store(store, size)
    cache = store / ".perfctl" / "cache"
    out = root / f"analytics-{size}"
    measures = [
        run.Measure("lint cold", [run.PERFCTL, "lint", str(store)], root,
                    before=lambda: shutil.rmtree(cache, ignore_errors=True)),
        run.Measure("query", [run.PERFCTL, "query", QUERY, str(store)], root),
        run.Measure("export parquet", [run.PERFCTL, "export", str(store), "--format", "parquet", "-o", str(out)], root),
    ]
    run.round_robin(measures, rounds)
    figures = {m.name: m.figures() for m in measures}
    lint = figures["lint cold"]["median_s"]
    for f in figures.values():
        f["ratio"] = f["median_s"] / lint
    figures["goals"] = [{"goal": f"{name} ≤ {GOAL}× lint cold ({size:,} projects)", "ratio": figures[name]["ratio"],
                         "met": figures[name]["ratio"] <= GOAL and figures[name]["exit_codes"] == [0]}
                        for name in ("query", "export parquet")]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000, help="projects in the store")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each command")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="perfctl-bench-analytics-"))
    try:
        figures = bench_query(root, args.size, args.rounds)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for name, f in figures.items():
        if name != "goals":
            print(f"{name:15} {f['median_s']:7.2f} s  {f['ratio']:5.2f}×  peak {f['peak_mib']:6.0f} MiB  exit {f['exit_codes']}")
    print(json.dumps(figures["goals"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
