"""Rubrics: the rules, as data, compiled for the engine.

A rubric file declares phases, dimensions and criteria (its format and the
compiler live in :mod:`readiness.rubric.compiler`). What the engine, the roadmap
and the reports read is the compiled form defined here (loading, through the cache: :mod:`readiness.rubric.load`): plain immutable
tuples, so that a compiled rubric comes back from the cache without defining
a single pydantic model (issue 7). ``tests/test_rubric.py`` keeps the fields of
each tuple equal to those of the file model it is compiled from.
"""

import functools
from enum import Enum
from typing import Any, ClassVar, NamedTuple

from readiness.manifest.levels import Level

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


class Reference(NamedTuple):
    """A source criteria cite: an article of the bundled table or one a rubric declares."""

    id: str
    cite: str
    title: str
    publisher: str | None
    author: str | None
    url: str | None
    date: str | None

    @property
    def byline(self) -> str:
        """Who published or wrote it, and when: 'CIO.com', 'Alana Turner, 2025-08-05'."""
        return ", ".join(part for part in (self.publisher, self.author, self.date) if part)

    def describe(self) -> str:
        """One line for plain text: 'The Hidden Barrier to Scaling Your AI (CIO.com)'."""
        return f"{self.title} ({self.byline})"


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
    references: tuple[Reference, ...]  # the bundled articles, then the rubric's own: every source its criteria may cite
    stages: dict[str, str]  # project stage -> id of the phase whose window a project at that stage is in
    business_modes: dict  # business mode -> readiness.profiles.ModePlan


class Rubric(NamedTuple):
    spec: RubricSpec
    source: str
    criteria: tuple[CompiledCriterion, ...]
    dependencies: tuple[tuple[str, str | None], ...]  # (path, digest) of every extended file and the reference table, for cache validation
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

    def references(self, ids) -> tuple[Reference, ...]:
        """The references among ``ids`` (sources, in any order and repeated), in the rubric's order: how reports number them."""
        wanted = set(ids)
        return tuple(r for r in self.spec.references if r.id in wanted)

    def criterion(self, criterion_id: str) -> CompiledCriterion | None:
        return next((c for c in self.criteria if c.spec.id == criterion_id), None)


class ExtensionLevel(Level):
    """A level on an organization's own scale (a rubric's level-typed extension), a class made at run time.

    Such a class cannot be pickled by name, so its members pickle as the
    scale's definition and their value; since :func:`extension_levels` makes
    one class per definition, a member read back from the cache is the very
    member a manifest's answer is converted to.
    """

    definition: ClassVar[tuple[str, tuple[str, ...]]]  # (name, values), set on each class made; an annotation, not a member

    def __reduce_ex__(self, protocol):
        return _extension_level, (*type(self).definition, self.value)


@functools.cache
def extension_levels(name: str, values: tuple[str, ...]) -> type[ExtensionLevel]:
    # Enum's functional API called on a subclass: mypy reads the call as str's constructor (Level mixes in str).
    scale: type[ExtensionLevel] = ExtensionLevel(f"Extension_{name}", {f"level_{index}": value for index, value in enumerate(values)})  # type: ignore[call-overload]
    scale.definition = (name, values)
    return scale


def _extension_level(name: str, values: tuple[str, ...], value: str) -> ExtensionLevel:
    return extension_levels(name, values)(value)


# ---------------------------------------------------------------- in words


_OP_WORDS = {
    "present": "answered",
    "equals": "is",
    "in": "one of",
    "at_least": "at least",
    "at_most": "at most",
    "above": "above",
    "below": "below",
}


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
