"""What the manifest model says about a field, by its dotted path: the kind of answer, whether it is context, which way is better.

Rubrics check fields by path (``deployment.automation``); the compiler and the docs reference ask here. An
organization's extension facts are described by the rubric's declarations, passed in as ``extensions``.
"""

import typing
from enum import Enum
from typing import Any, NamedTuple

from readiness.input.validation import model_of
from readiness.manifest.levels import Level
from readiness.manifest.model import Manifest


def answer_fields() -> list[str]:
    """Dotted paths of every answer a team can give (the keys `evidence` accepts)."""
    return list(answer_table())


def answer_table() -> dict[str, tuple[type | None, str]]:
    """Every answer field, in the model's order, with the type its answer holds (an enum, bool, str, int or float;
    None for a list) and its description: what the scan drafts with (:func:`readiness.manifest.plain.answer_table`)."""
    table = {}
    for section, info in Manifest.model_fields.items():
        model = model_of(info.annotation)
        if model is None:
            continue
        for name, field in model.model_fields.items():
            kinds = [c for c in typing.get_args(field.annotation) or (field.annotation,) if isinstance(c, type) and c is not type(None)]
            table[f"{section}.{name}"] = (kinds[0] if kinds else None, field.description or "")
    return table


def free_text_fields() -> list[str]:
    """Answer fields that take any string: an optional ``str`` with no constraint (sections strip, never refuse, text)."""
    found = []
    for section, info in Manifest.model_fields.items():
        model = model_of(info.annotation)
        if model is None:
            continue
        for name, field in model.model_fields.items():
            args = [a for a in typing.get_args(field.annotation) if a is not type(None)] or [field.annotation]
            if args == [str] and not field.metadata:
                found.append(f"{section}.{name}")
    return found


class FieldInfo(NamedTuple):
    path: tuple[str, ...]
    kind: str  # level, enum, bool, number, list, text
    context: bool
    better: str | None
    enum: type[Enum] | None


def field_info(dotted: str, extensions: dict | None = None, enums: dict | None = None) -> FieldInfo | None:
    """What the manifest model (or the rubric's extension declarations) says about a dotted field path."""
    parts = tuple(dotted.split("."))
    if parts[0] == "extensions":
        declared = (extensions or {}).get(parts[1]) if len(parts) == 2 else None
        if declared is None:
            return None
        kind = "level" if declared.type == "level" else declared.type
        return FieldInfo(parts, kind, False, declared.better, (enums or {}).get(parts[1]))
    model: Any = Manifest
    info = None
    for depth, part in enumerate(parts):
        if model is None or part not in model.model_fields:
            return None
        info = model.model_fields[part]
        model = model_of(info.annotation) if depth < len(parts) - 1 else None
    if info is None or model_of(info.annotation) is not None:
        return None
    extra = info.json_schema_extra or {}
    annotation = info.annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    base = args[0]
    enum = base if isinstance(base, type) and issubclass(base, Enum) else None
    if typing.get_origin(base) is list:
        kind = "list"
    elif enum is not None:
        kind = "level" if issubclass(enum, Level) else "enum"
    elif base is bool:
        kind = "bool"
    elif base in (int, float):
        kind = "number"
    else:
        kind = "text"
    return FieldInfo(parts, kind, bool(extra.get("context")), extra.get("better"), enum)
