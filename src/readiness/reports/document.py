"""Reports: one document, many renderers.

:func:`document` turns an assessment into plain, ordered data: the JSON
report is exactly that data, and every other format (text, Markdown, HTML,
...) renders the same data, so no format can tell a different story. The
JSON layout is versioned by ``schema_version`` and documented in
``docs/report-json.md``.

Renderers are small objects behind one interface, looked up by name in
:data:`RENDERERS`; heavy libraries (rich, jinja2) are imported only by the
renderer that needs them.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from readiness import __version__
from readiness.input.source import Document
from readiness.manifest.plain import section_order
from readiness.reports.location import answer_mark
from readiness.rubric.model import Reference, describe_check
from readiness.scoring.engine import STATUSES, Assessment, CriterionResult
from readiness.scoring.gate import GateResult
from readiness.scoring.roadmap import RoadmapPhase, Step

if TYPE_CHECKING:
    from readiness.scoring.evidence import EvidenceCheck

SCHEMA_VERSION = 1


def plain(value: Any) -> Any:
    """A manifest answer as JSON data."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _phase(assessment: Assessment, phase_id: str | None) -> dict | None:
    if phase_id is None:
        return None
    phase = next(p for p in assessment.rubric.spec.phases if p.id == phase_id)
    return {"id": phase.id, "name": phase.name, "months": phase.months}


def _criterion(result: CriterionResult, source: Document | None) -> dict:
    spec = result.spec
    path = result.criterion.tests[0].path
    mark = answer_mark(source, path, section_order()) if source is not None else None
    return {
        "id": spec.id,
        "title": spec.title,
        "dimension": spec.dimension,
        "phase": spec.phase,
        "severity": spec.severity,
        "effort": spec.effort,
        "weight": plain(spec.weight),
        "status": result.status,
        "credit": None if result.credit is None else plain(round(result.credit, 4)),
        "field": ".".join(path),
        "location": None if mark is None else {"line": mark.line, "column": mark.column},
        "answer": plain(result.answer),
        "expected": describe_check(result.criterion),
        "requires": list(spec.requires),
        "sources": list(spec.sources),
        "rationale": spec.rationale,
        "remediation": spec.remediation,
    }


def _step(step: Step) -> dict:
    spec = step.spec
    return {
        "id": spec.id,
        "title": spec.title,
        "dimension": spec.dimension,
        "severity": spec.severity,
        "effort": spec.effort,
        "status": step.result.status,
        "impact": plain(step.impact),
        "requires": list(spec.requires),
        "remediation": spec.remediation,
    }


def document(
    assessment: Assessment,
    roadmap: tuple[RoadmapPhase, ...],
    gate: GateResult | None = None,
    source: Document | None = None,
    *,
    claimed: Assessment | None = None,
    evidence: EvidenceCheck | None = None,
    frameworks: list[dict] | None = None,
) -> dict:
    """The report as plain data; ``source`` adds the manifest's name and the line of each answer.

    ``frameworks`` are the sections of :func:`readiness.crosswalk.framework_section`, in the order given.
    """
    from readiness.scoring.bottleneck import find
    from readiness.scoring.horizon import shape

    rubric = assessment.rubric.spec
    names = {d.id: d.name for d in rubric.dimensions}
    horizon = shape(assessment, roadmap)
    bottleneck = find(assessment)
    phase_names = {p.id: p.name for p in rubric.phases}
    passed = {p.id for p in rubric.phases[: phase_ids_index(rubric, horizon.window)]}
    phase_ids = [p.id for p in rubric.phases]
    reached = -1 if assessment.phase_reached is None else phase_ids.index(assessment.phase_reached)
    weakest = assessment.dimension(assessment.weakest) if assessment.weakest else None
    criteria = [_criterion(r, source) for r in assessment.criteria]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "readiness", "version": __version__},
        "manifest": None if source is None else source.name,
        "project": {"name": assessment.project, "owner": assessment.owner},
        "rubric": {
            "id": rubric.id,
            "version": rubric.version,
            "title": rubric.title,
            "aggregation": rubric.aggregation,
        },
        "score": plain(assessment.score),
        "weakest_dimension": None if weakest is None else {"id": weakest.id, "name": weakest.name, "score": plain(weakest.score)},
        "phase_reached": _phase(assessment, assessment.phase_reached),
        "next_phase": _phase(assessment, phase_ids[reached + 1]) if reached + 1 < len(phase_ids) else None,
        "bottleneck": None
        if bottleneck is None
        else {
            "id": bottleneck.dimension,
            "name": bottleneck.name,
            "phase": {"id": bottleneck.phase, "name": bottleneck.phase_name},
            "withheld": plain(round(bottleneck.withheld, 4)),
            "blockers": bottleneck.blockers,
            "majors": bottleneck.majors,
            "criteria": [r.id for r in bottleneck.criteria],
            "reason": bottleneck.reason,
        },
        "profiles": [{"id": p.id, "title": p.title} for p in rubric.profiles if p.id in assessment.profiles],
        "gate": gate_section(gate),
        "summary": {status: sum(1 for r in assessment.criteria if r.status == status) for status in STATUSES},
        "dimensions": [
            {"id": d.id, "name": d.name, "weight": plain(d.weight), "score": plain(d.score), **d.counts} for d in assessment.dimensions
        ],
        "blockers": [
            {
                "id": r.id,
                "title": r.spec.title,
                "dimension": r.spec.dimension,
                "dimension_name": names[r.spec.dimension],
                "phase": r.spec.phase,
                "status": r.status,
                "remediation": r.spec.remediation,
            }
            for r in assessment.blockers
        ],
        "unanswered": [
            {"id": c["id"], "field": c["field"], "title": c["title"], "severity": c["severity"]}
            for c in criteria
            if c["status"] == "unanswered"
        ],
        "horizon": {
            "stage": horizon.stage,
            "window": horizon.window,
            "business_mode": horizon.business_mode,
            "summary": horizon.summary,
            "left_out": horizon.left_out,
            "decision_point": horizon.decision_point,
        },
        "overdue": [_step(s) | {"phase": s.spec.phase, "phase_name": phase_names[s.spec.phase]} for s in horizon.overdue],
        "roadmap": [
            {
                "id": p.phase.id,
                "name": p.phase.name,
                "months": p.phase.months,
                "start_month": p.phase.start_month,
                "end_month": p.phase.end_month,
                "goal": p.phase.goal,
                "reached": p.reached,
                "window_passed": p.phase.id in passed,
                "steps": [_step(s) for s in p.steps],
            }
            for p in horizon.phases
        ],
        "kpis": [
            {"id": c["id"], "title": c["title"], "field": c["field"], "value": c["answer"], "target": c["expected"], "status": c["status"]}
            for c in criteria
            if c["field"].startswith("kpis.")
        ],
        "waivers": [
            {
                "id": w.waiver.id,
                "state": w.state,
                "reason": w.waiver.reason,
                "owner": w.waiver.owner,
                "expires": w.waiver.expires.isoformat(),
            }
            for w in assessment.waivers
        ],
        "verification": None if evidence is None or claimed is None else _verification(assessment, claimed, evidence),
        "criteria": criteria,
        "references": references_section(assessment),
        "frameworks": list(frameworks or ()),
    }


def references_section(assessment: Assessment) -> list[dict]:
    """The sources the report's criteria cite, numbered in the rubric's order: every format cites them by these numbers."""
    cited = assessment.rubric.references(s for r in assessment.criteria for s in r.spec.sources)
    return [{"number": n, **r._asdict()} for n, r in enumerate(cited, 1)]


def source_names(doc: dict, criterion: dict) -> list[str]:
    """How plain-text formats name a criterion's sources: 'The Hidden Barrier to Scaling Your AI (CIO.com)'."""
    by_id = {r["id"]: r for r in doc.get("references", ())}
    return [Reference(*(by_id[s][f] for f in Reference._fields)).describe() for s in criterion["sources"] if s in by_id]


def phase_ids_index(rubric, phase_id: str | None) -> int:
    """How many phases come before ``phase_id`` (none without one)."""
    ids = [p.id for p in rubric.phases]
    return ids.index(phase_id) if phase_id in ids else 0


def gate_section(gate: GateResult | None) -> dict | None:
    if gate is None or not gate.gate.configured:
        return None
    section: dict[str, Any] = {
        "passed": gate.passed,
        "min_score": gate.gate.min_score,
        "min_phase": gate.gate.min_phase,
        "fail_on_blockers": gate.gate.fail_on_blockers,
    }
    if gate.gate.fail_on_regression:
        section["fail_on_regression"] = True
    if gate.gate.fail_on_contradiction:
        section["fail_on_contradiction"] = True
    if gate.gate.min_framework_coverage:
        section["min_framework_coverage"] = dict(sorted(gate.gate.min_framework_coverage))
    section["failures"] = list(gate.failures)
    return section


def _verification(verified: Assessment, claimed: Assessment, evidence) -> dict:
    reasons = {u.criterion: u for u in evidence.unverified}
    return {
        "claimed_score": plain(claimed.score),
        "verified_score": plain(verified.score),
        "claimed_phase": claimed.phase_reached,
        "verified_phase": verified.phase_reached,
        "unverified": [
            {
                "id": r.id,
                "title": r.spec.title,
                "field": reasons[r.id].field,
                "reason": reasons[r.id].reason,
                "missing": list(reasons[r.id].missing),
            }
            for r in verified.criteria
            if r.status == "unverified"
        ],
        "references": [{"field": ref.field, "ref": ref.ref, "kind": ref.kind, "found": ref.found} for ref in evidence.references],
    }
