"""What a run says about the reports it produced: one line per file written, and each failure said once.

A failed gate, a regression or a portfolio's error row is part of the text report; when that report went to
standard output, repeating it on standard error would show it twice on a terminal.
"""

from __future__ import annotations

from pathlib import Path

from readiness.cli.console import fail


def wrote(target: Path, format: str) -> None:
    """The summary line of a report written to a file (standard error: standard output may be a report)."""
    fail(f"wrote {target} ({format})")


def said_on_stdout(rendered, quiet: bool) -> bool:
    """Whether a text report, which states gate failures and error rows itself, went to standard output."""
    return not quiet and any(target is None and name == "text" for name, _, target in rendered)
