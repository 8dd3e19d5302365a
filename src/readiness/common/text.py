"""The one way a value becomes display text, for every report format and the terminal.

Format-specific escaping (Markdown, XML, SARIF messages) builds on :func:`display`; :func:`printable`
keeps text from a manifest or a file name from forging lines or escape sequences on a terminal.
"""

import re
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Any

from readiness.common.rows import Rows

# What can forge a line, move the cursor or reorder what a reader sees: C0 and C1 controls, line and paragraph
# separators, bidi embeddings, overrides, isolates and marks, and lone surrogates (undecodable file names).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]+")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND = re.compile(r"^([ \t]*)::", re.MULTILINE)


def display(value: Any, none: str = "") -> str:
    """An answer as plain text: yes/no for booleans, whole numbers without '.0', lists joined by commas."""
    if value is None or value == [] or value == "":
        return none
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(display(v) for v in value)
    return str(value)


def printable(value: Any) -> str:
    """``value`` as one terminal-safe line: every control, line separator, bidi control or lone surrogate is shown escaped.

    A file name or a manifest key can then neither forge an ``error:`` line on standard error nor hide what it says.
    """
    text = str(value)
    return text if _UNSAFE.search(text) is None else _UNSAFE.sub(_escape, text)


def inert(value: Any) -> Any:
    """Report data made safe for a reader: line breaks in text become spaces, other unsafe characters are escaped.

    Applied to every string in a document (dicts, lists and tuples are copied; other values are kept), so a
    project name cannot add a line to a report, and a rubric's multi-line remediation still reads as a sentence.
    """
    if isinstance(value, str):
        return value if _UNSAFE.search(value) is None else printable(_BREAKS.sub(" ", value))
    if isinstance(value, dict):
        return {inert(k): inert(v) for k, v in value.items()}
    if isinstance(value, Rows):
        return value.map(inert)
    if isinstance(value, (list, tuple)):
        return [inert(v) for v in value]
    return value


def no_commands(text: str) -> str:
    """A report printed on a CI runner cannot issue workflow commands: a line starting ``::`` gets a backslash first."""
    return _COMMAND.sub(lambda m: m.group(1) + "\\::", text) if "::" in text else text


def line_blocks(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Rendered text regrouped into blocks of about ``size`` characters that each end a line (the last may not).

    What is applied line by line to a whole report (:func:`no_commands`, folding blank lines) gives the same result
    applied to each block, so a report can be checked as it is written instead of after it is built in full.
    """
    pending: list[str] = []
    held = 0
    for chunk in chunks:
        pending.append(chunk)
        held += len(chunk)
        if held >= size:
            text = "".join(pending)
            cut = text.rfind("\n") + 1
            if cut:
                yield text[:cut]
            pending, held = [text[cut:]], len(text) - cut
    rest = "".join(pending)
    if rest:
        yield rest


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(value: Any) -> str:
    """Display text on one line, runs of white space folded."""
    return " ".join(display(value).split())


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def counted(count: float, singular: str, plural: str | None = None) -> str:
    """``1 manifest``, ``2 manifests``, ``1.5 points``: the number with the word in the right number."""
    word = singular if count == 1 else plural or singular + "s"
    return f"{count:g} {word}"
