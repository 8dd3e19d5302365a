"""The bottleneck: the dimension that most holds back the next phase (``docs/scoring.md``, section 3a).

The weakest dimension is the lowest score over every phase, so it can name
later-phase work while something else keeps the project where it is. Leaders
need the dimension to fix first, which is the one whose open blockers and
majors of the next phase withhold the most.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from readiness.scoring.engine import SATISFIED, Assessment, CriterionResult, phase_holders


class Bottleneck(NamedTuple):
    dimension: str
    name: str
    phase: str  # id of the next phase, the one held back
    phase_name: str
    withheld: float  # sum of weight x (1 - credit) over the open blockers and majors below
    criteria: tuple[CriterionResult, ...]  # blockers first, then majors, in rubric order

    @property
    def blockers(self) -> int:
        return sum(1 for r in self.criteria if r.spec.severity == "blocker")

    @property
    def majors(self) -> int:
        return len(self.criteria) - self.blockers

    @property
    def reason(self) -> str:
        counts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((self.blockers, "blocker"), (self.majors, "major")) if n]
        titles = ", ".join(r.spec.title for r in self.criteria[:3]) + (", ..." if len(self.criteria) > 3 else "")
        verb = "is" if len(self.criteria) == 1 else "are"
        return f"{self.name} holds back {self.phase_name} most: {' and '.join(counts)} of that phase {verb} open ({titles})."


def find(assessment: Assessment) -> Bottleneck | None:
    """The bottleneck, or None when every phase is reached."""
    phases = assessment.rubric.spec.phases
    ids = [p.id for p in phases]
    reached = -1 if assessment.phase_reached is None else ids.index(assessment.phase_reached)
    if reached + 1 >= len(phases):
        return None
    target = phases[reached + 1]
    holding: dict[str, list[CriterionResult]] = {}
    criteria = assessment.criteria  # in rubric order: a portfolio runs this per manifest, so only the phase's holders are read
    for index in phase_holders(assessment.rubric, target.id):
        r = criteria[index]
        if r.status not in SATISFIED:
            holding.setdefault(r.criterion.spec.dimension, []).append(r)
    if not holding:
        return None
    order = {d.id: i for i, d in enumerate(assessment.rubric.spec.dimensions)}

    def withheld(results: list[CriterionResult]) -> float:
        return math.fsum(r.spec.weight * (1 - (r.credit or 0.0)) for r in results)

    def rank(dimension: str) -> tuple:
        results = holding[dimension]
        return (-round(withheld(results), 9), -sum(r.spec.severity == "blocker" for r in results), order[dimension])

    dimension = min(holding, key=rank)
    results = sorted(holding[dimension], key=lambda r: (r.spec.severity != "blocker", r.criterion.position))
    name = next(d.name for d in assessment.rubric.spec.dimensions if d.id == dimension)
    return Bottleneck(dimension, name, target.id, target.name, withheld(results), tuple(results))
