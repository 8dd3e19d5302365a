"""The portfolio's JSON: the document with one line per project, criterion or error.

With ten thousand projects, one value per line (``indent=2``) makes a file three times larger that Python can
only write with its slow, pure-Python encoder; one line per row keeps the C encoder, and a diff between two
runs still shows one line per project that changed. Rows are encoded as they are made (:class:`~readiness.common.rows.Rows`),
so the text is written without ever being held whole.
"""

import json
from collections.abc import Iterator

from readiness.common.rows import Rows
from readiness.reports.options import RenderOptions

_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=list).encode  # default: Rows inside a row


def render(doc: dict, options: RenderOptions) -> str:
    return "".join(stream(doc, options))


def stream(doc: dict, options: RenderOptions) -> Iterator[str]:
    separator = "{\n"
    for key, value in doc.items():
        yield f"{separator}  {_encode(key)}: "
        separator = ",\n"
        if isinstance(value, (list, Rows)) and value:
            yield "[\n"
            row_separator = "    "
            for item in value:
                yield row_separator + _encode(item)
                row_separator = ",\n    "
            yield "\n  ]"
        else:
            yield _encode([] if isinstance(value, Rows) else value)
    yield "\n}\n" if separator != "{\n" else "{\n\n}\n"
