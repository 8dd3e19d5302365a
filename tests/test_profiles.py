"""Mechanisms of rubric 2.0 on small fixture rubrics: profiles, prerequisites, facts-only applicability,
the phase rule, the bottleneck, overdue steps and business modes (docs/scoring.md)."""

from __future__ import annotations

import pytest

from conftest import PHASES, criterion_yaml
from readiness.common.errors import InputError
from readiness.input.source import parse
from readiness.manifest.model import Manifest
from readiness.rubric.compiler import parse_rubric
from readiness.scoring import roadmap
from readiness.scoring.bottleneck import find
from readiness.scoring.engine import assess
from readiness.scoring.horizon import shape

AUDITS = "{field: security.audits, at_least: regular}"
SECRETS = "{field: security.secrets_management, equals: true}"
FILTER = "{field: security.output_filtering, equals: true}"
ROLLBACK = "{field: deployment.rollback, at_least: automated}"


def rubric(*criteria: str, extra: str = ""):
    import re

    dimensions = sorted({m for c in criteria for m in re.findall(r"dimension: (\w+)", c)})
    dims = "\n".join(f"  - {{id: {d}, name: {d.title()}}}" for d in dimensions)
    text = f"id: t\nversion: '1'\ntitle: T\n{PHASES}\ndimensions:\n{dims}\ncriteria:\n" + "\n".join(criteria) + "\n" + extra
    return parse_rubric(parse(text, "t.yaml"))


def manifest(project: dict | None = None, **sections) -> Manifest:
    return Manifest.model_validate({"version": 1, "project": {"name": "p", **(project or {})}, **sections})


AGENT_PROFILE = """
profiles:
  - id: agent
    title: Agent that acts
    rationale: Seed 003.
    sources: ["003"]
    when: {field: project.autonomy, in: [act_with_approval, act_autonomously]}
    criteria:
      s.audits: {severity: blocker, phase: prototype}
  - id: consequential
    title: Consequential
    rationale: Seed 002.
    sources: ["002"]
    when: {field: project.impact, equals: consequential}
    criteria:
      s.audits: {severity: major, phase: production_hardening}
"""


def test_a_matching_profile_tightens_and_the_strictest_wins():
    r = rubric(criterion_yaml("s.audits", AUDITS, dimension="sec", severity="minor", phase="enterprise_scale"), extra=AGENT_PROFILE)
    plain = assess(manifest(), r)
    assert plain.profiles == () and plain.criteria[0].spec.severity == "minor"
    consequential = assess(manifest({"impact": "consequential"}), r)
    assert consequential.criteria[0].spec[6:8] == ("major", "production_hardening")
    both = assess(manifest({"impact": "consequential", "autonomy": "act_autonomously"}), r)
    assert both.profiles == ("agent", "consequential")
    assert (both.criteria[0].spec.severity, both.criteria[0].spec.phase) == ("blocker", "prototype")
    assert [b.id for b in both.blockers] == ["s.audits"] and both.phase_reached is None
    assert both.score == plain.score


def test_a_kept_effective_rubric_belongs_to_its_own_rubric():
    """Effective rubrics are kept per rubric object and profile combination; two rubrics never share one."""
    first = rubric(criterion_yaml("s.audits", AUDITS, dimension="sec", severity="minor", phase="enterprise_scale"), extra=AGENT_PROFILE)
    second = rubric(criterion_yaml("s.audits", AUDITS, dimension="sec", severity="major", phase="enterprise_scale"), extra=AGENT_PROFILE)
    agent = manifest({"autonomy": "act_autonomously"})
    assert assess(agent, first).rubric is assess(agent, first).rubric  # met again: the kept one
    assert assess(agent, second).rubric is not assess(agent, first).rubric
    consequential = assess(manifest({"impact": "consequential"}), second)
    assert (consequential.criteria[0].spec.severity, consequential.criteria[0].spec.phase) == ("major", "production_hardening")
    assert assess(agent, second).criteria[0].spec[6:8] == ("blocker", "prototype")


def test_results_kept_by_answer_never_cross_criteria_or_rubrics():
    """A criterion's result is kept by answer (a portfolio meets each again and again): each rubric keeps its own."""
    strict = rubric(criterion_yaml("d.rollback", ROLLBACK, dimension="dep"))
    lenient = rubric(criterion_yaml("d.rollback", "{field: deployment.rollback, at_least: manual}", dimension="dep"))
    for answer, expected in (("manual", ("unmet", "met")), ("automated", ("met", "met")), ("none", ("unmet", "unmet"))) * 2:
        project = manifest(deployment={"rollback": answer})
        assert (assess(project, strict).criteria[0].status, assess(project, lenient).criteria[0].status) == expected


def test_a_profile_never_relaxes_the_rubric():
    r = rubric(criterion_yaml("s.audits", AUDITS, dimension="sec", severity="blocker", phase="prototype"), extra=AGENT_PROFILE)
    result = assess(manifest({"impact": "consequential"}), r)
    assert (result.criteria[0].spec.severity, result.criteria[0].spec.phase) == ("blocker", "prototype")


def test_an_unanswered_fact_matches_no_profile():
    r = rubric(criterion_yaml("s.audits", AUDITS, dimension="sec", severity="minor"), extra=AGENT_PROFILE)
    assert assess(manifest({"autonomy": None}), r).profiles == ()


@pytest.mark.parametrize(
    "extra, message",
    [
        (AGENT_PROFILE.replace("s.audits: {severity: blocker", "s.nothing: {severity: blocker"), "names unknown criterion 's.nothing'"),
        (
            AGENT_PROFILE.replace("project.autonomy", "security.audits").replace("[act_with_approval, act_autonomously]", "[none]"),
            "'security.audits' is an answer, not a fact about the project",
        ),
        (AGENT_PROFILE.replace("phase: prototype}", "phase: someday}"), "unknown phase 'someday'"),
        ("stages: {pilot: someday}\n", "unknown phase 'someday'"),
        ("business_modes: {shrink: {summary: x}}\n", "unknown business mode 'shrink'"),
    ],
)
def test_the_compiler_reports_bad_profiles(extra, message):
    with pytest.raises(InputError) as caught:
        rubric(criterion_yaml("s.audits", AUDITS, dimension="sec"), extra=extra)
    assert message in str(caught.value)


def test_a_profile_cannot_move_a_criterion_before_its_requirement():
    extra = """
profiles:
  - id: early
    title: Early
    rationale: Seed 001.
    sources: ["001"]
    when: {field: project.impact, equals: low}
    criteria:
      s.late: {phase: prototype}
"""
    with pytest.raises(InputError) as caught:
        rubric(
            criterion_yaml("s.base", SECRETS, phase="production_hardening"),
            criterion_yaml("s.late", AUDITS, phase="enterprise_scale", requires=("s.base",)),
            extra=extra,
        )
    assert "before 's.base' which it requires" in str(caught.value)


def test_applicability_may_count_an_unanswered_fact_as_false():
    r = rubric(
        criterion_yaml("s.one", AUDITS, applies_if="{field: project.workload, equals: batch, unanswered: false}"),
        criterion_yaml("s.two", AUDITS, applies_if="{field: project.workload, equals: batch}"),
    )
    one, two = assess(manifest(), r).criteria
    assert (one.status, two.status) == ("not_applicable", "unanswered")
    assert [c.status for c in assess(manifest({"workload": "batch"}), r).criteria] == ["unanswered", "unanswered"]


def test_a_prerequisite_withholds_credit_while_it_does_not_hold():
    check = "{field: monitoring.alerts_routed_to_owner, equals: true, with: [{field: monitoring.service_metrics, at_least: uptime_checks}]}"
    r = rubric(criterion_yaml("m.routed", check))

    def status(**m):
        return assess(manifest(monitoring=m), r).criteria[0].status

    assert status(alerts_routed_to_owner=True) == "unmet"
    assert status(alerts_routed_to_owner=True, service_metrics="dashboards") == "unmet"
    assert status(alerts_routed_to_owner=True, service_metrics="uptime_checks") == "met"
    assert status(service_metrics="alerting") == "unanswered"


def test_an_explicit_none_owner_is_answered_and_unmet():
    r = rubric(criterion_yaml("o.owner", "{field: project.owner, present: true}"))
    assert assess(manifest({"owner": "none"}), r).criteria[0].status == "unmet"
    assert assess(manifest({"owner": "Data team"}), r).criteria[0].status == "met"
    assert assess(manifest(), r).criteria[0].status == "unanswered"


def test_minors_never_hold_a_phase_back_but_count_in_the_score():
    r = rubric(criterion_yaml("s.major", SECRETS), criterion_yaml("s.minor", AUDITS, severity="minor"))
    result = assess(manifest(security={"secrets_management": True}), r)
    assert result.phase_reached == "optimization" and result.score == 50.0


def test_the_bottleneck_is_the_dimension_withholding_most_of_the_next_phase():
    r = rubric(
        criterion_yaml("o.one", SECRETS, weight=2, severity="blocker"),
        criterion_yaml("s.one", FILTER, dimension="sec", weight=3),
        criterion_yaml("s.two", ROLLBACK, dimension="sec", weight=3, phase="production_hardening"),
        criterion_yaml("s.minor", AUDITS, dimension="sec", weight=5, severity="minor"),
    )
    result = assess(manifest(), r)
    found = find(result)
    assert (found.dimension, found.phase, found.withheld, found.blockers, found.majors) == ("sec", "prototype", 3.0, 0, 1)
    assert found.reason.startswith("Sec holds back Prototype most: 1 major of that phase is open")
    done = assess(manifest(security={"secrets_management": True, "output_filtering": True}, deployment={"rollback": "automated"}), r)
    assert done.phase_reached == "optimization" and find(done) is None


MODES = """
stages: {pilot: production_hardening, production: enterprise_scale}
business_modes:
  growth: {summary: Growth., everything: true}
  decline: {summary: Decline., severities: [blocker], criteria: [o.cost], decision_point: Decide.}
"""


def test_overdue_steps_come_first_and_modes_keep_their_steps():
    r = rubric(
        criterion_yaml("o.proto", SECRETS, severity="minor"),
        criterion_yaml("o.hard", FILTER, phase="production_hardening", severity="blocker"),
        criterion_yaml("o.cost", "{field: compute.cost_tracking, at_least: per_model}", phase="optimization", requires=("o.late",)),
        criterion_yaml("o.late", ROLLBACK, phase="enterprise_scale"),
        criterion_yaml("o.extra", AUDITS, phase="enterprise_scale"),
        extra=MODES,
    )
    pilot = assess(manifest({"stage": "pilot", "business_mode": "growth"}), r)
    horizon = shape(pilot, roadmap.build(pilot))
    assert [s.id for s in horizon.overdue] == ["o.proto"] and horizon.window == "production_hardening"
    assert [s.id for p in horizon.phases for s in p.steps] == ["o.hard", "o.late", "o.extra", "o.cost"]
    production = assess(manifest({"stage": "production", "business_mode": "decline"}), r)
    horizon = shape(production, roadmap.build(production))
    assert [s.id for s in horizon.overdue] == ["o.hard"]
    assert [s.id for p in horizon.phases for s in p.steps] == ["o.late", "o.cost"]  # o.cost keeps what it requires
    assert (horizon.left_out, horizon.summary, horizon.decision_point) == (2, "Decline.", "Decide.")
    unstaged = assess(manifest(), r)
    assert shape(unstaged, roadmap.build(unstaged)).overdue == ()


def test_explain_names_the_profiles_that_tighten_a_criterion():
    from conftest import run_cli

    result = run_cli("explain", "security.least_privilege")
    assert result.returncode == 0
    assert "  profile:     An agent that can act: blocker, Prototype\n" in result.stdout
