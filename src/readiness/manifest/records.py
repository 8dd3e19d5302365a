"""The plain twins of the manifest models' validators, for the records schema (:mod:`readiness.common.records`)."""

from __future__ import annotations

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
