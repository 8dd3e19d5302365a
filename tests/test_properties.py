"""Properties of docs/scoring.md, checked on generated manifests."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import ANSWERS, improve, manifests, yaml_data
from typer.testing import CliRunner

from readiness.cli.app import app
from readiness.manifest.model import Manifest
from readiness.reports import registry
from readiness.reports.options import RenderOptions
from readiness.rubric.load import load_rubric
from readiness.rubric.model import Rubric
from readiness.scoring.engine import NOT_APPLICABLE, assess

RUBRIC = load_rubric()
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
    for a, b in zip(old.dimensions, new.dimensions):
        assert (a.score is None and b.score is None) or b.score >= a.score, (a.id, info.path)
    assert phase_rank(new) >= phase_rank(old)
    assert {b.id for b in new.blockers} <= {b.id for b in old.blockers}


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
@given(st.one_of(yaml_data, st.fixed_dictionaries({"version": st.just(1), "project": yaml_data}, optional={"monitoring": yaml_data, "kpis": yaml_data})))
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
