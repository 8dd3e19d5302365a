"""Evidence: checking that the files a manifest points to as proof exist.

Self-reported answers drift from reality; a CI workflow file, a monitoring
configuration or a runbook in the repository is harder to fake. With
``--verify-evidence`` every path or glob given under ``evidence:`` must match
at least one file inside the manifest's repository, or the claims it backs
earn no credit. URLs are recorded, never fetched. Paths may not leave the
repository: absolute paths, ``..`` that climbs out of it and symlinks that
resolve outside it are errors.
"""

import glob
import os
from pathlib import Path
from typing import NamedTuple

from readiness.common.errors import InputError
from readiness.input.source import Document
from readiness.manifest.model import Manifest
from readiness.rubric.model import Rubric

URL_SCHEMES = ("http://", "https://")


class Reference(NamedTuple):
    field: str
    ref: str
    kind: str  # path or url
    found: bool


class Unverified(NamedTuple):
    criterion: str
    field: str
    reason: str
    missing: tuple[str, ...]


class EvidenceCheck(NamedTuple):
    root: str
    references: tuple[Reference, ...]
    unverified: tuple[Unverified, ...]

    @property
    def unverified_ids(self) -> frozenset[str]:
        return frozenset(u.criterion for u in self.unverified)


def repository_root(folder: Path) -> Path:
    """The enclosing git work tree, or the manifest's own folder outside one."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _matches(ref: str, base: Path, root: Path, document: Document, at: tuple) -> list[Path]:
    if os.path.isabs(ref) or ref.startswith("~"):
        raise InputError(document.diagnostic(at, f"evidence path '{ref}' is absolute", "give a path relative to the manifest's folder"))
    pattern = os.path.normpath(os.path.join(base, ref))
    if not _inside(Path(pattern), root):
        raise InputError(document.diagnostic(at, f"evidence path '{ref}' leaves the repository", f"evidence must be inside {root}"))
    found = sorted(Path(p) for p in glob.glob(pattern, recursive=True))
    for path in found:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):  # Python 3.11 and 3.12 raise RuntimeError for a symlink loop
            raise InputError(document.diagnostic(at, f"evidence path '{ref}' leads into a symlink loop ({path.name})",
                                                 "point at a file inside the repository")) from None
        if not _inside(resolved, root):
            raise InputError(document.diagnostic(at, f"evidence path '{ref}' resolves outside the repository through a symlink",
                                                 "point at a file inside the repository"))
    return [p for p in found if p.is_file()]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def check(manifest: Manifest, document: Document, rubric: Rubric, manifest_folder: Path) -> EvidenceCheck:
    base = manifest_folder.resolve()
    root = repository_root(base)
    references: list[Reference] = []
    missing_by_field: dict[str, list[str]] = {}
    for field, refs in manifest.evidence.items():
        for index, ref in enumerate(refs):
            if ref.startswith(URL_SCHEMES):
                references.append(Reference(field, ref, "url", True))
                continue
            found = bool(_matches(ref, base, root, document, ("evidence", field, index)))
            references.append(Reference(field, ref, "path", found))
            if not found:
                missing_by_field.setdefault(field, []).append(ref)
    evidenced = set(manifest.evidence)
    unverified = []
    for criterion in rubric.criteria:
        field = ".".join(criterion.tests[0].path)
        if field in missing_by_field:
            missing = tuple(missing_by_field[field])
            unverified.append(Unverified(criterion.spec.id, field, f"evidence not found: {', '.join(missing)}", missing))
        elif criterion.spec.evidence_required and field not in evidenced:
            unverified.append(Unverified(criterion.spec.id, field, "the rubric requires evidence and none is given", ()))
    return EvidenceCheck(str(root), tuple(references), tuple(unverified))
