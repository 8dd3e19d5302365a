"""`readiness portfolio` once its arguments are parsed: every manifest under PATHS, grouped by the rubric each names."""

from __future__ import annotations

import gc
import itertools
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from readiness.cli.console import EXIT_GATE, EXIT_OK, fail, terminal_width, today, use_color, with_progress
from readiness.cli.outputs import said_on_stdout, wrote
from readiness.common.errors import InputError, UsageError

if TYPE_CHECKING:
    from readiness.crosswalk.load import Pack


def portfolio(
    paths: list[str],
    rubric: Path | None,
    formats: list[str],
    outputs: list[Path],
    workers: int | None,
    as_of: str | None,
    verify_evidence: bool,
    quiet: bool,
    frameworks: list[str] | None = None,
    *,
    scan: bool = False,
    fail_on_contradiction: bool = False,
) -> int:
    from readiness.cli import config as project_config
    from readiness.cli.assess import pair_flags, plan_outputs
    from readiness.portfolio import report as portfolio_report
    from readiness.portfolio import run as portfolios
    from readiness.portfolio.groups import by_rubric
    from readiness.reports import registry
    from readiness.reports.options import RenderOptions
    from readiness.reports.output import write_all
    from readiness.rubric.load import load_rubric

    if fail_on_contradiction and not scan:
        raise UsageError("--fail-on-contradiction needs --scan", "add --scan to compare the claims with the repositories")
    gc.freeze()  # what start-up made lives to the end: no collection (in this process or a forked worker) walks it
    gc.enable()  # a long run: the collector that main() keeps off pays for itself here
    plan = plan_outputs(pair_flags(formats, outputs), registry.PORTFOLIO)
    found = portfolios.discover(paths)
    groups = by_rubric(found, rubric, project_config.discover().rubric)
    results, failed = [], False
    for named, members in groups.items():
        try:
            loaded = load_rubric(named)
        except InputError as exc:  # a rubric that some manifests name cannot be read: say so for them, go on with the rest
            failed = True
            for diagnostic in exc.diagnostics:
                fail(diagnostic.format() + f"\n  note: the rubric of {', '.join(str(m) for m in members)}")
            continue
        packs: tuple[Pack, ...] = ()
        if frameworks:
            from readiness.crosswalk import select_packs

            packs = select_packs(frameworks, (), loaded)
        options = {"workers": workers, "today": today(as_of), "verify_evidence": verify_evidence, "frameworks": packs, "scan": scan}
        if quiet or not sys.stderr.isatty() or len(members) < 2:
            results.append(portfolios.assess_many(members, loaded, **options))
        else:
            results.append(
                with_progress(
                    lambda progress, members=members, loaded=loaded, options=options: portfolios.assess_many(
                        members, loaded, progress=progress, **options
                    ),
                    len(members),
                )
            )
    results.sort(key=lambda r: (r.rubric.id != "default", r.rubric.id, r.rubric.version))
    rendered: list[tuple[str, Iterable[str], Path | None]] = []
    for name, target in plan:  # rendered as written (readiness.reports.output): a large portfolio's report is never held whole
        color = target is None and name == "text" and use_color(sys.stdout)
        width = terminal_width() if target is None and sys.stdout.isatty() else 100
        for result in results:
            text = registry.stream(registry.PORTFOLIO, name, portfolio_report.document(result), RenderOptions(color=color, width=width))
            where = target if target is None or len(results) == 1 else per_rubric(target, result.rubric.id)
            if where is None and result is not results[0]:
                text = itertools.chain(("\n",), text)
            rendered.append((name, text, where))
    to_stdout = [text for _, text, where in rendered if where is None]
    files: list[tuple[Path | None, Iterable[str]]] = [(where, text) for _, text, where in rendered if where is not None]
    write_all(files + ([(None, itertools.chain.from_iterable(to_stdout))] if to_stdout and not quiet else []))
    if not quiet:
        for name, _, where in rendered:
            if where is not None:
                wrote(where, name)
    if not said_on_stdout(rendered, quiet):
        for result in results:
            for row in result.errors:
                fail(cast(str, row.error))  # an error row has one
    contradicting = [r for result in results for r in result.contradicted] if fail_on_contradiction else []
    if contradicting:
        claims = sum(len(r.contradicted) for r in contradicting)
        fail(
            f"gate failed: the repositories contradict {claims} claim{'s' if claims != 1 else ''} "
            f"in {len(contradicting)} project{'s' if len(contradicting) != 1 else ''}"
        )
    return EXIT_GATE if failed or contradicting or any(r.failed for r in results) else EXIT_OK


def per_rubric(target: Path, rubric_id: str) -> Path:
    """One file per rubric when a portfolio's manifests name several: out/p.md -> out/p.<rubric id>.md."""
    return target.with_name(f"{target.stem}.{rubric_id}{target.suffix}")
