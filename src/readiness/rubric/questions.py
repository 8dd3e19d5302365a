"""Which criteria each manifest question feeds, read off a compiled rubric: for the starter manifest and the interview.

A question *feeds* a criterion when the criterion checks its answer, and *decides* a criterion when the
criterion's ``applies_if`` reads it. Nothing here names a criterion; it is all read from the rubric.
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.rubric.model import CompiledCriterion, Rubric, Rule


class Uses(NamedTuple):
    feeds: tuple[CompiledCriterion, ...]
    decides: tuple[CompiledCriterion, ...]


def _rule_fields(rule: Rule) -> set[str]:
    found = {".".join(test.path) for test in rule.tests}
    for inner in rule.rules:
        found |= _rule_fields(inner)
    return found


def uses(rubric: Rubric) -> dict[str, Uses]:
    """For each dotted field the rubric reads, the criteria it feeds and decides, in rubric order."""
    feeds: dict[str, list[CompiledCriterion]] = {}
    decides: dict[str, list[CompiledCriterion]] = {}
    for criterion in rubric.criteria:
        for field in {".".join(test.path) for test in criterion.tests}:
            feeds.setdefault(field, []).append(criterion)
        if criterion.applies is not None:
            for field in _rule_fields(criterion.applies):
                decides.setdefault(field, []).append(criterion)
    return {field: Uses(tuple(feeds.get(field, ())), tuple(decides.get(field, ()))) for field in sorted(feeds.keys() | decides.keys())}


def notes(rubric: Rubric) -> dict[str, list[str]]:
    """One line per use of each field, for the starter manifest: 'feeds ID (severity)' and 'decides whether N criteria apply'."""
    found = {}
    for field, use in uses(rubric).items():
        lines = []
        if use.feeds:
            lines.append("feeds: " + ", ".join(f"{c.spec.id} ({c.spec.severity})" for c in use.feeds))
        if use.decides:
            count = len(use.decides)
            lines.append(
                f"decides whether {count} {'criterion applies' if count == 1 else 'criteria apply'}: "
                + ", ".join(c.spec.id for c in use.decides)
            )
        found[field] = lines
    return found
