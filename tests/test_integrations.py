"""Project configuration and GitHub Actions integration."""

import json

from conftest import ROOT, run_cli

HARDENING = ROOT / "examples" / "production-hardening.yaml"


def test_yaml_configuration_sets_gates_and_reports(tmp_path):
    (tmp_path / ".readiness.yaml").write_text(
        "min_score: 70\nfail_on_blockers: true\nreports:\n  - {format: json, output: out/r.json}\n"
    )
    (tmp_path / "out").mkdir()
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    result = run_cli("assess", HARDENING, cwd=nested)
    assert result.returncode == 1
    assert "gate failed: score 64.6 is below the minimum 70" in result.stderr
    assert "failing blockers" in result.stderr
    report = json.loads((tmp_path / "out" / "r.json").read_text())
    assert report["gate"] == {
        "passed": False, "min_score": 70.0, "min_phase": None, "fail_on_blockers": True,
        "failures": report["gate"]["failures"],
    }


def test_flags_win_over_configuration(tmp_path):
    (tmp_path / ".readiness.yaml").write_text("min_score: 70\nfail_on_blockers: true\n")
    result = run_cli("assess", HARDENING, "-q", "--min-score", "60", "--no-fail-on-blockers", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert run_cli("assess", HARDENING, "-q", "--no-config", cwd=tmp_path).returncode == 0


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
    result = run_cli("assess", "examples/production-hardening.yaml", "-f", "json", "--min-score", "70", "--no-config", env=env)
    assert result.returncode == 1
    json.loads(result.stdout)  # annotations never corrupt a report on stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("::error ")]
    assert errors[0].startswith(
        "::error file=examples/production-hardening.yaml,line=43,col=3,title=readiness blocker deploy.automation::"
        "Models are deployed through CI/CD (partial)."
    )
    assert errors[-1] == (
        "::error file=examples/production-hardening.yaml,title=readiness gate failed::"
        "score 64.6 is below the minimum 70 (short by 5.4)"
    )
    assert len(errors) == 5
    text = summary.read_text()
    assert text.startswith("earlier step\n# AI production readiness: Card-not-present fraud scoring")


def test_no_annotations_outside_github_actions():
    result = run_cli("assess", "examples/production-hardening.yaml", "-q", "--min-score", "70", "--no-config")
    assert "::error" not in result.stderr


def test_workflow_command_escaping():
    from readiness.reports.github import command

    assert command("error", "50% done\nnext", title="a,b:c", file="x.yaml", line=3) == (
        "::error file=x.yaml,line=3,title=a%2Cb%3Ac::50%25 done%0Anext"
    )


def test_action_runs_the_installed_tool(tmp_path):
    """Run the action's assess step as the runner would, with the inputs of the docs example."""
    import os
    import subprocess

    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    step = next(s for s in action["runs"]["steps"] if s.get("name") == "Assess readiness")
    env = dict(os.environ, READINESS_MANIFEST="examples/enterprise-scale.yaml",
               READINESS_ARGS=f"--min-phase production_hardening --fail-on-blockers -f markdown -o {tmp_path}/r.md")
    result = subprocess.run(["bash", "-c", step["run"]], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.md").read_text().startswith("# AI production readiness: Personalized product recommendations")
    install = next(s for s in action["runs"]["steps"] if s.get("name") == "Install readiness")
    assert "pip install" in install["run"] and "GITHUB_ACTION_PATH" in install["run"]


def test_pre_commit_hook_validates_manifests(tmp_path):
    import re
    import shlex
    import subprocess

    import yaml

    hook, = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert re.search(hook["files"], "readiness.yaml") and re.search(hook["files"], "ml/readiness-fraud.yml")
    assert not re.search(hook["files"], "config.yaml")
    bad = tmp_path / "readiness.yaml"
    bad.write_text("version: 1\nproject: {name: x, stag: pilot}\n")
    command = shlex.split(hook["entry"])
    good = subprocess.run(command + [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))], capture_output=True, text=True)
    assert good.returncode == 0
    failed = subprocess.run(command + [str(bad)], capture_output=True, text=True)
    assert failed.returncode == 2 and "did you mean 'stage'?" in failed.stderr
