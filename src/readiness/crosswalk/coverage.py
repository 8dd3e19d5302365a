"""Coverage of a framework pack: what the rubric's criteria, as assessed, show about each requirement.

Pure functions, no I/O. The rules are stated in ``docs/frameworks.md``; in
short, a requirement no criterion of the rubric links to is *not covered*
whatever the manifest says, ``contributes`` links can never make a
requirement met (at most *supported*: every practice the rubric checks for it
is met, which is less than the requirement), and waived or unverified
criteria count as not met.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

from readiness.crosswalk.load import Link, Pack, Requirement
from readiness.manifest.model import Manifest
from readiness.rubric.model import Rubric
from readiness.scoring.engine import MET as CRITERION_MET
from readiness.scoring.engine import NOT_APPLICABLE as CRITERION_NOT_APPLICABLE
from readiness.scoring.engine import PARTIAL as CRITERION_PARTIAL
from readiness.scoring.engine import UNANSWERED as CRITERION_UNANSWERED
from readiness.scoring.engine import Assessment, answer_of, applies, round_score

MET, SUPPORTED, PARTIAL, GAP = "met", "supported", "partial", "gap"
UNANSWERED, NOT_APPLICABLE, NOT_COVERED = "unanswered", "not_applicable", "not_covered"
STATUSES = (MET, SUPPORTED, PARTIAL, GAP, UNANSWERED, NOT_COVERED, NOT_APPLICABLE)
EVIDENCED = (MET, SUPPORTED)  # what the gate's figure counts


class LinkResult(NamedTuple):
    link: Link
    status: str  # the linked criterion's status in the assessment


class RequirementResult(NamedTuple):
    requirement: Requirement
    status: str
    in_scope: bool  # counts in the figures' denominator
    satisfiable: bool  # in scope with an applicable `satisfies` link: the only requirements that can be met
    links: tuple[LinkResult, ...]  # links to criteria of the rubric, in pack order
    inert: tuple[Link, ...]  # links to criteria the rubric does not have

    @property
    def id(self) -> str:
        return self.requirement.id


class Figures(NamedTuple):
    requirements: int
    in_scope: int
    addressed: int  # in scope, and some criterion of the rubric links to it
    met: int
    supported: int  # every applicable linked criterion met, but the links only contribute: the rubric checks part of the requirement
    partial: int
    gap: int
    unanswered: int
    not_covered: int  # in scope and not addressed
    not_applicable: int
    satisfiable: int  # in scope with an applicable `satisfies` link: the most that can be met with this rubric

    @property
    def addressed_percent(self) -> float | None:
        """The ceiling: the share of in-scope requirements this rubric can speak to at all."""
        return round_score(100 * self.addressed / self.in_scope) if self.in_scope else None

    @property
    def satisfiable_percent(self) -> float | None:
        """The ceiling of :attr:`met_percent` with this rubric and pack."""
        return round_score(100 * self.satisfiable / self.in_scope) if self.in_scope else None

    @property
    def met_percent(self) -> float | None:
        """The strict figure: met requirements over every in-scope one, not-covered ones included."""
        return round_score(100 * self.met / self.in_scope) if self.in_scope else None

    @property
    def evidenced(self) -> int:
        return self.met + self.supported

    @property
    def evidenced_percent(self) -> float | None:
        """The figure the gate reads: of the in-scope requirements the rubric addresses, the share met or supported.

        Not-covered requirements are outside its denominator (a project cannot
        act on them), so it must be read with :attr:`addressed_percent`; None
        when the rubric addresses nothing in scope.
        """
        return round_score(100 * self.evidenced / self.addressed) if self.addressed else None


class Coverage(NamedTuple):
    pack: Pack
    results: tuple[RequirementResult, ...]
    figures: Figures
    declared: Any  # the value of the pack's declared context field (an enum member), or None


def requirement_status(links: tuple[LinkResult, ...], applies_to_project: bool) -> tuple[str, bool]:
    """The status of one requirement from the statuses of its linked criteria, and whether it is in scope."""
    if not links:
        return NOT_COVERED, applies_to_project
    if not applies_to_project:
        return NOT_APPLICABLE, False
    applicable = [r for r in links if r.status != CRITERION_NOT_APPLICABLE]
    if not applicable:
        return NOT_APPLICABLE, False
    satisfying = [r for r in applicable if r.link.relation == "satisfies"]
    if satisfying and all(r.status == CRITERION_MET for r in satisfying):
        return MET, True
    if not satisfying and all(r.status == CRITERION_MET for r in applicable):
        return SUPPORTED, True
    if all(r.status == CRITERION_UNANSWERED for r in applicable):
        return UNANSWERED, True
    if any(r.status in (CRITERION_MET, CRITERION_PARTIAL) for r in applicable):
        return PARTIAL, True
    return GAP, True


def coverage(pack: Pack, rubric: Rubric, assessment: Assessment, manifest: Manifest) -> Coverage:
    """Per requirement of ``pack``, what ``assessment`` (of ``manifest`` against ``rubric``) shows."""
    status_of = {r.id: r.status for r in assessment.criteria}
    in_rubric = {c.spec.id for c in rubric.criteria}
    by_requirement: dict[str, list[Link]] = {}
    for link in pack.links:
        by_requirement.setdefault(link.requirement, []).append(link)
    results = []
    for requirement in pack.requirements:
        links = by_requirement.get(requirement.id, [])
        active = tuple(
            LinkResult(link, status_of.get(link.criterion, CRITERION_NOT_APPLICABLE)) for link in links if link.criterion in in_rubric
        )
        inert = tuple(link for link in links if link.criterion not in in_rubric)
        applies_to_project = requirement.applies is None or applies(requirement.applies, manifest)
        status, in_scope = requirement_status(active, applies_to_project)
        satisfiable = in_scope and any(r.link.relation == "satisfies" and r.status != CRITERION_NOT_APPLICABLE for r in active)
        results.append(RequirementResult(requirement, status, in_scope, satisfiable, active, inert))
    declared = answer_of(manifest, pack.declares.path) if pack.declares is not None else None
    return Coverage(pack, tuple(results), figures_of(results), declared)


class Counted(Protocol):
    """What :func:`figures_of` reads of a requirement result; a portfolio passes rows rebuilt from one character each."""

    @property
    def status(self) -> str: ...
    @property
    def in_scope(self) -> bool: ...
    @property
    def satisfiable(self) -> bool: ...


def figures_of(results: Sequence[Counted]) -> Figures:
    """Counts over in-scope requirements; ``requirements == in_scope + not_applicable`` and
    ``in_scope == met + supported + partial + gap + unanswered + not_covered``."""
    counts = dict.fromkeys(STATUSES, 0)
    for result in results:
        if result.in_scope:
            counts[result.status] += 1
    in_scope = sum(counts.values())
    return Figures(
        requirements=len(results),
        in_scope=in_scope,
        addressed=in_scope - counts[NOT_COVERED],
        met=counts[MET],
        supported=counts[SUPPORTED],
        partial=counts[PARTIAL],
        gap=counts[GAP],
        unanswered=counts[UNANSWERED],
        not_covered=counts[NOT_COVERED],
        not_applicable=len(results) - in_scope,
        satisfiable=sum(1 for r in results if r.satisfiable),
    )
