"""Strict answers: a boolean or a string is never a number, and a number or a string is never a boolean.

Pydantic's lax mode reads ``false`` as 0 days and ``'85'`` as 85, and such a reading silently meets a KPI. Turning
on pydantic's strict mode for whole models would also refuse ``pilot`` for an enum field (strict enums want
members), so the rule is applied per field kind, by one before-validator every manifest section inherits: new
fields are covered without being annotated. The JSON Schema already says ``number`` and ``boolean``, so the
validator and the published schema agree.
"""

from __future__ import annotations

import typing
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from pydantic import BaseModel

_NUMBER_TYPES = (int, float)


@cache
def kinds(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> ``number`` or ``boolean`` for the fields of ``model`` that hold one (optional or not)."""
    found = {}
    for name, info in model.model_fields.items():
        args = [a for a in typing.get_args(info.annotation) if a is not type(None)] or [info.annotation]
        if args == [bool]:
            found[name] = "boolean"
        elif len(args) == 1 and args[0] in _NUMBER_TYPES:
            found[name] = "number"
    return found


def check(model: type[BaseModel], field: str | None, value: Any) -> Any:
    """``value`` unchanged, or a ``bool_type``/``float_type`` error when it is of the wrong JSON type."""
    return check_kind(kinds(model).get(field or ""), value)


def check_kind(kind: str | None, value: Any) -> Any:
    """``value`` unchanged, or the error for a field of ``kind`` (``number``, ``boolean`` or None for any other)."""
    if kind is None or value is None:
        return value
    if kind == "boolean" and not isinstance(value, bool):
        raise PydanticCustomError("bool_type", "Input should be true or false")
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES)):
        raise PydanticCustomError("float_type", "Input should be a number")
    return value
