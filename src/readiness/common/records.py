"""Validated data without its pydantic model: plain records, and the core schemas that build them.

Defining pydantic models costs more at every start than the rest of a run (issue 11): pydantic's field
machinery and the model classes. The models stay the single source of truth and validation stays
pydantic-core's: a model's core schema is stored in the cache with each model class replaced by
:class:`Record` and each of the model's validators by a plain twin, so that unpickling it imports none of
the models (:mod:`readiness.manifest.plain`). A schema holding anything without a twin is never stored
(:func:`plain_schema` raises ``ValueError``), and runs use the models, as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


class Record:
    """Validated data: read-only attributes, as the frozen pydantic model it stands for has."""

    __slots__ = ("__dict__", "__pydantic_extra__", "__pydantic_fields_set__", "__pydantic_private__")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"validated data is read-only: cannot set '{name}'")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(self) == vars(other)

    __hash__ = None  # type: ignore[assignment]  # records hold lists and mappings

    def __repr__(self) -> str:
        return f"Record({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"

    def __reduce__(self) -> tuple:
        return record, (dict(vars(self)),)

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Record:
        """A copy with ``update`` applied, as pydantic's ``model_copy`` (the scorer types a manifest's extensions this way)."""
        return record({**vars(self), **(update or {})})


def record(fields: dict[str, Any]) -> Record:
    made = object.__new__(Record)
    object.__setattr__(made, "__dict__", fields)
    return made


def from_model(value: Any) -> Any:
    """A validated pydantic model, and the models inside it, as records: what a cache entry holds to be read without pydantic."""
    if hasattr(type(value), "model_fields"):
        return record({name: from_model(item) for name, item in vars(value).items()})
    if isinstance(value, list):
        return [from_model(item) for item in value]
    if isinstance(value, dict):
        return {key: from_model(item) for key, item in value.items()}
    return value


def empty_section(defaults: dict[str, Any]) -> Record:
    """A section the data leaves out: every field at its default, as the model's ``model_construct()`` gives."""
    return record({name: value.copy() if isinstance(value, (list, dict)) else value for name, value in defaults.items()})


def plain_defaults(model: Any) -> dict[str, Any]:
    """The field defaults of ``model`` as plain data (``ValueError`` when one is not)."""
    defaults = dict(vars(model.model_construct()))
    if any(not isinstance(v, (type(None), bool, int, float, str, list, dict)) for v in defaults.values()):
        raise ValueError(f"a default of {model.__name__} is not plain data")
    return defaults


def plain_schema(schema: Any, twins: dict[Any, Callable], kinds_of: Callable[[Any], Any]) -> Any:
    """``schema`` with model classes, the models' validators and their default factories replaced by plain ones.

    ``twins`` maps a validator's function to its plain twin; a twin that takes ``kinds_of(model)`` first is
    listed in ``twins`` under ``("per model", function)``. Anything else callable in the schema is a ``ValueError``.
    """
    if isinstance(schema, list):
        return [plain_schema(item, twins, kinds_of) for item in schema]
    if not isinstance(schema, dict):
        return schema
    node = schema.get("type")
    plain: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "cls" and node == "model":
            plain[key] = Record
        elif key == "function" and node in ("with-info", "no-info"):
            plain[key] = _twin(value, twins, kinds_of)
        elif key == "default_factory":
            plain[key] = _factory(value)
        elif key in ("default", "members", "expected", "custom_error_context") or (key == "cls" and node == "enum"):
            plain[key] = value
        else:
            plain[key] = plain_schema(value, twins, kinds_of)
    return plain


def _twin(function: Any, twins: dict[Any, Callable], kinds_of: Callable[[Any], Any]) -> Any:
    underlying = getattr(function, "__func__", function)
    if underlying in twins:
        return twins[underlying]
    if ("per model", underlying) in twins:
        return functools.partial(twins[("per model", underlying)], kinds_of(function.__self__))
    raise ValueError(f"no plain twin for the validator {function!r}")


def _factory(factory: Any) -> Any:
    if factory in (dict, list):
        return factory
    if getattr(factory, "__name__", None) == "model_construct":
        return functools.partial(empty_section, plain_defaults(factory.__self__))
    raise ValueError(f"no plain twin for the default factory {factory!r}")
