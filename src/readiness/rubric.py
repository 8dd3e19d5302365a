"""Rubrics: the rules, as data, compiled for the engine.

A rubric file declares phases, dimensions and criteria (its format and the
compiler live in :mod:`readiness.rubricfile`). What the engine, the roadmap
and the reports read is the compiled form defined here: plain immutable
tuples, so that a compiled rubric comes back from the cache without defining
a single pydantic model (issue 7). ``tests/test_rubric.py`` keeps the fields of
each tuple equal to those of the file model it is compiled from.
"""

import functools
import typing
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from .manifest import Level, Manifest
from .source import STDIN_NAME, Document, display_name, parse, read_text

DEFAULT_RUBRIC = "default"
SEVERITIES = ("blocker", "major", "minor")
EFFORT_COST = {"S": 1, "M": 3, "L": 8}


class Test(NamedTuple):
    """A compiled condition: attribute path into the manifest, operator, operand."""

    path: tuple[str, ...]
    op: str
    operand: Any
    credit: float = 1.0


class Rule(NamedTuple):
    """Compiled applicability: ``tests`` combined with ``mode`` (all/any), ``rules`` nested; ``unanswered``: what a test of an unanswered field counts as."""

    mode: str
    tests: tuple[Test, ...]
    rules: tuple["Rule", ...] = ()
    unanswered: bool = True


class Phase(NamedTuple):
    id: str
    name: str
    start_month: int
    end_month: int | None
    goal: str

    @property
    def months(self) -> str:
        return f"{self.start_month}–{self.end_month} months" if self.end_month is not None else f"{self.start_month}+ months"


class Dimension(NamedTuple):
    id: str
    name: str
    weight: float
    description: str


class ExtensionSpec(NamedTuple):
    type: str
    values: tuple[str, ...] | None
    better: str | None
    description: str


class CriterionSpec(NamedTuple):
    """A criterion as the rubric states it; its check and applicability are compiled into :class:`CompiledCriterion`."""

    id: str
    dimension: str
    title: str
    rationale: str
    sources: tuple[str, ...]
    weight: float
    severity: str
    phase: str
    effort: str
    remediation: str
    requires: tuple[str, ...]
    evidence_required: bool


class CompiledCriterion(NamedTuple):
    spec: CriterionSpec
    position: int  # in the rubric, which breaks ties in every ordering
    tests: tuple[Test, ...]  # the check first, then its partial conditions, strongest credit first
    applies: Rule | None
    guards: tuple[Test, ...] = ()  # prerequisites on other answers: no credit unless all hold


class RubricSpec(NamedTuple):
    format: int
    id: str
    version: str
    title: str
    description: str
    aggregation: str
    phases: tuple[Phase, ...]
    dimensions: tuple[Dimension, ...]
    extensions: dict[str, ExtensionSpec]
    profiles: tuple  # of readiness.profiles.Profile
    stages: dict[str, str]  # project stage -> id of the phase whose window a project at that stage is in
    business_modes: dict  # business mode -> readiness.profiles.ModePlan


class Rubric(NamedTuple):
    spec: RubricSpec
    source: str
    criteria: tuple[CompiledCriterion, ...]
    dependencies: tuple[tuple[str, str], ...]  # (path, digest) of every extended file, for cache validation
    text: str  # the effective rubric as JSON (see as_data), kept as text so that the record stays immutable

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def version(self) -> str:
        return self.spec.version

    @property
    def extension_enums(self) -> "dict[str, type[ExtensionLevel]]":
        """The ordered type of each level-typed extension."""
        return {name: extension_levels(name, e.values) for name, e in self.spec.extensions.items() if e.type == "level"}

    def as_data(self) -> dict:
        """The effective rubric as plain data, a fresh copy: `rubric show`, `explain`, and the base an extending rubric merges onto.

        Its ``criteria`` are in the order of :attr:`criteria` (a criterion's ``position``).
        """
        import json

        return json.loads(self.text)

    def criterion(self, criterion_id: str) -> CompiledCriterion | None:
        return next((c for c in self.criteria if c.spec.id == criterion_id), None)

    def phase_index(self, phase_id: str) -> int:
        return [p.id for p in self.spec.phases].index(phase_id)


class ExtensionLevel(Level):
    """A level on an organization's own scale (a rubric's level-typed extension), a class made at run time.

    Such a class cannot be pickled by name, so its members pickle as the
    scale's definition and their value; since :func:`extension_levels` makes
    one class per definition, a member read back from the cache is the very
    member a manifest's answer is converted to.
    """

    def __reduce_ex__(self, protocol):
        return _extension_level, (*type(self).definition, self.value)


@functools.cache
def extension_levels(name: str, values: tuple[str, ...]) -> type[ExtensionLevel]:
    scale = ExtensionLevel(f"Extension_{name}", {f"level_{index}": value for index, value in enumerate(values)})
    scale.definition = (name, values)
    return scale


def _extension_level(name: str, values: tuple[str, ...], value: str) -> ExtensionLevel:
    return extension_levels(name, values)(value)


# ---------------------------------------------------------------- loading


def default_rubric_path() -> Path:
    """The bundled default rubric, in the installed package or, in a source checkout, the top-level folder."""
    packaged = Path(__file__).with_name("rubrics") / f"{DEFAULT_RUBRIC}.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "rubrics" / f"{DEFAULT_RUBRIC}.yaml"


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load, validate and compile a rubric (the bundled default without ``path``), through the compiled cache."""
    from . import cache

    target = path if path is not None else default_rubric_path()
    name = display_name(target)
    text = read_text(target, what="rubric")
    folder = Path(target).parent if name != STDIN_NAME else Path.cwd()
    key = cache.digest(name, str(folder.resolve()), text)
    cached = cache.get("rubric", key)
    if isinstance(cached, Rubric) and all(digest_of(p) == d for p, d in cached.dependencies):
        return cached
    rubric = parse_rubric(parse(text, name), folder)
    cache.put("rubric", key, rubric)
    return rubric


def parse_rubric(document: Document, folder: Path | None = None) -> Rubric:
    """Validate and compile a parsed rubric file (``folder`` resolves a relative ``extends``)."""
    from .rubricfile import parse_rubric as compile_file

    return compile_file(document, folder)


def digest_of(path: str) -> str | None:
    from . import cache

    try:
        return cache.digest(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


# ---------------------------------------------------------------- field typing


class FieldInfo(NamedTuple):
    path: tuple[str, ...]
    kind: str  # level, enum, bool, number, list, text
    context: bool
    better: str | None
    enum: type[Enum] | None


def field_info(dotted: str, extensions: dict | None = None, enums: dict | None = None) -> FieldInfo | None:
    """What the manifest model (or the rubric's extension declarations) says about a dotted field path."""
    parts = tuple(dotted.split("."))
    if parts[0] == "extensions":
        declared = (extensions or {}).get(parts[1]) if len(parts) == 2 else None
        if declared is None:
            return None
        kind = "level" if declared.type == "level" else declared.type
        return FieldInfo(parts, kind, False, declared.better, (enums or {}).get(parts[1]))
    from .validation import model_of

    model: Any = Manifest
    info = None
    for depth, part in enumerate(parts):
        if model is None or part not in model.model_fields:
            return None
        info = model.model_fields[part]
        model = model_of(info.annotation) if depth < len(parts) - 1 else None
    if model_of(info.annotation) is not None:
        return None
    extra = info.json_schema_extra or {}
    annotation = info.annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    base = args[0]
    enum = base if isinstance(base, type) and issubclass(base, Enum) else None
    if typing.get_origin(base) is list:
        kind = "list"
    elif enum is not None:
        kind = "level" if issubclass(enum, Level) else "enum"
    elif base is bool:
        kind = "bool"
    elif base in (int, float):
        kind = "number"
    else:
        kind = "text"
    return FieldInfo(parts, kind, bool(extra.get("context")), extra.get("better"), enum)


# ---------------------------------------------------------------- in words


_OP_WORDS = {"present": "answered", "equals": "is", "in": "one of", "at_least": "at least", "at_most": "at most", "above": "above", "below": "below"}


def _operand_text(operand: Any) -> str:
    if isinstance(operand, Enum):
        return operand.value
    if isinstance(operand, frozenset):
        return ", ".join(sorted(_operand_text(o) for o in operand))
    if isinstance(operand, bool):
        return "true" if operand else "false"
    if isinstance(operand, float) and operand.is_integer():
        return str(int(operand))
    return str(operand)


def describe_test(test: Test) -> str:
    if test.op == "present":
        return "answered"
    return f"{_OP_WORDS[test.op]} {_operand_text(test.operand)}"


def describe_check(criterion: CompiledCriterion) -> str:
    """The check in words, e.g. 'at least automated (partial: at least manual = 50%)'."""
    if not criterion.tests:
        return ""
    main, *partials = criterion.tests
    text = describe_test(main)
    if partials:
        text += " (partial: " + "; ".join(f"{describe_test(p)} = {round(p.credit * 100)}%" for p in partials) + ")"
    if criterion.guards:
        text += ", with " + " and ".join(f"{'.'.join(g.path)} {describe_test(g)}" for g in criterion.guards)
    return text
