"""References: the articles and documents a rubric's criteria cite in `sources`.

Every rubric may cite the bundled table (``rubrics/references/articles.yaml``, the five articles the default rubric
encodes) and the references it declares itself under ``references:``. A source that names neither is an error at its
place in the file, so that a report can always name each source by title and publisher instead of printing a bare id.
The compiler (:mod:`readiness.rubric.compiler`) calls :func:`compile_references` while it validates a rubric file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from readiness.common.suggest import did_you_mean
from readiness.input.source import load
from readiness.input.validation import validate
from readiness.rubric.bundled import default_rubric_path, digest_of, references_path
from readiness.rubric.fileformat import ReferenceFile, RubricFile
from readiness.rubric.model import Reference


@functools.cache
def bundled_references(path: Path | None = None) -> tuple[Reference, ...]:
    """The bundled table, read and validated once per process (a broken table is reported like any bad file)."""
    table: ReferenceFile = validate(ReferenceFile, load(path or references_path(), what="reference table"))
    return tuple(Reference(**r.model_dump()) for r in table.references)


def table_dependency() -> tuple[str, str | None]:
    """The bundled table as a dependency of every compiled rubric (which embeds it): a change to it is a cache miss."""
    table = "bundled:" + references_path().relative_to(default_rubric_path().parent).as_posix()  # holds wherever the package is installed
    return table, digest_of(table)


def compile_references(spec: RubricFile, problem: Callable[..., None]) -> tuple[Reference, ...]:
    """The references the rubric may cite (bundled, then its own), reporting a duplicate id and every unknown source."""
    bundled = bundled_references()
    bundled_ids = {r.id for r in bundled}
    own: dict[str, int] = {}
    for index, reference in enumerate(spec.references):
        if reference.id in bundled_ids:
            problem(
                ("references", index, "id"),
                f"reference id '{reference.id}' is taken by a bundled article",
                "give the rubric's own reference another id; cite a bundled article by its id without declaring it",
            )
            continue
        if reference.id in own:
            problem(("references", index, "id"), f"duplicate reference id '{reference.id}'", "reference ids must be unique")
        own.setdefault(reference.id, index)
    known = [r.id for r in bundled] + list(own)
    cited = [(("criteria", i), c.sources) for i, c in enumerate(spec.criteria)]
    cited += [(("profiles", i), p.sources) for i, p in enumerate(spec.profiles)]
    for at, sources in cited:
        for s, source in enumerate(sources):
            if source not in known:
                problem(
                    at + ("sources", s),
                    f"unknown source '{source}'",
                    did_you_mean(source, known, f"cite a reference id ({', '.join(known)}) or declare it under 'references:'"),
                )
    return bundled + tuple(Reference(**spec.references[index].model_dump()) for index in own.values())


def references_markdown(references: tuple[Reference, ...]) -> str:
    """The table of references for docs/rubrics.md (a test keeps the page in step with the bundled table)."""

    def cell(text: str | None) -> str:
        return (text or "").replace("|", "\\|")

    rows = [f"| `{r.id}` | {cell(r.cite)} | {cell(r.title)} | {cell(r.byline)} | {cell(r.url)} |" for r in references]
    return "\n".join(["| id | cited as | title | published by | address |", "|---|---|---|---|---|", *rows]) + "\n"
