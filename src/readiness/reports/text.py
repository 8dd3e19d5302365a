"""The terminal view: the score, the phase, the dimensions, the blockers, what to do next."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from readiness.common.text import counted
from readiness.reports.frameworks_text import render_frameworks
from readiness.reports.options import RenderOptions

NEXT_STEPS = 5
OPEN_MEANING = "Open: applicable criteria not yet met (partial, unmet, unverified or unanswered); each is a roadmap step."
_SEVERITY_STYLE = {"blocker": "bold red", "major": "yellow", "minor": "dim"}


def _score_style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 75 else "yellow" if score >= 50 else "red"


def _bar(score: float | None, width: int = 24) -> Text:
    if score is None:
        return Text("n/a", style="dim")
    filled = round(score / 100 * width)
    return Text("█" * filled, style=_score_style(score)) + Text("░" * (width - filled), style="dim")


def _number(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f}"


def make_console(options: RenderOptions, buffer: io.StringIO) -> Console:
    """A rich console writing into ``buffer``: colour only when asked, no markup or emoji from the data."""
    return Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )


def finish(buffer: io.StringIO, options: RenderOptions) -> str:
    """Plain output loses the padding rich leaves at line ends, so files and pipes diff cleanly."""
    text = buffer.getvalue()
    return text if options.color else "".join(line.rstrip() + "\n" for line in text.splitlines())


def render(doc: dict, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = make_console(options, buffer)
    names = {d["id"]: d["name"] for d in doc["dimensions"]}
    phase = doc["phase_reached"]
    header = Text()
    header.append(f"{doc['project']['name']}\n", style="bold")
    header.append("Readiness score ")
    header.append(f"{_number(doc['score'])}/100", style="bold " + _score_style(doc["score"]))
    header.append("   Phase reached ")
    header.append(f"{phase['name']} ({phase['months']})" if phase else "none (Prototype blockers or majors open)", style="bold")
    weakest = doc["weakest_dimension"]
    if weakest:
        header.append(f"\nWeakest dimension {weakest['name']} ({_number(weakest['score'])})")
    bottleneck = doc.get("bottleneck")
    header.append(
        f"\nBottleneck {bottleneck['name']} (holds back {bottleneck['phase']['name']})"
        if bottleneck
        else "\nBottleneck none: every phase is reached"
    )
    if doc.get("profiles"):
        header.append(f"\nProfiles {'; '.join(p['title'] for p in doc['profiles'])}")
    verification = doc.get("verification")
    if verification:
        header.append(
            f"\nClaimed {_number(verification['claimed_score'])} · verified by evidence {_number(verification['verified_score'])}"
        )
    header.append(f"\nRubric {doc['rubric']['id']} {doc['rubric']['version']}", style="dim")
    console.print(header)
    console.print()

    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("Dimension")
    table.add_column("Score", justify="right")
    table.add_column("")
    table.add_column("Met", justify="right")
    table.add_column("Open", justify="right")
    table.add_column("Unanswered", justify="right")
    for d in doc["dimensions"]:
        table.add_row(
            d["name"],
            _number(d["score"]),
            _bar(d["score"]),
            str(d["met"]),
            str(d["partial"] + d["unmet"] + d.get("unverified", 0) + d["unanswered"]),
            str(d["unanswered"]),
        )
    console.print(table)
    console.print(Text(OPEN_MEANING + " Unanswered: the open ones the manifest leaves blank.", style="dim"))
    console.print()

    blockers = doc["blockers"]
    console.print(Text(f"Failing blockers ({len(blockers)})", style="bold"))
    listing = Table.grid(padding=(0, 1))
    listing.add_column(width=3, justify="right")
    listing.add_column()
    for b in blockers:
        listing.add_row(Text("✗", style="red"), Text(b["title"]) + Text(f"  {b['id']} · {b['status']}", style="dim"))
    console.print(listing if blockers else Text("    none"))
    console.print()
    notes = [(f"unverified: {u['title']}", u["reason"]) for u in (verification or {}).get("unverified", [])]
    notes += [
        (f"waiver {w['state'].replace('_', ' ')}: {w['id']}", f"until {w['expires']}, {w['owner']}: {w['reason']}")
        for w in doc.get("waivers", [])
    ]
    if notes:
        listing = Table.grid(padding=(0, 1))
        listing.add_column(width=3, justify="right")
        listing.add_column()
        for title, detail in notes:
            listing.add_row(Text("!", style="yellow"), Text(title) + Text(f"  {detail}", style="dim"))
        console.print(listing)
        console.print()

    if bottleneck:
        console.print(Text(bottleneck["reason"]))
        console.print()
    _unanswered(console, doc, options.steps)
    overdue = [({"name": f"now, overdue ({s['phase_name']})"}, s) for s in doc.get("overdue", [])]
    every = overdue + [(p, s) for p in doc["roadmap"] for s in p["steps"]]
    steps = every if options.steps is None else every[: options.steps]
    horizon = doc.get("horizon") or {}
    if horizon.get("summary"):
        left_out = f" {counted(horizon['left_out'], 'step')} are left out." if horizon.get("left_out") else ""
        console.print(Text(horizon["summary"] + left_out))
        console.print()
    console.print(Text("Next steps", style="bold"))
    listing = Table.grid(padding=(0, 1))
    listing.add_column(width=3, justify="right")
    listing.add_column()
    for number, (phase_doc, step) in enumerate(steps, 1):
        body = Text(step["title"], style="bold")
        body.append(f"\n{phase_doc['name']} · {names[step['dimension']]} · ", style="dim")
        body.append(step["severity"], style=_SEVERITY_STYLE[step["severity"]])
        body.append(f" · effort {step['effort']} · +{counted(step['impact'], 'point')} · {step['id']}", style="dim")
        body.append(f"\n{step['remediation']}")
        listing.add_row(f"{number}.", body)
    console.print(listing if steps else Text("    nothing left: every applicable criterion is met"))
    _more(console, len(every) - len(steps), "step")
    if horizon.get("decision_point"):
        console.print()
        console.print(Text("Decision point", style="bold"))
        console.print(Text(horizon["decision_point"]))
    if doc.get("frameworks"):
        console.print()
        render_frameworks(console, doc)
    if doc.get("scan"):
        console.print()
        _scan(console, doc["scan"])

    gate = doc["gate"]
    if gate is not None:
        console.print()
        if gate["passed"]:
            console.print(Text("Gate passed", style="bold green"))
        else:
            for failure in gate["failures"]:
                console.print(Text(f"Gate failed: {failure}", style="bold red"))
    return finish(buffer, options)


_SCAN_MARK = {"observed": ("✓", "green"), "not_observed": ("?", "yellow"), "contradicted": ("✗", "bold red"), "not_checked": ("·", "dim")}


def _scan(console: Console, scan: dict) -> None:
    """Each claim against the repository, with the first file and line that decides it."""
    from readiness.reports.scan_section import LABELS, where

    counts = ", ".join(f"{scan['counts'][s]} {LABELS[s]}" for s in LABELS)
    console.print(
        Text("Evidence from the repository", style="bold") + Text(f"  {scan['repository']} ({scan['mode']}): {counts}", style="dim")
    )
    listing = Table.grid(padding=(0, 1))
    listing.add_column(width=3, justify="right")
    listing.add_column()
    for claim in scan["claims"]:
        mark, style = _SCAN_MARK[claim["status"]]
        body = Text(f"{claim['field']} = {claim['claimed']}") + Text(f"  {LABELS[claim['status']]}", style=style)
        if claim["status"] == "not_checked":
            body.append(": no detector looks at this field", style="dim")
        elif claim["evidence"]:
            first = claim["evidence"][0]
            more = f" (+{len(claim['evidence']) - 1} more)" if len(claim["evidence"]) > 1 else ""
            body.append(f"\n{where(first)}: {first['excerpt']}{more}", style="dim")
        listing.add_row(Text(mark, style=style), body)
    console.print(listing if scan["claims"] else Text("    no answered claim to compare"))


def _more(console: Console, left: int, what: str) -> None:
    if left > 0:
        console.print(Text(f"    {left} more {what if left == 1 else what + 's'}: --steps N or --all lists them", style="dim"))


def _unanswered(console: Console, doc: dict, limit: int | None) -> None:
    """The questions the manifest leaves blank, most roadmap points first, each with the field that answers it."""
    if not doc["unanswered"]:
        return
    points = {s["id"]: s["impact"] for p in doc["roadmap"] for s in p["steps"]}
    rows = sorted(doc["unanswered"], key=lambda u: -points.get(u["id"], 0))
    shown = rows if limit is None else rows[:limit]
    console.print(Text(f"Unanswered questions ({len(rows)}): the field to fill and the points it can add, most first", style="bold"))
    listing = Table.grid(padding=(0, 1))
    listing.add_column(width=3, justify="right")
    listing.add_column(justify="right")
    listing.add_column()
    for row in shown:
        listing.add_row(
            Text("?", style="yellow"),
            Text(f"+{points.get(row['id'], 0):g}", style="dim"),
            Text(row["field"], style="bold") + Text(f"  {row['title']}", style="dim"),
        )
    console.print(listing)
    _more(console, len(rows) - len(shown), "question")
    console.print()
