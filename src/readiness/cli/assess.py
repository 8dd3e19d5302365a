"""`readiness assess` once its arguments are parsed: configuration, the outputs to write, the gate, the run.

The typer command in :mod:`readiness.cli.app` builds an :class:`AssessRequest` and calls :func:`assess`;
tests call it directly. Exit codes: 0 passed, 1 a gate failed, 2 a usage or input error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from readiness.cli.console import (
    EXIT_GATE,
    EXIT_OK,
    fail,
    terminal_width,
    today,
    use_color,
)
from readiness.cli.outputs import said_on_stdout, wrote
from readiness.common.errors import UsageError


def pair_flags(formats: list[str], outputs: list[Path]) -> list[tuple[str | None, Path | None]]:
    """Pair each --format with the --output at the same position (a lone --format prints to stdout)."""
    if len(formats) > max(len(outputs), 1):
        raise UsageError("more --format options than --output files", "give each extra format its own --output FILE")
    if not outputs:
        return [(formats[0] if formats else "text", None)]
    return [(formats[i] if i < len(formats) else None, output) for i, output in enumerate(outputs)]


def plan_outputs(pairs: list[tuple[str | None, Path | None]], kind: str = "assessment") -> list[tuple[str, Path | None]]:
    """Check formats, infer missing ones from file suffixes, refuse two reports to one place."""
    from readiness.reports import registry

    plan = []
    for name, output in pairs:
        name = registry.canonical(name)
        if name is None:
            name = registry.for_suffix(kind, str(output))
            if name is None:
                raise UsageError(f"cannot tell the format of {output} from its suffix", "add --format before this --output")
        if registry.lookup(kind, name) is None:
            raise UsageError(f"unknown format '{name}'", f"one of: {', '.join(registry.names(kind))}")
        plan.append((name, output))
    from readiness.reports.output import refuse_duplicates, target

    refuse_duplicates([target(output) for _, output in plan])
    return plan


@dataclass
class AssessRequest:
    """The parsed arguments of `readiness assess`; None means "not given" (configuration or default applies)."""

    manifest: str
    rubric: Path | None = None
    formats: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    min_score: float | None = None
    min_phase: str | None = None
    fail_on_blockers: bool | None = None
    template_dir: Path | None = None
    verify_evidence: bool | None = None
    baseline: Path | None = None
    fail_on_regression: bool = False
    strict_regression: bool = False
    as_of: str | None = None
    config: Path | None = None
    no_config: bool = False
    quiet: bool = False
    debug: bool = False
    frameworks: list[str] = field(default_factory=list)  # --framework: pack names, pack files or "all"
    min_framework_coverage: list[str] = field(default_factory=list)  # --min-framework-coverage NAME=PCT, unparsed
    steps: int | None = 5  # None: all
    scan: bool = False  # --scan: compare the claims with the manifest's repository
    fail_on_contradiction: bool = False


def frameworks_of(request: AssessRequest, settings, rubric) -> tuple[tuple, tuple]:
    """The packs to report and the framework gates: flags win over the configuration (gates per framework)."""
    if not (request.frameworks or request.min_framework_coverage or settings.frameworks or settings.min_framework_coverage):
        return (), ()
    from readiness.crosswalk import FrameworkGate, gates_by_id, parse_min_coverage, select_packs

    minimums = {name: FrameworkGate(name, minimum) for name, minimum in settings.min_framework_coverage.items()}
    for value in request.min_framework_coverage:
        parsed = parse_min_coverage(value)
        minimums[parsed.framework] = parsed
    gates = tuple(minimums[name] for name in sorted(minimums))
    packs = select_packs(request.frameworks or settings.frameworks, gates, rubric)
    return packs, gates_by_id(gates, packs)


def assess(request: AssessRequest) -> int:
    from readiness import api
    from readiness.cli import config as project_config
    from readiness.reports import github
    from readiness.reports.options import RenderOptions
    from readiness.reports.output import write_all
    from readiness.rubric.load import load_rubric
    from readiness.scoring.gate import Gate, normalize_phase

    settings = (
        project_config.defaults()
        if request.no_config
        else (project_config.load(request.config) if request.config is not None else project_config.discover())
    )
    if request.formats or request.outputs or not settings.reports:
        plan = plan_outputs(pair_flags(request.formats, request.outputs))
    else:
        plan = plan_outputs([(r.format, r.output) for r in settings.reports])
    templates = request.template_dir or settings.template_dir
    if templates is not None and not templates.is_dir():
        raise UsageError(f"template folder {templates} does not exist")
    if request.fail_on_regression and request.baseline is None:
        raise UsageError("--fail-on-regression needs --baseline OLD.json")
    if request.fail_on_contradiction and not request.scan:
        raise UsageError("--fail-on-contradiction needs --scan", "add --scan to compare the claims with the repository")
    from readiness.input.source import load as read_manifest

    source = read_manifest(request.manifest, what="manifest")
    loaded = load_rubric(request.rubric or api.rubric_of(source, request.manifest) or settings.rubric)
    packs, framework_gates = frameworks_of(request, settings, loaded)
    phase_name = request.min_phase or settings.min_phase
    gate = Gate(
        request.min_score if request.min_score is not None else settings.min_score,
        normalize_phase(phase_name, [p.id for p in loaded.spec.phases]) if phase_name else None,
        settings.fail_on_blockers if request.fail_on_blockers is None else request.fail_on_blockers,
        request.fail_on_regression,
        request.strict_regression,
        framework_gates,
        request.fail_on_contradiction,
    )
    previous = None
    if request.baseline is not None:
        previous = api.load_report(request.baseline, loaded)
    outcome = api.assess_file(
        request.manifest,
        loaded,
        gate,
        today=today(request.as_of),
        verify_evidence=settings.verify_evidence if request.verify_evidence is None else request.verify_evidence,
        baseline=previous,
        frameworks=packs,
        source=source,
        scan=request.scan,
    )
    color_setting = {"always": True, "never": False}.get(settings.color)
    rendered = []
    for name, target in plan:
        to_terminal = target is None and sys.stdout.isatty()
        color = (
            target is None
            and name == "text"
            and (use_color(sys.stdout) if color_setting is None else color_setting and not os.environ.get("NO_COLOR"))
        )
        options = RenderOptions(color=color, width=terminal_width() if to_terminal else 100, template_dir=templates, steps=request.steps)
        rendered.append((name, api.render(outcome, name, options), target))
    write_all([(target, text) for _, text, target in rendered if target is not None or not request.quiet])
    if not request.quiet:
        for name, _, target in rendered:
            if target is not None:
                wrote(target, name)
    if not said_on_stdout(rendered, request.quiet):
        for failure in outcome.gate.failures:
            fail(f"gate failed: {failure}")
    if github.active():
        printed = any(name == "github" and target is None for name, _, target in rendered)
        for line in [] if printed else github.workflow_annotations(outcome.report, outcome.gate.failures):
            fail(line)
        try:
            github.write_outputs(outcome.report, outcome.gate.passed)
        except OSError as exc:
            fail(f"warning: cannot write the step outputs to GITHUB_OUTPUT: {exc.strerror or exc}")
        try:
            markdown = next((text for name, text, _ in rendered if name == "markdown"), None)
            github.append_summary(markdown or api.render(outcome, "markdown", RenderOptions(template_dir=templates)))
        except OSError as exc:
            fail(f"warning: cannot append the report to GITHUB_STEP_SUMMARY: {exc.strerror or exc}")
    return EXIT_OK if outcome.gate.passed else EXIT_GATE
