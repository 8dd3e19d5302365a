"""Markdown reports: the template's text with runs of blank lines folded, which Markdown would fold anyway."""

import re
from collections.abc import Iterable, Iterator

from readiness.common.text import line_blocks
from readiness.reports import templating
from readiness.reports.options import RenderOptions

_BLANK_RUNS = re.compile(r"\n{3,}")


def render(template: str, doc: dict, options: RenderOptions) -> str:
    return "".join(stream(template, doc, options))


def stream(template: str, doc: dict, options: RenderOptions) -> Iterator[str]:
    return fold_blank_runs(line_blocks(templating.stream(template, doc, options)))


def fold_blank_runs(pieces: Iterable[str]) -> Iterator[str]:
    """``\\n{3,}`` becomes ``\\n\\n`` as in the whole text: a run of line breaks split between pieces is counted across them."""
    before = 0  # line breaks at the end of what was already yielded
    for piece in pieces:
        piece = _BLANK_RUNS.sub("\n\n", piece)
        lead = len(piece) - len(piece.lstrip("\n"))
        if before + lead >= 3:
            piece = "\n" * max(0, 2 - before) + piece[lead:]
        if piece.strip("\n"):
            before = len(piece) - len(piece.rstrip("\n"))
        else:
            before += len(piece)
        yield piece
