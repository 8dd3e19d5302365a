"""Command-line usage errors (a missing argument, an unknown option) in the project's one error style.

typer and click print their own boxed or `Usage: … Error: …` blocks; `readiness` runs them in non-standalone
mode and reports their exceptions here as `error: …` lines with a hint, exit code 2, like every other error.
Classes are recognised by name, because typer has moved click into its own package across versions.
"""

from __future__ import annotations

import sys
from typing import Any, cast

EXIT_USAGE = 2


def _kinds(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__ if cls.__module__.startswith(("click", "typer"))}


def is_cli_exception(exc: BaseException) -> bool:
    return bool(_kinds(exc) & {"ClickException", "Abort"})


def message(exc: BaseException) -> tuple[str, str | None]:
    """The error line and its hint for a click/typer exception."""
    from readiness.common.suggest import did_you_mean

    kinds = _kinds(exc)
    ctx = getattr(exc, "ctx", None)
    help_hint = f"see: {ctx.command_path} --help" if ctx is not None else "see: readiness --help"
    if "NoSuchOption" in kinds:
        possibilities = sorted(getattr(exc, "possibilities", None) or ())
        name = getattr(exc, "option_name", "")
        close = did_you_mean(name, possibilities, cutoff=0.5) if possibilities else None
        return f"no such option: {name}", f"{close} ({help_hint})" if close else help_hint
    text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    text = text.strip()
    cut = text.lower().find(". did you mean")
    text = (text if cut < 0 else text[:cut]).rstrip(".")
    text = text[:1].lower() + text[1:]
    if text.startswith("no such command") and ctx is not None and hasattr(ctx.command, "list_commands"):
        word = text.split("'")[1] if "'" in text else ""
        close = did_you_mean(word, ctx.command.list_commands(ctx))
        return text, f"{close} ({help_hint})" if close else help_hint
    return text, help_hint


def report(exc: BaseException) -> int:
    """Print a usage exception in the project's style; the exit code (2, or 130 for an interrupt)."""
    kinds = _kinds(exc)
    if "Abort" in kinds:
        sys.stderr.write("error: interrupted\n")
        return 130
    if "NoArgsIsHelpError" in kinds:  # click >= 8.2: the bare command shows its help
        ctx = cast(Any, exc).ctx  # recognised by name, so typed only as BaseException; this class always has one
        sys.stdout.write(ctx.get_help() + "\n")
        return 0
    text, hint = message(exc)
    sys.stderr.write(f"error: {text}\n" + (f"  hint: {hint}\n" if hint else ""))
    return EXIT_USAGE
