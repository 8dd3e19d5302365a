"""Docs that are generated or quoted must match the code."""

import re

from conftest import ROOT
from readiness.reference import manifest_reference


def test_manifest_reference_is_current(update_golden):
    path = ROOT / "docs" / "manifest.md"
    text = manifest_reference()
    if update_golden:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, "regenerate with: python -m pytest tests/test_docs.py --update-golden"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert len(command) == 1
    assert f"```sh\n{command[0]}\n```" in readme


def test_readme_quotes_real_output():
    readme = (ROOT / "README.md").read_text()
    quoted = re.search(r"\$ readiness assess examples/production-hardening.yaml\n(.*?)\n \.\.\.\n", readme, re.S).group(1)
    golden = (ROOT / "tests" / "golden" / "production-hardening.txt").read_text()
    assert golden.startswith(quoted)
