"""A small on-disk cache for what every run would otherwise rebuild: the compiled rubric and the manifest's validator.

Entries are pickles in the user cache folder (``$READINESS_CACHE_DIR``, else
``$XDG_CACHE_HOME/readiness``, else ``~/.cache/readiness``), named by a hash
of the readiness version, a stamp of its code (:data:`readiness.CODE_STAMP`),
the Python version and the exact input text, so an entry is never trusted
across versions, code edits or input edits. Every failure (unwritable
folder, corrupt or foreign file, a file others could have written) counts as a miss: the cache can make a run
faster, never wrong or broken. ``READINESS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from readiness import CODE_STAMP, __version__

_MAGIC = "readiness-cache-1"


def enabled() -> bool:
    """Off with READINESS_NO_CACHE, and where the code cannot be stamped (a zip or a frozen app): keys would not tell builds apart."""
    return bool(CODE_STAMP) and not os.environ.get("READINESS_NO_CACHE")


def folder() -> Path:
    explicit = os.environ.get("READINESS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "readiness"


def digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in (__version__, CODE_STAMP, sys.version, *parts):
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def get(kind: str, key: str):
    if not enabled():
        return None
    try:
        with open(folder() / f"{kind}-{key}.pickle", "rb") as handle:
            if not trusted(os.fstat(handle.fileno())):
                return None
            magic, stored_key, value = pickle.load(handle)
    except Exception:
        return None
    return value if magic == _MAGIC and stored_key == key else None


def trusted(status: os.stat_result) -> bool:
    """Only an entry this user wrote and nobody else can change is loaded: loading a pickle or compiled code can run code."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def put(kind: str, key: str, value) -> None:
    if not enabled():
        return
    try:
        target = folder()
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=target)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((_MAGIC, key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target / f"{kind}-{key}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:
        pass
