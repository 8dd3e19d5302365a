"""Where `extends:` may point, and what an error in the extended file may show.

A rubric is often written by someone other than the person who runs it (an organization's rubric in a shared
repository). Its `extends:` must not become a way to read other files: an error quoting the extended file would
print the start of ``/x/.env`` or a line of ``/etc/shadow``. So `extends` takes the bundled ``default`` or a YAML
file inside the tree of the rubric named on the command line: its git work tree (an organization keeps team
rubrics beside its base, ``extends: ../base.yaml``), or its folder outside one. No absolute paths, no ``..`` or
symlink out of that tree. An extended file that is not a readable rubric is reported by path and line only,
never by its content. :func:`merge` applies an extending file to its base.
"""

from pathlib import Path

from readiness.common.errors import Diagnostic, InputError
from readiness.input.files import STDIN_NAME
from readiness.input.source import Document, load
from readiness.rubric.fileformat import RubricExtension

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
        raise InputError(
            document.diagnostic(
                ("extends",),
                "'extends' must be a path relative to this rubric, not an absolute path",
                f"put the extended rubric inside {root}, or use 'default'",
            )
        )
    if not reference.lower().endswith(SUFFIXES):
        raise InputError(
            document.diagnostic(("extends",), "'extends' must name a YAML rubric (.yaml or .yml)", "use 'default' for the bundled rubric")
        )
    try:
        resolved = path.resolve()
        resolved.relative_to(root)
    except (ValueError, OSError, RuntimeError):
        raise InputError(
            document.diagnostic(
                ("extends",),
                f"'extends' leaves the rubric's folder {root}",
                "keep extended rubrics in the repository (or, outside one, the folder) of the rubric you run",
            )
        ) from None
    if not path.is_file():
        raise InputError(
            document.diagnostic(
                ("extends",),
                f"extended rubric {reference} does not exist",
                "use 'default' for the bundled rubric, or a path relative to this file",
            )
        )


def load_base_document(path: Path, reference: str, document: Document) -> Document:
    """The extended file, parsed; its own errors are named by line only, and only a rubric-shaped file is compiled."""
    try:
        base = load(path, what="rubric")
    except InputError as exc:
        first = exc.diagnostics[0]
        where = f" (line {first.line})" if first.line else ""
        raise InputError(
            document.diagnostic(
                ("extends",),
                f"extended rubric {reference} cannot be read as YAML{where}",
                f"check it with: readiness rubric validate {path}",
            )
        ) from None
    data = base.data
    if not (isinstance(data, dict) and "id" in data and ("criteria" in data or "extends" in data)):
        raise InputError(
            document.diagnostic(
                ("extends",), f"extended file {reference} is not a rubric", "a rubric has an 'id' and 'criteria' (or 'extends')"
            )
        )
    return base


def merge(data: dict, child: RubricExtension, document: Document) -> tuple[dict, Document]:
    """Apply ``child`` to its base's effective ``data`` (changed in place): marks point into the extending file wherever it said something."""
    problems: list[Diagnostic] = []
    marks: dict = {(): document.locate(("extends",), key=True)}
    keys: dict = {}

    def carry(target: tuple, source: tuple) -> None:
        for table, out in ((document.value_marks, marks), (document.key_marks, keys)):
            for path, mark in table.items():
                if path[: len(source)] == source:
                    out[target + path[len(source) :]] = mark

    for field in ("id", "version", "title", "description", "aggregation", "format"):
        value = getattr(child, field)
        if value is not None:
            data[field] = value
            carry((field,), (field,))
    data.pop("extends", None)
    ids = [c["id"] for c in data["criteria"]]
    for index, criterion_id in enumerate(child.disable):
        if criterion_id not in ids:
            problems.append(document.diagnostic(("disable", index), f"cannot disable unknown criterion '{criterion_id}'"))
    data["criteria"] = [c for c in data["criteria"] if c["id"] not in child.disable]
    for profile in data.get("profiles", []):  # an inherited profile no longer tightens what was disabled
        profile["criteria"] = {k: v for k, v in profile.get("criteria", {}).items() if k not in child.disable}
    for plan in data.get("business_modes", {}).values():
        plan["criteria"] = [c for c in plan.get("criteria", []) if c not in child.disable]

    def apply_overrides(section: str, noun: str) -> None:
        positions = {item["id"]: i for i, item in enumerate(data[section])}
        for item_id, override in getattr(child.overrides, section).items():
            if item_id not in positions:
                problems.append(
                    document.diagnostic(("overrides", section, item_id), f"cannot override unknown {noun} '{item_id}'", key=True)
                )
                continue
            data[section][positions[item_id]].update(override.model_dump(mode="json", by_alias=True, exclude_none=True))
            carry((section, positions[item_id]), ("overrides", section, item_id))

    apply_overrides("criteria", "criterion")
    for criterion in data["criteria"]:
        dropped = [r for r in criterion.get("requires", []) if r in child.disable]
        if dropped:
            where = ("disable", child.disable.index(dropped[0]))
            problems.append(
                document.diagnostic(
                    where, f"'{criterion['id']}' requires disabled criterion '{dropped[0]}'", "disable it too, or override its 'requires'"
                )
            )
    apply_overrides("dimensions", "dimension")
    for section in ("phases", "dimensions", "criteria", "profiles", "references"):
        data.setdefault(section, [])
        offset = len(data[section])
        for index, item in enumerate(getattr(child, section)):
            data[section].append(item.model_dump(mode="json", by_alias=True, exclude_none=True))
            carry((section, offset + index), (section, index))
    for section in ("extensions", "stages", "business_modes"):
        for name, declared in getattr(child, section).items():
            value = declared if isinstance(declared, str) else declared.model_dump(mode="json", exclude_none=True)
            data.setdefault(section, {})[name] = value
            carry((section, name), (section, name))
    if problems:
        raise InputError(problems)
    return data, Document(document.name, data, marks, keys)
