"""In-process micro benchmarks: the per-manifest cost of each stage, in one warm process.

Whole-process times are dominated by imports; these numbers show what each
stage costs once everything is imported and the rubric is loaded, which is
what a portfolio pays per manifest. Each operation is timed in batches long
enough for ``perf_counter`` to be exact, the batches of all operations are
interleaved (so that a noisy neighbour slows every operation alike), and the
median and the minimum per call are reported.

Run by ``bench/run.py`` in a fresh interpreter; usable alone:
``python bench/micro.py MANIFEST [--samples N] [--batch-seconds S]``. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml


def operations(manifest: Path) -> dict[str, Callable[[], object] | str]:
    """Every operation to time, or the reason it cannot be set up with the current code.

    The code under test is being changed while the benchmark is in use, so
    one stage that cannot be set up must not hide the others.
    """
    text = manifest.read_text(encoding="utf-8")
    name = str(manifest)
    ops: dict[str, Callable[[], object] | str] = {}
    context: dict[str, object] = {}

    def add(label: str, build: Callable[[], Callable[[], object]]) -> None:
        try:
            ops[label] = build()
        except Exception as exc:  # report and carry on: see the docstring
            ops[label] = f"{type(exc).__name__}: {exc}"

    def need(key: str, make: Callable[[], object]) -> object:
        if key not in context:
            context[key] = make()
        return context[key]

    def document():
        from readiness.input import source

        return need("document", lambda: source.parse(text, name))

    def parsed():
        from readiness.manifest.load import parse_manifest

        return need("manifest", lambda: parse_manifest(document()))

    def rubric():
        from readiness.rubric.load import load_rubric

        return need("rubric", load_rubric)

    def outcome():
        from readiness import api
        from readiness.scoring.gate import Gate

        return need("outcome", lambda: api.assess_manifest(parsed(), document(), rubric(), Gate()))

    def robust_loader():
        from readiness.input import source

        return lambda: source.parse(text, name)

    def validation():
        from readiness.manifest.load import parse_manifest

        doc = document()
        return lambda: parse_manifest(doc)

    def scoring():
        from readiness.scoring.engine import assess

        man, rub = parsed(), rubric()
        return lambda: assess(man, rub)

    def report():
        from readiness import api
        from readiness.scoring.gate import Gate

        man, doc, rub, gate = parsed(), document(), rubric(), Gate()
        return lambda: api.assess_manifest(man, doc, rub, gate)

    def render(fmt: str):
        from readiness import api

        done = outcome()
        return lambda: api.render(done, fmt)

    def whole_file():
        from readiness import api

        rub = rubric()
        return lambda: api.assess_file(manifest, rub)

    def portfolio_entry():
        from readiness.portfolio.run import assess_one

        rub = rubric()
        return lambda: assess_one(manifest, rub)

    def rubric_load():
        from readiness.rubric.load import load_rubric

        return load_rubric

    add("yaml.load, CSafeLoader", lambda: lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    add("source.parse (robust loader)", robust_loader)
    add("parse_manifest (pydantic)", validation)
    add("engine.assess (scoring)", scoring)
    add("api.assess_manifest (score+roadmap+gate+report)", report)
    add("api.render json", lambda: render("json"))
    add("api.render markdown", lambda: render("markdown"))
    add("api.assess_file (read..report, per manifest)", whole_file)
    add("portfolio.assess_one (per manifest)", portfolio_entry)
    add("load_rubric() (bundled, per process)", rubric_load)
    return ops


def batch_size(op: Callable[[], object], seconds: float) -> int:
    """Calls per timed batch: enough for one batch to last about ``seconds``."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            op()
        if time.perf_counter() - start >= seconds / 4:
            return max(1, int(number * seconds / (time.perf_counter() - start)))
        number *= 4


def measure(ops: dict[str, Callable[[], object]], samples: int, seconds: float) -> dict[str, list[float]]:
    """Seconds per call, one value per sample, with the batches of all operations interleaved."""
    sizes = {label: batch_size(op, seconds) for label, op in ops.items()}
    per_call: dict[str, list[float]] = {label: [] for label in ops}
    for _ in range(samples):
        for label, op in ops.items():
            number = sizes[label]
            start = time.perf_counter()
            for _ in range(number):
                op()
            per_call[label].append((time.perf_counter() - start) / number)
    return per_call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--samples", type=int, default=25)
    parser.add_argument("--batch-seconds", type=float, default=0.02)
    args = parser.parse_args()
    ops = operations(args.manifest)
    runnable = {label: op for label, op in ops.items() if callable(op)}
    timings = measure(runnable, args.samples, args.batch_seconds)
    results = []
    for label, op in ops.items():
        if callable(op):
            samples = [t * 1e6 for t in timings[label]]
            results.append({"name": label, "median_us": statistics.median(samples), "min_us": min(samples), "samples_us": samples})
        else:
            results.append({"name": label, "error": op})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
