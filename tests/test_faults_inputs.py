"""Issue 16: hostile inputs that hung, flooded, crashed or misjudged; each now ends in a verdict or a located diagnostic."""

import json
import os
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, criterion_yaml, make_rubric, run_cli
from readiness import api
from readiness.common.errors import MAX_DIAGNOSTICS, InputError
from readiness.input.source import parse
from readiness.manifest.load import parse_manifest
from readiness.portfolio import run as portfolios
from test_evidence_waivers import write_manifest

EX = ROOT / "examples" / "production-hardening.yaml"
ON_POSIX = sys.platform != "win32"


def manifest_error(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_manifest(parse(text, "m.yaml"))
    return str(caught.value)


# ---------------------------------------------------------------- wrong verdicts: strict types


@pytest.mark.parametrize("value", ["false", "true", "'85'", '"7"', "yes", "'0'"])
def test_a_boolean_or_a_string_is_never_a_number(value):
    message = manifest_error(f"version: 1\nproject: {{name: x}}\nkpis: {{deployment_cycle_days: {value}}}\n")
    assert "kpis.deployment_cycle_days: input should be a number" in message


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "1", "0", "'true'"])
def test_only_true_and_false_are_booleans(value):
    message = manifest_error(f"version: 1\nproject: {{name: x, uses_gpus: {value}}}\n")
    assert "project.uses_gpus: input should be true or false" in message


def test_yaml_1_1_spellings_get_a_hint():
    assert "YAML 1.2" in manifest_error("version: 1\nproject: {name: x, uses_gpus: yes}\n")


def test_integers_are_numbers():
    manifest = parse_manifest(parse("version: 1\nproject: {name: x}\nkpis: {deployment_cycle_days: 7, p95_latency_ms: 12.5}\n", "m.yaml"))
    assert manifest.kpis.deployment_cycle_days == 7 and manifest.kpis.p95_latency_ms == 12.5


def test_a_false_cycle_time_no_longer_meets_the_kpi(tmp_path):
    path = write_manifest(tmp_path, "kpis:\n  deployment_cycle_days: false\n")
    with pytest.raises(InputError):
        api.assess_file(path)


def test_an_impossible_date_is_not_told_to_quote_the_value():
    message = manifest_error("version: 1\nproject: {name: x}\nwaivers:\n  - {id: a.b, reason: r, owner: o, expires: 2023-02-30}\n")
    assert "quote" not in message and "YYYY-MM-DD" in message


def test_one_bad_extension_value_is_one_diagnostic_without_union_tags():
    message = manifest_error("version: 1\nproject: {name: x}\nextensions: {risk: [1, 2]}\n")
    assert message.count("error:") == 1 and "[" not in message.split("extensions.risk", 1)[1].split("got", 1)[0]


def test_duplicate_waivers_are_refused():
    text = "version: 1\nproject: {name: x}\nwaivers:\n" + "  - {id: a.b, reason: r, owner: o, expires: 2030-01-01}\n" * 2
    assert "m.yaml:5:10: criterion 'a.b' is waived twice (first on line 4)" in manifest_error(text)


def test_a_bad_escape_in_a_closed_string_is_not_an_unclosed_quote():
    with pytest.raises(InputError) as caught:
        parse('name: "a\\q"\n', "m.yaml")
    assert "unclosed" not in str(caught.value) and "escape" in str(caught.value)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "~\n"])
def test_an_empty_manifest_is_located(text):
    assert manifest_error(text).startswith("error: m.yaml:1:1: the manifest is empty")


def test_the_version_hint_is_for_manifests_only(tmp_path):
    rubric = tmp_path / "r.yaml"
    rubric.write_text("- a\n")
    result = run_cli("rubric", "validate", rubric)
    assert result.returncode == 2 and "version: 1" not in result.stderr


# ---------------------------------------------------------------- floods


def test_100k_unknown_keys_are_capped_and_fast(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("version: 1\nproject: {name: x}\n" + "".join(f"k{i}: 1\n" for i in range(100_000)))
    started = time.perf_counter()
    result = run_cli("validate", path)
    assert result.returncode == 2 and time.perf_counter() - started < 20
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == MAX_DIAGNOSTICS + 1 and lines[-1].endswith(f"and {100_000 - MAX_DIAGNOSTICS} more problems not shown")


def test_thousands_of_identical_evidence_globs_are_walked_once(tmp_path, monkeypatch):
    refs = "".join("    - '**/*.md'\n" for _ in range(4600))
    path = Path(write_manifest(tmp_path, f"evidence:\n  monitoring.service_metrics:\n{refs}"))
    (path.parent / "docs").mkdir()
    (path.parent / "docs" / "runbook.md").write_text("x")
    from readiness.common import walk

    calls = []
    real = walk.glob
    monkeypatch.setattr(walk, "glob", lambda *a, **k: calls.append(a) or real(*a, **k))
    api.assess_file(path, verify_evidence=True)
    assert len(calls) == 1


# ---------------------------------------------------------------- hangs: symlinks and FIFOs


@pytest.mark.skipif(not ON_POSIX, reason="symlinks")
def test_evidence_globs_do_not_follow_link_loops_or_leave_through_links(tmp_path):
    path = Path(write_manifest(tmp_path, "evidence:\n  monitoring.service_metrics: ['**/*.md']\n"))
    folder = path.parent
    (folder / "a").symlink_to(".")
    (folder / "b").symlink_to(".")
    (folder / "docs").mkdir()
    (folder / "docs" / "rootlink").symlink_to("/")
    (folder / "docs" / "x.md").write_text("x")
    started = time.perf_counter()
    report = api.assess_file(path, verify_evidence=True).report
    assert time.perf_counter() - started < 10
    refs = report["verification"]["references"]
    assert refs[0]["found"] is True


def test_the_manifests_own_folder_is_not_a_pattern(tmp_path):
    folder = tmp_path / "app" / "[id]"
    folder.mkdir(parents=True)
    (tmp_path / "app" / "i").mkdir()
    (tmp_path / "app" / "i" / "proof.md").write_text("decoy")
    path = folder / "readiness.yaml"
    path.write_text(EX.read_text().split("\nevidence:")[0] + "\nevidence:\n  monitoring.service_metrics: [proof.md]\n")
    report = api.assess_file(path, verify_evidence=True).report
    assert report["verification"]["references"][0]["found"] is False
    (folder / "proof.md").write_text("real")
    assert api.assess_file(path, verify_evidence=True).report["verification"]["references"][0]["found"] is True


@pytest.mark.skipif(not ON_POSIX, reason="FIFOs")
@pytest.mark.parametrize("option", ["--rubric", "--config", "--baseline"])
def test_a_fifo_given_as_an_input_file_is_refused_not_waited_on(tmp_path, option):
    fifo = tmp_path / ("x.json" if option == "--baseline" else "x.yaml")
    os.mkfifo(fifo)
    result = run_cli("assess", EX, option, fifo)
    assert result.returncode == 2 and "not a regular file" in result.stderr


@pytest.mark.skipif(not ON_POSIX, reason="FIFOs")
def test_a_fifo_in_a_portfolio_folder_is_skipped(tmp_path):
    (tmp_path / "a.yaml").write_text(EX.read_text())
    os.mkfifo(tmp_path / "b.yaml")
    assert [p.name for p in portfolios.discover([tmp_path])] == ["a.yaml"]


@pytest.mark.skipif(not ON_POSIX, reason="symlinks")
def test_a_file_reached_twice_is_assessed_once(tmp_path):
    p = tmp_path / "p"
    p.mkdir()
    (p / "a.yaml").write_text(EX.read_text())
    (p / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "q").symlink_to("p")
    (p / "self").symlink_to(".")
    os.link(p / "a.yaml", p / "hard.yaml")
    for given in (
        [tmp_path],
        [p, tmp_path / "q"],
        [str(tmp_path / "**" / "*.yaml")],
        [p / "a.yaml", tmp_path / "q" / "a.yaml", p / "b.yaml"],
    ):
        found = portfolios.discover(given)
        assert len(found) == 1, (given, found)
        assert found[0].name == "a.yaml"


def test_an_unreadable_folder_is_an_error_row(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.yaml").write_text(EX.read_text())
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = portfolios.discover([tmp_path])
    assert [p.name for p in found] == ["locked", "a.yaml"] or [p.name for p in found] == ["a.yaml", "locked"]
    monkeypatch.undo()
    result = portfolios.assess_many(found)
    errors = [r for r in result.results if not r.ok]
    assert len(errors) == 1 and "cannot search this folder" in errors[0].error


# ---------------------------------------------------------------- crashes: rubrics, baselines, configuration, templates


@pytest.mark.parametrize("weight", [".inf", "1e308", "5e-324", "-1", "true", "'2'"])
def test_rubric_weights_are_bounded(weight):
    with pytest.raises(InputError, match="weight"):
        make_rubric(criterion_yaml("ops.a", "{field: deployment.rollback, at_least: manual}", weight=weight))


@pytest.mark.parametrize("operand", ["9" * 400, "1e400", ".inf", "1e13"])
def test_rubric_operands_are_bounded(operand):
    with pytest.raises(InputError):
        make_rubric(criterion_yaml("ops.a", f"{{field: kpis.p95_latency_ms, below: {operand}}}"))


def test_rubric_months_and_format_are_bounded_and_strict(tmp_path):
    from conftest import PHASES

    base = (
        "id: t\nversion: '1'\ntitle: T\nPHASES_HEREdimensions:\n  - {id: ops, name: Ops}\ncriteria:\n"
        + criterion_yaml("ops.a", "{field: deployment.rollback, at_least: manual}")
        + "\n"
    )
    for phases, message in (
        (PHASES.replace("end_month: 36", "end_month: " + "1" * 310), "end_month"),
        (PHASES.replace("start_month: 36", "start_month: 1e309"), "start_month"),
    ):
        path = tmp_path / "r.yaml"
        path.write_text(base.replace("PHASES_HERE", phases))
        result = run_cli("rubric", "validate", path)
        assert result.returncode == 2 and message in result.stderr and "internal error" not in result.stderr
    path.write_text("format: true\n" + base.replace("PHASES_HERE", PHASES))
    assert "format: input should be a valid integer" in run_cli("rubric", "validate", path).stderr


@pytest.mark.parametrize("target", ["/etc/passwd", "../outside.yaml", "/x/.env", "secrets.env"])
def test_extends_is_confined_and_never_quotes_another_file(tmp_path, target):
    (tmp_path / "outside.yaml").write_text("AWS_SECRET_ACCESS_KEY=abc123\n")
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "secrets.env").write_text("AWS_SECRET_ACCESS_KEY=abc123\n")
    rubric = folder / "r.yaml"
    rubric.write_text(f"extends: {target}\nid: r\nversion: '1'\ntitle: R\n")
    result = run_cli("rubric", "validate", rubric)
    assert result.returncode == 2 and "abc123" not in result.stderr and "root:" not in result.stderr


def test_a_yaml_file_that_is_no_rubric_is_not_quoted(tmp_path):
    (tmp_path / "creds.yaml").write_text("password: hunter2\n")
    (tmp_path / "bad.yaml").write_text("token: 'abc\n")
    rubric = tmp_path / "r.yaml"
    for target in ("creds.yaml", "bad.yaml"):
        rubric.write_text(f"extends: {target}\nid: r\nversion: '1'\ntitle: R\n")
        result = run_cli("rubric", "validate", rubric)
        assert result.returncode == 2 and "hunter2" not in result.stderr and "abc" not in result.stderr


@pytest.mark.parametrize(
    "text, message",
    [
        ("[" * 200_000 + "]" * 200_000, "nesting deeper than 64 levels"),
        ('{"score": ' + "9" * 5000 + "}", "digits"),
        ('{"score": NaN}', "NaN is not a JSON number"),
        ('{"score": Infinity}', "Infinity is not a JSON number"),
        ('{"score": 1e999}', "out of range"),
        ('{"a": 1, "a": 2}', "duplicate key"),
    ],
    ids=["deep", "digits", "nan", "infinity", "overflow", "duplicate"],
)  # short ids: pytest 8.0 puts the id in the environment
def test_hostile_baseline_json_is_a_diagnostic(tmp_path, text, message):
    path = tmp_path / "b.json"
    path.write_text(text)
    result = run_cli("diff", path, path)
    assert result.returncode == 2 and message in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda r: r["blockers"].append({"id": "nope"}), "blocker 'nope' is not in criteria"),
        (lambda r: r["criteria"][0].update(credit=1e308), "criteria.0.credit"),
        (lambda r: r["criteria"][0].update(weight=1e308), "criteria.0.weight"),
        (lambda r: r.update(score=True), "score"),
    ],
)
def test_inconsistent_or_extreme_baselines_are_located_diagnostics(tmp_path, edit, message):
    report = api.assess_file(EX).report
    edit(report)
    path = tmp_path / "b.json"
    path.write_text(json.dumps(report, indent=2))
    result = run_cli("diff", path, EX, "-f", "json")
    assert result.returncode == 2 and message in result.stderr and "internal error" not in result.stderr


def test_diff_json_never_writes_nan(tmp_path):
    report = api.assess_file(EX).report
    path = tmp_path / "b.json"
    path.write_text(json.dumps(report))
    result = run_cli("diff", path, EX, "-f", "json")
    assert result.returncode == 0 and "NaN" not in result.stdout and json.loads(result.stdout)


def test_a_deeply_nested_pyproject_is_a_diagnostic(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.readiness]\nx = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run_cli("assess", EX, cwd=tmp_path)
    assert result.returncode == 2 and "nested too deeply" in result.stderr


def test_a_toml_config_is_read_as_toml(tmp_path):
    config = tmp_path / "other.toml"
    config.write_text("[tool.readiness]\nmin_score = 99\n")
    result = run_cli("assess", EX, "-q", "--config", config)
    assert result.returncode == 1 and "gate failed" in result.stderr


def test_a_comment_naming_the_table_does_not_make_a_configuration(tmp_path):
    (tmp_path / ".readiness.yaml").write_text("min_score: 99\n")
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "pyproject.toml").write_text('# settings live in [tool.readiness] at the root\n[project]\nname = "x"\n')
    result = run_cli("assess", EX, "-q", cwd=package)
    assert result.returncode == 1 and "gate failed" in result.stderr


def test_config_min_phase_takes_a_number_like_the_command_line(tmp_path):
    (tmp_path / ".readiness.yaml").write_text("min_phase: 4\n")
    result = run_cli("assess", EX, "-q", cwd=tmp_path)
    assert result.returncode == 1 and "gate failed" in result.stderr


def test_a_runtime_error_in_an_override_template_names_the_template_and_line(tmp_path):
    templates = tmp_path / "templates" / "markdown"
    templates.mkdir(parents=True)
    (templates / "report.md.j2").write_text("# {{ report.project.name }}\n\n{{ 1 / 0 }}\n")
    result = run_cli("assess", EX, "-f", "markdown", "--template-dir", tmp_path / "templates")
    assert result.returncode == 2 and "internal error" not in result.stderr
    assert "report.md.j2:3" in result.stderr and "division by zero" in result.stderr
