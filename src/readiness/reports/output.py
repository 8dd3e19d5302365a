"""Writing reports so that a failed run writes nothing: every report of a run is replaced together, or none is.

A run may write several reports (``-f json -o a.json -f markdown -o b.md``). Each file report is first written
in full to a temporary file beside its target; reports to a stream or a device are written next; only when all
of that succeeded are the temporary files renamed over their targets. A target that cannot be written (a
read-only folder, a name too long, a directory) is refused before any report is rendered. Missing folders of a
target are created when the reports are staged, and removed again if the run fails.

Targets that are not files are never renamed over: ``-``, ``/dev/stdout`` and ``/dev/fd/1`` are standard output
(which the shell may have redirected to a log that must keep its contents), ``/dev/stderr`` is standard error,
and a character device or a FIFO is opened and written directly. A symlink is followed: the file it points to
is replaced and the link stays (``init --force`` too).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from readiness.common.errors import UsageError
from readiness.common.text import printable

STDOUT, STDERR = "stdout", "stderr"
_STREAMS = {
    "-": STDOUT,
    "/dev/stdout": STDOUT,
    "/dev/fd/1": STDOUT,
    "/proc/self/fd/1": STDOUT,
    "/dev/stderr": STDERR,
    "/dev/fd/2": STDERR,
    "/proc/self/fd/2": STDERR,
}
# A report's text: whole, or in pieces rendered as they are read (readiness.reports.registry.stream).
Text = str | Iterable[str]
# Pieces are joined to at least this many characters before they are encoded and written.
_PIECE = 1 << 20
# A report in pieces for a stream or device stays in memory up to this many characters, then in a temporary file.
_SPOOL_IN_MEMORY = 8 << 20
# Temporary names keep this much of the target's name: a 255-byte name plus a prefix would not fit.
_NAME_PART = 40


@dataclass(frozen=True)
class Target:
    """Where one report goes: ``stream`` (stdout or stderr), ``direct`` (a device or FIFO) or ``file`` (renamed into place)."""

    given: str
    kind: str
    path: Path | None = None
    stream: str | None = None

    @property
    def identity(self) -> tuple:
        """Equal for two spellings of one place: ``r.json`` and ``$PWD/r.json``, a symlink and its file, a hard link."""
        if self.kind == "stream":
            return ("stream", self.stream)
        try:
            status = os.stat(self.path)  # type: ignore[arg-type]  # set for every kind but "stream"
            return ("inode", status.st_dev, status.st_ino)
        except OSError:
            return ("path", os.path.normcase(str(self.path)))


def target(path: str | Path | None) -> Target:
    """Classify and check an output path before anything is written; raises :class:`UsageError` if it cannot be written."""
    if path is None:
        return Target("-", "stream", stream=STDOUT)
    given = os.fspath(path)
    if given in _STREAMS:
        return Target(given, "stream", stream=_STREAMS[given])
    shown = printable(given)
    if "\0" in given:
        raise UsageError(f"cannot write {shown}: the name contains a NUL character")
    resolved = Path(os.path.realpath(given))
    try:
        status = os.stat(resolved)
    except (FileNotFoundError, NotADirectoryError):
        status = None
    except OSError as exc:
        raise UsageError(f"cannot write {shown}: {_reason(exc)}", "give a shorter or different path") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise UsageError(f"cannot write {shown}: it is a directory", "give a file name")
    if status is not None and not stat.S_ISREG(status.st_mode):
        return Target(given, "direct", resolved)
    folder = resolved.parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"cannot write {shown}: {printable(existing)} is not a folder", "give a path inside a folder")
    folder = existing
    if len(os.fsencode(resolved.name)) > _name_max(folder):
        raise UsageError(f"cannot write {shown}: the file name is too long", "give a shorter file name")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {shown}: folder {printable(Path(given).parent)} is not writable", "check the folder's permissions")
    return Target(given, "file", resolved)


def check_target(path: str | Path) -> None:
    target(path)


def refuse_duplicates(targets: list[Target]) -> None:
    seen: dict[tuple, str] = {}
    for item in targets:
        if item.identity in seen:
            raise UsageError(
                f"two reports would be written to the same place ({printable(seen[item.identity])} and {printable(item.given)})",
                "give each report its own --output FILE",
            )
        seen[item.identity] = item.given


def write_all(reports: Sequence[tuple[Target | str | Path | None, Text]]) -> None:
    """Write every report, or none: file reports are staged, streams and devices written, then the files renamed.

    A report given in pieces (an iterable, rendered as it is read) is staged too when it goes to a stream or a
    device, in a temporary file once it outgrows memory: a failure while rendering it must not leave half of it written.
    """
    items = [(t if isinstance(t, Target) else target(t), text) for t, text in reports]
    refuse_duplicates([t for t, _ in items])
    staged: list[tuple[str, Target]] = []
    created: list[Path] = []
    with contextlib.ExitStack() as spools:
        try:
            for item, text in items:
                if item.kind == "file":
                    created += _make_folders(item)
                    staged.append((_stage(item, text), item))
            items = [(item, text if isinstance(text, str) or item.kind == "file" else _spool(text, spools)) for item, text in items]
            for item, text in items:
                if item.kind == "stream":
                    stream = sys.stdout if item.stream == STDOUT else sys.stderr
                    for piece in _pieces(text):
                        stream.write(piece)
                    stream.flush()
                elif item.kind == "direct":
                    _write_direct(item, text)
        except BaseException:
            for temporary, _ in staged:
                _remove(temporary)
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
    for index, (temporary, item) in enumerate(staged):
        try:
            os.replace(temporary, item.path)  # type: ignore[arg-type]  # a "file" target has a path
        except OSError as exc:
            for later, _ in staged[index:]:
                _remove(later)
            raise UsageError(f"cannot write {printable(item.given)}: {_reason(exc)}", "check the path and free space") from None


def _pieces(text: Text) -> Iterator[str]:
    """A report's text in pieces of at least :data:`_PIECE` characters (a spooled one read back from its file)."""
    if isinstance(text, str):
        yield text
        return
    if isinstance(text, tempfile.SpooledTemporaryFile):
        text.seek(0)
        while piece := text.read(_PIECE):
            yield piece
        return
    pending: list[str] = []
    held = 0
    for chunk in text:
        pending.append(chunk)
        held += len(chunk)
        if held >= _PIECE:
            yield "".join(pending)
            pending, held = [], 0
    if pending:
        yield "".join(pending)


def _spool(text: Iterable[str], spools: contextlib.ExitStack) -> IO[str]:
    made = tempfile.SpooledTemporaryFile(_SPOOL_IN_MEMORY, mode="w+", encoding="utf-8", newline="")  # noqa: SIM115  # closed by spools
    spool: IO[str] = spools.enter_context(made)
    for piece in _pieces(text):
        spool.write(piece)
    return spool


def write_atomic(path: str | Path | None, text: str) -> None:
    """One report, replaced atomically (or written directly to a stream or device)."""
    write_all([(path, text)])


def _make_folders(item: Target) -> list[Path]:
    """The missing folders of a file target, created outermost first (returned so a failed run can remove them)."""
    assert item.path is not None
    missing = []
    folder = item.path.parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o777)
        except OSError as exc:
            raise UsageError(
                f"cannot create the folder of {printable(item.given)}: {_reason(exc)}", "check the path and its permissions"
            ) from None
    return list(reversed(missing))


def _stage(item: Target, text: Text) -> str:
    assert item.path is not None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{item.path.name[:_NAME_PART]}.", suffix=".tmp", dir=item.path.parent)
    except OSError as exc:
        raise UsageError(f"cannot write {printable(item.given)}: {_reason(exc)}", "check the folder's permissions") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in _pieces(text):
                handle.write(piece.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        mode = os.stat(item.path).st_mode & 0o777 if item.path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
    except OSError as exc:
        _remove(temporary)
        raise UsageError(f"cannot write {printable(item.given)}: {_reason(exc)}", "check the path and free space") from None
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _write_direct(item: Target, text: Text) -> None:
    """A device or FIFO: opened without waiting (a FIFO nobody reads is an error, not a hang), then written in full."""
    try:
        flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(item.path, flags)  # type: ignore[arg-type]  # a "direct" target has a path
    except OSError as exc:
        reason = "no process is reading from it" if exc.errno == errno.ENXIO else _reason(exc)
        raise UsageError(f"cannot write {printable(item.given)}: {reason}") from None
    try:
        os.set_blocking(fd, True)
        for piece in _pieces(text):
            data = memoryview(piece.encode("utf-8"))
            while data:
                data = data[os.write(fd, data) :]
    except OSError as exc:
        raise UsageError(f"cannot write {printable(item.given)}: {_reason(exc)}", "check the device and free space") from None
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    return "the name is too long" if exc.errno == errno.ENAMETOOLONG else (exc.strerror or str(exc))


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
