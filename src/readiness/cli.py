"""The `readiness` command line: parse arguments, call :mod:`readiness.api`, map outcomes to exit codes.

Exit codes: 0 passed, 1 a gate failed, 2 a usage or input error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import InputError, UsageError
from .runner import EXIT_GATE, EXIT_INPUT, EXIT_OK, fail as _fail, pair_flags as _pair_flags, plan_outputs as _plan_outputs, run_guarded, terminal_width as _terminal_width, today as _today, use_color

app = typer.Typer(
    name="readiness",
    help="Is this AI pilot ready for production, and what should the team do next?",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rubric_app = typer.Typer(help="Show or validate rubrics.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rubric_app, name="rubric")

Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback for errors.")]
RubricOption = Annotated[Optional[Path], typer.Option("--rubric", "-r", help="Rubric file (default: the bundled rubric).", show_default=False)]


def guarded(debug: bool, action):
    """Run ``action`` through :func:`readiness.runner.run_guarded` and exit with its code."""
    try:
        return run_guarded(debug, action)
    except (typer.Exit, typer.Abort):
        raise


def _version(value: bool) -> None:
    if value:
        print(f"readiness {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Score an AI project's manifest against a readiness rubric."""








@app.command()
def assess(
    manifest: Annotated[str, typer.Argument(help="Manifest file, or - for standard input.", show_default=False, metavar="MANIFEST")],
    rubric: RubricOption = None,
    format: Annotated[list[str], typer.Option("--format", "-f", help="text, markdown, html, json, junit or sarif; repeat to write several reports.")] = [],
    output: Annotated[list[Path], typer.Option("--output", "-o", help="Write the report here (atomically); pairs with --format.")] = [],
    min_score: Annotated[Optional[float], typer.Option("--min-score", min=0, max=100, help="Fail (exit 1) below this score.")] = None,
    min_phase: Annotated[Optional[str], typer.Option("--min-phase", help="Fail (exit 1) unless this roadmap phase is reached.")] = None,
    fail_on_blockers: Annotated[Optional[bool], typer.Option("--fail-on-blockers/--no-fail-on-blockers", help="Fail (exit 1) if any blocker criterion is not met.", show_default=False)] = None,
    template_dir: Annotated[Optional[Path], typer.Option("--template-dir", help="Folder of Jinja templates that override the bundled ones.")] = None,
    verify_evidence: Annotated[Optional[bool], typer.Option("--verify-evidence/--no-verify-evidence", help="Check that evidence paths exist; claims without evidence earn no credit.", show_default=False)] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="An earlier JSON report (or manifest) to compare with; the Markdown report shows the trend.")] = None,
    fail_on_regression: Annotated[bool, typer.Option("--fail-on-regression", help="Fail (exit 1) when any score, phase or criterion regressed against --baseline.")] = False,
    strict_regression: Annotated[bool, typer.Option("--strict-regression", help="With --fail-on-regression, also fail on regressions a rubric change caused.")] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date (YYYY-MM-DD) that decides which waivers hold; default: SOURCE_DATE_EPOCH, else today.", metavar="DATE")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Project configuration file (default: .readiness.yaml or [tool.readiness] in pyproject.toml, searched upwards).")] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore any project configuration.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors and gate failures.")] = False,
    debug: Debug = False,
) -> None:
    """Score a manifest, print or write reports, and gate CI with the exit code."""
    from .runner import AssessRequest, assess as run_assess

    request = AssessRequest(
        manifest=manifest, rubric=rubric, formats=list(format), outputs=list(output), min_score=min_score,
        min_phase=min_phase, fail_on_blockers=fail_on_blockers, template_dir=template_dir,
        verify_evidence=verify_evidence, baseline=baseline, fail_on_regression=fail_on_regression,
        strict_regression=strict_regression, as_of=as_of, config=config, no_config=no_config, quiet=quiet,
    )
    raise typer.Exit(guarded(debug, lambda: run_assess(request)))






@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier assessment: a JSON report or a manifest.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later assessment: a JSON report or a manifest.", show_default=False)],
    rubric: RubricOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, markdown or json.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the diff here (atomically).")] = None,
    fail_on_regression: Annotated[bool, typer.Option("--fail-on-regression", help="Exit 1 when anything regressed.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Count regressions a rubric change caused too.")] = False,
    debug: Debug = False,
) -> None:
    """Compare two assessments: score and dimension deltas, criteria met and lost, phase change."""

    def run() -> int:
        from . import diff as diffs
        from .output import write_atomic
        from .rubric import load_rubric

        if format not in diffs.RENDERERS:
            raise UsageError(f"unknown format '{format}'", f"one of: {', '.join(diffs.RENDERERS)}")
        loaded = load_rubric(rubric) if rubric is not None else None
        document = diffs.compare(diffs.as_report(old, loaded), diffs.as_report(new, loaded))
        text = diffs.render(document, format)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
        found = diffs.regressions(document, strict=strict)
        if fail_on_regression and found:
            for reason in found:
                _fail(f"regression: {reason}")
            return EXIT_GATE
        return EXIT_OK

    raise typer.Exit(guarded(debug, run))


@app.command()
def portfolio(
    paths: Annotated[list[str], typer.Argument(help="Manifest files, folders (searched recursively) or globs.", show_default=False)],
    rubric: RubricOption = None,
    format: Annotated[list[str], typer.Option("--format", "-f", help="text, markdown, html or json; repeat to write several reports.")] = [],
    output: Annotated[list[Path], typer.Option("--output", "-o", help="Write the report here (atomically); pairs with --format.")] = [],
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Processes to use (default: all cores for large portfolios).")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date (YYYY-MM-DD) that decides which waivers hold.", metavar="DATE")] = None,
    verify_evidence: Annotated[bool, typer.Option("--verify-evidence", help="Check each manifest's evidence paths; claims without evidence earn no credit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no report on standard output.")] = False,
    debug: Debug = False,
) -> None:
    """Assess every manifest under PATHS: ranking, heat map, most common gaps. Exit 1 if any manifest failed to load."""

    def run() -> int:
        from . import portfolio as portfolios
        from . import portfolio_report
        from .output import write_atomic
        from .report import RenderOptions
        from .rubric import load_rubric

        plan = _plan_outputs(_pair_flags(format, output), portfolio_report.RENDERERS)
        loaded = load_rubric(rubric)
        found = portfolios.discover(paths)
        today = _today(as_of)
        options = dict(workers=workers, today=today, verify_evidence=verify_evidence)
        if quiet or not sys.stderr.isatty() or len(found) < 2:
            result = portfolios.assess_many(found, loaded, **options)
        else:
            result = _with_progress(lambda progress: portfolios.assess_many(found, loaded, progress=progress, **options), len(found))
        doc = portfolio_report.document(result)
        for name, target in plan:
            color = target is None and name == "text" and use_color(sys.stdout)
            text = portfolio_report.render(doc, name, RenderOptions(color=color, width=_terminal_width() if target is None and sys.stdout.isatty() else 100))
            if target is not None:
                write_atomic(target, text)
            elif not quiet:
                sys.stdout.write(text)
        for row in result.errors:
            _fail(row.error)
        return EXIT_GATE if result.failed else EXIT_OK

    raise typer.Exit(guarded(debug, run))


def _with_progress(work, total: int, verb: str = "assessing"):
    """Run ``work(progress)`` under a rich progress bar on standard error (terminals only; callers check)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("assess", total=total)
        return work(lambda done, _total: bar.update(task, completed=done))


@app.command()
def validate(
    manifests: Annotated[list[str], typer.Argument(help="Manifest files (or - for standard input).", show_default=False)],
    debug: Debug = False,
) -> None:
    """Check manifests against the schema only (no scoring)."""

    def run() -> int:
        from .manifest import load_manifest

        def check_all(progress=None) -> list[tuple[bool, str]]:
            verdicts = []
            for done, path in enumerate(manifests, 1):
                try:
                    load_manifest(path)
                    verdicts.append((True, f"{path}: valid"))
                except InputError as exc:
                    verdicts.extend((False, d.format()) for d in exc.diagnostics)
                if progress is not None:
                    progress(done, len(manifests))
            return verdicts

        many = len(manifests) > 1 and sys.stderr.isatty()
        verdicts = _with_progress(check_all, len(manifests), "validating") if many else check_all()
        for valid, line in verdicts:
            if valid:
                print(line)
            else:
                _fail(line)
        return EXIT_OK if all(valid for valid, _ in verdicts) else EXIT_INPUT

    raise typer.Exit(guarded(debug, run))


@app.command()
def schema(debug: Debug = False) -> None:
    """Print the manifest JSON Schema."""

    def run() -> int:
        from .api import manifest_schema

        print(json.dumps(manifest_schema(), indent=2, ensure_ascii=False))
        return EXIT_OK

    raise typer.Exit(guarded(debug, run))


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter manifest.")] = Path("readiness.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    debug: Debug = False,
) -> None:
    """Write a commented starter manifest that validates."""

    def run() -> int:
        from .output import write_atomic

        if path.exists() and not force:
            raise UsageError(f"{path} already exists", "pass --force to overwrite it")
        write_atomic(path, (Path(__file__).with_name("templates") / "starter.yaml").read_text(encoding="utf-8"))
        print(f"wrote {path}; fill it in, then run: readiness assess {path}")
        return EXIT_OK

    raise typer.Exit(guarded(debug, run))


@app.command()
def explain(
    criterion: Annotated[str, typer.Argument(help="Criterion id, e.g. monitor.drift_detection.", show_default=False)],
    rubric: RubricOption = None,
    debug: Debug = False,
) -> None:
    """Explain one criterion: why it matters, what is checked, how to meet it."""

    def run() -> int:
        from difflib import get_close_matches

        from .rubric import describe_check, load_rubric

        loaded = load_rubric(rubric)
        found = loaded.criterion(criterion)
        if found is None:
            ids = [c.spec.id for c in loaded.criteria]
            close = get_close_matches(criterion, ids, n=1)
            raise UsageError(f"no criterion '{criterion}' in rubric {loaded.id}",
                             f"did you mean '{close[0]}'?" if close else "list them with: readiness rubric show")
        spec = found.spec
        phase = next(p for p in loaded.spec.phases if p.id == spec.phase)
        dimension = next(d for d in loaded.spec.dimensions if d.id == spec.dimension)
        phase_names = {p.id: p.name for p in loaded.spec.phases}
        lines = [
            f"{spec.id}: {spec.title}",
            f"  dimension:   {dimension.name}",
            f"  phase:       {phase.name} ({phase.months})",
            f"  severity:    {spec.severity}   effort: {spec.effort}   weight: {spec.weight:g}",
            f"  checks:      {'.'.join(found.tests[0].path)} {describe_check(found)}",
            f"  applies if:  {_describe_rule(applies_if)}" if (applies_if := loaded.as_data()["criteria"][found.position].get("applies_if")) else None,
            f"  requires:    {', '.join(spec.requires)}" if spec.requires else None,
            *(f"  profile:     {p.title}: {', '.join(x for x in (e.severity, e.phase and phase_names[e.phase]) if x)}"
              for p in loaded.spec.profiles for e in p.effects if e.criterion == spec.id),
            f"  sources:     {', '.join('seed ' + s for s in spec.sources)}",
            "",
            "Why:",
            f"  {spec.rationale}",
            "",
            "What to do:",
            f"  {spec.remediation}",
        ]
        print("\n".join(line for line in lines if line is not None))
        return EXIT_OK

    raise typer.Exit(guarded(debug, run))


def _describe_rule(rule: dict) -> str:
    if "field" in rule:
        return f"{rule['field']} {'in ' + str(rule['in']) if 'in' in rule else 'is ' + json.dumps(rule.get('equals'))}"
    mode = "all" if "all" in rule else "any"
    return f"{mode} of (" + "; ".join(_describe_rule(r) for r in rule[mode]) + ")"


@rubric_app.command("show")
def rubric_show(
    rubric: RubricOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="yaml or json.")] = "yaml",
    debug: Debug = False,
) -> None:
    """Print the effective rubric."""

    def run() -> int:
        from .rubric import load_rubric

        loaded = load_rubric(rubric)
        data = loaded.as_data()
        if format == "json":
            print(json.dumps(data, indent=2, ensure_ascii=False))
        elif format == "yaml":
            import yaml

            sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
        else:
            raise UsageError(f"unknown format '{format}'", "one of: yaml, json")
        return EXIT_OK

    raise typer.Exit(guarded(debug, run))


@rubric_app.command("validate")
def rubric_validate(
    files: Annotated[list[Path], typer.Argument(help="Rubric files.", show_default=False)],
    debug: Debug = False,
) -> None:
    """Check rubric files completely (fields, operators, ids, requirements, weights)."""

    def run() -> int:
        from .rubric import load_rubric

        failed = False
        for path in files:
            try:
                loaded = load_rubric(path)
            except InputError as exc:
                failed = True
                for diagnostic in exc.diagnostics:
                    _fail(diagnostic.format())
                continue
            print(f"{path}: valid rubric {loaded.id} {loaded.version} ({len(loaded.criteria)} criteria)")
        return EXIT_INPUT if failed else EXIT_OK

    raise typer.Exit(guarded(debug, run))


def main() -> None:
    app()
