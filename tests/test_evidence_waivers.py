"""Waivers (owned, time-boxed exceptions) and evidence (claims backed by files)."""

import datetime as dt
import json

import pytest

from conftest import ROOT, run_cli
from readiness import api
from readiness.common.errors import InputError

HARDENING = (ROOT / "examples" / "production-hardening.yaml").read_text()


def write_manifest(folder, extra: str) -> str:
    (folder / ".git").mkdir(exist_ok=True)
    path = folder / "ml" / "readiness.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HARDENING + extra)
    return str(path)


WAIVERS = """
waivers:
  - {id: security.least_privilege, reason: IAM rework scheduled, owner: CISO office, expires: 2026-12-31}
  - {id: gov.access_policy, reason: legacy exemption, owner: CISO office, expires: 2025-01-01}
  - {id: org.accountable_owner, reason: not needed, owner: CTO, expires: 2030-01-01}
"""


def test_waivers_unblock_without_raising_the_score(tmp_path):
    path = write_manifest(tmp_path, WAIVERS)
    baseline = api.assess_file(ROOT / "examples" / "production-hardening.yaml").report
    report = api.assess_file(path, today=dt.date(2026, 11, 23)).report
    assert report["score"] == baseline["score"]
    assert [w["state"] for w in report["waivers"]] == ["active", "expired", "not_needed"]
    statuses = {c["id"]: c["status"] for c in report["criteria"]}
    assert statuses["security.least_privilege"] == "waived"
    assert statuses["gov.access_policy"] == "partial"
    assert statuses["org.accountable_owner"] == "met"
    assert [b["id"] for b in report["blockers"]] == ["deploy.automation", "monitor.drift_detection", "gov.access_policy", "gov.lineage"]
    assert "security.least_privilege" not in [s["id"] for p in report["roadmap"] for s in p["steps"]]


def test_waiver_expiry_follows_as_of(tmp_path):
    path = write_manifest(tmp_path, WAIVERS)
    later = api.assess_file(path, today=dt.date(2027, 1, 1)).report
    assert [w["state"] for w in later["waivers"]][:2] == ["expired", "expired"]
    result = run_cli("assess", path, "-f", "json", "--as-of", "2026-12-31")
    assert json.loads(result.stdout)["waivers"][0]["state"] == "active"
    epoch = int(dt.datetime(2027, 6, 1, tzinfo=dt.timezone.utc).timestamp())
    result = run_cli("assess", path, "-f", "json", env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert json.loads(result.stdout)["waivers"][0]["state"] == "expired"


def test_waiver_for_unknown_criterion_is_an_error(tmp_path):
    path = write_manifest(tmp_path, "waivers:\n  - {id: security.least_privlege, reason: r, owner: o, expires: 2030-01-01}\n")
    with pytest.raises(InputError) as caught:
        api.assess_file(path)
    assert str(caught.value) == (
        f"error: {path}:125:10: waiver for unknown criterion 'security.least_privlege' in rubric default\n"
        "  hint: did you mean 'security.least_privilege'?"
    )


def test_bad_as_of_is_a_usage_error():
    result = run_cli("assess", "examples/early-pilot.yaml", "--as-of", "next week")
    assert result.returncode == 2 and "--as-of 'next week' is not a date" in result.stderr


EVIDENCE = """
evidence:
  deployment.experiment_tracking: [ci/*.yml]
  monitoring.service_metrics: [ops/dashboard.json, "https://grafana.example/d/fraud"]
  data.validation: [ci/validate.yml]
"""


def test_missing_evidence_earns_no_credit(tmp_path):
    path = write_manifest(tmp_path, EVIDENCE)
    (tmp_path / "ml" / "ci").mkdir()
    (tmp_path / "ml" / "ci" / "train.yml").write_text("on: push\n")
    unverified = api.assess_file(path).report
    assert unverified["verification"] is None
    report = api.assess_file(path, verify_evidence=True).report
    verification = report["verification"]
    assert verification["claimed_score"] == unverified["score"]
    assert verification["verified_score"] == report["score"] < unverified["score"]
    ids = [u["id"] for u in verification["unverified"]]
    # service metrics: a referenced file is missing; the others are claims (met or partial) of criteria
    # for which the rubric requires evidence and none is given
    assert ids == ["data.validation", "deploy.model_registry", "deploy.automation", "monitor.drift_detection", "monitor.service_metrics"]
    missing = {u["id"]: u["missing"] for u in verification["unverified"]}
    assert missing["monitor.service_metrics"] == ["ops/dashboard.json"]
    assert missing["data.validation"] == ["ci/validate.yml"]
    refs = {(r["ref"], r["found"]) for r in verification["references"]}
    assert ("ci/*.yml", True) in refs and ("https://grafana.example/d/fraud", True) in refs
    assert {c["id"]: c["status"] for c in report["criteria"]}["deploy.experiment_tracking"] == "met"


@pytest.mark.parametrize(
    "ref, message",
    [
        ("/etc/passwd", "evidence path '/etc/passwd' is absolute"),
        ("../../../outside.yml", "evidence path '../../../outside.yml' leaves the repository"),
        ("link/secret.txt", "resolves outside the repository through a symlink"),
    ],
)
def test_evidence_may_not_leave_the_repository(tmp_path, ref, message):
    repo = tmp_path / "repo"
    repo.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    path = write_manifest(repo, f"evidence:\n  monitoring.service_metrics: ['{ref}']\n")
    (repo / "ml" / "link").symlink_to(outside)
    with pytest.raises(InputError) as caught:
        api.assess_file(path, verify_evidence=True)
    assert message in str(caught.value)
    assert f"{path}:125:32:" in str(caught.value)


def test_cli_and_configuration_turn_verification_on(tmp_path):
    path = write_manifest(tmp_path, EVIDENCE)
    flag = json.loads(run_cli("assess", path, "-f", "json", "--verify-evidence").stdout)
    assert flag["verification"]["verified_score"] == flag["score"]
    (tmp_path / ".readiness.yaml").write_text("verify_evidence: true\n")
    configured = json.loads(run_cli("assess", path, "-f", "json", cwd=tmp_path).stdout)
    assert configured["verification"] == flag["verification"]


def test_evidence_for_unknown_field_is_an_error(tmp_path):
    path = write_manifest(tmp_path, "evidence:\n  monitoring.drift: [a.yml]\n")
    with pytest.raises(InputError) as caught:
        api.assess_file(path)
    assert str(caught.value) == (
        f"error: {path}:125:3: evidence for unknown field 'monitoring.drift'\n  hint: did you mean 'monitoring.drift_detection'?"
    )


@pytest.mark.parametrize("format", ["text", "markdown", "html", "json", "junit", "sarif"])
def test_every_format_shows_unverified_claims_and_waivers(tmp_path, format):
    from readiness.reports.options import RenderOptions

    path = write_manifest(tmp_path, EVIDENCE + WAIVERS)
    outcome = api.assess_file(path, verify_evidence=True, today=dt.date(2026, 11, 23))
    text = api.render(outcome, format, RenderOptions())
    assert "ops/dashboard.json" in text, "the missing evidence path is named"
    assert "IAM rework scheduled" in text, "the active waiver and its reason are shown"


def test_evidence_in_a_symlink_loop_is_an_input_error(tmp_path):
    path = write_manifest(tmp_path, "evidence:\n  monitoring.service_metrics: ['ci/*']\n")
    ci = tmp_path / "ml" / "ci"
    ci.mkdir()
    (ci / "loop1").symlink_to("loop2")
    (ci / "loop2").symlink_to("loop1")
    with pytest.raises(InputError, match="symlink loop"):
        api.assess_file(path, verify_evidence=True)
