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
    for rule, criterion in zip(rules, doc["criteria"], strict=True):
        assert rule["fullDescription"]["text"] == criterion["rationale"]
        assert rule["help"]["text"] == criterion["remediation"]
        assert rule["defaultConfiguration"]["level"] == LEVELS[criterion["severity"]]
    not_met = [c for c in doc["criteria"] if c["status"] not in ("met", "not_applicable")]
    assert [r["ruleId"] for r in run["results"]] == [c["id"] for c in not_met]
    for result, criterion in zip(run["results"], not_met, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == LEVELS[criterion["severity"]]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": doc["manifest"], "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {"startLine": criterion["location"]["line"], "startColumn": criterion["location"]["column"]}
        line = (ROOT / doc["manifest"]).read_text().splitlines()[location["region"]["startLine"] - 1]
        assert (
            line[location["region"]["startColumn"] - 1 :].startswith(criterion["field"].split(".")[-1] + ":")
            or criterion["status"] == "unanswered"
        )


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


def _repository(tmp_path, manifest_text: str):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "ml" / "fraud").mkdir(parents=True)
    (repo / "ml" / "fraud" / "readiness.yaml").write_text(manifest_text, encoding="utf-8")
    return repo


def test_uris_are_relative_to_the_repository_root_from_a_subfolder(tmp_path):
    from conftest import run_cli

    repo = _repository(tmp_path, (ROOT / "examples" / "early-pilot.yaml").read_text(encoding="utf-8"))
    result = run_cli("assess", "readiness.yaml", "-f", "sarif", "--no-config", cwd=repo / "ml" / "fraud")
    run = check(result.stdout)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"ml/fraud/readiness.yaml"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"]} == {"%SRCROOT%"}


def test_stdin_results_name_the_field_not_a_file():
    from conftest import run_cli

    result = run_cli(
        "assess", "-", "-f", "sarif", "--no-config", input=(ROOT / "examples" / "early-pilot.yaml").read_text(encoding="utf-8")
    )
    run = check(result.stdout)["runs"][0]
    for r in run["results"]:
        (location,) = r["locations"]
        assert "physicalLocation" not in location
        assert (
            location["logicalLocations"][0]["fullyQualifiedName"] == run["tool"]["driver"]["rules"][r["ruleIndex"]]["properties"]["field"]
        )


def test_fingerprints_help_and_version_for_code_scanning():
    log = check(render_example(EXAMPLES[0], "sarif"))
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["semanticVersion"] == driver["version"]
    fingerprints = [r["partialFingerprints"]["readinessCriterion/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints) and all(len(f) == 64 for f in fingerprints)
    for rule in driver["rules"]:
        assert rule["help"]["markdown"].startswith("**How to meet it:** ")
        assert "**Why it matters:**" in rule["help"]["markdown"] and f"`{rule['properties']['field']}`" in rule["help"]["markdown"]


def test_fingerprints_survive_lines_moving(tmp_path):
    text = (ROOT / "examples" / "early-pilot.yaml").read_text(encoding="utf-8")
    manifest = _write(tmp_path / "a" / "readiness.yaml", text)
    before = api.assess_file(manifest)
    manifest.write_text("# a new comment\n\n" + text, encoding="utf-8")
    after = api.assess_file(manifest)
    first = [r["partialFingerprints"] for r in json.loads(api.render(before, "sarif"))["runs"][0]["results"]]
    second = json.loads(api.render(after, "sarif"))["runs"][0]["results"]
    assert first == [r["partialFingerprints"] for r in second]
    assert second[0]["locations"][0]["physicalLocation"]["region"]["startLine"] > 2


def _write(path, text):
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_section_is_placed_where_it_belongs(tmp_path):
    manifest = _write(
        tmp_path / "m" / "readiness.yaml",
        "version: 1\nproject:\n  name: x\n  stage: pilot\ndata:\n  validation: manual\nsecurity:\n  privilege: broad\n",
    )
    report = api.assess_file(manifest).report
    lines = {}
    for c in report["criteria"]:
        lines.setdefault(c["field"].split(".")[0], set()).add(c["location"]["line"])
    assert lines["deployment"] == lines["monitoring"] == lines["interoperability"] == {7}, "before the next section present"
    assert lines["organization"] == lines["kpis"] == {8}, "after the last line when no section follows"
    assert all(1 not in found for found in lines.values())
