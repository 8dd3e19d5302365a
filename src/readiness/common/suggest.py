"""The one "did you mean" helper, so every unknown name gets the same kind of hint."""

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    from difflib import get_close_matches

    found = get_close_matches(word, list(choices), n=1)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], otherwise: str | None = None) -> str | None:
    """A hint naming the closest choice, else ``otherwise``."""
    close = closest(word, choices)
    return f"did you mean '{close}'?" if close else otherwise
