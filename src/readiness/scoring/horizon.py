"""The roadmap as seen from where the project is: overdue steps first, the business mode's horizon.

``docs/scoring.md`` (section 7): for a project whose stage puts it past a
phase's window, the open steps of that phase are overdue and shown as "now",
first; the business mode decides which steps the roadmap keeps (RTInsights:
growth, sustain or decline "will determine how to allocate resources"). Both
rules are data in the rubric (``stages:``, ``business_modes:``); scores, phase
and blockers are not affected.
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.rubric.model import EFFORT_COST, SEVERITIES
from readiness.rubric.profiles import leading
from readiness.scoring.engine import Assessment
from readiness.scoring.roadmap import RoadmapPhase, Step, _order


class Horizon(NamedTuple):
    stage: str | None
    window: str | None  # id of the phase whose window the project's stage is in
    business_mode: str | None
    summary: str | None  # the business mode's one sentence
    overdue: tuple[Step, ...]
    phases: tuple[RoadmapPhase, ...]  # the remaining steps of each phase, after the overdue ones and the mode
    left_out: int  # steps the business mode leaves out
    decision_point: str | None


def shape(assessment: Assessment, roadmap: tuple[RoadmapPhase, ...]) -> Horizon:
    spec = assessment.rubric.spec
    plan = spec.business_modes.get(assessment.business_mode) if assessment.business_mode else None
    steps = [s for p in roadmap for s in p.steps]
    kept = {s.id for s in steps if plan is None or _keeps(plan, s)}
    by_id = {s.id: s for s in steps}
    frontier = list(kept)
    while frontier:  # a kept step keeps the open steps it requires
        for required in by_id[frontier.pop()].spec.requires:
            if required in by_id and required not in kept:
                kept.add(required)
                frontier.append(required)
    order = {p.id: i for i, p in enumerate(spec.phases)}
    window = spec.stages.get(assessment.stage) if assessment.stage else None
    passed = {p.id for p in spec.phases if window is not None and order[p.id] < order[window]}
    overdue = [s for s in steps if s.id in kept and s.spec.phase in passed]
    leads = leading(assessment.rubric, assessment.profiles)

    def priority(step: Step) -> tuple:
        return (
            SEVERITIES.index(step.spec.severity),
            step.id not in leads,
            order[step.spec.phase],
            -step.impact / EFFORT_COST[step.spec.effort],
            step.result.criterion.position,
        )

    phases = tuple(p._replace(steps=tuple(s for s in p.steps if s.id in kept and p.phase.id not in passed)) for p in roadmap)
    return Horizon(
        assessment.stage,
        window,
        assessment.business_mode,
        None if plan is None else plan.summary,
        tuple(_order(overdue, priority)),
        phases,
        len(steps) - len(kept),
        None if plan is None else plan.decision_point,
    )


def _keeps(plan, step: Step) -> bool:
    spec = step.spec
    return plan.everything or spec.phase in plan.phases or spec.severity in plan.severities or spec.id in plan.criteria
