"""--framework and --min-framework-coverage end to end: the CLI, the configuration, every report format and the portfolio."""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from conftest import ROOT, criterion_yaml, make_rubric, run_cli
from crosswalk_fixtures import PACK
from readiness import api
from readiness.common.text import display
from readiness.crosswalk import FrameworkGate, criterion_references, load_pack, select_packs
from readiness.portfolio import report as portfolio_report
from readiness.portfolio import run as portfolios
from readiness.reports import registry
from readiness.reports.options import RenderOptions
from readiness.rubric.load import load_rubric
from readiness.scoring.gate import Gate

RUBRIC = load_rubric()
JUNIT = xmlschema.XMLSchema(ROOT / "tests" / "data" / "junit-10.xsd")
PRODUCTION = "examples/production-hardening.yaml"  # NIST AI RMF evidenced 53.8%
ENTERPRISE = "examples/enterprise-scale.yaml"  # NIST AI RMF evidenced 86.5%


def outcome(manifest=PRODUCTION, frameworks=("nist-ai-rmf",), gates=()):
    packs = select_packs(frameworks, gates, RUBRIC)
    return api.assess_file(ROOT / manifest, RUBRIC, Gate(min_framework_coverage=tuple(gates)), frameworks=packs)


# ---------------------------------------------------------------- CLI


def test_framework_flag_adds_sections_to_the_json_report():
    result = run_cli("assess", PRODUCTION, "--framework", "nist-ai-rmf", "--framework", "eu-ai-act", "-f", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [f["id"] for f in report["frameworks"]] == ["eu-ai-act", "nist-ai-rmf"]
    assert report["gate"] is None
    everything = json.loads(run_cli("assess", PRODUCTION, "--framework", "all", "-f", "json").stdout)
    assert [f["id"] for f in everything["frameworks"]] == ["eu-ai-act", "iso-42001", "nist-ai-rmf", "owasp-llm-2025"]
    assert json.loads(run_cli("assess", PRODUCTION, "-f", "json").stdout)["frameworks"] == []


def test_the_framework_gate_fails_below_and_passes_above_the_minimum():
    failed = run_cli("assess", PRODUCTION, "--min-framework-coverage", "nist-ai-rmf=60", "-q")
    assert failed.returncode == 1
    assert "gate failed: framework nist-ai-rmf: 53.8% of the addressed requirements met or supported (28 of 52; 3 met)" in failed.stderr
    passed = run_cli("assess", ENTERPRISE, "--min-framework-coverage", "nist-ai-rmf=60", "-f", "json")
    assert passed.returncode == 0, passed.stderr
    report = json.loads(passed.stdout)
    assert report["gate"]["passed"] and report["gate"]["min_framework_coverage"] == {"nist-ai-rmf": 60.0}
    assert [f["id"] for f in report["frameworks"]] == ["nist-ai-rmf"]  # a gated pack is reported without --framework


@pytest.mark.parametrize(
    "args, message, hint",
    [
        (["--min-framework-coverage", "nist-ai-rmf:60"], "expects FRAMEWORK=PERCENT", "did you mean 'nist-ai-rmf=60'?"),
        (["--min-framework-coverage", "nist-ai-rmf=lots"], "'lots' is not a number", "percentage from 0 to 100"),
        (["--min-framework-coverage", "nist-ai-rmf=120"], "120 is not between 0 and 100", "percentage"),
        (["--min-framework-coverage", "nist-rmf=60"], "unknown framework 'nist-rmf'", "did you mean 'nist-ai-rmf'?"),
        (["--framework", "iso42001"], "unknown framework 'iso42001'", "did you mean 'iso-42001'?"),
    ],
)
def test_bad_framework_options_are_usage_errors(args, message, hint):
    result = run_cli("assess", PRODUCTION, *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr and hint in result.stderr


def test_a_pack_file_gated_by_its_path_is_judged_by_its_id(tmp_path):
    pack = tmp_path / "policy.yaml"
    pack.write_text(
        textwrap.dedent("""\
        format: 1
        id: model-risk-policy
        name: Model risk policy
        edition: MRP v3
        source: https://intranet.example/mrp
        version: "1"
        requirements:
          - {id: "MRP 4.1", title: Drift is watched}
        links:
          - {criterion: monitor.drift_detection, requirement: "MRP 4.1", relation: satisfies, rationale: Drift detection.}
        """),
        encoding="utf-8",
    )
    result = run_cli(
        "assess", ROOT / ENTERPRISE, "--framework", pack, "--min-framework-coverage", f"{pack}=100", "-f", "json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["gate"]["min_framework_coverage"] == {"model-risk-policy": 100.0}
    [section] = report["frameworks"]
    assert section["bundled"] is False and section["requirements"][0]["status"] == "met"


def test_the_project_configuration_sets_frameworks_and_gates(tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "iso.yaml").write_text(
        Path(load_pack("iso-42001").file).read_text(encoding="utf-8").replace("id: iso-42001", "id: iso-copy"), encoding="utf-8"
    )
    (tmp_path / ".readiness.yaml").write_text("frameworks: [packs/iso.yaml, owasp-llm-2025]\nmin_framework_coverage: {nist-ai-rmf: 60}\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    result = run_cli("assess", ROOT / PRODUCTION, "-f", "json", cwd=sub)  # the pack path is relative to the configuration
    assert result.returncode == 1 and "framework nist-ai-rmf" in result.stderr
    assert [f["id"] for f in json.loads(result.stdout)["frameworks"]] == ["iso-copy", "nist-ai-rmf", "owasp-llm-2025"]
    flags_win = run_cli(
        "assess", ROOT / PRODUCTION, "--framework", "eu-ai-act", "--min-framework-coverage", "nist-ai-rmf=50", "-f", "json", cwd=sub
    )
    assert flags_win.returncode == 0, flags_win.stderr
    assert [f["id"] for f in json.loads(flags_win.stdout)["frameworks"]] == ["eu-ai-act", "nist-ai-rmf"]
    (tmp_path / ".readiness.yaml").write_text("min_framework_coverage: {nist-ai-rmf: 160}\n")
    bad = run_cli("assess", ROOT / PRODUCTION, cwd=sub)
    assert bad.returncode == 2 and ".readiness.yaml:1:" in bad.stderr


def test_frameworks_command_lists_the_bundled_packs():
    result = run_cli("frameworks", "-f", "json")
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)["frameworks"]}
    assert sorted(rows) == ["eu-ai-act", "iso-42001", "nist-ai-rmf", "owasp-llm-2025"]
    for name, row in rows.items():
        pack = load_pack(name)
        assert row["requirements"] == len(pack.requirements) and row["edition"] == pack.edition
        assert row["addressed"] == len({link.requirement for link in pack.links})
    text = run_cli("frameworks").stdout
    assert "nist-ai-rmf: NIST AI Risk Management Framework" in text and "edition:" in text


# ---------------------------------------------------------------- report formats


def test_every_format_says_what_coverage_is_not_and_repeats_the_declared_tier(tmp_path):
    manifest = tmp_path / "m.yaml"
    manifest.write_text("version: 1\nproject: {name: Loans}\ngovernance: {eu_ai_act_risk: high_risk_annex_iii}\n", encoding="utf-8")
    result = api.assess_file(manifest, RUBRIC, frameworks=select_packs(["eu-ai-act"], (), RUBRIC))
    statement = result.report["frameworks"][0]["declared"]["statement"]
    assert "Annex III" in statement
    for format in ("text", "markdown", "html"):
        text = " ".join(api.render(result, format, RenderOptions(width=400)).split())
        assert "not a compliance assessment" in text, format
        assert "does not classify" in text, format
        assert "high_risk_annex_iii" in text.replace("high\\_risk\\_annex\\_iii", "high_risk_annex_iii"), format
        assert "Art. 27(1)" in text, format


def test_text_lists_requirement_ids_whole_and_out_of_scope_ones_as_not_applicable():
    text = api.render(outcome(frameworks=("eu-ai-act",)), "text", RenderOptions(width=60))
    section = text[text.index("Frameworks:") :]
    assert "Art.\n" not in section  # identifiers never break across lines
    not_applicable = section[section.index("Not applicable (2)") :].splitlines()[1]
    assert not_applicable.split() == ["Art.", "50(2),", "Art.", "50(4)"]


def test_junit_has_a_valid_suite_per_framework_consistent_with_the_statuses():
    result = outcome(frameworks=("iso-42001", "nist-ai-rmf"), gates=(FrameworkGate("nist-ai-rmf", 60),))
    text = api.render(result, "junit")
    JUNIT.validate(text)
    root = ET.fromstring(text)
    suites = {s.get("id"): s for s in root.findall("testsuite")}
    for section in result.report["frameworks"]:
        suite = suites[f"framework-{section['id']}"]
        cases = suite.findall("testcase")
        assert [c.get("name").split(": ")[0] for c in cases] == [r["id"] for r in section["requirements"]]
        statuses = [(r["status"], r["in_scope"]) for r in section["requirements"]]
        gated = section["id"] == "nist-ai-rmf" and section["figures"]["evidenced_percent"] < 60  # only a failed gate shows red
        failing = sum(1 for s, scope in statuses if scope and s in ("partial", "gap", "unanswered")) if gated else 0
        assert int(suite.get("failures")) == failing == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("skipped")) == sum(1 for s, scope in statuses if s in ("not_covered", "not_applicable") or not scope)
        properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
        assert properties["evidenced_percent"] == display(section["figures"]["evidenced_percent"])
        assert ("min_framework_coverage" in properties) is (section["id"] == "nist-ai-rmf")
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in root.findall("testsuite"))
    gate = suites["gate"].find("testcase/failure")
    assert gate is not None and "framework nist-ai-rmf" in gate.get("message")


def test_sarif_rules_carry_framework_identifiers_as_properties_and_tags():
    result = outcome(frameworks=("all",))
    log = json.loads(api.render(result, "sarif"))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    expected = criterion_references(select_packs(["all"], (), RUBRIC), RUBRIC)
    for criterion, rule in rules.items():
        assert rule["properties"].get("frameworks") == expected.get(criterion), criterion
        tags = [t for t in rule["properties"]["tags"] if ":" in t]
        assert tags == [f"{r['framework']}:{r['requirement']}" for r in expected.get(criterion, [])]
    assert "nist-ai-rmf:MEASURE 2.4" in rules["monitor.drift_detection"]["properties"]["tags"]
    assert [f["id"] for f in log["runs"][0]["properties"]["frameworks"]] == ["eu-ai-act", "iso-42001", "nist-ai-rmf", "owasp-llm-2025"]
    plain = json.loads(api.render(api.assess_file(ROOT / PRODUCTION), "sarif"))
    assert all("frameworks" not in r["properties"] for r in plain["runs"][0]["tool"]["driver"]["rules"])


# ---------------------------------------------------------------- portfolio


def _fixture_portfolio(tmp_path, workers=1):
    criteria = [
        criterion_yaml("ops.drift", "{field: monitoring.drift_detection, at_least: automated, partial: [{at_least: manual, credit: 0.5}]}"),
        criterion_yaml("ops.audit", "{field: governance.audit_trail, at_least: complete}"),
        criterion_yaml("ops.docs", "{field: governance.model_documentation, equals: true}"),
        criterion_yaml(
            "ops.filter", "{field: security.output_filtering, equals: true}", applies_if="{field: project.uses_generative_ai, equals: true}"
        ),
    ]
    rubric = make_rubric(*criteria)
    pack_path = tmp_path / "pack.yaml"
    pack_path.write_text(textwrap.dedent(PACK), encoding="utf-8")
    projects = {"a": ("none", False), "b": ("none", True), "c": ("automated", True), "d": ("manual", True)}
    for name, (drift, docs) in projects.items():
        (tmp_path / f"{name}.yaml").write_text(
            f"version: 1\nproject: {{name: {name}}}\nmonitoring: {{drift_detection: {drift}}}\n"
            f"governance: {{audit_trail: complete, model_documentation: {str(docs).lower()}}}\n",
            encoding="utf-8",
        )
    packs = select_packs([str(pack_path)], (), rubric)
    paths = sorted(tmp_path.glob("[abcd].yaml"))
    return rubric, packs, paths, portfolios.assess_many(paths, rubric, frameworks=packs, workers=workers)


def test_the_portfolio_counts_each_requirement_as_the_projects_reports_do(tmp_path):
    rubric, packs, paths, result = _fixture_portfolio(tmp_path)
    doc = portfolio_report.document(result)
    [summary] = doc["frameworks"]
    assert summary["id"] == "fixture" and summary["projects"] == 4
    expected: dict[str, dict[str, int]] = {}
    evidenced = []
    for path in paths:
        section = api.assess_file(path, rubric, frameworks=packs).report["frameworks"][0]
        evidenced.append(section["figures"]["evidenced_percent"])
        for r in section["requirements"]:
            status = r["status"] if r["in_scope"] or r["status"] == "not_applicable" else "not_applicable"
            expected.setdefault(r["id"], {}).setdefault(status, 0)
            expected[r["id"]][status] += 1
    for row in summary["requirements"]:
        counted = {s: n for s, n in row.items() if isinstance(n, int) and n}
        assert counted == expected[row["id"]], row["id"]
    first = summary["requirements"][0]
    assert (first["id"], first["gap"], first["gap_projects"]) == (
        "R-1",
        2,
        [str(paths[0]).replace("\\", "/"), str(paths[1]).replace("\\", "/")],
    )
    assert summary["evidenced_percent"]["min"] == min(evidenced) and summary["evidenced_percent"]["max"] == max(evidenced)
    assert summary["not_covered"] == 1


def test_the_portfolio_framework_section_in_every_format_and_in_parallel(tmp_path):
    _, _, _, serial = _fixture_portfolio(tmp_path)
    _, _, _, parallel = _fixture_portfolio(tmp_path, workers=2)
    doc = portfolio_report.document(serial)
    assert doc == portfolio_report.document(parallel)
    for format, needle in (("markdown", "## Coverage per framework"), ("html", 'id="frameworks"'), ("text", "Coverage per framework")):
        text = registry.render(registry.PORTFOLIO, format, doc, RenderOptions(width=200))
        assert needle in text and "not a compliance assessment" in text and "R-1" in text, format
    assert json.loads(registry.render(registry.PORTFOLIO, "json", doc))["frameworks"] == json.loads(json.dumps(doc["frameworks"]))
    without = portfolio_report.document(portfolios.assess_many(sorted(tmp_path.glob("[abcd].yaml")), serial.rubric))
    assert without["frameworks"] == []
    assert "Coverage per framework" not in registry.render(registry.PORTFOLIO, "markdown", without)


def test_portfolio_cli_framework_flag():
    result = run_cli("portfolio", "examples/early-pilot.yaml", "examples/enterprise-scale.yaml", "--framework", "nist-ai-rmf", "-f", "json")
    assert result.returncode == 0, result.stderr
    [summary] = json.loads(result.stdout)["frameworks"]
    assert summary["id"] == "nist-ai-rmf" and summary["projects"] == 2
    single = [
        json.loads(run_cli("assess", example, "--framework", "nist-ai-rmf", "-f", "json").stdout)["frameworks"][0]
        for example in ("examples/early-pilot.yaml", "examples/enterprise-scale.yaml")
    ]
    each = sorted(section["figures"]["evidenced_percent"] for section in single)
    assert [summary["evidenced_percent"]["min"], summary["evidenced_percent"]["max"]] == each


def test_readme_quotes_the_real_framework_output():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = re.search(
        r"\$ readiness assess examples/production-hardening.yaml --framework nist-ai-rmf "
        r"--min-framework-coverage nist-ai-rmf=60\n \.\.\.\n(.*?)\n \.\.\.\n(.*?)```",
        readme,
        re.S,
    )
    golden = (ROOT / "tests" / "golden" / "frameworks" / "production-hardening.nist-ai-rmf.txt").read_text(encoding="utf-8")
    assert quoted and quoted.group(1) + "\n" in golden and golden.endswith(quoted.group(2))
