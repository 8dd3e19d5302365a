"""Organization rubrics: `extends:`, overrides, disabled and added criteria, typed extension facts."""

import json
import textwrap

import pytest

from conftest import ROOT, run_cli
from readiness import api
from readiness.common.errors import InputError
from readiness.rubric.load import load_rubric

HEALTH = ROOT / "rubrics" / "health-regulated.yaml"
CLAIMS = ROOT / "examples" / "organization" / "claims-triage.yaml"


def test_health_rubric_merges_onto_the_default():
    base, health = load_rubric(), load_rubric(HEALTH)
    assert (health.id, health.version) == ("health-regulated", "1.0.0")
    ids = [c.spec.id for c in health.criteria]
    assert "interop.build_vs_buy" not in ids
    assert ids[-3:] == ["health.phi_encrypted", "health.risk_analysis", "health.audit_retention"]
    assert len(ids) == len(base.criteria) - 1 + 3
    lineage = health.criterion("gov.lineage").spec
    assert (lineage.severity, lineage.phase) == ("blocker", "production_hardening")
    assert health.criterion("gov.lineage").tests == base.criterion("gov.lineage").tests
    assert {d.id: d.weight for d in health.spec.dimensions}["governance"] == 2.0


def test_example_assessed_with_the_organization_rubric():
    report = api.assess_file(CLAIMS, HEALTH).report
    statuses = {c["id"]: (c["status"], c["answer"]) for c in report["criteria"]}
    assert statuses["health.phi_encrypted"] == ("met", True)
    assert statuses["health.risk_analysis"] == ("partial", "completed")
    assert statuses["health.audit_retention"] == ("partial", 365)
    assert [b["id"] for b in report["blockers"]] == ["health.risk_analysis"]
    assert report["rubric"]["id"] == "health-regulated"


def test_extension_answers_are_type_checked(tmp_path):
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        CLAIMS.read_text()
        .replace("risk_analysis: completed", "risk_analysis: done")
        .replace("phi_encrypted_at_rest: true", "phi_encrypted_at_rst: true")
        .replace("audit_log_retention_days: 365", "audit_log_retention_days: a year")
    )
    with pytest.raises(InputError) as caught:
        api.assess_file(manifest, HEALTH)
    assert [d.format() for d in caught.value.diagnostics] == [
        f"error: {manifest}:109:3: unknown extension 'phi_encrypted_at_rst'\n  hint: did you mean 'phi_encrypted_at_rest'?",
        f"error: {manifest}:110:18: extensions.risk_analysis: 'done' is not an allowed value\n"
        "  hint: allowed values: none, planned, completed, reviewed_annually",
        f"error: {manifest}:111:29: extensions.audit_log_retention_days: expected a number, got 'a year'",
    ]


def test_default_rubric_rejects_extension_answers():
    from readiness.rubric.bundled import default_rubric_path

    result = run_cli("assess", CLAIMS, "--rubric", default_rubric_path())
    assert result.returncode == 2
    assert "unknown extension 'phi_encrypted_at_rest'\n  hint: rubric default declares no extensions" in result.stderr


def child(tmp_path, body: str, name: str = "org.yaml"):
    path = tmp_path / name
    path.write_text("format: 1\nextends: default\nid: org\nversion: '1'\ntitle: Org\n" + textwrap.dedent(body))
    return path


@pytest.mark.parametrize(
    "body, expected",
    [
        ("disable: [interop.nope]\n", "org.yaml:6:11: cannot disable unknown criterion 'interop.nope'"),
        ("disable: [deploy.automation]\n", "org.yaml:6:11: 'kpi.deployment_cycle' requires disabled criterion 'deploy.automation'"),
        ("overrides:\n  criteria:\n    gov.nope: {weight: 2}\n", "org.yaml:8:5: cannot override unknown criterion 'gov.nope'"),
        ("overrides:\n  criteria:\n    gov.lineage: {severity: fatal}\n", "org.yaml:8:29: overrides.criteria.gov.lineage.severity"),
        ("overrides:\n  criteria:\n    gov.lineage: {phase: later}\n", "org.yaml:8:26: unknown phase 'later'"),
        (
            "criteria:\n  - id: org.x\n    dimension: governance\n    title: X\n    rationale: Seed 002.\n    sources: ['002']\n"
            "    check: {field: extensions.sox_signed, equals: true}\n    weight: 1\n    severity: minor\n    phase: prototype\n"
            "    effort: S\n    remediation: Sign.\n",
            "org.yaml:12:20: extension field 'extensions.sox_signed' is not declared",
        ),
        ("extensions:\n  level_fact: {type: level}\n", "'values' is required for type level"),
        (
            "criteria:\n  - id: gov.lineage\n    dimension: governance\n    title: X\n    rationale: Seed 002.\n    sources: ['002']\n"
            "    check: {field: governance.lineage, at_least: complete}\n    weight: 1\n    severity: minor\n    phase: prototype\n"
            "    effort: S\n    remediation: Fix.\n",
            "org.yaml:7:9: duplicate criterion id 'gov.lineage'",
        ),
    ],
)
def test_extending_rubric_errors_point_into_the_extending_file(tmp_path, body, expected):
    path = child(tmp_path, body)
    with pytest.raises(InputError) as caught:
        load_rubric(path)
    assert expected in str(caught.value)


def test_extends_cycles_and_missing_bases(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nid: a\nversion: '1'\ntitle: A\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nid: b\nversion: '1'\ntitle: B\n")
    with pytest.raises(InputError, match="'extends' forms a cycle"):
        load_rubric(tmp_path / "a.yaml")
    (tmp_path / "c.yaml").write_text("extends: nowhere.yaml\nid: c\nversion: '1'\ntitle: C\n")
    with pytest.raises(InputError, match=r"c\.yaml:1:10: extended rubric .*nowhere\.yaml does not exist"):
        load_rubric(tmp_path / "c.yaml")


def test_overriding_requires_allows_disabling_a_requirement(tmp_path):
    path = child(
        tmp_path, "disable: [deploy.automation, deploy.rollback]\noverrides:\n  criteria:\n    kpi.deployment_cycle: {requires: []}\n"
    )
    assert load_rubric(path).criterion("deploy.automation") is None


def test_rubric_extending_a_file_relative_to_itself(tmp_path):
    (tmp_path / ".git").mkdir()  # a repository: `extends` may climb to its top, not beyond (issue 16)
    (tmp_path / "sub").mkdir()
    child(tmp_path, "overrides:\n  dimensions:\n    security: {weight: 3}\n", name="base.yaml")
    (tmp_path / "sub" / "team.yaml").write_text(
        "extends: ../base.yaml\nid: team\nversion: '2'\ntitle: Team\ndisable: [interop.build_vs_buy]\n"
    )
    team = load_rubric(tmp_path / "sub" / "team.yaml")
    assert {d.id: d.weight for d in team.spec.dimensions}["security"] == 3
    assert team.criterion("interop.build_vs_buy") is None


def test_rubric_show_prints_the_effective_rubric():
    result = run_cli("rubric", "show", "--rubric", HEALTH, "--format", "json")
    rubric = json.loads(result.stdout)
    assert "extends" not in rubric and rubric["id"] == "health-regulated"
    assert any(c["id"] == "health.phi_encrypted" for c in rubric["criteria"])
    assert rubric["extensions"]["risk_analysis"]["values"][-1] == "reviewed_annually"


def test_rubric_option_takes_a_bundled_id(tmp_path):
    from readiness.rubric.bundled import default_rubric_path

    by_id = run_cli("assess", CLAIMS, "--rubric", "health-regulated", "-f", "json")
    by_path = run_cli("assess", CLAIMS, "--rubric", default_rubric_path().parent / "health-regulated.yaml", "-f", "json")
    assert by_id.returncode in (0, 1), by_id.stderr
    assert by_id.stdout == by_path.stdout
    missing = run_cli("assess", CLAIMS, "--rubric", "health-regulatd")
    assert missing.returncode == 2
    assert missing.stderr == "error: health-regulatd: no such rubric\n  hint: did you mean 'health-regulated'?\n"
    unknown = run_cli("assess", CLAIMS, "--rubric", "mine")
    assert unknown.stderr == "error: mine: no such rubric\n  hint: check the path, or name a bundled rubric: default, health-regulated\n"
    elsewhere = run_cli("assess", CLAIMS, "--rubric", "rubrics/mine.yaml")
    assert elsewhere.stderr == "error: rubrics/mine.yaml: no such rubric\n  hint: check the path\n"


def test_a_file_named_like_a_bundled_rubric_wins(tmp_path):
    (tmp_path / "default").write_text("format: 1\nextends: default\nid: mine\nversion: '1'\ntitle: Mine\n")
    result = run_cli("assess", ROOT / "examples" / "enterprise-scale.yaml", "--rubric", "default", "-f", "json", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert '"id": "mine"' in result.stdout
