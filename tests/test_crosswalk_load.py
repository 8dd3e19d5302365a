"""Reading framework packs: every problem is reported at its line and column, with a hint."""

from __future__ import annotations

import pytest

from conftest import criterion_yaml, make_rubric
from crosswalk_fixtures import PACK, ops_rubric, pack_from
from readiness.common.errors import InputError, UsageError
from readiness.crosswalk import available_packs, frameworks_folder, load_pack
from readiness.crosswalk.load import pack_path
from readiness.input.source import parse
from readiness.rubric.compiler import parse_rubric
from readiness.rubric.load import load_rubric

RUBRIC = ops_rubric()


def errors_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        pack_from(text, RUBRIC)
    return [d.format() for d in caught.value.diagnostics]


def test_the_fixture_pack_loads_in_pack_order():
    pack = pack_from(PACK, RUBRIC)
    assert [r.id for r in pack.requirements] == ["R-1", "R-2", "R-3", "R-4", "R-5", "R-6"]
    assert pack.requirement("R-5").applies is not None
    assert [g.id for g in pack.groups] == ["one", "two"]


def test_an_unknown_criterion_is_located_at_the_link_with_a_suggestion():
    text = PACK.replace("{criterion: ops.audit, requirement: R-2", "{criterion: ops.audt, requirement: R-2")
    [error] = errors_of(text)
    line = text.splitlines().index(next(s for s in text.splitlines() if "ops.audt" in s)) + 1
    assert error.startswith(f"error: pack.yaml:{line}:")
    assert "unknown criterion 'ops.audt'" in error and "did you mean 'ops.audit'?" in error


def test_a_link_to_an_unknown_requirement_is_an_error():
    [error] = errors_of(PACK.replace("requirement: R-6", "requirement: R-7"))
    assert "link to unknown requirement 'R-7'" in error and "did you mean" in error


def test_duplicate_requirement_ids_and_links_are_errors():
    text = PACK.replace("{id: R-6, group: two, title: Filtered}", "{id: R-5, group: two, title: Filtered}")
    text = text.replace("requirement: R-6", "requirement: R-5")
    text += "  - {criterion: ops.drift, requirement: R-1, relation: contributes, rationale: Again.}\n"
    errors = errors_of(text)
    assert any("duplicate requirement id 'R-5'" in e for e in errors)
    assert any("duplicate link from 'ops.drift' to 'R-1'" in e for e in errors)


def test_applicability_may_only_test_facts_about_the_project():
    text = PACK.replace(
        "applies_if: {field: project.uses_generative_ai, equals: true}",
        "applies_if: {field: monitoring.drift_detection, equals: automated}",
    )
    [error] = errors_of(text)
    assert "'monitoring.drift_detection' is an answer, not a fact about the project" in error


def test_applicability_values_are_checked():
    errors = errors_of(
        PACK.replace(
            "applies_if: {field: project.uses_generative_ai, equals: true}",
            "applies_if: {field: governance.eu_ai_act_risk, in: [high_risk, limited]}",
        )
    )
    assert any("'high_risk' is not a value of 'governance.eu_ai_act_risk'" in e for e in errors)


def test_schema_errors_name_the_key_and_a_relation_must_be_known():
    errors = errors_of(
        PACK.replace("relation: contributes, rationale: A part.", "relation: helps, rationale: A part.").replace("edition:", "editon:")
    )
    assert any("unknown key 'editon'" in e and "did you mean 'edition'?" in e for e in errors)
    assert any("links.3.relation" in e for e in errors)


def test_declares_must_name_a_context_field_and_its_values():
    text = PACK + "declares: {field: governance.eu_ai_act_risk, label: Tier, values: {high: x}, unanswered: u, disclaimer: d}\n"
    [error] = errors_of(text)
    assert "'high' is not a value of 'governance.eu_ai_act_risk'" in error


def test_an_unknown_group_is_an_error():
    [error] = errors_of(PACK.replace("{id: R-4, group: two", "{id: R-4, group: three"))
    assert "unknown group 'three'" in error


def test_an_extending_rubric_keeps_links_to_default_criteria_and_may_link_its_own():
    extending = parse_rubric(
        parse(
            "extends: default\nid: org\nversion: '1'\ntitle: Org\ndisable: [gov.model_documentation]\ncriteria:\n"
            + criterion_yaml("org.policy", "{field: governance.metadata_catalog, equals: true}", dimension="governance")
            + "\n",
            "org.yaml",
        )
    )
    pack = pack_from(
        PACK.replace("ops.docs", "gov.model_documentation")
        .replace("ops.audit", "org.policy")
        .replace("ops.drift", "monitor.drift_detection")
        .replace("ops.filter", "security.output_filtering"),
        extending,
    )
    assert {link.criterion for link in pack.links} >= {"gov.model_documentation", "org.policy"}


def test_a_criterion_of_another_organization_rubric_is_unknown():
    other = make_rubric(criterion_yaml("other.only", "{field: governance.lineage, at_least: complete}"))
    with pytest.raises(InputError, match=r"unknown criterion 'ops\.drift'"):
        pack_from(PACK, other)


def test_bundled_packs_are_found_and_load_against_the_default_rubric():
    names = available_packs()
    assert names == ["eu-ai-act", "iso-42001", "nist-ai-rmf", "owasp-llm-2025"]
    default = load_rubric()
    for name in names:
        pack = load_pack(name, default)
        assert pack.id == name and pack.requirements and pack.links
        assert pack_path(name).parent == frameworks_folder()


def test_a_pack_can_be_given_by_path(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text(PACK.replace("id: fixture", "id: internal-policy"), encoding="utf-8")
    assert load_pack(str(path), RUBRIC).id == "internal-policy"


def test_an_unknown_name_is_a_usage_error_with_a_suggestion():
    with pytest.raises(UsageError) as caught:
        load_pack("nist-ai-rfm")
    assert "did you mean 'nist-ai-rmf'?" in caught.value.hint


def test_a_pack_file_that_is_not_a_mapping_is_located(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_pack(str(path), RUBRIC)
    assert caught.value.diagnostics[0].line == 1
