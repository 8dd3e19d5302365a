"""Docs that are generated or quoted must match the code; `python -m pytest --update-golden` rewrites them."""

import re

from conftest import ROOT, check_golden, check_region
from readiness.manifest.reference import manifest_reference
from test_golden import render_example

SAMPLE = ROOT / "examples" / "production-hardening.yaml"


def test_manifest_reference_is_current(update_golden):
    check_golden(ROOT / "docs" / "manifest.md", manifest_reference(), update_golden)


def test_rubric_guide_lists_the_bundled_references(update_golden):
    from readiness.rubric.references import bundled_references, references_markdown

    check_region(ROOT / "docs" / "rubrics.md", "references", references_markdown(bundled_references()), update_golden)


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    quick_start = readme[readme.index("## Quick start") : readme.index("## What it prints")]
    return re.findall(r"```sh\n(.*?)\n```", quick_start)


def test_ci_runs_the_readme_commands():
    """CI creates the README's virtual environment and runs its test command in it, exactly as written."""
    venv, _install, test = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert venv in ci and test in ci
    assert ci.index(test) == ci.index(venv) + 1, "the test command runs right after the README's venv line"


def readme_sample() -> str:
    """The terminal report of the bundled example up to the second roadmap step: enough to show every part of it."""
    lines = render_example(SAMPLE, "text").splitlines()
    steps = lines.index("Next steps")
    second = next(i for i in range(steps, len(lines)) if lines[i].startswith(" 2. "))
    shown = "\n".join(lines[: second + 1])
    return f"```text\n$ readiness assess {SAMPLE.relative_to(ROOT)}\n{shown}\n ...\n```\n"


def test_readme_quotes_real_output(update_golden):
    check_region(ROOT / "README.md", "sample-output", readme_sample(), update_golden)
