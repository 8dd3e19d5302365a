"""Jinja rendering for report templates, safe for text that comes from a manifest.

A manifest's project name or owner is free text that anyone can edit, and a
report is read by people who trust it. Markdown templates therefore pass
every ``{{ expression }}`` through :func:`markdown_inline` (Jinja's
``finalize`` hook), so pipes, backticks, HTML tags, links, images, headings and
newlines come out as visible text; HTML templates use Jinja's autoescaping.
Data is never parsed as a template, so ``{{ 7*7 }}`` in a manifest stays text.

Templates live in the package's ``templates/`` folder; ``--template-dir``
puts an organization's folder in front of it, so any template or partial can
be overridden without forking.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2

from .report import RenderOptions

PACKAGE_TEMPLATES = Path(__file__).with_name("templates")

_INLINE_SPECIAL = re.compile(r"[\\`*\[\]|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_LINE_START = re.compile(r"^(\d*)([#+\->=]|(?<=\d)[.)](?=\s|$))")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_AUTOLINK = re.compile(r"(?<=\w)(:)(?=//)|(?<![\w.])www(\.)")
_WHITESPACE = re.compile(r"\s+")


class Verbatim(str):
    """Text a template marks as already safe Markdown (never used for manifest text)."""


def markdown_inline(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Verbatim):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return ", ".join(markdown_inline(v) for v in value)
    text = _WHITESPACE.sub(" ", str(value)).strip()
    text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _AUTOLINK.sub(lambda m: "\\:" if m.group(1) else "www\\.", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text, count=1)


def _number(value, digits: int = 1) -> Verbatim:
    if value is None:
        return Verbatim("n/a")
    value = round(float(value), digits)
    return Verbatim(str(int(value)) if value.is_integer() else f"{value:.{digits}f}")


def _bar(score, width: int = 20) -> Verbatim:
    if score is None:
        return Verbatim("·" * width)
    filled = int(round(score / 100 * width))
    return Verbatim("█" * filled + "░" * (width - filled))


def _title(value: str) -> str:
    return str(value).replace("_", " ")


@lru_cache(maxsize=8)
def environment(kind: str, template_dir: str | None) -> jinja2.Environment:
    folders = [str(PACKAGE_TEMPLATES)] if template_dir is None else [template_dir, str(PACKAGE_TEMPLATES)]
    options = dict(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    if kind == "html":
        env = jinja2.Environment(autoescape=True, **options)
    else:
        env = jinja2.Environment(autoescape=False, finalize=markdown_inline, **options)
    env.filters.update(number=_number, bar=_bar, title_case=_title, verbatim=Verbatim)
    return env


def render(template: str, doc: dict, options: RenderOptions) -> str:
    kind = "html" if template.endswith(".html.j2") else "markdown"
    env = environment(kind, str(options.template_dir) if options.template_dir else None)
    try:
        return env.get_template(template).render(report=doc, **options.extra)
    except jinja2.TemplateError as exc:
        from .errors import UsageError

        where = f"{exc.filename}:{exc.lineno}: " if getattr(exc, "lineno", None) and getattr(exc, "filename", None) else ""
        raise UsageError(f"template {template}: {where}{exc.message or exc}", "check the template override folder") from None
