"""The terminal view of a portfolio: totals, the top of the ranking with a heat strip, what most projects leave open.

A terminal cannot show ten thousand rows usefully, so this view shows the
best and the worst projects and says where the full ranking is (the
Markdown, HTML and JSON reports list every project).
"""

from __future__ import annotations

import io
from typing import Literal

from rich.table import Table
from rich.text import Text

from readiness.common.text import counted
from readiness.portfolio.frameworks_text import render_frameworks
from readiness.reports.options import RenderOptions
from readiness.reports.text import finish, make_console

RANKING_ROWS = 10
CRITERIA_ROWS = 10
_BAND_STYLE: dict[str | None, tuple[str, str]] = {
    "high": ("██", "green"),
    "fair": ("▓▓", "yellow"),
    "low": ("▒▒", "dark_orange"),
    "critical": ("░░", "red"),
}


def _number(value) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _band(doc: dict, score) -> str | None:
    if score is None:
        return None
    return next(b["id"] for b in doc["bands"] if score >= b["min"])


def _strip(doc: dict, scores: list) -> Text:
    """One two-character cell per dimension: the heat map row in the width of a column."""
    strip = Text()
    for index, score in enumerate(scores):
        symbol, style = _BAND_STYLE.get(_band(doc, score), ("··", "dim"))
        strip.append(" " if index else "")
        strip.append(symbol, style=style)
    return strip


def _header(doc: dict) -> Text:
    totals = doc["totals"]
    header = Text()
    header.append("AI production readiness portfolio\n", style="bold")
    header.append(f"{counted(totals['manifests'], 'manifest')}: {totals['assessed']} assessed, ")
    header.append(f"{totals['errors']} could not be assessed", style="bold red" if totals["errors"] else "")
    header.append(f"\nMean score {_number(totals['mean_score'])}   Median {_number(totals['median_score'])}   ")
    header.append(f"With failing blockers {totals['with_blockers']}")
    verification = doc.get("verification")
    if verification:
        header.append(
            f"\nEvidence checked: mean score claimed {_number(verification['claimed_mean_score'])}, "
            f"verified {_number(verification['verified_mean_score'])}; "
            f"{counted(verification['projects_with_unverified_claims'], 'project')} with unverified claims"
        )
    header.append(f"\nRubric {doc['rubric']['id']} {doc['rubric']['version']}", style="dim")
    return header


def _phases(doc: dict) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold", title_justify="left")
    table.add_column("Phase reached")
    for phase in doc["phases"]:
        table.add_column(phase["name"], justify="right")
    table.add_row("Projects", *(str(p["projects"]) for p in doc["phases"]))
    return table


def _ranking(doc: dict) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    justify: Literal["left", "right"]
    for name, justify in (
        ("#", "right"),
        ("Project", "left"),
        ("Score", "right"),
        ("Phase", "left"),
        ("Blockers", "right"),
        ("Heat", "left"),
    ):
        table.add_column(name, justify=justify, overflow="fold" if name == "Project" else "ellipsis")
    count = len(doc["ranking"])
    shown: list[int | None] = (
        list(range(count)) if count <= 2 * RANKING_ROWS else [*range(RANKING_ROWS), None, *range(count - RANKING_ROWS, count)]
    )
    for index in shown:  # None marks the rows left out
        if index is None:
            table.add_row("", Text(f"… {count - 2 * RANKING_ROWS} more", style="dim"), "", "", "", "")
            continue
        entry, heat = doc["ranking"][index], doc["heat_map"][index]
        phase = entry["phase_reached"]["name"] if entry["phase_reached"] else "none yet"
        table.add_row(
            str(entry["rank"]), entry["project"], _number(entry["score"]), phase, str(entry["blockers"]), _strip(doc, heat["scores"])
        )
    return table


def _legend(doc: dict) -> Text:
    legend = Text("Heat: one cell per dimension, in order: " + ", ".join(d["name"] for d in doc["dimensions"]) + ".\n", style="dim")
    upper = None
    for band in doc["bands"]:
        symbol, style = _BAND_STYLE[band["id"]]
        legend.append(symbol, style=style)
        legend.append(f" {band['min']}–{upper}  " if upper is not None else f" ≥{band['min']}  ", style="dim")
        upper = band["min"]
    legend.append("·· n/a", style="dim")
    return legend


def _most_unmet(doc: dict) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("Criterion", overflow="fold")
    table.add_column("Severity")
    table.add_column("Projects", justify="right")
    table.add_column("Share", justify="right")
    assessed = doc["totals"]["assessed"]
    for c in doc["most_unmet"][:CRITERIA_ROWS]:
        table.add_row(
            Text(c["title"]) + Text(f"  {c['id']}", style="dim"),
            c["severity"],
            f"{c['projects']} of {assessed}",
            f"{round(c['share'] * 100)} %",
        )
    return table


def _scan(doc: dict) -> Text:
    """Under --scan: the claims per status, then the projects whose repository contradicts a claim (the first few)."""
    scan, claims = doc["scan"], doc["scan"]["claims"]
    text = Text("Evidence from the repositories", style="bold")
    repositories = scan["repositories"]
    text.append(
        f"\n    {repositories} repositor{'y' if repositories == 1 else 'ies'} scanned: {claims['observed']} claims observed, {claims['not_observed']} not observed, "
        f"{claims['contradicted']} contradicted, {claims['not_checked']} not checked"
    )
    contradictions = doc["contradictions"]
    for entry in contradictions[:CRITERIA_ROWS]:
        text.append(f"\n    {entry['project']}: ")
        text.append(", ".join(c["id"] for c in entry["criteria"]), style="red")
        text.append(f"  {entry['manifest']}", style="dim")
    if len(contradictions) > CRITERIA_ROWS:
        text.append(f"\n    … {len(contradictions) - CRITERIA_ROWS} more projects with a contradicted claim", style="dim")
    return text


def render(doc: dict, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = make_console(options, buffer)
    console.print(_header(doc))
    console.print()
    console.print(_phases(doc))
    console.print()
    if doc["ranking"]:
        console.print(_ranking(doc))
        console.print(_legend(doc))
        console.print()
    console.print(Text("Most often unmet: where a shared investment unblocks the most pilots", style="bold"))
    console.print(_most_unmet(doc) if doc["most_unmet"] else Text("    none"))
    render_frameworks(console, doc)
    if "scan" in doc:
        console.print()
        console.print(_scan(doc))
    for error in doc["errors"]:
        console.print()
        console.print(Text(error["error"], style="red"))
    return finish(buffer, options)
