"""Where the bundled rubrics are, and the digest that tells whether a file a compiled rubric depends on changed."""

from pathlib import Path

from readiness.rubric.model import DEFAULT_RUBRIC


def default_rubric_path() -> Path:
    """The bundled default rubric, in the installed package or, in a source checkout, the top-level folder."""
    packaged = Path(__file__).parents[1] / "rubrics" / f"{DEFAULT_RUBRIC}.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "rubrics" / f"{DEFAULT_RUBRIC}.yaml"


def references_path() -> Path:
    """The bundled table of references (the articles the bundled rubrics cite), beside the bundled rubrics."""
    return default_rubric_path().parent / "references" / "articles.yaml"


def digest_of(path: str) -> str | None:
    from readiness.common import cache

    try:
        return cache.digest(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
