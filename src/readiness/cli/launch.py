"""The `readiness` entry point: answer the commands CI runs most without importing typer.

`readiness --version` and a well-formed `readiness assess ...` are parsed
here with argparse (a few milliseconds) and run through
:mod:`readiness.cli.runner`; everything else (help, completion, other commands,
and any argument this parser does not accept) goes to the typer application
in :mod:`readiness.cli.app`, which owns the error messages. tests/test_launch.py
checks that both parsers know the same options.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys


class _Declined(Exception):
    """The fast parser does not take these arguments; typer will, with its own message."""


def _assess_parser():
    import argparse
    from pathlib import Path

    class Parser(argparse.ArgumentParser):
        def error(self, message):
            raise _Declined(message)

    parser = Parser(prog="readiness assess", add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("manifest")
    parser.add_argument("--rubric", "-r", type=Path)
    parser.add_argument("--format", "-f", dest="formats", action="append", default=[])
    parser.add_argument("--output", "-o", dest="outputs", action="append", type=Path, default=[])
    parser.add_argument("--min-score", type=float)
    parser.add_argument("--min-phase")
    parser.add_argument("--fail-on-blockers", action="store_const", const=True)
    parser.add_argument("--no-fail-on-blockers", dest="fail_on_blockers", action="store_const", const=False)
    parser.add_argument("--template-dir", type=Path)
    parser.add_argument("--verify-evidence", action="store_const", const=True)
    parser.add_argument("--no-verify-evidence", dest="verify_evidence", action="store_const", const=False)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--fail-on-regression", action="store_true")
    parser.add_argument("--strict-regression", action="store_true")
    parser.add_argument("--as-of")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--no-config", action="store_true")
    parser.add_argument("--quiet", "-q", action="store_true")
    parser.add_argument("--debug", action="store_true")
    return parser


def parse_assess(args: list[str]):
    """An AssessRequest for arguments this fast path fully understands, else None (typer takes over)."""
    if any(a in ("--help", "-h") or a.startswith("--help") for a in args):
        return None
    import argparse

    try:
        parsed, unknown = _assess_parser().parse_known_args(args)
    except (_Declined, argparse.ArgumentError):
        return None
    if unknown or (parsed.min_score is not None and not 0 <= parsed.min_score <= 100):
        return None
    from readiness.cli.runner import AssessRequest

    return AssessRequest(**vars(parsed))


def main() -> None:
    """Run the command line; the collector stays off on the fast path, a short run whose objects all live to the end.

    Start-up allocates a few hundred thousand objects (pydantic, the compiled
    rubric), none of them garbage: with the cyclic collector on, it walks them
    repeatedly, and once more at interpreter exit, for a tenth of the run's
    time (issue 7). Freezing them at exit skips that last walk; the memory is
    the operating system's to reclaim. A caller's collector setting is restored.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        _dispatch(sys.argv[1:], collecting)
    finally:
        if collecting:
            gc.enable()


def _dispatch(args: list[str], collecting: bool) -> None:
    if args == ["--version"]:
        from readiness import __version__

        sys.stdout.write(f"readiness {__version__}\n")
        return
    if args[:1] == ["assess"] and not any(k.endswith("_COMPLETE") for k in os.environ):
        request = parse_assess(args[1:])
        if request is not None:
            from readiness.cli.runner import assess, run_guarded

            code = run_guarded(request.debug, lambda: assess(request))
            sys.stdout.flush()
            _freeze_at_exit()
            sys.exit(code)
    if collecting:
        gc.enable()  # the other commands include long portfolio runs
    from readiness.cli.app import main as typer_main

    _freeze_at_exit()
    typer_main()  # exits


def _freeze_at_exit() -> None:
    """Freeze what is left when the interpreter exits; registered only by a command that is about to end the process."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
