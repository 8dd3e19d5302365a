"""Validate a YAML :class:`~readiness.source.Document` against a pydantic model.

Pydantic reports errors by location path; the document knows the line and
column of every path, so each error becomes a :class:`Diagnostic` pointing at
the YAML node it came from, with a hint (the closest known key, the allowed
values) where one helps. All errors are reported, sorted by line.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any

from pydantic_core import ValidationError

from readiness.common.errors import MAX_DIAGNOSTICS, Diagnostic, InputError
from readiness.common.suggest import did_you_mean
from readiness.input.source import Document

if TYPE_CHECKING:
    from pydantic import BaseModel

_TYPE_NAMES = {"dict": "mapping", "list": "list", "str": "text", "int": "integer", "float": "number", "bool": "boolean", "NoneType": "null"}


def top_level_mapping(document: Document, what: str) -> dict:
    data = document.data
    if data is None:
        raise InputError(
            Diagnostic(
                document.name,
                f"the {what} is empty",
                1,
                1,
                hint="start from `readiness init` or the examples/ folder" if what == "manifest" else None,
            )
        )
    if not isinstance(data, dict):
        mark = document.locate(())
        raise InputError(
            Diagnostic(
                document.name,
                f"the top level of a {what} must be a mapping of keys to values, found {describe(data)}",
                mark.line if mark else None,
                mark.column if mark else None,
                "start the file with `version: 1`" if what == "manifest" else "write the file as a YAML mapping: one `key: value` per line",
            )
        )
    return data


def validate(model: type[BaseModel], document: Document, data: Any = None, prefix: tuple = ()) -> Any:
    data = document.data if data is None else data
    try:
        return validator_of(model).validate_python(data)
    except ValidationError as exc:
        errors = _distinct(exc.errors(include_url=False), data)
        shown = [_diagnostic(model, document, data, error, prefix) for error in errors[:MAX_DIAGNOSTICS]]
        raise InputError(shown, more=len(errors) - len(shown)) from None


_EXPECTED = {
    "string_type": "text",
    "bool_type": "true/false",
    "int_type": "a number",
    "float_type": "a number",
    "int_from_float": "a number",
    "none_required": "null",
}


def _distinct(errors: list, data: Any) -> list:
    """One error per place in the data: a value that fails every member of a union is one error naming what fits."""
    places: dict[tuple, list] = {}
    for error in errors:
        places.setdefault(_data_path(data, error["loc"]), []).append(error)
    kept = []
    for group in places.values():
        expected = list(dict.fromkeys(_EXPECTED[e["type"]] for e in group if e["type"] in _EXPECTED))
        if len(group) > 1 and len(expected) > 1:
            kept.append({**group[0], "type": "union_type", "msg": f"Input should be {', '.join(expected[:-1])} or {expected[-1]}"})
        else:
            kept.append(group[0])
    return kept


def _diagnostic(model: type[BaseModel], document: Document, data_root: Any, error: dict, prefix: tuple) -> Diagnostic:
    loc = _data_path(data_root, error["loc"])
    path = prefix + loc
    dotted = ".".join(str(p) for p in path)
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = field_names(model, loc[:-1])
        hint = did_you_mean(name, known, f"known keys here: {', '.join(known)}" if known else None)
        owner = model_at(model, loc[:-1])
        noun = getattr(owner, "unknown_key_noun", "key")
        return document.diagnostic(path, f"unknown {noun} '{dotted if noun == 'key' else name}'", hint, key=True)
    if kind == "missing":
        hint = "add `version: 1` at the top of the file" if path == ("version",) else f"add `{loc[-1]}:` here"
        return document.diagnostic(path[:-1], f"missing required key '{dotted}'", hint, key=True)
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return document.diagnostic(path, f"{dotted}: {_show(error.get('input'))} is not an allowed value", f"allowed values: {expected}")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return document.diagnostic(path, f"{dotted}: expected a mapping, got {_show(error.get('input'))}", _type_hint(kind))
    message = error["msg"]
    if kind == "value_error":
        return document.diagnostic(path, f"{dotted + ': ' if dotted else ''}{message.removeprefix('Value error, ')}")
    message = message[0].lower() + message[1:] if message else message
    return document.diagnostic(path, f"{dotted}: {message}, got {_show(error.get('input'))}", _type_hint(kind, error.get("input")))


def _type_hint(kind: str, value: Any = None) -> str | None:
    if kind.startswith(("bool_", "bool")):
        if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
            return "write true or false: YAML 1.2, which readiness and schema tools follow, reads yes, no, on and off as text"
        return "write true or false"
    if kind.startswith(("date", "datetime")):
        return "write a date that exists, as YYYY-MM-DD"
    if kind.startswith(("float", "int")) and isinstance(value, str):
        return "write the number without quotes"
    if kind.startswith(("float", "int")) and isinstance(value, bool):
        return "write a number: true and false are not numbers"
    if kind.startswith(("float", "int", "greater", "less")):
        return "write a number within the allowed range"
    if kind in ("list_type",):
        return "write a YAML list, one '- item' per line"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "write a mapping of keys to values"
    return None


def _data_path(data: Any, loc: tuple) -> tuple:
    """The part of pydantic's error location that names keys and indexes in the data (not union tags)."""
    path = []
    for part in loc:
        if (isinstance(data, dict) and part in data) or (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            data = data[part]
        elif (isinstance(data, dict) and not _is_union_tag(part)) or (isinstance(data, list) and isinstance(part, int)):
            path.append(part)  # a missing key: its own error location
            data = None
            continue
        else:
            continue
        path.append(part)
    return tuple(path)


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part in {"function-after", "function-before", "function-wrap"})


def _show(value: Any) -> str:
    """A value as the user wrote it in YAML: true, not True."""
    if value is None or isinstance(value, (dict, list)):
        return describe(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {_TYPE_NAMES.get(type(value).__name__, type(value).__name__)} ({_show(value)})"


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that validates the data found at ``loc``, if any."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _item_type(current)
            continue
        sub = model_of(current)
        if sub is None or part not in sub.model_fields:
            return None
        current = sub.model_fields[part].annotation
    return model_of(current)


def field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """Names of the fields of the model found at ``loc`` (empty when it is not a model)."""
    sub = model_at(model, loc)
    return [info.alias or name for name, info in sub.model_fields.items()] if sub else []


def model_of(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _item_type(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        if typing.get_origin(candidate) in (list, tuple) and typing.get_args(candidate):
            return typing.get_args(candidate)[0]
    return None


def _unwrap(annotation: Any) -> list:
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return [annotation]


_validators: dict[type, Any] = {}


def validator_of(model: type[BaseModel]) -> Any:
    """The pydantic-core validator of ``model``, without building the model's schema when the disk cache holds it.

    Building the manifest models' schema costs more at every start than the
    rest of a run (issue 7), so those models declare ``defer_build`` and their
    core schema is cached, keyed by the pydantic versions and readiness's
    code stamp (which covers every module a schema can depend on). A
    validator built from the cache is the one pydantic-core would unpickle;
    any failure falls back to pydantic's own build.
    """
    if model.__pydantic_complete__:
        return model.__pydantic_validator__
    if model not in _validators:
        _validators[model] = _cached_validator(model)
    return _validators[model]


def _cached_validator(model: type[BaseModel]) -> Any:
    import pydantic_core
    from pydantic.version import VERSION

    from readiness.common import cache

    key = cache.digest("validator", model.__module__, model.__qualname__, VERSION, pydantic_core.__version__)
    arguments = cache.get("validator", key)
    if arguments is not None:
        try:
            return pydantic_core.SchemaValidator(*arguments)
        except Exception:
            pass
    model.model_rebuild()
    validator = model.__pydantic_validator__
    if not isinstance(validator, pydantic_core.SchemaValidator):  # pydantic before 2.10 left deferred models unbuilt
        model.model_rebuild(force=True)
        validator = model.__pydantic_validator__
    if isinstance(validator, pydantic_core.SchemaValidator):  # not a plugin's wrapper
        schema, *rest = typing.cast(tuple, validator.__reduce__())[1]
        cache.put("validator", key, (without_metadata(schema), *rest))
    return validator


_VALUES = frozenset({"default", "expected", "members", "custom_error_context"})  # data in a core schema, not schemas


def without_metadata(schema: Any) -> Any:
    """A core schema minus its ``metadata`` entries, which only JSON Schema generation reads (and which hold closures).

    Only a schema node (a mapping whose ``type`` is a string) loses its
    ``metadata``, and values such as defaults are copied untouched: a field
    or a default may be named ``metadata`` too.
    """
    if isinstance(schema, dict):
        node = isinstance(schema.get("type"), str)
        return {k: v if k in _VALUES else without_metadata(v) for k, v in schema.items() if not (node and k == "metadata")}
    if isinstance(schema, list):
        return [without_metadata(v) for v in schema]
    return schema


shown = _show
