"""Framework coverage across a portfolio (`readiness portfolio PATHS --framework ...`).

A worker reduces each project's coverage of a pack to one character per
requirement (:func:`requirement_codes`), as :class:`~readiness.portfolio.run.Result`
does for criteria; the report rebuilds light sections from those strings and
hands them to :func:`readiness.crosswalk.portfolio_frameworks`, so the rules
are the crosswalk's and nothing is counted twice.
"""

from __future__ import annotations

from readiness.crosswalk.coverage import NOT_APPLICABLE, NOT_COVERED, STATUSES, Coverage, figures_of
from readiness.crosswalk.section import portfolio_frameworks

CODES = {status: chr(ord("a") + i) for i, status in enumerate(STATUSES)}
_DECODE = {code: status for status, code in CODES.items()}
# Projects named per requirement in the JSON report; the counts are always complete.
GAP_PROJECTS = 10


def requirement_codes(result: Coverage) -> str:
    """One character per requirement, in pack order; a not-covered requirement out of scope reads as not applicable."""
    return "".join(CODES[r.status if r.in_scope or r.status == NOT_APPLICABLE else NOT_APPLICABLE] for r in result.results)


def _light_section(pack, codes: str) -> dict:
    statuses = [_DECODE[c] for c in codes]
    results = [_Row(status) for status in statuses]
    figures = figures_of(results)
    return {
        "id": pack.id,
        "name": pack.name,
        "edition": pack.edition,
        "figures": {"evidenced_percent": figures.evidenced_percent, "met_percent": figures.met_percent},
        "requirements": [{"id": r.id, "title": r.title, "status": s} for r, s in zip(pack.requirements, statuses, strict=True)],
    }


class _Row:
    """What :func:`figures_of` reads of a requirement result."""

    __slots__ = ("in_scope", "satisfiable", "status")

    def __init__(self, status: str) -> None:
        self.status = status
        self.in_scope = status != NOT_APPLICABLE
        self.satisfiable = False


def summaries(packs, results) -> list[dict]:
    """Per pack: the spread of the projects' figures and the requirements that are gaps in most projects first."""
    if not packs:
        return []
    sections = [(r.manifest, _light_section(pack, codes)) for r in results for pack, codes in zip(packs, r.frameworks, strict=True)]
    summaries = portfolio_frameworks(sections, project_limit=GAP_PROJECTS)
    by_id = {pack.id: pack for pack in packs}
    for summary in summaries:
        requirements = by_id[summary["id"]].requirements
        summary["requirements_total"] = len(requirements)
        summary["not_covered"] = sum(1 for row in summary["requirements"] if row[NOT_COVERED] == summary["projects"])
    return summaries
