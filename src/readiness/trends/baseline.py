"""Reading a JSON report back (``diff``, ``--baseline``): a file anyone may have edited, validated like a manifest.

A baseline is committed, copied between CI runs and sometimes edited by hand, so it gets the manifest's
treatment: a size limit (:data:`readiness.input.files.MAX_FILE_BYTES`), a nesting limit, no ``NaN`` or
``Infinity`` (not JSON, and they would poison every delta), no duplicate keys, no integer longer than
:data:`MAX_DIGITS` digits, and a pydantic model (:class:`Report`) for every field the comparison reads, with
bounds that keep its arithmetic finite. Each problem is one diagnostic naming the line and column where there is
one. Fields the comparison does not read are not checked, so reports of later minor versions still load.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, model_validator

from readiness.common.errors import Diagnostic, InputError
from readiness.input.files import display_name, read_text
from readiness.input.source import MAX_DEPTH, Document, parse
from readiness.scoring.engine import STATUSES

if TYPE_CHECKING:  # pydantic reads the runtime Literal; a type checker sees the type of its values
    Status = str
else:
    Status = Literal[STATUSES]

REPORT_SCHEMA_VERSION = 1
MAX_DIGITS = 30
MAX_WEIGHT = 1e6
HINT = "give a JSON report written by `readiness assess --format json`"

Text = Annotated[str, Strict(), Field(max_length=20_000)]
Score = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]
Weight = Annotated[float, Strict(), Field(ge=0, le=MAX_WEIGHT, allow_inf_nan=False)]
Credit = Annotated[float, Strict(), Field(ge=0, le=1, allow_inf_nan=False)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)


class Named(_Part):
    id: Text
    name: Text


class ProjectRef(_Part):
    name: Text


class RubricRef(_Part):
    id: Text
    version: Text


class PhaseRef(_Part):
    id: Text
    name: Text
    months: Text


class DimensionRow(Named):
    weight: Weight
    score: Score | None


class Blocker(_Part):
    id: Text


class CriterionRow(_Part):
    id: Text
    title: Text
    dimension: Text
    phase: Text
    severity: Text
    weight: Weight
    status: Status
    credit: Credit | None
    field: Text
    answer: Any
    expected: Text


class Report(_Part):
    """The fields of a JSON report (``schema_version`` 1) that ``diff`` and ``--baseline`` read."""

    schema_version: Annotated[int, Strict()]
    tool: dict[str, Any]
    manifest: Text | None
    project: ProjectRef
    rubric: RubricRef
    score: Score
    phase_reached: PhaseRef | None
    dimensions: list[DimensionRow]
    blockers: list[Blocker]
    roadmap: list[Named]
    criteria: list[CriterionRow]

    @model_validator(mode="after")
    def _consistent(self) -> Report:
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError(f"criterion '{next(i for i in ids if ids.count(i) > 1)}' is listed twice")
        dimensions = {d.id for d in self.dimensions}
        stray = next((c for c in self.criteria if c.dimension not in dimensions), None)
        if stray is not None:
            raise ValueError(f"criterion '{stray.id}' names dimension '{stray.dimension}', which is not in dimensions")
        missing = next((b.id for b in self.blockers if b.id not in set(ids)), None)
        if missing is not None:
            raise ValueError(f"blocker '{missing}' is not in criteria")
        if self.phase_reached is not None and self.phase_reached.id not in {p.id for p in self.roadmap}:
            raise ValueError("phase_reached names no phase of its roadmap")
        return self


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def load_report(path: str | Path) -> dict:
    """A JSON report from disk, checked so that the comparison never meets a KeyError, a NaN or an overflow."""
    from readiness.input.validation import validate

    name = display_name(path)
    text = read_text(path, what="report")
    doc = loads(text, name)
    if not isinstance(doc, dict):
        kind = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}.get(type(doc), "null")
        raise InputError(Diagnostic(name, f"not a readiness report: the top level is a JSON {kind}, not an object", 1, 1, HINT))
    version = doc.get("schema_version", REPORT_SCHEMA_VERSION)
    if type(version) is not int or version != REPORT_SCHEMA_VERSION:
        raise InputError(
            _located(text, name, doc).diagnostic(
                ("schema_version",),
                f"report schema_version {json.dumps(version)} is not supported (this readiness reads {REPORT_SCHEMA_VERSION})",
                "write both reports with the same major version of readiness, or diff the manifests instead",
            )
        )
    try:
        validate(Report, Document(name, doc))
    except InputError:
        validate(Report, _located(text, name, doc), data=doc)  # again, now with the position of every value
        raise
    return doc


def loads(text: str, name: str) -> Any:
    depth_problem = _too_deep(text)
    if depth_problem is not None:
        line, column = depth_problem
        raise InputError(Diagnostic(name, f"nesting deeper than {MAX_DEPTH} levels", line, column, "a report is only a few levels deep"))
    try:
        return json.loads(text, parse_constant=_no_constant, parse_int=_int, parse_float=_float, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise InputError(Diagnostic(name, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno, hint=HINT)) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(Diagnostic(name, f"not valid JSON: {exc}", hint=HINT)) from None


def _too_deep(text: str) -> tuple[int, int] | None:
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _position(text, match.start())
        elif token in "]}":
            depth -= 1
    return None


def _position(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _no_constant(value: str) -> Any:
    raise ValueError(f"{value} is not a JSON number")


def _int(value: str) -> int:
    if len(value.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"an integer of {len(value.lstrip('-'))} digits (at most {MAX_DIGITS})")
    return int(value)


def _float(value: str) -> float:
    number = float(value)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"{value[:40]} is out of range")
    return number


def _object(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [k for k, _ in pairs]
        duplicate = next(k for i, k in enumerate(keys) if k in keys[:i])
        raise ValueError(f"duplicate key {json.dumps(duplicate)}")
    return result


def _located(text: str, name: str, doc: Any) -> Document:
    """The report with the line and column of every value (JSON is YAML 1.2; a text YAML cannot read has none)."""
    try:
        located = parse(text, name)
    except InputError:
        return Document(name, doc)
    return located
