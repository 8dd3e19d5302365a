"""The one way a value becomes display text, for every report format and the terminal.

Format-specific escaping (Markdown, XML, SARIF messages) builds on :func:`display`; :func:`printable`
keeps text from a manifest or a file name from forging lines or escape sequences on a terminal.
"""

from enum import Enum
from typing import Any


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
    """``value`` as text with every unprintable character (controls, line separators, bidi overrides) made a space."""
    text = str(value)
    return text if text.isprintable() else "".join(ch if ch.isprintable() else " " for ch in text)


def one_line(value: Any) -> str:
    """Display text on one line, runs of white space folded."""
    return " ".join(display(value).split())


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def counted(count: float, singular: str, plural: str | None = None) -> str:
    """``1 manifest``, ``2 manifests``, ``1.5 points``: the number with the word in the right number."""
    word = singular if count == 1 else plural or singular + "s"
    return f"{count:g} {word}"
