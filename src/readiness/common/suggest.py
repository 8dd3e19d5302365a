"""The one "did you mean" helper, so every unknown name gets the same kind of hint."""

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    from difflib import get_close_matches

    found = get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], otherwise: str | None = None, cutoff: float = 0.6) -> str | None:
    """A hint naming the closest choice, else ``otherwise``; a higher ``cutoff`` asks for a closer match."""
    close = closest(word, choices, cutoff)
    return f"did you mean '{close}'?" if close else otherwise
