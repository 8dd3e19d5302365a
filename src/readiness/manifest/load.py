"""Reading a manifest: the hardened YAML reader, then validation against the model, every problem located.

A manifest that passes is validated by pydantic-core against the models' stored schema and comes out as
:mod:`readiness.common.records`, so that the run never defines the models; one that fails is validated
again by the models themselves, which locate and explain every problem.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any, cast

from readiness.common.errors import InputError
from readiness.common.suggest import did_you_mean
from readiness.input.source import Document
from readiness.manifest import SUPPORTED_VERSIONS, plain

if TYPE_CHECKING:
    from readiness.manifest.model import Manifest


def _check_evidence_keys(manifest: Manifest, document: Document, known: Collection[str]) -> None:
    if not manifest.evidence:
        return
    from readiness.common.errors import Diagnostic

    problems: list[Diagnostic] = []
    for key in manifest.evidence:
        if key not in known and not key.startswith("extensions."):
            problems.append(
                document.diagnostic(
                    ("evidence", key),
                    f"evidence for unknown field '{key}'",
                    did_you_mean(key, known, "keys are answer fields such as monitoring.drift_detection"),
                    key=True,
                )
            )
    if problems:
        raise InputError(problems)


def _check_waivers(manifest: Manifest, document: Document) -> None:
    """Two waivers of one criterion would leave the later expiry or owner unexplained: one waiver per criterion."""
    first: dict[str, int] = {}
    problems = []
    for index, waiver in enumerate(manifest.waivers):
        if waiver.id in first:
            mark = document.locate(("waivers", first[waiver.id]))
            where = f" (first on line {mark.line})" if mark else ""
            problems.append(
                document.diagnostic(
                    ("waivers", index, "id"), f"criterion '{waiver.id}' is waived twice{where}", "keep one waiver per criterion"
                )
            )
        else:
            first[waiver.id] = index
    if problems:
        raise InputError(problems)


def parse_manifest(document: Document) -> Manifest:
    """Validate a parsed YAML document as a manifest, reporting every problem with its position."""
    from readiness.input.validation import top_level_mapping, validate

    data = top_level_mapping(document, "manifest")
    version = data.get("version")
    if "version" in data and (isinstance(version, bool) or version not in SUPPORTED_VERSIONS):
        raise InputError(
            document.diagnostic(
                ("version",),
                f"unsupported manifest version {version!r}",
                f"this readiness reads manifest version {', '.join(map(str, SUPPORTED_VERSIONS))}; upgrade readiness or fix the version",
            )
        )
    records = plain.validator()
    manifest: Any = None
    if records is not None:
        try:
            manifest = records.validate_python(data)
        except Exception:  # the models say what is wrong
            manifest = None
    if manifest is None:
        from readiness.manifest.model import Manifest

        manifest = validate(Manifest, document)
    _check_evidence_keys(manifest, document, plain.answer_table())
    _check_waivers(manifest, document)
    return cast("Manifest", manifest)


def load_manifest(path: str, *, marks: bool = True) -> tuple[Manifest, Document]:
    """The manifest at ``path``; ``marks=False`` reads node positions only if a problem needs one (the portfolio)."""
    from readiness.input.source import load

    document = load(path, what="manifest", marks=marks)
    return parse_manifest(document), document
