"""Golden files: the reports of every example, byte for byte.

Regenerate after an intended change (a rubric edit included) with:  python -m pytest --update-golden
then review the diff of tests/golden/ like any other change.
"""

import os

import pytest

from conftest import EXAMPLES, ROOT, check_golden
from readiness import api
from readiness.reports.options import RenderOptions

GOLDEN = ROOT / "tests" / "golden"
FORMATS = {"markdown": ".md", "json": ".json", "text": ".txt", "html": ".html", "junit": ".junit.xml", "sarif": ".sarif"}


def render_example(example, format):
    os.chdir(ROOT)
    outcome = api.assess_file(example.relative_to(ROOT))
    return api.render(outcome, format, RenderOptions(color=False, width=100))


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_report_matches_golden(example, format, update_golden):
    check_golden(GOLDEN / f"{example.stem}{FORMATS[format]}", render_example(example, format), update_golden)


# One example per bundled framework pack, with a framework gate on two of them (one failing, one passing).
FRAMEWORK_RUNS = {
    "nist-ai-rmf": ("production-hardening", 60),
    "iso-42001": ("enterprise-scale", 60),
    "eu-ai-act": ("production-hardening", None),
    "owasp-llm-2025": ("early-pilot", None),
}


def render_with_framework(pack: str, format: str) -> str:
    from readiness.crosswalk import FrameworkGate, select_packs
    from readiness.rubric.load import load_rubric
    from readiness.scoring.gate import Gate

    os.chdir(ROOT)
    example, minimum = FRAMEWORK_RUNS[pack]
    rubric = load_rubric()
    gates = () if minimum is None else (FrameworkGate(pack, minimum),)
    outcome = api.assess_file(
        f"examples/{example}.yaml", rubric, Gate(min_framework_coverage=gates), frameworks=select_packs([pack], gates, rubric)
    )
    return api.render(outcome, format, RenderOptions(color=False, width=100))


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("pack", FRAMEWORK_RUNS)
def test_framework_report_matches_golden(pack, format, update_golden):
    golden = GOLDEN / "frameworks" / f"{FRAMEWORK_RUNS[pack][0]}.{pack}{FORMATS[format]}"
    text = render_with_framework(pack, format)
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"missing {golden}: run python -m pytest tests/test_golden.py --update-golden"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs; if intended, regenerate and review the diff"


def test_rendering_is_deterministic():
    for example in EXAMPLES:
        assert render_example(example, "markdown") == render_example(example, "markdown")
