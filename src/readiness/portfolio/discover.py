"""Finding the manifests of a portfolio: folders, globs and named files, each file once, in path order.

Only the file system is read here; assessing what is found is :mod:`readiness.portfolio.run`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from readiness.common import walk
from readiness.common.errors import UsageError

MANIFEST_SUFFIXES = (".yaml", ".yml")
# How much of a found file is read to decide whether it is a manifest; a manifest is a few KB.
SNIFF_BYTES = 64 * 1024
_AFTER_KEY = re.compile(rb"""["']?[ \t]*:""")  # after a top-level key at a line start: \n["']?key["']?[ \t]*:
_GLOB_CHARS = re.compile(r"[*?\[]")


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The manifests named by ``paths``, sorted by path and without duplicates.

    A file named explicitly is always taken, whatever its name or content: the
    user said it is a manifest, and if it is not, its error row says why.
    Folders (searched recursively, skipping hidden folders such as ``.git``)
    and glob patterns (``*``, ``?``, ``[...]``, ``**``) may hold any YAML, so
    from them only ``*.yaml``/``*.yml`` files are taken in which one line
    starts with ``version:`` and another with ``project:``, the two keys
    every manifest has at its top level. The test reads the text, not the
    YAML, so a manifest with a syntax error is still found and reported.

    A path that does not exist, or a pattern that matches nothing, is a usage
    error: a typo on the command line should not pass as an empty portfolio.

    A file reached twice (two arguments, a symlinked folder, a hard link) is
    assessed once, under its first spelling in path order; symlinked folders are
    not searched and ``**`` does not follow them, so link loops cannot multiply
    files or hang the search. A folder that cannot be searched is kept as a path
    of its own, so it becomes an error row instead of silently missing.
    """
    found: dict[object, str] = {}
    for given in paths:
        for found_as, status in _expand(os.fspath(given)):
            path = os.path.normpath(found_as)
            key = _identity(path, status if path == found_as else None)  # '..' after a symlink may name another file
            if key not in found or order_key(path) < order_key(found[key]):
                found[key] = path
    return [Path(p) for p in sorted(found.values(), key=order_key)]


def _identity(path: str, status: os.stat_result | None = None) -> object:
    """One key per file, however it is reached: device and inode where the file can be stat'ed, else its real path."""
    if status is None:
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            return os.path.normcase(os.path.realpath(path))
    return (status.st_dev, status.st_ino)


def order_key(path: str | Path) -> list[str]:
    """Folder by folder, so that a folder's manifests stay together in every listing."""
    return os.fspath(path).replace(os.sep, "/").split("/")


Found = tuple[str, "os.stat_result | None"]  # a path, and its status when the search already read it


def _expand(given: str) -> Iterable[Found]:
    if _GLOB_CHARS.search(given) and not os.path.exists(given):
        matches = [str(p) for p in _glob(given)]
        if not matches:
            raise UsageError(f"no file or folder matches {given}", "check the pattern, or quote it so that the shell does not expand it")
        for match in matches:
            yield from _search(match) if os.path.isdir(match) else _if_manifest(match)
    elif os.path.isdir(given):
        yield from _search(given)
    elif os.path.exists(given):
        yield given, None
    else:
        raise UsageError(f"no such file or folder: {given}", "check the path")


def _glob(given: str) -> list[Path]:
    """A command-line pattern, matched without following symlinked folders (the literal folders before it are kept as given)."""
    parts = given.replace(os.sep, "/").split("/")
    first = next(i for i, part in enumerate(parts) if _GLOB_CHARS.search(part))
    base = "/".join(parts[:first]) or ("/" if given.startswith("/") else ".")
    found = walk.glob(Path(base), "/".join(parts[first:]))
    return [Path(os.path.relpath(p)) if base == "." else p for p in found]


def _search(folder: str) -> Iterable[Found]:
    unreadable: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda exc: unreadable.append(exc.filename)):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            yield from _if_manifest(os.path.join(root, name))
    yield from ((path, None) for path in unreadable if path)


def _if_manifest(path: str) -> Iterable[Found]:
    """A found YAML file that looks like a manifest; FIFOs, sockets and devices are never opened (a FIFO would block)."""
    if not path.lower().endswith(MANIFEST_SUFFIXES):
        return
    status: os.stat_result | None
    try:
        status = os.stat(path)
        regular = stat.S_ISREG(status.st_mode)
    except OSError:
        status, regular = None, True  # unreadable or vanished: kept, so its error row says why
    if regular and looks_like_manifest(path):
        yield path, status


def looks_like_manifest(path: str | Path) -> bool:
    """Whether a found YAML file has the top-level keys of a manifest; an unreadable one is kept so its error shows.

    Raw reads and a literal search: this runs on every YAML file of every folder searched, before any manifest
    is assessed.
    """
    head = read_head(path, SNIFF_BYTES)
    if head is None:
        return True
    head = b"\n" + head
    return _top_level_key(head, b"version") and _top_level_key(head, b"project")


def _top_level_key(head: bytes, key: bytes) -> bool:
    """Whether a line of ``head`` (which starts with a newline) starts with ``key:``, the key maybe quoted.

    The literal is found by ``bytes.find`` and what follows it checked by a small pattern: a regex scanning for
    the line starts cost half of the sniff.
    """
    for quote in (b"", b'"', b"'"):
        needle = b"\n" + quote + key
        at = head.find(needle)
        while at >= 0:
            if _AFTER_KEY.match(head, at + len(needle)):
                return True
            at = head.find(needle, at + 1)
    return False


def read_head(path: str | Path, size: int) -> bytes | None:
    """The first ``size`` bytes of a file by raw reads (no file object: a portfolio reads thousands), None if unreadable."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    chunks: list[bytes] = []
    try:
        while size > 0 and (chunk := os.read(handle, size)):
            chunks.append(chunk)
            size -= len(chunk)
    except OSError:
        return None
    finally:
        os.close(handle)
    return b"".join(chunks)
