"""Argument coercion without a pydantic ``TypeAdapter`` per option, for values typer would accept unchanged.

Typer 0.29 coerces every non-flag parameter through a pydantic ``TypeAdapter`` built when the command runs:
for ``assess`` that is about twenty adapters and pydantic's model machinery, some 35 ms of a 150 ms run
(docs/performance.md). The parameters stay declared once, in :mod:`readiness.cli.app`; this module only
reads those declarations. For the plain values it can be sure of (text, a path, a whole number or decimal
inside the declared range, a choice, a list of those) it returns what typer's adapter returns; anything else
(an out-of-range number, a malformed value, an annotation it does not know) goes to typer's own coercion, so
every error message is typer's. Typer releases without the adapter layer (before 0.29) are left alone.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_WHOLE = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_DEFERRED = object()


def install(command: Any, ctx: Any) -> None:
    """Give each of ``command``'s typer parameters (its help option too) the light coercion, where this typer coerces through adapters."""
    for param in command.get_params(ctx):
        if getattr(param, "_runtime_param", _DEFERRED) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = LightCoercion(param.type_descriptor)


class LightCoercion:
    """Typer's ``RuntimeParam`` contract (``coerce(value, param=, ctx=)``), falling back to typer's own."""

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:
            return () if multiple else None
        annotation, info = self.descriptor.annotation, self.descriptor.parameter_info
        if multiple and isinstance(value, (list, tuple)) and get_origin(annotation) is list:
            (item_type,) = get_args(annotation)
            items = [_plain(item, item_type, info, param, ctx) for item in value]
            if all(item is not _DEFERRED for item in items):
                return items
        elif not multiple:
            plain = _plain(value, annotation, info, param, ctx)
            if plain is not _DEFERRED:
                return plain
        return self._typer_coercion().coerce(value, param=param, ctx=ctx)

    def _typer_coercion(self) -> Any:
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(self.descriptor)
        return self._typer


def _plain(value: Any, annotation: Any, info: Any, param: Any, ctx: Any) -> Any:
    """The coerced value, or ``_DEFERRED`` when typer must decide."""
    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return _DEFERRED
    if annotation is str:
        return value if isinstance(value, str) else _DEFERRED
    if annotation is bool:
        return value if isinstance(value, bool) else _DEFERRED
    if annotation in (int, float):
        return _number(value, annotation, info)
    if annotation is Path and info.path_type is None:
        if isinstance(value, str) and value:
            value = Path(value)
        if not isinstance(value, Path):
            return _DEFERRED
        from typer._param_types import coerce_cli_path

        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    if isinstance(annotation, type) and issubclass(annotation, Enum) and info.case_sensitive:
        for member in annotation:
            if value is member or value == member.value:
                return member
    return _DEFERRED


def _number(value: Any, kind: type, info: Any) -> Any:
    if isinstance(value, str):
        if not (_WHOLE if kind is int else _DECIMAL).fullmatch(value):
            return _DEFERRED
        number = kind(value)
    elif type(value) in (int, float) and (kind is float or type(value) is int):
        number = kind(value)
    else:
        return _DEFERRED
    low: float | None = info.min
    high: float | None = info.max
    if info.clamp or (low is not None and number < low) or (high is not None and number > high):
        return _DEFERRED
    return number
