"""Compiled bytecode for an installation that has none: an installer that skips compiling, plus PYTHONDONTWRITEBYTECODE.

Without bytecode Python compiles every module of readiness, typer, pydantic and PyYAML again at every start,
which more than doubles a run (docs/performance.md). When the package's own modules were loaded without
compiled files beside them, and none could be written there, the run keeps compiled files in the user cache
folder instead (``pyc/`` under it, through :data:`sys.pycache_prefix`), never next to the sources: a source
tree the user keeps free of ``__pycache__`` stays free of it. An installation with bytecode is left alone.
"""

from __future__ import annotations

import importlib.util
import os
import sys


def ensure() -> None:
    """Called before the heavy imports of a run; ``READINESS_NO_CACHE`` turns it off with the rest of the cache."""
    if sys.pycache_prefix is not None or os.environ.get("READINESS_NO_CACHE"):
        return
    marker = os.path.join(os.path.dirname(os.path.dirname(__file__)), "cli", "__init__.py")
    try:
        if os.path.exists(importlib.util.cache_from_source(marker)):
            return
    except (NotImplementedError, ValueError):
        return
    if not sys.dont_write_bytecode and os.access(os.path.dirname(marker), os.W_OK):
        return  # Python writes the package's bytecode beside it on this run
    from readiness.common import cache

    if not cache.enabled():
        return
    target = cache.folder() / "pyc"
    try:
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return
    sys.pycache_prefix = str(target)
    sys.dont_write_bytecode = False
