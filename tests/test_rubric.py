"""Rubric loading: the default rubric encodes the seeds; broken rubrics are located precisely."""

import re

import pytest

from conftest import criterion_yaml, make_rubric
from readiness.common.errors import InputError
from readiness.manifest.fields import field_info

REQUIRED_DIMENSIONS = {
    "data_pipelines",
    "deployment",
    "compute_cost",
    "monitoring",
    "governance",
    "interoperability",
    "security",
    "organization",
    "business_value",
}
PHASES = ["prototype", "production_hardening", "enterprise_scale", "optimization"]


def test_default_rubric_covers_the_dimensions_and_phases(default_rubric):
    spec = default_rubric.spec
    criteria = [c.spec for c in default_rubric.criteria]
    assert {d.id for d in spec.dimensions} >= REQUIRED_DIMENSIONS
    assert [p.id for p in spec.phases] == PHASES
    assert [(p.start_month, p.end_month) for p in spec.phases] == [(0, 6), (6, 18), (18, 36), (36, None)]
    assert len(criteria) >= 40
    for dimension in REQUIRED_DIMENSIONS:
        assert any(c.dimension == dimension for c in criteria), dimension
    assert {c.phase for c in criteria} == set(PHASES)


@pytest.mark.parametrize("path", [None, "rubrics/health-regulated.yaml"])
def test_bundled_rubrics_name_exactly_the_articles_they_cite(path):
    """A rationale names each of its sources as the reference table's `cite` does, and no source it does not cite."""
    from conftest import ROOT
    from readiness.rubric.load import load_rubric

    rubric = load_rubric(ROOT / path if path else None)
    cites = {r.id: r.cite for r in rubric.spec.references}
    assert [r.id for r in rubric.spec.references][:5] == ["000", "001", "002", "003", "004"]
    for item in [c.spec for c in rubric.criteria] + list(rubric.spec.profiles):
        assert item.sources and set(item.sources) <= set(cites), item.id
        named = {i for i, cite in cites.items() if cite in item.rationale}
        assert named == set(item.sources), (item.id, sorted(named), item.sources)
        assert not re.search(r"\bseeds?\b", item.rationale, re.I), item.id


def test_default_rubric_scores_every_answer_field(default_rubric):
    from readiness.input.validation import model_of
    from readiness.manifest.model import Manifest

    checked = {".".join(c.tests[0].path) for c in default_rubric.criteria}
    for section, info in Manifest.model_fields.items():
        model = model_of(info.annotation)
        if model is None:
            continue
        for name in model.model_fields:
            field = field_info(f"{section}.{name}")
            if field.context or (section, name) in {("project", "name"), ("project", "description")}:
                continue
            assert f"{section}.{name}" in checked, f"no criterion checks {section}.{name}"


def test_default_rubric_kpis_use_seed_001_targets(default_rubric):
    targets = {".".join(c.tests[0].path): (c.tests[0].op, c.tests[0].operand) for c in default_rubric.criteria}
    assert targets["kpis.p95_latency_ms"] == ("below", 50)
    assert targets["kpis.deployment_cycle_days"] == ("below", 14)
    assert targets["kpis.reproducibility_rate"] == ("above", 0.9)
    assert targets["kpis.cost_change_yoy"] == ("at_most", -0.3)


def rubric_errors(*criteria, **kwargs) -> list[str]:
    with pytest.raises(InputError) as caught:
        make_rubric(*criteria, **kwargs)
    return [d.format() for d in caught.value.diagnostics]


GOOD = "{field: monitoring.drift_detection, at_least: automated}"


@pytest.mark.parametrize(
    "criteria, expected",
    [
        (
            [criterion_yaml("a.x", "{field: monitoring.drift, at_least: automated}")],
            "test-rubric.yaml:20:20: no manifest field 'monitoring.drift'\n  hint: did you mean 'monitoring.drift_detection'?",
        ),
        (
            [criterion_yaml("a.x", "{field: monitoring.drift_detection, greater: 3}")],
            "test-rubric.yaml:20:48: unknown operator 'greater'\n  hint: known keys here: field, present, equals, in, at_least",
        ),
        (
            [criterion_yaml("a.x", "{field: monitoring.drift_detection}")],
            "test-rubric.yaml:20:12: criteria.0.check: give exactly one operator (present, equals, in, at_least, at_most, above, below), found none",
        ),
        (
            [criterion_yaml("a.x", GOOD), criterion_yaml("a.x", GOOD)],
            "test-rubric.yaml:26:9: duplicate criterion id 'a.x' (first defined on line 15)",
        ),
        ([criterion_yaml("a.x", GOOD, requires=["a.nope"])], "test-rubric.yaml:26:16: 'a.x' requires unknown criterion 'a.nope'"),
        (
            [criterion_yaml("a.x", GOOD, requires=["a.y"]), criterion_yaml("a.y", GOOD, requires=["a.x"])],
            "'requires' forms a cycle: a.x -> a.y -> a.x",
        ),
        (
            [criterion_yaml("a.x", GOOD, requires=["a.y"]), criterion_yaml("a.y", GOOD, phase="optimization")],
            "'a.x' (phase prototype) requires 'a.y' of a later phase (optimization)",
        ),
        ([criterion_yaml("a.x", GOOD, phase="someday")], "test-rubric.yaml:23:12: unknown phase 'someday'"),
        ([criterion_yaml("a.x", GOOD, severity="fatal")], "criteria.0.severity: input should be 'blocker', 'major' or 'minor'"),
        ([criterion_yaml("a.x", GOOD, dimension="nowhere")], "unknown dimension 'nowhere'"),
        ([criterion_yaml("a.x", GOOD, weight=0)], "criterion weights of dimension 'ops' sum to zero"),
        (
            [criterion_yaml("a.x", "{field: monitoring.drift_detection, at_least: superb}")],
            "'superb' is not a value of 'monitoring.drift_detection'",
        ),
        (
            [criterion_yaml("a.x", "{field: kpis.p95_latency_ms, above: 50}")],
            "operator 'above' on 'kpis.p95_latency_ms' could reward a worse answer",
        ),
        (
            [criterion_yaml("a.x", "{field: security.secrets_management, equals: false}")],
            "'security.secrets_management' should be checked with 'equals: true'",
        ),
        (
            [criterion_yaml("a.x", "{field: project.uses_gpus, equals: true}")],
            "'project.uses_gpus' describes the project, it is not an answer to score",
        ),
        (
            [criterion_yaml("a.x", "{field: monitoring.drift_detection, in: [manual, automated]}")],
            "must include every level above its lowest",
        ),
        (
            [criterion_yaml("a.x", "{field: monitoring.drift_detection, at_least: automated, partial: [{at_least: manual, credit: 1.5}]}")],
            "credit: input should be less than 1",
        ),
        ([criterion_yaml("a.x", GOOD, applies_if="{field: project.uses_gpu, equals: true}")], "no manifest field 'project.uses_gpu'"),
        ([criterion_yaml("a.x", "{field: project, present: true}")], "no manifest field 'project'"),
    ],
)
def test_broken_rubrics_are_located(criteria, expected):
    assert expected in "\n".join(rubric_errors(*criteria))


def test_zero_dimension_weights_are_rejected():
    errors = rubric_errors(criterion_yaml("a.x", GOOD), dimension_weights={"ops": 0})
    assert any("dimension weights sum to zero" in e for e in errors)


def test_several_problems_are_all_reported():
    errors = rubric_errors(
        criterion_yaml("a.x", "{field: monitoring.drift, at_least: automated}"),
        criterion_yaml("a.y", GOOD, phase="someday"),
    )
    assert len(errors) == 2 and ":20:20:" in errors[0] and ":34:12:" in errors[1]


def test_rubric_file_errors_name_the_file(tmp_path):
    from readiness.rubric.load import load_rubric

    path = tmp_path / "org.yaml"
    path.write_text("id: org\nversion: '1'\ntitle: Org\nphases: []\ndimensions: []\ncriteria: []\nextra: 1\n")
    with pytest.raises(InputError) as caught:
        load_rubric(path)
    text = str(caught.value)
    assert f"{path}:7:1: unknown key 'extra'" in text
    assert f"{path}:4:9: phases: list should have at least 1 item" in text


@pytest.mark.parametrize(
    "compiled, model, left_out",
    [
        ("Phase", "Phase", set()),
        ("Dimension", "Dimension", set()),
        ("ExtensionSpec", "ExtensionField", set()),
        ("CriterionSpec", "Criterion", {"check", "applies_if"}),
        ("RubricSpec", "RubricFile", {"criteria"}),
        ("Reference", "Reference", set()),
    ],
)
def test_the_compiled_form_carries_every_field_of_the_file_format(compiled, model, left_out):
    """The compiled tuples restate the file models' fields (so the cache can skip pydantic); this keeps them in step."""
    from readiness.rubric import fileformat as rubricfile
    from readiness.rubric import model as rubric

    assert set(getattr(rubric, compiled)._fields) == set(getattr(rubricfile, model).model_fields) - left_out


@pytest.mark.parametrize("path", [None, "rubrics/health-regulated.yaml"])
def test_the_effective_rubric_data_lists_criteria_in_compiled_order(path):
    """`explain` finds a criterion's data by its position."""
    from conftest import ROOT
    from readiness.rubric.load import load_rubric

    rubric = load_rubric(ROOT / path if path else None)
    assert [c["id"] for c in rubric.as_data()["criteria"]] == [c.spec.id for c in rubric.criteria]
    assert [c.position for c in rubric.criteria] == list(range(len(rubric.criteria)))
