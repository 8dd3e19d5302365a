"""Standard streams and signals at the edges of a run: nothing the terminal or the shell does ends in a traceback.

* Output that the terminal's encoding cannot show (``PYTHONIOENCODING=ascii``, a latin-1 locale) degrades to
  ``?`` instead of failing the run.
* A reader that stops early (``readiness schema | head -1``) ends the run quietly with exit code 141, as for
  any command killed by SIGPIPE; a full disk behind standard output (``> /dev/full``) is an error line, exit 2.
* Ctrl-C (SIGINT) and SIGTERM unwind the run like an exception, so temporary files are removed and worker
  processes ended; the exit code is 130 or 143, as a shell reports a command killed by those signals.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_TERMINATED = 141, 130, 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so it unwinds like Ctrl-C (cleanup in ``finally`` and ``except BaseException``)."""

    exit_code = EXIT_TERMINATED


def _terminate(signum, frame) -> None:
    raise Terminated()


def configure() -> None:
    """Replaceable characters instead of UnicodeEncodeError; SIGTERM unwinds (only in the main thread, a CLI's)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGTERM, _terminate)


def silence_stdout() -> None:
    """The reader has gone: later writes and the flush at exit go nowhere instead of raising again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def exit_code_of(exc: BaseException) -> int:
    return getattr(exc, "exit_code", EXIT_INTERRUPTED)


def flush() -> int | None:
    """Flush standard output; the exit code to end with when that fails, else None."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        silence_stdout()
        sys.stderr.write(f"error: cannot write standard output: {exc.strerror or exc}\n")
        return 2
    return None
