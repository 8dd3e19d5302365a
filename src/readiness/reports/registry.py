"""The one registry of report formats, for assessments, diffs and portfolios.

A format is a module with ``render(doc, options)`` (template formats also take the template's name) plus one
line in :data:`FORMATS`; a module may add ``stream`` with the same arguments, yielding the text in pieces. Modules are imported only when their format is asked for, so a JSON run never loads
rich or Jinja.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from readiness.common.text import inert, line_blocks, no_commands
from readiness.reports.options import RenderOptions

ASSESSMENT, DIFF, PORTFOLIO = "assessment", "diff", "portfolio"


class Format(NamedTuple):
    kind: str
    name: str
    suffixes: tuple[str, ...]
    module: str
    template: str | None = None


_TXT, _MD, _HTML, _JSON = (".txt",), (".md", ".markdown"), (".html", ".htm"), (".json",)

FORMATS = (
    Format(ASSESSMENT, "text", _TXT, "readiness.reports.text"),
    Format(ASSESSMENT, "markdown", _MD, "readiness.reports.markdown", "markdown/report.md.j2"),
    Format(ASSESSMENT, "html", _HTML, "readiness.reports.templating", "html/report.html.j2"),
    Format(ASSESSMENT, "json", _JSON, "readiness.reports.jsonreport"),
    Format(ASSESSMENT, "junit", (".xml",), "readiness.reports.junit"),
    Format(ASSESSMENT, "sarif", (".sarif",), "readiness.reports.sarif"),
    Format(ASSESSMENT, "github", (), "readiness.reports.github"),
    Format(ASSESSMENT, "gitlab", (), "readiness.reports.gitlab"),
    Format(DIFF, "text", _TXT, "readiness.trends.text"),
    Format(DIFF, "markdown", _MD, "readiness.reports.markdown", "diff/report.md.j2"),
    Format(DIFF, "json", _JSON, "readiness.reports.jsonreport"),
    Format(PORTFOLIO, "text", _TXT, "readiness.portfolio.text"),
    Format(PORTFOLIO, "markdown", _MD, "readiness.reports.markdown", "portfolio/portfolio.md.j2"),
    Format(PORTFOLIO, "html", _HTML, "readiness.reports.templating", "portfolio/portfolio.html.j2"),
    Format(PORTFOLIO, "json", _JSON, "readiness.portfolio.jsonreport"),
)


ALIASES = {"md": "markdown", "txt": "text", "htm": "html"}


def canonical(name: str | None) -> str | None:
    """A format's name as given on the command line, aliases resolved (`md` is `markdown`)."""
    return None if name is None else ALIASES.get(name.lower(), name.lower())


def names(kind: str) -> list[str]:
    return [f.name for f in FORMATS if f.kind == kind]


def lookup(kind: str, name: str) -> Format | None:
    return next((f for f in FORMATS if f.kind == kind and f.name == name), None)


def for_suffix(kind: str, path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    return next((f.name for f in FORMATS if f.kind == kind and suffix in f.suffixes), None)


# Formats whose readers are people (terminal, Markdown, HTML, JUnit): their data is made inert first. JSON, SARIF,
# GitLab Code Quality and GitHub workflow commands carry the data exactly; their encoders escape what needs escaping.
_EXACT = frozenset({"json", "sarif", "gitlab", "github"})


def render(kind: str, name: str, doc: dict, options: RenderOptions | None = None) -> str:
    """Render ``doc``; for the formats people read, no string in it can add a line, a terminal escape or a CI command."""
    return "".join(stream(kind, name, doc, options))


def stream(kind: str, name: str, doc: dict, options: RenderOptions | None = None) -> Iterator[str]:
    """:func:`render`'s text in pieces, made as they are read: a format whose module has ``stream`` never holds it whole."""
    found = lookup(kind, name)
    if found is None:
        raise KeyError(f"no {kind} format {name!r}")
    module = import_module(found.module)
    options = options or RenderOptions()
    if name not in _EXACT:
        doc = inert(doc)
        if options.extra:
            options = options._replace(extra=inert(options.extra))
    produce = getattr(module, "stream", None) or (lambda *args: iter((module.render(*args),)))
    pieces = produce(doc, options) if found.template is None else produce(found.template, doc, options)
    return pieces if name in _EXACT else map(no_commands, line_blocks(pieces))
