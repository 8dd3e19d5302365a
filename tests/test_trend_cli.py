"""`readiness diff` and the --baseline ratchet, through the installed command, on the fixture pilot."""

import json

from conftest import run_cli
from fixture import PILOT, PILOT_SCORE, RUBRIC, pilot_copy

WORSE = ("drift_detection: manual", "drift_detection: none")
BETTER = ("automation: scripted", "automation: ci_cd")


def changed_copy(tmp_path, *replacements) -> str:
    return str(pilot_copy(tmp_path, *replacements, name="now.yaml"))


def baseline(tmp_path) -> str:
    path = tmp_path / "baseline.json"
    assert run_cli("assess", PILOT, "--rubric", RUBRIC, "-f", "json", "-o", path).returncode == 0
    return str(path)


def test_ratchet_fails_on_a_regression_and_passes_on_progress(tmp_path):
    old = baseline(tmp_path)
    worse = changed_copy(tmp_path, WORSE)
    result = run_cli("assess", worse, "--rubric", RUBRIC, "-q", "--baseline", old, "--fail-on-regression")
    assert result.returncode == 1
    assert "gate failed: regression against the baseline: overall score down" in result.stderr
    assert "ops.drift down: partial 50% → unmet" in result.stderr
    better = changed_copy(tmp_path, BETTER)
    assert run_cli("assess", better, "--rubric", RUBRIC, "-q", "--baseline", old, "--fail-on-regression").returncode == 0


def test_markdown_report_shows_the_trend(tmp_path):
    old = baseline(tmp_path)
    better = changed_copy(tmp_path, BETTER)
    with_trend = run_cli("assess", better, "--rubric", RUBRIC, "-f", "markdown", "--baseline", old).stdout
    without = run_cli("assess", better, "--rubric", RUBRIC, "-f", "markdown").stdout
    assert with_trend != without
    assert str(PILOT_SCORE) in with_trend and str(PILOT_SCORE) not in without
    assert "Models are deployed through CI/CD" in with_trend


def test_regression_gate_needs_a_baseline():
    result = run_cli("assess", PILOT, "--rubric", RUBRIC, "--fail-on-regression")
    assert result.returncode == 2 and "--fail-on-regression needs --baseline" in result.stderr


def test_diff_command_formats_and_exit_codes(tmp_path):
    old = baseline(tmp_path)
    worse = changed_copy(tmp_path, WORSE)
    text = run_cli("diff", old, worse, "--rubric", RUBRIC)
    assert text.returncode == 0 and f"Readiness score   {PILOT_SCORE} → " in text.stdout
    data = json.loads(run_cli("diff", old, worse, "--rubric", RUBRIC, "-f", "json").stdout)
    assert data["schema_version"] == 1 and data["new"]["rubric"]["id"] == "fixture"
    gated = run_cli("diff", old, worse, "--rubric", RUBRIC, "--fail-on-regression")
    assert gated.returncode == 1 and " down" in gated.stdout and gated.stderr == ""  # said once, in the text report
    gated_json = run_cli("diff", old, worse, "--rubric", RUBRIC, "--fail-on-regression", "-f", "json")
    assert gated_json.returncode == 1 and "regression: " in gated_json.stderr
    same = run_cli("diff", old, PILOT, "--rubric", RUBRIC, "--fail-on-regression")
    assert same.returncode == 0


def test_diff_rejects_what_is_not_a_report(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run_cli("diff", bad, PILOT)
    assert result.returncode == 2 and result.stderr.startswith(f"error: {bad}")
