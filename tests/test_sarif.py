"""SARIF 2.1.0: valid against the OASIS schema, one result per criterion not met, at its manifest line."""

from __future__ import annotations

import json

import jsonschema
import pytest

import hostile
from conftest import EXAMPLES, ROOT
from readiness import api
from readiness.reports.sarif import artifact_location
from test_golden import render_example

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
LEVELS = {"blocker": "error", "major": "warning", "minor": "note"}


def check(text: str) -> dict:
    log = json.loads(text)
    VALIDATOR.validate(log)
    return log


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_results_are_the_criteria_not_met_at_their_manifest_lines(example):
    doc = api.assess_file(example.relative_to(ROOT)).report
    run = check(render_example(example, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "readiness" and "informationUri" not in run["tool"]["driver"]
    assert [r["id"] for r in rules] == [c["id"] for c in doc["criteria"]]
    for rule, criterion in zip(rules, doc["criteria"]):
        assert rule["fullDescription"]["text"] == criterion["rationale"]
        assert rule["help"]["text"] == criterion["remediation"]
        assert rule["defaultConfiguration"]["level"] == LEVELS[criterion["severity"]]
    not_met = [c for c in doc["criteria"] if c["status"] not in ("met", "not_applicable")]
    assert [r["ruleId"] for r in run["results"]] == [c["id"] for c in not_met]
    for result, criterion in zip(run["results"], not_met):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == LEVELS[criterion["severity"]]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": doc["manifest"], "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {"startLine": criterion["location"]["line"], "startColumn": criterion["location"]["column"]}
        line = (ROOT / doc["manifest"]).read_text().splitlines()[location["region"]["startLine"] - 1]
        assert line[location["region"]["startColumn"] - 1 :].startswith(criterion["field"].split(".")[-1] + ":") or criterion["status"] == "unanswered"


def test_hostile_text_is_plain_text(tmp_path):
    outcome = hostile.outcome(tmp_path)
    doc = outcome.report
    criterion = next(c for c in doc["criteria"] if c["status"] == "unmet")
    criterion.update(answer=hostile.NAME)
    from readiness.reports.sarif import render

    log = check(render(doc))
    assert log["runs"][0]["properties"]["project"] == hostile.NAME
    message = next(r["message"]["text"] for r in log["runs"][0]["results"] if r["ruleId"] == criterion["id"])
    assert "\\[link\\](http://evil.example)" in message and "[link](" not in message.replace("\\[link\\](", "")
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/hostile%20manifest.yaml")


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ("readiness.yaml", {"uri": "readiness.yaml", "uriBaseId": "%SRCROOT%"}),
        ("./ai/my manifest.yaml", {"uri": "ai/my%20manifest.yaml", "uriBaseId": "%SRCROOT%"}),
        ("ai\\readiness.yaml", {"uri": "ai/readiness.yaml", "uriBaseId": "%SRCROOT%"}),
        ("<stdin>", {"uri": "%3Cstdin%3E", "uriBaseId": "%SRCROOT%"}),
        ("/srv/app/readiness.yaml", {"uri": "file:///srv/app/readiness.yaml"}),
    ],
)
def test_artifact_locations_are_valid_uris(manifest, expected):
    assert artifact_location(manifest) == expected


def test_output_is_deterministic():
    example = EXAMPLES[0]
    assert render_example(example, "sarif") == render_example(example, "sarif")


def test_waived_is_a_suppressed_result_and_unverified_an_open_one(tmp_path):
    from readiness.reports.sarif import render

    doc, verified = hostile.waived_report(tmp_path)
    results = {r["ruleId"]: r for r in check(render(doc))["runs"][0]["results"]}
    assert results["security.least_privilege"]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "IAM rework scheduled (owner CISO office, expires 2026-12-31)"}
    ]
    assert "suppressions" not in results[verified["id"]] and "not verified" in results[verified["id"]]["message"]["text"]
