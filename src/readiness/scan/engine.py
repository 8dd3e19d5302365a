"""One pass over a repository: list, choose detectors per path, read each candidate once, keep only findings.

Texts are dropped as soon as their file is matched, so memory holds the
findings (capped per detector) and the listing, never the repository.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from readiness.common.errors import UsageError
from readiness.rubric.model import Rubric
from readiness.scan import decide, files, gitindex
from readiness.scan.catalog import Catalog, default_catalog
from readiness.scan.match import clean_path, scan_text
from readiness.scan.model import Finding, ScanResult, Skipped

MAX_FINDINGS_PER_DETECTOR = 25
_NAME = re.compile(r'(?m)^\s*name\s*=\s*["\']([^"\'\n]{1,200})["\']')


def _root(path: str | os.PathLike) -> str:
    root = os.fspath(path)
    if not os.path.exists(root):
        raise UsageError(f"no such folder: {clean_path(root)}", "give the path of the repository to scan")
    if not os.path.isdir(root):
        raise UsageError(f"not a folder: {clean_path(root)}", "readiness scan reads a repository folder, not a file")
    if not os.access(root, os.R_OK | os.X_OK):
        raise UsageError(f"folder not readable: {clean_path(root)}", "check its permissions")
    return root


def _project_name(root: str, budget: files.Budget, skipped: list[Skipped]) -> str:
    """The name in pyproject.toml's [project] table (read as text, never built), else the folder's name."""
    text = files.read(root, "pyproject.toml", 64 * 1024, budget, []) if os.path.lexists(os.path.join(root, "pyproject.toml")) else None
    if text is not None:
        section = text.text.partition("[project]")[2].split("\n[", 1)[0]
        found = _NAME.search(section)
        if found:
            return clean_path(found.group(1).strip()) or "project"
    name = Path(os.path.abspath(root)).name
    return clean_path(name)[:200] or "project"


def scan_repository(path: str | os.PathLike, rubric: Rubric | None = None, catalog: Catalog | None = None) -> ScanResult:
    """Scan a repository folder without running anything in it; see docs/scan.md.

    ``rubric`` orders the questions left for the team (none without one).
    Raises :class:`readiness.errors.UsageError` for a missing path or a file.
    """
    root = _root(path)
    catalog = catalog or default_catalog()
    skipped: list[Skipped] = []
    budget = files.Budget()
    tracked, note = gitindex.tracked_files(root)
    if tracked is not None:
        mode, listing = "git-index", files.tracked(root, tracked, skipped)
    else:
        mode, listing = "walk", files.walk(root, skipped)
        note = f"{note}: walked the folder" if note and "walked" not in note else (note or "walked the folder")
    findings: list[Finding] = []
    per_detector: dict[str, int] = {}
    considered = 0
    for rel in listing:
        groups = catalog.select(rel)
        if not groups:
            continue
        considered += 1
        limit = files.MAX_NOTEBOOK_BYTES if rel.endswith(".ipynb") else files.MAX_FILE_BYTES
        text = files.read(root, rel, limit, budget, skipped)
        if text is None:
            continue
        for finding in scan_text(rel, text.text, groups, catalog, skipped):
            count = per_detector.get(finding.detector, 0)
            if count < MAX_FINDINGS_PER_DETECTOR:
                findings.append(finding)
            per_detector[finding.detector] = count + 1
    findings.sort(key=lambda f: (f.field, f.detector, f.evidence.path, f.evidence.cell or 0, f.evidence.line))
    answers, conflicts = decide.decide(findings)
    decided = {a.field for a in answers} | {c.field for c in conflicts}
    looked_for = catalog.by_field()
    missing = decide.not_found(looked_for, findings, {a.field for a in answers} | {c.field for c in conflicts})
    questions = decide.questions(rubric, decided, set(looked_for))
    name = _project_name(root, budget, skipped)
    unique_skips = sorted({(clean_path(s.path), s.reason) for s in skipped})
    return ScanResult(
        clean_path(root),
        name,
        mode,
        note,
        considered,
        tuple(findings),
        tuple(answers),
        tuple(conflicts),
        tuple(missing),
        tuple(questions),
        tuple(Skipped(p, r) for p, r in unique_skips),
        len(catalog.detectors),
        tuple(sorted({d.spec.field for d in catalog.detectors})),
    )
