"""Defects found in review, each pinned by a test."""

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from fixture import PILOT, PILOT_SCORE, RUBRIC
from readiness import api
from readiness.common.errors import InputError
from readiness.rubric.load import load_rubric
from test_evidence_waivers import write_manifest

HARDENING = ROOT / "examples" / "production-hardening.yaml"
CLAIMS = ROOT / "examples" / "organization" / "claims-triage.yaml"
HEALTH = ROOT / "rubrics" / "health-regulated.yaml"


def test_output_through_a_symlink_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run_cli("assess", PILOT, "--rubric", RUBRIC, "-o", link).returncode == 0
    assert link.is_symlink()
    assert json.loads(real.read_text())["score"] == PILOT_SCORE


def test_output_to_a_fifo_is_written_through(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []

    def read() -> None:
        with open(fifo) as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    assert run_cli("assess", PILOT, "--rubric", RUBRIC, "-f", "json", "-o", fifo).returncode == 0
    reader.join(10)
    assert json.loads(received[0])["score"] == PILOT_SCORE
    assert fifo.exists() and not fifo.is_file()


def test_portfolio_checks_extensions_and_waivers_like_assess(tmp_path):
    from readiness.portfolio.run import assess_one

    rubric = load_rubric(HEALTH)
    none = tmp_path / "none.yaml"
    none.write_text(CLAIMS.read_text().replace("risk_analysis: completed", "risk_analysis: none"))
    assert assess_one(none, rubric).score == api.assess_file(none, rubric).assessment.score
    typo = tmp_path / "typo.yaml"
    typo.write_text(CLAIMS.read_text().replace("audit_log_retention_days: 365", "audit_log_retention_days: abc"))
    assert "extensions.audit_log_retention_days: expected a number" in assess_one(typo, rubric).error
    waiver = tmp_path / "waiver.yaml"
    waiver.write_text(HARDENING.read_text() + "waivers:\n  - {id: no.such, reason: r, owner: o, expires: 2030-01-01}\n")
    assert "waiver for unknown criterion 'no.such'" in assess_one(waiver, load_rubric()).error


def test_unwritable_job_summary_keeps_the_gate_exit_code(tmp_path):
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "missing" / "summary.md")}
    result = run_cli("assess", HARDENING, "-q", "--min-score", "99", "--no-config", env=env)
    assert result.returncode == 1
    assert "warning: cannot append the report to GITHUB_STEP_SUMMARY" in result.stderr


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda r: r.update(score="x"), "score: input should be a valid number, got 'x'"),
        (lambda r: r["dimensions"][0].update(score="x"), "dimensions.0.score: input should be a valid number, got 'x'"),
        (lambda r: r["criteria"][0].update(credit="a"), "criteria.0.credit: input should be a valid number, got 'a'"),
        (lambda r: r["criteria"][0].update(status=5), "criteria.0.status: input should be 'met', "),
        (lambda r: r["criteria"][0].update(status="great"), "got 'great'"),
        (lambda r: r["criteria"][0].update(id=["x"]), "criteria.0.id: input should be a valid string, got a list"),
    ],
)
def test_odd_baselines_are_input_errors(tmp_path, edit, message):
    report = api.assess_file(HARDENING).report
    edit(report)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(report))
    result = run_cli("assess", HARDENING, "-q", "--baseline", baseline)
    assert result.returncode == 2
    assert message in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize(
    "extensions, message",
    [
        ("  odd: {type: level, values: [_x_, b]}\n", "extensions.odd.values.0"),
        ("  odd: {type: level, values: [mro, mro]}\n", "'values' must not repeat a value"),
    ],
)
def test_extension_level_values_are_identifiers(tmp_path, extensions, message):
    path = tmp_path / "org.yaml"
    path.write_text("extends: default\nid: org\nversion: '1'\ntitle: Org\nextensions:\n" + extensions)
    with pytest.raises(InputError, match=message.replace("[", "\\[").replace(".", "\\.")):
        load_rubric(path)


def test_level_values_that_are_python_names_work(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "extends: default\nid: org\nversion: '1'\ntitle: Org\nextensions:\n  review: {type: level, values: [mro, name, value]}\n"
    )
    rubric = load_rubric(path)
    assert [m.value for m in rubric.extension_enums["review"]] == ["mro", "name", "value"]


def test_extends_with_a_nul_character_is_an_input_error(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text('extends: "a\\0b"\nid: org\nversion: "1"\ntitle: Org\n')
    with pytest.raises(InputError):
        load_rubric(path)


def test_pyproject_whose_tool_is_not_a_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n# [tool.readiness]\n")
    result = run_cli("assess", HARDENING, "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_waiver_never_raises_the_verified_score(tmp_path):
    without = Path(write_manifest(tmp_path, ""))
    base = api.assess_file(without, RUBRIC, verify_evidence=True).report["score"]
    with_waiver = tmp_path / "waived.yaml"
    with_waiver.write_text(without.read_text() + "waivers:\n  - {id: delivery.automation, reason: r, owner: o, expires: 2030-01-01}\n")
    report = api.assess_file(with_waiver, RUBRIC, verify_evidence=True).report
    assert report["score"] == base
    assert {c["id"]: c["status"] for c in report["criteria"]}["delivery.automation"] == "waived"


def test_two_waivers_for_one_criterion_are_refused(tmp_path):
    """Issue 16: duplicate waivers passed silently; the manifest holds the current waiver, git its history."""
    from readiness.common.errors import InputError

    path = write_manifest(
        tmp_path,
        "waivers:\n"
        "  - {id: delivery.automation, reason: a, owner: o, expires: 2030-01-01}\n"
        "  - {id: delivery.automation, reason: b, owner: o, expires: 2031-01-01}\n",
    )
    with pytest.raises(InputError, match=r"criterion 'delivery.automation' is waived twice \(first on line \d+\)"):
        api.assess_file(path, RUBRIC)


def test_evidence_must_match_a_file_not_a_folder(tmp_path):
    path = write_manifest(tmp_path, "evidence:\n  monitoring.drift_detection: ['.']\n")
    report = api.assess_file(path, RUBRIC, verify_evidence=True).report
    assert "ops.drift" in [u["id"] for u in report["verification"]["unverified"]]
