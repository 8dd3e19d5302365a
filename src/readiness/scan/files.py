"""Listing and reading the files of an untrusted repository, inertly and within limits.

The limits (documented in ``docs/scan.md``):

* a text file is read only up to ``MAX_FILE_BYTES``, a notebook up to
  ``MAX_NOTEBOOK_BYTES``; larger files are skipped, not truncated, so a
  finding never comes from half a file;
* the scan reads at most ``MAX_TOTAL_BYTES`` and ``MAX_FILES`` candidates;
* a file with a NUL byte in its first 8 KiB is binary and skipped;
* invalid UTF-8 is decoded with replacement characters.

Nothing is followed out of the repository: symlinks (to files or folders) are
never followed, and every folder above a tracked file is checked to be a real
folder, so a tracked ``a/b.py`` under a symlinked ``a`` is skipped. Files are
opened with ``O_NOFOLLOW | O_NONBLOCK`` and read only if ``fstat`` says they
are regular, so a FIFO or a device never blocks the scan.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import NamedTuple

from readiness.scan.model import Skipped

MAX_FILE_BYTES = 1024 * 1024
MAX_NOTEBOOK_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_FILES = 250_000
MAX_DEPTH = 48
SNIFF_BYTES = 8192
# Folders that hold installed, generated or cached files, not the project's own.
IGNORED_FOLDERS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".dvc",
        "node_modules",
        ".venv",
        "venv",
        "env",
        ".env",
        "site-packages",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".ipynb_checkpoints",
        ".terraform",
        "dist",
        "build",
        ".eggs",
    }
)
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Text(NamedTuple):
    path: str
    text: str


def walk(root: str, skipped: list[Skipped]) -> Iterator[str]:
    """Relative paths of the regular files under ``root``, in sorted order, never through a symlink."""
    stack: list[tuple[str, int]] = [("", 0)]
    while stack:
        rel, depth = stack.pop()
        try:
            with os.scandir(os.path.join(root, rel) if rel else root) as entries:
                items = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(rel or ".", f"folder unreadable ({exc.strerror or exc})"))
            continue
        folders = []
        for entry in items:
            path = f"{rel}/{entry.name}" if rel else entry.name
            try:
                if entry.is_symlink():
                    skipped.append(Skipped(path, "symlink, not followed"))
                elif entry.is_dir(follow_symlinks=False):
                    if entry.name in IGNORED_FOLDERS:
                        continue
                    if depth + 1 > MAX_DEPTH:
                        skipped.append(Skipped(path, f"folder nested deeper than {MAX_DEPTH} levels"))
                    else:
                        folders.append(path)
                elif entry.is_file(follow_symlinks=False):
                    yield path
                else:
                    skipped.append(Skipped(path, "not a regular file (FIFO, socket or device)"))
            except OSError as exc:
                skipped.append(Skipped(path, f"unreadable ({exc.strerror or exc})"))
        stack.extend((f, depth + 1) for f in reversed(folders))


class FolderCheck:
    """Whether each folder above a tracked file is a real folder inside the root (cached per folder)."""

    def __init__(self, root: str):
        self.root = root
        self.known: dict[str, bool] = {"": True}

    def ok(self, folder: str) -> bool:
        known = self.known.get(folder)
        if known is not None:
            return known
        parent, _, name = folder.rpartition("/")
        result = self.ok(parent) and name not in IGNORED_FOLDERS
        if result:
            try:
                result = stat.S_ISDIR(os.lstat(os.path.join(self.root, folder)).st_mode)
            except OSError:
                result = False
        self.known[folder] = result
        return result


def tracked(root: str, paths: list[str], skipped: list[Skipped]) -> Iterator[str]:
    """The tracked paths that are real files in the work tree, in sorted order."""
    folders = FolderCheck(root)
    for path in sorted(paths):
        if folders.ok(path.rpartition("/")[0]):
            yield path
        elif path.count("/") and not any(part in IGNORED_FOLDERS for part in path.split("/")[:-1]):
            skipped.append(Skipped(path, "a folder above it is a symlink or missing"))


class Budget:
    """The running total of bytes and files read, against the scan-wide limits."""

    def __init__(self, total_bytes: int = MAX_TOTAL_BYTES, files: int = MAX_FILES):
        self.bytes_left = total_bytes
        self.files_left = files


def read(root: str, path: str, limit: int, budget: Budget, skipped: list[Skipped]) -> Text | None:
    """The decoded text of one candidate file, or ``None`` with the reason recorded in ``skipped``."""
    if budget.files_left <= 0 or budget.bytes_left <= 0:
        skipped.append(Skipped(path, "scan-wide limit reached (files or bytes)"))
        return None
    try:
        fd = os.open(os.path.join(root, path), _FLAGS)
    except OSError as exc:
        skipped.append(
            Skipped(path, "symlink, not followed" if exc.errno == getattr(os, "ELOOP", -1) else f"unreadable ({exc.strerror or exc})")
        )
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            skipped.append(Skipped(path, "not a regular file (FIFO, socket or device)"))
            return None
        if st.st_size > limit:
            skipped.append(Skipped(path, f"larger than the {limit // 1024} KiB limit"))
            return None
        raw = b""
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    except OSError as exc:
        skipped.append(Skipped(path, f"unreadable ({exc.strerror or exc})"))
        return None
    finally:
        os.close(fd)
    if len(raw) > limit:
        skipped.append(Skipped(path, f"larger than the {limit // 1024} KiB limit"))
        return None
    budget.files_left -= 1
    budget.bytes_left -= len(raw)
    if b"\0" in raw[:SNIFF_BYTES]:
        skipped.append(Skipped(path, "binary"))
        return None
    text = raw.decode("utf-8", "replace")
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return Text(path, text)
