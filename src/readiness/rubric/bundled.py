"""Where the bundled rubrics are, and the digest that tells whether a file a compiled rubric depends on changed."""

from pathlib import Path

from readiness.rubric.model import DEFAULT_RUBRIC


def default_rubric_path() -> Path:
    """The bundled default rubric, in the installed package or, in a source checkout, the top-level folder."""
    packaged = Path(__file__).parents[1] / "rubrics" / f"{DEFAULT_RUBRIC}.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "rubrics" / f"{DEFAULT_RUBRIC}.yaml"


_BUNDLED = "bundled:"


def bundled_name(path: str | Path) -> str | None:
    """``bundled:<file>`` for a rubric of the bundled folder, else None: a name that holds wherever the package is installed,
    so compiled bundled rubrics (and their dependencies) are found by the same key in the package's prebuilt entries."""
    folder = default_rubric_path().parent
    candidate = Path(path)
    if candidate.suffix == ".yaml" and candidate.parent.resolve() == folder.resolve() and (folder / candidate.name).is_file():
        return _BUNDLED + candidate.name
    return None


def dependency_of(path: Path) -> str:
    """How a compiled rubric records a file it extends (see :func:`digest_of`)."""
    return bundled_name(path) or str(path.resolve())


def references_path() -> Path:
    """The bundled table of references (the articles the bundled rubrics cite), beside the bundled rubrics."""
    return default_rubric_path().parent / "references" / "articles.yaml"


def digest_of(path: str) -> str | None:
    from readiness.common import cache

    if path.startswith(_BUNDLED):
        path = str(default_rubric_path().parent / path[len(_BUNDLED) :])
    try:
        return cache.digest(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
