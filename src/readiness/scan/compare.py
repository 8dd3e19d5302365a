"""Claims against the repository: observed, not observed, or contradicted (``assess --scan``).

Pure functions of the manifest, the rubric and a :class:`ScanResult`:

* **observed**: a finding shows at least the claimed level (or the claimed value);
* **not_observed**: claimed, and nothing in the repository shows it, which is
  not proof of absence (deployment may live in another repository);
* **contradicted**: a finding rules the claim out: its detector lists the
  claimed value under ``contradicts`` and no other finding shows one of the
  values it rules out (a hand-run deploy script contradicts ``ci_cd`` only
  when no workflow deploys), or the detector says ``contradicts_always``
  (a credential in code contradicts "never in code" whatever else is found);
* **not_checked**: no detector looks at the field (business value, most of
  organization), so the scan has nothing to say.

Criteria whose field the manifest leaves unanswered are not listed.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

from readiness.rubric.model import Rubric
from readiness.scan.decide import rank
from readiness.scan.model import Finding, ScanResult
from readiness.scoring.engine import answer_of, is_unanswered
from readiness.scoring.evidence import EvidenceCheck

if TYPE_CHECKING:
    from readiness.manifest.model import Manifest

OBSERVED, NOT_OBSERVED, CONTRADICTED, NOT_CHECKED = "observed", "not_observed", "contradicted", "not_checked"
STATUSES = (OBSERVED, NOT_OBSERVED, CONTRADICTED, NOT_CHECKED)


class ClaimCheck(NamedTuple):
    criterion: str
    field: str
    claimed: Any  # plain value (enum members as their string)
    status: str
    findings: tuple[Finding, ...]  # supporting ones when observed, contradicting ones when contradicted, lower ones when not observed


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def supports(field: str, found: Any, claimed: Any) -> bool:
    """Whether a finding's value shows at least the claimed answer."""
    found_rank, claimed_rank = rank(field, found), rank(field, claimed)
    if found_rank is not None and claimed_rank is not None:
        return found_rank >= claimed_rank
    return found == claimed


def _shown(field: str, values: tuple, found: list[Finding]) -> bool:
    """Whether some finding shows one of the values a contradiction rules out (then the contradiction is void)."""
    return any(f.answers and supports(field, f.value, v) for f in found for v in values)


def compare(manifest: Manifest, rubric: Rubric, result: ScanResult) -> tuple[ClaimCheck, ...]:
    """One check per rubric criterion whose field the manifest answers, in rubric order."""
    by_field: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_field.setdefault(finding.field, []).append(finding)
    checked = set(result.fields_checked)
    checks = []
    for criterion in rubric.criteria:
        path = criterion.tests[0].path
        field = ".".join(path)
        try:
            claimed = _plain(answer_of(manifest, path))
        except AttributeError:
            continue
        if is_unanswered(claimed):
            continue
        if field not in checked:
            checks.append(ClaimCheck(criterion.spec.id, field, claimed, NOT_CHECKED, ()))
            continue
        found = by_field.get(field, [])
        support = tuple(f for f in found if f.answers and supports(field, f.value, claimed))
        against = tuple(f for f in found if claimed in f.contradicts and (f.contradicts_always or not _shown(field, f.contradicts, found)))
        if any(f.contradicts_always for f in against):
            checks.append(ClaimCheck(criterion.spec.id, field, claimed, CONTRADICTED, tuple(f for f in against if f.contradicts_always)))
        elif support:
            checks.append(ClaimCheck(criterion.spec.id, field, claimed, OBSERVED, support))
        elif against:
            checks.append(ClaimCheck(criterion.spec.id, field, claimed, CONTRADICTED, against))
        else:
            checks.append(ClaimCheck(criterion.spec.id, field, claimed, NOT_OBSERVED, tuple(f for f in found if f.answers)))
    return tuple(checks)


def corroborated_evidence(checks: tuple[ClaimCheck, ...]) -> dict[str, tuple[str, ...]]:
    """Repository paths that prove each observed claim, keyed by criterion id (for ``--verify-evidence``)."""
    return {c.criterion: tuple(sorted({f.evidence.path for f in c.findings})) for c in checks if c.status == OBSERVED}


def verify_with_scan(check: EvidenceCheck, checks: tuple[ClaimCheck, ...]) -> EvidenceCheck:
    """An evidence check in which a claim the scan observed counts as verified.

    The hook for ``--verify-evidence --scan``: call it on the result of
    :func:`readiness.evidence.check` before scoring. A criterion stays
    unverified only if neither its listed evidence nor the scan shows it;
    a contradicted claim is never rescued.
    """
    observed = corroborated_evidence(checks)
    return check._replace(unverified=tuple(u for u in check.unverified if u.criterion not in observed))
