"""Run the rules over a store: selection, profiles, positions, severities, suppressions.

Lint never writes to the files it checks. Each file is linted on its own
(:mod:`perfctl.lint.checker`); its result is cached by content in the store
(:mod:`perfctl.cache`), and files not in the cache are linted on all cores when there are
many (:mod:`perfctl.parallel`). Rules across files (``check_store``) then run over the
projects' headers, and the history rules (``check_history``) over each project linted and
last year's table of it linted in the same run (:mod:`perfctl.lint.history`, cached by the
contents of the two years' files). Findings come out in file, line, column order whatever
ran where.
"""

from __future__ import annotations

import fnmatch
import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from stat import S_ISREG

from perfctl import cache, fileio, parallel, store
from perfctl import config as config_mod
from perfctl.errors import InputError
from perfctl.i18n import _
from perfctl.lint import Finding, history
from perfctl.lint.checker import ORDER, Record, Strings, check_files, place, selected
from perfctl.lint.rules import RULES, unknown_code
from perfctl.model import Project

#: Fewest files worth reading the store's cache for: a large store's cache takes longer to
#: load than a few files take to lint (``perfctl lint`` on the files of one commit).
CACHE_MIN_FILES = 100


@dataclass
class FileInfo:
    """A linted file and the profile its rules ran under (``reason``: configured or detected why)."""

    path: str
    profile: str
    reason: str


@dataclass
class Report:
    """Everything one lint run found: findings in file, line, column order; files that
    could not be read (``errors``); the files linted with their profiles."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: list[FileInfo] = field(default_factory=list)


def excluded(path: Path, cfg: config_mod.Config) -> bool:
    """Whether ``path`` matches one of the config's ``lint.exclude`` globs (relative to the store root)."""
    if not cfg.lint.exclude or cfg.root is None:
        return False
    try:
        rel = path.resolve().relative_to(cfg.root).as_posix()
    except ValueError:
        return False
    return any(fnmatch.fnmatch(rel, pattern) for pattern in cfg.lint.exclude)


def lint(paths: Iterable[str | Path], cfg: config_mod.Config | None = None) -> Report:
    """Lint every project file under ``paths``.

    Each path is governed by the nearest ``perfctl.yaml`` above it unless ``cfg`` is given.
    Unreadable files become ``Report.errors``; the other files are still checked.
    Raises :class:`InputError` for a store config that is itself bad.
    """
    with _cycle_collector_paused():
        return _lint(paths, cfg)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the run (and in the workers it forks), as mypy does:
    a run makes 100,000s of findings and loaded objects that live to its end, which the
    collector would walk again and again (about a tenth of a warm run), while linting makes
    almost no garbage cycles (43 objects in 2,000 files, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lint(paths: Iterable[str | Path], cfg: config_mod.Config | None) -> Report:
    report = Report()
    jobs: list[tuple[Path, config_mod.Config]] = []
    seen = store.Seen()  # a file named twice (``lint F F``, ``lint store store/x.yaml``) is linted once
    args = list(paths)
    checked: set[int] = set()
    for arg in args:
        conf = cfg or config_mod.for_path(arg)
        if id(conf) not in checked:
            checked.add(id(conf))
            _check_codes(conf)
        try:
            files = store.find_files([arg])
        except InputError as exc:
            if exc.path is None or seen.first(Path(exc.path)):
                report.errors.append(exc)
            continue
        jobs += [(f, conf) for f in files if seen.first(f)]
    by_path: dict[str, list[Finding]] = {}
    headers: list[tuple[Project, config_mod.Config]] = []
    linted: list[history.Linted] = []
    caches: dict[tuple[Path | None, str], cache.Cache] = {}
    for (path, conf), result, store_cache in _results(jobs, caches):
        if isinstance(result, InputError):
            report.errors.append(result)
        elif not excluded(path, conf):
            where = str(path)
            report.files.append(FileInfo(where, result.profile, result.reason))
            by_path[where] = result.findings(where)  # in line, col, code order (checker.ORDER)
            project = result.project(path)
            headers.append((project, conf))
            linted.append(history.Linted(where, project, conf, result, store_cache))
    across = _check_store(headers) + history.check(linted)
    given = {Path(a).resolve() for a in args}
    for (root, _settings_text), store_cache in caches.items():  # a cache is pruned to this run when its whole store was linted
        store_cache.save(prune=root is not None and root in given)
    report.findings = _in_order(by_path, across)
    return report


def _in_order(by_path: dict[str, list[Finding]], across: list[Finding]) -> list[Finding]:
    """All findings in path, line, col, code order: each file's own findings are in order
    already, so only the files are sorted, and the few findings of rules across files are
    merged into their files (after a file's own findings at the same place, as a stable sort
    of them all would put them)."""
    extra: dict[str, list[Finding]] = {}
    for finding in across:
        extra.setdefault(finding.path, []).append(finding)
    for path, more in extra.items():
        by_path[path] = sorted(by_path.get(path, []) + more, key=ORDER)
    return list(chain.from_iterable(by_path[path] for path in sorted(by_path)))


def _check_codes(conf: config_mod.Config) -> None:
    """Refuse a configuration that names a rule that does not exist: a typo in ``select``
    would lint nothing and pass; or whose ``score:`` settings are bad (the PT-E rules score
    with them, in the workers). Raises :class:`InputError` naming the config file."""
    if conf.score:
        from perfctl.scoring.settings import from_config

        from_config(conf)
    lint = conf.lint
    for key, codes, prefix in (("select", lint.select, True), ("ignore", lint.ignore, True),
                               ("severity", list(lint.severity), False)):
        for code in codes:
            problem = unknown_code(code, prefix=prefix)
            if problem:
                raise InputError(_("lint.{key}: {problem}").format(key=key, problem=problem), conf.path)


def _results(jobs: list[tuple[Path, config_mod.Config]], caches: dict[tuple[Path | None, str], cache.Cache]
             ) -> Iterator[tuple[tuple[Path, config_mod.Config], Record | InputError, cache.Cache]]:
    """Each job with its record (its cache ``key`` set), from its store's cache or linted
    afresh (in parallel when many files changed), or the error that kept it from loading,
    and the job's cache; in job order, each as soon as it is known (so the caller works while
    workers do). A file whose status the cache knows is not read at all; one it does not know
    is read and hashed. The caches opened are left in ``caches`` (store root and settings →
    cache) for the caller to save."""
    by_conf: dict[int, cache.Cache] = {}

    def cache_for(conf: config_mod.Config) -> cache.Cache:
        if id(conf) not in by_conf:
            key = (conf.root, _settings(conf))
            if key not in caches:
                root = conf.root if len(jobs) >= CACHE_MIN_FILES else None
                caches[key] = cache.Cache.open(root, "lint", key[1])
            by_conf[id(conf)] = caches[key]
        return by_conf[id(conf)]

    tables: dict[int, Strings] = {}

    def table(store_cache: cache.Cache) -> Strings:
        if id(store_cache) not in tables:
            tables[id(store_cache)] = Strings(store_cache.strings, store_cache.intern)
        return tables[id(store_cache)]

    out: list[Record | InputError | None] = []
    misses: list[int] = []
    statuses: dict[int, tuple[str, os.stat_result]] = {}  # taken before the file is read, remembered with its key
    cwd = os.getcwd()
    for i, (path, conf) in enumerate(jobs):
        store_cache = cache_for(conf)
        record = None
        if store_cache.path is not None:
            where = os.path.join(cwd, path)
            try:
                st = os.stat(path)
            except OSError:  # read_bytes says why
                st = None
            if st is not None and S_ISREG(st.st_mode):
                key = store_cache.known_digest(where, st)
                hashed = key is None and bool(store_cache.old)
                if hashed:  # not known by status: read and hash it
                    try:
                        raw = fileio.read_bytes(path)
                    except InputError as exc:
                        out.append(exc)
                        continue
                    key = cache.digest(raw)
                hit = None if key is None else store_cache.get(key)
                record = None if hit is None else Record.unpack(hit, table(store_cache))
                if record is not None:
                    record.key = key  # type: ignore[assignment]
                if record is None:
                    statuses[i] = (where, st)
                elif hashed:
                    store_cache.remember(where, st, key)  # type: ignore[arg-type]
        out.append(record)
        if record is None:
            misses.append(i)
    fresh = parallel.map_chunks(check_files, [jobs[i] for i in misses])
    for i, job in enumerate(jobs):
        result, out[i] = out[i], None  # let each record go once the caller has it
        if result is None:
            key, packed = next(fresh)
            if isinstance(packed, InputError):
                result = packed
            else:
                store_cache = cache_for(job[1])
                result = Record(table(store_cache).adopt(packed), table(store_cache), key)
                if key:
                    store_cache.put(key, result.stored())
                    if i in statuses:
                        store_cache.remember(*statuses.pop(i), key)
        yield job, result, cache_for(job[1])
    for _unused in fresh:  # finish the workers' generator (it closes the pool)
        pass


def _settings(conf: config_mod.Config) -> str:
    """What, besides a file's bytes and perfctl itself, shapes its record: the settings and
    the language its messages are in (a record keeps them translated)."""
    from perfctl import i18n

    lint = conf.lint
    return repr((i18n.language(), conf.profile, lint.select, lint.ignore, lint.severity, lint.thresholds, lint.lexicons,
                 sorted(conf.score.items())))


def _check_store(projects: list[tuple[Project, config_mod.Config]]) -> list[Finding]:
    found: list[Finding] = []
    for code, rule in RULES.items():
        if not hasattr(rule, "check_store"):
            continue
        chosen = [(p, c) for p, c in projects if selected(code, c.lint)]
        for project, problem in rule.check_store([p for p, _conf in chosen]):
            conf = next(c for p, c in chosen if p is project)
            found += place(project, rule, [problem], conf)
    return found
