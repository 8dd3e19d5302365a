"""The manifest without its models: the records validator, the answer fields and the section order, from the cache.

Each comes from a cache entry (or the wheel's prebuilt one) built from the models on a miss, so that a run
reading valid input defines no pydantic model (:mod:`readiness.common.records`). The field table is an entry of
its own: the scan needs it without paying for the validator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from readiness.manifest import SUPPORTED_VERSIONS

_VALIDATOR: list[Any] = []  # this process's records validator, or None when the schema has no plain form
_FIELDS: list[tuple[dict[str, tuple[type | None, str]], tuple[str, ...], frozenset[str]]] = []


def validator() -> Any:
    """pydantic-core's validator of the records schema, or None (then the models validate)."""
    if not _VALIDATOR:
        import pydantic_core

        stored = _entry("manifest records", _build_schema)
        found = None
        if stored is not None:
            try:
                found = pydantic_core.SchemaValidator(*stored)
            except Exception:
                found = None
        _VALIDATOR.append(found)
    return _VALIDATOR[0]


def answer_table() -> dict[str, tuple[type | None, str]]:
    """Every answer field with its type and description (:func:`readiness.manifest.fields.answer_table`)."""
    return _fields()[0]


def section_order() -> tuple[str, ...]:
    """The manifest's top-level fields in the model's order (where a report places a section the file leaves out)."""
    return _fields()[1]


def accepts(field: str, value: Any) -> bool:
    """Whether a manifest may answer ``field`` with ``value``: validated as the one answer of a minimal manifest.

    A string for a choice or a free-text field, or a boolean for a yes/no field, is decided from the field table
    instead (tests/test_records.py holds the two to the same verdicts), so that a scan need not load pydantic-core.
    """
    entry = answer_table().get(field)
    if entry is None:
        return False
    verdict = _plain_verdict(field, entry[0], value)
    if verdict is not None:
        return verdict
    section, _, name = field.partition(".")
    data: dict[str, Any] = {"version": SUPPORTED_VERSIONS[-1], "project": {"name": "x"}}
    data.setdefault(section, {})[name] = value
    check = validator()
    if check is None:
        from readiness.input.validation import validator_of
        from readiness.manifest.model import Manifest

        check = validator_of(Manifest)
    try:
        check.validate_python(data)
    except Exception:
        return False
    return True


def _plain_verdict(field: str, kind: type | None, value: Any) -> bool | None:
    """The verdict for the simplest answers, or None when only the validator can tell."""
    from enum import Enum

    if type(value) is str and isinstance(kind, type) and issubclass(kind, Enum) and "_missing_" not in vars(kind):
        return value in kind._value2member_map_
    if type(value) is str and field in _fields()[2]:
        return True
    if type(value) is bool and kind is bool:
        return True
    return None


def _fields() -> tuple[dict[str, tuple[type | None, str]], tuple[str, ...], frozenset[str]]:
    if not _FIELDS:
        table, sections, free_text = _entry("manifest fields", _build_fields, libraries=False)
        _FIELDS.append((dict(table), tuple(sections), frozenset(free_text)))
    return _FIELDS[0]


def _entry(name: str, build: Callable[[], Any], *, libraries: bool = True) -> Any:
    """The cached entry ``name``, keyed by the pydantic versions only when it holds what pydantic generated.

    The field table holds readiness's own types and texts, read from annotations the code stamp covers, so
    its key leaves pydantic out: the scan, which needs only the table, then never imports pydantic.
    """
    from readiness.common import cache

    versions: tuple[str, ...] = ()
    if libraries:
        from pydantic.version import VERSION
        from pydantic_core import __version__ as core_version

        versions = (VERSION, core_version)
    key = cache.digest("validator", name, *versions)
    stored = cache.get("validator", key)
    if stored is None:
        stored = build()
        if stored is not None:
            cache.put("validator", key, stored)
    return stored


def _build_fields() -> tuple[dict[str, tuple[type | None, str]], list[str], list[str]]:
    from readiness.manifest.fields import answer_table as from_models
    from readiness.manifest.fields import free_text_fields
    from readiness.manifest.model import Manifest

    return from_models(), list(Manifest.model_fields), free_text_fields()


def _build_schema() -> tuple[Any, Any] | None:
    import typing

    from readiness.common.records import plain_schema
    from readiness.input.validation import validator_of, without_metadata
    from readiness.manifest import records, strict
    from readiness.manifest.model import Manifest
    from readiness.manifest.sections import Section

    try:
        schema, config, *_ = typing.cast(tuple, validator_of(Manifest).__reduce__())[1]
        twins: dict[Any, Callable] = {
            ("per model", Section._strict_kind.__func__): records.strict_kind,  # type: ignore[attr-defined]
            Manifest._empty_section.__func__: records.none_as_empty_mapping,  # type: ignore[attr-defined]
            Manifest._empty_list.__func__: records.none_as_empty_list,  # type: ignore[attr-defined]
        }
        return records.inline_strict_kinds(plain_schema(without_metadata(schema), twins, strict.kinds)), config
    except (ValueError, TypeError, AttributeError):
        return None
