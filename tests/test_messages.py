"""One error style, each failure said once, one line per file written, aliases and values as users write them."""

import json

import pytest

from conftest import ROOT, run_cli

EARLY = str(ROOT / "examples" / "early-pilot.yaml")
HARDENING = str(ROOT / "examples" / "production-hardening.yaml")


@pytest.mark.parametrize(
    "args, first, hint",
    [
        (["assess"], "error: missing argument 'MANIFEST'", "  hint: see: readiness assess --help"),
        (["asess", "x"], "error: no such command 'asess'", "  hint: did you mean 'assess'? (see: readiness --help)"),
        (
            ["assess", EARLY, "--frmat", "json"],
            "error: no such option: --frmat",
            "  hint: did you mean '--format'? (see: readiness assess --help)",
        ),
        (["diff", "a.json"], "error: missing argument 'NEW'", "  hint: see: readiness diff --help"),
        (["assess", EARLY, "--steps", "many"], "error: invalid value for '--steps'", "  hint: see: readiness assess --help"),
    ],
)
def test_usage_errors_read_like_every_other_error(args, first, hint):
    result = run_cli(*args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(first) and lines[1] == hint and len(lines) == 2, result.stderr
    assert "Usage:" not in result.stderr and "╭" not in result.stderr


def test_a_failed_gate_is_said_once():
    shown = run_cli("assess", EARLY, "--min-score", "50")
    assert shown.returncode == 1
    assert shown.stdout.count("Gate failed: score ") == 1 and "gate failed" not in shown.stderr.lower()
    quiet = run_cli("assess", EARLY, "--min-score", "50", "--quiet")
    assert quiet.stdout == "" and quiet.stderr.count("gate failed: score ") == 1
    as_json = run_cli("assess", EARLY, "--min-score", "50", "-f", "json")
    assert as_json.stderr.count("gate failed: score ") == 1


def test_a_regression_is_said_once(tmp_path):
    shown = run_cli("diff", HARDENING, EARLY, "--fail-on-regression")
    assert shown.returncode == 1 and "overall score down" in shown.stdout and shown.stderr == ""
    written = run_cli("diff", HARDENING, EARLY, "--fail-on-regression", "-o", tmp_path / "d.json")
    assert written.returncode == 1
    assert written.stderr.splitlines()[0] == f"wrote {tmp_path / 'd.json'} (json)"
    assert "regression: overall score down" in written.stderr


def test_a_portfolio_error_row_is_said_once(tmp_path):
    (tmp_path / "good.yaml").write_text((ROOT / "examples" / "early-pilot.yaml").read_text())
    (tmp_path / "bad.yaml").write_text("version: 1\nproject: {name: x, stage: alpha}\n")
    shown = run_cli("portfolio", tmp_path)
    assert shown.returncode == 1 and "'alpha' is not an allowed value" in shown.stdout and shown.stderr == ""
    assert "2 manifests: 1 assessed" in shown.stdout
    written = run_cli("portfolio", tmp_path, "-o", tmp_path / "out" / "p.md")
    assert written.stderr.count("'alpha' is not an allowed value") == 1
    assert f"wrote {tmp_path / 'out' / 'p.md'} (markdown)" in written.stderr
    one = run_cli("portfolio", tmp_path / "good.yaml")
    assert "1 manifest: 1 assessed" in one.stdout


def test_one_summary_line_per_file_written_unless_quiet(tmp_path):
    md, js = tmp_path / "a" / "r.md", tmp_path / "b" / "r.json"
    result = run_cli("assess", HARDENING, "-f", "md", "-o", md, "-o", js)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.splitlines() == [f"wrote {md} (markdown)", f"wrote {js} (json)"]
    assert (
        md.read_text().startswith("# AI production readiness")
        and json.loads(js.read_text())["score"] == json.loads(run_cli("assess", HARDENING, "-f", "json").stdout)["score"]
    )
    quiet = run_cli("assess", HARDENING, "-o", md, "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_md_is_markdown_everywhere(tmp_path):
    assert run_cli("assess", HARDENING, "-f", "md").stdout == run_cli("assess", HARDENING, "-f", "markdown").stdout
    assert run_cli("diff", HARDENING, EARLY, "-f", "md").stdout.startswith("# ")
    assert run_cli("portfolio", HARDENING, "-f", "md").stdout.startswith("# AI production readiness portfolio")


def test_values_are_shown_as_users_write_them(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nproject: {name: x, stage: true}\n")
    result = run_cli("validate", bad)
    assert "project.stage: true is not an allowed value" in result.stderr and "True" not in result.stderr
