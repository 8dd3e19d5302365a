"""`readiness portfolio` through the installed command."""

import json
import shutil

from conftest import EXAMPLES, run_cli


def folder_of_examples(tmp_path, broken: bool = False):
    root = tmp_path / "pilots"
    (root / "team-b").mkdir(parents=True)
    for example in EXAMPLES:
        shutil.copy(example, root / example.name)
    shutil.copy(EXAMPLES[0], root / "team-b" / "copy.yaml")
    (root / "notes.yaml").write_text("just: some other yaml\n")
    if broken:
        (root / "team-b" / "broken.yaml").write_text("version: 1\nproject: {name: Broken, stage: beta}\n")
    return root


def test_portfolio_json_ranks_every_manifest(tmp_path):
    root = folder_of_examples(tmp_path)
    result = run_cli("portfolio", root, "-f", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["totals"]["manifests"] == len(EXAMPLES) + 1
    scores = [entry["score"] for entry in doc["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert result.stderr == ""  # no progress bar off a terminal


def test_one_broken_manifest_is_an_error_row_and_exit_1(tmp_path):
    root = folder_of_examples(tmp_path, broken=True)
    out = tmp_path / "portfolio.md"
    result = run_cli("portfolio", root, "-o", out)
    assert result.returncode == 1
    assert f"error: {root}/team-b/broken.yaml:2:32: project.stage: 'beta' is not an allowed value" in result.stderr
    text = out.read_text()
    assert text.startswith("# AI production readiness portfolio")
    assert "broken.yaml" in text


def test_portfolio_usage_errors(tmp_path):
    result = run_cli("portfolio", tmp_path / "nowhere")
    assert result.returncode == 2 and "nowhere" in result.stderr
    result = run_cli("portfolio", folder_of_examples(tmp_path), "-f", "sarif")
    assert result.returncode == 2 and "unknown format 'sarif'" in result.stderr


HARDENING = next(e for e in EXAMPLES if e.name == "production-hardening.yaml").read_text()
CLAIMS = """
evidence:
  deployment.experiment_tracking: [ci/*.yml]
  monitoring.service_metrics: [ops/dashboard.json]
"""


def repository_of_pilots(tmp_path, count: int = 3):
    """Pilots in one git work tree, each in its own folder; only the first has its CI evidence."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for index in range(count):
        folder = root / f"pilot-{index}"
        (folder / "ci").mkdir(parents=True)
        (folder / "readiness.yaml").write_text(HARDENING + CLAIMS)
        if index == 0:
            (folder / "ci" / "train.yml").write_text("on: push\n")
            (folder / "ops").mkdir()
            (folder / "ops" / "dashboard.json").write_text("{}\n")
    return root


def test_portfolio_verify_evidence_scores_like_assess_for_every_manifest(tmp_path):
    from readiness import api
    from readiness.portfolio.discover import discover
    from readiness.portfolio.run import assess_many

    root = repository_of_pilots(tmp_path)
    found = discover([root])
    serial = assess_many(found, verify_evidence=True, workers=1)
    parallel = assess_many(found, verify_evidence=True, workers=2)
    assert serial == parallel and serial.verified
    for result in serial.results:
        report = api.assess_file(result.manifest, verify_evidence=True).report
        assert (result.score, result.claimed_score) == (report["verification"]["verified_score"], report["verification"]["claimed_score"])
        assert result.unverified == len(report["verification"]["unverified"])
    first, second, _ = serial.results
    assert first.unverified < second.unverified and first.score > second.score
    assert assess_many(found).results[1].claimed_score is None


def test_portfolio_verify_evidence_through_the_command(tmp_path):
    root = repository_of_pilots(tmp_path)
    plain = json.loads(run_cli("portfolio", str(root), "-f", "json").stdout)
    assert plain["verification"] is None and {r["claimed_score"] for r in plain["ranking"]} == {None}
    result = run_cli(
        "portfolio",
        str(root),
        "-f",
        "json",
        "-f",
        "markdown",
        "-o",
        str(tmp_path / "p.json"),
        "-o",
        str(tmp_path / "p.md"),
        "--verify-evidence",
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "p.json").read_text())
    verification = doc["verification"]
    assert verification["projects_with_unverified_claims"] == 3  # the rubric wants evidence the first pilot does not give either
    assert (
        verification["claimed_mean_score"]
        == plain["totals"]["mean_score"]
        > verification["verified_mean_score"]
        == doc["totals"]["mean_score"]
    )
    assert "| Mean score claimed / verified by evidence |" in (tmp_path / "p.md").read_text()


def test_evidence_outside_the_repository_is_that_manifest_error_row(tmp_path):
    root = repository_of_pilots(tmp_path, count=2)
    (root / "pilot-1" / "readiness.yaml").write_text(HARDENING + "evidence:\n  data.validation: [../../../outside.yml]\n")
    result = run_cli("portfolio", str(root), "-f", "json", "--verify-evidence")
    doc = json.loads(result.stdout)
    assert result.returncode == 1 and doc["totals"]["assessed"] == 1
    assert "leaves the repository" in doc["errors"][0]["error"]


def test_portfolio_rows_carry_the_error_assess_reports_first(tmp_path):
    root = repository_of_pilots(tmp_path, count=2)
    manifest = root / "pilot-1" / "readiness.yaml"
    manifest.write_text(
        HARDENING + "evidence:\n  data.validation: [../../../outside.yml]\n"
        "waivers:\n  - {id: no.such_criterion, reason: r, owner: o, expires: 2030-01-01}\n"
    )
    assessed = run_cli("assess", str(manifest), "--verify-evidence")
    doc = json.loads(run_cli("portfolio", str(root), "-f", "json", "--verify-evidence").stdout)
    assert assessed.returncode == 2 and doc["errors"][0]["error"] == assessed.stderr.strip()


def test_an_internal_error_in_one_manifest_is_its_error_row(tmp_path, monkeypatch):
    from readiness.portfolio import run as portfolio

    root = repository_of_pilots(tmp_path, count=2)
    load = portfolio.load_manifest

    def failing_on_the_second(name, **options):
        if "pilot-1" in name:
            raise ZeroDivisionError("boom")
        return load(name, **options)

    monkeypatch.setattr(portfolio, "load_manifest", failing_on_the_second)
    result = portfolio.assess_many(portfolio.discover([root]), workers=1)
    assert [r.ok for r in result.results] == [True, False]
    assert "internal error: ZeroDivisionError: boom" in result.results[1].error
