"""Indented JSON text, byte-identical to ``json.dumps(value, indent=2, ensure_ascii=False)``.

With ``indent`` set, the standard library encodes in pure Python through
nested generators; this writer does the same job in one recursive pass over
the plain reports readiness builds (strings, numbers, booleans, null, lists
and string-keyed mappings) about three times faster, which is a visible part
of a JSON run (issue 7). Anything else (a non-string key, NaN, another type,
nesting deeper than any report, such as a cycle) goes to the standard
library, so the output, or the error, never depends on which path ran.
"""

from __future__ import annotations

import io
import json
import math
from json.encoder import encode_basestring
from typing import Any, Callable


class _Unusual(Exception):
    pass


def dumps(value: Any) -> str:
    """The JSON text of ``value``; written through a StringIO, which holds a large document in half the memory a list of pieces takes."""
    out = io.StringIO()
    try:
        _write(value, "\n", out.write, 0)
    except _Unusual:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return out.getvalue()


MAX_DEPTH = 100


def _write(value: Any, newline: str, write: Callable[[str], Any], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise _Unusual
    if isinstance(value, str):
        write(encode_basestring(value))
    elif value is None:
        write("null")
    elif value is True:
        write("true")
    elif value is False:
        write("false")
    elif isinstance(value, int):
        write(int.__repr__(value))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Unusual
        write(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            write("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            write(separator)
            _write(item, inner, write, depth + 1)
            separator = "," + inner
        write(newline + "]")
    elif isinstance(value, dict):
        if not value:
            write("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unusual
            write(separator)
            write(encode_basestring(key))
            write(": ")
            _write(item, inner, write, depth + 1)
            separator = "," + inner
        write(newline + "}")
    else:
        raise _Unusual
