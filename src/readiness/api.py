"""The library API behind the CLI: load, assess, gate and render, with no printing.

Tests and other tools call these functions directly; ``cli`` only parses
arguments, calls them and turns the outcome into output and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import gate as gates
from . import roadmap as roadmaps
from .engine import Assessment, assess
from .manifest import Manifest, load_manifest
from .report import RENDERERS, RenderOptions, document
from .rubric import Rubric, load_rubric
from .source import Document, display_name


@dataclass(frozen=True)
class Outcome:
    manifest: Manifest
    source: Document
    assessment: Assessment
    roadmap: tuple[roadmaps.RoadmapPhase, ...]
    gate: gates.GateResult
    report: dict


def assess_file(
    manifest_path: str | Path,
    rubric: Rubric | str | Path | None = None,
    gate: gates.Gate | None = None,
) -> Outcome:
    """Assess one manifest file; raises InputError for any problem with the inputs."""
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric)
    manifest, source = load_manifest(str(manifest_path))
    return assess_manifest(manifest, source, rubric, gate or gates.Gate())


def assess_manifest(manifest: Manifest, source: Document, rubric: Rubric, gate: gates.Gate) -> Outcome:
    assessment = assess(manifest, rubric)
    roadmap = roadmaps.build(assessment)
    result = gates.check(gate, assessment)
    return Outcome(manifest, source, assessment, roadmap, result, document(assessment, roadmap, result, source))


def render(outcome: Outcome, format: str, options: RenderOptions | None = None) -> str:
    return RENDERERS[format].render(outcome.report, options or RenderOptions())


def manifest_schema() -> dict:
    schema = Manifest.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


__all__ = ["Outcome", "assess_file", "assess_manifest", "render", "manifest_schema", "display_name"]
