"""Reading a manifest: the hardened YAML reader, then validation against the model, every problem located.

A manifest that passes is validated by pydantic-core against the models' stored schema and comes out as
:mod:`readiness.common.records`, so that the run never defines the models; one that fails is validated
again by the models themselves, which locate and explain every problem.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from readiness.common.errors import InputError
from readiness.common.suggest import did_you_mean
from readiness.input.source import Document
from readiness.manifest import SUPPORTED_VERSIONS

if TYPE_CHECKING:
    from readiness.manifest.model import Manifest


def _check_evidence_keys(manifest: Manifest, document: Document, known: frozenset[str]) -> None:
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
    plain = _plain_validator()
    manifest: Any = None
    if plain is not None:
        try:
            manifest = plain.validator.validate_python(data)
        except Exception:  # the models say what is wrong
            manifest = None
    if manifest is None:
        from readiness.manifest.model import Manifest

        manifest = validate(Manifest, document)
    _check_evidence_keys(manifest, document, frozenset(answer_table()))
    _check_waivers(manifest, document)
    return cast("Manifest", manifest)


class _Plain(NamedTuple):
    validator: Any  # pydantic-core's SchemaValidator of the records schema
    answers: dict[str, tuple[type | None, str]]  # readiness.manifest.fields.answer_table
    sections: tuple[str, ...]  # the manifest's top-level fields, in the model's order


_PLAIN: list[_Plain | None] = []  # this process's, or None when the schema has no plain form


def answer_table() -> dict[str, tuple[type | None, str]]:
    """Every answer field with its type and description (:func:`readiness.manifest.fields.answer_table`), without the models."""
    plain = _plain_validator()
    if plain is not None:
        return plain.answers
    from readiness.manifest.fields import answer_table as from_models

    return from_models()


def accepts(field: str, value: Any) -> bool:
    """Whether a manifest may answer ``field`` with ``value``: validated as the one answer of a minimal manifest."""
    if field not in answer_table():
        return False
    section, _, name = field.partition(".")
    data: dict[str, Any] = {"version": SUPPORTED_VERSIONS[-1], "project": {"name": "x"}}
    data.setdefault(section, {})[name] = value
    plain = _plain_validator()
    if plain is not None:
        validator = plain.validator
    else:
        from readiness.input.validation import validator_of
        from readiness.manifest.model import Manifest

        validator = validator_of(Manifest)
    try:
        validator.validate_python(data)
    except Exception:
        return False
    return True


def section_order() -> tuple[str, ...]:
    """The manifest's top-level fields in the model's order (where a report places a section the file leaves out)."""
    plain = _plain_validator()
    if plain is not None:
        return plain.sections
    from readiness.manifest.model import Manifest

    return tuple(Manifest.model_fields)


def _plain_validator() -> _Plain | None:
    """The records validator, from the cache (or the wheel's prebuilt entries); built from the models on a miss."""
    if _PLAIN:
        return _PLAIN[0]
    import pydantic_core
    from pydantic.version import VERSION

    from readiness.common import cache

    key = cache.digest("validator", "manifest records", VERSION, pydantic_core.__version__)
    stored = cache.get("validator", key)
    if stored is None:
        stored = _build_plain()
        if stored is not None:
            cache.put("validator", key, stored)
    found = None
    if stored is not None:
        try:
            schema, config, answers, sections = stored
            found = _Plain(pydantic_core.SchemaValidator(schema, config), dict(answers), tuple(sections))
        except Exception:
            found = None
    _PLAIN.append(found)
    return found


def _build_plain() -> tuple[Any, Any, dict, list[str]] | None:
    import typing

    from readiness.common.records import plain_schema
    from readiness.input.validation import validator_of, without_metadata
    from readiness.manifest import records, strict
    from readiness.manifest.model import Manifest
    from readiness.manifest.sections import Section

    validator = validator_of(Manifest)
    try:
        schema, config, *_ = typing.cast(tuple, validator.__reduce__())[1]
        twins: dict[Any, Callable] = {
            ("per model", Section._strict_kind.__func__): records.strict_kind,  # type: ignore[attr-defined]
            Manifest._empty_section.__func__: records.none_as_empty_mapping,  # type: ignore[attr-defined]
            Manifest._empty_list.__func__: records.none_as_empty_list,  # type: ignore[attr-defined]
        }
        plain = plain_schema(without_metadata(schema), twins, strict.kinds)
    except (ValueError, TypeError, AttributeError):
        return None
    from readiness.manifest.fields import answer_table as from_models

    return plain, config, from_models(), list(Manifest.model_fields)


def load_manifest(path: str) -> tuple[Manifest, Document]:
    from readiness.input.source import load

    document = load(path, what="manifest")
    return parse_manifest(document), document
