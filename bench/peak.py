"""Peak resident memory of one command, measured from a small parent.

Usage: python bench/peak.py [--tree] TIMEOUT_SECONDS COMMAND...
Prints ``{"peak_kib": N, "returncode": N}``; the command's stdout is
discarded, its stderr passes through.

Why a separate parent: ``ru_maxrss`` from ``os.wait4`` is per child, but Linux
carries the high-water mark of the address space a process had *before* it
called exec into its ``ru_maxrss``. A command spawned by the benchmark
harness (a Python process that has generated inputs and holds results)
would report at least the harness's size. This helper imports almost
nothing, so its own size (about that of ``python -c pass``) is the floor.

``ru_maxrss`` of a child is the largest of it and the descendants it reaped,
not their sum. ``--tree`` also samples the memory of the whole process tree
from ``/proc`` (for commands that may run a process pool) and reports the
larger of the two. The tree is summed as proportional set size (PSS), which
splits a page shared by forked workers among them: summing RSS would count
every inherited copy-on-write page once per worker.
"""

import json
import os
import sys
import threading

TREE_SAMPLE_SECONDS = 0.02


def main(argv: list[str]) -> None:
    tree = argv[0] == "--tree"
    timeout, command = float(argv[tree]), argv[tree + 1 :]
    devnull = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0), (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    pid = os.posix_spawnp(command[0], command, os.environ, file_actions=devnull)
    killer = threading.Timer(timeout, os.kill, (pid, 9))
    killer.start()
    sampler = TreeSampler(pid) if tree else None
    _, status, usage = os.wait4(pid, 0)
    killer.cancel()
    peak = max(usage.ru_maxrss, sampler.stop() if sampler else 0)
    print(json.dumps({"peak_kib": peak, "returncode": os.waitstatus_to_exitcode(status)}))


class TreeSampler:
    """Samples the summed resident memory of a process and all its descendants until stopped."""

    def __init__(self, root: int):
        self.root = root
        self.peak_kib = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak_kib

    def _loop(self) -> None:
        while not self._done.wait(TREE_SAMPLE_SECONDS):
            self.peak_kib = max(self.peak_kib, tree_pss_kib(self.root))


def tree_pss_kib(root: int) -> int:
    """Proportional memory of ``root`` and its descendants now (0 for processes that are gone)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            parent = _parent(entry.name)
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += _pss_kib(pid)
        pending.extend(children.get(pid, ()))
    return total


def _parent(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # The command name may contain spaces and parentheses: parse after the last ')'.
            return int(stat.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


if __name__ == "__main__":
    main(sys.argv[1:])
