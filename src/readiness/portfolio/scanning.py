"""``portfolio --scan``: each manifest's claims against the repository that holds it, as ``assess --scan`` does.

Manifests of one repository share its scan: a run scans each repository once per process (the cache is one
``dict`` per :func:`readiness.portfolio.run.assess_many` call, copied into each worker), so a monorepo of a
thousand manifests costs one scan, not a thousand. A repository is the enclosing git work tree, else the
manifest's folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.rubric.model import Rubric

if TYPE_CHECKING:
    from readiness.manifest.model import Manifest
    from readiness.scan import ClaimCheck, ScanResult


def claim_checks(manifest: Manifest, rubric: Rubric, folder: Path, scans: dict[Path, ScanResult]) -> tuple[tuple[ClaimCheck, ...], Path]:
    """The claim checks of one manifest and the repository root they were judged against."""
    from readiness.reports.location import repository_root
    from readiness.scan import compare, scan_repository

    folder = Path(os.path.abspath(folder))
    root = repository_root(folder) or folder
    result = scans.get(root)
    if result is None:
        result = scans[root] = scan_repository(root, rubric)
    return compare(manifest, rubric, result), root


def shown_root(root: Path, manifest_name: str) -> str:
    """The repository as reports show it: relative to the working folder when the manifest was named relatively."""
    shown = str(root) if os.path.isabs(manifest_name) else os.path.relpath(root)
    return shown.replace(os.sep, "/")


def summary(scanned: list, criteria: list) -> dict:
    """The portfolio's ``scan`` section from the assessed results that carry claim counts (:attr:`Result.scan`)."""
    from readiness.scan import STATUSES

    titles = {c.spec.id: c.spec.title for c in criteria}
    order = {c.spec.id: i for i, c in enumerate(criteria)}
    per_criterion: dict[str, int] = {}
    for result in scanned:
        for criterion in result.contradicted:
            per_criterion[criterion] = per_criterion.get(criterion, 0) + 1
    return {
        "repositories": len({r.repository for r in scanned}),
        "claims": {status: sum(r.scan[i] for r in scanned) for i, status in enumerate(STATUSES)},
        "projects_with_contradictions": sum(1 for r in scanned if r.contradicted),
        "most_contradicted": [
            {"id": criterion, "title": titles[criterion], "projects": projects}
            for criterion, projects in sorted(per_criterion.items(), key=lambda item: (-item[1], order[item[0]]))
        ],
    }


def counts(result) -> dict:
    from readiness.scan import STATUSES

    return dict(zip(STATUSES, result.scan, strict=True))
