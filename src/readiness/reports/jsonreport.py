"""JSON reports: the document itself, indented, keys in the document's order."""

import json

from readiness.reports.options import RenderOptions


def render(doc: dict, options: RenderOptions) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
