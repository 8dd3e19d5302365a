"""readiness: is this AI pilot ready for production, and what should the team do next?"""

import os as _os

__version__ = "0.1.0"


def _code_stamp() -> str:
    """The size and modification time of every module of the package, taken when the package is imported.

    Every cache key includes it besides the version (see :mod:`readiness.common.cache`),
    so an edited checkout never reads what older code compiled. Taking it
    before any module is imported matters in a long-lived process: code
    loaded earlier than an edit can then only write entries that newer code
    never looks up.
    """
    root = _os.path.dirname(__file__)
    stamps = []
    try:
        for folder, dirs, files in _os.walk(root):
            dirs[:] = [d for d in dirs if d.isidentifier()]
            for name in files:
                if name.endswith(".py"):
                    s = _os.stat(_os.path.join(folder, name))
                    stamps.append(f"{_os.path.relpath(_os.path.join(folder, name), root)}:{s.st_size}:{s.st_mtime_ns}")
    except OSError:
        return ""
    return ";".join(sorted(stamps))


CODE_STAMP = _code_stamp()
