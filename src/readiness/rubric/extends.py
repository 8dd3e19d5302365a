"""Where `extends:` may point, and what an error in the extended file may show.

A rubric is often written by someone other than the person who runs it (an organization's rubric in a shared
repository). Its `extends:` must not become a way to read other files: an error quoting the extended file would
print the start of ``/x/.env`` or a line of ``/etc/shadow``. So `extends` takes the bundled ``default`` or a YAML
file inside the tree of the rubric named on the command line: its git work tree (an organization keeps team
rubrics beside its base, ``extends: ../base.yaml``), or its folder outside one. No absolute paths, no ``..`` or
symlink out of that tree. An extended file that is not a readable rubric is reported by path and line only,
never by its content.
"""

from pathlib import Path

from readiness.common.errors import InputError
from readiness.input.source import STDIN_NAME, Document, load

SUFFIXES = (".yaml", ".yml")


def _root(chain: tuple[str, ...]) -> Path:
    """The git work tree holding the first rubric of the chain, else that rubric's folder."""
    first = chain[0] if chain else STDIN_NAME
    folder = (Path.cwd() if first == STDIN_NAME else Path(first).parent).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def confined(reference: str, path: Path, chain: tuple[str, ...], document: Document) -> None:
    """Refuse an `extends` target outside the first rubric's folder tree, or one that is not a YAML file."""
    root = _root(chain)
    if Path(reference).is_absolute() or reference.startswith("~"):
        raise InputError(document.diagnostic(("extends",), "'extends' must be a path relative to this rubric, not an absolute path",
                                             f"put the extended rubric inside {root}, or use 'default'"))
    if not reference.lower().endswith(SUFFIXES):
        raise InputError(document.diagnostic(("extends",), "'extends' must name a YAML rubric (.yaml or .yml)",
                                             "use 'default' for the bundled rubric"))
    try:
        resolved = path.resolve()
        resolved.relative_to(root)
    except (ValueError, OSError, RuntimeError):
        raise InputError(document.diagnostic(("extends",), f"'extends' leaves the rubric's folder {root}",
                                             "keep extended rubrics in the repository (or, outside one, the folder) of the rubric you run")) from None
    if not path.is_file():
        raise InputError(document.diagnostic(("extends",), f"extended rubric {reference} does not exist",
                                             "use 'default' for the bundled rubric, or a path relative to this file"))


def load_base_document(path: Path, reference: str, document: Document) -> Document:
    """The extended file, parsed; its own errors are named by line only, and only a rubric-shaped file is compiled."""
    try:
        base = load(path, what="rubric")
    except InputError as exc:
        first = exc.diagnostics[0]
        where = f" (line {first.line})" if first.line else ""
        raise InputError(document.diagnostic(("extends",), f"extended rubric {reference} cannot be read as YAML{where}",
                                             f"check it with: readiness rubric validate {path}")) from None
    data = base.data
    if not (isinstance(data, dict) and "id" in data and ("criteria" in data or "extends" in data)):
        raise InputError(document.diagnostic(("extends",), f"extended file {reference} is not a rubric",
                                             "a rubric has an 'id' and 'criteria' (or 'extends')"))
    return base
