"""``make bench``: perfctl's speed and memory on synthetic stores, as ratios to yardsticks measured in the same run.

For each store size (1,000 and 10,000 projects by default) it writes a deterministic store
(:mod:`synth`) into a temporary folder, commits it to a throwaway git repository, changes 1%
of the files in a second commit, and times whole processes, the way a user meets them:

- ``baseline``: parsing the same files with libyaml's C loader in one Python process (``baseline.py``);
- ``lint cold`` (cache folder deleted before each run) and ``lint warm`` (nothing changed since the last run);
- ``render html`` of the whole store, ``export json`` of the whole store (output to /dev/null);
- ``diff`` between the two commits (1% of the files changed);
- ``yamllint`` over the same store with no rules (syntax only), a peer for reference.

and once: ``perfctl --version`` and ``perfctl lint ONE_FILE`` against a minimal typer app (``hello.py``),
lint of a seed-shaped store (10,000 renamed copies of the four bundled projects, each with its
real size and about 12 real findings) cold and warm in every report format (text, json, sarif,
github) and ``yamllint -d relaxed`` over it, against the libyaml baseline on those files,
and ``perfctl import`` of a folder of 1,000 Word files (each one seed project under its own
name, written by ``tests/importers/officefiles.py``) against python-docx merely opening
them (``docx_open.py``), and ``perfctl score --format json`` of a store of 10,000 projects
with year-end results (``synth.make_store(..., results=True)``; scoring keeps no cache) against
the same libyaml baseline on those files, and ``render --format docx`` and ``--format xlsx``
of 1,000 projects against python-docx and openpyxl writing the same cells (``office.py``, in-process),
and ``perfctl query`` and ``export --format parquet`` (``analytics.py``; needs the analytics extra)
and ``perfctl report`` cold and warm (``report.py``) on a 10,000-project store against ``lint`` cold on it.

Runs go round-robin (baseline, then each command, then again), so a machine that slows
down mid-run slows every column alike. Each figure is the median of its runs; peak memory is
the largest resident set of any one process of the command (``os.wait4``'s ``ru_maxrss``).
Output: a table on stdout and the figures as JSON (``--json``). The store sizes need PyYAML and
yamllint, the score store PyYAML (``pip install -e '.[bench]'``); ``--sizes`` with no size and
``--score-files 0`` and ``--seed-files 0`` skip them (start-up and import only).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import office  # noqa: E402
import synth  # noqa: E402

HERE = Path(__file__).parent
PYTHON = sys.executable
PERFCTL = shutil.which("perfctl", path=str(Path(PYTHON).parent)) or "perfctl"
YAMLLINT = shutil.which("yamllint", path=str(Path(PYTHON).parent)) or "yamllint"
#: Goals of issue 6: (measurement, yardstick, highest ratio allowed).
GOALS = [("lint cold", "baseline", 2.0, 10000), ("lint warm", "baseline", 0.3, 10000),
         ("render html", "baseline", 3.0, 10000), ("diff", "baseline", 0.2, 10000),
         ("perfctl --version", "typer hello", 1.2, None), ("lint ONE_FILE", "typer hello", 1.6, None)]
#: Goal of issue 15: ``perfctl --help`` in Chinese (catalog read) against English (none), in the same run.
HELP_ZH_GOAL = 1.1
#: Goal of issue 12: import of N .docx files ≤ 3× python-docx opening them.
IMPORT_GOAL = 3.0
#: Goal of issue 13: scoring a store with results ≤ 2× the libyaml parse of its files (as lint cold).
SCORE_GOAL = 2.0
#: Goals of issue 16 on the seed-shaped store, in every report format: (measure, highest ratio to its baseline).
SEED_FORMATS = ("text", "json", "sarif", "github")
SEED_GOALS = (("lint cold", 2.0), ("lint warm", 0.3))


def run_once(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """Run ``argv`` with output thrown away; (wall seconds, peak RSS in MiB, exit code)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # let warm-ups cache bytecode
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, code


class Measure:
    """One command to time: ``argv`` in ``cwd``; ``before`` runs ahead of every run (not timed)."""

    def __init__(self, name: str, argv: list[str], cwd: Path, *, before: Any = None, runs: int | None = None) -> None:
        self.name, self.argv, self.cwd, self.before, self.runs = name, argv, cwd, before, runs
        self.walls: list[float] = []
        self.peaks: list[float] = []
        self.codes: set[int] = set()

    def once(self) -> None:
        if self.before:
            self.before()
        wall, peak, code = run_once(self.argv, self.cwd)
        self.walls.append(wall)
        self.peaks.append(peak)
        self.codes.add(code)

    def figures(self) -> dict[str, Any]:
        return {"command": " ".join(self.argv), "runs": len(self.walls), "median_s": statistics.median(self.walls),
                "min_s": min(self.walls), "max_s": max(self.walls), "peak_mib": max(self.peaks),
                "exit_codes": sorted(self.codes)}


def round_robin(measures: list[Measure], rounds: int) -> None:
    """One untimed warm-up of each, then ``rounds`` rounds of one run each (fewer for a measure with ``runs``)."""
    for m in measures:
        if m.before:
            m.before()
        run_once(m.argv, m.cwd)
    for r in range(rounds):
        for m in measures:
            if m.runs is None or r < m.runs:
                m.once()


def git(store: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false",
                    *args], cwd=store, check=True, capture_output=True)


def make_store(root: Path, size: int) -> Path:
    """The store of ``size`` projects, with two commits: as generated, then 1% of the files edited."""
    store = root / f"store-{size}"
    files = synth.make_store(store, size)
    git(store, "init", "-q")
    git(store, "add", "-A")
    git(store, "commit", "-q", "-m", "generated")
    synth.change_some(files, 0.01)
    git(store, "commit", "-q", "-a", "-m", "1% changed")
    return store


def bench_size(root: Path, size: int, rounds: int) -> dict[str, Any]:
    store = make_store(root, size)
    cache = store / ".perfctl" / "cache"
    measures = [
        Measure("baseline", [PYTHON, str(HERE / "baseline.py"), str(store)], root),
        Measure("lint cold", [PERFCTL, "lint", str(store)], root, before=lambda: shutil.rmtree(cache, ignore_errors=True)),
        Measure("lint warm", [PERFCTL, "lint", str(store)], root),
        Measure("render html", [PERFCTL, "render", str(store), "--format", "html", "--out", str(root / f"html-{size}")], root),
        Measure("export json", [PERFCTL, "export", str(store), "--format", "json"], root),
        Measure("diff", [PERFCTL, "diff", "HEAD~1", "HEAD"], store),
        Measure("yamllint", [YAMLLINT, "-d", "{rules: {}}", str(store)], root, runs=1 if size > 2000 else None),
    ]
    round_robin(measures, rounds)
    return {m.name: m.figures() for m in measures}


def bench_startup(root: Path, rounds: int) -> dict[str, Any]:
    one = sorted((root / "store-1000").rglob("*.yaml"))[0] if (root / "store-1000").exists() else None
    if one is None:
        one = synth.make_store(root / "one", 1)[0]
    measures = [Measure("typer hello", [PYTHON, str(HERE / "hello.py")], root),
                Measure("perfctl --version", [PERFCTL, "--version"], root),
                Measure("perfctl --help", [PERFCTL, "--lang", "en", "--help"], root),
                Measure("perfctl --help zh", [PERFCTL, "--lang", "zh", "--help"], root),
                Measure("lint ONE_FILE", [PERFCTL, "lint", str(one)], root)]
    round_robin(measures, rounds)
    return {m.name: m.figures() for m in measures}


def make_docx_folder(root: Path, count: int) -> Path:
    """``count`` Word files, each holding one seed project (cycling through the four) renamed
    so that every file imports to its own project file."""
    sys.path.insert(0, str(HERE.parent / "importers"))
    import dataclasses

    import officefiles

    from perfctl import model

    seeds = [model.load(p) for p in sorted((HERE.parent.parent / "data").rglob("*.yaml"))]
    folder = root / f"docx-{count}"
    folder.mkdir()
    for i in range(count):
        project = dataclasses.replace(seeds[i % len(seeds)], name=f"{seeds[i % len(seeds)].name}{i:05d}")
        officefiles.write_docx([project], folder / f"{i:05d}.docx")
    return folder


def bench_import(root: Path, count: int, rounds: int) -> dict[str, Any]:
    folder = make_docx_folder(root, count)
    store = root / f"imported-{count}"
    measures = [Measure("docx open", [PYTHON, str(HERE / "docx_open.py"), str(folder)], root),
                Measure("import docx", [PERFCTL, "import", str(folder), "--into", str(store), "--year", "2025"], root,
                        before=lambda: shutil.rmtree(store, ignore_errors=True))]
    round_robin(measures, rounds)
    return {m.name: m.figures() for m in measures}


def bench_score(root: Path, count: int, rounds: int) -> dict[str, Any]:
    """``perfctl score --format json`` of ``count`` projects with results against libyaml parsing them."""
    store = root / f"scored-{count}"
    synth.make_store(store, count, results=True)
    cache = store / ".perfctl" / "cache"
    measures = [Measure("baseline", [PYTHON, str(HERE / "baseline.py"), str(store)], root),
                Measure("score cold", [PERFCTL, "score", str(store), "--format", "json"], root,
                        before=lambda: shutil.rmtree(cache, ignore_errors=True))]
    round_robin(measures, rounds)
    return {m.name: m.figures() for m in measures}


def make_seed_store(root: Path, count: int) -> Path:
    """``count`` projects made from the four bundled seed projects (``data/``), each copy under
    its own name (项目名称 + a number), so that every file has a real table's size and its real
    findings (about 12 a file)."""
    store = root / f"seed-{count}"
    seeds = [p.read_text(encoding="utf-8") for p in sorted((HERE.parent.parent / "data").rglob("*.yaml"))]
    folder = store / "389101" / "2025"
    folder.mkdir(parents=True)
    (store / "perfctl.yaml").write_text("profile: auto\n", encoding="utf-8")  # a store root: lint keeps its cache there
    for i in range(count):
        text = seeds[i % len(seeds)]
        head, sep, rest = text.partition("\nname: ")
        name, nl, tail = rest.partition("\n")
        (folder / f"{i:05d}.yaml").write_text(f"{head}{sep}{name}{i:05d}{nl}{tail}", encoding="utf-8")
    return store


def bench_seed(root: Path, count: int, rounds: int) -> dict[str, Any]:
    """Lint of the seed-shaped store in every report format, cold and warm, against libyaml
    parsing the same files, and ``yamllint -d relaxed`` once."""
    store = make_seed_store(root, count)
    cache = store / ".perfctl" / "cache"
    measures = [Measure("baseline", [PYTHON, str(HERE / "baseline.py"), str(store)], root)]
    for fmt in SEED_FORMATS:
        measures += [Measure(f"lint cold {fmt}", [PERFCTL, "lint", str(store), "--format", fmt], root,
                             before=lambda: shutil.rmtree(cache, ignore_errors=True)),
                     Measure(f"lint warm {fmt}", [PERFCTL, "lint", str(store), "--format", fmt], root)]
    measures.append(Measure("yamllint relaxed", [YAMLLINT, "-d", "relaxed", str(store)], root, runs=1))
    round_robin(measures, rounds)
    return {m.name: m.figures() for m in measures}


def ratios(results: dict[str, Any]) -> None:
    """Add ``ratio`` (to the size's baseline or to the typer app) to every figure."""
    for size, figures in results["sizes"].items():
        base = figures["baseline"]["median_s"]
        for f in figures.values():
            f["ratio"] = f["median_s"] / base
    hello = results["startup"]["typer hello"]["median_s"]
    for f in results["startup"].values():
        f["ratio"] = f["median_s"] / hello
    for part, yardstick in (("import", "docx open"), ("score", "baseline"), ("seed", "baseline")):
        for f in results.get(part, {}).values():
            f["ratio"] = f["median_s"] / results[part][yardstick]["median_s"]


def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal of issue 6 with the measured figure; a run without 10,000 projects checks its largest store
    (and a run without store sizes only the start-up and import goals)."""
    if not results["sizes"]:
        return [{"goal": f"{name} ≤ {limit}× {yardstick}", "ratio": results["startup"][name]["ratio"],
                 "met": results["startup"][name]["ratio"] <= limit}
                for name, yardstick, limit, size in GOALS if not size] + _extra_goals(results)
    largest = max(results["sizes"], key=int)
    big = results["sizes"].get("10000") or results["sizes"][largest]
    out = []
    for name, yardstick, limit, size in GOALS:
        f = big[name] if size else results["startup"][name]
        where = f" ({int(largest) if '10000' not in results['sizes'] else size:,} projects)" if size else ""
        out.append({"goal": f"{name} ≤ {limit}× {yardstick}{where}", "ratio": f["ratio"], "met": f["ratio"] <= limit})
    for name in ("lint cold", "lint warm"):
        speedup = big["yamllint"]["median_s"] / big[name]["median_s"]
        out.append({"goal": f"{name} ≥ 10× faster than yamllint", "ratio": speedup, "met": speedup >= 10})
    out.extend(_extra_goals(results))
    peak = big["lint cold"]["peak_mib"]
    out.append({"goal": "lint peak memory ≤ 200 MB", "ratio": peak, "met": peak * 1.048576 <= 200})
    return out


def _extra_goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The goals of issue 12 (import) and 13 (score), when measured; a command exiting with a code
    other than those listed (import: 0; score: 0 scored, 1 findings) never meets its goal."""
    out = []
    seed = results.get("seed")
    if seed:
        count = f"{results.get('seed_files', 0):,}"
        for fmt in SEED_FORMATS:
            for name, limit in SEED_GOALS:
                f = seed[f"{name} {fmt}"]
                out.append({"goal": f"{name} --format {fmt} ≤ {limit}× baseline (seed-shaped, {count})",
                            "ratio": f["ratio"], "met": f["ratio"] <= limit})
        speedup = seed["yamllint relaxed"]["median_s"] / seed["lint cold text"]["median_s"]
        out.append({"goal": f"lint cold ≥ 10× faster than yamllint -d relaxed (seed-shaped, {count})",
                    "ratio": speedup, "met": speedup >= 10})
        peak = max(f["peak_mib"] for name, f in seed.items() if name.startswith("lint"))
        out.append({"goal": f"lint peak memory ≤ 200 MB (seed-shaped, {count})", "ratio": peak,
                    "met": peak * 1.048576 <= 200})
    out.extend(results.get("query", {}).get("goals", []))
    start = results.get("startup", {})
    if "perfctl --help zh" in start:  # issue 15: the Chinese catalog costs no start-up time worth seeing
        ratio = start["perfctl --help zh"]["median_s"] / start["perfctl --help"]["median_s"]
        out.append({"goal": f"--help in Chinese ≤ {HELP_ZH_GOAL}× --help in English (catalog loaded vs none)",
                    "ratio": ratio, "met": ratio <= HELP_ZH_GOAL})
    if results.get("report"):
        f = results["report"]
        out.append({"goal": f"report cold ≤ {f['goal']}× lint cold ({f['report cold']['median_s']:.2f} s vs "
                            f"{f['lint cold']['median_s']:.2f} s)", "ratio": f["ratio"], "met": f["ratio"] <= f["goal"]})
    for fmt, f in results.get("office", {}).items():
        out.append({"goal": f"render --format {fmt} of {f['projects']:,} projects ≤ {f['goal']}× {office.LIBRARY[fmt]} "
                            f"writing the same cells ({f['perfctl_s']:.2f} s vs {f['baseline_s']:.2f} s)",
                    "ratio": f["ratio"], "met": f["met"]})
    for part, name, codes, limit, goal in (
            ("import", "import docx", {0}, IMPORT_GOAL,
             f"import of {results.get('import_files', 0):,} .docx ≤ {IMPORT_GOAL}× python-docx opening them"),
            ("score", "score cold", {0, 1}, SCORE_GOAL,
             f"score of {results.get('score_files', 0):,} projects with results ≤ {SCORE_GOAL}× baseline")):
        if results.get(part):
            f = results[part][name]
            ran = set(f["exit_codes"]) <= codes
            out.append({"goal": goal + ("" if ran else f" ({part} exited {f['exit_codes']})"), "ratio": f["ratio"],
                        "met": f["ratio"] <= limit and ran})
    return out


def table(results: dict[str, Any]) -> str:
    lines = [f"{'store':>7}  {'command':<18} {'median s':>9} {'ratio':>7} {'peak MiB':>9} {'runs':>4}"] if results["sizes"] else []
    for size, figures in results["sizes"].items():
        for name, f in figures.items():
            lines.append(f"{int(size):>7,}  {name:<18} {f['median_s']:>9.3f} {f['ratio']:>6.2f}× {f['peak_mib']:>9.1f} "
                         f"{f['runs']:>4}")
    for part, count in (("startup", ""), ("import", f"{results.get('import_files', 0):,}"),
                        ("score", f"{results.get('score_files', 0):,}"), ("seed", f"{results.get('seed_files', 0):,}")):
        if results.get(part):
            lines.append(f"\n{count:>7}  {part.replace('startup', 'start-up'):<18} {'median s':>9} {'ratio':>7} "
                         f"{'peak MiB':>9} {'runs':>4}")
            lines += [f"{'':>7}  {name:<18} {f['median_s']:>9.3f} {f['ratio']:>6.2f}× {f['peak_mib']:>9.1f} {f['runs']:>4}"
                      for name, f in results[part].items()]
    lines.append("\nratios: store rows to that size's baseline, start-up rows to the typer hello app, "
                 "import rows to python-docx opening the files, score rows to the baseline on the scored store, "
                 "seed rows to the baseline on the seed-shaped store\n")
    for g in results["goals"]:
        lines.append(f"  {'met   ' if g['met'] else 'MISSED'}  {g['goal']}: {g['ratio']:.2f}")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else None
    return {"cores": cores, "memory_gib": round(memory / 2**30, 1) if memory else None,
            "python": platform.python_version(), "platform": platform.platform(), "processor": platform.machine()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000],
                        help="store sizes (projects); none: skip the stores (no PyYAML or yamllint needed)")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each command per size")
    parser.add_argument("--startup-rounds", type=int, default=10, help="timed runs of each start-up command")
    parser.add_argument("--import-files", type=int, default=1000, help=".docx files for the import measure (0: skip it)")
    parser.add_argument("--score-files", type=int, default=10000,
                        help="projects with results for the score measure (0: skip it)")
    parser.add_argument("--seed-files", type=int, default=10000,
                        help="projects of the seed-shaped store, linted in every report format (0: skip it)")
    parser.add_argument("--office-projects", type=int, default=1000,
                        help="projects rendered to .docx and .xlsx against the libraries alone (0: skip it)")
    parser.add_argument("--office-rounds", type=int, default=1,
                        help="timed runs of the office measure (python-docx alone takes ~30 s for 1,000 projects)")
    parser.add_argument("--summary-size", type=int, default=10000,
                        help="projects of the store that query, export parquet and report run on (0: skip them)")
    parser.add_argument("--json", type=Path, default=Path("out/bench.json"), help="where to write the figures")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args()
    if args.sizes or args.score_files or args.seed_files:
        import importlib.util

        missing = [name for name, there in (("PyYAML", importlib.util.find_spec("yaml")),
                                            ("yamllint", not (args.sizes or args.seed_files) or shutil.which(YAMLLINT)))
                   if not there]
        if missing:
            parser.error(f"the store sizes and the score and seed stores need {' and '.join(missing)}: "
                         "pip install -e '.[bench]' (or give --sizes with no size, --score-files 0 and --seed-files 0 "
                         "to measure start-up and import only)")

    root = Path(tempfile.mkdtemp(prefix="perfctl-bench-"))
    try:
        results: dict[str, Any] = {"machine": machine(), "sizes": {}}
        for size in args.sizes:
            print(f"store of {size:,} projects …", file=sys.stderr)
            results["sizes"][str(size)] = bench_size(root, size, args.rounds)
        print("start-up …", file=sys.stderr)
        results["startup"] = bench_startup(root, args.startup_rounds)
        if args.import_files:
            print(f"import of {args.import_files:,} .docx files …", file=sys.stderr)
            results["import_files"] = args.import_files
            results["import"] = bench_import(root, args.import_files, args.rounds)
        if args.score_files:
            print(f"score of {args.score_files:,} projects with results …", file=sys.stderr)
            results["score_files"] = args.score_files
            results["score"] = bench_score(root, args.score_files, args.rounds)
        if args.seed_files:
            print(f"seed-shaped store of {args.seed_files:,} projects, every report format …", file=sys.stderr)
            results["seed_files"] = args.seed_files
            results["seed"] = bench_seed(root, args.seed_files, args.rounds)
        if args.office_projects:
            results["office"] = {}
            for fmt in sorted(office.LIBRARY):
                print(f"render of {args.office_projects:,} projects to .{fmt} …", file=sys.stderr)
                results["office"][fmt] = office.measure(fmt, args.office_projects, args.office_rounds)
        if args.summary_size:
            import analytics
            import report

            print(f"query, parquet and report on {args.summary_size:,} projects …", file=sys.stderr)
            results["query"] = analytics.bench_query(root, args.summary_size, args.rounds)
            results["report"] = report.bench_report(root, args.summary_size, args.rounds)
        ratios(results)
        results["goals"] = goals(results)
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nfigures written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
