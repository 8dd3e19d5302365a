"""The fixture rubric and the fixture pilot, with the expected outcome derived from docs/scoring.md.

Unit tests of mechanisms (engine, roadmap, diff, gates, CLI, portfolio, evidence, waivers, report structure)
run on tests/data/fixture-rubric.yaml and tests/data/fixture-pilot.yaml, so a change to the bundled rubric
never changes what they expect. The numbers below are computed here from the rubric's weights and the rules
of docs/scoring.md, independently of the engine, so a test can say why a number is what it is.
"""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
RUBRIC = DATA / "fixture-rubric.yaml"
PILOT = DATA / "fixture-pilot.yaml"
SPEC = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
WEIGHTS = {c["id"]: c["weight"] for c in SPEC["criteria"]}
DIMENSION_OF = {c["id"]: c["dimension"] for c in SPEC["criteria"]}
DIMENSIONS = {d["id"]: d["weight"] for d in SPEC["dimensions"]}
NAMES = {d["id"]: d["name"] for d in SPEC["dimensions"]}

# What the pilot answers, criterion by criterion: (status, credit); None = not applicable.
PILOT_STATUS = {
    "delivery.validation": ("met", 1.0),  # validation: automated
    "delivery.tracking": ("met", 1.0),  # experiment_tracking: automated
    "delivery.automation": ("partial", 0.5),  # automation: scripted, not in [ci_cd, continuous]
    "ops.owner": ("met", 1.0),
    "ops.drift": ("partial", 0.5),  # drift_detection: manual
    "ops.runbooks": ("unmet", 0.0),
    "ops.observability": ("unmet", 0.0),  # basic, below the tracing partial
    "ops.gpu": ("not_applicable", None),  # uses_gpus: false
    "value.team": ("met", 1.0),  # three distinct functions
    "value.latency": ("partial", 0.5),  # 80 ms: below 100, not below 50
    "value.reproducibility": ("unanswered", 0.0),
    "value.cost": ("unmet", 0.0),  # -0.1 is not at most -0.3
}
PILOT_PHASE = "prototype"  # every prototype criterion met; production hardening has partial credit
PILOT_BLOCKERS = ["delivery.automation", "ops.drift"]  # failing, by phase then rubric order

# Edits (for pilot_copy) after which every applicable criterion is met: score 100, phase optimization.
EVERYTHING_MET = (
    ("  automation: scripted", "  automation: continuous"),
    ("  drift_detection: manual", "  drift_detection: automated_with_alerts"),
    ("  incident_runbooks: false", "  incident_runbooks: true"),
    ("  observability: basic", "  observability: predictive"),
    ("kpis:\n", "kpis:\n  reproducibility_rate: 0.95\n"),
    ("  p95_latency_ms: 80", "  p95_latency_ms: 40"),
    ("  cost_change_yoy: -0.1", "  cost_change_yoy: -0.4"),
)


def rounded(value: float) -> float:
    """docs/scoring.md §3: one decimal, halves upwards."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def unrounded_dimensions(credits: dict[str, float | None], weights: dict[str, float] = WEIGHTS) -> dict[str, float | None]:
    """§2: 100 × Σ w·credit / Σ w over the applicable criteria of each dimension."""
    scores = {}
    for dimension in DIMENSIONS:
        applicable = [c for c, credit in credits.items() if DIMENSION_OF.get(c) == dimension and credit is not None]
        total = sum(weights[c] for c in applicable)
        scores[dimension] = 100 * sum(weights[c] * credits[c] for c in applicable) / total if applicable else None
    return scores


def dimension_scores(credits: dict[str, float | None], weights: dict[str, float] = WEIGHTS) -> dict[str, float | None]:
    return {d: None if s is None else rounded(s) for d, s in unrounded_dimensions(credits, weights).items()}


def overall_score(credits: dict[str, float | None], weights: dict[str, float] = WEIGHTS) -> float:
    """§3, weighted_mean: the dimension scores weighted by the dimensions' weights."""
    scored = {d: s for d, s in unrounded_dimensions(credits, weights).items() if s is not None}
    return rounded(sum(DIMENSIONS[d] * s for d, s in scored.items()) / sum(DIMENSIONS[d] for d in scored))


def credits_of(status: dict[str, tuple[str, float | None]], **changes: float | None) -> dict[str, float | None]:
    return {c: credit for c, (_, credit) in status.items()} | changes


PILOT_CREDITS = credits_of(PILOT_STATUS)
PILOT_DIMENSIONS = dimension_scores(PILOT_CREDITS)  # delivery 7/9, operations 2.5/7, value 3/6
PILOT_SCORE = overall_score(PILOT_CREDITS)
PILOT_WEAKEST = min(PILOT_DIMENSIONS, key=lambda d: PILOT_DIMENSIONS[d])


def pilot_copy(folder: Path, *replacements: tuple[str, str], name: str = "readiness.yaml") -> Path:
    """The fixture pilot with some answers changed (each old text must occur exactly once)."""
    text = PILOT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
