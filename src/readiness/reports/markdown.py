"""Markdown reports: the template's text with runs of blank lines folded, which Markdown would fold anyway."""

import re

from readiness.reports import templating
from readiness.reports.options import RenderOptions


def render(template: str, doc: dict, options: RenderOptions) -> str:
    return re.sub(r"\n{3,}", "\n\n", templating.render(template, doc, options))
