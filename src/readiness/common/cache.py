"""A small on-disk cache for what every run would otherwise rebuild: the compiled rubric, the manifest's validator, templates.

Entries are pickles (and Jinja's compiled templates, in ``jinja-*`` folders) in the platform's user cache folder
(``$READINESS_CACHE_DIR`` when set, else what ``platformdirs`` names: ``$XDG_CACHE_HOME/readiness`` or
``~/.cache/readiness`` on Linux, ``~/Library/Caches/readiness`` on macOS, ``%LOCALAPPDATA%\\readiness\\Cache`` on
Windows), named by a hash of the readiness version, a stamp of its code (:data:`readiness.CODE_STAMP`), the Python
version and the exact input text, so an entry is never trusted across versions, code edits or input edits.

Every failure (unwritable or full folder, corrupt, truncated or foreign file, a FIFO or a folder planted where an
entry belongs, a file others could have written) counts as a miss: the cache can make a run faster, never wrong or
broken. The folder is bounded: past :data:`MAX_ENTRIES` entries or :data:`MAX_BYTES` bytes the least recently
used entries are removed, so stale entries of earlier versions do not pile up. ``READINESS_NO_CACHE=1`` turns it
off; ``readiness cache clear`` empties it.

Behind the user folder sits a read-only one inside the installed package, ``readiness/prebuilt``: the entries a
build compiled for the bundled rubrics, the manifest validator and the bundled templates (``tools/prebuild.py``,
run by the wheel build). Its entries have the same names, so a first run on a fresh machine (an empty user
folder, as on every CI runner) finds them, and an entry whose key no longer matches the code, the Python, the
library versions or the input is never found. They are trusted as the package's own modules are.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from pathlib import Path

from readiness import CODE_STAMP, __version__

_MAGIC = "readiness-cache-1"
MAX_ENTRIES = 100
MAX_BYTES = 16 * 1024 * 1024
# A temporary file older than this was left by a run that was killed; younger ones may be another run's.
_STALE_TEMPORARY_SECONDS = 3600
_KINDS = ("rubric-", "validator-")


def enabled() -> bool:
    """Off with READINESS_NO_CACHE, and where the code cannot be stamped (a zip or a frozen app): keys would not tell builds apart."""
    return bool(CODE_STAMP) and not os.environ.get("READINESS_NO_CACHE")


def folder() -> Path:
    explicit = os.environ.get("READINESS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("readiness", appauthor=False))


def prebuilt_folder() -> Path:
    """The package's read-only entries; ``$READINESS_PREBUILT_DIR`` names another folder (for the build and its tests)."""
    explicit = os.environ.get("READINESS_PREBUILT_DIR")
    return Path(explicit) if explicit else Path(__file__).parents[1] / "prebuilt"


def digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in (__version__, CODE_STAMP, sys.version, *parts):
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def open_entry(path: str | Path, *, packaged: bool = False):
    """An entry opened for reading if it is a regular file this user wrote and nobody else can change, else None.

    Never blocks: a FIFO planted under an entry's name is opened without waiting for a writer and then refused.
    A hit counts as a use, for eviction. A ``packaged`` entry (the prebuilt folder) may belong to whoever installed
    the package, as its modules do, but no one else may be able to change it; it is never touched.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or not (status.st_mode & 0o002 == 0 if packaged else trusted(status)):
            os.close(fd)
            return None
        if not packaged:
            with contextlib.suppress(OSError, NotImplementedError):
                os.utime(fd)
        return os.fdopen(fd, "rb")
    except OSError:
        os.close(fd)
        return None


def get(kind: str, key: str):
    """The user folder's entry, else the package's prebuilt one (used even with READINESS_NO_CACHE: it is part of the release)."""
    name = f"{kind}-{key}.pickle"
    value = _load(folder() / name, key) if enabled() else None
    if value is None and CODE_STAMP:
        value = _load(prebuilt_folder() / name, key, packaged=True)
    return value


def _load(path: Path, key: str, packaged: bool = False):
    try:
        handle = open_entry(path, packaged=packaged)
        if handle is None:
            return None
        with handle:
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
        return
    evict(target)


def _entries(root: Path) -> list[tuple[float, int, Path]]:
    """(last use, size, path) of every file of ours in the folder: pickles, temporary files, compiled templates."""
    found = []
    try:
        with os.scandir(root) as listing:
            items = list(listing)
    except OSError:
        return []
    for item in items:
        try:
            if item.is_file(follow_symlinks=False) and (
                (item.name.startswith(_KINDS) and item.name.endswith(".pickle"))
                or (item.name.startswith(".") and item.name.endswith(".tmp"))
            ):
                status = item.stat(follow_symlinks=False)
                found.append((status.st_mtime, status.st_size, Path(item.path)))
            elif item.is_dir(follow_symlinks=False) and item.name.startswith("jinja-"):
                with os.scandir(item.path) as inner:
                    for entry in inner:
                        if entry.is_file(follow_symlinks=False) and entry.name.startswith("__jinja2_"):
                            status = entry.stat(follow_symlinks=False)
                            found.append((status.st_mtime, status.st_size, Path(entry.path)))
        except OSError:
            continue
    return found


def evict(root: Path | None = None, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> int:
    """Remove the least recently used entries until the folder holds at most ``max_entries`` and ``max_bytes``.

    Temporary files a killed run left behind go first. Returns how many files were removed; never raises.
    """
    root = folder() if root is None else root
    entries = sorted(_entries(root))
    now = time.time()
    removed = 0
    keep = []
    for used, size, path in entries:
        if path.name.endswith(".tmp") and now - used > _STALE_TEMPORARY_SECONDS:
            removed += _remove(path)
        else:
            keep.append((used, size, path))
    count, total = len(keep), sum(size for _, size, _ in keep)
    for _, size, path in keep:
        if count <= max_entries and total <= max_bytes:
            break
        if _remove(path):
            removed += 1
        count, total = count - 1, total - size
    _remove_empty_folders(root)
    return removed


def clear(root: Path | None = None) -> tuple[int, int]:
    """Remove every entry (and nothing else: the folder may be one the user named). Returns (files, bytes) removed."""
    root = folder() if root is None else root
    files = size = 0
    for _, entry_size, path in _entries(root) + _bytecode(root):
        if _remove(path):
            files += 1
            size += entry_size
    _remove_empty_folders(root)
    return files, size


def _bytecode(root: Path) -> list[tuple[float, int, Path]]:
    """The compiled modules :mod:`readiness.common.bytecode` keeps under ``pyc/`` (only ``.pyc`` files, never a link followed)."""
    found = []
    for folder_path, dirs, files in os.walk(root / "pyc"):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder_path, d))]
        for name in files:
            path = Path(folder_path, name)
            with contextlib.suppress(OSError):
                if name.endswith(".pyc") and path.is_file() and not path.is_symlink():
                    status = path.stat()
                    found.append((status.st_mtime, status.st_size, path))
    return found


def _remove(path: Path) -> int:
    try:
        os.unlink(path)
    except OSError:
        return 0
    return 1


def _remove_empty_folders(root: Path) -> None:
    try:
        for item in root.iterdir():
            if item.name.startswith("jinja-") and item.is_dir() and not item.is_symlink():
                with contextlib.suppress(OSError):
                    item.rmdir()
    except OSError:
        pass
    for folder_path, _, _ in sorted(os.walk(root / "pyc"), reverse=True):
        with contextlib.suppress(OSError):
            os.rmdir(folder_path)
