"""Repository scan: the repository itself as evidence for the manifest (issue 13).

Public API (pure functions except :func:`scan_repository`, which reads files):

* :func:`scan_repository` reads a folder, never running anything in it;
* :func:`render` turns a :class:`ScanResult` into ``yaml`` (a draft manifest),
  ``json``, ``markdown`` or ``text``;
* :func:`compare` checks a manifest's claims against the findings;
* :func:`verify_with_scan` lets an observed claim count as verified for ``--verify-evidence``.
"""

from readiness.scan.compare import STATUSES, ClaimCheck, compare, corroborated_evidence, verify_with_scan
from readiness.scan.engine import scan_repository
from readiness.scan.model import SCHEMA_VERSION, Answer, Evidence, Finding, NotFound, Question, ScanResult, Skipped
from readiness.scan.render import FORMATS, render

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "STATUSES",
    "Answer",
    "ClaimCheck",
    "Evidence",
    "Finding",
    "NotFound",
    "Question",
    "ScanResult",
    "Skipped",
    "compare",
    "corroborated_evidence",
    "render",
    "scan_repository",
    "verify_with_scan",
]
