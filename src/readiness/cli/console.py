"""What every command shares on the terminal: error lines, exit codes, colour, width, the date waivers are judged by.

No CLI framework is imported here, so library callers and tests can run a command's body directly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from readiness.common.errors import InputError, UsageError
from readiness.common.text import printable

EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2


def fail(message: str) -> None:
    """One message on standard error; each of its lines is escaped, so nothing it quotes can add a line of its own."""
    sys.stderr.write("\n".join(printable(line) for line in message.rstrip("\n").split("\n")) + "\n")


def run_guarded(debug: bool, action: Callable[[], int]) -> int:
    """Run ``action`` and return its exit code; every error becomes a message and code 2 unless --debug."""
    try:
        code = action()
        sys.stdout.flush()  # a full disk or a closed pipe behind standard output shows here, not at exit
        return code
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            fail(diagnostic.format())
        if os.environ.get("GITHUB_ACTIONS") == "true":
            from readiness.reports.github import diagnostic_annotation

            for diagnostic in exc.diagnostics:
                fail(diagnostic_annotation(diagnostic))
        if debug:
            raise
        return EXIT_INPUT
    except UsageError as exc:
        fail(exc.format())
        if debug:
            raise
        return EXIT_INPUT
    except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM (see readiness.cli.streams): cleanup has run on the way here
        if debug:
            raise
        return getattr(exc, "exit_code", 130)
    except BrokenPipeError:
        from readiness.cli.streams import EXIT_BROKEN_PIPE, silence_stdout

        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # every input file's errors are diagnostics already: this is output that cannot be written
        if debug:
            raise
        where = f"cannot write {exc.filename}" if exc.filename else "cannot write standard output"
        fail(f"error: {where}: {exc.strerror or exc}\n  hint: check free space and permissions")
        return EXIT_INPUT
    except Exception as exc:  # a bug of ours: say so plainly, keep the exit code contract
        if debug or type(exc).__module__.startswith(("click", "typer")):
            raise
        fail(f"error: internal error: {type(exc).__name__}: {exc}\n  hint: rerun with --debug and report the traceback")
        return EXIT_INPUT


def use_color(stream) -> bool:
    """NO_COLOR wins, then FORCE_COLOR; otherwise a terminal that is not TERM=dumb (which cannot show escapes)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and stream.isatty()


def terminal_width() -> int:
    try:
        return max(60, min(os.get_terminal_size().columns, 140))
    except OSError:
        return 100


def today(as_of: str | None):
    """The date waivers are judged against: --as-of, else SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    import datetime as dt

    if as_of is not None:
        try:
            return dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of!r} is not a date", "write it as YYYY-MM-DD") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None
    return dt.date.today()


def with_progress(work, total: int, verb: str = "assessing"):
    """Run ``work(progress)`` under a rich progress bar on standard error (terminals only; callers check)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(stderr=True), transient=True
    ) as bar:
        task = bar.add_task("assess", total=total)
        return work(lambda done, _total: bar.update(task, completed=done))
