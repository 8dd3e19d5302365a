"""Structured files as flat units of (key path, value, line) entries that detectors match.

* YAML files (Kubernetes, dvc.yaml, MLproject, feature_store.yaml, configs):
  each document is a unit, parsed with the hardened reader (readiness.source),
  so comments never count and duplicate keys, tags and alias bombs are refused.
* CI workflows (GitHub Actions, GitLab CI): each job that can run is a unit.
  A workflow whose only trigger is a cron that can never fire, a job or step
  with ``if: false``, and a GitLab job with ``when: never`` are dropped. A
  step that may fail without failing the job (``continue-on-error``,
  ``allow_failure``) moves under ``nonblocking/`` so detectors of blocking
  checks do not see it. The triggers that can fire are entries ``on/<name>``.
* Dockerfiles: one unit per file, an entry per instruction.
"""

from __future__ import annotations

import calendar
import contextlib
import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple, cast

from readiness.common.errors import InputError
from readiness.input.source import parse

_DOC_SPLIT = re.compile(r"^(?:---|\.\.\.)(?:[ \t].*)?$", re.MULTILINE)
MAX_DOCUMENTS = 1000


class Entry(NamedTuple):
    key: str
    value: str | None  # None for a mapping or a sequence
    line: int


Unit = list[Entry]


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)


def flatten(data: Any, marks: dict, prefix: tuple = (), out: Unit | None = None, base: tuple = ()) -> Unit:
    """Every node as an entry; ``base`` is the part of the document path left out of the key."""
    out = [] if out is None else out
    stack = [(data, prefix)]
    while stack:
        node, path = stack.pop()
        mark = marks.get(base + path)
        line = mark[0] if mark else 0
        key = "/".join(str(p) for p in path)
        if isinstance(node, dict):
            out.append(Entry(key, None, line))
            stack.extend((v, path + (k,)) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            out.append(Entry(key, None, line))
            stack.extend((v, path + (i,)) for i, v in reversed(list(enumerate(node))))
        else:
            out.append(Entry(key, _scalar(node), line))
    return out


def yaml_documents(text: str, name: str) -> tuple[list[tuple[Any, dict]], str | None]:
    """``[(data, value_marks)]`` for each document, or an error message for the first one that cannot be read."""
    chunks: list[tuple[int, str]] = []
    start, line = 0, 0
    for match in _DOC_SPLIT.finditer(text):
        chunks.append((line, text[start : match.start()]))
        line += text.count("\n", start, match.end())
        start = match.end()
    chunks.append((line, text[start:]))
    documents: list[tuple[Any, dict]] = []
    for offset, chunk in chunks[:MAX_DOCUMENTS]:
        if not chunk.strip():
            continue
        try:
            document = parse("\n" * offset + chunk, name)
        except InputError as exc:
            return documents, exc.diagnostics[0].format().removeprefix("error: ").split("\n")[0]
        except RecursionError:
            return documents, f"{name}: nested too deeply"
        if document.data is not None:
            documents.append((document.data, document.value_marks))
    return documents, None


# ------------------------------------------------------------------ cron


_CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | {
    name.lower(): (i + 1) % 7 for i, name in enumerate(calendar.day_abbr)
}


def _cron_field(text: str, low: int, high: int) -> set[int] | None:
    values: set[int] = set()
    for part in text.lower().split(","):
        step = 1
        if "/" in part:
            part, _, raw_step = part.partition("/")
            if not raw_step.isdigit() or int(raw_step) == 0:
                return None
            step = int(raw_step)
        if part == "*":
            first, last = low, high
        else:
            bounds = part.split("-")
            if len(bounds) > 2:
                return None
            try:
                numbers = [int(_NAMES.get(b, b)) for b in bounds]
            except ValueError:
                return None
            first, last = numbers[0], numbers[-1] if len(numbers) == 2 else (high if step > 1 else numbers[0])
        if not (low <= first <= high and low <= last <= high) or first > last:
            return None
        values.update(range(first, last + 1, step))
    return values


def cron_can_fire(expression: str) -> bool:
    """Whether a 5-field cron expression names at least one real date and time (``0 0 30 2 *`` never does)."""
    fields = expression.split()
    if len(fields) != 5:
        return False
    sets = [_cron_field(f, lo, hi) for f, (lo, hi) in zip(fields, _CRON_RANGES, strict=False)]
    if any(s is None or not s for s in sets):
        return False
    _, _, days, months, _ = cast("list[set[int]]", sets)  # none is None: checked just above
    if fields[4] != "*" and fields[2] != "*":
        return True  # cron fires when either the day of month or the weekday matches
    return any(day <= calendar.monthrange(2024, month)[1] for month in months for day in days)


# -------------------------------------------------------------- workflows


def _false(value: Any) -> bool:
    if value is False:
        return True
    return isinstance(value, str) and value.replace(" ", "").lower() in ("false", "${{false}}")


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.replace(" ", "").lower() in ("true", "${{true}}"))


def github_triggers(data: dict, marks: dict) -> list[Entry]:
    raw = data.get("on", data.get(True))
    line = (marks.get(("on",)) or (0,))[0]
    if isinstance(raw, str):
        raw = {raw: None}
    elif isinstance(raw, list):
        raw = {str(t): None for t in raw}
    if not isinstance(raw, dict):
        return []
    entries = []
    for trigger, spec in raw.items():
        if trigger == "schedule":
            crons = [s.get("cron") for s in spec if isinstance(s, dict)] if isinstance(spec, list) else []
            for index, cron in enumerate(crons):
                if isinstance(cron, str) and cron_can_fire(cron):
                    at = marks.get(("on", "schedule", index, "cron")) or (line,)
                    entries.append(Entry("on/schedule", cron, at[0]))
        else:
            entries.append(Entry(f"on/{trigger}", "", (marks.get(("on", trigger)) or (line,))[0]))
    return entries


def github_jobs(data: Any, marks: dict) -> Iterator[Unit]:
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict):
        return
    triggers = github_triggers(data, marks)
    if not triggers:
        return
    for job_id, job in data["jobs"].items():
        if not isinstance(job, dict) or _false(job.get("if")):
            continue
        unit = list(triggers)
        for key, value in job.items():
            if key != "steps":
                flatten(value, marks, (key,), unit, ("jobs", job_id))
        steps = job["steps"] if isinstance(job.get("steps"), list) else []
        for index, step in enumerate(steps):
            if not isinstance(step, dict) or _false(step.get("if")):
                continue
            where = "nonblocking_steps" if _truthy(step.get("continue-on-error")) else "steps"
            sub: Unit = []
            flatten(step, marks, ("steps", index), sub, ("jobs", job_id))
            unit.extend(Entry(e.key.replace("steps", where, 1), e.value, e.line) for e in sub)
        yield unit


_GITLAB_RESERVED = {
    "stages",
    "variables",
    "default",
    "include",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
    "pages",
}


def gitlab_jobs(data: Any, marks: dict) -> Iterator[Unit]:
    if not isinstance(data, dict):
        return
    for job_id, job in data.items():
        if job_id in _GITLAB_RESERVED or str(job_id).startswith(".") or not isinstance(job, dict):
            continue
        rules = job.get("rules")
        if job.get("when") == "never" or (
            isinstance(rules, list) and rules and all(isinstance(r, dict) and r.get("when") == "never" for r in rules)
        ):
            continue
        line = (marks.get((job_id,)) or (0,))[0]
        unit = [Entry("on/push", "", line)]
        if "schedule" in str(rules or job.get("only") or ""):
            unit.append(Entry("on/schedule", "", line))
        prefix = ("nonblocking",) if _truthy(job.get("allow_failure")) else ()
        for key, value in job.items():
            sub: Unit = []
            flatten(value, marks, (key,), sub, (job_id,))
            unit.extend(Entry("/".join((*prefix, e.key)), e.value, e.line) for e in sub)
        yield unit


# ------------------------------------------------------------- Dockerfile


def dockerfile_unit(text: str) -> Unit:
    unit: Unit = []
    pending: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if not pending:
            start = number
        if stripped.startswith("#"):
            continue
        pending.append(stripped.removesuffix("\\"))
        if not stripped.endswith("\\"):
            instruction, _, args = " ".join(pending).partition(" ")
            args = args.strip()
            if args.startswith("["):  # exec form: match the command as it would run
                with contextlib.suppress(ValueError, TypeError):
                    args = " ".join(str(a) for a in json.loads(args))
            unit.append(Entry(instruction.upper(), args, start))
            pending = []
    return unit
