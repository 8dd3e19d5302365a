"""The terminal view of the framework sections (``--framework``): figures, then requirement ids by status.

Every line keeps the report's promise not to claim compliance: the pack's
notice and, for packs that declare a context fact (the EU AI Act tier), the
declared value and the statement that readiness does not decide it.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

# Most actionable first; the words are the ones docs/frameworks.md defines.
ORDER = (
    ("gap", "Gap"),
    ("unanswered", "Unanswered"),
    ("partial", "Partly met"),
    ("supported", "Supported"),
    ("met", "Met"),
    ("not_covered", "Not covered by this rubric"),
    ("not_applicable", "Not applicable"),
)
_STYLE = {"gap": "red", "unanswered": "yellow", "partial": "yellow", "supported": "green", "met": "green"}


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}%"


def figures_line(figures: dict) -> str:
    """One sentence with the gate's figure and what it leaves out, shared by every line-oriented format."""
    if figures["in_scope"] == 0:
        return "No requirement of this framework applies to the project, as its manifest describes it."
    return (
        f"Evidenced {_percent(figures['evidenced_percent'])} of the {figures['addressed']} requirements the rubric addresses "
        f"({figures['met']} met, {figures['supported']} supported); the rubric addresses {figures['addressed']} of "
        f"{figures['in_scope']} in-scope requirements ({_percent(figures['addressed_percent'])}), "
        f"{figures['not_covered']} not covered; strictly met {_percent(figures['met_percent'])} of all in scope."
    )


def render_frameworks(console: Console, doc: dict) -> None:
    sections = doc.get("frameworks") or []
    if not sections:
        return
    console.print(Text("Frameworks: what the rubric's criteria show (not a compliance assessment)", style="bold"))
    for section in sections:
        console.print()
        console.print(Text(f"{section['name']} ", style="bold") + Text(f"{section['id']} · {section['edition']}", style="dim"))
        console.print(Text(figures_line(section["figures"]), style=""), soft_wrap=False)
        declared = section["declared"]
        if declared is not None:
            console.print(
                Text(f"{declared['label']}: {declared['value'] or 'not declared'}. {declared['statement']} {declared['disclaimer']}")
            )
        by_status: dict[str, list[str]] = {}
        for requirement in section["requirements"]:
            by_status.setdefault(shown_status(requirement), []).append(requirement["id"])
        for status, label in ORDER:
            ids = by_status.get(status)
            if ids:
                console.print(Text(f"  {label} ({len(ids)})", style=_STYLE.get(status, "dim")))
                for line in wrap_ids(ids, console.width - 4):
                    console.print(Text(f"    {line}"), no_wrap=True, overflow="ignore")
        console.print(Text(section["notice"], style="dim"))


def shown_status(requirement: dict) -> str:
    """A not-covered requirement the project is out of scope for is listed as not applicable, as the figures count it."""
    return requirement["status"] if requirement["in_scope"] or requirement["status"] == "not_applicable" else "not_applicable"


def wrap_ids(ids: list[str], width: int) -> list[str]:
    """Comma-separated lines that break between identifiers, never inside one ("Art. 14(1)" has a space)."""
    lines: list[str] = []
    current = ""
    for index, identifier in enumerate(ids):
        item = identifier + ("," if index < len(ids) - 1 else "")
        if current and len(current) + 1 + len(item) > width:
            lines.append(current)
            current = item
        else:
            current = f"{current} {item}" if current else item
    if current:
        lines.append(current)
    return lines
