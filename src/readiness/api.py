"""The library API behind the CLI: load, assess, gate and render, with no printing.

Tests and other tools call these functions directly; ``cli`` only parses
arguments, calls them and turns the outcome into output and an exit code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from readiness.common.errors import InputError
from readiness.input.source import Document
from readiness.manifest.load import load_manifest
from readiness.reports import registry
from readiness.reports.document import document, gate_section
from readiness.reports.options import RenderOptions
from readiness.rubric.load import load_rubric
from readiness.rubric.model import Rubric
from readiness.scoring import evidence
from readiness.scoring import gate as gates
from readiness.scoring import roadmap as roadmaps
from readiness.scoring.engine import Assessment
from readiness.scoring.prepare import prepare, score

if TYPE_CHECKING:
    from readiness.crosswalk import Pack
    from readiness.manifest.model import Manifest


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
    frameworks: tuple[Pack, ...] = (),
    source: Document | None = None,
    scan: bool = False,
) -> Outcome:
    """Assess one manifest file (already read, when ``source`` is given); raises InputError for any problem with the inputs.

    Without ``rubric``, the manifest's own `rubric:` key names it, else the bundled default applies.
    ``scan`` reads the manifest's repository (its git work tree's root, else its folder) and compares each claim
    with it: the report gains a ``scan`` section, and with ``verify_evidence`` an observed claim counts as evidenced.
    """
    if source is None:
        manifest, source = load_manifest(str(manifest_path))
    else:
        from readiness.manifest.load import parse_manifest

        manifest = parse_manifest(source)
    if rubric is None:
        rubric = rubric_of(source, manifest_path)
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric)
    folder = Path.cwd() if str(manifest_path) == "-" else Path(manifest_path).parent
    check = evidence.check(manifest, source, rubric, folder) if verify_evidence else None
    section = None
    if scan:
        section, checks = scan_claims(manifest, rubric, folder)
        if check is not None:
            from readiness.scan import verify_with_scan

            check = verify_with_scan(check, checks)
    return assess_manifest(
        manifest,
        source,
        rubric,
        gate or gates.Gate(),
        today=today,
        evidence_check=check,
        baseline=baseline,
        frameworks=frameworks,
        scan=section,
    )


def scan_claims(manifest: Manifest, rubric: Rubric, folder: Path) -> tuple[dict, tuple]:
    """The report's ``scan`` section and the claim checks, for the repository that holds ``folder``."""
    import os

    from readiness.reports.location import repository_root
    from readiness.reports.scan_section import section
    from readiness.scan import compare, scan_repository

    folder = Path(os.path.abspath(folder))
    root = repository_root(folder) or folder
    result = scan_repository(root, rubric)
    checks = compare(manifest, rubric, result)
    return section(result, checks, rubric, Path(os.path.relpath(root, folder)).as_posix()), checks


def assess_manifest(
    manifest: Manifest,
    source: Document,
    rubric: Rubric,
    gate: gates.Gate,
    *,
    today: date | None = None,
    evidence_check: evidence.EvidenceCheck | None = None,
    baseline: dict | None = None,
    frameworks: tuple[Pack, ...] = (),
    scan: dict | None = None,
) -> Outcome:
    """Score a validated manifest; with an evidence check, the gate and roadmap use the verified scores.

    ``baseline`` is an earlier JSON report: the outcome then carries the trend, and the regression gate judges it.
    ``frameworks`` (from :func:`readiness.crosswalk.select_packs`) each add a section, judged by the gate's
    ``min_framework_coverage``; every pack a gate names must be among them.
    ``scan`` is the section of :func:`scan_claims`: the report carries it, and ``fail_on_contradiction`` judges it.
    """
    manifest, claimed, assessment = score(manifest, source, rubric, today=today, evidence_check=evidence_check)
    roadmap = roadmaps.build(assessment)
    sections = _framework_sections(frameworks, rubric, assessment, manifest)
    report = document(
        assessment, roadmap, None, source, claimed=claimed if evidence_check else None, evidence=evidence_check, frameworks=sections
    )
    trend = None
    found: list[str] = []
    if baseline is not None:
        from readiness.trends import diff

        trend = diff.compare(baseline, report)
        found = diff.regressions(trend, strict=gate.strict_regression)
    contradictions: list[str] = []
    if scan is not None:
        from readiness.reports.scan_section import contradicted

        report["scan"] = scan
        contradictions = contradicted(scan)
    result = gates.check(gate, assessment, found, contradictions)
    if gate.min_framework_coverage:
        from readiness.crosswalk import check_coverage

        result = result._replace(failures=result.failures + check_coverage(gate.min_framework_coverage, sections))
    report["gate"] = gate_section(result)
    return Outcome(manifest, source, assessment, roadmap, result, report, trend)


def _framework_sections(packs, rubric: Rubric, assessment: Assessment, manifest: Manifest) -> list[dict]:
    """The crosswalk is imported only by runs that ask for a framework."""
    if not packs:
        return []
    from readiness.crosswalk import framework_section

    return [framework_section(pack, rubric, assessment, manifest) for pack in packs]


def rubric_of(source: Document, manifest_path: str | Path) -> Path | None:
    """The rubric file a manifest names with `rubric:` (relative to its folder), or None."""
    from readiness.rubric.named import manifest_rubric

    return manifest_rubric(source, Path.cwd() if str(manifest_path) == "-" else Path(manifest_path).parent)


def load_report(path: str | Path, rubric: Rubric | None = None) -> dict:
    """The report for a JSON report or a YAML manifest (assessed with ``rubric``), so `diff` and `--baseline` take either."""
    from readiness.common.errors import Diagnostic
    from readiness.input.files import display_name
    from readiness.trends.diff import load_report as load_json_report

    suffix = Path(str(path)).suffix.lower()
    if suffix == ".json":
        return load_json_report(path)
    if suffix in (".yaml", ".yml"):
        return assess_file(path, rubric).report
    raise InputError(
        Diagnostic(
            display_name(path),
            f"cannot tell a report from a manifest by the suffix {suffix or '(none)'}",
            hint="give a JSON report (.json) or a YAML manifest (.yaml, .yml)",
        )
    )


def render(outcome: Outcome, format: str, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    if outcome.trend is not None:
        options = options._replace(extra={**(options.extra or {}), "trend": outcome.trend})
    return registry.render(registry.ASSESSMENT, format, outcome.report, options)


SCHEMA_ID = "urn:readiness:manifest:1"
"""The manifest schema's ``$id``: a name, not a download location (editors read the schema from a file, see `readiness init`)."""


def manifest_schema() -> dict:
    """The manifest's JSON Schema, agreeing with the validator: a section left empty (YAML null) is accepted by both."""
    from readiness.manifest.model import Manifest

    schema = Manifest.model_json_schema()
    for name, prop in schema["properties"].items():
        if name in ("version", "project") or "anyOf" in prop:
            continue
        kept = {k: v for k, v in prop.items() if k in ("description", "title")}
        schema["properties"][name] = {**kept, "anyOf": [{k: v for k, v in prop.items() if k not in kept}, {"type": "null"}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


__all__ = [
    "Outcome",
    "assess_file",
    "assess_manifest",
    "load_report",
    "manifest_schema",
    "prepare",
    "render",
    "rubric_of",
    "scan_claims",
    "score",
]
