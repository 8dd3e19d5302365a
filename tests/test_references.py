"""Reports name the source articles by title and publisher, never by an id no user-facing document defines (issue 15)."""

import json
import re
import textwrap

import pytest

from conftest import EXAMPLES, ROOT, run_cli
from readiness import api
from readiness.reports import registry
from readiness.reports.options import RenderOptions

SEED_NUMBER = re.compile(r"seeds? 0\d\d", re.IGNORECASE)
ORGANIZATION = ROOT / "examples" / "organization" / "claims-triage.yaml"
RUNS = [(example, None) for example in EXAMPLES] + [(ORGANIZATION, ROOT / "rubrics" / "health-regulated.yaml")]


def outcome_of(example, rubric=None):
    return api.assess_file(example, rubric)


@pytest.mark.parametrize("example, rubric", RUNS, ids=lambda p: getattr(p, "stem", "default"))
def test_no_report_format_speaks_of_seed_numbers(example, rubric):
    outcome = outcome_of(example, rubric)
    for format in registry.names(registry.ASSESSMENT):
        text = api.render(outcome, format, RenderOptions(color=False, width=100))
        assert SEED_NUMBER.search(text) is None, (format, SEED_NUMBER.search(text).group(0))


@pytest.mark.parametrize("rubric", [None, ROOT / "rubrics" / "health-regulated.yaml"], ids=["default", "health-regulated"])
def test_explain_names_every_source_by_title(rubric, capsys):
    from readiness.cli.commands import explain
    from readiness.rubric.load import load_rubric

    loaded = load_rubric(rubric)
    for criterion in loaded.criteria:
        assert explain(criterion.spec.id, rubric) == 0
        text = capsys.readouterr().out
        assert SEED_NUMBER.search(text) is None, criterion.spec.id
        for reference in loaded.references(criterion.spec.sources):
            assert reference.title in text and reference.byline in text, (criterion.spec.id, reference.id)


def test_schema_and_docs_do_not_speak_of_seed_numbers():
    assert SEED_NUMBER.search(json.dumps(api.manifest_schema())) is None
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        found = SEED_NUMBER.search(page.read_text(encoding="utf-8"))
        assert found is None, (page.name, found and found.group(0))


def cited_ids(report: dict) -> list[str]:
    return sorted({s for c in report["criteria"] for s in c["sources"]})


@pytest.mark.parametrize("example, rubric", RUNS, ids=lambda p: getattr(p, "stem", "default"))
def test_references_list_exactly_the_cited_articles_numbered_as_cited(example, rubric):
    outcome = outcome_of(example, rubric)
    report = outcome.report
    references = report["references"]
    assert sorted(r["id"] for r in references) == cited_ids(report)
    assert [r["number"] for r in references] == list(range(1, len(references) + 1))
    assert all(r["publisher"] or r["author"] for r in references)

    markdown = api.render(outcome, "markdown")
    section = markdown[markdown.index("\n## References\n") : markdown.index("\n---\n", markdown.index("\n## References\n"))]
    items = re.findall(r"^(\d+)\. (.*)$", section, re.M)
    assert [int(n) for n, _ in items] == [r["number"] for r in references]
    for (_, line), reference in zip(items, references, strict=True):
        assert line.replace("\\", "").startswith(reference["title"]), line
    html = api.render(outcome, "html")
    assert re.findall(r'<li id="ref-(\d+)"', html) == [str(r["number"]) for r in references]

    number = {r["id"]: r["number"] for r in references}
    for criterion in report["criteria"]:
        cited = ", ".join(str(n) for n in sorted(number[s] for s in set(criterion["sources"])))
        assert f"{criterion['id']}: {criterion['title']} [{cited}] |" in markdown.replace("\\", ""), criterion["id"]


def test_a_rubric_citing_some_articles_lists_only_those(tmp_path):
    """Numbering follows the rubric's order of references, not the bundled five: 004 and the rubric's own are 2 and 3."""
    from conftest import rubric_from

    rubric = rubric_from("""
        format: 1
        id: partial
        version: "1"
        title: Partial
        phases: [{id: prototype, name: Prototype, start_month: 0, end_month: 6}]
        dimensions: [{id: ops, name: Operations}]
        references:
          - {id: runbook, cite: The runbook, title: Operations runbook, publisher: Platform team}
        criteria:
          - {id: a.one, dimension: ops, title: One, rationale: r, sources: ["004", "002"], weight: 1, severity: major,
             phase: prototype, effort: S, remediation: Fix., check: {field: monitoring.drift_detection, at_least: automated}}
          - {id: a.two, dimension: ops, title: Two, rationale: r, sources: [runbook], weight: 1, severity: major,
             phase: prototype, effort: S, remediation: Fix., check: {field: data.validation, at_least: automated}}
    """)
    report = api.assess_file(ROOT / "examples" / "early-pilot.yaml", rubric).report
    assert [(r["number"], r["id"]) for r in report["references"]] == [(1, "002"), (2, "004"), (3, "runbook")]
    markdown = api.render(api.assess_file(ROOT / "examples" / "early-pilot.yaml", rubric), "markdown")
    assert "a.one: One [1, 2] |" in markdown and "a.two: Two [3] |" in markdown
    assert "3. Operations runbook. Platform team." in markdown
    assert "The Hidden Barrier" not in markdown


def test_an_unknown_source_is_a_located_error_with_a_suggestion(tmp_path):
    rubric = tmp_path / "org.yaml"
    rubric.write_text(
        textwrap.dedent("""\
        format: 1
        extends: default
        id: org
        version: "1"
        title: Org
        overrides:
          criteria:
            monitor.slo_alerting:
              sources: ["002", "0002"]
    """)
    )
    result = run_cli("assess", ROOT / "examples" / "early-pilot.yaml", "--rubric", rubric)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr == f"error: {rubric}:9:24: unknown source '0002'\n  hint: did you mean '002'?\n"
