"""Properties of docs/scoring.md, checked on generated manifests."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from readiness.cli.app import app
from readiness.manifest.model import Manifest
from readiness.reports import registry
from readiness.reports.options import RenderOptions
from readiness.rubric.load import load_rubric
from readiness.rubric.model import Rubric
from readiness.rubric.profiles import effective
from readiness.scoring.engine import NOT_APPLICABLE, applies, assess, evaluate
from strategies import ANSWERS, improve, manifests, yaml_data

RUBRIC = load_rubric()
ROOT_RUBRIC = __import__("pathlib").Path(__file__).resolve().parents[1] / "rubrics" / "default.yaml"
PHASES = [p.id for p in RUBRIC.spec.phases]
COMMON = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def phase_rank(assessment) -> int:
    return -1 if assessment.phase_reached is None else PHASES.index(assessment.phase_reached)


@COMMON
@given(manifests())
def test_scores_lie_between_0_and_100(data):
    result = assess(Manifest.model_validate(data), RUBRIC)
    assert 0 <= result.score <= 100
    for dimension in result.dimensions:
        assert dimension.score is None or 0 <= dimension.score <= 100


@COMMON
@given(st.data())
def test_a_better_answer_never_lowers_a_score(data):
    before = data.draw(manifests())
    info = data.draw(st.sampled_from(ANSWERS))
    section, name = info.path
    better_value = improve(info, before.get(section, {}).get(name), data.draw)
    if better_value is None:
        return
    after = json.loads(json.dumps(before))
    after.setdefault(section, {})[name] = better_value
    old = assess(Manifest.model_validate(before), RUBRIC)
    new = assess(Manifest.model_validate(after), RUBRIC)
    assert new.exact_score >= old.exact_score - 1e-9, (info.path, before.get(section, {}).get(name), better_value)
    assert new.score >= old.score
    for a, b in zip(old.dimensions, new.dimensions, strict=True):
        assert (a.score is None and b.score is None) or b.score >= a.score, (a.id, info.path)
    assert phase_rank(new) >= phase_rank(old)
    assert {b.id for b in new.blockers} <= {b.id for b in old.blockers}


@COMMON
@given(manifests())
def test_results_kept_between_manifests_are_what_a_fresh_evaluation_finds(data):
    """assess keeps a criterion's result per answer and applicability, and evaluates equal rules once per manifest:
    whatever earlier manifests left behind, each result equals the criterion evaluated alone on this manifest."""
    manifest = Manifest.model_validate(data)
    rubric, _ = effective(RUBRIC, lambda rule: applies(rule, manifest))
    result = assess(manifest, RUBRIC)
    assert result.criteria == tuple(evaluate(c, manifest) for c in rubric.criteria)


def without(rubric: Rubric, ids: set[str]) -> Rubric:
    kept = tuple(c for c in rubric.criteria if c.spec.id not in ids)
    return rubric._replace(criteria=kept)


@COMMON
@given(manifests())
def test_not_applicable_criteria_change_no_score(data):
    manifest = Manifest.model_validate(data)
    full = assess(manifest, RUBRIC)
    absent = {r.id for r in full.criteria if r.status == NOT_APPLICABLE}
    reduced = assess(manifest, without(RUBRIC, absent))
    assert reduced.exact_score == full.exact_score
    assert [d.score for d in reduced.dimensions] == [d.score for d in full.dimensions]
    assert reduced.phase_reached == full.phase_reached


@settings(max_examples=40, deadline=None)
@given(manifests(), st.sampled_from(sorted(registry.names(registry.ASSESSMENT))))
def test_every_format_renders_any_result(data, format):
    from readiness import api
    from readiness.input.source import parse

    source = parse(yaml.safe_dump(data), "generated.yaml")
    outcome = api.assess_manifest(Manifest.model_validate(data), source, RUBRIC, api.gates.Gate(min_score=50))
    text = api.render(outcome, format, RenderOptions())
    assert text.strip()


runner = CliRunner()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        yaml_data,
        st.fixed_dictionaries({"version": st.just(1), "project": yaml_data}, optional={"monitoring": yaml_data, "kpis": yaml_data}),
    )
)
def test_any_input_gives_a_result_or_a_clean_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("m") / "m.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = runner.invoke(app, ["assess", str(path), "--format", "json"])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
        assert "internal error" not in result.stderr


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gives_a_result_or_a_clean_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("t") / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["assess", str(path), "--format", "json"])
    assert result.exit_code in (0, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert "internal error" not in result.stderr


# ---------------------------------------------------------------- profiles (docs/scoring.md, section 4a)


def without_profiles(rubric: Rubric) -> Rubric:
    return rubric._replace(spec=rubric.spec._replace(profiles=()))


BARE = without_profiles(RUBRIC)
SEVERITY_RANK = {"blocker": 0, "major": 1, "minor": 2}


def test_the_default_rubric_has_profiles_that_tighten():
    assert len(RUBRIC.spec.profiles) >= 4 and all(p.effects for p in RUBRIC.spec.profiles)


@COMMON
@given(manifests())
def test_profiles_never_change_a_score_only_add_blockers_and_lower_the_phase(data):
    manifest = Manifest.model_validate(data)
    with_profiles, bare = assess(manifest, RUBRIC), assess(manifest, BARE)
    assert with_profiles.exact_score == bare.exact_score
    assert [d.score for d in with_profiles.dimensions] == [d.score for d in bare.dimensions]
    assert {b.id for b in bare.blockers} <= {b.id for b in with_profiles.blockers}
    assert phase_rank(with_profiles) <= phase_rank(bare)
    for tight, loose in zip(with_profiles.criteria, bare.criteria, strict=True):
        assert tight.status == loose.status and tight.credit == loose.credit
        assert SEVERITY_RANK[tight.spec.severity] <= SEVERITY_RANK[loose.spec.severity]
        assert PHASES.index(tight.spec.phase) <= PHASES.index(loose.spec.phase)


@COMMON
@given(st.data())
def test_a_better_answer_never_lowers_anything_under_every_profile(data):
    """Facts drawn so that every profile matches at once: the strictest combination stays monotone in the answers."""
    before = data.draw(manifests())
    before["project"].update(
        autonomy="act_autonomously",
        model_source="third_party_hosted",
        uses_generative_ai=True,
        data_sensitivity="special_category",
        impact="consequential",
    )
    info = data.draw(st.sampled_from(ANSWERS))
    section, name = info.path
    better_value = improve(info, before.get(section, {}).get(name), data.draw)
    if better_value is None:
        return
    after = json.loads(json.dumps(before))
    after.setdefault(section, {})[name] = better_value
    old = assess(Manifest.model_validate(before), RUBRIC)
    new = assess(Manifest.model_validate(after), RUBRIC)
    assert set(old.profiles) == {p.id for p in RUBRIC.spec.profiles}
    assert new.exact_score >= old.exact_score - 1e-9
    assert phase_rank(new) >= phase_rank(old)
    assert {b.id for b in new.blockers} <= {b.id for b in old.blockers}


def test_the_compiler_refuses_a_profile_that_reads_an_answer(tmp_path):
    from readiness.common.errors import InputError

    profile = """
  - id: reads_an_answer
    title: Reads an answer
    rationale: A better answer must never tighten a criterion.
    sources: ["001"]
    when: {field: monitoring.drift_detection, equals: none}
    criteria:
      security.audits: {severity: blocker}
"""
    text = ROOT_RUBRIC.read_text(encoding="utf-8").replace("\nstages:\n", profile + "\nstages:\n", 1)
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    import pytest

    with pytest.raises(InputError) as caught:
        load_rubric(path)
    assert "'monitoring.drift_detection' is an answer, not a fact about the project" in str(caught.value)
