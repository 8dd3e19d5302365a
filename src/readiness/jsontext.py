"""Indented JSON text, byte-identical to ``json.dumps(value, indent=2, ensure_ascii=False)``.

With ``indent`` set, the standard library encodes in pure Python through
nested generators; this writer does the same job in one recursive pass over
the plain reports readiness builds (strings, numbers, booleans, null, lists
and string-keyed mappings) about three times faster, which is a visible part
of a JSON run (issue 7). Anything else (a non-string key, NaN, another type)
goes to the standard library, so the output never depends on which path ran.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any


class _Unusual(Exception):
    pass


def dumps(value: Any) -> str:
    out: list[str] = []
    try:
        _write(value, "\n", out)
    except _Unusual:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(out)


def _write(value: Any, newline: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Unusual
        out.append(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _write(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unusual
            out.append(separator)
            out.append(encode_basestring(key))
            out.append(": ")
            _write(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    else:
        raise _Unusual
