"""A manifest may name its rubric: assess, validate, interview and portfolio (over mixed folders) use it."""

import json
import textwrap

import pytest

from conftest import ROOT, run_cli
from readiness.rubric.named import sniff

ORG_RUBRIC = textwrap.dedent("""\
    extends: default
    id: org
    version: "1"
    title: Org
    extensions:
      risk_board: {type: level, values: [none, informal, formal], description: Our risk board reviewed the system.}
    """)


@pytest.fixture
def mixed(tmp_path):
    """Two folders: an organization's manifests naming its rubric, and a standard one."""
    (tmp_path / "org").mkdir()
    (tmp_path / "std").mkdir()
    (tmp_path / "org" / "org-rubric.yaml").write_text(ORG_RUBRIC)
    (tmp_path / "org" / "a.yaml").write_text(
        "version: 1\nrubric: org-rubric.yaml  # ours\nproject: {name: Org A}\nextensions: {risk_board: formal}\n"
    )
    (tmp_path / "std" / "b.yaml").write_text((ROOT / "examples" / "early-pilot.yaml").read_text())
    return tmp_path


def test_assess_scores_with_the_rubric_the_manifest_names(mixed):
    result = run_cli("assess", mixed / "org" / "a.yaml", "-f", "json", cwd=mixed)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rubric"]["id"] == "org"
    standard = run_cli("assess", "-", "-f", "json", input="version: 1\nrubric: default\nproject: {name: P}\n", cwd=mixed)
    assert json.loads(standard.stdout)["rubric"]["id"] == "default"


def test_command_line_beats_manifest_beats_configuration(mixed):
    (mixed / ".readiness.yaml").write_text("rubric: org/org-rubric.yaml\n")
    plain = mixed / "plain.yaml"
    plain.write_text("version: 1\nproject: {name: P}\n")
    assert json.loads(run_cli("assess", plain, "-f", "json", cwd=mixed).stdout)["rubric"]["id"] == "org"
    naming = mixed / "naming.yaml"
    naming.write_text("version: 1\nrubric: default\nproject: {name: P}\n")
    assert json.loads(run_cli("assess", naming, "-f", "json", cwd=mixed).stdout)["rubric"]["id"] == "default"
    forced = run_cli("assess", naming, "-f", "json", "--rubric", mixed / "org" / "org-rubric.yaml", cwd=mixed)
    assert json.loads(forced.stdout)["rubric"]["id"] == "org"


def test_a_rubric_name_that_leads_nowhere_is_located(tmp_path):
    manifest = tmp_path / "m.yaml"
    manifest.write_text("version: 1\nrubric: nowhere.yaml\nproject: {name: P}\n")
    result = run_cli("assess", manifest)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"error: {manifest}:2:9: rubric 'nowhere.yaml' not found\n  hint: a path relative to the manifest's folder"
    )
    assert "default, health-regulated" in result.stderr


def test_validate_takes_folders_globs_and_rubric(mixed):
    folder = run_cli("validate", mixed, cwd=mixed)
    assert folder.returncode == 0, folder.stderr
    assert sorted(folder.stdout.splitlines()) == [f"{mixed / 'org' / 'a.yaml'}: valid", f"{mixed / 'std' / 'b.yaml'}: valid"]
    globbed = run_cli("validate", "*/a.yaml", cwd=mixed)
    assert globbed.stdout == "org/a.yaml: valid\n"
    against_default = run_cli("validate", "org/a.yaml", "--rubric", ROOT / "rubrics" / "default.yaml", cwd=mixed)
    assert against_default.returncode == 2 and "unknown extension 'risk_board'" in against_default.stderr
    (mixed / "std" / "w.yaml").write_text(
        "version: 1\nproject: {name: W}\nwaivers: [{id: no.such, reason: r, owner: o, expires: 2030-01-01}]\n"
    )
    waiver = run_cli("validate", "std", cwd=mixed)
    assert waiver.returncode == 2 and "waiver for unknown criterion 'no.such'" in waiver.stderr


def test_portfolio_over_mixed_folders_reports_per_rubric(mixed):
    result = run_cli("portfolio", mixed, cwd=mixed)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("AI production readiness portfolio") == 2
    assert result.stdout.index("Rubric default") < result.stdout.index("Rubric org 1")
    written = run_cli("portfolio", mixed, "-o", mixed / "out" / "p.json", cwd=mixed)
    assert written.returncode == 0
    assert json.loads((mixed / "out" / "p.default.json").read_text())["totals"]["manifests"] == 1
    assert json.loads((mixed / "out" / "p.org.json").read_text())["rubric"]["id"] == "org"
    one = run_cli("portfolio", mixed / "org", "-o", mixed / "out" / "one.json", cwd=mixed)
    assert one.returncode == 0 and (mixed / "out" / "one.json").is_file()


def test_sniffing_reads_the_key_as_yaml_would(tmp_path):
    (tmp_path / "r.yaml").write_text("")
    assert sniff("version: 1\nrubric: 'r.yaml'   # quoted\n", tmp_path) == tmp_path / "r.yaml"
    assert sniff("version: 1\nrubric: r.yaml\n", tmp_path) == tmp_path / "r.yaml"
    assert sniff("version: 1\n  rubric: r.yaml\n", tmp_path) is None  # not top level
    assert sniff("version: 1\nrubric: default\n", tmp_path).name == "default.yaml"


def test_init_names_a_chosen_rubric_relative_to_the_manifest(mixed):
    result = run_cli("init", "new/m.yaml", "--rubric", "org/org-rubric.yaml", cwd=mixed)
    assert result.returncode == 0, result.stderr
    text = (mixed / "new" / "m.yaml").read_text()
    assert "\nrubric: ../org/org-rubric.yaml\n" in text and "\n  risk_board:\n" in text
    assert run_cli("validate", "new/m.yaml", cwd=mixed).returncode == 0


def test_grouping_reads_the_key_as_text_mode_would(tmp_path):
    """Only a file holding the word is decoded; CRLF, a lone CR and undecodable bytes read as text mode reads them."""
    from readiness.portfolio.groups import by_rubric

    (tmp_path / "r.yaml").write_text("")
    files = {
        "crlf.yaml": b"version: 1\r\nrubric: r.yaml\r\nproject: {name: a}\r\n",
        "cr.yaml": b"version: 1\rrubric: r.yaml\rproject: {name: b}\r",
        "latin.yaml": b"version: 1\nproject: {name: \xe9}\nrubric: r.yaml\n",
        "plain.yaml": b"version: 1\nproject: {name: c}\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    groups = by_rubric([tmp_path / name for name in files], None, None)
    assert groups == {
        (tmp_path / "r.yaml").resolve(): [tmp_path / n for n in ("crlf.yaml", "cr.yaml", "latin.yaml")],
        None: [tmp_path / "plain.yaml"],
    }
