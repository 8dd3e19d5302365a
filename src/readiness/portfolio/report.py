"""The portfolio report: one document, many renderers, as for a single manifest.

:func:`document` turns a :class:`~readiness.portfolio.Portfolio` into plain,
ordered data; the JSON report is exactly that data and the Markdown, HTML and
terminal views render it, so no format can tell a different story. Its lists
with a row per project are :class:`~readiness.common.rows.Rows`, made as a
renderer reads them. The layout
is versioned by ``schema_version`` and documented in ``docs/portfolio.md``.

Every ordering has a complete tie-break down to the manifest path, so the
same files always give byte-identical reports.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable

from readiness import __version__
from readiness.common.rows import Rows
from readiness.portfolio.run import STATUS_CODES, Portfolio, Result
from readiness.portfolio.scanning import counts
from readiness.reports.charts import SCORE_BANDS
from readiness.reports.document import plain
from readiness.scoring.engine import NOT_APPLICABLE, OPEN, STATUSES, WAIVED, round_score

SCHEMA_VERSION = 1
BANDS = SCORE_BANDS
_SEVERITY_ORDER = {"blocker": 0, "major": 1, "minor": 2}
# Statuses counted per criterion in ``most_unmet``: every way of not being met, and waivers.
_NOT_MET = tuple(s for s in STATUSES if s in OPEN or s == WAIVED)


def document(portfolio: Portfolio) -> dict:
    spec = portfolio.rubric.spec
    assessed = portfolio.assessed
    ranked = _ranked(portfolio)
    doc = {
        "schema_version": SCHEMA_VERSION,
        "kind": "portfolio",
        "tool": {"name": "readiness", "version": __version__},
        "rubric": {"id": spec.id, "version": spec.version, "title": spec.title, "aggregation": spec.aggregation},
        "totals": _totals(portfolio),
        "verification": _verification(portfolio),
        "phases": _phases(portfolio),
        "dimensions": [
            {"id": d.id, "name": d.name, "weight": plain(d.weight), "mean": _mean(r.dimensions[i] for r in assessed)}
            for i, d in enumerate(spec.dimensions)
        ],
        "bands": [{"id": name, "min": minimum} for name, minimum in BANDS],
        "ranking": Rows(ranked, _ranking_entries(portfolio)),
        "heat_map": Rows(ranked, _heat_row),
        "most_unmet": _most_unmet(portfolio),
        "blockers": _blockers(ranked, portfolio),
        "errors": Rows(portfolio.errors, lambda r: {"manifest": r.manifest, "error": r.error}),
        "frameworks": _frameworks(portfolio),
    }
    if portfolio.scanned:  # only under --scan, so that other reports stay as they were
        from readiness.portfolio.scanning import summary

        criteria = {c.spec.id: c.spec.title for c in portfolio.rubric.criteria}
        doc["scan"] = summary([r for r in assessed if r.repository is not None], list(portfolio.rubric.criteria))
        doc["contradictions"] = Rows(
            [r for _, r in ranked if r.contradicted],
            lambda r: {
                "manifest": r.manifest,
                "project": r.project,
                "repository": r.repository,
                "criteria": [{"id": c, "title": criteria[c]} for c in r.contradicted],
            },
        )
    return doc


def _heat_row(entry: tuple[int, Result]) -> dict:
    result = entry[1]
    return {"manifest": result.manifest, "project": result.project, "scores": [plain(s) for s in result.dimensions]}


def _frameworks(portfolio: Portfolio) -> list[dict]:
    """Coverage per framework across projects; the crosswalk is imported only by runs with --framework."""
    if not portfolio.frameworks:
        return []
    from readiness.portfolio.frameworks import summaries

    return summaries(portfolio.frameworks, portfolio.assessed)


def _mean(values) -> float | int | None:
    scored = [v for v in values if v is not None]
    return plain(round_score(math.fsum(scored) / len(scored))) if scored else None


def _totals(portfolio: Portfolio) -> dict:
    assessed = portfolio.assessed
    scores = [r.score for r in assessed if r.score is not None]  # every assessed result has one
    return {
        "manifests": len(portfolio.results),
        "assessed": len(assessed),
        "errors": len(portfolio.errors),
        "with_blockers": sum(1 for r in assessed if r.blockers),
        "mean_score": _mean(scores),
        "median_score": plain(round_score(statistics.median(scores))) if scores else None,
    }


def _verification(portfolio: Portfolio) -> dict | None:
    """Under --verify-evidence: what the projects claimed against what their evidence supports."""
    if not portfolio.verified:
        return None
    assessed = portfolio.assessed
    return {
        "claimed_mean_score": _mean(r.claimed_score for r in assessed),
        "verified_mean_score": _mean(r.score for r in assessed),
        "projects_with_unverified_claims": sum(1 for r in assessed if r.unverified),
        "unverified_claims": sum(r.unverified for r in assessed),
    }


def _phases(portfolio: Portfolio) -> list[dict]:
    """Projects per phase reached, "none yet" first, so the list reads as a funnel."""
    reached = [r.phase for r in portfolio.assessed]
    phases = [{"id": None, "name": "None yet", "months": None}]
    phases += [{"id": p.id, "name": p.name, "months": p.months} for p in portfolio.rubric.spec.phases]
    return [{**p, "projects": reached.count(p["id"])} for p in phases]


def _phase_ranks(portfolio: Portfolio) -> dict[str | None, int]:
    return {None: -1} | {p.id: i for i, p in enumerate(portfolio.rubric.spec.phases)}


def _ranked(portfolio: Portfolio) -> list[tuple[int, Result]]:
    """Best first: score, then phase reached, then project name and path; equal score and phase share a rank."""
    phase_rank = _phase_ranks(portfolio)
    order = sorted(
        portfolio.assessed,
        key=lambda r: (-(r.score or 0.0), -phase_rank[r.phase], (r.project or "").casefold(), r.project or "", r.manifest),
    )
    ranked, previous, rank = [], None, 0
    for position, result in enumerate(order, 1):
        standing = (result.score, result.phase)
        if standing != previous:
            rank, previous = position, standing
        ranked.append((rank, result))
    return ranked


def _ranking_entries(portfolio: Portfolio) -> Callable[[tuple[int, Result]], dict]:
    """The ranking row of one (rank, result); what every row looks up in the rubric is looked up once here."""
    dimensions = portfolio.rubric.spec.dimensions
    position: dict[str | None, int] = {d.id: i for i, d in enumerate(dimensions)}
    names = {d.id: d.name for d in dimensions}
    phases: dict[str | None, tuple] = {p.id: (p.id, p.name, p.months) for p in portfolio.rubric.spec.phases}
    open_codes = [STATUS_CODES[s] for s in OPEN]

    def entry(ranked: tuple[int, Result]) -> dict:
        rank, result = ranked
        weakest = position.get(result.weakest)  # None when the result has none
        phase = phases.get(result.phase)
        return {
            "rank": rank,
            "manifest": result.manifest,
            "project": result.project,
            "owner": result.owner,
            "score": plain(result.score),
            "claimed_score": plain(result.claimed_score),
            "unverified": result.unverified,
            "phase_reached": None if phase is None else {"id": phase[0], "name": phase[1], "months": phase[2]},
            "weakest_dimension": None
            if weakest is None
            else {"id": dimensions[weakest].id, "name": dimensions[weakest].name, "score": plain(result.dimensions[weakest])},
            "bottleneck": None if result.bottleneck is None else {"id": result.bottleneck, "name": names[result.bottleneck]},
            "blockers": len(result.blockers),
            "open": sum(result.statuses.count(code) for code in open_codes),
            **({"scan": counts(result)} if portfolio.scanned else {}),
        }

    return entry


def _most_unmet(portfolio: Portfolio) -> list[dict]:
    """Criteria left open by the most projects: where one shared investment unblocks the most pilots.

    Blockers before majors before minors (an open blocker stops a pilot, an open minor does not), then most projects
    first, then rubric order.
    """
    assessed = portfolio.assessed
    names = {d.id: d.name for d in portfolio.rubric.spec.dimensions}
    # One string per criterion with every project's status code: counting is then str.count.
    columns = ["".join(column) for column in zip(*(r.statuses for r in assessed), strict=True)]
    ranked = []
    for index, (criterion, column) in enumerate(zip(portfolio.rubric.criteria, columns, strict=False)):
        counts = {status: column.count(STATUS_CODES[status]) for status in _NOT_MET}
        projects = sum(counts[s] for s in OPEN)
        if projects:
            ranked.append(((_SEVERITY_ORDER.get(criterion.spec.severity, 3), -projects, index), criterion.spec, projects, column, counts))
    return [
        {
            "id": spec.id,
            "title": spec.title,
            "dimension": spec.dimension,
            "dimension_name": names[spec.dimension],
            "phase": spec.phase,
            "severity": spec.severity,
            "projects": projects,
            "share": plain(round(projects / len(assessed), 3)),
            "applicable": len(column) - column.count(STATUS_CODES[NOT_APPLICABLE]),
            "statuses": counts,
        }
        for _, spec, projects, column, counts in sorted(ranked, key=lambda entry: entry[0])
    ]


def _blockers(ranked: list[tuple[int, Result]], portfolio: Portfolio) -> Rows:
    criteria = {c.spec.id: (i, c.spec.title) for i, c in enumerate(portfolio.rubric.criteria)}
    return Rows(
        [r for _, r in ranked if r.blockers],
        lambda r: {
            "manifest": r.manifest,
            "project": r.project,
            "blockers": [{"id": b, "title": criteria[b][1], "status": r.status(criteria[b][0])} for b in r.blockers],
        },
    )
