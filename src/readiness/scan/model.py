"""The shapes of the scan's results (the detector file format is :mod:`readiness.scan.detectorfile`).

Results are plain immutable tuples, so renderers and the comparison are pure
functions of them and identical inputs give byte-identical outputs.
"""

from __future__ import annotations

from typing import Any, NamedTuple

SCHEMA_VERSION = 1


class Evidence(NamedTuple):
    path: str
    line: int
    excerpt: str
    cell: int | None = None  # notebook code cell (1-based), when the line is inside one

    def location(self) -> str:
        return f"{self.path}:cell {self.cell}:{self.line}" if self.cell is not None else f"{self.path}:{self.line}"


class Finding(NamedTuple):
    field: str
    value: Any
    detector: str
    evidence: Evidence
    answers: bool = True
    contradicts: tuple = ()  # claimed values this finding rules out, unless another finding shows one of them
    contradicts_always: bool = False  # ... or even then


class Answer(NamedTuple):
    """What the scan drafts for one field, and the findings that decide it."""

    field: str
    value: Any
    findings: tuple[Finding, ...]


class NotFound(NamedTuple):
    field: str
    looked_for: tuple[str, ...]  # detector ids
    note: str


class Question(NamedTuple):
    field: str
    criterion: str
    severity: str
    weight: float
    text: str
    looked_for: bool  # a detector looked for it and found nothing (else only the team can answer)


class Skipped(NamedTuple):
    path: str
    reason: str


class ScanResult(NamedTuple):
    root: str  # the folder as given, for display only
    name: str  # a project name for the draft (pyproject or folder name)
    mode: str  # "git-index" or "walk"
    note: str
    files_considered: int
    findings: tuple[Finding, ...]
    answers: tuple[Answer, ...]
    conflicts: tuple[Answer, ...]  # fields whose findings disagree: left out of the draft
    not_found: tuple[NotFound, ...]
    questions: tuple[Question, ...]
    skipped: tuple[Skipped, ...]
    detectors: int
    fields_checked: tuple[str, ...]  # every field some detector looks at (answers or counter-evidence)

    def answer(self, field: str) -> Answer | None:
        return next((a for a in self.answers if a.field == field), None)
