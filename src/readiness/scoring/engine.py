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
    getter = _GETTERS.get(path)
    if getter is None:
        getter = _GETTERS[path] = functools.partial(_walk, path=path) if "extensions" in path else operator.attrgetter(".".join(path))
    return getter(manifest)


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
    tests = criterion.tests
    answer = answer_of(manifest, tests[0].path)
    if criterion.guards or not (answer is None or type(answer) is bool or isinstance(answer, Enum)):
        return _evaluate(criterion, manifest, answer)
    # Without prerequisites the result depends on the answer (a choice, yes/no, or none) and on whether the criterion
    # applies; a portfolio meets each pair again and again.
    applicable = criterion.applies is None or applies(criterion.applies, manifest)
    kept = _KNOWN.get(id(criterion))
    if kept is None or kept[0] is not criterion:
        if len(_KNOWN) >= 4096:
            _KNOWN.clear()
        kept = _KNOWN[id(criterion)] = (criterion, {}, {})
    table = kept[1] if applicable else kept[2]
    known = table.get(answer)
    if known is None:
        known = table[answer] = (
            _evaluate(criterion, manifest, answer) if applicable else CriterionResult(criterion, NOT_APPLICABLE, None, answer)
        )
    return known


# Results kept per criterion object, by answer (where it applies, and where not); the criterion is kept with them, so that its id cannot be reused.
_KNOWN: dict[int, tuple[CompiledCriterion, dict[Any, CriterionResult], dict[Any, CriterionResult]]] = {}


def _evaluate(criterion: CompiledCriterion, manifest: Manifest, answer: Any) -> CriterionResult:
    tests = criterion.tests
    if criterion.applies is not None and not applies(criterion.applies, manifest):
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
    active: dict[str, Waiver] = {}
    for waiver in manifest.waivers:
        if today is None or today <= waiver.expires:
            active[waiver.id] = waiver
    if active or unverified is not None:
        results = tuple(
            _apply(evaluate(c, manifest), active.get(c.spec.id), unverified is not None and c.spec.id in unverified)
            for c in rubric.criteria
        )
    else:
        results = tuple([evaluate(c, manifest) for c in rubric.criteria])
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
    weighted: dict[str, list[tuple[float, float | None]]] = {d.id: [] for d in spec.dimensions}
    counts: dict[str, dict[str, int]] = {d.id: dict.fromkeys(STATUSES, 0) for d in spec.dimensions}
    open_phases: set[str] = set()
    failing: list[CriterionResult] = []
    for r, (dimension_id, weight, holds_back, blocker, phase) in zip(results, _plan(rubric), strict=True):
        status = r.status
        counts[dimension_id][status] += 1
        if status != NOT_APPLICABLE:
            weighted[dimension_id].append((weight, r.credit))
        if status not in SATISFIED:  # holds_phase_back, and a failing blocker
            if holds_back:
                open_phases.add(phase)
            if blocker:
                failing.append(r)

    dimensions = []
    for dimension in spec.dimensions:
        score = dimension_score(weighted[dimension.id])
        dimensions.append(DimensionResult(dimension.id, dimension.name, dimension.weight, score, counts[dimension.id]))

    scored = [d for d in dimensions if d.score is not None]
    exact = overall(scored, spec.aggregation)
    weakest = min(scored, key=lambda d: d.score or 0.0).id if scored else None

    reached = reached_phase_index([p.id for p in spec.phases], open_phases)
    phase_reached = spec.phases[reached].id if reached >= 0 else None

    phase_order = {p.id: i for i, p in enumerate(spec.phases)}
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


_PLANS: dict[int, tuple[Rubric, tuple]] = {}


def _plan(rubric: Rubric) -> tuple[tuple[str, float, bool, bool, str], ...]:
    """Per criterion, what the summary reads: dimension, weight, whether it holds its phase back when open, whether it is
    a blocker, its phase. Kept per rubric object (a portfolio scores thousands of manifests against the same few)."""
    kept = _PLANS.get(id(rubric))
    if kept is None or kept[0] is not rubric:
        if len(_PLANS) >= _KEPT_RUBRICS:
            _PLANS.clear()
        plan = tuple(
            (c.spec.dimension, c.spec.weight, c.spec.severity in HOLDS_PHASE, c.spec.severity == "blocker", c.spec.phase)
            for c in rubric.criteria
        )
        kept = _PLANS[id(rubric)] = (rubric, plan)
    return kept[1]


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
