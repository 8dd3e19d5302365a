"""The terminal report lists the unanswered questions (field and points) and as many next steps as asked."""

import re

from conftest import ROOT, criterion_yaml, make_rubric, run_cli
from readiness import api
from readiness.input.source import parse
from readiness.manifest.load import parse_manifest
from readiness.reports.options import RenderOptions
from readiness.scoring.gate import Gate

RUBRIC = make_rubric(
    *[
        criterion_yaml(f"ops.c{i}", f"{{field: {field}, equals: true}}", weight=w)
        for i, (field, w) in enumerate(
            [
                ("data.schema_contracts", 1),
                ("data.versioned_datasets", 3),
                ("security.secrets_management", 2),
                ("monitoring.incident_runbooks", 1),
                ("governance.metadata_catalog", 4),
                ("kpis.p95_latency_ms", 1),
            ]
        )
    ][:5],
    criterion_yaml("ops.kpi", "{field: kpis.p95_latency_ms, below: 50}", weight=1),
)


def render(manifest: str, **options) -> str:
    document = parse(manifest, "m.yaml")
    outcome = api.assess_manifest(parse_manifest(document), document, RUBRIC, Gate())
    return api.render(outcome, "text", RenderOptions(**options))


def test_unanswered_questions_are_listed_with_field_and_points_most_first():
    text = render("version: 1\nproject: {name: P}\ndata: {schema_contracts: false}\n")
    section = text.split("Unanswered questions (5)")[1].split("\n\n")[0]
    rows = re.findall(r"\? +\+([\d.]+) (\S+)  (.+)", section)
    assert [r[1] for r in rows] == [
        "governance.metadata_catalog",
        "data.versioned_datasets",
        "security.secrets_management",
        "monitoring.incident_runbooks",
        "kpis.p95_latency_ms",
    ]
    points = [float(r[0]) for r in rows]
    assert points == sorted(points, reverse=True) and points[0] == 33.3  # weight 4 of 12
    assert "data.schema_contracts" not in section


def test_steps_cut_says_how_many_more():
    manifest = "version: 1\nproject: {name: P}\n"
    default = render(manifest)
    assert len(re.findall(r"^ +\d\. ", default, re.M)) == 5
    assert "    1 more step: --steps N or --all lists them" in default
    assert "    1 more question: --steps N or --all lists them" in default  # 6 questions, 5 shown
    every = render(manifest, steps=None)
    assert len(re.findall(r"^ +\d\. ", every, re.M)) == 6 and "more step" not in every
    two = render(manifest, steps=2)
    assert "4 more steps" in two and "4 more questions" in two


def test_plurals():
    from readiness.common.text import counted

    assert [counted(1, "point"), counted(2.5, "point"), counted(0, "manifest"), counted(1, "criterion", "criteria")] == [
        "1 point",
        "2.5 points",
        "0 manifests",
        "1 criterion",
    ]


def test_the_open_column_says_what_it_counts():
    text = render("version: 1\nproject: {name: P}\ndata: {schema_contracts: false}\n")
    assert "Open: applicable criteria not yet met (partial, unmet, unverified or unanswered)" in " ".join(text.split())
    row = next(line for line in text.splitlines() if line.startswith("Ops"))
    assert row.split()[-3:] == ["0", "6", "5"]  # met, open (1 unmet + 5 unanswered), unanswered


def test_cli_steps_and_all():
    example = str(ROOT / "examples" / "early-pilot.yaml")
    seven = run_cli("assess", example, "--steps", "7")
    assert len(re.findall(r"^ +\d+\. ", seven.stdout, re.M)) == 7
    every = run_cli("assess", example, "--all")
    assert "more step" not in every.stdout and "more question" not in every.stdout
    assert run_cli("assess", example, "--steps", "0").returncode == 2
