"""Jinja rendering for report templates, safe for text that comes from a manifest.

A manifest's project name or owner is free text that anyone can edit, and a
report is read by people who trust it. Markdown templates therefore pass
every ``{{ expression }}`` through :func:`markdown_inline` (Jinja's
``finalize`` hook), so pipes, backticks, HTML tags, links, images, headings and
newlines come out as visible text; HTML templates use Jinja's autoescaping.
Data is never parsed as a template, so ``{{ 7*7 }}`` in a manifest stays text.
Text inside a Mermaid chart goes through :func:`mermaid_text` instead, which
keeps it from ending the chart or changing what the chart says.

Templates live in the package's ``templates/`` folder; ``--template-dir``
puts an organization's folder in front of it, so any template or partial can
be overridden without forking.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from readiness.common.text import display
from readiness.reports import charts
from readiness.reports.options import RenderOptions

PACKAGE_TEMPLATES = Path(__file__).with_name("templates")

_INLINE_SPECIAL = re.compile(r"[\\`*\[\]|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_LINE_START = re.compile(r"^(\d*)([#+\->=]|(?<=\d)[.)](?=\s|$))")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_AUTOLINK = re.compile(r"(?<=\w)(:)(?=//)|(?<![\w.])www(\.)")
_WHITESPACE = re.compile(r"\s+")


class Verbatim(str):
    """Text a template marks as already safe Markdown (never used for manifest text)."""


def markdown_inline(value) -> str:
    if isinstance(value, Verbatim):
        return value
    if isinstance(value, list):
        return ", ".join(markdown_inline(v) for v in value)
    text = display(value)
    if isinstance(value, (int, float)):
        return text
    return escape_markdown(text)


def escape_markdown(text: str) -> str:
    text = _WHITESPACE.sub(" ", text).strip()
    text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _AUTOLINK.sub(lambda m: "\\:" if m.group(1) else "www\\.", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text, count=1)


_MERMAID_REPLACE = {'"': "'", "`": "'", ":": " -", ";": ",", "%": " percent", "[": "(", "]": ")", "{": "(", "}": ")"}
_MERMAID_UNSAFE = re.compile(r"[^\w .,'()/+&!?\-–]")
_MERMAID_KEYWORD = re.compile(
    r"^(?:title|section|click|call|href|gantt|dateformat|axisformat|tickinterval|includes|excludes|todaymarker"
    r"|inclusiveenddates|topaxis|weekday|weekend|acctitle|accdescr|accdescription|xychart|x-axis|y-axis|bar|line"
    r"|horizontal|\d{4}-\d\d-\d\d)\b",
    re.IGNORECASE,
)


def mermaid_text(value, limit: int = 80) -> Verbatim:
    """Text that is safe anywhere a Mermaid chart takes a label: a gantt task, section or title, or a quoted string.

    One line, none of the characters that end a label, a string or a statement
    (quotes, colon, semicolon), start a comment (``#``, ``%``) or could close
    the Markdown code fence (backtick); never starting with a Mermaid keyword;
    at most ``limit`` characters. Meaning survives (``30 %`` reads ``30
    percent``), markup does not.
    """
    if value is None:
        return Verbatim("")
    text = "".join(_MERMAID_REPLACE.get(ch, ch) for ch in str(value))
    text = _WHITESPACE.sub(" ", _MERMAID_UNSAFE.sub(" ", text)).strip(" -")
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if _MERMAID_KEYWORD.match(text):
        text = "· " + text
    return Verbatim(text or "untitled")


def _lookup(items: list[dict], key: str = "id", value: str = "name") -> dict:
    """A mapping from one field of each item to another (dimension id to name, say)."""
    return {item[key]: item[value] for item in items}


def _citations(sources: list[str], numbers: dict) -> list[int]:
    """The numbers a criterion's sources have in the report's references (``numbers``: id to number), in order."""
    return sorted({numbers[s] for s in sources if s in numbers})


def _number(value, digits: int = 1) -> Verbatim:
    if value is None:
        return Verbatim("n/a")
    value = round(float(value), digits)
    return Verbatim(str(int(value)) if value.is_integer() else f"{value:.{digits}f}")


def _bar(score, width: int = 20) -> Verbatim:
    if score is None:
        return Verbatim("·" * width)
    filled = round(score / 100 * width)
    return Verbatim("█" * filled + "░" * (width - filled))


def band(score, bands: list[dict]) -> str:
    """The heat-map band of a score: the first of ``bands`` (best first, ``{id, min}``) it reaches; "none" for no score."""
    if score is None:
        return "none"
    return next((b["id"] for b in bands if score >= b["min"]), "none")


_BREAK_AFTER = re.compile(r"(?<=[./_\\-])(?=.)")


def breakable(value) -> markupsafe.Markup:
    """An identifier or path for HTML that wraps only after its separators (``.``, ``/``, ``_``, ``-``), never mid-word."""
    return markupsafe.Markup("<wbr>").join(markupsafe.escape(part) for part in _BREAK_AFTER.split(display(value)))


def _title(value: str) -> str:
    return str(value).replace("_", " ")


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja, reading ``report.score`` from the plain dicts of a report document without raising an exception first.

    Jinja tries ``getattr`` before the key, so every attribute read on a dict
    raised and caught an AttributeError: a third of a render. On an exact
    dict, a name that is not a dict attribute can only be a key, so the
    result is the one Jinja would reach.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@lru_cache(maxsize=8)
def environment(kind: str, template_dir: str | None) -> jinja2.Environment:
    folders = [str(PACKAGE_TEMPLATES)] if template_dir is None else [template_dir, str(PACKAGE_TEMPLATES)]
    options: dict[str, Any] = {
        "loader": jinja2.FileSystemLoader(folders),
        "undefined": jinja2.StrictUndefined,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "bytecode_cache": _bytecode_cache(kind),
    }
    if kind == "html":
        env = _Environment(autoescape=True, **options)
    else:
        env = _Environment(autoescape=False, finalize=markdown_inline, **options)
    env.filters.update(
        number=_number,
        bar=_bar,
        title_case=_title,
        verbatim=Verbatim,
        mermaid=mermaid_text,
        lookup=_lookup,
        display=display,
        band=band,
        breakable=breakable,
        citations=_citations,
    )
    env.globals.update(radar=charts.radar, gauge=charts.gauge, timeline=charts.timeline, phase_span=charts.phase_span)
    return env


def _bytecode_cache(kind: str) -> jinja2.BytecodeCache | None:
    """Compiled templates in the user cache folder, one folder per environment kind, behind the package's prebuilt ones.

    Jinja keys bytecode by template file and source, not by environment, and
    the Markdown environment compiles every expression through ``finalize``
    while the HTML one autoescapes: sharing a folder would hand one the
    other's code.
    """
    from readiness.common import cache

    if not cache.CODE_STAMP:
        return None
    name = f"jinja-{cache.digest('templates', kind)[:16]}"
    prebuilt = cache.prebuilt_folder() / name
    folder = cache.folder() / name
    if cache.enabled():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return _TrustedBytecodeCache(str(prebuilt), prebuilt, writable=False) if prebuilt.is_dir() else None
        return _TrustedBytecodeCache(str(folder), prebuilt)
    return _TrustedBytecodeCache(str(prebuilt), prebuilt, writable=False) if prebuilt.is_dir() else None


class _TrustedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Loads compiled templates only from regular files this user wrote and nobody else can change, as for every cache entry.

    Any fault (a truncated or corrupt entry, a FIFO in its place, a full or read-only folder) is a miss: Jinja compiles
    the template again. A bundled template is keyed by its name rather than its path, so the entries a build
    compiled into the package (``prebuilt``) serve every installation; they are read when the user's folder misses.
    """

    def __init__(self, directory: str, prebuilt: Path, writable: bool = True) -> None:
        super().__init__(directory)
        self.prebuilt = prebuilt
        self.writable = writable

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        if filename is not None and Path(filename).is_relative_to(PACKAGE_TEMPLATES):
            filename = "readiness:" + Path(filename).relative_to(PACKAGE_TEMPLATES).as_posix()
        return super().get_cache_key(name, filename)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from readiness.common.cache import open_entry

        if self.writable:
            self._load(bucket, open_entry(self._get_cache_filename(bucket)))
        if bucket.code is None:
            self._load(bucket, open_entry(self.prebuilt / Path(self._get_cache_filename(bucket)).name, packaged=True))

    @staticmethod
    def _load(bucket: jinja2.bccache.Bucket, handle) -> None:
        import types

        if handle is None:
            return
        with handle:
            try:
                bucket.load_bytecode(handle)
            except Exception:
                bucket.reset()
        if bucket.code is not None and not isinstance(bucket.code, types.CodeType):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Written to a temporary file and renamed into place: Jinja before 3.1.3 opened the entry itself for writing,
        which blocks forever on a FIFO planted in its place."""
        if not self.writable:
            return
        import contextlib
        import os
        import tempfile

        from readiness.common.cache import evict

        try:
            fd, temporary = tempfile.mkstemp(prefix=".jinja-", suffix=".tmp", dir=self.directory)
            try:
                with os.fdopen(fd, "wb") as handle:
                    bucket.write_bytecode(handle)
                os.replace(temporary, self._get_cache_filename(bucket))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except Exception:
            return
        evict()


def render(template: str, doc: dict, options: RenderOptions) -> str:
    return "".join(stream(template, doc, options))


def stream(template: str, doc: dict, options: RenderOptions) -> Iterator[str]:
    """The template's output as Jinja makes it; an error in the template, found before or while rendering, is a usage error."""
    kind = "html" if template.endswith(".html.j2") else "markdown"
    env = environment(kind, str(options.template_dir) if options.template_dir else None)
    from readiness.common.errors import UsageError

    try:
        yield from env.get_template(template).generate(report=doc, **(options.extra or {}))
    except jinja2.TemplateError as exc:
        filename, lineno = getattr(exc, "filename", None), getattr(exc, "lineno", None)  # a syntax error's, not every TemplateError's
        where = f"{filename}:{lineno}: " if lineno and filename else ""
        raise UsageError(f"template {template}: {where}{exc.message or exc}", "check the template override folder") from None
    except Exception as exc:  # a runtime error inside a template (1/0, a bad filter argument): name the template and line
        frame = _template_frame(exc)
        if frame is None:
            raise
        raise UsageError(f"template {template}: {frame}: {type(exc).__name__}: {exc}", "check the template override folder") from None


def _template_frame(exc: BaseException) -> str | None:
    """``file:line`` of the innermost template frame in the traceback (Jinja maps its frames to template lines)."""
    found = None
    trace = exc.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = f"{name}:{trace.tb_lineno}"
        trace = trace.tb_next
    return found
