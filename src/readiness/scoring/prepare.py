"""The rubric's checks on a manifest before scoring (waivers name its criteria, extension facts have its types), then the scores.

Both `assess` and the portfolio score through :func:`score`, so a project gets the same verdict either way.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from readiness.common.errors import InputError
from readiness.common.suggest import did_you_mean
from readiness.input.source import Document
from readiness.input.validation import shown
from readiness.rubric.model import Rubric
from readiness.scoring import evidence
from readiness.scoring.engine import Assessment, assess

if TYPE_CHECKING:
    from readiness.manifest.model import Manifest


def score(
    manifest: Manifest,
    source: Document,
    rubric: Rubric,
    *,
    today: date | None = None,
    evidence_check: evidence.EvidenceCheck | None = None,
) -> tuple[Manifest, Assessment, Assessment]:
    """The rubric's checks on the manifest, then its scores: (prepared manifest, claimed, the one gates and reports use).

    The last two are the same assessment unless ``evidence_check`` leaves claims unverified.
    """
    manifest = prepare(manifest, source, rubric)
    claimed = assess(manifest, rubric, today=today)
    if evidence_check is None:
        return manifest, claimed, claimed
    return manifest, claimed, assess(manifest, rubric, today=today, unverified=evidence_check.unverified_ids)


def prepare(manifest: Manifest, source: Document, rubric: Rubric) -> Manifest:
    """Checks that need the rubric: waivers name its criteria, extension facts have its declared types."""
    _check_waivers(manifest, source, rubric)
    return typed_extensions(manifest, source, rubric)


_EXTENSION_TYPES = {
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "number": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number"),
    "text": (lambda v: isinstance(v, str) and v.strip() != "", "text"),
}


def typed_extensions(manifest: Manifest, source: Document, rubric: Rubric) -> Manifest:
    """Check `extensions:` against the types the rubric declares, and turn level answers into ordered values."""
    if not manifest.extensions:
        return manifest
    declared = rubric.spec.extensions
    enums = rubric.extension_enums
    typed: dict[str, Any] = {}
    problems = []
    for name, value in manifest.extensions.items():
        where = ("extensions", name)
        spec = declared.get(name)
        if spec is None:
            hint = did_you_mean(
                name,
                declared,
                f"rubric {rubric.id} declares: {', '.join(declared)}" if declared else f"rubric {rubric.id} declares no extensions",
            )
            problems.append(source.diagnostic(where, f"unknown extension '{name}'", hint, key=True))
        elif value is None:
            typed[name] = None
        elif spec.type == "level":
            if value not in (spec.values or ()):
                problems.append(
                    source.diagnostic(
                        where,
                        f"extensions.{name}: {shown(value)} is not an allowed value",
                        f"allowed values: {', '.join(spec.values or ())}",
                    )
                )
            else:
                typed[name] = enums[name](value)
        elif not _EXTENSION_TYPES[spec.type][0](value):
            problems.append(source.diagnostic(where, f"extensions.{name}: expected {_EXTENSION_TYPES[spec.type][1]}, got {shown(value)}"))
        else:
            typed[name] = value
    if problems:
        raise InputError(problems)
    return manifest.model_copy(update={"extensions": typed})


def _check_waivers(manifest: Manifest, source: Document, rubric: Rubric) -> None:
    if not manifest.waivers:
        return
    ids = [c.spec.id for c in rubric.criteria]
    problems = []
    for index, waiver in enumerate(manifest.waivers):
        if rubric.criterion(waiver.id) is None:
            problems.append(
                source.diagnostic(
                    ("waivers", index, "id"),
                    f"waiver for unknown criterion '{waiver.id}' in rubric {rubric.id}",
                    did_you_mean(waiver.id, ids, "see `readiness rubric show` for the ids"),
                )
            )
    if problems:
        raise InputError(problems)
