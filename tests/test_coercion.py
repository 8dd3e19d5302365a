"""The light argument coercion returns exactly what typer's own returns, or leaves the value to typer."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from conftest import ROOT, run_cli
from readiness.cli import coercion
from readiness.cli.app import app

# Typer 0.29 coerces through pydantic adapters on a ``_TyperParameter``; earlier releases through click types.
ADAPTERS = hasattr(typer.main, "_click") and hasattr(getattr(typer.core, "_TyperParameter", None), "get_runtime_param")

SAMPLES = {
    str: ["x", "-", "", "näme with spaces", "5"],
    Path: ["a.yaml", ".", "", "-", "out/r.md", str(Path(__file__))],
    int: ["5", "0", "007", "-1", "1.5", "x", "", "99999", 5, 1],
    float: ["60", "60.5", "0", "100", "100.5", "-3", "1e2", "nan", ".5", "5.", 60, 60.5],
    bool: [True, False],
}


def _commands(command, path=()):
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, path + (name,))


def _parameters():
    root = typer.main.get_command(app)
    for path, command in _commands(root):
        ctx = typer.main._click.Context(command, info_name=" ".join(path) or "readiness")
        for param in command.get_params(ctx):
            if hasattr(param, "type_descriptor"):
                yield pytest.param(command, ctx, param, id="/".join(path + (param.name,)))


def _outcome(runtime, value, param, ctx):
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("value", type(result).__name__, result)


def _values(param):
    annotation = param.type_descriptor.annotation
    item = getattr(annotation, "__args__", (annotation,))[0] if getattr(annotation, "__origin__", None) is list else annotation
    samples = SAMPLES.get(item, ["x", ""])
    if param.multiple or param.nargs == -1:
        return [None, (), *[(v,) for v in samples], tuple(samples[:3])]
    return [None, *samples]


@pytest.mark.skipif(
    not ADAPTERS,
    reason="this typer coerces through click types, not pydantic adapters: nothing to replace",
)
@pytest.mark.parametrize(("command", "ctx", "param"), list(_parameters()))
def test_light_coercion_agrees_with_typer(command, ctx, param):
    from typer._coercion import build_runtime_param

    light = coercion.LightCoercion(param.type_descriptor)
    own = build_runtime_param(param.type_descriptor)
    for value in _values(param):
        assert _outcome(light, value, param, ctx) == _outcome(own, value, param, ctx), value


def test_install_replaces_only_unbuilt_typer_parameters():
    root = typer.main.get_command(app)
    command = root.commands["assess"]
    ctx = typer.main._click.Context(command)
    coercion.install(command, ctx)
    params = command.get_params(ctx)
    if ADAPTERS:
        assert all(isinstance(p._runtime_param, coercion.LightCoercion) for p in params if hasattr(p, "type_descriptor"))
    else:
        assert not any(hasattr(p, "_runtime_param") for p in params)


def test_an_out_of_range_value_gets_typers_own_message():
    result = run_cli("assess", "examples/enterprise-scale.yaml", "--min-score", "101", cwd=ROOT)
    assert result.returncode == 2
    own = "Input should be less than or equal to 100" if ADAPTERS else "101.0 is not in the range 0<=x<=100"
    assert result.stderr == f"error: invalid value for '--min-score': {own}\n  hint: see: readiness assess --help\n"
