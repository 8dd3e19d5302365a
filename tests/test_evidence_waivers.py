"""Waivers (owned, time-boxed exceptions) and evidence (claims backed by files)."""

import datetime as dt
import json

import pytest

import fixture
from conftest import run_cli
from fixture import PILOT, RUBRIC
from readiness import api
from readiness.common.errors import InputError

PILOT_TEXT = PILOT.read_text()
APPENDED = PILOT_TEXT.count("\n") + 2  # the line of the first entry of a section appended to the pilot


def write_manifest(folder, extra: str) -> str:
    """The fixture pilot in a repository (for evidence paths), with `extra` appended; assess it with RUBRIC."""
    (folder / ".git").mkdir(exist_ok=True)
    path = folder / "ml" / "readiness.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PILOT_TEXT + extra)
    return str(path)


WAIVERS = """
waivers:
  - {id: ops.drift, reason: drift tooling scheduled, owner: CISO office, expires: 2026-12-31}
  - {id: delivery.automation, reason: legacy exemption, owner: CISO office, expires: 2025-01-01}
  - {id: ops.owner, reason: not needed, owner: CTO, expires: 2030-01-01}
"""


def test_waivers_unblock_without_raising_the_score(tmp_path):
    path = write_manifest(tmp_path, WAIVERS)
    report = api.assess_file(path, RUBRIC, today=dt.date(2026, 11, 23)).report
    assert report["score"] == fixture.PILOT_SCORE
    assert [w["state"] for w in report["waivers"]] == ["active", "expired", "not_needed"]
    statuses = {c["id"]: c["status"] for c in report["criteria"]}
    assert statuses["ops.drift"] == "waived"
    assert statuses["delivery.automation"] == "partial"
    assert statuses["ops.owner"] == "met"
    assert [b["id"] for b in report["blockers"]] == ["delivery.automation"]
    assert "ops.drift" not in [s["id"] for p in report["roadmap"] for s in p["steps"]]


def test_waiver_expiry_follows_as_of(tmp_path):
    path = write_manifest(tmp_path, WAIVERS)
    later = api.assess_file(path, RUBRIC, today=dt.date(2027, 1, 1)).report
    assert [w["state"] for w in later["waivers"]][:2] == ["expired", "expired"]
    result = run_cli("assess", path, "--rubric", RUBRIC, "-f", "json", "--as-of", "2026-12-31")
    assert json.loads(result.stdout)["waivers"][0]["state"] == "active"
    epoch = int(dt.datetime(2027, 6, 1, tzinfo=dt.UTC).timestamp())
    result = run_cli("assess", path, "--rubric", RUBRIC, "-f", "json", env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert json.loads(result.stdout)["waivers"][0]["state"] == "expired"


def test_waiver_for_unknown_criterion_is_an_error(tmp_path):
    path = write_manifest(tmp_path, "waivers:\n  - {id: ops.drfit, reason: r, owner: o, expires: 2030-01-01}\n")
    with pytest.raises(InputError) as caught:
        api.assess_file(path, RUBRIC)
    assert str(caught.value) == (
        f"error: {path}:{APPENDED}:10: waiver for unknown criterion 'ops.drfit' in rubric fixture\n  hint: did you mean 'ops.drift'?"
    )


def test_bad_as_of_is_a_usage_error():
    result = run_cli("assess", "examples/early-pilot.yaml", "--as-of", "next week")
    assert result.returncode == 2 and "--as-of 'next week' is not a date" in result.stderr


EVIDENCE = """
evidence:
  deployment.experiment_tracking: [ci/*.yml]
  kpis.p95_latency_ms: [ops/dashboard.json, "https://grafana.example/d/fraud"]
  data.validation: [ci/validate.yml]
"""


def test_missing_evidence_earns_no_credit(tmp_path):
    path = write_manifest(tmp_path, EVIDENCE)
    (tmp_path / "ml" / "ci").mkdir()
    (tmp_path / "ml" / "ci" / "train.yml").write_text("on: push\n")
    unverified = api.assess_file(path, RUBRIC).report
    assert unverified["verification"] is None
    report = api.assess_file(path, RUBRIC, verify_evidence=True).report
    verification = report["verification"]
    assert verification["claimed_score"] == unverified["score"] == fixture.PILOT_SCORE
    ids = [u["id"] for u in verification["unverified"]]
    # latency and validation: a referenced file is missing; automation is a claim (partial) of a criterion
    # for which the rubric requires evidence and none is given; tracking's glob matches ci/train.yml
    assert ids == ["delivery.validation", "delivery.automation", "value.latency"]
    verified = fixture.overall_score(fixture.PILOT_CREDITS | dict.fromkeys(ids, 0.0))
    assert verification["verified_score"] == report["score"] == verified < unverified["score"]
    missing = {u["id"]: u["missing"] for u in verification["unverified"]}
    assert missing["value.latency"] == ["ops/dashboard.json"]
    assert missing["delivery.validation"] == ["ci/validate.yml"]
    refs = {(r["ref"], r["found"]) for r in verification["references"]}
    assert ("ci/*.yml", True) in refs and ("https://grafana.example/d/fraud", True) in refs
    assert {c["id"]: c["status"] for c in report["criteria"]}["delivery.tracking"] == "met"


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
        api.assess_file(path, RUBRIC, verify_evidence=True)
    assert message in str(caught.value)
    assert f"{path}:{APPENDED}:32:" in str(caught.value)


def test_cli_and_configuration_turn_verification_on(tmp_path):
    path = write_manifest(tmp_path, EVIDENCE)
    flag = json.loads(run_cli("assess", path, "--rubric", RUBRIC, "-f", "json", "--verify-evidence").stdout)
    assert flag["verification"]["verified_score"] == flag["score"] < fixture.PILOT_SCORE
    (tmp_path / ".readiness.yaml").write_text("verify_evidence: true\n")
    configured = json.loads(run_cli("assess", path, "--rubric", RUBRIC, "-f", "json", cwd=tmp_path).stdout)
    assert configured["verification"] == flag["verification"]


def test_evidence_for_unknown_field_is_an_error(tmp_path):
    path = write_manifest(tmp_path, "evidence:\n  monitoring.drift: [a.yml]\n")
    with pytest.raises(InputError) as caught:
        api.assess_file(path, RUBRIC)
    assert str(caught.value) == (
        f"error: {path}:{APPENDED}:3: evidence for unknown field 'monitoring.drift'\n  hint: did you mean 'monitoring.drift_detection'?"
    )


@pytest.mark.parametrize("format", ["text", "markdown", "html", "json", "junit", "sarif"])
def test_every_format_shows_unverified_claims_and_waivers(tmp_path, format):
    from readiness.reports.options import RenderOptions

    path = write_manifest(tmp_path, EVIDENCE + WAIVERS)
    outcome = api.assess_file(path, RUBRIC, verify_evidence=True, today=dt.date(2026, 11, 23))
    text = api.render(outcome, format, RenderOptions())
    assert "ops/dashboard.json" in text, "the missing evidence path is named"
    assert "drift tooling scheduled" in text, "the active waiver and its reason are shown"


def test_evidence_in_a_symlink_loop_is_an_input_error(tmp_path):
    path = write_manifest(tmp_path, "evidence:\n  monitoring.service_metrics: ['ci/*']\n")
    ci = tmp_path / "ml" / "ci"
    ci.mkdir()
    (ci / "loop1").symlink_to("loop2")
    (ci / "loop2").symlink_to("loop1")
    with pytest.raises(InputError, match="symlink loop"):
        api.assess_file(path, RUBRIC, verify_evidence=True)
