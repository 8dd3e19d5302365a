"""The `readiness` command line, declared once: every command and option, its help and its checks.

Each command parses its arguments here and runs a body from :mod:`readiness.cli.assess` or
:mod:`readiness.cli.commands` through :func:`readiness.cli.console.run_guarded`, which maps outcomes to
exit codes: 0 passed, 1 a gate failed, 2 a usage or input error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from readiness import __version__
from readiness.cli.console import run_guarded
from readiness.cli.helptext import Command, Group

app = typer.Typer(
    name="readiness",
    cls=Group,
    help="Is this AI pilot ready for production, and what should the team do next?",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rubric_app = typer.Typer(cls=Group, help="Show or validate rubrics.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rubric_app, name="rubric")
cache_app = typer.Typer(cls=Group, help="Manage the cache of compiled rubrics, validators and templates.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(cache_app, name="cache")

BundledRubricOption = Annotated[Optional[Path], typer.Option("--rubric", "-r", metavar="FILE", help="Rubric file or bundled rubric id (default: the bundled rubric).", show_default=False)]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback for errors.")]
RubricOption = Annotated[Optional[Path], typer.Option("--rubric", "-r", metavar="FILE", help="Rubric file or bundled rubric id (default: the manifest's rubric: key, else the project configuration's, else the bundled rubric).", show_default=False)]
AsOf = Annotated[Optional[str], typer.Option("--as-of", help="Date (YYYY-MM-DD) that decides which waivers hold; default: SOURCE_DATE_EPOCH, else today.", metavar="DATE")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors and gate failures.")]


def _exit(debug: bool, action) -> None:
    raise typer.Exit(run_guarded(debug, action))


def _version(value: bool) -> None:
    if value:
        print(f"readiness {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Score an AI project's manifest against a readiness rubric."""


@app.command(cls=Command)
def assess(
    manifest: Annotated[str, typer.Argument(help="Manifest file, or - for standard input.", show_default=False, metavar="MANIFEST")],
    rubric: RubricOption = None,
    format: Annotated[list[str], typer.Option("--format", "-f", metavar="FORMAT", help="text, markdown (md), html, json, junit, sarif, github or gitlab; repeat to write several reports.")] = [],
    output: Annotated[list[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report here (atomically; missing folders are created); pairs with --format.")] = [],
    min_score: Annotated[Optional[float], typer.Option("--min-score", min=0, max=100, metavar="SCORE", help="Fail (exit 1) below this score (0 to 100).")] = None,
    min_phase: Annotated[Optional[str], typer.Option("--min-phase", metavar="PHASE", help="Fail (exit 1) unless this roadmap phase is reached.")] = None,
    fail_on_blockers: Annotated[Optional[bool], typer.Option("--fail-on-blockers/--no-fail-on-blockers", help="Fail (exit 1) if any blocker criterion is not met.", show_default=False)] = None,
    template_dir: Annotated[Optional[Path], typer.Option("--template-dir", metavar="FOLDER", help="Folder of Jinja templates that override the bundled ones.")] = None,
    verify_evidence: Annotated[Optional[bool], typer.Option("--verify-evidence/--no-verify-evidence", help="Check that evidence paths exist; claims without evidence earn no credit.", show_default=False)] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", metavar="REPORT", help="An earlier JSON report (or manifest) to compare with; the Markdown report shows the trend.")] = None,
    fail_on_regression: Annotated[bool, typer.Option("--fail-on-regression", help="Fail (exit 1) when any score, phase or criterion regressed against --baseline.")] = False,
    strict_regression: Annotated[bool, typer.Option("--strict-regression", help="With --fail-on-regression, also fail on regressions a rubric change caused.")] = False,
    framework: Annotated[list[str], typer.Option("--framework", help="Add a framework crosswalk section: a bundled pack (see `readiness frameworks`), a pack file, or all; repeatable.", metavar="NAME|PATH|all")] = [],
    min_framework_coverage: Annotated[list[str], typer.Option("--min-framework-coverage", help="Fail (exit 1) when less than PCT% of the framework's requirements the rubric addresses are met or supported, e.g. nist-ai-rmf=60; repeatable.", metavar="NAME=PCT")] = [],
    steps: Annotated[int, typer.Option("--steps", min=1, metavar="N", help="Next steps and unanswered questions the text report lists (at least 1).")] = 5,
    all_steps: Annotated[bool, typer.Option("--all", help="List every next step and unanswered question in the text report.")] = False,
    scan: Annotated[bool, typer.Option("--scan", help="Read the manifest's repository (never running it) and mark each claim observed, not observed or contradicted.")] = False,
    fail_on_contradiction: Annotated[bool, typer.Option("--fail-on-contradiction", help="With --scan, fail (exit 1) when the repository contradicts any claim.")] = False,
    as_of: AsOf = None,
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="Project configuration file (default: .readiness.yaml or [tool.readiness] in pyproject.toml, searched upwards).")] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore any project configuration.")] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Score a manifest, print or write reports, and gate CI with the exit code."""
    from readiness.cli.assess import AssessRequest
    from readiness.cli.assess import assess as run

    request = AssessRequest(
        manifest=manifest, rubric=rubric, formats=list(format), outputs=list(output), min_score=min_score,
        min_phase=min_phase, fail_on_blockers=fail_on_blockers, template_dir=template_dir,
        verify_evidence=verify_evidence, baseline=baseline, fail_on_regression=fail_on_regression,
        strict_regression=strict_regression, as_of=as_of, config=config, no_config=no_config, quiet=quiet,
        frameworks=list(framework), min_framework_coverage=list(min_framework_coverage),
        steps=None if all_steps else steps, scan=scan, fail_on_contradiction=fail_on_contradiction,
    )
    _exit(debug, lambda: run(request))


@app.command(cls=Command)
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The earlier assessment: a JSON report or a manifest.", show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The later assessment: a JSON report or a manifest.", show_default=False)],
    rubric: RubricOption = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="text, markdown (md) or json (default: from the --output suffix, else text).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the diff here (atomically; missing folders are created).")] = None,
    fail_on_regression: Annotated[bool, typer.Option("--fail-on-regression", help="Exit 1 when anything regressed.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Count regressions a rubric change caused too.")] = False,
    debug: Debug = False,
) -> None:
    """Compare two assessments: score and dimension deltas, criteria met and lost, phase change."""
    from readiness.cli import commands

    _exit(debug, lambda: commands.diff(old, new, rubric, format, output, fail_on_regression, strict))


@app.command(cls=Command)
def portfolio(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS", help="Manifest files, folders (searched recursively) or globs.", show_default=False)],
    rubric: RubricOption = None,
    format: Annotated[list[str], typer.Option("--format", "-f", metavar="FORMAT", help="text, markdown (md), html or json; repeat to write several reports.")] = [],
    output: Annotated[list[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report here (atomically; missing folders are created); pairs with --format.")] = [],
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, metavar="N", help="Processes to use, at least 1 (default: all cores for large portfolios).")] = None,
    as_of: AsOf = None,
    verify_evidence: Annotated[bool, typer.Option("--verify-evidence", help="Check each manifest's evidence paths; claims without evidence earn no credit.")] = False,
    framework: Annotated[list[str], typer.Option("--framework", help="Add coverage per framework across projects: a bundled pack, a pack file, or all; repeatable.", metavar="NAME|PATH|all")] = [],
    scan: Annotated[bool, typer.Option("--scan", help="Read each manifest's repository (never running it) and count its claims observed, not observed or contradicted.")] = False,
    fail_on_contradiction: Annotated[bool, typer.Option("--fail-on-contradiction", help="With --scan, fail (exit 1) when a repository contradicts any claim.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no report on standard output.")] = False,
    debug: Debug = False,
) -> None:
    """Assess every manifest under PATHS: ranking, heat map, most common gaps. Exit 1 if any manifest failed to load."""
    from readiness.cli import commands

    _exit(debug, lambda: commands.portfolio(list(paths), rubric, list(format), list(output), workers, as_of, verify_evidence, quiet,
                                            frameworks=list(framework), scan=scan, fail_on_contradiction=fail_on_contradiction))


@app.command(cls=Command)
def scan(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The repository to read (default: the current folder); never executed.")] = Path("."),
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="yaml (a draft manifest; the default in a file or pipe), json (the findings), markdown or text (the default on a terminal).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of standard output.")] = None,
    rubric: BundledRubricOption = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Read a repository as evidence: draft the answers its code proves, each with the file and line that decides it."""
    from readiness.cli import commands

    _exit(debug, lambda: commands.scan(path, format, output, rubric, quiet))


@app.command(cls=Command)
def frameworks(
    rubric: BundledRubricOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
    debug: Debug = False,
) -> None:
    """List the bundled framework packs: edition, requirements, and how many of them the rubric addresses."""
    from readiness.cli import commands

    _exit(debug, lambda: commands.frameworks(rubric, format))


@app.command(cls=Command)
def validate(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS", help="Manifest files (- for standard input), folders (searched recursively) or globs.", show_default=False)],
    rubric: Annotated[Optional[Path], typer.Option("--rubric", "-r", metavar="FILE", help="Rubric file or bundled rubric id (default: each manifest's rubric: key, else the project configuration's, else the bundled rubric).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the problems, not the valid files.")] = False,
    debug: Debug = False,
) -> None:
    """Check manifests against the schema and their rubric's extensions and ids, without scoring."""
    from readiness.cli import commands

    _exit(debug, lambda: commands.validate(list(paths), rubric, quiet))


@app.command(cls=Command)
def schema(debug: Debug = False) -> None:
    """Print the manifest JSON Schema."""
    from readiness.cli import commands

    _exit(debug, commands.schema)


@app.command(cls=Command)
def init(
    path: Annotated[str, typer.Argument(help="Where to write the starter manifest; - prints it.", metavar="FILE")] = "readiness.yaml",
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Fill it in by answering questions in the terminal.")] = False,
    rubric: Annotated[Optional[Path], typer.Option("--rubric", "-r", metavar="FILE", help="Write the starter for this rubric file or bundled id (its extension questions too) and name it in the manifest.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write a starter manifest: every question, what it asks, its answers and the criteria it feeds."""
    from readiness.cli import starter

    _exit(debug, lambda: starter.init(path, force, rubric, interactive, quiet))


@app.command(cls=Command)
def interview(
    manifest: Annotated[str, typer.Argument(help="The manifest to continue.", show_default=False, metavar="MANIFEST")],
    rubric: RubricOption = None,
    debug: Debug = False,
) -> None:
    """Answer a manifest's open questions in the terminal, most valuable first; keeps its comments."""
    from readiness.cli import starter

    _exit(debug, lambda: starter.interview(manifest, rubric, False))


@app.command(cls=Command)
def explain(
    criterion: Annotated[str, typer.Argument(metavar="CRITERION", help="Criterion id, e.g. monitor.drift_detection.", show_default=False)],
    rubric: BundledRubricOption = None,
    debug: Debug = False,
) -> None:
    """Explain one criterion: why it matters, what is checked, how to meet it."""
    from readiness.cli import commands

    _exit(debug, lambda: commands.explain(criterion, rubric))


@rubric_app.command("show", cls=Command)
def rubric_show(
    rubric: BundledRubricOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="yaml or json.")] = "yaml",
    debug: Debug = False,
) -> None:
    """Print the effective rubric."""
    from readiness.cli import commands

    _exit(debug, lambda: commands.rubric_show(rubric, format))


@rubric_app.command("validate", cls=Command)
def rubric_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILES", help="Rubric files.", show_default=False)],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the problems, not the valid files.")] = False,
    debug: Debug = False,
) -> None:
    """Check rubric files completely (fields, operators, ids, requirements, weights)."""
    from readiness.cli import commands

    _exit(debug, lambda: commands.rubric_validate(list(files), quiet))


@cache_app.command("clear", cls=Command)
def cache_clear(debug: Debug = False) -> None:
    """Remove every cache entry (the next run rebuilds what it needs)."""
    from readiness.cli import commands

    _exit(debug, commands.cache_clear)


def command_line(args: list[str]):
    """The click command for this run, built from the declarations above.

    Typer builds every parameter of every command before parsing; when the first argument names a command or a
    group, only that one is built (a third of typer's start-up), with the root options and settings unchanged.
    Anything else (no command, a root option first, shell completion) gets the whole command line.
    """
    import copy
    import os

    name = args[0] if args else ""
    commands = [c for c in app.registered_commands if (c.name or typer.main.get_command_name(getattr(c.callback, "__name__", ""))) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if (commands or groups) and not os.environ.get("_READINESS_COMPLETE"):
        only = copy.copy(app)
        only.registered_commands, only.registered_groups = commands, groups
        return typer.main.get_command(only)
    return typer.main.get_command(app)
