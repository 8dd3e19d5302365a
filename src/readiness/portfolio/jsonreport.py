"""The portfolio's JSON: the document with one line per project, criterion or error.

With ten thousand projects, one value per line (``indent=2``) makes a file three times larger that Python can
only write with its slow, pure-Python encoder; one line per row keeps the C encoder, and a diff between two
runs still shows one line per project that changed.
"""

import json

from readiness.reports.options import RenderOptions

_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def render(doc: dict, options: RenderOptions) -> str:
    members = [_member(key, value) for key, value in doc.items()]
    return "{\n" + ",\n".join(members) + "\n}\n"


def _member(key: str, value) -> str:
    if isinstance(value, list) and value:
        rows = ",\n".join(f"    {_encode(item)}" for item in value)
        return f"  {_encode(key)}: [\n{rows}\n  ]"
    return f"  {_encode(key)}: {_encode(value)}"
