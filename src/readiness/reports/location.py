"""Where a finding belongs: the manifest line of an answer, and the manifest's path as CI platforms want it.

Code scanning, GitLab Code Quality and workflow annotations attach a finding to a file of the repository, so the
path must be relative to the repository root, not to the folder the tool ran in; an answer the manifest does not
give at all belongs where its section would be written, not on line 1.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

from readiness.input.files import STDIN_NAME
from readiness.input.source import Document, Mark


def answer_mark(source: Document, path: tuple[str, ...], section_order: Sequence[str]) -> Mark | None:
    """The answer's position, or its closest ancestor's; for a missing top-level section, where that section belongs.

    A missing section belongs just before the next section (in the manifest model's order) that the file has, or
    after the last line of the file when none follows.
    """
    mark = source.locate(path, key=True)
    if not path or (path[0],) in source.key_marks or not isinstance(source.data, dict) or path[0] not in section_order:
        return mark
    after = section_order[section_order.index(path[0]) + 1 :]
    following = [source.key_marks[(name,)] for name in after if (name,) in source.key_marks]
    if following:
        line = min(m[0] for m in following)
        return Mark(line, 1)
    lines = [m[0] for m in (*source.key_marks.values(), *source.value_marks.values())]
    return Mark(max(lines), 1) if lines else mark


def repository_root(start: Path) -> Path | None:
    """The enclosing git work tree (a ``.git`` folder, or a ``.git`` file in a linked work tree or submodule)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def repository_path(manifest: str | None) -> str | None:
    """The manifest's path relative to its repository's root, with forward slashes; None for stdin or no manifest.

    Outside a repository the path is kept relative to the working folder (as given); an absolute path outside a
    repository stays absolute.
    """
    if manifest is None or manifest == STDIN_NAME:
        return None
    if PurePosixPath(manifest).is_absolute() or PureWindowsPath(manifest).drive:
        given = Path(manifest)
    else:
        manifest = manifest.replace("\\", "/")
        given = Path(manifest)
    try:
        resolved = given.resolve()
    except OSError:
        resolved = Path(os.path.abspath(given))
    root = repository_root(resolved.parent)
    if root is not None:
        return resolved.relative_to(root).as_posix()
    if PurePosixPath(manifest).is_absolute() or PureWindowsPath(manifest).drive:
        return str(manifest)
    relative = manifest.replace("\\", "/")
    while relative.startswith("./"):
        relative = relative[2:]
    return relative
