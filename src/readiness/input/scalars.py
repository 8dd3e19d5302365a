"""Plain YAML scalars read by the YAML 1.2 core schema, the reading JSON Schema tools and editors use.

PyYAML implements YAML 1.1, in which ``yes``, ``no``, ``on`` and ``off`` are booleans, ``2024-02-30`` is a
(broken) date, ``0755`` is octal and ``1:30`` is 90. Editors (yaml-language-server), ``check-jsonschema`` and
every JSON Schema validator read the same file by YAML 1.2, so the published schema (``readiness schema``) and
readiness itself would disagree about the same manifest. readiness therefore reads plain scalars by the 1.2 core
schema: only ``true``/``false`` (three spellings each) are booleans, only ``null``, ``~`` and nothing are null,
numbers are decimal, ``0o`` octal, ``0x`` hex or floats with ``.inf``/``.nan``, and everything else is text.
Dates stay text too; a model field that wants a date parses it (and says so when the date does not exist).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z|0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
# Python refuses to turn longer digit strings into an int (a denial-of-service guard); so does readiness, with a diagnostic.
MAX_DIGITS = 4300


def resolve(value: str) -> str:
    """The tag of a plain scalar under the YAML 1.2 core schema."""
    if value in _BOOL:
        return BOOL
    if _NULL.match(value):
        return NULL
    first = value[:1]
    if first in "0123456789+-.":
        if _INT.match(value):
            return INT
        if _FLOAT.match(value):
            return FLOAT
    return STR


def _int(value: str) -> int:
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    if len(value) > MAX_DIGITS:
        raise ValueError("too many digits")
    return int(value, 10)


def _float(value: str) -> float:
    lowered = value.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(value)


def _bool(value: str) -> bool:
    return _BOOL[value]


def _null(value: str) -> None:
    if not _NULL.match(value):
        raise ValueError("not null")
    return None


def _timestamp(value: str) -> Any:
    from yaml.nodes import ScalarNode

    return yaml.constructor.SafeConstructor().construct_yaml_timestamp(ScalarNode(TIMESTAMP, value))


BUILD: dict[str, Callable[[str], Any]] = {INT: _int, FLOAT: _float, BOOL: _bool, NULL: _null, TIMESTAMP: _timestamp, STR: str}


def build(tag: str, value: str) -> Any:
    """The value of a scalar with ``tag``; ValueError (or TypeError) when the text is not one."""
    if tag == INT and not _INT.match(value):
        raise ValueError("not an integer")
    if tag == FLOAT and not (_FLOAT.match(value) or _INT.match(value)):
        raise ValueError("not a number")
    return BUILD[tag](value)
