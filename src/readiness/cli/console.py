"""What every command shares on the terminal: error lines, exit codes, colour, width, the date waivers are judged by.

No CLI framework is imported here, so library callers and tests can run a command's body directly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from readiness.common.errors import InputError, UsageError

EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2


def fail(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def run_guarded(debug: bool, action: Callable[[], int]) -> int:
    """Run ``action`` and return its exit code; every error becomes a message and code 2 unless --debug."""
    try:
        return action()
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
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # a bug of ours: say so plainly, keep the exit code contract
        if debug or type(exc).__module__.startswith(("click", "typer")):
            raise
        fail(f"error: internal error: {type(exc).__name__}: {exc}\n  hint: rerun with --debug and report the traceback")
        return EXIT_INPUT


def use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


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
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
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

    with Progress(TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("assess", total=total)
        return work(lambda done, _total: bar.update(task, completed=done))
