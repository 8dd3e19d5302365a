"""Golden files: the reports of every example, byte for byte.

Regenerate after an intended change (a rubric edit included) with:  python -m pytest --update-golden
then review the diff of tests/golden/ like any other change.
"""

import os

import pytest

from conftest import EXAMPLES, ROOT, check_golden
from readiness import api
from readiness.reports.document import RenderOptions

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

def test_rendering_is_deterministic():
    for example in EXAMPLES:
        assert render_example(example, "markdown") == render_example(example, "markdown")
