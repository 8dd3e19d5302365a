"""The guided questionnaire behind `readiness init --interactive` and `readiness interview MANIFEST`.

It asks the use-case facts first (they decide which criteria apply), then only the open questions of
criteria that apply, the ones worth most roadmap points first. "Don't know" leaves a question unanswered;
"explain" shows why the criteria it feeds matter. Answers are written through :mod:`readiness.manifest.edit`,
so the file keeps its comments and key order.

The prompts come from an ``Ask`` function, so tests drive the whole interview with scripted answers;
:func:`terminal_asker` is the questionary one users see.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NamedTuple, cast

from readiness.common.errors import InputError, UsageError
from readiness.manifest.edit import MISSING_HINT, Editable
from readiness.manifest.fields import answer_fields, field_info
from readiness.manifest.starter import allowed_values
from readiness.rubric.model import Rubric
from readiness.rubric.questions import uses


class _Signal(str):
    """An answer that is not a value: the user does not know, wants the explanation, or stops."""


DONT_KNOW, EXPLAIN, STOP = _Signal("don't know"), _Signal("explain"), _Signal("stop")


class Question(NamedTuple):
    field: str
    text: str  # the model's description of the field
    kind: str  # level, enum, bool, number, list, text
    choices: tuple[str, ...]  # the allowed values (level, enum, bool, list)
    allowed: str  # the allowed values in words
    points: float | None  # roadmap points an answer could be worth (None for use-case facts)
    criteria: tuple[str, ...]  # ids of the criteria it feeds


Ask = Callable[[Question, int, int], Any]
"""ask(question, number, total) -> a value, a list of values, DONT_KNOW, EXPLAIN or STOP."""


class Result(NamedTuple):
    text: str
    answered: list[str]
    skipped: list[str]
    stopped: bool


def _choices(dotted: str, rubric: Rubric) -> tuple[str, ...]:
    if dotted.startswith("extensions."):
        spec = rubric.spec.extensions[dotted.split(".", 1)[1]]
        return tuple(spec.values or ()) if spec.type == "level" else ("true", "false") if spec.type == "bool" else ()
    allowed = allowed_values(dotted)
    if allowed == "true | false":
        return ("true", "false")
    if allowed.startswith("a list of: "):
        return tuple(allowed.removeprefix("a list of: ").split(", "))
    return tuple(allowed.split(" | ")) if " | " in allowed else ()


def _question(dotted: str, rubric: Rubric, points: float | None, criteria: tuple[str, ...]) -> Question:
    if dotted.startswith("extensions."):
        spec = rubric.spec.extensions[dotted.split(".", 1)[1]]
        kind = spec.type
        allowed = (
            " | ".join(spec.values or ()) if spec.type == "level" else {"bool": "true | false", "number": "a number"}.get(spec.type, "text")
        )
        text = spec.description
    else:
        from pydantic import BaseModel

        from readiness.input.validation import model_of
        from readiness.manifest.model import Manifest

        section, name = dotted.split(".")
        info = field_info(dotted)
        kind = info.kind if info is not None else "text"
        model = cast(type[BaseModel], model_of(Manifest.model_fields[section].annotation))  # every manifest section is a model
        text = model.model_fields[name].description or dotted
        allowed = allowed_values(dotted)
    return Question(dotted, text, kind, _choices(dotted, rubric), allowed, points, criteria)


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def _assess(edit: Editable, rubric: Rubric, name: str):
    from readiness import api
    from readiness.input.source import parse
    from readiness.manifest.load import parse_manifest
    from readiness.scoring.gate import Gate

    document = parse(edit.text(), name)
    return api.assess_manifest(parse_manifest(document), document, rubric, Gate())


def plan(edit: Editable, rubric: Rubric, name: str) -> list[Question]:
    """The open questions of applicable criteria, most roadmap points first (ties: the rubric's order)."""
    outcome = _assess(edit, rubric, name)
    points: dict[str, float] = {}
    criteria: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    for phase in outcome.roadmap:
        for step in phase.steps:
            if step.result.status != "unanswered":
                continue
            field = ".".join(step.result.criterion.tests[0].path)
            points[field] = points.get(field, 0.0) + step.impact
            criteria.setdefault(field, []).append(step.id)
            first[field] = min(first.get(field, step.result.criterion.position), step.result.criterion.position)
    order = sorted(points, key=lambda f: (-round(points[f], 6), first[f]))
    return [_question(f, rubric, round(points[f], 1), tuple(criteria[f])) for f in order]


def facts(edit: Editable, rubric: Rubric) -> list[Question]:
    """The unanswered use-case facts (context fields) the rubric reads, or that describe the project, in the model's order."""
    read = uses(rubric)
    found = []
    for dotted in answer_fields():
        info = field_info(dotted)
        if info is not None and info.context and _is_blank(edit.get(dotted)):
            use = read.get(dotted)
            found.append(_question(dotted, rubric, None, tuple(c.spec.id for c in use.decides) if use else ()))
    return found


def explanation(question: Question, rubric: Rubric) -> str:
    lines = [question.text, f"Answers: {question.allowed}"]
    for criterion_id in question.criteria:
        found = rubric.criterion(criterion_id)
        if found is not None:
            spec = found.spec
            lines += ["", f"{spec.id}: {spec.title} ({spec.severity})", f"  Why: {spec.rationale}", f"  To meet it: {spec.remediation}"]
    if question.points is None and question.criteria:
        lines += ["", f"Decides whether these criteria apply: {', '.join(question.criteria)}"]
    return "\n".join(lines)


def _convert(question: Question, raw: Any) -> Any:
    """A raw answer as the manifest writes it; raises ValueError with a message for the user."""
    if question.kind == "list":
        values = list(raw) if isinstance(raw, (list, tuple)) else [v.strip() for v in str(raw).split(",") if v.strip()]
        unknown = [v for v in values if v not in question.choices]
        if unknown:
            raise ValueError(f"not one of the answers: {', '.join(unknown)}")
        return values
    text = str(raw).strip() if not isinstance(raw, bool) else ("true" if raw else "false")
    if question.kind == "bool":
        if text.lower() not in ("true", "false"):
            raise ValueError("answer true or false")
        return text.lower() == "true"
    if question.kind == "number":
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
        return int(number) if number.is_integer() else number
    if question.choices and text not in question.choices:
        raise ValueError(f"{text!r} is not one of: {question.allowed}")
    return text


def interview(text: str, rubric: Rubric, ask: Ask, say: Callable[[str], None], name: str = "manifest") -> Result:
    """Run the interview on a manifest's YAML text and return the new text; ``say`` shows explanations and problems."""
    edit = Editable(text)
    answered: list[str] = []
    skipped: list[str] = []

    def put(question: Question, number: int, total: int) -> bool:
        """Ask until the answer is a valid value, don't know, or stop; False means stop."""
        while True:
            raw = ask(question, number, total)
            if raw is STOP or raw is None:
                return False
            if raw is EXPLAIN:
                say(explanation(question, rubric))
                continue
            if raw is DONT_KNOW or _is_blank(raw):
                skipped.append(question.field)
                return True
            try:
                value = _convert(question, raw)
                before = edit.get(question.field)
                edit.set(question.field, value)
                try:
                    _assess(edit, rubric, name)
                except InputError as exc:
                    edit.set(question.field, before)
                    raise ValueError("; ".join(d.message for d in exc.diagnostics)) from None
            except ValueError as exc:
                say(f"not taken: {exc}")
                continue
            answered.append(question.field)
            return True

    if _is_blank(edit.get("version")):
        edit.set("version", 1)
    if _is_blank(edit.get("project.name")):
        name_question = Question("project.name", "Name of the AI project or pilot.", "text", (), "text", None, ())
        while _is_blank(edit.get("project.name")):
            raw = ask(name_question, 0, 0)
            if raw is STOP or raw is None:
                return Result(text, [], [], True)
            if raw not in (DONT_KNOW, EXPLAIN) and not _is_blank(raw):
                edit.set("project.name", str(raw).strip())
                answered.append("project.name")
            else:
                say("the project needs a name: every other answer is optional")
    stopped = False
    context = facts(edit, rubric)
    for number, question in enumerate(context, 1):
        if not put(question, number, len(context)):
            stopped = True
            break
    if not stopped:
        questions = [q for q in plan(edit, rubric, name) if q.field not in skipped]
        for number, question in enumerate(questions, 1):
            if not put(question, number, len(questions)):
                stopped = True
                break
    return Result(edit.text(), answered, skipped, stopped)


def prompt_line(question: Question, number: int, total: int) -> str:
    counter = f"[{number}/{total}] " if total else ""
    worth = f" (+{question.points:g} {'point' if question.points == 1 else 'points'})" if question.points else ""
    return f"{counter}{question.field}{worth}"


def terminal_asker(input=None, output=None) -> Ask:
    """The questionary prompts; ``input``/``output`` are prompt_toolkit's, for tests that type into a pipe."""
    try:
        import questionary
    except ImportError:
        raise UsageError("the interview needs the optional package questionary", MISSING_HINT) from None
    dont_know, explain = "(don't know)", "(explain)"
    extra = {"input": input, "output": output} if input is not None or output is not None else {}

    def ask(question: Question, number: int, total: int) -> Any:
        message = prompt_line(question, number, total)
        questionary.print(f"\n{question.text}", style="italic", **({"output": output} if output is not None else {}))
        if question.kind == "list":
            choices: list[str | questionary.Choice] = [*question.choices, questionary.Separator(), dont_know, explain]
            answer = questionary.checkbox(message, choices=choices, instruction="(space picks, enter confirms)", **extra).ask()
            if answer is None:
                return STOP
            return EXPLAIN if explain in answer else DONT_KNOW if dont_know in answer or not answer else answer
        if question.choices:
            answer = questionary.select(message, choices=[*question.choices, questionary.Separator(), dont_know, explain], **extra).ask()
        else:
            answer = questionary.text(message, instruction=f"({question.allowed}; empty: don't know; ?: explain)", **extra).ask()
            answer = {"": dont_know, "?": explain}.get(answer.strip(), answer) if answer is not None else None
        return STOP if answer is None else DONT_KNOW if answer == dont_know else EXPLAIN if answer == explain else answer

    return ask


def needs_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the interview needs a terminal", "run it in a terminal, or fill in the starter from `readiness init` in an editor"
        )


def summary(result: Result, target: str) -> str:
    count = len(result.answered)
    words = f"{count} {'answer' if count == 1 else 'answers'}"
    left = f"; {len(result.skipped)} left unanswered" if result.skipped else ""
    return f"{'stopped: ' if result.stopped else ''}wrote {target} ({words}{left}); next: readiness assess {target}"


__all__ = ["DONT_KNOW", "EXPLAIN", "STOP", "Question", "Result", "facts", "interview", "plan", "terminal_asker"]
