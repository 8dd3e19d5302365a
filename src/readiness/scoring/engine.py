"""Scoring: manifest + rubric in, an immutable assessment out.

Pure functions, no I/O. The rules are stated in ``docs/scoring.md``; the
engine knows operators, never criteria.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Container, Iterable, Sequence
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

from readiness.rubric.model import CompiledCriterion, Rubric, Rule, Test
from readiness.rubric.profiles import effective

if TYPE_CHECKING:
    from readiness.manifest.model import Manifest
    from readiness.manifest.sections import Waiver


MET, PARTIAL, UNMET, UNANSWERED, NOT_APPLICABLE = "met", "partial", "unmet", "unanswered", "not_applicable"
WAIVED, UNVERIFIED = "waived", "unverified"
STATUSES = (MET, PARTIAL, UNMET, UNANSWERED, WAIVED, UNVERIFIED, NOT_APPLICABLE)
OPEN = (PARTIAL, UNMET, UNANSWERED, UNVERIFIED)
SATISFIED = (MET, WAIVED, NOT_APPLICABLE)
HOLDS_PHASE = ("blocker", "major")  # severities whose open criteria hold a phase back (docs/scoring.md, section 4)
EXPLICIT_NONE = "none"  # a text answer that says there is none: answered, and not present


class CriterionResult(NamedTuple):
    criterion: CompiledCriterion
    status: str
    credit: float | None
    answer: Any

    @property
    def id(self) -> str:
        return self.criterion.spec.id

    @property
    def spec(self):
        return self.criterion.spec

    @property
    def applicable(self) -> bool:
        return self.status != NOT_APPLICABLE


class DimensionResult(NamedTuple):
    id: str
    name: str
    weight: float
    score: float | None
    counts: dict[str, int]


class WaiverState(NamedTuple):
    waiver: Waiver
    state: str  # active, expired, or not_needed (the criterion is met without it)


class Assessment(NamedTuple):
    project: str
    owner: str | None
    rubric: Rubric
    score: float
    exact_score: float
    weakest: str | None
    phase_reached: str | None
    dimensions: tuple[DimensionResult, ...]
    criteria: tuple[CriterionResult, ...]
    blockers: tuple[CriterionResult, ...]
    waivers: tuple[WaiverState, ...] = ()
    profiles: tuple[str, ...] = ()  # ids of the rubric's profiles that matched the project's facts
    stage: str | None = None
    business_mode: str | None = None

    def dimension(self, dimension_id: str) -> DimensionResult:
        return next(d for d in self.dimensions if d.id == dimension_id)


def round_score(value: float) -> float:
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def answer_of(manifest: Manifest, path: tuple[str, ...]) -> Any:
    """The answer at ``path``: attributes of the manifest's sections, keys of its ``extensions`` mapping."""
    return _getter(path)(manifest)


def _getter(path: tuple[str, ...]) -> Callable[[Manifest], Any]:
    getter = _GETTERS.get(path)
    if getter is None:
        getter = _GETTERS[path] = functools.partial(_walk, path=path) if "extensions" in path else operator.attrgetter(".".join(path))
    return getter


def _walk(manifest: Manifest, path: tuple[str, ...]) -> Any:
    value: Any = manifest
    for part in path:
        value = value.get(part) if isinstance(value, dict) else getattr(value, part)
    return value


# One getter per path a rubric reads (a few hundred at most): a dotted attrgetter reads a section's answer in C,
# where a loop in Python cost more than the test it feeds, 125 times per manifest.
_GETTERS: dict[tuple[str, ...], Callable[[Manifest], Any]] = {}


def is_unanswered(value: Any) -> bool:
    return value is None or value == [] or value == ""


_RANKS: dict[type, dict[Enum, int]] = {}


def _rank(member: Enum) -> int:
    ranks = _RANKS.get(type(member))
    if ranks is None:
        ranks = _RANKS[type(member)] = {m: i for i, m in enumerate(type(member))}
    return ranks[member]


def _at_least(value: Any, operand: Any) -> bool:
    if isinstance(value, Enum):
        return _rank(value) >= _rank(operand)
    if isinstance(value, list):
        return len(set(value)) >= operand
    return value >= operand


OPERATIONS = {
    "present": lambda value, operand: not is_unanswered(value) and not (type(value) is str and value.lower() == EXPLICIT_NONE),
    "equals": lambda value, operand: value == operand,
    "in": lambda value, operand: value in operand,
    "at_least": _at_least,
    "at_most": lambda value, operand: value <= operand,
    "above": lambda value, operand: value > operand,
    "below": lambda value, operand: value < operand,
}


def holds(test: Test, value: Any) -> bool:
    return OPERATIONS[test.op](value, test.operand)


def applies(rule: Rule, manifest: Manifest) -> bool:
    """Whether ``rule`` holds; evaluated lazily, so ``all`` stops at its first false outcome and ``any`` at its first true one."""
    every = rule.mode == "all"
    for test in rule.tests:
        value = answer_of(manifest, test.path)
        outcome = rule.unanswered if value is None or value == [] or value == "" else OPERATIONS[test.op](value, test.operand)
        if bool(outcome) is not every:
            return not every
    for inner in rule.rules:
        if applies(inner, manifest) is not every:
            return not every
    return every


def evaluate(criterion: CompiledCriterion, manifest: Manifest) -> CriterionResult:
    """One criterion's result on ``manifest``, as :func:`assess` finds it."""
    applicable = criterion.applies is None or applies(criterion.applies, manifest)
    return _evaluate(criterion, manifest, answer_of(manifest, criterion.tests[0].path), applicable)


def _evaluate(criterion: CompiledCriterion, manifest: Manifest, answer: Any, applicable: bool) -> CriterionResult:
    tests = criterion.tests
    if not applicable:
        return CriterionResult(criterion, NOT_APPLICABLE, None, answer)
    if answer is None or answer == [] or answer == "":
        return CriterionResult(criterion, UNANSWERED, 0.0, answer)
    credit = 0.0
    for test in tests:
        if OPERATIONS[test.op](answer, test.operand):
            credit = test.credit
            break
    if credit > 0:
        for guard in criterion.guards:
            value = answer_of(manifest, guard.path)
            if is_unanswered(value) or not holds(guard, value):
                credit = 0.0
                break
    status = MET if credit >= 1.0 else PARTIAL if credit > 0 else UNMET
    return CriterionResult(criterion, status, credit, answer)


def _apply(result: CriterionResult, waiver: Waiver | None, unverified: bool) -> CriterionResult:
    """Verification first (a claim without evidence earns nothing), then the waiver, which keeps that credit."""
    if unverified and result.status in (MET, PARTIAL):
        result = CriterionResult(result.criterion, UNVERIFIED, 0.0, result.answer)
    if waiver is not None and result.status in OPEN:
        return CriterionResult(result.criterion, WAIVED, result.credit, result.answer)
    return result


def assess(
    manifest: Manifest,
    rubric: Rubric,
    *,
    today: date | None = None,
    unverified: frozenset[str] | None = None,
) -> Assessment:
    """Score ``manifest``; ``today`` decides which waivers hold, ``unverified`` names claims whose evidence is missing."""
    rubric, profiles = effective(rubric, lambda rule: applies(rule, manifest))
    plan = _plan(rubric)
    active: dict[str, Waiver] = {}
    for waiver in manifest.waivers:
        if today is None or today <= waiver.expires:
            active[waiver.id] = waiver
    results = plan.results(manifest)
    if active or unverified is not None:
        results = tuple(
            _apply(r, active.get(r.criterion.spec.id), unverified is not None and r.criterion.spec.id in unverified) for r in results
        )
    spec = rubric.spec
    waivers: tuple[WaiverState, ...] = ()
    if manifest.waivers:
        status_of = {r.id: r.status for r in results}
        waivers = tuple(
            WaiverState(
                w, "expired" if today is not None and today > w.expires else "active" if status_of.get(w.id) == WAIVED else "not_needed"
            )
            for w in manifest.waivers
        )

    # One pass over the results: per-dimension sums and counts, open phases, failing blockers.
    weighted: list[list[tuple[float, float | None]]] = [[] for _ in spec.dimensions]
    counts: list[dict[str, int]] = [dict.fromkeys(STATUSES, 0) for _ in spec.dimensions]
    open_phases: set[str] = set()
    failing: list[CriterionResult] = []
    for r, (dimension, weight, holds_back, blocker, phase) in zip(results, plan.summary, strict=True):
        status = r.status
        counts[dimension][status] += 1
        if status != NOT_APPLICABLE:
            weighted[dimension].append((weight, r.credit))
        if status not in SATISFIED:  # holds_phase_back, and a failing blocker
            if holds_back:
                open_phases.add(phase)
            if blocker:
                failing.append(r)

    dimensions = [DimensionResult(d.id, d.name, d.weight, dimension_score(weighted[i]), counts[i]) for i, d in enumerate(spec.dimensions)]
    scored = [d for d in dimensions if d.score is not None]
    exact = overall(scored, spec.aggregation)
    weakest = min(scored, key=lambda d: d.score or 0.0).id if scored else None

    reached = reached_phase_index(plan.phase_ids, open_phases)
    phase_reached = spec.phases[reached].id if reached >= 0 else None

    phase_order = plan.phase_order
    blockers = tuple(sorted(failing, key=lambda r: (phase_order[r.spec.phase], r.criterion.position)))
    rounded_dimensions = tuple(
        DimensionResult(d.id, d.name, d.weight, None if d.score is None else round_score(d.score), d.counts) for d in dimensions
    )
    return Assessment(
        project=manifest.project.name,
        owner=manifest.project.owner,
        rubric=rubric,
        score=round_score(exact),
        exact_score=exact,
        weakest=weakest,
        phase_reached=phase_reached,
        dimensions=rounded_dimensions,
        criteria=results,
        blockers=blockers,
        waivers=waivers,
        profiles=profiles,
        stage=None if manifest.project.stage is None else manifest.project.stage.value,
        business_mode=None if manifest.project.business_mode is None else manifest.project.business_mode.value,
    )


class _Plan:
    """How one rubric object scores a manifest, worked out once: a portfolio scores thousands against the same few.

    Without prerequisites (guards), a criterion's result depends only on its answer (a choice, yes/no, or none)
    and on whether it applies, so it is kept per pair and met again and again. Equal applicability rules are
    evaluated once per manifest. ``summary`` holds, per criterion, what the totals read: dimension index, weight,
    whether it holds its phase back when open, whether it is a blocker, its phase.
    """

    __slots__ = ("holders", "phase_ids", "phase_order", "rubric", "rules", "steps", "summary")

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        rules: list[Rule] = []
        steps: list[tuple] = []
        for c in rubric.criteria:
            slot = -1
            if c.applies is not None:
                if c.applies not in rules:
                    rules.append(c.applies)
                slot = rules.index(c.applies)
            path = c.tests[0].path
            steps.append((c, _getter(path), slot, not c.guards, {}, {}))
        self.rules = tuple(rules)
        self.steps = tuple(steps)
        spec = rubric.spec
        dimension_index = {d.id: i for i, d in enumerate(spec.dimensions)}
        self.summary = tuple(
            (dimension_index[c.spec.dimension], c.spec.weight, c.spec.severity in HOLDS_PHASE, c.spec.severity == "blocker", c.spec.phase)
            for c in rubric.criteria
        )
        self.phase_ids = [p.id for p in spec.phases]
        self.phase_order = {p.id: i for i, p in enumerate(spec.phases)}
        self.holders: dict[str, tuple[int, ...]] = {
            p.id: tuple(i for i, c in enumerate(rubric.criteria) if c.spec.phase == p.id and c.spec.severity in HOLDS_PHASE)
            for p in spec.phases
        }

    def results(self, manifest: Manifest) -> tuple[CriterionResult, ...]:
        outcomes = [applies(rule, manifest) for rule in self.rules]
        results = []
        for criterion, getter, slot, keep, where_applies, where_not in self.steps:
            answer = getter(manifest)
            applicable = slot < 0 or outcomes[slot]
            if keep and (answer is None or type(answer) is bool or isinstance(answer, Enum)):
                table = where_applies if applicable else where_not
                result = table.get(answer)
                if result is None:
                    result = table[answer] = _evaluate(criterion, manifest, answer, applicable)
            else:
                result = _evaluate(criterion, manifest, answer, applicable)
            results.append(result)
        return tuple(results)


_PLANS: dict[int, _Plan] = {}


def phase_holders(rubric: Rubric, phase: str) -> tuple[int, ...]:
    """Positions of the criteria whose being open holds ``phase`` back (blockers and majors of that phase), in rubric order."""
    return _plan(rubric).holders[phase]


def _plan(rubric: Rubric) -> _Plan:
    """The rubric's plan, kept per rubric object; the plan holds the rubric, so that its id cannot be reused."""
    plan = _PLANS.get(id(rubric))
    if plan is None or plan.rubric is not rubric:
        if len(_PLANS) >= _KEPT_RUBRICS:
            _PLANS.clear()
        plan = _PLANS[id(rubric)] = _Plan(rubric)
    return plan


_KEPT_RUBRICS = 64  # effective rubrics differ per combination of matching profiles: a handful in practice


# The scoring rules below are shared with trends (readiness.trends.attribution), which rescores reports: one
# statement of each rule, so a diff's counterfactual can never drift from what `assess` computes.


def dimension_score(weighted: Iterable[tuple[float, float | None]]) -> float | None:
    """A dimension's exact score from the (weight, credit) of its applicable criteria; None when none weighs anything."""
    pairs = list(weighted)
    total = math.fsum([weight for weight, _ in pairs])
    return 100 * math.fsum([weight * (credit or 0) for weight, credit in pairs]) / total if total > 0 else None


def holds_phase_back(status: str, severity: str) -> bool:
    """An open criterion of a severe enough kind keeps its phase from being reached (docs/scoring.md, section 4)."""
    return status not in SATISFIED and severity in HOLDS_PHASE


def reached_phase_index(phases: Sequence[str], held_back: Container[str]) -> int:
    """The last phase, in rubric order, before the first one held back; -1 when the first is."""
    reached = -1
    for index, phase in enumerate(phases):
        if phase in held_back:
            break
        reached = index
    return reached


def overall(scored: list[DimensionResult], aggregation: str) -> float:
    if not scored:
        return 0.0
    if aggregation == "minimum":
        return min(d.score or 0.0 for d in scored)
    total = math.fsum(d.weight for d in scored)
    if total <= 0:
        return 0.0
    return math.fsum(d.weight * (d.score or 0.0) for d in scored) / total
