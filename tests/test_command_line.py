"""Only the invoked command is built, and it is the same command the whole command line has."""

from __future__ import annotations

import pytest
import typer.main

from readiness.cli.app import app, command_line

NAMES = sorted(typer.main.get_command(app).commands)


def test_a_named_command_is_built_alone():
    assert list(command_line(["assess", "x.yaml"]).commands) == ["assess"]
    assert list(command_line(["rubric", "show"]).commands) == ["rubric"]
    assert sorted(command_line(["--version"]).commands) == NAMES
    assert sorted(command_line([]).commands) == NAMES
    assert sorted(command_line(["asess"]).commands) == NAMES  # a typo gets the whole line, and its suggestion


@pytest.mark.parametrize("name", NAMES)
def test_the_command_built_alone_is_the_whole_lines_command(name):
    alone, whole = command_line([name]).commands[name], typer.main.get_command(app).commands[name]
    assert [(p.name, p.opts, p.secondary_opts, p.default, p.required) for p in alone.params] == [
        (p.name, p.opts, p.secondary_opts, p.default, p.required) for p in whole.params
    ]
    assert _help(command_line([name]), name) == _help(typer.main.get_command(app), name)


def _help(root, name: str) -> str:
    Context = typer.main._click.Context
    command = root.commands[name]
    return command.get_help(Context(command, info_name=name, parent=Context(root, info_name="readiness")))
