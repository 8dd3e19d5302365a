"""Benchmark `readiness` against its floor, its peers and the targets of issues 11 and 17; print a table.

    python -m pip install '.[bench]' && python bench/run.py [--quick] [--json FILE]

Every whole-process case is measured next to its peer in the same run: the
repetitions are interleaved (case A, case B, ..., then again), so load from
other tenants of a shared machine slows peers alike and the ratios stay
meaningful even when the absolute times drift. Each case is first run once,
untimed, to measure its peak memory and check its exit code (so a broken
command reports an error instead of a fast time); that run also warms the OS
file cache and writes bytecode caches.

This is a report, not a test: it always exits 0. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import sysconfig
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import measure
import workload

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work"
SCRIPTS = Path(sysconfig.get_path("scripts"))
PYTHON = sys.executable
# Console scripts are started from the interpreter's own bin folder, never through
# PATH: a version-manager shim (pyenv) would add tens of milliseconds to every peer.
READINESS = [str(SCRIPTS / "readiness")]
TIMEOUT_SECONDS = 900
LIBRARIES = [
    "readiness",
    "pyyaml",
    "pydantic",
    "pydantic-core",
    "typer",
    "click",
    "rich",
    "jinja2",
    "yamllint",
    "check-jsonschema",
    "jsonschema",
]
# Ours, not the issue's: "linear" means the per-manifest time at the largest size is
# at most this multiple of the per-manifest time at the next smaller size.
LINEARITY_LIMIT = 1.2
# Above this share of the machine's CPU time used by other processes, or above this typical
# run-to-run spread (IQR / median), the run is flagged as noisy.
BUSY_SHARE = 0.10
NOISY_SPREAD = 0.10
ROBUST_LOADER, PLAIN_LOADER = "source.parse (robust loader)", "yaml.load, CSafeLoader"
# The stack the project is built on: every run pays at least this much (issue 11's floor).
FLOOR = 'python -c "import yaml, pydantic, typer"'
# A cold run has an empty cache folder, as on every fresh CI runner (issue 17).
COLD = "cold"


@dataclass
class Case:
    name: str
    argv: list[str]
    runs: int
    ok_codes: tuple[int, ...] = (0,)
    tree_memory: bool = False
    reads: Path | None = None  # a folder whose files must be in the page cache before each run
    extra_env: dict[str, str] | None = None
    empty_cache: Path | None = None  # a cache folder emptied before every run of this case
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0
    error: str | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.seconds) * 1000 if self.seconds and not self.error else None

    @property
    def min_ms(self) -> float | None:
        return min(self.seconds) * 1000 if self.seconds and not self.error else None

    def statistic_ms(self, stat: str) -> float | None:
        return self.median_ms if stat == "median" else self.min_ms

    def cpu_ms(self, stat: str) -> float | None:
        if not self.cpu_seconds or self.error:
            return None
        return (statistics.median(self.cpu_seconds) if stat == "median" else min(self.cpu_seconds)) * 1000

    @property
    def iqr_ms(self) -> float | None:
        if not self.seconds or self.error:
            return None
        if len(self.seconds) < 4:
            return (max(self.seconds) - min(self.seconds)) * 1000
        low, _, high = statistics.quantiles(self.seconds, n=4)
        return (high - low) * 1000

    @property
    def peak_mb(self) -> float | None:
        return self.peak_kib / 1024 if self.peak_kib and not self.error else None


@dataclass
class Check:
    """One target of the issue, evaluated against measured values."""

    subject: str
    against: str
    limit: str
    measured: float | None = None
    unit: str = "×"
    passed: bool | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.passed]


# ---------------------------------------------------------------- cases


def single_file_cases(inputs: workload.Inputs, runs: int) -> list[Case]:
    manifest, schema = str(inputs.manifest), str(inputs.schema)
    check_jsonschema = str(SCRIPTS / "check-jsonschema")
    return [
        Case("python -c pass", [PYTHON, "-c", "pass"], runs),
        Case('python -c "import yaml"', [PYTHON, "-c", "import yaml"], runs),
        Case("python: import yaml + pydantic.BaseModel", [PYTHON, "-c", "import yaml; from pydantic import BaseModel"], runs),
        Case("yamllint MANIFEST", [str(SCRIPTS / "yamllint"), manifest], runs),
        Case("check-jsonschema MANIFEST", [check_jsonschema, "--schemafile", schema, manifest], runs),
        Case("check-jsonschema --help", [check_jsonschema, "--help"], runs),
        Case("readiness --version", [*READINESS, "--version"], runs),
        Case("readiness --help", [*READINESS, "--help"], runs),
        Case(FLOOR, [PYTHON, "-c", "import yaml, pydantic, typer"], runs),
        Case("readiness validate MANIFEST", [*READINESS, "validate", manifest], runs),
        *assess_cases(manifest, runs),
    ]


def assess_name(fmt: str, cold: bool = False) -> str:
    return f"readiness assess --format {fmt}" + (f", {COLD}" if cold else "")


def assess_cases(manifest: str, runs: int) -> list[Case]:
    """Every report format, warm (the cache filled by the untimed first run) and cold (an empty cache folder each run)."""
    cases = []
    for fmt in ("json", "markdown", "html", "sarif"):
        argv = [*READINESS, "assess", manifest, "--format", fmt]
        cases.append(Case(assess_name(fmt), argv, runs))
        cases.append(
            Case(
                assess_name(fmt, cold=True),
                argv,
                runs,
                extra_env={"READINESS_CACHE_DIR": str(WORK / "empty-cache")},
                empty_cache=WORK / "empty-cache",
            )
        )
    return cases


def portfolio_cases(inputs: workload.Inputs, runs: int, with_portfolio: bool) -> list[Case]:
    """The load floor for each size and, when the command exists, the portfolio itself."""
    cases = []
    for size, folder in inputs.portfolios.items():
        cases.append(Case(floor_name(size), [PYTHON, str(BENCH / "floor.py"), str(folder)], runs, reads=folder))
        if with_portfolio:
            # A portfolio may legitimately report failing pilots with exit code 1.
            argv = [*READINESS, "portfolio", str(folder), "--format", "json"]
            cases.append(Case(portfolio_name(size), argv, runs, ok_codes=(0, 1), tree_memory=True, reads=folder))
    return cases


def floor_name(size: int) -> str:
    return f"load floor {size // 1000}k (CSafeLoader)"


def portfolio_name(size: int) -> str:
    return f"readiness portfolio {size // 1000}k"


def portfolio_available() -> tuple[bool, str]:
    done = subprocess.run([*READINESS, "portfolio", "--help"], capture_output=True, env=measure.ENV)
    return done.returncode == 0, f"`readiness portfolio --help` exits {done.returncode}"


def run_cases(cases: list[Case]) -> None:
    """Measure each case's memory and exit code once (also the warm-up), then time the repetitions interleaved."""
    for case in cases:
        warm_page_cache(case)
        first = measure.peak(case.argv, WORK, TIMEOUT_SECONDS, tree=case.tree_memory, extra_env=case.extra_env)
        case.peak_kib = first.peak_kib
        if first.returncode not in case.ok_codes:
            lines = first.stderr.strip().splitlines()
            case.error = f"exit {first.returncode}: {lines[-1] if lines else 'no message'}"
    for repetition in range(max(case.runs for case in cases)):
        progress(f"repetition {repetition + 1}")
        for case in cases:
            if repetition < case.runs and not case.error:
                warm_page_cache(case)
                try:
                    wall, cpu = measure.seconds(case.argv, WORK, TIMEOUT_SECONDS, case.extra_env)
                    case.seconds.append(wall)
                    case.cpu_seconds.append(cpu)
                except subprocess.TimeoutExpired:
                    case.error = f"timed out after {TIMEOUT_SECONDS} s"


def warm_page_cache(case: Case) -> None:
    """Read the case's input files (untimed) so that the timed run finds them in the OS cache.

    The issue measures with the files cached. Without this, a kernel that
    reclaims cold page cache proactively (DAMON ``pageout`` on the reference
    VM) evicts a 30k folder while the other cases run, and the next run times
    the disk instead of the code.
    """
    if case.reads is not None:
        for path in case.reads.iterdir():
            path.read_bytes()
    if case.empty_cache is not None:
        import shutil

        shutil.rmtree(case.empty_cache, ignore_errors=True)


def run_micro(manifest: Path, quick: bool) -> list[dict]:
    """The in-process section, in its own fresh interpreter."""
    argv = [PYTHON, str(BENCH / "micro.py"), str(manifest), "--samples", "7" if quick else "25"]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=WORK, env=measure.ENV)
    if done.returncode != 0:
        return [{"name": "micro benchmarks", "error": (done.stderr.strip().splitlines() or ["failed"])[-1]}]
    return json.loads(done.stdout)


# ---------------------------------------------------------------- targets


@dataclass(frozen=True)
class Measured:
    """Per case name: the time statistic the targets are judged on (median, or min on a busy machine) and the peak."""

    time_ms: dict[str, float | None]
    peak_mb: dict[str, float | None]
    cpu_ms: dict[str, float | None] = field(default_factory=dict)

    @classmethod
    def of(cls, cases: list[Case], stat: str) -> Measured:
        return cls(
            {c.name: c.statistic_ms(stat) for c in cases}, {c.name: c.peak_mb for c in cases}, {c.name: c.cpu_ms(stat) for c in cases}
        )


def ratio(measured: Measured, subject: str, peer: str) -> float | None:
    a, b = measured.time_ms.get(subject), measured.time_ms.get(peer)
    return a / b if a is not None and b is not None else None


def at_most(check: Check, limit: float) -> Check:
    check.passed = None if check.measured is None else check.measured <= limit
    return check


def ratio_check(measured: Measured, subject: str, peer: str, limit: float) -> Check:
    return at_most(Check(subject, peer, f"≤ {limit:g}×", ratio(measured, subject, peer)), limit)


def cpu_check(measured: Measured, subject: str, peer: str, limit: float) -> Check:
    a, b = measured.cpu_ms.get(subject), measured.cpu_ms.get(peer)
    return at_most(Check(subject, f"{peer}, CPU time", f"≤ {limit:g}×", a / b if a is not None and b else None), limit)


def peak_check(measured: Measured, subject: str, limit_mb: float) -> Check:
    check = Check(subject, "peak memory", f"< {limit_mb:g} MB", measured.peak_mb.get(subject), unit=" MB")
    check.passed = None if check.measured is None else check.measured < limit_mb
    return check


def whole_process_checks(measured: Measured, sizes: list[int], portfolio_missing: str) -> list[Check]:
    checks = [
        ratio_check(measured, assess_name("json"), FLOOR, 1.6),
        ratio_check(measured, assess_name("json", cold=True), FLOOR, 2.2),
        ratio_check(measured, assess_name("markdown"), FLOOR, 1.8),
    ]
    for fmt in ("json", "markdown"):
        checks += [
            ratio_check(measured, assess_name(fmt), "check-jsonschema MANIFEST", 1.0),
            ratio_check(measured, assess_name(fmt, cold=True), "check-jsonschema MANIFEST", 1.0),
            ratio_check(measured, assess_name(fmt, cold=True), assess_name(fmt), 1.1),
            peak_check(measured, assess_name(fmt), 50),
        ]
    checks += [
        ratio_check(measured, "readiness validate MANIFEST", assess_name("json"), 1.0),
        ratio_check(measured, "readiness --help", "check-jsonschema --help", 1.0),
    ]
    for check in portfolio_checks(measured, sizes):
        check.note = portfolio_missing
        checks.append(check)
    return checks


def portfolio_checks(measured: Measured, sizes: list[int]) -> list[Check]:
    """The portfolio targets: stated for 10k manifests, plus linear growth up to the largest size."""
    checks = []
    if 10_000 in sizes:
        subject = portfolio_name(10_000)
        checks += [
            ratio_check(measured, subject, floor_name(10_000), 1.3),
            peak_check(measured, subject, 300),
            cpu_check(measured, subject, floor_name(10_000), 1.4),
        ]
    if len(sizes) >= 2:
        ordered = sorted(sizes)
        small, large = ordered[-2:]
        growth = Check(
            portfolio_name(large),
            f"per-manifest time at {small // 1000}k",
            f"≤ {LINEARITY_LIMIT:g}× (linear)",
            per_manifest_growth(measured, small, large),
        )
        checks.append(at_most(growth, LINEARITY_LIMIT))
        if large >= 100_000:  # issue 17: bounded memory at 100k, linear from the smallest size up
            checks.append(peak_check(measured, portfolio_name(large), 300))
            whole = Check(
                portfolio_name(large),
                f"per-manifest time at {ordered[0] // 1000}k",
                f"≤ {LINEARITY_LIMIT:g}× (linear)",
                per_manifest_growth(measured, ordered[0], large),
            )
            checks.append(at_most(whole, LINEARITY_LIMIT))
    return checks


def per_manifest_growth(measured: Measured, small: int, large: int) -> float | None:
    value = ratio(measured, portfolio_name(large), portfolio_name(small))
    return None if value is None else value * small / large


def micro_checks(micro: list[dict], stat: str) -> list[Check]:
    by_name = {entry["name"]: entry.get(f"{stat}_us") for entry in micro}
    robust, plain = by_name.get(ROBUST_LOADER), by_name.get(PLAIN_LOADER)
    return [at_most(Check(ROBUST_LOADER, PLAIN_LOADER, "≤ 1.1×", robust / plain if robust and plain else None), 1.10)]


# ---------------------------------------------------------------- output


# The case each row without a target of its own is compared with (information only).
PEERS = {
    'python -c "import yaml"': "python -c pass",
    "python: import yaml + pydantic.BaseModel": 'python -c "import yaml"',
    "yamllint MANIFEST": "python -c pass",
    "check-jsonschema MANIFEST": "python -c pass",
    FLOOR: "python -c pass",
    "readiness --version": FLOOR,
    assess_name("html"): FLOOR,
    assess_name("sarif"): FLOOR,
    assess_name("html", cold=True): assess_name("html"),
    assess_name("sarif", cold=True): assess_name("sarif"),
}


def peer_of(name: str) -> str | None:
    if name.startswith("readiness portfolio"):
        return floor_name(int(name.split()[-1].rstrip("k")) * 1000)
    return PEERS.get(name)


def table(cases: list[Case], checks: list[Check], measured: Measured) -> str:
    rows = [("case", "median ms", "min ms", "IQR ms", "peak MB", "measured", "compared with", "target", "result")]
    for case in cases:
        rows += case_rows(case, [check for check in checks if check.subject == case.name], measured)
    for check in checks:  # targets whose case was not run (no portfolio command)
        if check.subject not in measured.time_ms:
            rows.append((check.subject, "not run", "", "", "", "", check.against, check.limit, check.note or "n/a"))
    return format_rows(rows)


def case_rows(case: Case, checks: list[Check], measured: Measured) -> list[tuple]:
    if case.error:
        return [(case.name, "ERROR", "", "", "", "", case.error, "", "")]
    first = (case.name, f"{case.median_ms:.1f}", f"{case.min_ms:.1f}", f"{case.iqr_ms:.1f}", f"{case.peak_mb:.1f}")
    blank = ("",) * len(first)
    if not checks:
        peer = peer_of(case.name)
        value = ratio(measured, case.name, peer) if peer else None
        return [first + ((f"{value:.2f}×", peer, "", "") if value is not None else ("",) * 4)]
    return [
        (first if index == 0 else blank) + (measured_text(check), check.against, check.limit, check.verdict)
        for index, check in enumerate(checks)
    ]


def measured_text(check: Check) -> str:
    return "" if check.measured is None else f"{check.measured:.2f}{check.unit}"


def micro_table(micro: list[dict], checks: list[Check], stat: str) -> str:
    plain = next((entry.get(f"{stat}_us") for entry in micro if entry["name"] == PLAIN_LOADER), None)
    rows = [("in-process operation (3.6 KB manifest)", "median µs", "min µs", "÷ CSafeLoader", "target", "result")]
    for entry in micro:
        if "error" in entry:
            rows.append((entry["name"], "ERROR", "", entry["error"][:70], "", ""))
            continue
        check = next((c for c in checks if c.subject == entry["name"]), None)
        versus = f"{entry[f'{stat}_us'] / plain:.2f}×" if plain else ""
        rows.append(
            (
                entry["name"],
                f"{entry['median_us']:.1f}",
                f"{entry['min_us']:.1f}",
                versus,
                check.limit if check else "",
                check.verdict if check else "",
            )
        )
    return format_rows(rows)


def format_rows(rows: list[tuple]) -> str:
    """A plain-text table; number columns (named by their unit) are right-aligned."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    numeric = {i for i, head in enumerate(rows[0]) if head.endswith(("ms", "MB", "µs", "measured", "CSafeLoader"))}
    lines = []
    for row in rows:
        cells = [str(c).rjust(w) if i in numeric else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=False))]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Contention:
    """How much of the machine other processes used while the benchmark ran.

    Busy CPU time of the whole machine (``/proc/stat``, steal included) minus
    the CPU time of this process and its children, as a share of the CPU time
    available: on a shared machine this says how far to trust the numbers.
    """

    def __init__(self):
        self.start = time.perf_counter()
        self.busy, self.own = self.machine_busy(), self.own_cpu()

    def others_share(self) -> float:
        available = (time.perf_counter() - self.start) * len(os.sched_getaffinity(0))
        others = (self.machine_busy() - self.busy) - (self.own_cpu() - self.own)
        return max(0.0, others / available)

    @staticmethod
    def machine_busy() -> float:
        first_line = Path("/proc/stat").read_text().split("\n", 1)[0]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in first_line.split()[1:9])
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def own_cpu() -> float:
        me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def typical_spread(cases: list[Case]) -> float:
    """Median over the cases of IQR / median: how much runs of one case differ from each other.

    Catches noise the CPU accounting cannot see, such as a hypervisor that
    runs other guests on the same cores without reporting steal time.
    """
    spreads = [c.iqr_ms / c.median_ms for c in cases if c.median_ms and len(c.seconds) >= 4]
    return statistics.median(spreads) if spreads else 0.0


def machine() -> dict:
    """What the numbers depend on, printed with them and saved in the JSON."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), platform.processor())
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    import yaml

    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model or "unknown",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "libyaml": yaml.__with_libyaml__,
        "loadavg": os.getloadavg(),
        "versions": versions,
    }


def header(info: dict, args: argparse.Namespace) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in info["versions"].items())
    lines = [
        f"{info['date']} · {info['nproc']} CPUs ({info['cpu']}) · Python {info['python']} · "
        f"libyaml {'yes' if info['libyaml'] else 'NO'} · load average at start {info['loadavg'][0]:.2f}",
        versions,
        f"{args.runs} runs per case ({args.portfolio_runs} per portfolio size) after one untimed run for memory and exit code; "
        f"other processes used {info['others_cpu_share']:.0%} of the CPUs meanwhile; typical spread (IQR/median) {info['spread']:.0%}",
        f"ratios and verdicts use the {args.stat} of the runs",
    ]
    if info["others_cpu_share"] > BUSY_SHARE or info["spread"] > NOISY_SPREAD:
        hint = "; rerun when it is quieter, or judge on --stat min" if args.stat == "median" else ""
        lines.append(f"warning: the machine was busy (other processes, or a noisy host), times are noisy{hint}")
    return "\n".join(lines)


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def save(path: Path, info: dict, args: argparse.Namespace, cases: list[Case], micro: list[dict], checks: list[Check]) -> None:
    results = {
        "machine": info,
        "settings": {"runs": args.runs, "portfolio_runs": args.portfolio_runs, "sizes": args.sizes, "stat": args.stat},
        "cases": [{**asdict(c), "median_ms": c.median_ms, "min_ms": c.min_ms, "peak_mb": c.peak_mb} for c in cases],
        "micro": micro,
        "checks": [{**asdict(c), "verdict": c.verdict} for c in checks],
    }
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 runs per case, 1 per portfolio size, fewer micro samples")
    parser.add_argument("--runs", type=int, help="runs per single-file case (default 20, --quick 5)")
    parser.add_argument("--portfolio-runs", type=int, help="runs per portfolio size (default 3, --quick 1)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="portfolio sizes, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--no-portfolio", action="store_true", help="skip the portfolio and its floors (no 111k files to write)")
    parser.add_argument(
        "--stat",
        choices=("median", "min"),
        default="median",
        help="statistic for ratios and verdicts: median (the issue's; default) or min (robust on a busy machine)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save every measurement as JSON")
    parser.add_argument("--scan-sizes", default="1000,10000,100000", help="repository sizes of the `readiness scan` lines (bench/scan.py)")
    parser.add_argument("--no-scan", action="store_true", help="skip the `readiness scan` lines")
    args = parser.parse_args()
    args.runs = args.runs or (5 if args.quick else 20)
    args.portfolio_runs = args.portfolio_runs or (1 if args.quick else 3)
    args.sizes = [] if args.no_portfolio else [int(s) for s in args.sizes.split(",") if s]
    return args


def main() -> int:
    args = parse_args()
    info = machine()
    contention = Contention()
    progress("generating inputs in bench/.work (portfolio folders are reused while up to date)")
    inputs = workload.prepare(ROOT / "examples", WORK, READINESS, args.sizes)
    has_portfolio, why = portfolio_available() if args.sizes else (False, "skipped (--no-portfolio)")
    cases = single_file_cases(inputs, args.runs) + portfolio_cases(inputs, args.portfolio_runs, has_portfolio)
    progress(f"{len(cases)} whole-process cases; readiness portfolio: {'yes' if has_portfolio else 'no, ' + why}")
    run_cases(cases)
    progress("in-process micro benchmarks")
    micro = run_micro(inputs.manifest, args.quick)
    measured = Measured.of(cases, args.stat)
    process_checks = whole_process_checks(measured, args.sizes, "" if has_portfolio else why)
    in_process_checks = micro_checks(micro, args.stat)
    checks = process_checks + in_process_checks
    info["others_cpu_share"] = contention.others_share()
    info["spread"] = typical_spread(cases)
    print(header(info, args), table(cases, process_checks, measured), micro_table(micro, in_process_checks, args.stat), sep="\n\n")
    failed = sum(check.passed is False for check in checks)
    unknown = sum(check.passed is None for check in checks)
    print(f"\ntargets: {len(checks) - failed - unknown} pass, {failed} fail, {unknown} not measured")
    if args.json:
        save(args.json, info, args, cases, micro, checks)
    if not args.no_scan:  # issue 13's lines, measured by bench/scan.py in its own run (its targets are its own)
        scan_json = ["--json", str(args.json.with_suffix(".scan.json"))] if args.json else []
        argv = [
            PYTHON,
            str(BENCH / "scan.py"),
            "--sizes",
            args.scan_sizes,
            "--runs",
            "3" if args.quick else "5",
            "--stat",
            args.stat,
            *scan_json,
        ]
        print("\n" + subprocess.run(argv, stdout=subprocess.PIPE, text=True, cwd=BENCH).stdout, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
