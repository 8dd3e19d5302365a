"""The plain twins of the manifest models' validators, for the records schema (:mod:`readiness.common.records`)."""

from __future__ import annotations

import functools
from typing import Any

from readiness.manifest.strict import check_kind


def strict_kind(kinds: dict[str, str], value: Any, info: Any) -> Any:
    """The twin of ``Section._strict_kind`` for one model, whose field kinds were read when the schema was stored."""
    return check_kind(kinds.get(info.field_name or ""), value)


def none_as_empty_mapping(value: Any) -> Any:
    """The twin of ``Manifest._empty_section``."""
    return {} if value is None else value


def none_as_empty_list(value: Any) -> Any:
    """The twin of ``Manifest._empty_list``."""
    return [] if value is None else value


# The inner schemas whose strict form is exactly the strict-kind check followed by the lax one (pydantic-core's
# strict bool takes only booleans; its strict float takes ints and floats but no boolean or text).
_STRICT_FORM = {"boolean": "bool", "number": "float"}


def inline_strict_kinds(schema: Any) -> Any:
    """``schema`` with each field's strict-kind twin folded into pydantic-core: the same verdicts and values.

    The twin runs in Python for every field of every manifest, and for most fields (choices, text, lists) it
    passes the value on unchanged; there it is dropped. For a yes/no or a decimal field it becomes pydantic-core's
    strict mode. Any other field keeps the twin. tests/test_records.py holds records and models to the same results.
    """
    if isinstance(schema, list):
        return [inline_strict_kinds(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    inlined = {key: value if key in _DATA else inline_strict_kinds(value) for key, value in schema.items()}
    if inlined.get("type") == "model-fields":
        inlined["fields"] = {name: {**field, "schema": _inlined(name, field["schema"])} for name, field in inlined["fields"].items()}
    return inlined


_DATA = frozenset({"default", "members", "expected", "custom_error_context", "cls"})  # values, not schemas


def _inlined(name: str, schema: Any) -> Any:
    if not isinstance(schema, dict):
        return schema
    if schema.get("type") == "default":
        return {**schema, "schema": _inlined(name, schema["schema"])}
    if schema.get("type") != "function-before":
        return schema
    function = schema["function"].get("function")
    if not (isinstance(function, functools.partial) and function.func is strict_kind):
        return {**schema, "schema": _inlined(name, schema["schema"])}  # another before-validator wraps the twin
    kind = function.args[0].get(name)
    inner = schema["schema"]
    if kind is None:
        return inner
    target = inner["schema"] if inner.get("type") == "nullable" else inner
    if target.get("type") != _STRICT_FORM.get(kind):
        return schema
    strict = {**target, "strict": True}
    return {**inner, "schema": strict} if inner.get("type") == "nullable" else strict
