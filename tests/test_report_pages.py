"""What a reader of the HTML and Markdown pages sees: colours by band, identifiers that wrap whole, rules stated on the page."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES
from readiness import api
from readiness.reports.charts import score_band
from readiness.reports.templating import breakable
from readiness.scoring.gate import Gate

EARLY = next(p for p in EXAMPLES if p.stem == "early-pilot")


@pytest.mark.parametrize(
    ("score", "band"), [(0, "critical"), (12.7, "critical"), (25, "low"), (49.9, "low"), (50, "fair"), (75, "high"), (100, "high")]
)
def test_score_bands(score, band):
    assert score_band(score) == band


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_gauge_takes_the_colour_of_its_band(example):
    outcome = api.assess_file(example)
    html = api.render(outcome, "html")
    assert f'class="gauge-value band-{score_band(outcome.report["score"])}"' in html


def test_identifiers_wrap_only_after_separators():
    assert str(breakable("gov.data_classification")) == "gov.<wbr>data_<wbr>classification"
    assert str(breakable("pilots/a-b.yaml")) == "pilots/<wbr>a-<wbr>b.<wbr>yaml"
    assert str(breakable("<b>x.y</b>")) == "&lt;b&gt;x.<wbr>y&lt;/<wbr>b&gt;"
    html = api.render(api.assess_file(EARLY), "html")
    assert '<span class="id">data.<wbr>validation</span>' in html
    css = html[html.index("<style>") : html.index("</style>")]
    assert "overflow-wrap: anywhere" not in re.search(r"code, \.id \{[^}]*\}", css).group(0)


def test_gate_card_stays_short_with_many_blockers():
    outcome = api.assess_file(EARLY, gate=Gate(fail_on_blockers=True))
    (failure,) = outcome.report["gate"]["failures"]
    assert len(failure) > 150
    html = api.render(outcome, "html")
    card = re.search(r'<ul class="detail gate-failures">(.*?)</ul>', html, re.S).group(1)
    shown = re.findall(r"<li [^>]*>([^<]*)</li>", card)
    assert len(shown) == 1 and len(shown[0]) <= 90 and shown[0].endswith("…")


@pytest.mark.parametrize("format", ["html", "markdown"])
def test_pages_state_their_rules_and_name_no_uninstalled_file(format):
    text = api.render(api.assess_file(EARLY), format)
    assert "docs/scoring.md" not in text and "docs/portfolio.md" not in text
    assert "blockers come before majors before minors" in text
    assert "How the numbers are computed" in text and "weighted mean credit" in text


def test_markdown_summary_is_a_list_and_unanswered_items_name_each_id_once():
    outcome = api.assess_file(EARLY)
    text = api.render(outcome, "markdown")
    summary = text[text.index("## Executive summary") : text.index("## Dimensions")]
    assert "| |" not in summary and f"- **Readiness score:** {outcome.report['score']} / 100" in summary
    unanswered = text[text.index("### Unanswered questions") : text.index("## Roadmap")]
    for line in unanswered.splitlines():
        if line.startswith("- "):
            field = line[2:].split(":")[0]
            assert line.count(field) == 1, line
    assert "- deployment.rollback: A bad model can be rolled back automatically (major, criterion deploy.rollback)" in unanswered
