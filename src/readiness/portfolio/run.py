"""Portfolio: every manifest of an organization, assessed in one run.

Leadership needs the picture across all pilots, not one report per pilot, and
an organization has thousands of them. This module assesses the manifests
:mod:`readiness.portfolio.discover` finds (:func:`assess_many`); the portfolio
report built from the result lives in :mod:`readiness.portfolio.report`.

Two properties matter more than anything else here:

* one broken manifest never stops the others: it becomes an error row with
  the same diagnostics ``readiness assess`` would print for it;
* the result depends only on the files, never on how the work was spread:
  one process or many, results come back ordered by path and identical.

A manifest's assessment is reduced, inside the worker that made it, to the
few fields a portfolio reads (:class:`Result`): sending whole reports between
processes would cost more than scoring them.

No rich, jinja2 or typer here: the portfolio's hot path imports only what
scoring needs.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from readiness.common.errors import Diagnostic, InputError
from readiness.manifest.load import load_manifest
from readiness.portfolio.discover import discover as discover
from readiness.portfolio.discover import order_key
from readiness.rubric.load import load_rubric
from readiness.rubric.model import Rubric
from readiness.scoring import evidence
from readiness.scoring.bottleneck import find as find_bottleneck
from readiness.scoring.engine import STATUSES, UNVERIFIED
from readiness.scoring.prepare import score

# Below this many manifests one process is as fast as a pool: measured on 2
# cores, starting and joining a forked pool costs 15-20 ms and a manifest
# about 1 ms, so two workers break even near 40 manifests; 64 leaves a margin.
PARALLEL_THRESHOLD = 64
# Manifests per unit of work sent to a worker: big enough that the inter-process
# traffic is noise, small enough that the progress bar moves and the cores finish together.
MAX_CHUNK = 200
SERIAL_CHUNK = 50

# One character per criterion status in a Result: small to send between processes, fast to count.
STATUS_CODES = {status: chr(ord("0") + i) for i, status in enumerate(STATUSES)}

Progress = Callable[[int, int], None]


# ---------------------------------------------------------------- assessment


@dataclass(frozen=True, slots=True)
class Result:
    """What a portfolio needs from one manifest; ``error`` is set instead of the scores when it could not be assessed.

    ``statuses`` holds one character per rubric criterion, in rubric order:
    the status's position in :data:`readiness.engine.STATUSES` (decode with
    :meth:`status`). Dimension scores are in rubric order too.
    """

    manifest: str
    project: str | None = None
    owner: str | None = None
    score: float | None = None
    phase: str | None = None
    weakest: str | None = None
    bottleneck: str | None = None  # the dimension that most holds back the next phase (docs/scoring.md, 3a)
    dimensions: tuple[float | None, ...] = ()
    statuses: str = ""
    blockers: tuple[str, ...] = ()
    error: str | None = None
    claimed_score: float | None = None  # the score before verification, under --verify-evidence
    frameworks: tuple[str, ...] = ()  # per pack of the run, one code per requirement (readiness.portfolio.frameworks)
    scan: tuple[int, ...] = ()  # under --scan: claims per status of readiness.scan.STATUSES
    contradicted: tuple[str, ...] = ()  # under --scan: the criteria whose claim the repository rules out, rubric order
    repository: str | None = None  # under --scan: the scanned repository (readiness.portfolio.scanning.shown_root)

    def __reduce__(self) -> tuple:
        """Pickled as its values in field order: a worker sends thousands, and the default (a dict of slots) costs twice as much."""
        return (Result, tuple(getattr(self, name) for name in _RESULT_FIELDS))

    @property
    def ok(self) -> bool:
        return self.error is None

    def status(self, index: int) -> str:
        return STATUSES[ord(self.statuses[index]) - ord("0")]

    @property
    def unverified(self) -> int:
        return self.statuses.count(STATUS_CODES[UNVERIFIED])


_RESULT_FIELDS = tuple(f.name for f in fields(Result))


@dataclass(frozen=True)
class Portfolio:
    rubric: Rubric
    results: tuple[Result, ...]
    verified: bool = False  # scores count only claims whose evidence was found
    frameworks: tuple = ()  # readiness.crosswalk.Pack, for --framework
    scanned: bool = False  # each claim was compared with the manifest's repository (--scan)

    @property
    def assessed(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.ok)

    @property
    def errors(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def failed(self) -> bool:
        """Whether any manifest could not be assessed (the CLI's exit code)."""
        return any(not r.ok for r in self.results)

    @property
    def contradicted(self) -> tuple[Result, ...]:
        """Under --scan, the assessed projects with a claim their repository contradicts."""
        return tuple(r for r in self.results if r.contradicted)


def _name(path: str | Path) -> str:
    """The path as reports show it: as given, with ``/`` separators on every system."""
    return os.fspath(path).replace(os.sep, "/")


def assess_one(
    path: str | Path,
    rubric: Rubric,
    today: date | None = None,
    verify_evidence: bool = False,
    frameworks: tuple = (),
    scan: bool = False,
    scans: dict | None = None,
) -> Result:
    """Assess one manifest like ``readiness assess`` does, keeping only what a portfolio reads.

    With ``verify_evidence``, evidence paths are looked up from the manifest's
    own folder, as ``readiness assess --verify-evidence`` does for it. With
    ``scan``, its claims are compared with its repository (scanned once per
    ``scans`` cache, see :mod:`readiness.portfolio.scanning`).
    """
    name = _name(path)
    try:
        manifest, source = load_manifest(name, marks=False)  # positions are read again only for a manifest with a problem
        check = evidence.check(manifest, source, rubric, Path(name).parent) if verify_evidence else None
        claims, root = _claims(manifest, rubric, name, scans) if scan else ((), None)
        if claims and check is not None:
            from readiness.scan import verify_with_scan

            check = verify_with_scan(check, claims)
        manifest, claimed, assessment = score(manifest, source, rubric, today=today, evidence_check=check)
        codes = _framework_codes(frameworks, rubric, assessment, manifest)
    except InputError as exc:
        if not os.path.isdir(name):  # a folder is one discovery could not search (asked only now: a stat per manifest adds up)
            return Result(name, error=str(exc))
        unsearched = Diagnostic(name, "cannot search this folder: permission denied", hint="make the folder readable, or leave it out")
        return Result(name, error=str(InputError(unsearched)))
    except Exception as exc:  # a bug must not cost the other manifests their assessment
        return Result(
            name,
            error=f"error: {name}: internal error: {type(exc).__name__}: {exc}\n  hint: please report it; run `readiness assess {name} --debug` for the traceback",
        )
    return Result(
        manifest=name,
        project=assessment.project,
        owner=assessment.owner,
        score=assessment.score,
        phase=assessment.phase_reached,
        weakest=assessment.weakest,
        bottleneck=None if (found := find_bottleneck(assessment)) is None else found.dimension,
        dimensions=tuple(d.score for d in assessment.dimensions),
        statuses="".join(STATUS_CODES[r.status] for r in assessment.criteria),
        blockers=tuple(r.id for r in assessment.blockers),
        claimed_score=claimed.score if verify_evidence else None,
        frameworks=codes,
        **({} if root is None else _scan_fields(claims, root, name)),
    )


def _claims(manifest, rubric: Rubric, name: str, scans: dict | None) -> tuple[tuple, Path]:
    from readiness.portfolio.scanning import claim_checks

    return claim_checks(manifest, rubric, Path(name).parent, {} if scans is None else scans)


def _scan_fields(claims: tuple, root: Path, name: str) -> dict:
    from readiness.portfolio.scanning import shown_root
    from readiness.scan.compare import CONTRADICTED, STATUSES

    return {
        "scan": tuple(sum(1 for c in claims if c.status == status) for status in STATUSES),
        "contradicted": tuple(c.criterion for c in claims if c.status == CONTRADICTED),
        "repository": shown_root(root, name),
    }


def _framework_codes(packs: tuple, rubric: Rubric, assessment, manifest) -> tuple[str, ...]:
    if not packs:
        return ()
    from readiness.crosswalk.coverage import coverage
    from readiness.portfolio.frameworks import requirement_codes

    return tuple(requirement_codes(coverage(pack, rubric, assessment, manifest)) for pack in packs)


def assess_many(
    paths: Sequence[str | Path],
    rubric: Rubric | str | Path | None = None,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    today: date | None = None,
    verify_evidence: bool = False,
    frameworks: tuple = (),
    scan: bool = False,
) -> Portfolio:
    """Assess every manifest in ``paths`` (ordered by path in the result).

    ``rubric`` is a loaded rubric or its path (default: the bundled one).
    ``workers=None`` uses every available core when the batch is large enough
    to pay for starting processes, one process otherwise; a number forces that
    many (1: no pool). ``progress(done, total)`` is called from this thread as
    manifests finish. ``today`` decides which waivers hold and
    ``verify_evidence`` scores only evidenced claims and ``scan`` compares
    each claim with the manifest's repository, as in ``assess``.
    """
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric)
    ordered = sorted((_name(p) for p in paths), key=order_key)
    count = _worker_count(len(ordered), workers)
    report = progress or (lambda done, total: None)
    report(0, len(ordered))
    options: tuple = (today, verify_evidence, tuple(frameworks), scan, {})  # the last: scans by repository root, per process
    results = _assess_serial(ordered, rubric, options, report) if count == 1 else _assess_parallel(ordered, rubric, options, count, report)
    return Portfolio(rubric, tuple(results), verify_evidence, tuple(frameworks), scan)


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _worker_count(total: int, workers: int | None) -> int:
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if workers is None:
        workers = available_cores() if total >= PARALLEL_THRESHOLD else 1
    return max(1, min(workers, total))


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _assess_serial(paths: list[str], rubric: Rubric, options: tuple, report: Progress) -> list[Result]:
    results: list[Result] = []
    for chunk in _chunks(paths, SERIAL_CHUNK):
        results.extend(assess_one(p, rubric, *options) for p in chunk)
        report(len(results), len(paths))
    return results


def _assess_parallel(paths: list[str], rubric: Rubric, options: tuple, count: int, report: Progress) -> list[Result]:
    """Chunks go to a pool whose workers received the loaded rubric once, at start; results are put back in path order.

    The first manifest is assessed here, before the workers are forked: they then start with what it loaded and
    kept (pydantic-core, the manifest validator, the effective rubric and the other per-process tables) instead
    of each loading it again.
    """
    first = assess_one(paths[0], rubric, *options)
    report(1, len(paths))
    paths = paths[1:]
    size = max(1, min(MAX_CHUNK, math.ceil(len(paths) / (count * 8))))
    chunks = _chunks(paths, size)
    done: dict[int, list[Result]] = {}
    executor = ProcessPoolExecutor(count, mp_context=_context(), initializer=_start_worker, initargs=(rubric, options))
    try:
        pending: dict[Future, int] = {executor.submit(_assess_chunk, chunk): i for i, chunk in enumerate(chunks)}
        finished = 0
        while pending:
            ready, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in ready:
                index = pending.pop(future)
                done[index] = future.result()
                finished += len(done[index])
            report(finished + 1, len(paths) + 1)
    except BaseException:  # Ctrl-C, SIGTERM (readiness.cli.streams) or a bug: no worker may outlive the run
        _end_workers(executor)
        raise
    executor.shutdown()
    return [first, *(result for i in range(len(chunks)) for result in done[i])]


def _end_workers(executor: ProcessPoolExecutor) -> None:
    """Kill the workers: they only read files, and SIGKILL reaches one that is still starting (before its handlers are reset)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError, AttributeError):
            process.join(5)


def _context():
    """Fork where it is safe and cheap (Linux): workers inherit the imported modules instead of importing them again."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_worker: dict = {}


def _start_worker(rubric: Rubric, options: tuple) -> None:
    """Keep the rubric and options for every chunk; Ctrl-C is the parent's to handle, so workers do not print tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker must not inherit the parent's unwinding handler
    _worker["rubric"] = rubric
    _worker["options"] = options


def _assess_chunk(paths: list[str]) -> list[Result]:
    return [assess_one(p, _worker["rubric"], *_worker["options"]) for p in paths]
