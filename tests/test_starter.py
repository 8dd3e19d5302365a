"""`readiness init`: the starter is generated from the manifest model and the rubric, so it covers every question."""

import json
import re

import pytest
import yaml

from conftest import rubric_from, run_cli
from readiness.cli.starter import starter
from readiness.input.source import parse
from readiness.manifest.fields import answer_fields, field_info
from readiness.manifest.load import parse_manifest
from readiness.manifest.model import Manifest
from readiness.manifest.starter import SCHEMA_FILE, allowed_values, starter_text
from readiness.rubric.load import load_rubric
from readiness.rubric.questions import notes


def blocks(text: str) -> dict[str, str]:
    """Each answer key of the starter with the comment lines just above it, by dotted path."""
    found, section, comments = {}, None, []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            comments = [] if not line.strip() else comments
            continue
        if re.match(r"^\w+:\s*$", line):
            section, comments = line[:-1], []
        elif line.startswith("  #"):
            comments.append(line.strip()[2:])
        elif (match := re.match(r"^  (\w+):", line)) and section:
            found[f"{section}.{match.group(1)}"] = " ".join(" ".join(comments).split())
            comments = []
    return found


def test_the_starter_asks_every_question_of_the_model_once(default_rubric):
    text = starter(None)
    assert list(blocks(text)) == answer_fields()
    manifest = parse_manifest(parse(text, "starter.yaml"))
    answered = {f for f in answer_fields() if getattr(getattr(manifest, f.split(".")[0]), f.split(".")[1]) is not None}
    assert answered == {"project.name"}


def test_each_question_says_what_it_asks_its_answers_and_the_criteria_it_feeds(default_rubric):
    found = blocks(starter(None))
    for dotted, comment in found.items():
        section, name = dotted.split(".")
        description = Manifest.model_fields[section].annotation.model_fields[name].description
        assert " ".join(description.split()) in comment, dotted
        assert f"answers: {allowed_values(dotted)}" in comment, dotted
    for criterion in default_rubric.criteria:
        field = ".".join(criterion.tests[0].path)
        assert f"{criterion.spec.id} ({criterion.spec.severity})" in found[field], (criterion.spec.id, field)


def test_answers_are_written_as_users_write_them():
    assert allowed_values("data.pipeline_automation") == "none | manual | scripted | orchestrated"
    assert allowed_values("project.uses_gpus") == "true | false"
    assert allowed_values("kpis.reproducibility_rate") == "a number from 0 to 1 (higher is better)"
    assert allowed_values("organization.team_functions").startswith("a list of: data_science, ml_engineering")
    assert field_info("project.stage").context and "decides whether" not in blocks(starter(None))["project.stage"]


def test_context_facts_name_the_criteria_they_decide():
    rubric = rubric_from("""
        id: t
        version: '1'
        title: T
        phases: [{id: p, name: P, start_month: 0, end_month: 6}]
        dimensions: [{id: ops, name: Ops, weight: 1}]
        criteria:
          - {id: gpu.a, dimension: ops, title: A, rationale: r, sources: ['001'], weight: 1, severity: major, phase: p, effort: S,
             remediation: do, check: {field: compute.gpu_utilization_monitored, equals: true},
             applies_if: {field: project.uses_gpus, equals: true}}
    """)
    comment = blocks(starter_text(notes(rubric)))
    assert "decides whether 1 criterion applies: gpu.a" in comment["project.uses_gpus"]
    assert "feeds: gpu.a (major)" in comment["compute.gpu_utilization_monitored"]


def test_an_organization_rubrics_extensions_are_questions_too(tmp_path):
    rubric = tmp_path / "org.yaml"
    rubric.write_text(
        "extends: default\nid: org\nversion: '1'\ntitle: Org\n"
        "extensions:\n  risk_board: {type: level, values: [none, informal, formal], description: Our risk board reviewed the system.}\n"
    )
    text = starter(rubric)
    assert "extensions:\n  # Our risk board reviewed the system.\n  # answers: none | informal | formal\n  risk_board:\n" in text


def test_init_dash_prints_the_starter_and_writes_nothing(tmp_path):
    result = run_cli("init", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == starter(None)
    assert result.stdout.startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")
    assert list(tmp_path.iterdir()) == []


def test_init_writes_the_schema_its_first_line_names_and_the_starter_validates_against_it(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "wrote readiness.yaml: fill it in (or run: readiness interview readiness.yaml), then run: readiness assess readiness.yaml",
        f"wrote {SCHEMA_FILE}: the JSON Schema editors check readiness.yaml against",
    ]
    schema = json.loads((tmp_path / SCHEMA_FILE).read_text())
    assert schema == json.loads(run_cli("schema").stdout)
    assert schema["$id"] and schema["$id"] != schema["$schema"]
    jsonschema.validate(yaml.safe_load((tmp_path / "readiness.yaml").read_text()), schema)
    assert "docs/" not in (tmp_path / "readiness.yaml").read_text()
    quiet = run_cli("init", "other.yaml", "--quiet", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == ""


def test_an_existing_schema_file_is_kept(tmp_path):
    (tmp_path / SCHEMA_FILE).write_text("{}")
    assert run_cli("init", "a.yaml", cwd=tmp_path).returncode == 0
    assert (tmp_path / SCHEMA_FILE).read_text() == "{}"


def test_the_default_rubric_notes_cover_every_criterion():
    rubric = load_rubric()
    mentioned = " ".join(" ".join(lines) for lines in notes(rubric).values())
    assert all(c.spec.id in mentioned for c in rubric.criteria)
