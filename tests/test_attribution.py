"""Trends rescore reports with the engine's own rules: rescoring a report's own criteria gives back what `assess` reported."""

import pytest

from conftest import ROOT
from fixture import PILOT, RUBRIC
from readiness import api
from readiness.trends.attribution import _rescore, reported

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize(
    ("manifest", "rubric"), [(PILOT, RUBRIC)] + [(path, None) for path in EXAMPLES], ids=lambda p: getattr(p, "name", p)
)
def test_rescoring_a_report_reproduces_its_scores_and_phase(manifest, rubric):
    report = api.assess_file(manifest, rubric).report
    assert _rescore(report["criteria"], report) == reported(report)


def test_rescoring_follows_a_changed_status(tmp_path):
    """Not a tautology: an open blocker in the first phase drops the phase and the score the way the engine would."""
    report = api.assess_file(PILOT, RUBRIC).report
    first = report["roadmap"][0]["id"]
    rows = [dict(r, status="unmet", credit=0.0) if r["phase"] == first and r["severity"] == "blocker" else r for r in report["criteria"]]
    assert any(r is not s for r, s in zip(rows, report["criteria"], strict=True))
    rescored = _rescore(rows, report)
    assert rescored.phase == -1
    assert rescored.score <= report["score"]
