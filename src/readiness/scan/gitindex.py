"""The tracked files of a git work tree, read from ``.git/index`` without running git.

Running ``git ls-files`` in an untrusted repository is not safe: its own
``.git/config`` can name programs git then runs (``core.fsmonitor``, hooks).
The index is a documented binary file (git's ``index-format.txt``), so this
module parses it: versions 2, 3 and 4, SHA-1 and SHA-256 object names. Only
regular files (modes 100644 and 100755) are returned; symlinks, gitlinks
(submodules) and sparse directory entries are left out. Anything it cannot
read with certainty (a split index, a corrupt header) returns ``None`` with a
reason, and the caller walks the folder instead.
"""

from __future__ import annotations

import os
import re
import struct

MAX_INDEX_BYTES = 256 * 1024 * 1024
_HEADER = struct.Struct(">4sLL")
_FIXED = 62  # ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes) + 20-byte SHA-1 + 2-byte flags
_MODE_OFFSET = 24
_REGULAR = (0o100644, 0o100755)
_OBJECT_FORMAT = re.compile(rb"^\s*objectformat\s*=\s*sha256\s*$", re.IGNORECASE | re.MULTILINE)


class IndexUnreadable(Exception):
    """The index exists but cannot be read with certainty; walk the folder instead."""


def git_dir(root: str) -> tuple[str | None, str | None]:
    """The git directory of the work tree at ``root``, or ``(None, reason)``.

    A ``.git`` file (a linked worktree or a submodule) is followed only when
    its target lies inside ``root``: a repository must not point the scan at
    files elsewhere on the machine.
    """
    dot_git = os.path.join(root, ".git")
    try:
        st = os.lstat(dot_git)
    except OSError:
        return None, None
    import stat

    if stat.S_ISDIR(st.st_mode):
        return dot_git, None
    if not stat.S_ISREG(st.st_mode) or st.st_size > 4096:
        return None, ".git is neither a folder nor a small file"
    with open(dot_git, "rb") as handle:
        text = handle.read(4096).decode("utf-8", "replace").strip()
    if not text.startswith("gitdir:"):
        return None, ".git file has no 'gitdir:' line"
    target = text[len("gitdir:") :].strip()
    resolved = os.path.realpath(os.path.join(root, target))
    real_root = os.path.realpath(root)
    if os.path.commonpath([resolved, real_root]) != real_root:
        return None, ".git points outside the scanned folder"
    return resolved, None


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """git's offset varint (index v4 path prefix length)."""
    byte = data[pos]
    pos += 1
    value = byte & 0x7F
    while byte & 0x80:
        value += 1
        byte = data[pos]
        pos += 1
        value = (value << 7) + (byte & 0x7F)
    return value, pos


def parse_index(data: bytes, hash_size: int = 20) -> list[str]:
    """Paths of the tracked regular files (stage 0 or the first conflict stage), in index order."""
    if len(data) < _HEADER.size:
        raise IndexUnreadable("index is shorter than its header")
    signature, version, count = _HEADER.unpack_from(data)
    if signature != b"DIRC":
        raise IndexUnreadable("not a git index (bad signature)")
    if version not in (2, 3, 4):
        raise IndexUnreadable(f"index version {version} is not supported")
    fixed = _FIXED - 20 + hash_size
    pos = _HEADER.size
    previous = b""
    paths: list[str] = []
    seen: set[bytes] = set()
    end = len(data) - hash_size
    for _ in range(count):
        if pos + fixed > end:
            raise IndexUnreadable("index entry runs past the end of the file")
        start = pos
        mode = struct.unpack_from(">L", data, pos + _MODE_OFFSET)[0]
        flags = struct.unpack_from(">H", data, pos + fixed - 2)[0]
        pos += fixed
        if flags & 0x4000:
            if version < 3:
                raise IndexUnreadable("extended flag in a version 2 index")
            pos += 2
        if version == 4:
            strip, pos = _read_varint(data, pos)
            nul = data.find(b"\0", pos, end)
            if nul < 0 or strip > len(previous):
                raise IndexUnreadable("bad path in index entry")
            name = previous[: len(previous) - strip] + data[pos:nul]
            pos = nul + 1
        else:
            nul = data.find(b"\0", pos, end)
            if nul < 0:
                raise IndexUnreadable("bad path in index entry")
            name = data[pos:nul]
            pos = start + ((nul - start) // 8 + 1) * 8  # 1 to 8 NULs pad the entry to a multiple of 8 bytes
        previous = name
        if mode in _REGULAR and name not in seen and _safe(name):
            seen.add(name)
            paths.append(os.fsdecode(name))
    while pos + 8 <= end:
        signature, size = struct.unpack_from(">4sL", data, pos)
        if signature == b"link":
            raise IndexUnreadable("split index (its entries live in a shared index file)")
        pos += 8 + size
    return paths


def _safe(name: bytes) -> bool:
    """git itself refuses these, but an index is untrusted bytes."""
    if not name or name.startswith(b"/"):
        return False
    parts = name.split(b"/")
    return not any(p in (b"", b".", b"..") or p.lower() == b".git" for p in parts)


def tracked_files(root: str) -> tuple[list[str] | None, str]:
    """``(paths, note)``: the tracked files, or ``(None, why the folder is walked instead)``."""
    directory, problem = git_dir(root)
    if directory is None:
        return None, problem or "not a git work tree"
    index = os.path.join(directory, "index")
    try:
        fd = os.open(index, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None, "git work tree without a readable index"
    try:
        import stat

        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_INDEX_BYTES:
            return None, "git index is not a regular file or is too large"
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_INDEX_BYTES + 1)
    finally:
        os.close(fd)
    hash_size = 32 if _sha256(directory) else 20
    try:
        return parse_index(data, hash_size), f"git work tree: read the tracked files from {os.path.relpath(index, root)}"
    except (IndexUnreadable, struct.error, IndexError) as exc:
        return None, f"git index unreadable ({exc}); walked the folder"


def _sha256(directory: str) -> bool:
    """Whether the repository uses SHA-256 object names; the config is read as text, never given to git."""
    try:
        fd = os.open(os.path.join(directory, "config"), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return bool(_OBJECT_FORMAT.search(os.read(fd, 65536)))
    finally:
        os.close(fd)
