"""The rubric file format and its compiler: what a rubric YAML may say, and how it becomes a :class:`~readiness.rubric.Rubric`.

These pydantic models are the source of truth for the format (documented in
``docs/rubrics.md``). Compiling validates a rubric completely against the
manifest model (every checked field must exist, every check must be monotone
so that a better answer can never lower a score), applies ``extends``, and
turns each check into the small tuples the engine evaluates without knowing
any criterion by name. Only reading a rubric file imports this module: a run
whose compiled rubric is in the cache never defines these models (issue 7).
"""

from __future__ import annotations

import json
import typing
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from readiness.common.errors import Diagnostic, InputError
from readiness.common.suggest import did_you_mean
from readiness.input.source import Document
from readiness.input.validation import top_level_mapping, validate
from readiness.manifest.fields import FieldInfo, answer_fields, field_info
from readiness.rubric.bundled import default_rubric_path, digest_of
from readiness.rubric.extends import confined, load_base_document
from readiness.rubric.limits import Format, Month, Operand, Weight, operand_problem
from readiness.rubric.model import (
    DEFAULT_RUBRIC,
    EFFORT_COST,
    SEVERITIES,
    CompiledCriterion,
    CriterionSpec,
    ExtensionSpec,
    Rubric,
    RubricSpec,
    Rule,
    Test,
    extension_levels,
)
from readiness.rubric.model import Dimension as DimensionSpec
from readiness.rubric.model import Phase as PhaseSpec

SUPPORTED_FORMATS = (1,)
OPERATORS = ("present", "equals", "in", "at_least", "at_most", "above", "below")
MAX_EXTENDS_DEPTH = 8

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", max_length=80)]
RubricId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.-]*$", max_length=80)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Condition(_Strict):
    """One test of a manifest field; exactly one operator is given."""

    unknown_key_noun: typing.ClassVar[str] = "operator"

    field: str = Field(description="Dotted path of the manifest field, e.g. `monitoring.drift_detection`.")
    present: Literal[True] | None = Field(None, description="The field is answered (a non-empty list for lists).")
    equals: Any = Field(None, description="The answer equals this value.")
    in_: list[Any] | None = Field(None, alias="in", description="The answer is one of these values.")
    at_least: Any = Field(None, description="At least this maturity level, number, or number of list items.")
    at_most: Operand | None = Field(None, description="A number at most this value.")
    above: Operand | None = Field(None, description="A number strictly above this value.")
    below: Operand | None = Field(None, description="A number strictly below this value.")

    @model_validator(mode="after")
    def _one_operator(self) -> "Condition":
        given = self.operators()
        if len(given) != 1:
            raise ValueError(
                f"give exactly one operator ({', '.join(OPERATORS)}), found {', '.join(given) if given else 'none'}"
            )
        return self

    def operators(self) -> list[str]:
        values = {"present": self.present, "equals": self.equals, "in": self.in_, "at_least": self.at_least,
                  "at_most": self.at_most, "above": self.above, "below": self.below}
        return [op for op in OPERATORS if values[op] is not None or (op == "equals" and "equals" in self.model_fields_set)]

    @property
    def operator(self) -> str:
        return self.operators()[0]

    @property
    def operand(self) -> Any:
        return getattr(self, "in_" if self.operator == "in" else self.operator)


class Partial(Condition):
    field: str | None = Field(None, description="Defaults to the field of the enclosing check.")
    credit: float = Field(gt=0, lt=1, description="Credit earned when this weaker condition holds.")


class Check(Condition):
    partial: list[Partial] = Field(default_factory=list, description="Weaker conditions that earn partial credit.")
    with_: list[Condition] = Field(default_factory=list, alias="with",
                                   description="Prerequisites on other answers: the check earns credit only while they all hold.")


class Applicability(_Strict):
    """When a criterion applies; a condition on an unanswered field counts as true."""

    field: str | None = None
    equals: Any = None
    in_: list[Any] | None = Field(None, alias="in")
    all: list["Applicability"] | None = None
    any: list["Applicability"] | None = None
    unanswered: bool | None = Field(None, description="What a condition on an unanswered field counts as "
                                    "(default: true in applies_if, false in a profile's when).")


class Phase(_Strict):
    id: Identifier
    name: str
    start_month: Month
    end_month: Month | None = Field(None, ge=1, description="Null for an open-ended phase.")
    goal: str = ""


class Dimension(_Strict):
    id: Identifier
    name: str
    weight: Weight = 1.0
    description: str = ""


Severity = Literal[SEVERITIES]
Effort = Literal[tuple(EFFORT_COST)]


class Criterion(_Strict):
    id: Identifier
    dimension: str
    title: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1, description="Seed articles the rationale comes from, e.g. `'001'`.")
    check: Check
    applies_if: Applicability | None = None
    weight: Weight
    severity: Severity
    phase: str
    effort: Effort
    remediation: str = Field(min_length=1)
    requires: list[str] = Field(default_factory=list)
    evidence_required: bool = Field(False, description="Under --verify-evidence, a claim without evidence counts as unverified.")


class ExtensionField(_Strict):
    """The declared type of an organization-specific manifest fact under `extensions:`."""

    type: Literal["bool", "number", "text", "level"]
    values: list[Identifier] | None = Field(None, min_length=2, description="For `level`: the values, worst first.")
    better: Literal["higher", "lower"] | None = Field(None, description="For `number`: which direction is better.")
    description: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> "ExtensionField":
        if (self.type == "level") != (self.values is not None):
            raise ValueError("'values' is required for type level, and only for it")
        if self.values is not None and len(set(self.values)) != len(self.values):
            raise ValueError("'values' must not repeat a value")
        if (self.type == "number") != (self.better is not None):
            raise ValueError("'better' (higher or lower) is required for type number, and only for it")
        return self


class ProfileChange(_Strict):
    severity: Severity | None = Field(None, description="The severity the criterion has for projects of this profile, if stricter.")
    phase: str | None = Field(None, description="The phase the criterion belongs to for projects of this profile, if earlier.")


class Profile(_Strict):
    """A use-case profile: for projects whose facts match `when`, some criteria become stricter (the strictest profile wins)."""

    id: Identifier
    title: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    when: Applicability
    criteria: dict[str, ProfileChange] = Field(min_length=1)
    leads: bool = Field(False, description="The open steps this profile tightens lead the roadmap among steps of the same severity.")


class BusinessModePlan(_Strict):
    """Which roadmap steps a business mode keeps: every step if `everything`, else those whose phase, severity or id is listed."""

    summary: str = Field(min_length=1, description="The one sentence the report shows.")
    everything: bool = False
    phases: list[str] = Field(default_factory=list)
    severities: list[Severity] = Field(default_factory=list)
    criteria: list[str] = Field(default_factory=list)
    decision_point: str | None = Field(None, description="A decision the roadmap ends with in this mode.")


class RubricFile(_Strict):
    format: Format = Field(1, description="Rubric file format version.")
    id: RubricId
    version: str = Field(min_length=1)
    title: str
    description: str = ""
    aggregation: Literal["weighted_mean", "minimum"] = "weighted_mean"
    phases: list[Phase] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    extensions: dict[Identifier, ExtensionField] = Field(default_factory=dict, description="Types of `extensions:` facts the criteria read.")
    profiles: list[Profile] = Field(default_factory=list, description="Use-case profiles (docs/scoring.md, section 4a).")
    stages: dict[str, str] = Field(default_factory=dict, description="Project stage -> the phase whose window a project at that stage is in.")
    business_modes: dict[str, BusinessModePlan] = Field(default_factory=dict, description="Business mode -> the roadmap steps it keeps.")


class CriterionOverride(_Strict):
    """What an extending rubric may change in an inherited criterion."""

    title: str | None = None
    rationale: str | None = None
    sources: list[str] | None = None
    check: Check | None = None
    applies_if: Applicability | None = None
    weight: Weight | None = None
    severity: Severity | None = None
    phase: str | None = None
    effort: Effort | None = None
    remediation: str | None = None
    requires: list[str] | None = None
    evidence_required: bool | None = None


class DimensionOverride(_Strict):
    name: str | None = None
    weight: Weight | None = None
    description: str | None = None


class Overrides(_Strict):
    criteria: dict[str, CriterionOverride] = Field(default_factory=dict)
    dimensions: dict[str, DimensionOverride] = Field(default_factory=dict)


class RubricExtension(_Strict):
    """A rubric that `extends:` another (the bundled `default`, or a file relative to this one)."""

    format: Format = 1
    extends: str
    id: RubricId
    version: str = Field(min_length=1)
    title: str
    description: str | None = None
    aggregation: Literal["weighted_mean", "minimum"] | None = None
    phases: list[Phase] = Field(default_factory=list, description="Phases appended after the inherited ones.")
    dimensions: list[Dimension] = Field(default_factory=list, description="Dimensions added to the inherited ones.")
    overrides: Overrides = Field(default_factory=Overrides)
    disable: list[str] = Field(default_factory=list, description="Inherited criteria to drop.")
    criteria: list[Criterion] = Field(default_factory=list, description="Criteria added to the inherited ones.")
    extensions: dict[Identifier, ExtensionField] = Field(default_factory=dict)
    profiles: list[Profile] = Field(default_factory=list, description="Profiles added to the inherited ones.")
    stages: dict[str, str] = Field(default_factory=dict, description="Stage windows that replace the inherited ones, per stage.")
    business_modes: dict[str, BusinessModePlan] = Field(default_factory=dict, description="Plans that replace the inherited ones, per mode.")


# ---------------------------------------------------------------- reading and compiling


def parse_rubric(document: Document, folder: Path | None = None, _chain: tuple[str, ...] = ()) -> Rubric:
    data = top_level_mapping(document, "rubric")
    if "extends" not in data:
        spec: RubricFile = validate(RubricFile, document)
        return _compile(spec, document)
    child: RubricExtension = validate(RubricExtension, document)
    base, base_path = _load_base(child.extends, folder or Path.cwd(), document, _chain + (document.name,))
    merged, merged_document = _merge(base.as_data(), child, document)
    spec = validate(RubricFile, merged_document)
    own = (str(base_path.resolve()), digest_of(str(base_path)))
    return _compile(spec, merged_document)._replace(dependencies=base.dependencies + (own,))


def _load_base(reference: str, folder: Path, document: Document, chain: tuple[str, ...]) -> tuple[Rubric, Path]:
    if len(chain) > MAX_EXTENDS_DEPTH:
        raise InputError(document.diagnostic(("extends",), f"'extends' chain deeper than {MAX_EXTENDS_DEPTH}: {' -> '.join(chain)}"))
    if "\0" in reference:
        raise InputError(document.diagnostic(("extends",), "'extends' contains a NUL character", "give a file path"))
    path = default_rubric_path() if reference == DEFAULT_RUBRIC else (folder / reference)
    if str(path) in chain or str(path.resolve()) in {str(Path(c).resolve()) for c in chain}:
        raise InputError(document.diagnostic(("extends",), f"'extends' forms a cycle: {' -> '.join(chain + (str(path),))}"))
    if reference != DEFAULT_RUBRIC:
        confined(reference, path, chain, document)
    base_document = load_base_document(path, reference, document)
    return parse_rubric(base_document, path.parent, chain), path


def _merge(data: dict, child: RubricExtension, document: Document) -> tuple[dict, Document]:
    """Apply ``child`` to its base's effective ``data`` (changed in place): marks point into the extending file wherever it said something."""
    problems: list[Diagnostic] = []
    marks, keys = {(): document.locate(("extends",), key=True)}, {}

    def carry(target: tuple, source: tuple) -> None:
        for table, out in ((document.value_marks, marks), (document.key_marks, keys)):
            for path, mark in table.items():
                if path[: len(source)] == source:
                    out[target + path[len(source):]] = mark

    for field in ("id", "version", "title", "description", "aggregation", "format"):
        value = getattr(child, field)
        if value is not None:
            data[field] = value
            carry((field,), (field,))
    data.pop("extends", None)
    ids = [c["id"] for c in data["criteria"]]
    for index, criterion_id in enumerate(child.disable):
        if criterion_id not in ids:
            problems.append(document.diagnostic(("disable", index), f"cannot disable unknown criterion '{criterion_id}'"))
    data["criteria"] = [c for c in data["criteria"] if c["id"] not in child.disable]
    for profile in data.get("profiles", []):  # an inherited profile no longer tightens what was disabled
        profile["criteria"] = {k: v for k, v in profile.get("criteria", {}).items() if k not in child.disable}
    for plan in data.get("business_modes", {}).values():
        plan["criteria"] = [c for c in plan.get("criteria", []) if c not in child.disable]

    def apply_overrides(section: str, noun: str) -> None:
        positions = {item["id"]: i for i, item in enumerate(data[section])}
        for item_id, override in getattr(child.overrides, section).items():
            if item_id not in positions:
                problems.append(document.diagnostic(("overrides", section, item_id), f"cannot override unknown {noun} '{item_id}'", key=True))
                continue
            data[section][positions[item_id]].update(override.model_dump(mode="json", by_alias=True, exclude_none=True))
            carry((section, positions[item_id]), ("overrides", section, item_id))

    apply_overrides("criteria", "criterion")
    for criterion in data["criteria"]:
        dropped = [r for r in criterion.get("requires", []) if r in child.disable]
        if dropped:
            where = ("disable", child.disable.index(dropped[0]))
            problems.append(document.diagnostic(where, f"'{criterion['id']}' requires disabled criterion '{dropped[0]}'",
                                                "disable it too, or override its 'requires'"))
    apply_overrides("dimensions", "dimension")
    for section in ("phases", "dimensions", "criteria", "profiles"):
        data.setdefault(section, [])
        offset = len(data[section])
        for index, item in enumerate(getattr(child, section)):
            data[section].append(item.model_dump(mode="json", by_alias=True, exclude_none=True))
            carry((section, offset + index), (section, index))
    for section in ("extensions", "stages", "business_modes"):
        for name, declared in getattr(child, section).items():
            value = declared if isinstance(declared, str) else declared.model_dump(mode="json", exclude_none=True)
            data.setdefault(section, {})[name] = value
            carry((section, name), (section, name))
    if problems:
        raise InputError(problems)
    return data, Document(document.name, data, marks, keys)


def _compile(spec: RubricFile, document: Document) -> Rubric:
    problems: list[Diagnostic] = []

    def problem(path: tuple, message: str, hint: str | None = None) -> None:
        problems.append(document.diagnostic(path, message, hint))

    if spec.format not in SUPPORTED_FORMATS:
        problem(("format",), f"unsupported rubric format {spec.format}", "this readiness reads rubric format 1")
    phase_ids = [p.id for p in spec.phases]
    dimension_ids = [d.id for d in spec.dimensions]
    _duplicates(phase_ids, "phases", "phase", problem, document)
    _duplicates(dimension_ids, "dimensions", "dimension", problem, document)
    _duplicates([c.id for c in spec.criteria], "criteria", "criterion", problem, document)
    if sum(d.weight for d in spec.dimensions) <= 0:
        problem(("dimensions",), "dimension weights sum to zero", "give at least one dimension a positive weight")

    by_id = {c.id: (i, c) for i, c in enumerate(spec.criteria)}
    enums = {name: extension_levels(name, tuple(e.values)) for name, e in spec.extensions.items() if e.type == "level"}

    def lookup(dotted: str) -> FieldInfo | None:
        return field_info(dotted, spec.extensions, enums)

    compiled = []
    for index, criterion in enumerate(spec.criteria):
        at = ("criteria", index)
        if criterion.dimension not in dimension_ids:
            problem(at + ("dimension",), f"unknown dimension '{criterion.dimension}'", f"declared dimensions: {', '.join(dimension_ids)}")
        if criterion.phase not in phase_ids:
            problem(at + ("phase",), f"unknown phase '{criterion.phase}'", f"declared phases: {', '.join(phase_ids)}")
        for r, required in enumerate(criterion.requires):
            if required not in by_id:
                problem(at + ("requires", r), f"'{criterion.id}' requires unknown criterion '{required}'")
            elif criterion.phase in phase_ids and by_id[required][1].phase in phase_ids and (
                phase_ids.index(by_id[required][1].phase) > phase_ids.index(criterion.phase)
            ):
                problem(at + ("requires", r), f"'{criterion.id}' (phase {criterion.phase}) requires '{required}' of a later phase ({by_id[required][1].phase})",
                        "a criterion can only require criteria of its own or an earlier phase")
        tests = _compile_check(criterion.check, at + ("check",), problem, lookup)
        guards = _compile_guards(criterion.check, at + ("check",), problem, lookup)
        applies = _compile_rule(criterion.applies_if, at + ("applies_if",), problem, lookup) if criterion.applies_if else None
        compiled.append(CompiledCriterion(_criterion_spec(criterion), index, tests, applies, guards))

    for dimension_index, dimension in enumerate(spec.dimensions):
        members = [c for c in spec.criteria if c.dimension == dimension.id]
        if dimension.weight > 0 and sum(c.weight for c in members) <= 0:
            problem(("dimensions", dimension_index), f"criterion weights of dimension '{dimension.id}' sum to zero",
                    "give a criterion of this dimension a positive weight, or the dimension weight 0")

    cycle = _find_cycle({c.id: [r for r in c.requires if r in by_id] for c in spec.criteria})
    if cycle:
        problem(("criteria", by_id[cycle[0]][0], "requires"), f"'requires' forms a cycle: {' -> '.join(cycle)}", "remove one of these requirements")

    from readiness.manifest.model import BusinessMode, Stage
    from readiness.rubric.profiles import compile_extras

    extras = compile_extras(spec, problem, lambda rule, at: _compile_rule(rule, at, problem, lookup, default=False),
                            tuple(s.value for s in Stage), tuple(m.value for m in BusinessMode))
    if problems:
        raise InputError(problems)
    text = json.dumps(spec.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False)
    return Rubric(_rubric_spec(spec)._replace(**extras), document.name, tuple(compiled), (), text)


def _frozen(model: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in model.model_dump(exclude=exclude).items()}


def _criterion_spec(criterion: Criterion) -> CriterionSpec:
    return CriterionSpec(**_frozen(criterion, {"check", "applies_if"}))


def _rubric_spec(spec: RubricFile) -> RubricSpec:
    return RubricSpec(
        **_frozen(spec, {"phases", "dimensions", "criteria", "extensions", "profiles", "stages", "business_modes"}),
        phases=tuple(PhaseSpec(**_frozen(p)) for p in spec.phases),
        dimensions=tuple(DimensionSpec(**_frozen(d)) for d in spec.dimensions),
        extensions={name: ExtensionSpec(**_frozen(e)) for name, e in spec.extensions.items()},
        profiles=(),
        stages={},
        business_modes={},
    )



def _duplicates(ids: list[str], section: str, what: str, problem, document: Document) -> None:
    seen: dict[str, int] = {}
    for index, identifier in enumerate(ids):
        if identifier in seen:
            first = document.locate((section, seen[identifier], "id"))
            where = f"first defined on line {first.line}" if first else f"also at position {seen[identifier] + 1}"
            problem((section, index, "id"), f"duplicate {what} id '{identifier}' ({where})", f"{what} ids must be unique")
        seen.setdefault(identifier, index)


def _find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    for root in graph:
        if state.get(root):
            continue
        stack = [(root, iter(graph[root]))]
        trail = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                trail.pop()
            elif state.get(child) == 1:
                return trail[trail.index(child):] + [child]
            elif not state.get(child):
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(graph[child])))
    return None


_MONOTONE = {
    "level": {"at_least", "in"},
    "bool": {"equals"},
    "list": {"present", "at_least"},
    "text": {"present"},
    ("number", "lower"): {"present", "at_most", "below"},
    ("number", "higher"): {"present", "at_least", "above"},
}


def _field_for(condition: Condition, at: tuple, problem, lookup) -> FieldInfo | None:
    info = lookup(condition.field)
    if info is None:
        if condition.field.startswith("extensions."):
            problem(at + ("field",), f"extension field '{condition.field}' is not declared",
                    f"declare it under 'extensions:' with its type, e.g. {condition.field.split('.', 1)[1]}: {{type: bool}}")
            return None
        problem(at + ("field",), f"no manifest field '{condition.field}'",
                did_you_mean(condition.field, answer_fields(), "see `readiness schema` for the manifest fields", cutoff=0.7))
    return info


def _operand(info: FieldInfo, condition: Condition, at: tuple, problem) -> Any:
    """Convert the operand to the field's type, or report why it cannot be."""
    op, operand = condition.operator, condition.operand
    where = at + (op,)
    if op == "present":
        return True
    if info.kind in ("level", "enum"):
        if op == "in":
            values = [_enum_value(info, v, where, problem) for v in operand]
            return frozenset(v for v in values if v is not None)
        if op in ("equals", "at_least"):
            return _enum_value(info, operand, where, problem)
    if info.kind == "bool" and op in ("equals", "in"):
        values = operand if op == "in" else [operand]
        if not all(isinstance(v, bool) for v in values):
            problem(where, f"'{condition.field}' is true or false, not {operand!r}")
        return frozenset(values) if op == "in" else operand
    if op in ("at_least", "at_most", "above", "below"):
        if isinstance(operand, bool) or not isinstance(operand, (int, float)) or operand_problem(operand):
            problem(where, f"'{op}' on '{condition.field}' needs {operand_problem(operand) or 'a number'}, not {str(operand)[:40]}")
            return None
        return float(operand)
    problem(where, f"operator '{op}' does not apply to '{condition.field}' ({info.kind})")
    return None


def _enum_value(info: FieldInfo, value: Any, at: tuple, problem) -> Any:
    try:
        return info.enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in info.enum)
        problem(at, f"'{value}' is not a value of '{'.'.join(info.path)}'", f"allowed values: {allowed}")
        return None


def _compile_check(check: Check, at: tuple, problem, lookup) -> tuple[Test, ...]:
    info = _field_for(check, at, problem, lookup)
    if info is None:
        return ()
    if info.context:
        problem(at + ("field",), f"'{check.field}' describes the project, it is not an answer to score",
                "use it in 'applies_if' instead")
        return ()
    tests = []
    for condition, credit, where in [(check, 1.0, at)] + [(p, p.credit, at + ("partial", i)) for i, p in enumerate(check.partial)]:
        if condition.field is not None and condition.field != check.field:
            problem(where + ("field",), "a partial condition must test the same field as its check")
            continue
        if condition.field is None:
            condition = condition.model_copy(update={"field": check.field})
        allowed = _MONOTONE.get((info.kind, info.better) if info.kind == "number" else info.kind, set())
        if condition.operator not in allowed:
            problem(where + (condition.operator,), f"operator '{condition.operator}' on '{check.field}' could reward a worse answer",
                    f"use one of: {', '.join(sorted(allowed)) or 'none (this field cannot be scored)'}")
            continue
        operand = _operand(info, condition, where, problem)
        if operand is None:
            continue
        if info.kind == "bool" and operand is not True:
            problem(where + ("equals",), f"'{check.field}' should be checked with 'equals: true'")
            continue
        if condition.operator == "in" and info.kind == "level" and not _upward_closed(info.enum, operand):
            problem(where + ("in",), f"'in' on the ordered scale '{check.field}' must include every level above its lowest",
                    "use 'at_least' instead")
            continue
        tests.append(Test(info.path, condition.operator, operand, credit))
    return tuple(sorted(tests, key=lambda t: -t.credit))


def _compile_guards(check: Check, at: tuple, problem, lookup) -> tuple[Test, ...]:
    """Prerequisites: monotone conditions on answers, like the check itself."""
    guards = []
    for index, condition in enumerate(check.with_):
        where = at + ("with", index)
        info = _field_for(condition, where, problem, lookup)
        if info is None:
            continue
        if info.context:
            problem(where + ("field",), f"'{condition.field}' describes the project, it is not an answer", "use it in 'applies_if' instead")
            continue
        allowed = _MONOTONE.get((info.kind, info.better) if info.kind == "number" else info.kind, set())
        if condition.operator not in allowed:
            problem(where + (condition.operator,), f"operator '{condition.operator}' on '{condition.field}' could reward a worse answer",
                    f"use one of: {', '.join(sorted(allowed)) or 'none (this field cannot be tested)'}")
            continue
        operand = _operand(info, condition, where, problem)
        if operand is None:
            continue
        if info.kind == "bool" and operand is not True:
            problem(where + ("equals",), f"'{condition.field}' should be tested with 'equals: true'")
            continue
        guards.append(Test(info.path, condition.operator, operand))
    return tuple(guards)


def _upward_closed(enum: type[Enum], values: frozenset) -> bool:
    members = list(enum)
    lowest = min((members.index(v) for v in values), default=len(members))
    return set(members[lowest:]) == set(values)


def _compile_rule(rule: Applicability, at: tuple, problem, lookup, default: bool = True) -> Rule | None:
    """A condition on facts; ``default`` is what a test of an unanswered fact counts as unless the rule says."""
    unanswered = default if rule.unanswered is None else rule.unanswered
    if (rule.field is None) == (rule.all is None and rule.any is None) or (rule.all is not None and rule.any is not None):
        problem(at, "applies_if needs either 'field' with 'equals' or 'in', or one of 'all' / 'any'")
        return None
    if rule.field is not None:
        ops = [op for op, value in (("equals", "equals" in rule.model_fields_set), ("in", rule.in_ is not None)) if value]
        if len(ops) != 1:
            problem(at, "applies_if with 'field' needs exactly one of 'equals' or 'in'")
            return None
        condition = Condition.model_validate({"field": rule.field, ops[0]: rule.equals if ops[0] == "equals" else rule.in_})
        info = _field_for(condition, at, problem, lookup)
        if info is None:
            return None
        if not info.context and info.path[0] != "extensions":
            problem(at + ("field",), f"'{rule.field}' is an answer, not a fact about the project",
                    "conditions on applicability and profiles read facts only (context fields such as project.workload), "
                    "so that a better answer never changes which criteria apply")
            return None
        operand = _operand(info, condition, at, problem)
        if operand is None:
            return None
        return Rule("all", (Test(info.path, condition.operator, operand),), (), unanswered)
    mode = "all" if rule.all is not None else "any"
    children = [_compile_rule(r, at + (mode, i), problem, lookup, unanswered) for i, r in enumerate(getattr(rule, mode))]
    return Rule(mode, (), tuple(c for c in children if c is not None), unanswered)
