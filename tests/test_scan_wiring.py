"""`assess --scan`: each claim against the manifest's repository, in every format, with its gate."""

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_cli

TESTS_ONLY_CI = """name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pytest -q
"""
HAND_DEPLOY = "#!/bin/sh\nkubectl apply -f k8s/\n"
DRIFT_MONITOR = """from evidently.report import Report
from evidently.metric_preset import DataDriftPreset


def check(reference, current):
    report = Report(metrics=[DataDriftPreset()])
    report.run(reference_data=reference, current_data=current)
    return report
"""
MANIFEST = """version: 1
project:
  name: Scan fixture
  stage: pilot
  serves_predictions: true
  uses_generative_ai: false
deployment:
  automation: ci_cd
monitoring:
  drift_detection: automated
business_value:
  success_metrics: defined
"""


def build(root: Path, *, deploy_script: bool = True, manifest_dir: str = ".", extra: str = "") -> Path:
    """A repository whose CI only runs tests while the manifest claims ci_cd, and whose code monitors drift."""
    (root / ".github" / "workflows").mkdir(parents=True)  # also creates root
    (root / ".github" / "workflows" / "ci.yml").write_text(TESTS_ONLY_CI)
    (root / "src").mkdir()
    (root / "src" / "monitor.py").write_text(DRIFT_MONITOR)
    if deploy_script:
        (root / "deploy.sh").write_text(HAND_DEPLOY)
    folder = root / manifest_dir
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "readiness.yaml"
    manifest.write_text(MANIFEST + extra)
    return manifest


def claims(report: dict) -> dict[str, dict]:
    return {c["field"]: c for c in report["scan"]["claims"]}


def assess(manifest: Path, *args: str, cwd: Path | None = None):
    """Run from ``cwd`` (default: the manifest's folder) with the manifest's path relative to it, as CI does."""
    cwd = cwd or manifest.parent
    return run_cli("assess", os.path.relpath(manifest, cwd), *args, cwd=cwd)


def test_scan_section_marks_each_claim_with_its_evidence(tmp_path):
    manifest = build(tmp_path)
    done = assess(manifest, "--scan", "-f", "json")
    assert done.returncode == 0, done.stderr
    scan = json.loads(done.stdout)["scan"]
    assert scan["repository"] == "."
    assert scan["mode"] == "walk"
    found = claims({"scan": scan})
    assert found["deployment.automation"]["status"] == "contradicted"
    assert found["deployment.automation"]["evidence"][0] | {"detector": None} == {
        "path": "deploy.sh",
        "line": 2,
        "cell": None,
        "excerpt": "kubectl apply -f k8s/",
        "detector": None,
    }
    drift = found["monitoring.drift_detection"]
    assert drift["status"] == "observed" and drift["evidence"][0]["path"] == "src/monitor.py"
    assert found["business_value.success_metrics"]["status"] == "not_checked"
    assert found["business_value.success_metrics"]["evidence"] == []
    assert scan["counts"] == {"observed": 1, "not_observed": 0, "contradicted": 1, "not_checked": 1}


def test_claims_follow_rubric_order(tmp_path):
    from readiness.rubric.load import load_rubric

    manifest = build(tmp_path)
    report = json.loads(assess(manifest, "--scan", "-f", "json").stdout)
    order = [c.spec.id for c in load_rubric(None).criteria]
    listed = [c["criterion"] for c in report["scan"]["claims"]]
    assert listed == sorted(listed, key=order.index)


def test_a_tests_only_workflow_alone_does_not_observe_ci_cd(tmp_path):
    manifest = build(tmp_path, deploy_script=False)
    report = json.loads(assess(manifest, "--scan", "-f", "json").stdout)
    assert claims(report)["deployment.automation"]["status"] == "not_observed"


def test_without_scan_no_section(tmp_path):
    manifest = build(tmp_path)
    report = json.loads(assess(manifest, "-f", "json").stdout)
    assert "scan" not in report
    assert "Evidence from the repository" not in assess(manifest, "-f", "markdown").stdout
    assert "Evidence from the repository" not in assess(manifest).stdout


def test_gate_fails_on_contradiction_naming_the_criterion(tmp_path):
    manifest = build(tmp_path)
    done = assess(manifest, "--scan", "--fail-on-contradiction", "-f", "json")
    assert done.returncode == 1
    gate = json.loads(done.stdout)["gate"]
    assert gate["passed"] is False and gate["fail_on_contradiction"] is True
    assert gate["failures"] == ["the repository contradicts 1 claim: deploy.automation"]
    assert "deploy.automation" in done.stderr or "deploy.automation" in done.stdout


def test_gate_passes_when_nothing_is_contradicted(tmp_path):
    manifest = build(tmp_path, deploy_script=False)
    assert assess(manifest, "--scan", "--fail-on-contradiction").returncode == 0


def test_gate_needs_scan(tmp_path):
    manifest = build(tmp_path)
    done = assess(manifest, "--fail-on-contradiction")
    assert done.returncode == 2
    assert "--fail-on-contradiction needs --scan" in done.stderr and "Traceback" not in done.stderr


def test_text_block(tmp_path):
    out = assess(build(tmp_path), "--scan").stdout
    block = out[out.index("Evidence from the repository") :]
    assert "1 observed, 0 not observed, 1 contradicted, 1 not checked" in block
    assert "deployment.automation = ci_cd  contradicted" in block and "deploy.sh:2: kubectl apply -f k8s/" in block
    assert "business_value.success_metrics = defined  not checked: no detector looks at this field" in block


def test_markdown_and_html_sections(tmp_path):
    manifest = build(tmp_path)
    markdown = assess(manifest, "--scan", "-f", "markdown").stdout
    assert "## Evidence from the repository" in markdown
    assert "| deploy.automation | deployment.automation | ci_cd | contradicted | deploy.sh:2 kubectl apply -f k8s/ |" in markdown
    assert (
        "| value.success_metrics | business_value.success_metrics | defined | not checked | no detector looks at this field |" in markdown
    )
    html = assess(manifest, "--scan", "-f", "html").stdout
    assert '<h2 id="scan">Evidence from the repository</h2>' in html
    assert '<span class="badge scan-contradicted">contradicted</span>' in html
    assert "<code>src/monitor.py:6</code>" in html


def test_sarif_contradiction_on_the_manifest_line_with_related_evidence(tmp_path):
    manifest = build(tmp_path)
    log = json.loads(assess(manifest, "--scan", "-f", "sarif").stdout)
    results = [r for r in log["runs"][0]["results"] if r.get("properties", {}).get("scan") == "contradicted"]
    assert len(results) == 1
    result = results[0]
    assert result["ruleId"] == "deploy.automation" and result["level"] == "error"
    line = MANIFEST.splitlines().index("  automation: ci_cd") + 1
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == line
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "deploy.sh" and related["region"] == {"startLine": 2}
    assert "readinessContradiction/v1" in result["partialFingerprints"]
    plain = json.loads(assess(manifest, "-f", "sarif").stdout)
    assert not [r for r in plain["runs"][0]["results"] if "scan" in r.get("properties", {})]


def test_junit_repository_evidence_suite(tmp_path):
    manifest = build(tmp_path)
    ungated = ET.fromstring(assess(manifest, "--scan", "-f", "junit").stdout)
    suite = next(s for s in ungated.iter("testsuite") if s.get("name") == "Repository evidence")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "0", "1")  # no gate: a note, not red
    contradicted = next(c for c in suite.iter("testcase") if c.get("name").startswith("deploy.automation"))
    assert contradicted.find("failure") is None and "contradicted" in contradicted.find("system-out").text
    xml = assess(manifest, "--scan", "--fail-on-contradiction", "-f", "junit").stdout
    root = ET.fromstring(xml)
    suite = next(s for s in root.iter("testsuite") if s.get("name") == "Repository evidence")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "1")
    cases = {c.get("name").split(":")[0]: c for c in suite.iter("testcase")}
    assert cases["deploy.automation"].find("failure") is not None
    assert cases["monitor.drift_detection"].find("failure") is None and cases["monitor.drift_detection"].find("skipped") is None
    assert cases["value.success_metrics"].find("skipped").get("message") == "not checked: no detector looks at this field"
    totals = sum(int(s.get("failures")) for s in root.iter("testsuite") if s.get("name") != "Gate")
    assert int(root.get("failures")) >= 1 and totals >= 1


def test_not_observed_is_skipped_in_junit(tmp_path):
    root = ET.fromstring(assess(build(tmp_path, deploy_script=False), "--scan", "-f", "junit").stdout)
    suite = next(s for s in root.iter("testsuite") if s.get("name") == "Repository evidence")
    case = next(c for c in suite.iter("testcase") if c.get("name").startswith("deploy.automation"))
    assert case.find("skipped").get("message").startswith("not observed: ")


def test_verify_evidence_counts_an_observed_claim(tmp_path):
    extra = "evidence:\n  monitoring.drift_detection: [docs/drift-runbook.md]\n"
    manifest = build(tmp_path, extra=extra)
    alone = json.loads(assess(manifest, "--verify-evidence", "-f", "json").stdout)
    assert "monitor.drift_detection" in [u["id"] for u in alone["verification"]["unverified"]]
    scanned = json.loads(assess(manifest, "--verify-evidence", "--scan", "-f", "json").stdout)
    assert "monitor.drift_detection" not in [u["id"] for u in scanned["verification"]["unverified"]]
    assert scanned["verification"]["verified_score"] > alone["verification"]["verified_score"]


@pytest.mark.parametrize("format", ["json", "text", "markdown", "html", "sarif", "junit"])
def test_same_inputs_same_bytes_from_anywhere(tmp_path, format):
    first, second = tmp_path / "a" / "repo", tmp_path / "b" / "elsewhere" / "repo"
    outputs = []
    for root in (first, second):
        manifest = build(root)
        outputs.append(assess(manifest, "--scan", "-f", format, cwd=root.parent).stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0] == assess(build(tmp_path / "c" / "repo"), "--scan", "-f", format, cwd=tmp_path / "c").stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_manifest_in_a_subfolder_scans_the_work_tree_root(tmp_path):
    manifest = build(tmp_path, manifest_dir="ml/service")
    env = {
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True, env=env)
    report = json.loads(assess(manifest, "--scan", "-f", "json").stdout)
    assert report["scan"]["repository"] == "../.."
    assert report["scan"]["mode"] == "git-index"
    assert claims(report)["deployment.automation"]["status"] == "contradicted"
    log = json.loads(assess(manifest, "--scan", "-f", "sarif").stdout)
    result = next(r for r in log["runs"][0]["results"] if r.get("properties", {}).get("scan"))
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "ml/service/readiness.yaml"
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "deploy.sh", "uriBaseId": "%SRCROOT%"}


def test_api_scan_claims_and_gate(tmp_path):
    from readiness import api
    from readiness.scoring.gate import Gate

    manifest = build(tmp_path)
    outcome = api.assess_file(manifest, None, Gate(fail_on_contradiction=True), scan=True)
    assert not outcome.gate.passed and outcome.gate.failures == ("the repository contradicts 1 claim: deploy.automation",)
    assert api.assess_file(manifest, None, Gate(fail_on_contradiction=True)).gate.passed


def test_manifest_from_stdin_scans_the_working_folder(tmp_path):
    build(tmp_path)
    done = run_cli("assess", "-", "--scan", "-f", "sarif", input=MANIFEST, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = next(r for r in json.loads(done.stdout)["runs"][0]["results"] if r.get("properties", {}).get("scan"))
    assert result["locations"] == [{"logicalLocations": [{"fullyQualifiedName": "deployment.automation", "kind": "member"}]}]
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "deploy.sh", "uriBaseId": "%SRCROOT%"}
