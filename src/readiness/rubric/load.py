"""Loading a rubric: the bundled default or a file, through the compiled-rubric cache, compiled on a miss."""

from pathlib import Path

from readiness.common.errors import Diagnostic, InputError
from readiness.common.suggest import did_you_mean
from readiness.input.files import STDIN_NAME, display_name, read_text
from readiness.input.source import Document, parse
from readiness.rubric import named
from readiness.rubric.bundled import bundled_name, default_rubric_path, digest_of
from readiness.rubric.model import Rubric


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load, validate and compile a rubric (the bundled default without ``path``), through the compiled cache.

    ``path`` may also be a bundled rubric's id (``health-regulated``), as a manifest's ``rubric:`` key may; a file of
    that name wins, so an existing command line keeps its meaning.
    """
    from readiness.common import cache

    target = path if path is not None else default_rubric_path()
    if path is not None and str(path) != "-" and not Path(path).exists():
        found = named.bundled(str(path))
        if found is not None:
            target = found
        elif Path(path).name == str(path) and not Path(path).suffix:  # looks like an id, not a path
            ids = named.bundled_ids()
            hint = did_you_mean(str(path), ids, f"check the path, or name a bundled rubric: {', '.join(ids)}", cutoff=0.8)
            raise InputError(Diagnostic(display_name(path), "no such rubric", hint=hint))
    name = display_name(target)
    text = read_text(target, what="rubric")
    folder = Path(target).parent if name != STDIN_NAME else Path.cwd()
    bundled = bundled_name(target) if name != STDIN_NAME else None
    key = cache.digest(bundled, text) if bundled else cache.digest(name, str(folder.resolve()), text)
    cached = cache.get("rubric", key)
    if isinstance(cached, Rubric) and all(digest_of(p) == d for p, d in cached.dependencies):
        return cached._replace(source=name)
    rubric = parse_rubric(parse(text, name), folder)
    cache.put("rubric", key, rubric)
    return rubric


def parse_rubric(document: Document, folder: Path | None = None) -> Rubric:
    """Validate and compile a parsed rubric file (``folder`` resolves a relative ``extends``)."""
    from readiness.rubric.compiler import parse_rubric as compile_file

    return compile_file(document, folder)
