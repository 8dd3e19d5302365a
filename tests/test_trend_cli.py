"""`readiness diff` and the --baseline ratchet, through the installed command."""

import json

from conftest import ROOT, run_cli

HARDENING = ROOT / "examples" / "production-hardening.yaml"


def changed_copy(tmp_path, *replacements) -> str:
    text = HARDENING.read_text()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "now.yaml"
    path.write_text(text)
    return str(path)


def baseline(tmp_path) -> str:
    path = tmp_path / "baseline.json"
    assert run_cli("assess", HARDENING, "-f", "json", "-o", path).returncode == 0
    return str(path)


def test_ratchet_fails_on_a_regression_and_passes_on_progress(tmp_path):
    old = baseline(tmp_path)
    worse = changed_copy(tmp_path, ("privilege: scoped", "privilege: broad"))
    result = run_cli("assess", worse, "-q", "--baseline", old, "--fail-on-regression")
    assert result.returncode == 1
    assert "gate failed: regression against the baseline: overall score down" in result.stderr
    assert "security.least_privilege down: partial 50% → unmet" in result.stderr
    better = changed_copy(tmp_path, ("automation: scripted", "automation: ci_cd"))
    assert run_cli("assess", better, "-q", "--baseline", old, "--fail-on-regression").returncode == 0


def test_markdown_report_shows_the_trend(tmp_path):
    old = baseline(tmp_path)
    better = changed_copy(tmp_path, ("automation: scripted", "automation: ci_cd"))
    with_trend = run_cli("assess", better, "-f", "markdown", "--baseline", old).stdout
    without = run_cli("assess", better, "-f", "markdown").stdout
    assert with_trend != without
    assert "64.6" in with_trend and "Models are deployed through CI/CD" in with_trend


def test_regression_gate_needs_a_baseline():
    result = run_cli("assess", HARDENING, "--fail-on-regression")
    assert result.returncode == 2 and "--fail-on-regression needs --baseline" in result.stderr


def test_diff_command_formats_and_exit_codes(tmp_path):
    old = baseline(tmp_path)
    worse = changed_copy(tmp_path, ("privilege: scoped", "privilege: broad"))
    text = run_cli("diff", old, worse)
    assert text.returncode == 0 and "Readiness score   64.6 → " in text.stdout
    data = json.loads(run_cli("diff", old, worse, "-f", "json").stdout)
    assert data["schema_version"] == 1
    gated = run_cli("diff", old, worse, "--fail-on-regression")
    assert gated.returncode == 1 and "✗ security.least_privilege down" in gated.stdout and gated.stderr == ""  # said once
    gated_json = run_cli("diff", old, worse, "--fail-on-regression", "-f", "json")
    assert gated_json.returncode == 1 and "regression: " in gated_json.stderr
    same = run_cli("diff", old, HARDENING, "--fail-on-regression")
    assert same.returncode == 0


def test_diff_rejects_what_is_not_a_report(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run_cli("diff", bad, HARDENING)
    assert result.returncode == 2 and result.stderr.startswith(f"error: {bad}")
