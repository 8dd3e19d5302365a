"""Finding, reading and checking framework packs: a pack file in, an immutable :class:`Pack` out.

Bundled packs live beside the bundled rubrics (``frameworks/*.yaml`` in a
source checkout, ``readiness/frameworks`` in the wheel); any other pack is
given by its path. A pack is checked against the rubric it is used with:
a link may name any criterion of that rubric or of the bundled default
rubric (which extending rubrics inherit). A link to a criterion the rubric
does not have (one it disabled) is inert; a criterion id found in neither is
an error located at the link.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from readiness.common.errors import Diagnostic, InputError, UsageError
from readiness.common.suggest import did_you_mean
from readiness.crosswalk.model import SUPPORTED_FORMATS, PackFile
from readiness.input.source import Document, load
from readiness.input.validation import top_level_mapping, validate
from readiness.manifest.fields import field_info
from readiness.rubric.fileformat import Applicability
from readiness.rubric.load import load_rubric
from readiness.rubric.model import Rubric, Rule, Test

BUNDLED_FOLDER = "frameworks"


class Group(NamedTuple):
    id: str
    name: str
    description: str


class Requirement(NamedTuple):
    id: str
    title: str
    group: str | None
    applies: Rule | None
    position: int


class Link(NamedTuple):
    criterion: str
    requirement: str
    relation: str  # satisfies | contributes
    rationale: str


class Declares(NamedTuple):
    path: tuple[str, ...]
    label: str
    values: dict[str, str]
    unanswered: str
    disclaimer: str


class Pack(NamedTuple):
    id: str
    name: str
    edition: str
    source: str
    version: str
    description: str
    file: str
    groups: tuple[Group, ...]
    requirements: tuple[Requirement, ...]
    links: tuple[Link, ...]
    declares: Declares | None

    def requirement(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == requirement_id), None)


# ---------------------------------------------------------------- finding


def frameworks_folder() -> Path:
    """The bundled packs, in the installed package or, in a source checkout, the top-level folder."""
    packaged = Path(__file__).resolve().parents[1] / BUNDLED_FOLDER
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / BUNDLED_FOLDER


def available_packs() -> list[str]:
    """Names of the bundled packs, sorted (what `--framework all` expands to)."""
    folder = frameworks_folder()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def pack_path(name_or_path: str | Path) -> Path:
    """A bundled pack's file for its name, else the given path; a name that is neither is a usage error."""
    text = str(name_or_path)
    names = available_packs()
    if text in names:
        return frameworks_folder() / f"{text}.yaml"
    path = Path(text)
    if path.is_file():
        return path
    hint = did_you_mean(text, names, f"bundled packs: {', '.join(names)}; or give the path of a pack file")
    raise UsageError(f"unknown framework '{text}' (no bundled pack and no such file)", hint)


def load_pack(name_or_path: str | Path, rubric: Rubric | None = None) -> Pack:
    """Read, validate and compile a pack for use with ``rubric`` (the bundled default without it)."""
    path = pack_path(name_or_path)
    document = load(path, what="framework pack")
    return parse_pack(document, rubric if rubric is not None else load_rubric())


# ---------------------------------------------------------------- checking


def parse_pack(document: Document, rubric: Rubric) -> Pack:
    """Validate a parsed pack file and check it against ``rubric``, reporting every problem with its position."""
    top_level_mapping(document, "framework pack")
    spec: PackFile = validate(PackFile, document)
    problems: list[Diagnostic] = []

    def problem(path: tuple, message: str, hint: str | None = None) -> None:
        problems.append(document.diagnostic(path, message, hint))

    if spec.format not in SUPPORTED_FORMATS:
        problem(("format",), f"unsupported framework pack format {spec.format}", "this readiness reads pack format 1")
    group_ids = [g.id for g in spec.groups]
    _unique(group_ids, "groups", "group", problem)
    requirement_ids = [r.id for r in spec.requirements]
    _unique(requirement_ids, "requirements", "requirement", problem)

    requirements = []
    for index, requirement in enumerate(spec.requirements):
        at = ("requirements", index)
        if requirement.group is not None and requirement.group not in group_ids:
            problem(at + ("group",), f"unknown group '{requirement.group}'", _choices(requirement.group, group_ids, "declared groups"))
        applies = _compile_rule(requirement.applies_if, at + ("applies_if",), problem, rubric) if requirement.applies_if else None
        requirements.append(Requirement(requirement.id, requirement.title, requirement.group, applies, index))

    known = _linkable(rubric)
    seen: dict[tuple[str, str], int] = {}
    for index, link in enumerate(spec.links):
        at = ("links", index)
        if link.criterion not in known:
            problem(
                at + ("criterion",),
                f"unknown criterion '{link.criterion}'",
                _choices(link.criterion, sorted(known), f"criteria of rubric {rubric.id} or of the default rubric"),
            )
        if link.requirement not in requirement_ids:
            problem(
                at + ("requirement",),
                f"link to unknown requirement '{link.requirement}'",
                _choices(link.requirement, requirement_ids, "requirements of this pack"),
            )
        pair = (link.criterion, link.requirement)
        if pair in seen:
            problem(
                at,
                f"duplicate link from '{link.criterion}' to '{link.requirement}' (also link {seen[pair] + 1})",
                "give each criterion at most one link to a requirement",
            )
        seen.setdefault(pair, index)

    declares = _declares(spec, problem)
    if problems:
        raise InputError(problems)
    return Pack(
        spec.id,
        spec.name,
        spec.edition,
        spec.source,
        spec.version,
        spec.description,
        document.name,
        tuple(Group(g.id, g.name, g.description) for g in spec.groups),
        tuple(requirements),
        tuple(Link(lk.criterion, lk.requirement, lk.relation, lk.rationale) for lk in spec.links),
        declares,
    )


def _linkable(rubric: Rubric) -> set[str]:
    return {c.spec.id for c in rubric.criteria} | {c.spec.id for c in load_rubric().criteria}


def _choices(value: str, known: list[str], noun: str) -> str:
    return did_you_mean(value, known) or (
        f"{noun}: {', '.join(known[:12])}{', ...' if len(known) > 12 else ''}" if known else f"no {noun} are declared"
    )


def _unique(ids: list[str], section: str, noun: str, problem) -> None:
    first: dict[str, int] = {}
    for index, identifier in enumerate(ids):
        if identifier in first:
            problem(
                (section, index, "id"),
                f"duplicate {noun} id '{identifier}' (also {noun} {first[identifier] + 1})",
                f"{noun} ids must be unique",
            )
        first.setdefault(identifier, index)


def _context_field(dotted: str, at: tuple, problem, rubric: Rubric):
    info = field_info(dotted, rubric.spec.extensions, rubric.extension_enums)
    if info is None:
        from readiness.manifest.fields import answer_fields

        problem(
            at + ("field",), f"no manifest field '{dotted}'", did_you_mean(dotted, answer_fields(), "see `readiness schema`", cutoff=0.7)
        )
        return None
    if not info.context:
        problem(
            at + ("field",),
            f"'{dotted}' is an answer, not a fact about the project",
            "a pack's applicability may only test context fields (such as project.uses_generative_ai), "
            "so that a better answer can never change what applies",
        )
        return None
    return info


def _operand(info, value, at: tuple, problem):
    if info.enum is not None:
        try:
            return info.enum(value)
        except ValueError:
            problem(at, f"'{value}' is not a value of '{'.'.join(info.path)}'", f"allowed values: {', '.join(m.value for m in info.enum)}")
            return None
    if info.kind == "bool" and not isinstance(value, bool):
        problem(at, f"'{'.'.join(info.path)}' is true or false, not {value!r}")
        return None
    return value


def _compile_rule(rule: Applicability, at: tuple, problem, rubric: Rubric) -> Rule | None:
    """The rubric's applicability syntax, limited to context fields, compiled to the engine's :class:`Rule`."""
    if (rule.field is None) == (rule.all is None and rule.any is None) or (rule.all is not None and rule.any is not None):
        problem(at, "applies_if needs either 'field' with 'equals' or 'in', or one of 'all' / 'any'")
        return None
    if rule.field is not None:
        has_equals = "equals" in rule.model_fields_set
        if has_equals == (rule.in_ is not None):
            problem(at, "applies_if with 'field' needs exactly one of 'equals' or 'in'")
            return None
        info = _context_field(rule.field, at, problem, rubric)
        if info is None:
            return None
        if has_equals:
            operand = _operand(info, rule.equals, at + ("equals",), problem)
            return None if operand is None else Rule("all", (Test(info.path, "equals", operand),))
        values = [_operand(info, v, at + ("in",), problem) for v in rule.in_ or ()]
        if any(v is None for v in values):
            return None
        return Rule("all", (Test(info.path, "in", frozenset(values)),))
    mode = "all" if rule.all is not None else "any"
    children = [_compile_rule(r, at + (mode, i), problem, rubric) for i, r in enumerate(getattr(rule, mode))]
    return Rule(mode, (), tuple(c for c in children if c is not None))


def _declares(spec: PackFile, problem) -> Declares | None:
    declared = spec.declares
    if declared is None:
        return None
    at = ("declares",)
    info = field_info(declared.field)
    if info is None or not info.context or info.enum is None:
        problem(
            at + ("field",),
            f"'{declared.field}' is not a context field with a fixed set of values",
            "declare a field such as governance.eu_ai_act_risk",
        )
        return None
    allowed = [m.value for m in info.enum]
    for value in declared.values:
        if value not in allowed:
            problem(at + ("values", value), f"'{value}' is not a value of '{declared.field}'", f"allowed values: {', '.join(allowed)}")
    return Declares(info.path, declared.label, dict(declared.values), declared.unanswered, declared.disclaimer)
