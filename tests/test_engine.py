"""Scoring rules of docs/scoring.md, one rule at a time."""

import pytest

from conftest import criterion_yaml, make_rubric
from readiness.manifest.model import Manifest
from readiness.scoring.engine import assess, round_score
from readiness.scoring.roadmap import build


def manifest(**sections) -> Manifest:
    data = {"version": 1, "project": {"name": "p"}}
    for key, value in sections.items():
        section, field = key.split("__")
        data.setdefault(section, {})[field] = value
    return Manifest.model_validate(data)


LEVEL = "{field: monitoring.drift_detection, at_least: automated, partial: [{at_least: manual, credit: 0.5}]}"


@pytest.mark.parametrize(
    "check, answers, expected",
    [
        (LEVEL, {}, ("unanswered", 0.0)),
        (LEVEL, {"monitoring__drift_detection": "none"}, ("unmet", 0.0)),
        (LEVEL, {"monitoring__drift_detection": "manual"}, ("partial", 0.5)),
        (LEVEL, {"monitoring__drift_detection": "automated"}, ("met", 1.0)),
        (LEVEL, {"monitoring__drift_detection": "automated_with_alerts"}, ("met", 1.0)),
        ("{field: security.secrets_management, equals: true}", {"security__secrets_management": False}, ("unmet", 0.0)),
        ("{field: security.secrets_management, equals: true}", {"security__secrets_management": True}, ("met", 1.0)),
        ("{field: project.owner, present: true}", {"project__owner": "Team A"}, ("met", 1.0)),
        ("{field: project.owner, present: true}", {}, ("unanswered", 0.0)),
        ("{field: kpis.p95_latency_ms, below: 50, partial: [{below: 100, credit: 0.5}]}", {"kpis__p95_latency_ms": 49.9}, ("met", 1.0)),
        ("{field: kpis.p95_latency_ms, below: 50, partial: [{below: 100, credit: 0.5}]}", {"kpis__p95_latency_ms": 50}, ("partial", 0.5)),
        ("{field: kpis.p95_latency_ms, below: 50, partial: [{below: 100, credit: 0.5}]}", {"kpis__p95_latency_ms": 100}, ("unmet", 0.0)),
        ("{field: kpis.cost_change_yoy, at_most: -0.3}", {"kpis__cost_change_yoy": -0.3}, ("met", 1.0)),
        ("{field: kpis.reproducibility_rate, above: 0.9}", {"kpis__reproducibility_rate": 0.9}, ("unmet", 0.0)),
        ("{field: kpis.reproducibility_rate, at_least: 0.9}", {"kpis__reproducibility_rate": 0.9}, ("met", 1.0)),
        (
            "{field: organization.team_functions, at_least: 3}",
            {"organization__team_functions": ["finance", "finance", "business"]},
            ("unmet", 0.0),
        ),
        (
            "{field: organization.team_functions, at_least: 3}",
            {"organization__team_functions": ["finance", "security", "business"]},
            ("met", 1.0),
        ),
        ("{field: organization.team_functions, at_least: 3}", {"organization__team_functions": []}, ("unanswered", 0.0)),
        ("{field: deployment.automation, in: [ci_cd, continuous]}", {"deployment__automation": "continuous"}, ("met", 1.0)),
    ],
)
def test_criterion_status_and_credit(check, answers, expected):
    rubric = make_rubric(criterion_yaml("c.one", check))
    result = assess(manifest(**answers), rubric).criteria[0]
    assert (result.status, result.credit) == expected


@pytest.mark.parametrize(
    "applies_if, answers, applicable",
    [
        ("{field: project.uses_gpus, equals: true}", {"project__uses_gpus": False}, False),
        ("{field: project.uses_gpus, equals: true}", {"project__uses_gpus": True}, True),
        ("{field: project.uses_gpus, equals: true}", {}, True),
        (
            "{all: [{field: project.serves_predictions, equals: true}, {field: project.uses_generative_ai, equals: false}]}",
            {"project__serves_predictions": True, "project__uses_generative_ai": True},
            False,
        ),
        (
            "{any: [{field: project.uses_agents, equals: true}, {field: project.stage, in: [pilot, production]}]}",
            {"project__uses_agents": False, "project__stage": "pilot"},
            True,
        ),
        (
            "{any: [{field: project.uses_agents, equals: true}, {field: project.stage, in: [pilot, production]}]}",
            {"project__uses_agents": False, "project__stage": "idea"},
            False,
        ),
    ],
)
def test_applicability(applies_if, answers, applicable):
    rubric = make_rubric(criterion_yaml("c.one", LEVEL, applies_if=applies_if))
    assert assess(manifest(**answers), rubric).criteria[0].applicable is applicable


def two_dimension_rubric(aggregation="weighted_mean"):
    return make_rubric(
        criterion_yaml("a.one", "{field: security.secrets_management, equals: true}", dimension="alpha", weight=3, severity="blocker"),
        criterion_yaml(
            "a.two", "{field: security.output_filtering, equals: true}", dimension="alpha", weight=1, phase="production_hardening"
        ),
        criterion_yaml("b.one", LEVEL, dimension="beta", weight=2),
        criterion_yaml(
            "b.gpu",
            "{field: compute.gpu_utilization_monitored, equals: true}",
            dimension="beta",
            weight=5,
            applies_if="{field: project.uses_gpus, equals: true}",
        ),
        dimensions=("alpha", "beta"),
        aggregation=aggregation,
        dimension_weights={"alpha": 1, "beta": 3},
    )


def test_dimension_and_overall_scores():
    answers = {"security__secrets_management": True, "monitoring__drift_detection": "manual", "project__uses_gpus": False}
    result = assess(manifest(**answers), two_dimension_rubric())
    alpha, beta = result.dimensions
    assert alpha.score == 75.0  # 3 of 4 weight
    assert beta.score == 50.0  # half credit, GPU criterion not applicable
    assert result.score == round_score((1 * 75 + 3 * 50) / 4)
    assert result.weakest == "beta"
    assert beta.counts["not_applicable"] == 1


def test_minimum_aggregation():
    answers = {"security__secrets_management": True, "monitoring__drift_detection": "manual", "project__uses_gpus": False}
    result = assess(manifest(**answers), two_dimension_rubric("minimum"))
    assert result.score == 50.0


def test_phase_reached_and_blockers():
    rubric = two_dimension_rubric()
    nothing = assess(manifest(), rubric)
    assert nothing.phase_reached is None
    assert [b.id for b in nothing.blockers] == ["a.one"]
    prototype = assess(
        manifest(security__secrets_management=True, monitoring__drift_detection="automated", compute__gpu_utilization_monitored=True),
        rubric,
    )
    assert prototype.phase_reached == "prototype"
    assert prototype.blockers == ()
    everything = assess(
        manifest(
            security__secrets_management=True,
            security__output_filtering=True,
            monitoring__drift_detection="automated",
            compute__gpu_utilization_monitored=True,
        ),
        rubric,
    )
    assert everything.phase_reached == "optimization"
    assert everything.score == 100.0


def test_partial_credit_does_not_reach_a_phase():
    rubric = make_rubric(criterion_yaml("c.one", LEVEL))
    assert assess(manifest(monitoring__drift_detection="manual"), rubric).phase_reached is None


def test_dimension_with_nothing_applicable_has_no_score():
    rubric = make_rubric(
        criterion_yaml("a.one", "{field: security.secrets_management, equals: true}", dimension="alpha"),
        criterion_yaml(
            "b.gpu",
            "{field: compute.gpu_utilization_monitored, equals: true}",
            dimension="beta",
            applies_if="{field: project.uses_gpus, equals: true}",
        ),
        dimensions=("alpha", "beta"),
    )
    result = assess(manifest(project__uses_gpus=False, security__secrets_management=True), rubric)
    assert result.dimensions[1].score is None
    assert result.score == 100.0


@pytest.mark.parametrize("value, expected", [(72.45, 72.5), (72.4499, 72.4), (100 * 2 / 3, 66.7), (0.05, 0.1), (0, 0)])
def test_rounding_is_half_up(value, expected):
    assert round_score(value) == expected


def test_roadmap_orders_requirements_then_severity_then_value_per_effort():
    rubric = make_rubric(
        criterion_yaml("s.minor_cheap", "{field: security.audits, at_least: regular}", severity="minor", effort="S", weight=5),
        criterion_yaml("s.major_big", "{field: security.adversarial_testing, at_least: automated}", severity="major", effort="L", weight=5),
        criterion_yaml("s.major_small", "{field: security.output_filtering, equals: true}", severity="major", effort="S", weight=2),
        criterion_yaml(
            "s.blocker_late",
            "{field: security.privilege, at_least: least_privilege}",
            severity="blocker",
            effort="M",
            requires=["s.minor_cheap"],
        ),
        criterion_yaml("s.later", "{field: security.secrets_management, equals: true}", phase="production_hardening", severity="blocker"),
    )
    roadmap = build(assess(manifest(), rubric))
    first, second = roadmap[0], roadmap[1]
    assert [s.id for s in first.steps] == ["s.minor_cheap", "s.blocker_late", "s.major_small", "s.major_big"]
    assert [s.id for s in second.steps] == ["s.later"]
    assert first.steps[0].impact == round_score(100 * 5 / 14)  # weights 5 + 5 + 2 + 1 + 1


def test_met_requirements_do_not_hold_a_step_back():
    rubric = make_rubric(
        criterion_yaml("s.base", "{field: security.audits, at_least: regular}", severity="minor"),
        criterion_yaml("s.top", "{field: security.privilege, at_least: least_privilege}", severity="blocker", requires=["s.base"]),
        criterion_yaml("s.other", "{field: security.output_filtering, equals: true}", severity="major"),
    )
    steps = build(assess(manifest(security__audits="regular"), rubric))[0].steps
    assert [s.id for s in steps] == ["s.top", "s.other"]


def test_the_fixture_pilot_scores_as_docs_scoring_md_derives():
    """tests/fixture.py derives the fixture's outcome from the rules; every fixture-based test leans on this."""
    import fixture
    from readiness import api

    result = api.assess_file(fixture.PILOT, fixture.RUBRIC).assessment
    assert {c.id: (c.status, c.credit if c.applicable else None) for c in result.criteria} == fixture.PILOT_STATUS
    assert {d.id: d.score for d in result.dimensions} == fixture.PILOT_DIMENSIONS
    assert (result.score, result.weakest, result.phase_reached) == (fixture.PILOT_SCORE, fixture.PILOT_WEAKEST, fixture.PILOT_PHASE)
    assert [b.id for b in result.blockers] == fixture.PILOT_BLOCKERS
    assert fixture.PILOT_SCORE == fixture.rounded((2 * 100 * 7 / 9 + 100 * 2.5 / 7 + 100 * 3 / 6) / 4) == 60.3


def test_the_fixture_pilot_with_everything_met_reaches_the_last_phase(tmp_path):
    import fixture
    from readiness import api

    result = api.assess_file(fixture.pilot_copy(tmp_path, *fixture.EVERYTHING_MET), fixture.RUBRIC).assessment
    assert {c.status for c in result.criteria} == {"met", "not_applicable"}
    assert (result.score, result.phase_reached, result.blockers) == (100.0, "optimization", ())
