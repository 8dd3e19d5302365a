"""Whole-process measurements of one command: wall time, and peak memory with its exit status.

Wall time is taken with ``time.perf_counter`` around spawn and reap, so it
is what a CI step or a pre-commit hook pays; CPU time comes from the same reap. Peak memory is measured in a
separate, untimed run under ``peak.py`` (see there why it cannot come from
the timed runs' own ``os.wait4``).

Children get the caller's environment minus the ``PYTHON*`` variables that
change how an interpreter behaves (``PYTHONDONTWRITEBYTECODE`` above all: with
it set, every run of an editable install recompiles the package from source,
which no installed user pays). ``PYTHONPATH`` and ``PYTHONHOME`` are kept.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PEAK = Path(__file__).with_name("peak.py")
KEPT_PYTHON_VARIABLES = {"PYTHONPATH", "PYTHONHOME"}
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") or k in KEPT_PYTHON_VARIABLES}


@dataclass(frozen=True)
class Peak:
    peak_kib: int
    returncode: int
    stderr: str


def seconds(argv: list[str], cwd: Path, timeout: float, extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and CPU time of one run, stdout and stderr discarded (the exit status was checked by :func:`peak`).

    CPU time is user plus system time of the process and of every process it waited for (a portfolio's
    workers), from the kernel's accounting at reap (``os.wait4``): it does not depend on a free second core.

    The timeout is enforced by a timer thread, not by ``subprocess``'s own
    ``timeout=``: that one polls the child with sleeps of up to 50 ms, which
    rounds every measured time up to the next poll.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env={**ENV, **(extra_env or {})}, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if not killer.is_alive():
        raise subprocess.TimeoutExpired(argv, timeout)
    killer.cancel()
    return elapsed, usage.ru_utime + usage.ru_stime


def peak(argv: list[str], cwd: Path, timeout: float, *, tree: bool = False, extra_env: dict[str, str] | None = None) -> Peak:
    """Peak resident memory, exit code and stderr of one run under ``peak.py``."""
    helper = [sys.executable, str(PEAK), *(["--tree"] if tree else []), str(timeout), *argv]
    with tempfile.TemporaryFile() as err:
        done = subprocess.run(
            helper, cwd=cwd, env={**ENV, **(extra_env or {})}, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err
        )
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if done.returncode != 0:
        return Peak(0, done.returncode, stderr)
    result = json.loads(done.stdout)
    return Peak(result["peak_kib"], result["returncode"], stderr)
