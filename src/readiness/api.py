"""The library API behind the CLI: load, assess, gate and render, with no printing.

Tests and other tools call these functions directly; ``cli`` only parses
arguments, calls them and turns the outcome into output and an exit code.
"""

from datetime import date
from pathlib import Path
from typing import NamedTuple

from readiness.scoring import evidence
from readiness.scoring import gate as gates
from readiness.scoring import roadmap as roadmaps
from readiness.scoring.engine import Assessment, assess
from readiness.common.errors import InputError
from readiness.manifest.model import Manifest, load_manifest
from readiness.reports.document import RENDERERS, RenderOptions, document, gate_section
from readiness.rubric.compiled import Rubric, load_rubric
from readiness.input.source import Document


class Outcome(NamedTuple):
    manifest: Manifest
    source: Document
    assessment: Assessment
    roadmap: tuple[roadmaps.RoadmapPhase, ...]
    gate: gates.GateResult
    report: dict
    trend: dict | None = None


def assess_file(
    manifest_path: str | Path,
    rubric: Rubric | str | Path | None = None,
    gate: gates.Gate | None = None,
    *,
    today: date | None = None,
    verify_evidence: bool = False,
    baseline: dict | None = None,
) -> Outcome:
    """Assess one manifest file; raises InputError for any problem with the inputs."""
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric)
    manifest, source = load_manifest(str(manifest_path))
    folder = Path.cwd() if str(manifest_path) == "-" else Path(manifest_path).parent
    check = evidence.check(manifest, source, rubric, folder) if verify_evidence else None
    return assess_manifest(manifest, source, rubric, gate or gates.Gate(), today=today, evidence_check=check, baseline=baseline)


def assess_manifest(
    manifest: Manifest,
    source: Document,
    rubric: Rubric,
    gate: gates.Gate,
    *,
    today: date | None = None,
    evidence_check: evidence.EvidenceCheck | None = None,
    baseline: dict | None = None,
) -> Outcome:
    """Score a validated manifest; with an evidence check, the gate and roadmap use the verified scores.

    ``baseline`` is an earlier JSON report: the outcome then carries the trend, and the regression gate judges it.
    """
    manifest, claimed, assessment = score(manifest, source, rubric, today=today, evidence_check=evidence_check)
    roadmap = roadmaps.build(assessment)
    report = document(assessment, roadmap, None, source, claimed=claimed if evidence_check else None, evidence=evidence_check)
    trend = None
    found: list[str] = []
    if baseline is not None:
        from readiness.trends import diff

        trend = diff.compare(baseline, report)
        found = diff.regressions(trend, strict=gate.strict_regression)
    result = gates.check(gate, assessment, found)
    report["gate"] = gate_section(result)
    return Outcome(manifest, source, assessment, roadmap, result, report, trend)


def score(
    manifest: Manifest,
    source: Document,
    rubric: Rubric,
    *,
    today: date | None = None,
    evidence_check: evidence.EvidenceCheck | None = None,
) -> tuple[Manifest, Assessment, Assessment]:
    """The rubric's checks on the manifest, then its scores: (prepared manifest, claimed, the one gates and reports use).

    The last two are the same assessment unless ``evidence_check`` leaves claims unverified.
    """
    manifest = prepare(manifest, source, rubric)
    claimed = assess(manifest, rubric, today=today)
    if evidence_check is None:
        return manifest, claimed, claimed
    return manifest, claimed, assess(manifest, rubric, today=today, unverified=evidence_check.unverified_ids)


def prepare(manifest: Manifest, source: Document, rubric: Rubric) -> Manifest:
    """Checks that need the rubric: waivers name its criteria, extension facts have its declared types."""
    _check_waivers(manifest, source, rubric)
    return typed_extensions(manifest, source, rubric)


_EXTENSION_TYPES = {
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "number": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number"),
    "text": (lambda v: isinstance(v, str) and v.strip() != "", "text"),
}


def typed_extensions(manifest: Manifest, source: Document, rubric: Rubric) -> Manifest:
    """Check `extensions:` against the types the rubric declares, and turn level answers into ordered values."""
    if not manifest.extensions:
        return manifest
    from difflib import get_close_matches

    declared = rubric.spec.extensions
    enums = rubric.extension_enums
    typed, problems = {}, []
    for name, value in manifest.extensions.items():
        where = ("extensions", name)
        spec = declared.get(name)
        if spec is None:
            close = get_close_matches(name, list(declared), n=1)
            hint = f"did you mean '{close[0]}'?" if close else (
                f"rubric {rubric.id} declares: {', '.join(declared)}" if declared else f"rubric {rubric.id} declares no extensions")
            problems.append(source.diagnostic(where, f"unknown extension '{name}'", hint, key=True))
        elif value is None:
            typed[name] = None
        elif spec.type == "level":
            if value not in spec.values:
                problems.append(source.diagnostic(where, f"extensions.{name}: {value!r} is not an allowed value",
                                                  f"allowed values: {', '.join(spec.values)}"))
            else:
                typed[name] = enums[name](value)
        elif not _EXTENSION_TYPES[spec.type][0](value):
            problems.append(source.diagnostic(where, f"extensions.{name}: expected {_EXTENSION_TYPES[spec.type][1]}, got {value!r}"))
        else:
            typed[name] = value
    if problems:
        raise InputError(problems)
    return manifest.model_copy(update={"extensions": typed})


def _check_waivers(manifest: Manifest, source: Document, rubric: Rubric) -> None:
    from difflib import get_close_matches

    ids = [c.spec.id for c in rubric.criteria]
    problems = []
    for index, waiver in enumerate(manifest.waivers):
        if rubric.criterion(waiver.id) is None:
            close = get_close_matches(waiver.id, ids, n=1)
            problems.append(source.diagnostic(("waivers", index, "id"), f"waiver for unknown criterion '{waiver.id}' in rubric {rubric.id}",
                                              f"did you mean '{close[0]}'?" if close else "see `readiness rubric show` for the ids"))
    if problems:
        raise InputError(problems)


def render(outcome: Outcome, format: str, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    if outcome.trend is not None:
        options = options._replace(extra={**(options.extra or {}), "trend": outcome.trend})
    return RENDERERS[format].render(outcome.report, options)


def manifest_schema() -> dict:
    schema = Manifest.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


__all__ = ["Outcome", "assess_file", "assess_manifest", "prepare", "render", "manifest_schema", "score"]
