"""Manifest validation: every problem reported, located, with a hint."""

import json

import pytest

from readiness.common.errors import InputError
from readiness.input.source import parse
from readiness.manifest.levels import Level
from readiness.manifest.load import parse_manifest
from readiness.manifest.model import Manifest


def manifest_errors(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_manifest(parse(text, "m.yaml"))
    return [d.format() for d in caught.value.diagnostics]


def test_sparse_manifest_validates():
    manifest = parse_manifest(parse("version: 1\nproject:\n  name: Tiny pilot\n", "m.yaml"))
    assert manifest.project.name == "Tiny pilot"
    assert manifest.monitoring.drift_detection is None


def test_commented_out_section_reads_as_empty():
    manifest = parse_manifest(parse("version: 1\nproject: {name: x}\nkpis:\n  # p95_latency_ms: 3\n", "m.yaml"))
    assert manifest.kpis.p95_latency_ms is None


def test_all_errors_are_reported_sorted_by_line():
    errors = manifest_errors(
        "version: 1\n"
        "project:\n"
        "  name: x\n"
        "monitoring:\n"
        "  drift_detecton: automated\n"
        "  service_metrics: sometimes\n"
        "kpis:\n"
        "  p95_latency_ms: -3\n"
        "  reproducibility_rate: 1.5\n"
    )
    assert errors == [
        "error: m.yaml:5:3: unknown key 'monitoring.drift_detecton'\n  hint: did you mean 'drift_detection'?",
        "error: m.yaml:6:20: monitoring.service_metrics: 'sometimes' is not an allowed value\n"
        "  hint: allowed values: 'none', 'logs', 'dashboards', 'uptime_checks', 'alerting' or 'slo_alerting'",
        "error: m.yaml:8:19: kpis.p95_latency_ms: input should be greater than or equal to 0, got -3\n"
        "  hint: write a number within the allowed range",
        "error: m.yaml:9:25: kpis.reproducibility_rate: input should be less than or equal to 1, got 1.5\n"
        "  hint: write a number within the allowed range",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("version: 2\nproject: {name: x}\n", "m.yaml:1:10: unsupported manifest version 2"),
        ("version: '1'\nproject: {name: x}\n", "m.yaml:1:10: unsupported manifest version '1'"),
        ("project: {name: x}\n", "m.yaml:1:1: missing required key 'version'\n  hint: add `version: 1` at the top"),
        ("version: 1\n", "missing required key 'project'"),
        ("version: 1\nproject:\n  owner: me\n", "m.yaml:2:1: missing required key 'project.name'"),
        ("- a\n- b\n", "m.yaml:1:1: the top level of a manifest must be a mapping of keys to values, found a list"),
        ("just text\n", "found a text ('just text')"),
        ("version: 1\nproject: {name: x, uses_gpus: maybe}\n", "project.uses_gpus: input should be true or false"),
        ("version: 1\nproject: {name: x}\nsecurity: [1]\n", "m.yaml:3:11: security: expected a mapping, got a list"),
        (
            "version: 1\nproject: {name: x}\norganization:\n  team_functions: [finance, wizardry]\n",
            "organization.team_functions.1: 'wizardry' is not an allowed value",
        ),
        ("version: 1\nproject: {name: x}\nkpis: {p95_latency_ms: .nan}\n", "kpis.p95_latency_ms: input should be a finite number"),
        ("version: 1\nprojct: {name: x}\n", "unknown key 'projct'\n  hint: did you mean 'project'?"),
    ],
)
def test_located_errors(text, expected):
    assert expected in "\n".join(manifest_errors(text))


def test_empty_manifest_has_a_hint():
    assert manifest_errors("# nothing yet\n") == [
        "error: m.yaml:1:1: the manifest is empty\n  hint: start from `readiness init` or the examples/ folder"
    ]


def test_levels_are_ordered_worst_to_best():
    from readiness.manifest.levels import DeploymentAutomation

    assert [m.rank for m in DeploymentAutomation] == list(range(len(DeploymentAutomation)))
    assert DeploymentAutomation.continuous.rank > DeploymentAutomation.manual.rank


def test_every_field_is_described_in_the_schema():
    schema = Manifest.model_json_schema()
    for name, definition in schema["$defs"].items():
        for field, spec in definition.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"
    assert json.dumps(schema)
    assert issubclass(Level, str)
