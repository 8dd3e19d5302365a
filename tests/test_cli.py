"""The installed `readiness` command, run as users and CI scripts run it."""

import json

import pytest

import fixture
from conftest import EXAMPLES, ROOT, run_cli
from fixture import PILOT, PILOT_SCORE, RUBRIC

EARLY = "examples/early-pilot.yaml"
HARDENING = "examples/production-hardening.yaml"
ENTERPRISE = "examples/enterprise-scale.yaml"


def test_version():
    from readiness import __version__

    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"readiness {__version__}\n")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_assess_prints_score_phase_and_roadmap(example):
    result = run_cli("assess", example.relative_to(ROOT))
    assert result.returncode == 0, result.stderr
    assert "Readiness score" in result.stdout and "Phase reached" in result.stdout and "Next steps" in result.stdout
    assert "\x1b[" not in result.stdout, "no colour codes in a pipe"
    assert result.stderr == ""


def test_cli_output_equals_the_golden_report():
    """The command prints what test_golden pins (compared with the rendering, not the file, so one --update-golden run suffices)."""
    from test_golden import render_example

    for format in ("markdown", "json"):
        result = run_cli("assess", HARDENING, "--format", format)
        assert result.stdout == render_example(ROOT / HARDENING, format)


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--min-score", "60"], 0, ""),
        (
            ["--min-score", "70"],
            1,
            f"gate failed: score {PILOT_SCORE} is below the minimum 70 (short by {fixture.rounded(70 - PILOT_SCORE)})",
        ),
        (["--min-phase", "prototype"], 0, ""),
        (
            ["--min-phase", "production-hardening"],
            1,
            "gate failed: phase reached is prototype, the gate requires production_hardening (1 phase short)",
        ),
        (["--min-phase", "2"], 1, "the gate requires production_hardening"),
        (["--min-phase", "optimization"], 1, "the gate requires optimization (3 phases short)"),
        (["--fail-on-blockers"], 1, f"gate failed: 2 failing blockers: {', '.join(fixture.PILOT_BLOCKERS)}"),
    ],
)
def test_gates(args, code, message):
    """On the fixture pilot: score 60.3, phase prototype, two failing blockers (tests/fixture.py)."""
    result = run_cli("assess", PILOT, "--rubric", RUBRIC, "--quiet", *args)
    assert result.returncode == code
    assert result.stdout == ""
    assert message in result.stderr


def test_a_pilot_that_meets_every_criterion_passes_a_strict_gate(tmp_path):
    complete = fixture.pilot_copy(tmp_path, *fixture.EVERYTHING_MET)
    result = run_cli(
        "assess", complete, "--rubric", RUBRIC, "-q", "--min-score", "100", "--min-phase", "optimization", "--fail-on-blockers"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["assess", "examples/nope.yaml"], "error: examples/nope.yaml: no such manifest\n  hint: check the path\n"),
        (["assess", "examples"], "error: examples: is a directory, expected a manifest"),
        (["assess", EARLY, "--min-phase", "someday"], "error: unknown phase 'someday' for --min-phase"),
        (["assess", EARLY, "--format", "pdf"], "error: unknown format 'pdf'"),
        (["assess", EARLY, "--rubric", "examples/early-pilot.yaml"], "examples/early-pilot.yaml:20:1: missing required key 'id'"),
        (["assess", EARLY, "--min-score", "120"], "error: invalid value for '--min-score'"),
        (
            ["explain", "ops.drif", "--rubric", RUBRIC],
            "error: no criterion 'ops.drif' in rubric fixture\n  hint: did you mean 'ops.drift'?",
        ),
    ],
)
def test_usage_and_input_errors_exit_2_without_traceback(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_manifest_lists_every_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nproject:\n  name: x\nmonitoring:\n  drift_detecton: automated\nkpis:\n  p95_latency_ms: -1\n")
    result = run_cli("assess", bad)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert lines == [
        f"error: {bad}:5:3: unknown key 'monitoring.drift_detecton'",
        f"error: {bad}:7:19: kpis.p95_latency_ms: input should be greater than or equal to 0, got -1",
    ]


def test_debug_shows_the_traceback(tmp_path):
    result = run_cli("assess", tmp_path / "absent.yaml", "--debug")
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_stdin_manifest():
    result = run_cli("assess", "-", "--format", "json", input=(ROOT / EARLY).read_text())
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["manifest"] == "<stdin>"
    assert report["project"]["name"] == "Support ticket summarizer"


def test_output_files_and_several_formats(tmp_path):
    md, js = tmp_path / "report.md", tmp_path / "report.json"
    result = run_cli("assess", PILOT, "--rubric", RUBRIC, "--format", "markdown", "--output", md, "--format", "json", "--output", js)
    assert result.returncode == 0, result.stderr
    assert md.read_text().startswith("# AI production readiness: Fixture pilot")
    assert json.loads(js.read_text())["score"] == PILOT_SCORE
    inferred = tmp_path / "inferred.json"
    assert run_cli("assess", HARDENING, "-o", inferred).returncode == 0
    assert json.loads(inferred.read_text())["schema_version"] == 1


def test_failed_run_leaves_the_previous_report_untouched(tmp_path):
    report = tmp_path / "report.md"
    report.write_text("previous report\n")
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nproject: {name: x\n")
    result = run_cli("assess", broken, "--output", report)
    assert result.returncode == 2
    assert report.read_text() == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "report.md"]


def test_missing_output_folders_are_created(tmp_path):
    target = tmp_path / "no" / "such" / "report.md"
    result = run_cli("assess", EARLY, "--output", target)
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("# AI production readiness")
    assert result.stderr == f"wrote {target} (markdown)\n"


def test_an_output_below_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("")
    result = run_cli("assess", EARLY, "--output", tmp_path / "file" / "report.md")
    assert result.returncode == 2
    assert "is not a folder" in result.stderr


def test_gate_failure_still_writes_the_report(tmp_path):
    report = tmp_path / "r.json"
    result = run_cli("assess", EARLY, "-o", report, "--min-score", "50")
    assert result.returncode == 1
    assert json.loads(report.read_text())["gate"]["passed"] is False


def test_validate(tmp_path):
    ok = run_cli("validate", *[str(e.relative_to(ROOT)) for e in EXAMPLES])
    assert ok.returncode == 0 and ok.stdout.count(": valid") == len(EXAMPLES)
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nproject: {name: x, stage: alpha}\n")
    result = run_cli("validate", bad)
    assert result.returncode == 2
    assert "project.stage: 'alpha' is not an allowed value" in result.stderr


def test_schema_is_the_models_json_schema():
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Manifest"
    assert "drift_detection" in schema["$defs"]["Monitoring"]["properties"]


def test_schema_accepts_the_examples():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(run_cli("schema").stdout)
    for example in EXAMPLES:
        jsonschema.validate(yaml.safe_load(example.read_text()), schema)


def test_init_writes_a_manifest_that_validates(tmp_path):
    target = tmp_path / "readiness.yaml"
    assert run_cli("init", target).returncode == 0
    assert run_cli("validate", target).returncode == 0
    again = run_cli("init", target)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run_cli("init", target, "--force").returncode == 0


def test_rubric_commands():
    shown = run_cli("rubric", "show")
    assert shown.returncode == 0 and shown.stdout.startswith("format: 1\nid: default\n")
    valid = run_cli("rubric", "validate", "rubrics/default.yaml")
    assert valid.returncode == 0 and "valid rubric default" in valid.stdout
    invalid = run_cli("rubric", "validate", EARLY)
    assert invalid.returncode == 2


def test_explain():
    result = run_cli("explain", "monitor.drift_detection")
    assert result.returncode == 0
    assert "Why:" in result.stdout and "What to do:" in result.stdout
    assert "  sources:     [Scalable AI infrastructure: bottlenecks, build versus buy and a phased roadmap] (Tech Island)" in result.stdout


def test_default_rubric_found_from_any_directory(tmp_path):
    result = run_cli("assess", ROOT / ENTERPRISE, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["rubric"]["id"] == "default"


def test_python_dash_m():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "readiness", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith("readiness ")


def test_one_unwritable_output_means_no_report_is_written(tmp_path):
    first = tmp_path / "report.md"
    (tmp_path / "file").write_text("")
    result = run_cli("assess", HARDENING, "-o", first, "-o", tmp_path / "file" / "report.json")
    assert result.returncode == 2 and "is not a folder" in result.stderr
    assert not first.exists()
