"""CI gates: the conditions under which `readiness assess` exits with code 1."""

from typing import NamedTuple

from readiness.common.errors import UsageError
from readiness.scoring.engine import Assessment


class Gate(NamedTuple):
    min_score: float | None = None
    min_phase: str | None = None
    fail_on_blockers: bool = False
    fail_on_regression: bool = False
    strict_regression: bool = False
    min_framework_coverage: tuple = ()  # readiness.crosswalk.FrameworkGate pairs (framework id, minimum), checked by the api
    fail_on_contradiction: bool = False  # judged on the criteria `assess --scan` found contradicted

    @property
    def configured(self) -> bool:
        return (
            self.min_score is not None
            or self.min_phase is not None
            or self.fail_on_blockers
            or self.fail_on_regression
            or bool(self.min_framework_coverage)
            or self.fail_on_contradiction
        )


class GateResult(NamedTuple):
    gate: Gate
    failures: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures


def normalize_phase(value: str | int, phase_ids: list[str]) -> str:
    """Accept a phase id, its hyphenated spelling, or its 1-based number (ASCII digits: ``²`` is no number)."""
    candidate = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if candidate.isascii() and candidate.isdecimal() and 1 <= int(candidate) <= len(phase_ids):
        return phase_ids[int(candidate) - 1]
    if candidate in phase_ids:
        return candidate
    raise UsageError(f"unknown phase '{value}' for --min-phase", f"one of: {', '.join(phase_ids)} (or 1-{len(phase_ids)})")


def check(gate: Gate, assessment: Assessment, regressions: list[str] | None = None, contradicted: list[str] | None = None) -> GateResult:
    """Every failed gate, with by how much; ``regressions`` are the ratchet's findings against a baseline.

    ``contradicted`` are the criteria whose claim the repository scan rules out; the scan itself lives in a higher
    layer, so the gate only sees their ids.
    """
    failures = []
    phases = [p.id for p in assessment.rubric.spec.phases]
    if gate.min_score is not None and assessment.score < gate.min_score:
        failures.append(
            f"score {assessment.score:g} is below the minimum {gate.min_score:g} (short by {round(gate.min_score - assessment.score, 1):g})"
        )
    if gate.min_phase is not None:
        required = phases.index(gate.min_phase)
        reached = -1 if assessment.phase_reached is None else phases.index(assessment.phase_reached)
        if reached < required:
            gap = required - reached
            failures.append(
                f"phase reached is {assessment.phase_reached or 'none'}, the gate requires {gate.min_phase} "
                f"({gap} phase{'s' if gap > 1 else ''} short)"
            )
    if gate.fail_on_blockers and assessment.blockers:
        count = len(assessment.blockers)
        failures.append(f"{count} failing blocker{'s' if count > 1 else ''}: {', '.join(b.id for b in assessment.blockers)}")
    if gate.fail_on_regression and regressions:
        failures.extend(f"regression against the baseline: {reason}" for reason in regressions)
    if gate.fail_on_contradiction and contradicted:
        count = len(contradicted)
        failures.append(f"the repository contradicts {count} claim{'s' if count > 1 else ''}: {', '.join(contradicted)}")
    return GateResult(gate, tuple(failures))
