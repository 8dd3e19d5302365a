"""The framework section of a report, and what other outputs need from packs, as plain JSON-able data.

Every renderer (JSON, Markdown, HTML, text, SARIF, JUnit) and the portfolio
read these dictionaries, so the wording that keeps coverage from reading as
a compliance claim is written once, here. Everything is in pack order or
sorted, never in the order of a set or a dict built from input.
"""

from __future__ import annotations

from collections.abc import Iterable

from readiness.crosswalk.coverage import (
    GAP,
    MET,
    NOT_APPLICABLE,
    NOT_COVERED,
    PARTIAL,
    STATUSES,
    SUPPORTED,
    UNANSWERED,
    Coverage,
    Figures,
    coverage,
    figures_of,
)
from readiness.crosswalk.load import Pack, frameworks_folder
from readiness.manifest.model import Manifest
from readiness.rubric.model import Rubric
from readiness.scoring.engine import MET as CRITERION_MET
from readiness.scoring.engine import NOT_APPLICABLE as CRITERION_NOT_APPLICABLE
from readiness.scoring.engine import Assessment, round_score

STATUS_WORDS = {
    MET: "met",
    SUPPORTED: "supported: every practice the rubric checks for it is met",
    PARTIAL: "partly met",
    GAP: "gap",
    UNANSWERED: "unanswered",
    NOT_COVERED: "not covered by this rubric",
    NOT_APPLICABLE: "not applicable",
}

NOTICE = (
    "This is not a compliance assessment, a certification or legal advice. It shows what the criteria of rubric {rubric} "
    "say about the requirements of {name}, from the answers in the manifest: 'met' means the linked criteria are met as the "
    "team states them, not that an auditor would find the requirement fulfilled; 'supported' means every practice the rubric "
    "checks for a requirement is met, while the requirement asks for more. Requirements marked 'not covered' are ones "
    "this rubric says nothing about; they are counted and never treated as met."
)


def framework_section(pack: Pack, rubric: Rubric, assessment: Assessment, manifest: Manifest) -> dict:
    """The report section for one pack: figures, per-requirement statuses with their links, and the declared context."""
    return section_of(coverage(pack, rubric, assessment, manifest), rubric)


def section_of(result: Coverage, rubric: Rubric) -> dict:
    pack = result.pack
    titles = {c.spec.id: c.spec.title for c in rubric.criteria}
    bundled = _is_bundled(pack)
    requirements = [
        {
            "id": r.requirement.id,
            "title": r.requirement.title,
            "group": r.requirement.group,
            "status": r.status,
            "in_scope": r.in_scope,
            "open_criteria": sorted({lr.link.criterion for lr in r.links if lr.status not in (CRITERION_MET, CRITERION_NOT_APPLICABLE)}),
            "links": [
                {
                    "criterion": lr.link.criterion,
                    "criterion_title": titles[lr.link.criterion],
                    "relation": lr.link.relation,
                    "criterion_status": lr.status,
                    "rationale": lr.link.rationale,
                }
                for lr in r.links
            ],
            "inert_links": sorted(link.criterion for link in r.inert),
        }
        for r in result.results
    ]
    groups = [
        {
            "id": g.id,
            "name": g.name,
            "description": g.description,
            "figures": _figures(figures_of([r for r in result.results if r.requirement.group == g.id])),
        }
        for g in pack.groups
    ]
    return {
        "id": pack.id,
        "name": pack.name,
        "edition": pack.edition,
        "source": pack.source,
        "pack_version": pack.version,
        "bundled": bundled,
        "file": None if bundled else pack.file,
        "rubric": {"id": rubric.id, "version": rubric.version},
        "notice": NOTICE.format(rubric=rubric.id, name=pack.name),
        "declared": _declared(pack, result.declared),
        "figures": _figures(result.figures),
        "groups": groups,
        "requirements": requirements,
    }


def _is_bundled(pack: Pack) -> bool:
    from pathlib import Path

    try:
        return Path(pack.file).resolve().parent == frameworks_folder().resolve()
    except OSError:
        return False


def _figures(figures: Figures) -> dict:
    data = figures._asdict()
    data["addressed_percent"] = figures.addressed_percent
    data["satisfiable_percent"] = figures.satisfiable_percent
    data["met_percent"] = figures.met_percent
    data["evidenced"] = figures.evidenced
    data["evidenced_percent"] = figures.evidenced_percent
    return data


def _declared(pack: Pack, value) -> dict | None:
    declares = pack.declares
    if declares is None:
        return None
    text = None if value is None else getattr(value, "value", value)
    return {
        "field": ".".join(declares.path),
        "label": declares.label,
        "value": text,
        "statement": declares.unanswered if text is None else declares.values.get(text, f"The manifest declares {declares.label}: {text}."),
        "disclaimer": declares.disclaimer,
    }


# ---------------------------------------------------------------- for SARIF, JUnit and JSON rule metadata


def criterion_references(packs: Iterable[Pack], rubric: Rubric) -> dict[str, list[dict]]:
    """Per criterion of ``rubric``, the requirements it is linked to: ``{"framework", "requirement", "relation"}``, sorted."""
    in_rubric = {c.spec.id for c in rubric.criteria}
    references: dict[str, list[dict]] = {}
    for pack in sorted(packs, key=lambda p: p.id):
        order = {r.id: r.position for r in pack.requirements}
        for link in sorted(pack.links, key=lambda lk: (order[lk.requirement], lk.criterion)):
            if link.criterion in in_rubric:
                references.setdefault(link.criterion, []).append(
                    {"framework": pack.id, "requirement": link.requirement, "relation": link.relation}
                )
    return dict(sorted(references.items()))


def section_references(sections: Iterable[dict]) -> dict[str, list[dict]]:
    """:func:`criterion_references` from report sections (what a renderer has): the same shape and order."""
    references: dict[str, list[dict]] = {}
    for section in sorted(sections, key=lambda s: s["id"]):
        for requirement in section["requirements"]:
            for link in sorted(requirement["links"], key=lambda lk: lk["criterion"]):
                references.setdefault(link["criterion"], []).append(
                    {"framework": section["id"], "requirement": requirement["id"], "relation": link["relation"]}
                )
    return dict(sorted(references.items()))


def reference_tags(references: list[dict]) -> list[str]:
    """SARIF-style tags, ``<framework>:<requirement>`` (split on the first colon: OWASP ids contain one)."""
    return [f"{r['framework']}:{r['requirement']}" for r in references]


# ---------------------------------------------------------------- portfolio


def portfolio_frameworks(sections: Iterable[tuple[str, dict]], *, project_limit: int | None = None) -> list[dict]:
    """Across projects (``(project, section)`` pairs): per framework, the spread of coverage and the requirements
    that are gaps in most projects first.

    A section needs only ``id``, ``name``, ``edition``, ``figures`` and its requirements' ``id``, ``title`` and
    ``status``, so a portfolio of thousands can pass light ones. ``gap_projects`` names at most ``project_limit``
    projects per requirement (sorted); the ``gap`` count is always complete.
    """
    by_framework: dict[str, list[tuple[str, dict]]] = {}
    for project, section in sections:
        by_framework.setdefault(section["id"], []).append((project, section))
    summaries = []
    for framework_id in sorted(by_framework):
        entries = by_framework[framework_id]
        first = entries[0][1]
        order = {r["id"]: i for i, r in enumerate(first["requirements"])}
        tally: dict[str, dict] = {}
        for project, section in entries:
            for requirement in section["requirements"]:
                row = tally.setdefault(
                    requirement["id"],
                    {"id": requirement["id"], "title": requirement["title"], **dict.fromkeys(STATUSES, 0), "gap_projects": []},
                )
                row[requirement["status"]] += 1
                if requirement["status"] == GAP:
                    row["gap_projects"].append(project)
        rows = sorted(tally.values(), key=lambda row: (-row[GAP], -row[UNANSWERED], -row[PARTIAL], order.get(row["id"], len(order))))
        for row in rows:
            row["gap_projects"] = sorted(row["gap_projects"])[:project_limit]
        summaries.append(
            {
                "id": framework_id,
                "name": first["name"],
                "edition": first.get("edition"),
                "projects": len(entries),
                "evidenced_percent": _spread(s["figures"]["evidenced_percent"] for _, s in entries),
                "met_percent": _spread(s["figures"]["met_percent"] for _, s in entries),
                "requirements": rows,
            }
        )
    return summaries


def _spread(values: Iterable[float | None]) -> dict | None:
    """Minimum, median and maximum of the projects that have the figure (a project with nothing in scope has none)."""
    import statistics

    known = sorted(v for v in values if v is not None)
    if not known:
        return None
    return {"min": known[0], "median": round_score(statistics.median(known)), "max": known[-1], "projects": len(known)}
