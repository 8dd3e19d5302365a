"""From findings to answers: conservative by construction.

* A field is answered only by findings (never by their absence).
* An ordered level takes the highest level some finding shows.
* A boolean or an unordered value (``project.model_source``) is answered only
  when every finding agrees; disagreeing findings become a conflict the team
  resolves, and the field stays out of the draft.
* Counter-evidence (``answers: false``) never answers; it can only contradict
  a claim (see :mod:`readiness.scan.compare`).

Field types come from the manifest model itself (:func:`field_type`), so a
field another engineer adds to the model is drafted as soon as it exists, and
a finding for a field the model does not know yet stays in the JSON only.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, cast

from readiness.manifest import plain as manifest
from readiness.manifest.levels import Level
from readiness.rubric.model import EFFORT_COST, SEVERITIES, Rubric
from readiness.scan.model import Answer, Finding, NotFound, Question


def field_type(field: str) -> type | None:
    """The enum (or bool/str) a manifest field holds, or None when the model has no such field."""
    entry = manifest.answer_table().get(field)
    return entry[0] if entry is not None else None


def accepts(field: str, value: Any) -> bool:
    """Whether the current manifest model accepts ``value`` for ``field`` (a lookup against the model, not a list)."""
    return manifest.accepts(field, value)


def description(field: str) -> str:
    entry = manifest.answer_table().get(field)
    return entry[1] if entry is not None else ""


def rank(field: str, value: Any) -> int | None:
    """Position of ``value`` on the field's ordered scale, or None when the field is not an ordered level."""
    kind = field_type(field)
    if isinstance(kind, type) and issubclass(kind, Level):
        try:
            return kind(value).rank
        except ValueError:
            return None
    return None


def _key(value: Any) -> str:
    return f"{type(value).__name__}:{value}"


def decide(findings: list[Finding]) -> tuple[list[Answer], list[Answer]]:
    """``(answers, conflicts)`` per field, sorted by field."""
    by_field: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.answers:
            by_field.setdefault(finding.field, []).append(finding)
    answers, conflicts = [], []
    for field in sorted(by_field):
        found = by_field[field]
        ranks = {f.value: rank(field, f.value) for f in found}
        if all(r is not None for r in ranks.values()):
            best = max(ranks, key=lambda v: cast(int, ranks[v]))  # none is None: checked just above
            answers.append(Answer(field, best, tuple(f for f in found if f.value == best)))
            continue
        values = {_key(f.value) for f in found}
        if len(values) == 1:
            answers.append(Answer(field, found[0].value, tuple(found)))
        else:
            conflicts.append(Answer(field, None, tuple(found)))
    return answers, conflicts


def not_found(looked_for: dict[str, list[str]], findings: list[Finding], decided: set[str]) -> list[NotFound]:
    counter = {f.field for f in findings if not f.answers}
    result = []
    for field in sorted(looked_for):
        if field in decided:
            continue
        note = "looked for and not found (not proof of absence)"
        if field in counter:
            note = "only counter-evidence found (see findings); no answer drafted"
        result.append(NotFound(field, tuple(sorted(looked_for[field])), note))
    return result


def questions(rubric: Rubric | None, answered: set[str], looked_for: set[str]) -> list[Question]:
    """Open fields the rubric scores, ordered by roadmap impact: earlier phase, severity, weight per effort, rubric order."""
    if rubric is None:
        return []
    phases = [p.id for p in rubric.spec.phases]
    ranked = []
    for criterion in rubric.criteria:
        spec = criterion.spec
        field = ".".join(criterion.tests[0].path)
        if field in answered:
            continue
        order = (phases.index(spec.phase), SEVERITIES.index(spec.severity), -spec.weight / EFFORT_COST[spec.effort], criterion.position)
        ranked.append((order, Question(field, spec.id, spec.severity, spec.weight, description(field) or spec.title, field in looked_for)))
    seen: set[str] = set()
    result = []
    for _, question in sorted(ranked, key=lambda item: item[0]):
        if question.field not in seen:
            seen.add(question.field)
            result.append(question)
    return result


def plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value
