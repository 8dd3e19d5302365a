"""Evidence: checking that the files a manifest points to as proof exist.

Self-reported answers drift from reality; a CI workflow file, a monitoring
configuration or a runbook in the repository is harder to fake. With
``--verify-evidence`` every path or glob given under ``evidence:`` must match
at least one file inside the manifest's repository, or the claims it backs
earn no credit. URLs are recorded, never fetched. Paths may not leave the
repository: absolute paths, ``..`` that climbs out of it and symlinks that
resolve outside it are errors. ``**`` does not descend into symlinked folders,
and a pattern looks at no more than :data:`readiness.common.walk.MAX_ENTRIES`
entries; the manifest's own folder is taken literally (``app/[id]/``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from readiness.common import walk
from readiness.common.errors import InputError
from readiness.input.source import Document
from readiness.rubric.model import Rubric

if TYPE_CHECKING:
    from readiness.manifest.model import Manifest


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
    """Files matching ``ref`` from the literal folder ``base``: only the reference is a pattern (see :mod:`readiness.common.walk`)."""
    if os.path.isabs(ref) or ref.startswith("~"):
        raise InputError(document.diagnostic(at, f"evidence path '{ref}' is absolute", "give a path relative to the manifest's folder"))
    try:
        found = walk.glob(base, ref, root)
    except walk.Outside as exc:
        how = "resolves outside the repository through a symlink" if exc.through_link else "leaves the repository"
        raise InputError(document.diagnostic(at, f"evidence path '{ref}' {how}", f"evidence must be inside {root}")) from None
    except walk.Loop as exc:
        raise InputError(
            document.diagnostic(
                at, f"evidence path '{ref}' leads into a symlink loop ({Path(str(exc)).name})", "point at a file inside the repository"
            )
        ) from None
    except walk.TooMany:
        raise InputError(
            document.diagnostic(
                at,
                f"evidence path '{ref}' looks at more than {walk.MAX_ENTRIES} files and folders",
                "narrow the pattern to the folder that holds the evidence",
            )
        ) from None
    for path in found:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):  # Python 3.11 and 3.12 raise RuntimeError for a symlink loop
            raise InputError(
                document.diagnostic(
                    at, f"evidence path '{ref}' leads into a symlink loop ({path.name})", "point at a file inside the repository"
                )
            ) from None
        if not _inside(resolved, root):
            raise InputError(
                document.diagnostic(
                    at, f"evidence path '{ref}' resolves outside the repository through a symlink", "point at a file inside the repository"
                )
            )
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
    looked_up: dict[str, bool] = {}  # one walk per distinct reference, however often it is repeated
    for field, refs in manifest.evidence.items():
        for index, ref in enumerate(refs):
            if ref.startswith(URL_SCHEMES):
                references.append(Reference(field, ref, "url", True))
                continue
            if ref not in looked_up:
                looked_up[ref] = bool(_matches(ref, base, root, document, ("evidence", field, index)))
            found = looked_up[ref]
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
