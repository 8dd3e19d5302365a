"""Who caused a change between two reports, and the counterfactual that splits scores and phase by cause.

The rules are stated in :mod:`readiness.trends.diff` and ``docs/trends.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.scoring.engine import (
    MET,
    NOT_APPLICABLE,
    PARTIAL,
    UNANSWERED,
    UNMET,
    DimensionResult,
    dimension_score,
    holds_phase_back,
    overall,
    reached_phase_index,
    round_score,
)

PROJECT, RUBRIC = "project", "rubric"
DEFINITION = ("dimension", "phase", "severity", "weight", "expected")
# Statuses that follow from the check and the answer alone; any other status also depends on the manifest's
# waivers, evidence or project facts.
_FROM_ANSWER = (MET, PARTIAL, UNMET, UNANSWERED)


@dataclass(frozen=True)
class Pairing:
    """Both reports' criteria by id, and what the rubric and the project changed in each."""

    old: dict[str, dict]
    new: dict[str, dict]
    shared: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    redefined: dict[str, tuple[str, ...]]
    cause: dict[str, str]

    @classmethod
    def of(cls, old: dict, new: dict) -> Pairing:
        old_c = {c["id"]: c for c in old["criteria"]}
        new_c = {c["id"]: c for c in new["criteria"]}
        shared = tuple(i for i in new_c if i in old_c)
        redefined = {i: tuple(f for f in DEFINITION if old_c[i][f] != new_c[i][f]) for i in shared}
        return cls(
            old_c,
            new_c,
            shared,
            tuple(i for i in new_c if i not in old_c),
            tuple(i for i in old_c if i not in new_c),
            redefined,
            {i: _cause(old_c[i], new_c[i], redefined[i]) for i in shared},
        )

    def changed(self, cid: str) -> bool:
        a, b = self.old[cid], self.new[cid]
        return a["status"] != b["status"] or a["credit"] != b["credit"]


def _cause(old: dict, new: dict, redefined: tuple[str, ...]) -> str:
    """Who changed a criterion's status or credit (the rules are in the module docstring)."""
    if "expected" in redefined:
        return RUBRIC
    if old["answer"] != new["answer"]:
        return PROJECT
    if old["status"] in _FROM_ANSWER and new["status"] in _FROM_ANSWER:
        return RUBRIC
    return PROJECT


def phase_ids(report: dict) -> list[str]:
    return [p["id"] for p in report["roadmap"]]


# ---------------------------------------------------------------- the counterfactual


@dataclass(frozen=True)
class Scores:
    score: float
    dimensions: dict[str, float | None]
    phase: int


def counterfactual(old: dict, new: dict, pairing: Pairing, rubric_differs: bool) -> Scores:
    """The new rubric applied to the old project; short-cuts keep the pure cases exact."""
    if not rubric_differs:
        return reported(old)
    if not any(pairing.changed(i) and pairing.cause[i] == PROJECT for i in pairing.shared):
        return reported(new)
    rows = [
        pairing.old[c["id"]] | {f: c[f] for f in DEFINITION} if c["id"] in pairing.old and pairing.cause[c["id"]] == PROJECT else c
        for c in new["criteria"]
    ]
    return _rescore(rows, new)


def reported(report: dict) -> Scores:
    phases = phase_ids(report)
    reached = report["phase_reached"]
    return Scores(
        report["score"],
        {d["id"]: d["score"] for d in report["dimensions"]},
        -1 if reached is None else phases.index(reached["id"]),
    )


def _rescore(rows: list[dict], like: dict) -> Scores:
    """Scores and phase index of ``rows`` under the rubric that scored ``like``, by the engine's own rules."""
    dimensions = [
        DimensionResult(
            d["id"],
            d["name"],
            d["weight"],
            dimension_score((r["weight"], r["credit"]) for r in rows if r["dimension"] == d["id"] and r["status"] != NOT_APPLICABLE),
            {},
        )
        for d in like["dimensions"]
    ]
    exact_overall = overall([d for d in dimensions if d.score is not None], like["rubric"].get("aggregation", "weighted_mean"))
    held_back = {r["phase"] for r in rows if holds_phase_back(r["status"], r["severity"])}
    reached = reached_phase_index(phase_ids(like), held_back)
    return Scores(
        round_score(exact_overall),
        {d.id: None if d.score is None else round_score(d.score) for d in dimensions},
        reached,
    )
