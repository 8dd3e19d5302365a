"""Use-case profiles, stage windows and business-mode plans: the parts of a rubric that depend on what kind of project it is.

A profile tightens criteria for projects whose facts match it (an agent that
can act, a hosted model, a consequential decision); several profiles combine
and the strictest requirement wins (``docs/scoring.md``, section 4a). This
module holds their compiled form and the one function that applies them, so
that the engine stays ignorant of any profile, criterion or fact by name.
Reading a rubric file compiles them (:func:`compile_extras`, called by
:mod:`readiness.rubric.compiler`, which passes in its rule compiler).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from readiness.rubric.model import SEVERITIES, Rubric, Rule


class Effect(NamedTuple):
    """What a profile asks of one criterion: a severity and/or a phase, ``None`` where it leaves the rubric's."""

    criterion: str
    severity: str | None
    phase: str | None


class Profile(NamedTuple):
    id: str
    title: str
    rationale: str
    sources: tuple[str, ...]
    when: Rule
    effects: tuple[Effect, ...]
    leads: bool = False


class ModePlan(NamedTuple):
    """Which roadmap steps a business mode keeps (any list naming the step keeps it), and what the report says."""

    summary: str
    everything: bool
    phases: tuple[str, ...]
    severities: tuple[str, ...]
    criteria: tuple[str, ...]
    decision_point: str | None


def effective(rubric: Rubric, matches: Callable[[Rule], bool]) -> tuple[Rubric, tuple[str, ...]]:
    """The rubric as it applies to one project, and the ids of the profiles that matched.

    Each criterion keeps the strictest severity and the earliest phase among its
    own and those of every matching profile; nothing else changes, so no score can.
    """
    matched = [p for p in rubric.spec.profiles if matches(p.when)]
    if not matched:
        return rubric, ()
    ids = tuple(p.id for p in matched)
    kept = _EFFECTIVE.get((id(rubric), ids))
    if kept is not None and kept[0] is rubric:
        return kept[1], ids
    tightened = _tightened(rubric, matched)
    if len(_EFFECTIVE) >= _KEPT:
        _EFFECTIVE.clear()
    _EFFECTIVE[(id(rubric), ids)] = (rubric, tightened)
    return tightened, ids


# The effective rubric per rubric object and combination of matching profiles, which a portfolio meets again and again;
# the rubric is kept with it, so that its id cannot be reused while the entry exists.
_EFFECTIVE: dict[tuple[int, tuple[str, ...]], tuple[Rubric, Rubric]] = {}
_KEPT = 256


def _tightened(rubric: Rubric, matched: list[Profile]) -> Rubric:
    phase_order = {p.id: i for i, p in enumerate(rubric.spec.phases)}
    strictest: dict[str, tuple[int, int]] = {}
    for profile in matched:
        for effect in profile.effects:
            severity, phase = strictest.get(effect.criterion, (len(SEVERITIES), len(phase_order)))
            if effect.severity is not None:
                severity = min(severity, SEVERITIES.index(effect.severity))
            if effect.phase is not None:
                phase = min(phase, phase_order[effect.phase])
            strictest[effect.criterion] = (severity, phase)
    phase_ids = [p.id for p in rubric.spec.phases]
    criteria = []
    for criterion in rubric.criteria:
        tightened = strictest.get(criterion.spec.id)
        if tightened is None:
            criteria.append(criterion)
            continue
        spec = criterion.spec
        strict_severity = SEVERITIES[min(SEVERITIES.index(spec.severity), tightened[0])]
        early_phase = phase_ids[min(phase_order[spec.phase], tightened[1])]
        criteria.append(criterion._replace(spec=spec._replace(severity=strict_severity, phase=early_phase)))
    return rubric._replace(criteria=tuple(criteria))


def leading(rubric: Rubric, matched: tuple[str, ...]) -> frozenset[str]:
    """Ids of the criteria whose steps lead the roadmap: those tightened by a matching profile that ``leads``."""
    return frozenset(e.criterion for p in rubric.spec.profiles if p.leads and p.id in matched for e in p.effects)


# ---------------------------------------------------------------- compiling (from the file models in rubricfile)


def compile_extras(
    spec: Any, problem: Callable, compile_when: Callable, stage_values: tuple[str, ...], mode_values: tuple[str, ...]
) -> dict:
    """Profiles, stages and business modes of a validated ``RubricFile``, checked against its phases and criteria.

    ``compile_when(rule, at)`` compiles a condition on facts (it reports a condition on an answer).
    """
    phase_ids = [p.id for p in spec.phases]
    criteria = {c.id: c for c in spec.criteria}
    profiles = []
    seen: set[str] = set()
    for index, profile in enumerate(spec.profiles):
        at = ("profiles", index)
        if profile.id in seen:
            problem(at + ("id",), f"duplicate profile id '{profile.id}'", "profile ids must be unique")
        seen.add(profile.id)
        when = compile_when(profile.when, at + ("when",))
        effects = []
        for criterion_id, change in profile.criteria.items():
            where = at + ("criteria", criterion_id)
            if criterion_id not in criteria:
                problem(where, f"profile '{profile.id}' names unknown criterion '{criterion_id}'")
                continue
            if change.severity is None and change.phase is None:
                problem(where, f"profile '{profile.id}' changes nothing in '{criterion_id}'", "give a 'severity', a 'phase', or both")
                continue
            if change.phase is not None and change.phase not in phase_ids:
                problem(where + ("phase",), f"unknown phase '{change.phase}'", f"declared phases: {', '.join(phase_ids)}")
                continue
            effects.append(Effect(criterion_id, change.severity, change.phase))
        _check_requirements(profile, effects, criteria, phase_ids, at, problem)
        if when is not None:
            profiles.append(
                Profile(profile.id, profile.title, profile.rationale, tuple(profile.sources), when, tuple(effects), profile.leads)
            )

    stages = {}
    for stage, phase in spec.stages.items():
        if stage not in stage_values:
            problem(("stages", stage), f"unknown project stage '{stage}'", f"stages: {', '.join(stage_values)}")
        elif phase not in phase_ids:
            problem(("stages", stage), f"unknown phase '{phase}'", f"declared phases: {', '.join(phase_ids)}")
        else:
            stages[stage] = phase
    modes = {}
    for mode, plan in spec.business_modes.items():
        at = ("business_modes", mode)
        if mode not in mode_values:
            problem(at, f"unknown business mode '{mode}'", f"business modes: {', '.join(mode_values)}")
            continue
        for i, phase in enumerate(plan.phases):
            if phase not in phase_ids:
                problem(at + ("phases", i), f"unknown phase '{phase}'", f"declared phases: {', '.join(phase_ids)}")
        for i, criterion_id in enumerate(plan.criteria):
            if criterion_id not in criteria:
                problem(at + ("criteria", i), f"business mode '{mode}' names unknown criterion '{criterion_id}'")
        modes[mode] = ModePlan(
            plan.summary, plan.everything, tuple(plan.phases), tuple(plan.severities), tuple(plan.criteria), plan.decision_point
        )
    return {"profiles": tuple(profiles), "stages": stages, "business_modes": modes}


def _check_requirements(profile, effects: list[Effect], criteria: dict, phase_ids: list[str], at: tuple, problem) -> None:
    """A profile may not move a criterion before one it requires (the requirement's phase under the same profile counts)."""
    moved = {e.criterion: e.phase for e in effects if e.phase is not None}
    for criterion_id, phase in moved.items():
        for required in criteria[criterion_id].requires:
            if required not in criteria or criteria[required].phase not in phase_ids:
                continue
            required_phase = min(phase_ids.index(criteria[required].phase), phase_ids.index(moved.get(required, criteria[required].phase)))
            if required_phase > phase_ids.index(phase):
                problem(
                    at + ("criteria", criterion_id, "phase"),
                    f"profile '{profile.id}' moves '{criterion_id}' to {phase}, before '{required}' which it requires",
                    f"move '{required}' in the same profile too",
                )
