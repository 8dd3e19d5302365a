"""Benchmark `readiness scan` against its floor on generated repositories of 1k, 10k and 100k files (issue 13).

    python bench/scan.py [--sizes 1000,10000,100000] [--runs 5] [--stat min|median] [--json FILE]

Both sides are whole processes and each pays one Python start-up: the floor
is ``python bench/scanfloor.py ROOT`` (list the same candidate files by the
scan's rules and read each once, standard library only), the subject is
``readiness scan ROOT --format json``, stdout discarded. The runs are
interleaved (every case once, then again), so load from other tenants slows
the floor and the scan alike. The targets:

* **ratio**: the scan's wall time at most 3x the floor's at the same size;
* **linear**: the per-file time after start-up, ``(t(N) - t(empty)) / N``
  where ``t(empty)`` is the same command on an empty folder, at the largest
  size at most 1.5x that at the smallest;
* **bounded memory**: the scan's peak RSS (``ru_maxrss`` under
  ``bench/peak.py``) at the largest size under 100 MB and at most 10 MB above
  that at the smallest: the scan keeps findings, never the files' texts.

Repositories are generated into ``bench/.work/scan-N/`` (see
``bench/scanrepo.py``) and read once, untimed, before each run so that they
are in the page cache. This is a report, not a test: it always exits 0.
See docs/performance.md and docs/scan.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

import measure
import scanrepo

BENCH = Path(__file__).resolve().parent
WORK = BENCH / ".work"
SCRIPTS = Path(sysconfig.get_path("scripts"))
TIMEOUT_SECONDS = 900
RATIO_LIMIT = 3.0
LINEAR_LIMIT = 1.5
PEAK_LIMIT_MB = 100.0
PEAK_GROWTH_MB = 10.0


@dataclass
class Case:
    name: str
    argv: list[str]
    reads: Path
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    output: str = ""

    def stat(self, how: str) -> float:
        return (min if how == "min" else statistics.median)(self.seconds)


def floor_spec(path: Path) -> Path:
    """The catalog's file selection as regexes by file extension, with the listing rules and limits, for bench/scanfloor.py.

    One regex per extension (the groups a path with that extension can
    belong to, as the scan's own index has them) keeps the floor's choice as
    cheap as the scan's: a single regex over every group costs more per path
    than reading the file, and would flatter the ratio.
    """
    sys.path.insert(0, str(BENCH.parent / "src"))
    from readiness.scan import files
    from readiness.scan.catalog import _AUXILIARY, default_catalog

    catalog = default_catalog()

    def selection(groups) -> str | None:
        plain = "|".join(
            f"(?!{g.exclude.pattern})(?:{g.select.pattern})" if g.exclude else f"(?:{g.select.pattern})" for g in groups if not g.auxiliary
        )
        auxiliary = "|".join(
            f"(?!{g.exclude.pattern})(?:{g.select.pattern})" if g.exclude else f"(?:{g.select.pattern})" for g in groups if g.auxiliary
        )
        parts = ([f"(?!.*?(?:{_AUXILIARY.pattern}))(?:{plain})"] if plain else []) + ([auxiliary] if auxiliary else [])
        return "|".join(parts) or None

    spec = {
        "by_extension": {ext: selection(groups) for ext, groups in catalog.by_extension.items()},
        "any_extension": selection(catalog.any_extension),
        "ignored_folders": sorted(files.IGNORED_FOLDERS),
        "max_depth": files.MAX_DEPTH,
        "max_file_bytes": files.MAX_FILE_BYTES,
        "max_notebook_bytes": files.MAX_NOTEBOOK_BYTES,
    }
    path.write_text(json.dumps(spec, indent=1))
    return path


def cases_for(sizes: list[int]) -> list[Case]:
    WORK.mkdir(parents=True, exist_ok=True)
    spec = floor_spec(WORK / "scan-floor-spec.json")
    empty = WORK / "scan-empty"
    empty.mkdir(parents=True, exist_ok=True)
    roots = [(0, empty)] + [(size, scanrepo.ensure(WORK / f"scan-{size}", size)) for size in sizes]
    cases = []
    for size, root in roots:
        cases.append(Case(f"floor {label(size)}", [sys.executable, str(BENCH / "scanfloor.py"), str(root), str(spec)], root))
        cases.append(Case(f"scan {label(size)}", [str(SCRIPTS / "readiness"), "scan", str(root), "--format", "json"], root))
    return cases


def label(size: int) -> str:
    return "empty" if size == 0 else f"{size // 1000}k"


def warm(root: Path) -> None:
    """Read every file once (untimed), so that the timed runs find the repository in the page cache."""
    for path in root.rglob("*"):
        if path.is_file():
            path.read_bytes()


def run(cases: list[Case], runs: int) -> None:
    for case in cases:
        warm(case.reads)
        done = subprocess.run(case.argv, capture_output=True, text=True, env=measure.ENV, cwd=WORK)
        if done.returncode != 0:
            raise SystemExit(f"{case.name}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
        case.output = done.stdout
        case.peak_mb = measure.peak(case.argv, WORK, TIMEOUT_SECONDS).peak_kib / 1024
    for repetition in range(runs):
        print(f"[bench scan] repetition {repetition + 1}", file=sys.stderr, flush=True)
        for case in cases:
            warm(case.reads)
            case.seconds.append(measure.seconds(case.argv, WORK, TIMEOUT_SECONDS)[0])


def check_candidates(cases: list[Case]) -> list[str]:
    """The floor must read exactly the files the scan considers; a mismatch makes the ratio meaningless."""
    problems = []
    by_name = {c.name: c for c in cases}
    for case in cases:
        if case.name.startswith("floor "):
            scanned = json.loads(by_name["scan " + case.name[6:]].output)["files_considered"]
            if int(case.output) != scanned:
                problems.append(f"{case.name} reads {int(case.output)} files, the scan considers {scanned}")
    return problems


def report(cases: list[Case], sizes: list[int], how: str) -> tuple[str, list[dict]]:
    by_name = {c.name: c for c in cases}
    t = {name: case.stat(how) for name, case in by_name.items()}
    rows = [("case", f"{how} ms", "median ms", "peak MB", "candidates")]
    for case in cases:
        count = int(case.output) if case.name.startswith("floor") else json.loads(case.output)["files_considered"]
        rows.append((case.name, f"{t[case.name] * 1000:.1f}", f"{case.stat('median') * 1000:.1f}", f"{case.peak_mb:.1f}", str(count)))
    checks = []

    def verdict(subject: str, measured: float, limit: str, passed: bool) -> None:
        checks.append({"subject": subject, "measured": measured, "limit": limit, "verdict": "PASS" if passed else "FAIL"})

    per_file = {}
    for size in sizes:
        n = label(size)
        ratio = t[f"scan {n}"] / t[f"floor {n}"]
        verdict(f"scan {n} ÷ floor {n} (whole process)", ratio, f"≤ {RATIO_LIMIT:g}×", ratio <= RATIO_LIMIT)
        scan_us = (t[f"scan {n}"] - t["scan empty"]) / size * 1e6
        floor_us = (t[f"floor {n}"] - t["floor empty"]) / size * 1e6
        per_file[size] = scan_us
        checks.append(
            {
                "subject": f"per file after start-up, {n}: scan {scan_us:.1f} µs, floor {floor_us:.1f} µs",
                "measured": scan_us / floor_us,
                "limit": "(information)",
                "verdict": "",
            }
        )
    small, large = min(sizes), max(sizes)
    if large != small:
        growth = per_file[large] / per_file[small]
        verdict(
            f"scan per-file time after start-up, {label(large)} ÷ {label(small)}",
            growth,
            f"≤ {LINEAR_LIMIT:g}× (linear)",
            growth <= LINEAR_LIMIT,
        )
        peak_large, peak_small = by_name[f"scan {label(large)}"].peak_mb, by_name[f"scan {label(small)}"].peak_mb
        verdict(f"scan {label(large)} peak RSS", peak_large, f"< {PEAK_LIMIT_MB:g} MB", peak_large < PEAK_LIMIT_MB)
        verdict(
            f"scan peak RSS {label(large)} − {label(small)}",
            peak_large - peak_small,
            f"≤ {PEAK_GROWTH_MB:g} MB (bounded)",
            peak_large - peak_small <= PEAK_GROWTH_MB,
        )
    lines = [format_rows(rows), ""]
    unit = {True: " MB", False: "×"}
    for c in checks:
        shown = f"{c['measured']:.2f}{unit['MB' in c['limit'] or 'RSS' in c['subject']]}"
        lines.append(f"{c['subject']:<62} {shown:>9}  {c['limit']:<20} {c['verdict']}")
    return "\n".join(lines), checks


def format_rows(rows: list[tuple]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--stat", choices=("median", "min"), default="min", help="statistic of the runs the ratios use (default min: the machine is shared)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save every run and verdict as JSON")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    print("[bench scan] generating repositories in bench/.work (reused while the generator is unchanged)", file=sys.stderr)
    cases = cases_for(sizes)
    run(cases, args.runs)
    text, checks = report(cases, sizes, args.stat)
    problems = check_candidates(cases)
    print(f"readiness scan: {args.runs} runs per case, interleaved; ratios use the {args.stat}")
    print(text)
    for problem in problems:
        print(f"warning: {problem}")
    if args.json:
        data = {"cases": [{"name": c.name, "seconds": c.seconds, "peak_mb": c.peak_mb} for c in cases], "checks": checks, "stat": args.stat}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
