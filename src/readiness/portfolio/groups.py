"""Sorting a portfolio's manifests by the rubric each is scored against, so mixed folders need no --rubric.

A manifest's `rubric:` key is read from its text (no parsing: a portfolio may hold thousands of manifests, and one
without the word is not even decoded), with the precedence every command uses: --rubric, then the manifest's key,
then the project configuration.
"""

from __future__ import annotations

from pathlib import Path

from readiness.portfolio.discover import read_head
from readiness.rubric.named import sniff

HEAD_BYTES = 64 * 1024


def by_rubric(found: list[Path], explicit: Path | None, configured: Path | None) -> dict[Path | None, list[Path]]:
    """Manifests keyed by the rubric file that scores them (None: the bundled default), in the order found."""
    if explicit is not None:
        return {explicit: list(found)}
    groups: dict[Path | None, list[Path]] = {}
    for path in found:
        raw = read_head(path, 4 * HEAD_BYTES) or b""  # at least HEAD_BYTES characters; unreadable: its error row says why
        named = (sniff(_text_head(raw), path.parent) if b"rubric" in raw else None) or configured
        key = Path(named).resolve() if named is not None else None
        groups.setdefault(key, []).append(path)
    return groups


def _text_head(raw: bytes) -> str:
    """The first HEAD_BYTES characters as text mode reads them (undecodable bytes replaced, newlines made ``\\n``)."""
    return raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")[:HEAD_BYTES]
