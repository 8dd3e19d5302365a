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


def check(text: str) -> ET.Element:
    SCHEMA.validate(text)
    return ET.fromstring(text)


OPEN = {"partial", "unmet", "unanswered", "unverified"}
FAILING_GATE = {"passed": False, "min_score": None, "min_phase": None, "fail_on_blockers": True, "failures": ["blockers"]}


def check_cases(doc: dict, root: ET.Element, failing: set[str]) -> None:
    suites = [s for s in root.findall("testsuite") if s.get("name") != "Gate"]
    assert [s.get("name") for s in suites] == [d["name"] for d in doc["dimensions"]]
    cases = {c.get("name").split(":")[0]: c for s in suites for c in s.findall("testcase")}
    by_dimension = [c["id"] for d in doc["dimensions"] for c in doc["criteria"] if c["dimension"] == d["id"]]
    assert list(cases) == by_dimension, "one suite per dimension, its cases in rubric order"
    for criterion in doc["criteria"]:
        case = cases[criterion["id"]]
        assert case.get("classname") == f"readiness.{criterion['dimension']}"
        failure, skipped, out = case.find("failure"), case.find("skipped"), case.find("system-out")
        if criterion["id"] in failing:
            assert failure is not None and skipped is None
            assert failure.get("type") == criterion["status"] and failure.get("message") == criterion["remediation"]
            if doc["manifest"]:
                assert f"{doc['manifest']}:{criterion['location']['line']}:" in failure.text
        elif criterion["status"] in OPEN:
            assert failure is None and skipped is None
            assert out.text.startswith("Open, but it does not fail this job's gate.\nStatus: " + criterion["status"])
        elif criterion["status"] in ("not_applicable", "waived"):
            assert skipped is not None and failure is None
        else:
            assert len(case) == 0
    for suite in suites:
        members = suite.findall("testcase")
        assert int(suite.get("tests")) == len(members)
        assert int(suite.get("failures")) == sum(1 for c in members if c.find("failure") is not None)
        assert int(suite.get("skipped")) == sum(1 for c in members if c.find("skipped") is not None)
    gate_failed = doc["gate"] is not None and not doc["gate"]["passed"]
    assert int(root.get("failures")) == len(failing) + int(gate_failed)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_without_a_gate_nothing_is_red(example):
    doc = api.assess_file(example.relative_to(ROOT)).report
    root = check(render_example(example, "junit"))
    check_cases(doc, root, set())
    assert int(root.get("tests")) == len(doc["criteria"]) and int(root.get("failures")) == 0


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_only_the_causes_of_a_failed_gate_fail(example):
    outcome = api.assess_file(example.relative_to(ROOT), gate=Gate(min_phase="enterprise_scale", fail_on_blockers=True))
    doc = outcome.report
    order = [p["id"] for p in doc["roadmap"]]
    reached = -1 if doc["phase_reached"] is None else order.index(doc["phase_reached"]["id"])
    short = reached < order.index("enterprise_scale")
    causes = {b["id"] for b in doc["blockers"]} | {
        c["id"] for c in doc["criteria"] if short and c["status"] in OPEN and order.index(c["phase"]) <= order.index("enterprise_scale")
    }
    from readiness.reports.junit import render

    root = check(render(doc))
    check_cases(doc, root, causes if not doc["gate"]["passed"] else set())
    assert (root.find("testsuite[@name='Gate']/testcase/failure") is None) == doc["gate"]["passed"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_passing_gate_shows_no_red(example):
    outcome = api.assess_file(example.relative_to(ROOT), gate=Gate(min_score=1))
    root = check(api.render(outcome, "junit"))
    assert outcome.gate.passed and int(root.get("failures")) == 0 and not list(root.iter("failure"))


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
    doc["gate"] = FAILING_GATE
    doc["blockers"] = [{"id": criterion["id"]}]
    from readiness.reports.junit import render

    failure = next(f for f in check(render(doc)).iter("failure") if f.get("message") == hostile.OWNER)
    assert hostile.DESCRIPTION.replace("\x07", "") in failure.text


def test_output_is_deterministic():
    example = EXAMPLES[0]
    assert render_example(example, "junit") == render_example(example, "junit")


def test_waived_is_skipped_with_the_waiver_and_unverified_fails(tmp_path):
    from readiness.reports.junit import render

    doc, _ = hostile.waived_report(tmp_path)
    unverified = [c["id"] for c in doc["criteria"] if c["status"] == "unverified"]
    doc["gate"], doc["blockers"] = FAILING_GATE, [{"id": i} for i in unverified]
    root = check(render(doc))
    skipped = root.find(".//testcase[@classname='readiness.security']/skipped")
    assert skipped.get("message") == "waived until 2026-12-31 by CISO office: IAM rework scheduled"
    assert root.find(".//failure[@type='unverified']") is not None
