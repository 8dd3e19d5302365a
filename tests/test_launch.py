"""The start-up fast path: same options as the typer command, and no heavy imports on the JSON path."""

import subprocess
import sys

import pytest
import typer

from conftest import ROOT
from readiness.cli.app import app
from readiness.cli.launch import _assess_parser, main, parse_assess

PROBE = """
import sys
sys.argv = ["readiness"] + sys.argv[1:]
from readiness.cli.launch import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'jinja2', 'typer', 'click'})
sys.stderr.write(f"exit={code} heavy={','.join(heavy)}\\n")
"""


def probe(*args: str) -> str:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT)
    return result.stderr.strip().splitlines()[-1]


def test_fast_path_knows_every_option_of_the_typer_command():
    command = typer.main.get_command(app).commands["assess"]
    typer_options = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts) if opt.startswith("-")}
    fast_options = {opt for action in _assess_parser()._actions for opt in action.option_strings}
    assert fast_options == typer_options


def test_json_assessment_imports_no_typer_rich_or_jinja(tmp_path):
    assert probe("assess", "examples/early-pilot.yaml", "-f", "json", "-o", str(tmp_path / "r.json")) == "exit=0 heavy="
    assert probe("--version") == "exit=0 heavy="


def test_markdown_needs_jinja_only():
    assert probe("assess", "examples/early-pilot.yaml", "-f", "markdown", "-q") == "exit=0 heavy=jinja2"


@pytest.mark.parametrize(
    "args",
    [["--help"], ["examples/x.yaml", "--min-score", "120"], ["examples/x.yaml", "--frobnicate"], [], ["examples/x.yaml", "--min-score", "high"]],
)
def test_anything_unusual_goes_to_typer(args):
    assert parse_assess(args) is None


def test_fast_path_parses_repeated_reports_and_flags():
    request = parse_assess(["m.yaml", "-f", "markdown", "-o", "r.md", "--format", "json", "--output", "r.json",
                            "--no-fail-on-blockers", "--min-phase", "2", "-q"])
    assert request.formats == ["markdown", "json"] and [str(o) for o in request.outputs] == ["r.md", "r.json"]
    assert request.fail_on_blockers is False and request.min_phase == "2" and request.quiet
    assert parse_assess(["m.yaml"]).fail_on_blockers is None


def test_main_turns_the_collector_back_on(monkeypatch, capsys):
    import gc

    monkeypatch.setattr("sys.argv", ["readiness", "--version"])
    main()
    assert gc.isenabled() and capsys.readouterr().out.startswith("readiness ")


def test_main_leaves_a_disabled_collector_disabled(monkeypatch, capsys):
    import gc

    monkeypatch.setattr("sys.argv", ["readiness", "--version"])
    gc.disable()
    try:
        main()
        assert not gc.isenabled()
    finally:
        gc.enable()
