"""`--help` text written by readiness rather than by typer, so it reads the same with every typer release.

Typer's own help has changed across releases (`{MANIFEST}`, `<list[str]>`, `<float range>` placeholders in
recent ones); these command classes lay the help out from click's stable parameter attributes instead: the
usage line, the description, the arguments and the options with their explicit metavars and defaults.
The same classes give the parameters a lighter coercion before parsing (:mod:`readiness.cli.coercion`).
"""

from __future__ import annotations

import inspect

from typer.core import TyperCommand, TyperGroup


def _metavar(param) -> str:
    return param.metavar or param.name.upper()


def _usage(command, ctx) -> str:
    pieces = ["[OPTIONS]"] if any(p.param_type_name == "option" and not p.hidden for p in command.get_params(ctx)) else []
    for param in command.params:
        if param.param_type_name != "argument":
            continue
        name = _metavar(param) + ("..." if param.nargs == -1 else "")
        pieces.append(name if param.required else f"[{name}]")
    if isinstance(command, TyperGroup):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _extras(param) -> str:
    show = getattr(param, "show_default", None)
    default = param.default
    if isinstance(show, str):
        return f"  [default: {show}]"
    if show and default not in (None, False, (), []) and not callable(default) and not getattr(param, "is_flag", False):
        return f"  [default: {default}]"
    return ""


def _option_name(param) -> str:
    names = ", ".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
        names += " " + _metavar(param)
    return names


def format_help(command, ctx, formatter) -> None:
    formatter.write_usage(ctx.command_path, _usage(command, ctx))
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            for number, paragraph in enumerate(inspect.cleandoc(command.help).split("\n\n")):
                if number:
                    formatter.write_paragraph()
                formatter.write_text(" ".join(paragraph.split()))
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [
        (_metavar(p) + ("..." if p.nargs == -1 else ""), (getattr(p, "help", None) or "") + _extras(p))
        for p in params
        if p.param_type_name == "argument"
    ]
    options = [(_option_name(p), (p.help or "") + _extras(p)) for p in params if p.param_type_name == "option"]
    if arguments:
        with formatter.section("Arguments"):
            formatter.write_dl(arguments)
    if options:
        with formatter.section("Options"):
            formatter.write_dl(options)
    if isinstance(command, TyperGroup):
        subs = [
            (name, sub)
            for name in list(getattr(command, "commands", {})) or command.list_commands(ctx)
            if (sub := command.get_command(ctx, name)) is not None and not sub.hidden
        ]
        rows = [(name, sub.get_short_help_str(limit=formatter.width - 6 - max(len(n) for n, _ in subs))) for name, sub in subs]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class Command(TyperCommand):
    def format_help(self, ctx, formatter) -> None:
        format_help(self, ctx, formatter)

    def parse_args(self, ctx, args):
        return super().parse_args(ctx, _light(self, ctx, args))


class Group(TyperGroup):
    def format_help(self, ctx, formatter) -> None:
        format_help(self, ctx, formatter)

    def parse_args(self, ctx, args):
        return super().parse_args(ctx, _light(self, ctx, args))


def _light(command, ctx, args):
    """Parameters coerced without typer's per-option pydantic adapters (:mod:`readiness.cli.coercion`)."""
    from readiness.cli import coercion

    coercion.install(command, ctx)
    return args
