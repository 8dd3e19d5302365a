"""The phased roadmap: what to do next, in an order a team can follow.

Rules in ``docs/scoring.md`` section 7: steps grouped by the phase in which
the rubric says they must be met; inside a phase, requirements first, then
severity, then impact per effort.
"""

import heapq
import math
from typing import NamedTuple

from readiness.rubric.model import EFFORT_COST, SEVERITIES, Phase
from readiness.scoring.engine import (
    NOT_APPLICABLE,
    OPEN,
    Assessment,
    CriterionResult,
    round_score,
)


class Step(NamedTuple):
    result: CriterionResult
    impact: float

    @property
    def id(self) -> str:
        return self.result.id

    @property
    def spec(self):
        return self.result.spec


class RoadmapPhase(NamedTuple):
    phase: Phase
    steps: tuple[Step, ...]
    reached: bool


def impact_weights(assessment: Assessment) -> dict[str, float]:
    """Overall-score points one unit of criterion weight is worth, per dimension (see docs/scoring.md, 7)."""
    spec = assessment.rubric.spec
    applicable: dict[str, list[float]] = {d.id: [] for d in spec.dimensions}
    for r in assessment.criteria:
        if r.status != NOT_APPLICABLE:
            applicable[r.spec.dimension].append(r.spec.weight)
    scored = math.fsum(d.weight for d in assessment.dimensions if d.score is not None)
    factors = {}
    for dimension in spec.dimensions:
        total = math.fsum(applicable[dimension.id])
        factor = 100 / total if total > 0 else 0.0
        if spec.aggregation == "weighted_mean":
            factor = factor * dimension.weight / scored if scored > 0 else 0.0
        factors[dimension.id] = factor
    return factors


def impact(assessment: Assessment, result: CriterionResult, factors: dict[str, float] | None = None) -> float:
    """Overall-score points gained if this criterion alone became met."""
    factors = factors if factors is not None else impact_weights(assessment)
    return (1 - (result.credit or 0.0)) * result.spec.weight * factors[result.spec.dimension]


def build(assessment: Assessment) -> tuple[RoadmapPhase, ...]:
    from readiness.rubric.profiles import leading

    leads = leading(assessment.rubric, assessment.profiles)
    spec = assessment.rubric.spec
    reached_index = -1 if assessment.phase_reached is None else [p.id for p in spec.phases].index(assessment.phase_reached)
    open_results = [r for r in assessment.criteria if r.status in OPEN]
    factors = impact_weights(assessment)
    phases = []
    for index, phase in enumerate(spec.phases):
        steps = [Step(r, round_score(impact(assessment, r, factors))) for r in open_results if r.spec.phase == phase.id]
        phases.append(RoadmapPhase(phase, tuple(_order(steps, lambda s: _priority(s, leads))), index <= reached_index))
    return tuple(phases)


def _priority(step: Step, leads: frozenset[str] = frozenset()) -> tuple:
    spec = step.spec
    return (SEVERITIES.index(spec.severity), spec.id not in leads, -step.impact / EFFORT_COST[spec.effort], step.result.criterion.position)


def _order(steps: list[Step], priority=_priority) -> list[Step]:
    """Topological order over ``requires`` within the phase, ties broken by priority (Kahn's algorithm).

    A step inherits the priority of the most urgent step that waits for it, so
    the prerequisite of a blocker is not left behind a list of minor fixes.
    """
    by_id = {s.id: s for s in steps}
    waiting = {s.id: {r for r in s.spec.requires if r in by_id} for s in steps}
    dependents: dict[str, list[str]] = {s.id: [] for s in steps}
    for step_id, requirements in waiting.items():
        for required in requirements:
            dependents[required].append(step_id)
    effective: dict[str, tuple] = {}

    def urgency(step_id: str) -> tuple:
        if step_id not in effective:
            effective[step_id] = min([priority(by_id[step_id])] + [urgency(d) for d in dependents[step_id]])
        return effective[step_id]

    ready = [(urgency(i), i) for i, reqs in waiting.items() if not reqs]
    heapq.heapify(ready)
    ordered = []
    while ready:
        _, step_id = heapq.heappop(ready)
        ordered.append(by_id[step_id])
        for dependent in dependents[step_id]:
            waiting[dependent].discard(step_id)
            if not waiting[dependent]:
                heapq.heappush(ready, (urgency(dependent), dependent))
    return ordered
