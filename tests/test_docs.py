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


def test_ci_runs_the_readme_test_command():
    """CI runs what the README tells a developer to run; anything before it only installs system prerequisites."""
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert f"```sh\n{commands[-1]}\n```" in readme, "the last command of .ci/run must be the README's test command"
    for prerequisite in commands[:-1]:
        assert "apt-get install" in prerequisite and "pytest" not in prerequisite, prerequisite


def test_readme_quotes_real_output():
    readme = (ROOT / "README.md").read_text()
    quoted = re.search(r"\$ readiness assess examples/production-hardening.yaml\n(.*?)\n \.\.\.\n", readme, re.S).group(1)
    golden = (ROOT / "tests" / "golden" / "production-hardening.txt").read_text()
    assert golden.startswith(quoted)
