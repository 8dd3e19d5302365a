"""Writing reports so that a failure never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from readiness.common.errors import UsageError


def check_target(path: str | Path) -> None:
    """Refuse an output path that cannot be written, before any report of the run is written; missing folders are fine."""
    target = Path(path)
    existing = target.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"cannot write {target}: {existing} is not a folder", "give a path inside a folder")
    if target.is_dir():
        raise UsageError(f"cannot write {target}: it is a directory", "give a file name")


def write_atomic(path: str | Path, text: str) -> None:
    """Write to a temporary file in the target's folder, then rename it over the target.

    A symlink is followed (the file it points to is replaced, the link stays);
    a target that is not a regular file (``/dev/stdout``, a FIFO) cannot be
    replaced by a rename and is written to directly.
    """
    check_target(path)
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the folder of {path}: {exc.strerror or exc}", "check the path and its permissions") from None
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8")
    if target.exists() and not target.is_file():
        try:
            with open(target, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    folder = target.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}", "check the folder's permissions") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = os.stat(target).st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}", "check the path and free space") from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
