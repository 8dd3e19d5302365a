"""Golden files: the reports of every example, byte for byte.

Regenerate after an intended change with:  python -m pytest tests/test_golden.py --update-golden
then review the diff of tests/golden/ like any other change.
"""

import os

import pytest

from conftest import EXAMPLES, ROOT
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
    golden = GOLDEN / f"{example.stem}{FORMATS[format]}"
    text = render_example(example, format)
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"missing {golden}: run python -m pytest tests/test_golden.py --update-golden"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs; if intended, regenerate and review the diff"


def test_rendering_is_deterministic():
    for example in EXAMPLES:
        assert render_example(example, "markdown") == render_example(example, "markdown")
