"""`portfolio --scan`: every manifest's claims against its repository, one scan per repository, with its gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from readiness.portfolio.report import document
from readiness.portfolio.run import assess_many

TESTS_ONLY_CI = "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest -q\n"
HAND_DEPLOY = "#!/bin/sh\nkubectl apply -f k8s/\n"
DRIFT_MONITOR = (
    "from evidently.report import Report\nfrom evidently.metric_preset import DataDriftPreset\n\n\n"
    "def check(reference, current):\n    report = Report(metrics=[DataDriftPreset()])\n"
    "    report.run(reference_data=reference, current_data=current)\n    return report\n"
)


def manifest(name: str, automation: str) -> str:
    return (
        f"version: 1\nproject:\n  name: {name}\n  stage: pilot\n  serves_predictions: true\n  uses_generative_ai: false\n"
        f"deployment:\n  automation: {automation}\nmonitoring:\n  drift_detection: automated\n"
    )


def repository(root: Path, manifests: dict[str, str]) -> Path:
    """A repository whose CI only runs tests, deployed by a script a person runs, whose code monitors drift."""
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "ci.yml").write_text(TESTS_ONLY_CI)
    (root / "src").mkdir()
    (root / "src" / "monitor.py").write_text(DRIFT_MONITOR)
    (root / "deploy.sh").write_text(HAND_DEPLOY)
    for name, automation in manifests.items():
        (root / f"{name}.yaml").write_text(manifest(name, automation))
    return root


@pytest.fixture
def two_repositories(tmp_path) -> Path:
    repository(tmp_path / "claims-ci", {"overclaimed": "ci_cd", "honest": "scripted"})
    repository(tmp_path / "other", {"also-overclaimed": "ci_cd"})
    return tmp_path


def portfolio(folder: Path, *args: str):
    return run_cli("portfolio", ".", *args, cwd=folder)


def test_claims_are_counted_per_project_and_contradictions_listed(two_repositories):
    done = portfolio(two_repositories, "--scan", "-f", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["scan"] == {
        "repositories": 2,
        "claims": {"observed": 4, "not_observed": 0, "contradicted": 2, "not_checked": 0},
        "projects_with_contradictions": 2,
        "most_contradicted": [{"id": "deploy.automation", "title": "Models are deployed through CI/CD", "projects": 2}],
    }
    by_manifest = {entry["manifest"]: entry for entry in doc["contradictions"]}
    assert sorted(by_manifest) == ["claims-ci/overclaimed.yaml", "other/also-overclaimed.yaml"]
    assert by_manifest["claims-ci/overclaimed.yaml"]["repository"] == "claims-ci"
    assert [c["id"] for c in by_manifest["claims-ci/overclaimed.yaml"]["criteria"]] == ["deploy.automation"]
    scans = {entry["manifest"]: entry["scan"] for entry in doc["ranking"]}
    assert scans["claims-ci/honest.yaml"] == {"observed": 2, "not_observed": 0, "contradicted": 0, "not_checked": 0}


def test_without_scan_the_report_is_unchanged(two_repositories):
    doc = json.loads(portfolio(two_repositories, "-f", "json").stdout)
    assert "scan" not in doc and "contradictions" not in doc
    assert all("scan" not in entry for entry in doc["ranking"])


def test_each_repository_is_scanned_once(two_repositories, monkeypatch):
    import readiness.scan

    scanned, scan = [], readiness.scan.scan_repository
    monkeypatch.setattr("readiness.scan.scan_repository", lambda root, rubric=None: scanned.append(Path(root).name) or scan(root, rubric))
    assess_many(sorted(two_repositories.rglob("*.yaml")), workers=1, scan=True)
    assert sorted(scanned) == ["claims-ci", "other"]


def test_a_pool_of_workers_reports_what_one_process_does(two_repositories, monkeypatch):
    monkeypatch.chdir(two_repositories)
    paths = sorted(Path(".").rglob("*.yaml"))
    serial, parallel = (document(assess_many(paths, workers=n, scan=True)) for n in (1, 2))
    assert json.dumps(serial, default=list) == json.dumps(parallel, default=list)


def test_the_gate_fails_on_a_contradiction_and_needs_scan(tmp_path, two_repositories):
    done = portfolio(two_repositories, "--scan", "--fail-on-contradiction", "-q")
    assert done.returncode == 1
    assert "gate failed: the repositories contradict 2 claims in 2 projects" in done.stderr
    honest = repository(tmp_path / "honest-only", {"honest": "scripted"})
    assert portfolio(honest, "--scan", "--fail-on-contradiction", "-q").returncode == 0
    refused = portfolio(honest, "--fail-on-contradiction")
    assert refused.returncode == 2 and "--fail-on-contradiction needs --scan" in refused.stderr


def test_every_format_shows_the_evidence(two_repositories):
    markdown = portfolio(two_repositories, "--scan", "-f", "markdown").stdout
    assert "## Evidence from the repositories" in markdown
    assert "| overclaimed | claims-ci/overclaimed.yaml | claims-ci | Models are deployed through CI/CD (deploy.automation) |" in markdown
    html = portfolio(two_repositories, "--scan", "-f", "html").stdout
    assert '<h2 id="scan">Evidence from the repositories</h2>' in html
    text = portfolio(two_repositories, "--scan", "-f", "text").stdout
    assert "2 repositories scanned: 4 claims observed, 0 not observed, 2 contradicted, 0 not checked" in text


def test_an_observed_claim_counts_as_evidenced(two_repositories):
    """As `assess --verify-evidence --scan`: the drift monitor the scan found stands in for missing evidence paths."""
    alone = json.loads(portfolio(two_repositories, "--verify-evidence", "-f", "json").stdout)
    scanned = json.loads(portfolio(two_repositories, "--verify-evidence", "--scan", "-f", "json").stdout)
    assert scanned["verification"]["unverified_claims"] < alone["verification"]["unverified_claims"]
