"""readiness: is this AI pilot ready for production, and what should the team do next?"""

import os as _os

__version__ = "0.1.0"


def _code_stamp() -> str:
    """The size and modification time of every module of the package, taken when the package is imported.

    Every cache key includes it besides the version (see :mod:`readiness.cache`),
    so an edited checkout never reads what older code compiled. Taking it
    before any module is imported matters in a long-lived process: code
    loaded earlier than an edit can then only write entries that newer code
    never looks up.
    """
    try:
        with _os.scandir(_os.path.dirname(__file__)) as entries:
            return ";".join(sorted(f"{e.name}:{s.st_size}:{s.st_mtime_ns}" for e in entries if e.name.endswith(".py") for s in [e.stat()]))
    except OSError:
        return ""


CODE_STAMP = _code_stamp()
