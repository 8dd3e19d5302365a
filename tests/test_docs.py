"""Docs that are generated or quoted must match the code; `python -m pytest --update-golden` rewrites them."""

from conftest import ROOT, check_golden, check_region
from readiness.manifest.reference import manifest_reference
from test_golden import render_example

SAMPLE = ROOT / "examples" / "production-hardening.yaml"


def test_manifest_reference_is_current(update_golden):
    check_golden(ROOT / "docs" / "manifest.md", manifest_reference(), update_golden)


def test_ci_runs_the_readme_test_command():
    """CI runs what the README tells a developer to run; anything before it only installs system prerequisites."""
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert f"```sh\n{commands[-1]}\n```" in readme, "the last command of .ci/run must be the README's test command"
    for prerequisite in commands[:-1]:
        assert "apt-get install" in prerequisite and "pytest" not in prerequisite, prerequisite


def readme_sample() -> str:
    """The terminal report of the bundled example up to the second roadmap step: enough to show every part of it."""
    lines = render_example(SAMPLE, "text").splitlines()
    steps = lines.index("Next steps")
    second = next(i for i in range(steps, len(lines)) if lines[i].startswith(" 2. "))
    shown = "\n".join(lines[: second + 1])
    return f"```text\n$ readiness assess {SAMPLE.relative_to(ROOT)}\n{shown}\n ...\n```\n"


def test_readme_quotes_real_output(update_golden):
    check_region(ROOT / "README.md", "sample-output", readme_sample(), update_golden)
