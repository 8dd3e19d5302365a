"""The coverage rules of docs/frameworks.md, the report section, the gate and the portfolio summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import criterion_yaml, make_rubric
from crosswalk_fixtures import PACK, assessed, manifest, ops_rubric, pack_from, waiver
from readiness.common.errors import UsageError
from readiness.crosswalk import (
    FrameworkGate,
    check_coverage,
    coverage,
    criterion_references,
    framework_section,
    load_pack,
    parse_min_coverage,
    portfolio_frameworks,
    reference_tags,
    select_packs,
)
from readiness.manifest.model import Manifest
from readiness.rubric.load import load_rubric

RUBRIC = ops_rubric()
PACK_ = pack_from(PACK, RUBRIC)

ALL_MET = {
    "monitoring__drift_detection": "automated",
    "governance__audit_trail": "complete",
    "governance__model_documentation": True,
    "security__output_filtering": True,
    "project__uses_generative_ai": True,
}


def statuses(m: Manifest, rubric=RUBRIC, pack=PACK_, **options) -> dict[str, str]:
    result = coverage(pack, rubric, assessed(rubric, m, **options), m)
    return {r.id: r.status for r in result.results}


def test_everything_met():
    assert statuses(manifest(**ALL_MET)) == {
        "R-1": "met",
        "R-2": "met",
        "R-3": "supported",
        "R-4": "not_covered",
        "R-5": "met",
        "R-6": "met",
    }


def test_contributes_links_alone_never_make_a_requirement_met_at_most_supported():
    assert statuses(manifest(**ALL_MET))["R-3"] == "supported"
    assert statuses(manifest(**{**ALL_MET, "governance__model_documentation": False}))["R-3"] == "partial"  # one practice open
    assert statuses(manifest(monitoring__drift_detection="automated"))["R-3"] == "partial"  # one unanswered is not supported


def test_supported_needs_every_applicable_contributing_criterion_met():
    pack = pack_from(
        PACK.replace(
            "{criterion: ops.docs, requirement: R-3, relation: contributes, rationale: Another part.}",
            "{criterion: ops.filter, requirement: R-3, relation: contributes, rationale: Generative part.}",
        ),
        RUBRIC,
    )
    not_generative = manifest(monitoring__drift_detection="automated", project__uses_generative_ai=False)
    assert statuses(not_generative, pack=pack)["R-3"] == "supported"  # ops.filter does not apply: drift is all there is
    generative = manifest(monitoring__drift_detection="automated", project__uses_generative_ai=True, security__output_filtering=False)
    assert statuses(generative, pack=pack)["R-3"] == "partial"


def test_a_requirement_is_met_only_when_every_satisfies_criterion_is_met():
    m = manifest(**{**ALL_MET, "governance__model_documentation": False})
    assert statuses(m)["R-2"] == "partial"  # audit met, documentation unmet


def test_gap_when_nothing_linked_is_met_and_something_is_answered():
    m = manifest(monitoring__drift_detection="none", governance__audit_trail="none", governance__model_documentation=False)
    s = statuses(m)
    assert s["R-1"] == "gap" and s["R-2"] == "gap" and s["R-3"] == "gap"


def test_partial_credit_of_a_criterion_is_progress_not_met():
    assert statuses(manifest(monitoring__drift_detection="manual"))["R-1"] == "partial"


def test_unanswered_when_every_linked_criterion_is_unanswered():
    s = statuses(manifest())
    assert s["R-1"] == "unanswered" and s["R-2"] == "unanswered"
    assert statuses(manifest(governance__audit_trail="none"))["R-2"] == "gap"  # one answered, one not: a gap


def test_not_covered_whatever_the_manifest_says():
    for m in (manifest(), manifest(**ALL_MET)):
        result = coverage(PACK_, RUBRIC, assessed(RUBRIC, m), m)
        r4 = next(r for r in result.results if r.id == "R-4")
        assert r4.status == "not_covered" and r4.in_scope


def test_pack_applicability_and_criterion_applicability():
    s = statuses(manifest(**{**ALL_MET, "project__uses_generative_ai": False}))
    assert s["R-5"] == "not_applicable"  # the pack says so
    assert s["R-6"] == "not_applicable"  # its only linked criterion does not apply
    assert statuses(manifest())["R-5"] == "unanswered"  # an unanswered fact does not rule a requirement out


def test_a_waived_criterion_counts_as_not_met():
    data = {"version": 1, "project": {"name": "p"}, "monitoring": {"drift_detection": "none"}, "waivers": [waiver("ops.drift")]}
    m = Manifest.model_validate(data)
    result = assessed(RUBRIC, m)
    assert next(r for r in result.criteria if r.id == "ops.drift").status == "waived"
    assert statuses(m)["R-1"] == "gap"


def test_an_unverified_claim_counts_as_not_met():
    m = manifest(**ALL_MET)
    assert statuses(m, unverified=frozenset({"ops.drift"}))["R-1"] == "gap"


def test_links_to_criteria_the_rubric_lacks_are_inert():
    smaller = make_rubric(criterion_yaml("ops.drift", "{field: monitoring.drift_detection, at_least: automated}"))
    m = manifest(**ALL_MET)
    result = coverage(PACK_, smaller, assessed(smaller, m), m)
    by_id = {r.id: r for r in result.results}
    assert by_id["R-2"].status == "not_covered" and [link.criterion for link in by_id["R-2"].inert] == ["ops.audit", "ops.docs"]
    assert by_id["R-1"].status == "met"
    assert by_id["R-3"].status == "supported"  # ops.docs is inert, ops.drift still contributes, and is met


def test_figures_add_up():
    m = manifest(**{**ALL_MET, "governance__model_documentation": False})
    figures = coverage(PACK_, RUBRIC, assessed(RUBRIC, m), m).figures
    assert figures.requirements == figures.in_scope + figures.not_applicable
    assert figures.in_scope == figures.met + figures.supported + figures.partial + figures.gap + figures.unanswered + figures.not_covered
    assert (figures.met, figures.partial, figures.not_covered, figures.satisfiable) == (3, 2, 1, 4)
    assert figures.met_percent == 50.0 and figures.addressed_percent == 83.3 and figures.satisfiable_percent == 66.7
    assert figures.evidenced == 3 and figures.evidenced_percent == 60.0  # 3 of the 5 addressed; R-4 is outside the figure
    everything = coverage(PACK_, RUBRIC, assessed(RUBRIC, manifest(**ALL_MET)), manifest(**ALL_MET)).figures
    assert (everything.met, everything.supported, everything.evidenced_percent, everything.met_percent) == (4, 1, 100.0, 66.7)


def test_the_section_is_plain_deterministic_data():
    m = manifest(**ALL_MET)
    section = framework_section(PACK_, RUBRIC, assessed(RUBRIC, m), m)
    again = framework_section(PACK_, RUBRIC, assessed(RUBRIC, m), m)
    assert json.dumps(section, sort_keys=False) == json.dumps(again, sort_keys=False)
    assert section["id"] == "fixture" and section["bundled"] is False and section["file"] == "pack.yaml"
    assert [r["id"] for r in section["requirements"]] == ["R-1", "R-2", "R-3", "R-4", "R-5", "R-6"]
    assert "not a compliance assessment" in section["notice"]
    assert [g["figures"]["requirements"] for g in section["groups"]] == [2, 4]
    r2 = section["requirements"][1]
    assert [(lk["criterion"], lk["relation"], lk["criterion_status"]) for lk in r2["links"]] == [
        ("ops.audit", "satisfies", "met"),
        ("ops.docs", "satisfies", "met"),
    ]
    assert section["declared"] is None


def test_the_section_repeats_the_declared_tier_and_says_the_tool_does_not_classify():
    default = load_rubric()
    pack = load_pack("eu-ai-act", default)
    for tier, high_risk_applies in (("high_risk_annex_iii", True), ("limited", False), (None, True), ("prohibited", False)):
        m = manifest(**({"governance__eu_ai_act_risk": tier} if tier else {}))
        section = framework_section(pack, default, assessed(default, m), m)
        declared = section["declared"]
        assert declared["value"] == tier and declared["field"] == "governance.eu_ai_act_risk"
        assert "does not classify" in declared["disclaimer"]
        art9 = next(r for r in section["requirements"] if r["id"] == "Art. 9(1)")
        assert art9["in_scope"] is high_risk_applies, tier
    assert "does not declare" in framework_section(pack, default, assessed(default, manifest()), manifest())["declared"]["statement"]


def test_parse_min_coverage():
    assert parse_min_coverage("nist-ai-rmf=60") == FrameworkGate("nist-ai-rmf", 60.0)
    assert parse_min_coverage(" iso-42001 = 12.5% ") == FrameworkGate("iso-42001", 12.5)
    for bad in ("nist-ai-rmf", "=60", "nist-ai-rmf=lots", "nist-ai-rmf=101"):
        with pytest.raises(UsageError):
            parse_min_coverage(bad)


def test_the_gate_reads_the_evidenced_share_of_the_addressed_requirements():
    m = manifest(**{**ALL_MET, "governance__model_documentation": False})
    section = framework_section(PACK_, RUBRIC, assessed(RUBRIC, m), m)
    assert check_coverage([FrameworkGate("fixture", 60)], [section]) == ()
    [failure] = check_coverage([FrameworkGate("fixture", 70)], [section])
    assert "60% of the addressed requirements met or supported (3 of 5; 3 met)" in failure and "short by 10" in failure
    assert "the rubric addresses 5 of 6 in-scope requirements" in failure
    m = manifest(**ALL_MET)
    section = framework_section(PACK_, RUBRIC, assessed(RUBRIC, m), m)
    assert check_coverage([FrameworkGate("fixture", 100)], [section]) == ()  # reachable: R-3 is supported, R-4 not covered
    with pytest.raises(UsageError):
        check_coverage([FrameworkGate("other", 10)], [section])


def test_a_gate_fails_when_the_rubric_addresses_nothing_in_scope():
    rubric = make_rubric(criterion_yaml("ops.audit", "{field: governance.audit_trail, at_least: complete}"))
    pack = pack_from(PACK.split("links:")[0] + "links: []\n", rubric)
    m = manifest(governance__audit_trail="complete")
    section = framework_section(pack, rubric, assessed(rubric, m), m)
    assert section["figures"]["evidenced_percent"] is None and section["figures"]["in_scope"] == 6
    [failure] = check_coverage([FrameworkGate("fixture", 10)], [section])
    assert "addresses 0 of 6 in-scope requirements, so it evidences none" in failure
    assert check_coverage([FrameworkGate("fixture", 0)], [section]) == ()


def test_select_packs_expands_all_and_adds_gated_packs(tmp_path):
    default = load_rubric()
    assert [p.id for p in select_packs(["all"], [], default)] == ["eu-ai-act", "iso-42001", "nist-ai-rmf", "owasp-llm-2025"]
    assert [p.id for p in select_packs(["iso-42001", "iso-42001"], [FrameworkGate("owasp-llm-2025", 10)], default)] == [
        "iso-42001",
        "owasp-llm-2025",
    ]
    path = tmp_path / "copy.yaml"
    path.write_text(Path(load_pack("iso-42001").file).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(UsageError, match="two framework packs have the id 'iso-42001'"):
        select_packs(["iso-42001", str(path)], [], default)


def test_criterion_references_and_tags_for_sarif():
    references = criterion_references([PACK_], RUBRIC)
    assert list(references) == ["ops.audit", "ops.docs", "ops.drift", "ops.filter"]
    assert references["ops.drift"] == [
        {"framework": "fixture", "requirement": "R-1", "relation": "satisfies"},
        {"framework": "fixture", "requirement": "R-3", "relation": "contributes"},
        {"framework": "fixture", "requirement": "R-5", "relation": "satisfies"},
    ]
    assert reference_tags(references["ops.drift"]) == ["fixture:R-1", "fixture:R-3", "fixture:R-5"]


def test_the_portfolio_lists_the_most_frequent_gaps_first():
    sections = []
    for name, drift in (("a", "none"), ("b", "none"), ("c", "automated")):
        m = manifest(monitoring__drift_detection=drift, governance__audit_trail="complete", governance__model_documentation=True)
        sections.append((name, framework_section(PACK_, RUBRIC, assessed(RUBRIC, m), m)))
    [summary] = portfolio_frameworks(sections)
    assert summary["projects"] == 3
    first = summary["requirements"][0]
    assert (first["id"], first["gap"], first["gap_projects"]) == ("R-1", 2, ["a", "b"])
    assert summary["met_percent"]["min"] <= summary["met_percent"]["median"] <= summary["met_percent"]["max"]
    assert summary["evidenced_percent"] == {"min": 20.0, "median": 20.0, "max": 80.0, "projects": 3}  # a, b: R-2 of 5; c: all but R-6
    [limited] = portfolio_frameworks(sections, project_limit=1)
    assert limited["requirements"][0]["gap_projects"] == ["a"] and limited["requirements"][0]["gap"] == 2


def test_a_gate_on_a_pack_with_nothing_in_scope_passes():
    default = load_rubric()
    m = manifest(project__uses_generative_ai=False)
    section = framework_section(load_pack("owasp-llm-2025", default), default, assessed(default, m), m)
    assert section["figures"]["in_scope"] == 0 and section["figures"]["met_percent"] is None
    assert check_coverage([FrameworkGate("owasp-llm-2025", 90)], [section]) == ()
