"""`--help` of every command, snapshot-tested: readiness lays it out itself, so it reads the same with every typer release.

Regenerate after an intended change with:  python -m pytest tests/test_help.py --update-golden
"""

import re

import pytest
import typer

from conftest import ROOT, run_cli
from readiness.cli.app import app

GOLDEN = ROOT / "tests" / "golden" / "help"


def command_paths(command=None, prefix=()):
    command = command or typer.main.get_command(app)
    yield prefix
    for name in getattr(command, "commands", {}):
        yield from command_paths(command.commands[name], prefix + (name,))


PATHS = sorted(command_paths())


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "readiness")
def test_help_matches_its_snapshot(path, update_golden):
    result = run_cli(*path, "--help", env={"COLUMNS": "80"})
    assert result.returncode == 0 and result.stderr == ""
    golden = GOLDEN / ("-".join(("readiness",) + path) + ".txt")
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert golden.exists(), f"missing {golden}: run python -m pytest tests/test_help.py --update-golden"
    assert result.stdout == golden.read_text(encoding="utf-8"), f"{golden.name} differs; if intended, regenerate and review the diff"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "readiness")
def test_help_has_no_framework_placeholders(path):
    text = (GOLDEN / ("-".join(("readiness",) + path) + ".txt")).read_text(encoding="utf-8")
    assert not re.search(r"[{<][A-Za-z_]|\brange>|list\[", text), text
    assert text.startswith(f"Usage: readiness {' '.join(path)}".rstrip() + " ")


def test_every_command_has_a_snapshot_and_no_snapshot_is_stale():
    expected = {"-".join(("readiness",) + p) + ".txt" for p in PATHS}
    assert {p.name for p in GOLDEN.glob("*.txt")} == expected


def test_short_options_h_and_v():
    assert run_cli("assess", "-h", env={"COLUMNS": "80"}).stdout == run_cli("assess", "--help", env={"COLUMNS": "80"}).stdout
    assert run_cli("-h", env={"COLUMNS": "80"}).stdout.startswith("Usage: readiness [OPTIONS] COMMAND [ARGS]...")
    version = run_cli("-V")
    assert version.returncode == 0 and version.stdout == run_cli("--version").stdout and version.stdout.startswith("readiness ")
