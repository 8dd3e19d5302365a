"""The rubric compiler: how a rubric file (:mod:`readiness.rubric.fileformat`) becomes a :class:`~readiness.rubric.Rubric`.

Compiling validates a rubric completely against the manifest model (every checked field must exist, every check
must be monotone so that a better answer can never lower a score), applies ``extends``, and turns each check into
the small tuples the engine evaluates without knowing any criterion by name.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel

from readiness.common.errors import Diagnostic, InputError
from readiness.common.suggest import did_you_mean
from readiness.input.source import Document
from readiness.input.validation import top_level_mapping, validate
from readiness.manifest.fields import FieldInfo, answer_fields, field_info
from readiness.rubric.bundled import default_rubric_path, dependency_of, digest_of
from readiness.rubric.extends import confined, load_base_document, merge
from readiness.rubric.fileformat import SUPPORTED_FORMATS, Applicability, Check, Condition, Criterion, RubricExtension, RubricFile
from readiness.rubric.limits import operand_problem
from readiness.rubric.model import (
    DEFAULT_RUBRIC,
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
from readiness.rubric.references import compile_references, table_dependency

MAX_EXTENDS_DEPTH = 8


def parse_rubric(document: Document, folder: Path | None = None, _chain: tuple[str, ...] = ()) -> Rubric:
    data = top_level_mapping(document, "rubric")
    if "extends" not in data:
        spec: RubricFile = validate(RubricFile, document)
        return _compile(spec, document)
    child: RubricExtension = validate(RubricExtension, document)
    base, base_path = _load_base(child.extends, folder or Path.cwd(), document, _chain + (document.name,))
    _, merged_document = merge(base.as_data(), child, document)
    spec = validate(RubricFile, merged_document)
    own = (dependency_of(base_path), digest_of(str(base_path)))
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
    enums = {name: extension_levels(name, tuple(e.values or ())) for name, e in spec.extensions.items() if e.type == "level"}

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
            elif (
                criterion.phase in phase_ids
                and by_id[required][1].phase in phase_ids
                and (phase_ids.index(by_id[required][1].phase) > phase_ids.index(criterion.phase))
            ):
                problem(
                    at + ("requires", r),
                    f"'{criterion.id}' (phase {criterion.phase}) requires '{required}' of a later phase ({by_id[required][1].phase})",
                    "a criterion can only require criteria of its own or an earlier phase",
                )
        tests = _compile_check(criterion.check, at + ("check",), problem, lookup)
        guards = _compile_guards(criterion.check, at + ("check",), problem, lookup)
        applies = _compile_rule(criterion.applies_if, at + ("applies_if",), problem, lookup) if criterion.applies_if else None
        compiled.append(CompiledCriterion(_criterion_spec(criterion), index, tests, applies, guards))

    for dimension_index, dimension in enumerate(spec.dimensions):
        members = [c for c in spec.criteria if c.dimension == dimension.id]
        if dimension.weight > 0 and sum(c.weight for c in members) <= 0:
            problem(
                ("dimensions", dimension_index),
                f"criterion weights of dimension '{dimension.id}' sum to zero",
                "give a criterion of this dimension a positive weight, or the dimension weight 0",
            )

    cycle = _find_cycle({c.id: [r for r in c.requires if r in by_id] for c in spec.criteria})
    if cycle:
        problem(
            ("criteria", by_id[cycle[0]][0], "requires"),
            f"'requires' forms a cycle: {' -> '.join(cycle)}",
            "remove one of these requirements",
        )

    from readiness.manifest.levels import BusinessMode, Stage
    from readiness.rubric.profiles import compile_extras

    extras = compile_extras(
        spec,
        problem,
        lambda rule, at: _compile_rule(rule, at, problem, lookup, default=False),
        tuple(s.value for s in Stage),
        tuple(m.value for m in BusinessMode),
    )
    references = compile_references(spec, problem)
    if problems:
        raise InputError(problems)
    text = json.dumps(spec.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False)
    return Rubric(_rubric_spec(spec)._replace(**extras, references=references), document.name, tuple(compiled), (table_dependency(),), text)


def _frozen(model: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in model.model_dump(exclude=exclude).items()}


def _criterion_spec(criterion: Criterion) -> CriterionSpec:
    return CriterionSpec(**_frozen(criterion, {"check", "applies_if"}))


def _rubric_spec(spec: RubricFile) -> RubricSpec:
    return RubricSpec(
        **_frozen(spec, {"phases", "dimensions", "criteria", "extensions", "profiles", "references", "stages", "business_modes"}),
        phases=tuple(PhaseSpec(**_frozen(p)) for p in spec.phases),
        dimensions=tuple(DimensionSpec(**_frozen(d)) for d in spec.dimensions),
        extensions={name: ExtensionSpec(**_frozen(e)) for name, e in spec.extensions.items()},
        profiles=(),
        references=(),
        stages={},
        business_modes={},  # filled by _compile from the file's other sections
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
                return trail[trail.index(child) :] + [child]
            elif not state.get(child):
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(graph[child])))
    return None


_MONOTONE: dict[str | tuple[str, str | None], set[str]] = {
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
            problem(
                at + ("field",),
                f"extension field '{condition.field}' is not declared",
                f"declare it under 'extensions:' with its type, e.g. {condition.field.split('.', 1)[1]}: {{type: bool}}",
            )
            return None
        problem(
            at + ("field",),
            f"no manifest field '{condition.field}'",
            did_you_mean(condition.field, answer_fields(), "see `readiness schema` for the manifest fields", cutoff=0.7),
        )
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
    enum = cast("type[Enum]", info.enum)  # every level and enum field has its type
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        problem(at, f"'{value}' is not a value of '{'.'.join(info.path)}'", f"allowed values: {allowed}")
        return None


def _compile_check(check: Check, at: tuple, problem, lookup) -> tuple[Test, ...]:
    info = _field_for(check, at, problem, lookup)
    if info is None:
        return ()
    if info.context:
        problem(at + ("field",), f"'{check.field}' describes the project, it is not an answer to score", "use it in 'applies_if' instead")
        return ()
    tests = []
    for condition, credit, where in [(check, 1.0, at)] + [(p, p.credit, at + ("partial", i)) for i, p in enumerate(check.partial)]:
        if condition.field is not None and condition.field != check.field:
            problem(where + ("field",), "a partial condition must test the same field as its check")
            continue
        if condition.field is None:
            condition = condition.model_copy(update={"field": check.field})
        operand = _monotone_operand(info, condition, check.field, where, problem, "scored", "checked")
        if operand is None:
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
        operand = _monotone_operand(info, condition, condition.field, where, problem, "tested", "tested")
        if operand is None:
            continue
        guards.append(Test(info.path, condition.operator, operand))
    return tuple(guards)


def _monotone_operand(info: FieldInfo, condition, field: str, where: tuple, problem, scored: str, checked: str) -> Any:
    """The operand of a check's or a prerequisite's condition, or None (reported) when a better answer could fail it."""
    allowed = _MONOTONE.get((info.kind, info.better) if info.kind == "number" else info.kind, set())
    if condition.operator not in allowed:
        problem(
            where + (condition.operator,),
            f"operator '{condition.operator}' on '{field}' could reward a worse answer",
            f"use one of: {', '.join(sorted(allowed)) or f'none (this field cannot be {scored})'}",
        )
        return None
    operand = _operand(info, condition, where, problem)
    if operand is None:
        return None
    if info.kind == "bool" and operand is not True:
        problem(where + ("equals",), f"'{field}' should be {checked} with 'equals: true'")
        return None
    if condition.operator == "in" and info.kind == "level" and not _upward_closed(cast("type[Enum]", info.enum), operand):
        problem(where + ("in",), f"'in' on the ordered scale '{field}' must include every level above its lowest", "use 'at_least' instead")
        return None
    return operand


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
            problem(
                at + ("field",),
                f"'{rule.field}' is an answer, not a fact about the project",
                "conditions on applicability and profiles read facts only (context fields such as project.workload), "
                "so that a better answer never changes which criteria apply",
            )
            return None
        operand = _operand(info, condition, at, problem)
        if operand is None:
            return None
        return Rule("all", (Test(info.path, condition.operator, operand),), (), unanswered)
    mode = "all" if rule.all is not None else "any"
    children = [_compile_rule(r, at + (mode, i), problem, lookup, unanswered) for i, r in enumerate(getattr(rule, mode))]
    return Rule(mode, (), tuple(c for c in children if c is not None), unanswered)
