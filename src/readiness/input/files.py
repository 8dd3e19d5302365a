"""Reading a text file that anyone may have named: only regular files, within a size limit, as UTF-8, stdin for ``-``.

Every file the tool reads as input (manifests, rubrics, reference tables, baselines, configuration) comes
through :func:`read_text`, so each gets the same limit and the same one-line errors naming the file.
"""

import errno
import os
import stat
import sys
from pathlib import Path

from readiness.common.errors import Diagnostic, InputError

MAX_FILE_BYTES = 1024 * 1024
STDIN_NAME = "<stdin>"


def display_name(path: str | Path) -> str:
    return STDIN_NAME if str(path) == "-" else str(path)


def read_text(path: str | Path, *, what: str = "file") -> str:
    """Read a UTF-8 text file (or stdin for ``-``) within the size limit; only a regular file is opened for reading.

    A FIFO, a socket or a device named where a file belongs would block the run forever or never end: it is
    refused before any read (the open does not wait for a writer). Standard input is read with ``-``.
    """
    name = display_name(path)
    try:
        if str(path) == "-":
            if sys.stdin is None or getattr(sys.stdin, "closed", False):
                raise InputError(Diagnostic(name, "standard input is closed", hint="pipe the file in, or give its path instead of -"))
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            raw = _read_regular(path, name, what)
    except FileNotFoundError:
        raise InputError(Diagnostic(name, f"no such {what}", hint="check the path")) from None
    except IsADirectoryError:
        raise InputError(Diagnostic(name, f"is a directory, expected a {what}", hint="give the path of a YAML file")) from None
    except PermissionError:
        raise InputError(Diagnostic(name, "permission denied", hint="make the file readable")) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        message = (
            "file name too long"
            if getattr(exc, "errno", None) == errno.ENAMETOOLONG
            else f"cannot read: {getattr(exc, 'strerror', None) or exc}"
        )
        raise InputError(Diagnostic(name, message)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(
            Diagnostic(
                name,
                f"file is larger than the {MAX_FILE_BYTES // 1024} KiB limit",
                hint="a manifest or rubric is a few KB; check this is the right file",
            )
        )
    return decode(raw, name)


def _read_regular(path: str | Path, name: str, what: str) -> bytes:
    """The file's bytes, at most one past the limit, by raw reads (a buffered file object cost more than the read)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                Diagnostic(
                    name,
                    f"not a regular file (a pipe, socket or device), expected a {what}",
                    hint="give the path of a file, or pass the text on standard input with -",
                )
            )
        chunks = []
        size = 0
        want = min(status.st_size, MAX_FILE_BYTES) + 1  # the size fstat saw and a byte more: a file that grew is read on
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = MAX_FILE_BYTES + 1 - size
        return b"".join(chunks)
    finally:
        os.close(fd)


def decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            Diagnostic(name, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line, column, hint="save the file as UTF-8")
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text
