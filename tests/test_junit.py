"""JUnit XML: valid against the schema Jenkins' xUnit plugin uses, with one test case per criterion."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import xmlschema

import hostile
from conftest import EXAMPLES, ROOT
from readiness import api
from readiness.scoring.gate import Gate
from test_golden import render_example

SCHEMA = xmlschema.XMLSchema(ROOT / "tests" / "data" / "junit-10.xsd")
FAILING = {"partial", "unmet", "unanswered"}


def check(text: str) -> ET.Element:
    SCHEMA.validate(text)
    return ET.fromstring(text)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_one_suite_per_dimension_and_one_case_per_criterion(example):
    outcome = api.assess_file(example.relative_to(ROOT))
    root = check(render_example(example, "junit"))
    doc = outcome.report
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [d["name"] for d in doc["dimensions"]]
    cases = {c.get("name").split(":")[0]: c for s in suites for c in s.findall("testcase")}
    by_dimension = [c["id"] for d in doc["dimensions"] for c in doc["criteria"] if c["dimension"] == d["id"]]
    assert list(cases) == by_dimension, "one suite per dimension, its cases in rubric order"
    for criterion in doc["criteria"]:
        case = cases[criterion["id"]]
        assert case.get("classname") == f"readiness.{criterion['dimension']}"
        failure, skipped = case.find("failure"), case.find("skipped")
        if criterion["status"] in FAILING:
            assert failure is not None and skipped is None
            assert failure.get("type") == criterion["status"] and failure.get("message") == criterion["remediation"]
            assert f"{doc['manifest']}:{criterion['location']['line']}:" in failure.text
        elif criterion["status"] == "not_applicable":
            assert skipped is not None and failure is None
        else:
            assert len(case) == 0
    for suite in suites:
        members = suite.findall("testcase")
        assert int(suite.get("tests")) == len(members)
        assert int(suite.get("failures")) == sum(1 for c in members if c.find("failure") is not None)
        assert int(suite.get("skipped")) == sum(1 for c in members if c.find("skipped") is not None)
    assert int(root.get("tests")) == len(doc["criteria"])
    assert int(root.get("failures")) == sum(1 for c in doc["criteria"] if c["status"] in FAILING)


def test_a_gate_is_a_test_case_of_its_own(tmp_path):
    manifest = ROOT / "examples" / "production-hardening.yaml"
    failed = check(api.render(api.assess_file(manifest, gate=Gate(min_score=90)), "junit"))
    gate = failed.find("testsuite[@name='Gate']/testcase/failure")
    assert gate is not None and "below the minimum 90" in gate.get("message")
    passed = check(api.render(api.assess_file(manifest, gate=Gate(min_score=10)), "junit"))
    assert passed.find("testsuite[@name='Gate']/testcase") is not None
    assert passed.find("testsuite[@name='Gate']/testcase/failure") is None


def test_hostile_text_is_escaped_and_round_trips(tmp_path):
    text = api.render(hostile.outcome(tmp_path), "junit")
    root = check(text)
    assert root.get("name") == f"readiness: {hostile.NAME}"
    assert "\x07" not in text and "<script>" not in text



def test_hostile_answers_and_remediations_stay_text(tmp_path):
    doc = hostile.outcome(tmp_path).report
    criterion = next(c for c in doc["criteria"] if c["status"] == "unmet")
    criterion.update(answer=hostile.DESCRIPTION, remediation=hostile.OWNER)
    from readiness.reports.junit import render

    failure = next(f for f in check(render(doc)).iter("failure") if f.get("message") == hostile.OWNER)
    assert hostile.DESCRIPTION.replace("\x07", "") in failure.text


def test_output_is_deterministic():
    example = EXAMPLES[0]
    assert render_example(example, "junit") == render_example(example, "junit")


def test_waived_is_skipped_with_the_waiver_and_unverified_fails(tmp_path):
    from readiness.reports.junit import render

    doc, _ = hostile.waived_report(tmp_path)
    root = check(render(doc))
    skipped = root.find(".//testcase[@classname='readiness.security']/skipped")
    assert skipped.get("message") == "waived until 2026-12-31 by CISO office: IAM rework scheduled"
    assert root.find(".//failure[@type='unverified']") is not None
