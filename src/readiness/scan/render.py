"""Scan results as text: the YAML draft, the JSON findings (docs/scan.md), and summaries for people.

Every renderer is a pure function of the :class:`ScanResult`; nothing is
sorted by time or memory address, so one result renders byte-identically.
"""

from __future__ import annotations

import json
from typing import Any

from readiness.common.errors import UsageError
from readiness.scan.decide import accepts
from readiness.scan.draft import draft
from readiness.scan.model import SCHEMA_VERSION, Finding, ScanResult

FORMATS = ("yaml", "json", "markdown", "text")
LISTED_SKIPS = 20


def _evidence(finding: Finding) -> dict[str, Any]:
    e = finding.evidence
    data: dict[str, Any] = {"path": e.path, "line": e.line}
    if e.cell is not None:
        data["cell"] = e.cell
    data["excerpt"] = e.excerpt
    return data


def as_data(result: ScanResult) -> dict[str, Any]:
    """The JSON document, as plain data (schema in docs/scan.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "root": result.root,
        "project": result.name,
        "mode": result.mode,
        "note": result.note,
        "files_considered": result.files_considered,
        "detectors": result.detectors,
        "answers": [
            {
                "field": a.field,
                "value": a.value,
                "in_manifest_model": accepts(a.field, a.value),
                "detectors": sorted({f.detector for f in a.findings}),
            }
            for a in result.answers
        ],
        "conflicts": [
            {
                "field": c.field,
                "values": sorted({json.dumps(f.value) for f in c.findings}),
                "detectors": sorted({f.detector for f in c.findings}),
            }
            for c in result.conflicts
        ],
        "findings": [
            {
                "field": f.field,
                "value": f.value,
                "detector": f.detector,
                "answers": f.answers,
                "contradicts": list(f.contradicts),
                "evidence": _evidence(f),
            }
            for f in result.findings
        ],
        "not_found": [{"field": n.field, "looked_for": list(n.looked_for), "note": n.note} for n in result.not_found],
        "questions": [
            {
                "field": q.field,
                "criterion": q.criterion,
                "severity": q.severity,
                "weight": q.weight,
                "looked_for": q.looked_for,
                "question": q.text,
            }
            for q in result.questions
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
    }


def _json(result: ScanResult) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"


def _value(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) or value is None else str(value)


def _markdown(result: ScanResult) -> str:
    out = [
        f"# Repository scan: {result.name}",
        "",
        f"{result.note}. {result.files_considered} candidate files, {result.detectors} detectors.",
        "",
    ]
    out += ["## What the repository shows", ""]
    if result.answers:
        out += ["| Field | Answer | Evidence |", "| --- | --- | --- |"]
        for a in result.answers:
            e = a.findings[0].evidence
            more = f" (+{len(a.findings) - 1})" if len(a.findings) > 1 else ""
            excerpt = e.excerpt.replace("|", "\\|").replace("`", "'")
            out.append(f"| `{a.field}` | {_value(a.value)} | `{e.location()}` {excerpt}{more} |")
    else:
        out.append("Nothing the detectors look for was found.")
    if result.conflicts:
        out += ["", "## Findings that disagree", ""]
        out += [f"- `{c.field}`: " + ", ".join(sorted({_value(f.value) for f in c.findings})) for c in result.conflicts]
    counter = [f for f in result.findings if not f.answers]
    if counter:
        out += ["", "## Counter-evidence", ""]
        out += [
            f"- `{f.field}` rules out {', '.join(map(_value, f.contradicts))}: `{f.evidence.location()}` {f.evidence.excerpt}"
            for f in counter
        ]
    out += ["", "## Looked for, not found", ""]
    out += [f"- `{n.field}`: {n.note}" for n in result.not_found] or ["- nothing"]
    if result.questions:
        out += ["", "## Questions for the team (by roadmap impact)", ""]
        out += [f"{i}. `{q.field}` ({q.severity}): {q.text}" for i, q in enumerate(result.questions, 1)]
    out += ["", f"## Skipped files ({len(result.skipped)})", ""]
    out += [f"- `{s.path}`: {s.reason}" for s in result.skipped[:LISTED_SKIPS]] or ["- none"]
    if len(result.skipped) > LISTED_SKIPS:
        out.append(f"- ... and {len(result.skipped) - LISTED_SKIPS} more (see --format json)")
    return "\n".join(out) + "\n"


def _text(result: ScanResult) -> str:
    counts = f"{result.files_considered} candidate files, {len(result.findings)} findings, {len(result.answers)} answers"
    out = [f"Scan of {result.name}: {result.note}", f"{counts}, {len(result.skipped)} skipped", ""]
    width = max((len(a.field) for a in result.answers), default=0)
    for a in result.answers:
        out.append(f"  {a.field.ljust(width)}  {_value(a.value)}  ({a.findings[0].evidence.location()})")
    for c in result.conflicts:
        out.append(f"  {c.field.ljust(width)}  conflicting: {', '.join(sorted({_value(f.value) for f in c.findings}))}")
    for f in (f for f in result.findings if not f.answers):
        out.append(f"  {f.field.ljust(width)}  counter-evidence ({f.detector}) at {f.evidence.location()}")
    out += ["", f"Not found ({len(result.not_found)}): " + ", ".join(n.field for n in result.not_found)]
    if result.questions:
        out.append(f"Questions for the team: {len(result.questions)} (first: {result.questions[0].field})")
    for s in result.skipped[:LISTED_SKIPS]:
        out.append(f"skipped {s.path}: {s.reason}")
    if len(result.skipped) > LISTED_SKIPS:
        out.append(f"skipped ... and {len(result.skipped) - LISTED_SKIPS} more")
    return "\n".join(out) + "\n"


_RENDERERS = {"yaml": draft, "json": _json, "markdown": _markdown, "text": _text}


def render(result: ScanResult, format: str) -> str:
    try:
        return _RENDERERS[format](result)
    except KeyError:
        raise UsageError(f"unknown scan format '{format}'", f"use one of: {', '.join(FORMATS)}") from None
