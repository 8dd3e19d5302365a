"""Project configuration and GitHub Actions integration."""

import json

import fixture
from conftest import ROOT, run_cli
from fixture import PILOT, PILOT_SCORE, RUBRIC
from readiness.common.text import display

HARDENING = ROOT / "examples" / "production-hardening.yaml"


def test_yaml_configuration_sets_gates_and_reports(tmp_path):
    (tmp_path / ".readiness.yaml").write_text("min_score: 70\nfail_on_blockers: true\nreports:\n  - {format: json, output: out/r.json}\n")
    (tmp_path / "out").mkdir()
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    result = run_cli("assess", PILOT, "--rubric", RUBRIC, cwd=nested)
    assert result.returncode == 1
    assert f"gate failed: score {PILOT_SCORE} is below the minimum 70" in result.stderr
    assert "failing blockers" in result.stderr
    report = json.loads((tmp_path / "out" / "r.json").read_text())
    assert report["gate"] == {
        "passed": False,
        "min_score": 70.0,
        "min_phase": None,
        "fail_on_blockers": True,
        "failures": report["gate"]["failures"],
    }


def test_flags_win_over_configuration(tmp_path):
    (tmp_path / ".readiness.yaml").write_text("min_score: 70\nfail_on_blockers: true\n")
    assert run_cli("assess", PILOT, "--rubric", RUBRIC, "-q", cwd=tmp_path).returncode == 1
    result = run_cli("assess", PILOT, "--rubric", RUBRIC, "-q", "--min-score", "60", "--no-fail-on-blockers", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert run_cli("assess", PILOT, "--rubric", RUBRIC, "-q", "--no-config", cwd=tmp_path).returncode == 0


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.readiness]\nmin_phase = "production_hardening"\n')
    result = run_cli("assess", HARDENING, "-q", cwd=tmp_path)
    assert result.returncode == 1
    assert "the gate requires production_hardening" in result.stderr


def test_bad_configuration_is_located(tmp_path):
    (tmp_path / ".readiness.yaml").write_text("min_score: 70\nfail_on_blocker: true\n")
    result = run_cli("assess", HARDENING, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {tmp_path}/.readiness.yaml:2:1: unknown key 'fail_on_blocker'\n  hint: did you mean 'fail_on_blockers'?\n"
    )
    (tmp_path / ".readiness.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text("[tool.readiness]\nmin_score = 'high'\n")
    result = run_cli("assess", HARDENING, cwd=tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml: tool.readiness.min_score: input should be a number" in result.stderr


def test_github_actions_annotations_and_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    manifest = PILOT.relative_to(ROOT)
    result = run_cli("assess", manifest, "--rubric", RUBRIC, "-f", "json", "--min-score", "70", "--no-config", env=env)
    assert result.returncode == 1
    json.loads(result.stdout)  # annotations never corrupt a report on stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("::error ")]
    line = PILOT.read_text().splitlines().index("  automation: scripted") + 1
    assert errors[0].startswith(
        f"::error file={manifest},line={line},col=3,title=readiness blocker delivery.automation::Models are deployed through CI/CD (partial)."
    )
    assert errors[-1] == (
        f"::error file={manifest},title=readiness gate failed::"
        f"score {PILOT_SCORE} is below the minimum 70 (short by {fixture.rounded(70 - PILOT_SCORE)})"
    )
    assert len(errors) == len(fixture.PILOT_BLOCKERS) + 1
    text = summary.read_text()
    assert text.startswith("earlier step\n# AI production readiness: Fixture pilot")


def test_no_annotations_outside_github_actions():
    result = run_cli("assess", "examples/production-hardening.yaml", "-q", "--min-score", "70", "--no-config")
    assert "::error" not in result.stderr


def test_workflow_command_escaping():
    from readiness.reports.github import command

    assert command("error", "50% done\nnext", title="a,b:c", file="x.yaml", line=3) == (
        "::error file=x.yaml,line=3,title=a%2Cb%3Ac::50%25 done%0Anext"
    )


def test_action_runs_the_installed_tool(tmp_path):
    """Run the action's assess step as the runner would: arguments quoted, never globbed, outputs written."""
    import os
    import shutil
    import subprocess

    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert set(action["outputs"]) == {"score", "phase", "passed", "bottleneck"}
    setup = next(s for s in action["runs"]["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["update-environment"] is False, "the job's own Python stays as it was"
    step = next(s for s in action["runs"]["steps"] if s.get("name") == "Assess readiness")
    (tmp_path / "decoy.md").write_text("a glob must not expand to me")
    folder = tmp_path / "my reports"
    folder.mkdir()
    outputs = tmp_path / "github_output"
    env = dict(
        os.environ,
        READINESS_BIN=shutil.which("readiness"),
        READINESS_MANIFEST="examples/enterprise-scale.yaml",
        READINESS_ARGS=f"--min-phase production_hardening --fail-on-blockers -f markdown -o '{folder}/r*.md'",
        GITHUB_ACTIONS="true",
        GITHUB_OUTPUT=str(outputs),
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
    )
    result = subprocess.run(["bash", "-c", step["run"]], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (folder / "r*.md").read_text().startswith("# AI production readiness: Personalized product recommendations")
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    report = json.loads(
        subprocess.run(
            [shutil.which("readiness"), "assess", "examples/enterprise-scale.yaml", "-f", "json"], cwd=ROOT, capture_output=True, text=True
        ).stdout
    )
    assert written == {
        "score": display(report["score"]),
        "phase": report["phase_reached"]["id"],
        "passed": "true",
        "bottleneck": (report["bottleneck"] or {}).get("id", ""),
    }
    env["READINESS_ARGS"] = "--min-score 'unbalanced"
    broken = subprocess.run(["bash", "-c", step["run"]], cwd=ROOT, env=env, capture_output=True, text=True)
    assert broken.returncode == 2 and "not a valid argument line" in broken.stdout
    install = next(s for s in action["runs"]["steps"] if s.get("name") == "Install readiness")
    assert "pip wheel" in install["run"] and "READINESS_PACKAGE" in install["run"] and "-m venv" in install["run"]


def test_pre_commit_hooks_validate_manifests_and_rubrics(tmp_path):
    import re
    import shlex
    import subprocess

    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    manifest, rubric = hooks["readiness-validate"], hooks["readiness-rubric"]
    for path in ("readiness.yaml", "ml/readiness-fraud.yml", ".readiness-manifest.yaml"):
        assert re.search(manifest["files"], path) and not re.search(rubric["files"], path), path
    for path in ("readiness-rubric.yaml", "ml/readiness-rubric.yml", "rubrics/acme.yaml", "acme-rubric.yaml"):
        assert re.search(rubric["files"], path) and not re.search(manifest["files"], path), path
    for path in ("config.yaml", ".readiness.yaml", "docs/readiness.md"):
        assert not re.search(manifest["files"], path) and not re.search(rubric["files"], path), path

    bad = tmp_path / "readiness.yaml"
    bad.write_text("version: 1\nproject: {name: x, stag: pilot}\n")
    command = shlex.split(manifest["entry"])
    examples = [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    good = subprocess.run(command + examples, capture_output=True, text=True)
    assert good.returncode == 0 and good.stdout == "" and good.stderr == ""
    failed = subprocess.run(command + examples + [str(bad)], capture_output=True, text=True)
    assert failed.returncode == 2 and "did you mean 'stage'?" in failed.stderr
    assert failed.stdout == "" and ": valid" not in failed.stderr, "passing files are not listed among the failures"

    rubric_command = shlex.split(rubric["entry"])
    rubrics = [str(p) for p in sorted((ROOT / "rubrics").glob("*.yaml"))]
    assert subprocess.run(rubric_command + rubrics, capture_output=True, text=True).stdout == ""
    broken = tmp_path / "readiness-rubric.yaml"
    broken.write_text("id: x\n")
    result = subprocess.run(rubric_command + rubrics + [str(broken)], capture_output=True, text=True)
    assert result.returncode == 2 and str(broken) in result.stderr and result.stdout == ""


def test_input_errors_are_annotated_on_the_manifest_line(tmp_path):
    bad = tmp_path / "readiness.yaml"
    bad.write_text("version: 1\nproject: {name: x, stag: pilot}\n")
    result = run_cli("assess", bad, "--no-config", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith("error: ")
    (annotation,) = [line for line in result.stderr.splitlines() if line.startswith("::error ")]
    assert annotation.endswith(",line=2,col=20,title=readiness input error::unknown key 'project.stag' (hint: did you mean 'stage'?)")
    assert "file=" in annotation
    plain = run_cli("assess", bad, "--no-config")
    assert "::error" not in plain.stderr


def test_github_format_prints_workflow_commands_for_every_open_criterion():
    import re

    doc = json.loads(run_cli("assess", HARDENING, "-f", "json", "--no-config").stdout)
    result = run_cli("assess", HARDENING, "-f", "github", "--fail-on-blockers", "--no-config", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    open_ = [c for c in doc["criteria"] if c["status"] not in ("met", "not_applicable", "waived")]
    assert len(lines) == len(open_) + 1
    levels = {"blocker": "error", "major": "warning", "minor": "notice"}
    for line, criterion in zip(lines, open_, strict=False):
        match = re.match(r"::(\w+) file=examples/production-hardening\.yaml,line=(\d+),col=(\d+),title=readiness (\w+) ([\w.]+)::", line)
        assert match, line
        assert match.groups() == (
            levels[criterion["severity"]],
            str(criterion["location"]["line"]),
            str(criterion["location"]["column"]),
            criterion["severity"],
            criterion["id"],
        )
    assert lines[-1].startswith(
        f"::error file=examples/production-hardening.yaml,title=readiness gate failed::{len(doc['blockers'])} failing blockers"
    )
    assert "::error" not in result.stderr, "the stdout commands are not repeated on stderr"


def test_gitlab_format_is_code_quality_json():
    result = run_cli("assess", HARDENING, "-f", "gitlab", "--no-config")
    findings = json.loads(result.stdout)
    doc = json.loads(run_cli("assess", HARDENING, "-f", "json", "--no-config").stdout)
    open_ = [c for c in doc["criteria"] if c["status"] not in ("met", "not_applicable", "waived")]
    assert [f["check_name"] for f in findings] == [c["id"] for c in open_]
    for finding, criterion in zip(findings, open_, strict=True):
        assert set(finding) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert finding["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert finding["location"] == {"path": "examples/production-hardening.yaml", "lines": {"begin": criterion["location"]["line"]}}
    assert len({f["fingerprint"] for f in findings}) == len(findings)


def test_action_install_builds_the_wheel_once_into_its_own_environment(tmp_path):
    """The install step as the runner runs it: a virtual environment of its own, the wheel built only when not cached."""
    import os
    import subprocess
    import sys

    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    install = next(s for s in action["runs"]["steps"] if s.get("name") == "Install readiness")
    wheels, outputs = tmp_path / "wheels", tmp_path / "github_output"
    env = dict(
        os.environ,
        READINESS_PYTHON=sys.executable,
        READINESS_PACKAGE="",
        READINESS_WHEELS=str(wheels),
        RUNNER_TEMP=str(tmp_path),
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_OUTPUT=str(outputs),
    )
    first = subprocess.run(["bash", "-c", install["run"]], env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    (wheel,) = wheels.glob("readiness-*.whl")
    built = wheel.stat().st_mtime_ns
    second = subprocess.run(["bash", "-c", install["run"]], env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-2000:]
    assert wheel.stat().st_mtime_ns == built, "a cached wheel is installed, not rebuilt"
    binary = dict(line.split("=", 1) for line in outputs.read_text().splitlines())["bin"]
    assert binary == str(tmp_path / "readiness-venv" / "bin" / "readiness")
    version = subprocess.run([binary, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip()
