"""docs/ci.md: every CI snippet runs as written (the install and network steps are checked, not run)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess

import yaml

from conftest import ROOT

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def snippets(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.S)


def checkout(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "production-hardening.yaml", repo / "readiness.yaml")
    return repo


def test_no_placeholders_and_no_public_index_install():
    assert "OWNER" not in DOC and "pip install readiness" not in DOC and "example.invalid" not in DOC


def test_github_workflow_runs_the_action_with_the_documented_inputs(tmp_path):
    workflow = next(yaml.safe_load(s) for s in snippets("yaml") if "jobs:" in s)
    steps = workflow["jobs"]["readiness"]["steps"]
    action_step = next(s for s in steps if s.get("uses") == "./tools/readiness")
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert workflow["permissions"]["security-events"] == "write"
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert set(action_step["with"]) <= set(action["inputs"])
    assert re.findall(r"steps\.readiness\.outputs\.(\w+)", steps[-1]["run"]) and set(
        re.findall(r"steps\.readiness\.outputs\.(\w+)", steps[-1]["run"])
    ) <= set(action["outputs"])
    assess = next(s for s in action["runs"]["steps"] if s.get("name") == "Assess readiness")
    repo = checkout(tmp_path)
    env = dict(
        os.environ,
        READINESS_BIN=shutil.which("readiness"),
        READINESS_MANIFEST=action_step["with"]["manifest"],
        READINESS_ARGS=action_step["with"]["args"],
        GITHUB_ACTIONS="true",
        GITHUB_OUTPUT=str(tmp_path / "out"),
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary"),
    )
    result = subprocess.run(["bash", "-c", assess["run"]], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr  # the example manifest has failing blockers: the gate works
    sarif = json.loads((repo / upload["with"]["sarif_file"]).read_text())
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]} == {"readiness.yaml"}
    assert (repo / "readiness-report.md").exists()
    assert "passed=false" in (tmp_path / "out").read_text()


def test_gitlab_job_writes_the_reports_it_publishes(tmp_path):
    job = next(yaml.safe_load(s) for s in snippets("yaml") if "codequality" in s)["readiness"]
    install, command = job["script"]
    assert install == "python -m pip install --quiet ./tools/readiness"
    repo = checkout(tmp_path)
    result = subprocess.run(shlex.split(command), cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    reports = job["artifacts"]["reports"]
    assert json.loads((repo / reports["codequality"]).read_text())[0]["location"]["path"] == "readiness.yaml"
    assert (repo / reports["junit"]).read_text().startswith("<?xml")
    assert all((repo / p).exists() for p in job["artifacts"]["paths"])


def test_github_format_snippet_and_precommit_hooks_match_the_shipped_ones(tmp_path):
    run_lines = [
        line.strip()[len("- run: ") :] for s in snippets("yaml") for line in s.splitlines() if line.strip().startswith("- run: readiness")
    ]
    assert run_lines
    repo = checkout(tmp_path)
    result = subprocess.run(shlex.split(run_lines[0]), cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout.startswith("::")
    config = next(yaml.safe_load(s) for s in snippets("yaml") if "repos:" in s)
    local = {h["id"]: h for h in config["repos"][0]["hooks"]}
    shipped = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(local) == set(shipped)
    for hook_id, hook in local.items():
        assert (hook["entry"], hook["files"]) == (shipped[hook_id]["entry"], shipped[hook_id]["files"])
    ran = subprocess.run(shlex.split(local["readiness-validate"]["entry"]) + ["readiness.yaml"], cwd=repo, capture_output=True, text=True)
    assert ran.returncode == 0 and ran.stdout == ""
