"""Glob patterns matched by walking folders the safe way: bounded, confined, never around a symlink loop.

:func:`glob.glob` with ``**`` follows symlinks to folders: ``ln -s . a`` makes it walk forever, and a link to
``/`` walks the whole filesystem and ``/proc`` before any check runs. Here:

* only the pattern is a pattern: the folder it starts from is taken literally (a manifest in ``app/[id]/``);
* ``**`` never descends into a symlinked folder (the rule of Python 3.13's pathlib); a symlink named by a
  literal or a single-segment wildcard is followed only if it resolves inside ``root``;
* hidden names (``.git``) match only a pattern segment that starts with a dot, as with :mod:`glob`;
* at most :data:`MAX_ENTRIES` folder entries are looked at per pattern, then :class:`TooMany` is raised.
"""

from __future__ import annotations

import errno
import os
import re
from fnmatch import fnmatchcase
from pathlib import Path

MAX_ENTRIES = 100_000
_MAGIC = re.compile(r"[*?\[]")


class TooMany(Exception):
    """The walk looked at more than :data:`MAX_ENTRIES` entries."""


class Outside(Exception):
    """The pattern, or a symlink it follows (``through_link``), leads outside ``root``."""

    def __init__(self, path: str, through_link: bool = False):
        super().__init__(path)
        self.through_link = through_link


class Loop(Exception):
    """A symlink the pattern names is part of a loop."""


def has_magic(text: str) -> bool:
    return _MAGIC.search(text) is not None


def inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def glob(base: Path, pattern: str, root: Path | None = None, limit: int = MAX_ENTRIES) -> list[Path]:
    """Paths under the literal folder ``base`` that match the relative ``pattern`` (``/``-separated), sorted.

    ``root`` (resolved) confines the walk: a pattern that climbs out of it, or a symlink that resolves out of it,
    raises :class:`Outside`. Without ``root`` nothing is confined, but ``**`` still never follows a folder link.
    """
    parts = [p for p in pattern.replace(os.sep, "/").split("/") if p not in ("", ".")]
    start = base
    while parts and parts[0] == "..":
        start = start.parent
        parts.pop(0)
    if ".." in parts:
        normalized = os.path.normpath("/".join(parts))
        if normalized.startswith(".."):
            return glob(start, normalized, root, limit)
        parts = [p for p in normalized.split("/") if p not in ("", ".")]
    if root is not None and not inside(Path(os.path.abspath(start)), root):
        raise Outside(str(start))
    budget = [limit]
    found: set[str] = set()
    _walk(str(start), parts, 0, root, budget, found, set())
    return sorted(Path(p) for p in found)


def _walk(folder: str, parts: list[str], index: int, root: Path | None, budget: list[int], found: set[str], seen: set) -> None:
    if (folder, index) in seen:
        return
    seen.add((folder, index))
    if index == len(parts):
        found.add(folder)
        return
    part = parts[index]
    if part == "**":
        _walk(folder, parts, index + 1, root, budget, found, seen)
        for entry in _scan(folder, budget):
            if entry.name.startswith(".") or entry.is_symlink():
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                _walk(entry.path, parts, index, root, budget, found, seen)
        return
    if not has_magic(part):
        path = os.path.join(folder, part)
        if os.path.lexists(path):
            _step(path, parts, index, root, budget, found, seen)
        return
    for entry in _scan(folder, budget):
        if entry.name.startswith(".") and not part.startswith("."):
            continue
        if fnmatchcase(entry.name, part):
            _step(entry.path, parts, index, root, budget, found, seen)


def _step(path: str, parts: list[str], index: int, root: Path | None, budget: list[int], found: set[str], seen: set) -> None:
    """Go on from ``path`` (which matched ``parts[index]``): a symlink only if it stays inside ``root``."""
    last = index == len(parts) - 1
    if os.path.islink(path):
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise Loop(path) from None
        try:
            resolved = Path(path).resolve(strict=False)
        except RuntimeError:
            raise Loop(path) from None
        if root is not None and not inside(resolved, root):
            raise Outside(path, through_link=True)
    if last:
        found.add(path)
    elif os.path.isdir(path):
        _walk(path, parts, index + 1, root, budget, found, seen)


def _scan(folder: str, budget: list[int]) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as listing:
            entries = []
            for entry in listing:
                budget[0] -= 1
                if budget[0] < 0:
                    raise TooMany(folder)
                entries.append(entry)
            return sorted(entries, key=lambda e: e.name)
    except OSError:
        return []
