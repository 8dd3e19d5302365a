"""readiness: is this AI pilot ready for production, and what should the team do next?"""

import os as _os

__version__ = "0.1.0"


def _code_stamp() -> str:
    """A digest of every module of the package's source text, taken when the package is imported.

    Every cache key includes it besides the version (see :mod:`readiness.common.cache`), so an edited
    checkout never reads what older code compiled. It hashes content, not modification times, so the
    same release gives the same stamp wherever it is installed: the compiled artifacts a build ships
    inside the package (:mod:`readiness.common.prebuilt`) are found by the same keys as the user cache.
    Taking it before any module is imported matters in a long-lived process: code loaded earlier than an
    edit can then only write entries that newer code never looks up.
    """
    import hashlib

    root = _os.path.dirname(__file__)
    modules = []
    try:
        for folder, dirs, files in _os.walk(root):
            dirs[:] = [d for d in dirs if d.isidentifier() and d != "__pycache__"]
            modules += [_os.path.join(folder, name) for name in files if name.endswith(".py")]
        hasher = hashlib.sha256()
        for path in sorted(modules):
            with open(path, "rb") as handle:
                source = handle.read()
            hasher.update(f"{_os.path.relpath(path, root)}:{len(source)}:".encode("utf-8", "surrogateescape"))
            hasher.update(source)
    except OSError:
        return ""
    return hasher.hexdigest() if modules else ""


CODE_STAMP = _code_stamp()
