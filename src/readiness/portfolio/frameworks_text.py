"""The terminal view of coverage per framework across a portfolio: the spread, then the most frequent gaps."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

GAP_ROWS = 5


def _percent(value) -> str:
    return "n/a" if value is None else f"{value:g}%"


def render_frameworks(console: Console, doc: dict) -> None:
    if not doc.get("frameworks"):
        return
    console.print()
    console.print(Text("Coverage per framework (what the rubric's criteria show; not a compliance assessment)", style="bold"))
    for f in doc["frameworks"]:
        spread = f["evidenced_percent"]
        line = Text(f"{f['name']} ", style="bold") + Text(f"{f['id']}", style="dim")
        if spread is None:
            line.append(f"\n  nothing the rubric addresses applies to any of the {f['projects']} projects")
        else:
            line.append(
                f"\n  evidenced (met or supported, of addressed) across {spread['projects']} projects: lowest {_percent(spread['min'])}, "
                f"median {_percent(spread['median'])}, highest {_percent(spread['max'])}; "
                f"not covered by this rubric: {f['not_covered']} of {f['requirements_total']} requirements"
            )
        console.print(line)
        gaps = [r for r in f["requirements"] if r["gap"]][:GAP_ROWS]
        if gaps:
            table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
            table.add_column("  Gap in most projects", overflow="fold")
            table.add_column("Gap", justify="right")
            table.add_column("Unanswered", justify="right")
            for r in gaps:
                table.add_row(
                    Text(f"  {r['id']}") + Text(f"  {r['title']}", style="dim"), f"{r['gap']} of {f['projects']}", str(r["unanswered"])
                )
            console.print(table)
