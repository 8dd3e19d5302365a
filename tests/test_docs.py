"""Docs that are generated or quoted must match the code."""

import re

from conftest import ROOT
from readiness.manifest.reference import manifest_reference


def test_manifest_reference_is_current(update_golden):
    path = ROOT / "docs" / "manifest.md"
    text = manifest_reference()
    if update_golden:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, "regenerate with: python -m pytest tests/test_docs.py --update-golden"


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    quick_start = readme[readme.index("## Quick start"): readme.index("## What it prints")]
    return re.findall(r"```sh\n(.*?)\n```", quick_start)


def test_ci_runs_the_readme_commands():
    """CI creates the README's virtual environment and runs its test command in it, exactly as written."""
    venv, _install, test = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert venv in ci and test in ci
    assert ci.index(test) == ci.index(venv) + 1, "the test command runs right after the README's venv line"


def test_readme_quotes_real_output():
    readme = (ROOT / "README.md").read_text()
    quoted = re.search(r"\$ readiness assess examples/production-hardening.yaml\n(.*?)\n \.\.\.\n", readme, re.S).group(1)
    golden = (ROOT / "tests" / "golden" / "production-hardening.txt").read_text()
    assert golden.startswith(quoted)
