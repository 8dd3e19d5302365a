"""The ``scan`` section of the report: each claim of the manifest against what the repository shows (``assess --scan``).

Plain data built from :func:`readiness.scan.compare`, so every format tells the same story. A claim no
detector looks at is listed as ``not_checked`` with a note, and never counts as observed: the scan has
nothing to say about it, which is neither support nor doubt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readiness.rubric.model import Rubric

if TYPE_CHECKING:
    from readiness.scan import ClaimCheck, ScanResult

NOTES = {
    "observed": "the repository shows at least the claimed level",
    "not_observed": "no trace in the repository, which is not proof of absence (it may live elsewhere)",
    "contradicted": "the repository shows something that rules the claim out",
    "not_checked": "no detector looks at this field",
}
LABELS = {"observed": "observed", "not_observed": "not observed", "contradicted": "contradicted", "not_checked": "not checked"}


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def section(result: ScanResult, checks: tuple[ClaimCheck, ...], rubric: Rubric, repository: str) -> dict:
    """``repository`` is the scanned folder as reports show it: relative to the manifest's folder, so runs from anywhere agree."""
    from readiness.scan import STATUSES

    titles = {c.spec.id: c.spec.title for c in rubric.criteria}
    claims = []
    for check in checks:
        evidence = sorted(
            {(f.evidence.path, f.evidence.line, f.evidence.cell or 0, f.evidence.excerpt, f.detector) for f in check.findings}
        )
        claims.append(
            {
                "criterion": check.criterion,
                "title": titles.get(check.criterion, check.criterion),
                "field": check.field,
                "claimed": _plain(check.claimed),
                "status": check.status,
                "note": NOTES[check.status],
                "evidence": [
                    {"path": p, "line": line, "cell": cell or None, "excerpt": excerpt, "detector": detector}
                    for p, line, cell, excerpt, detector in evidence
                ],
            }
        )
    return {
        "repository": repository,
        "mode": result.mode,
        "note": result.note,
        "files_considered": result.files_considered,
        "counts": {status: sum(1 for c in checks if c.status == status) for status in STATUSES},
        "claims": claims,
    }


def contradicted(scan: dict | None) -> list[str]:
    """The criteria whose claim the repository contradicts, in rubric order."""
    return [c["criterion"] for c in (scan or {}).get("claims", []) if c["status"] == "contradicted"]


def where(evidence: dict) -> str:
    return (
        f"{evidence['path']}:cell {evidence['cell']}:{evidence['line']}"
        if evidence.get("cell")
        else f"{evidence['path']}:{evidence['line']}"
    )
