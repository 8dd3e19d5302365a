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
