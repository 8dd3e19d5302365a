"""GitHub Actions integration: workflow annotations and the job summary.

Annotations go to standard error, which the runner reads for workflow
commands as it does standard output, so a JSON report on standard output
stays valid JSON.
"""

from __future__ import annotations

import os
from pathlib import Path


def active(environ=os.environ) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, *, title: str | None = None, file: str | None = None, line: int | None = None,
            col: int | None = None) -> str:
    properties = []
    if file:
        properties.append(f"file={_escape_property(file)}")
    if line is not None:
        properties.append(f"line={line}")
    if col is not None:
        properties.append(f"col={col}")
    if title:
        properties.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(properties)}::{_escape_data(message)}" if properties else f"::{level}::{_escape_data(message)}"


def annotations(report: dict, gate_failures: tuple[str, ...]) -> list[str]:
    """One error per failing blocker, at the manifest line that holds (or should hold) its answer, and one per failed gate."""
    by_id = {c["id"]: c for c in report["criteria"]}
    manifest = report["manifest"] if report["manifest"] not in (None, "<stdin>") else None
    lines = []
    for blocker in report["blockers"]:
        location = by_id[blocker["id"]]["location"] or {}
        lines.append(
            command(
                "error",
                f"{blocker['title']} ({blocker['status']}). {blocker['remediation']}",
                title=f"readiness blocker {blocker['id']}",
                file=manifest,
                line=location.get("line"),
                col=location.get("column"),
            )
        )
    for failure in gate_failures:
        lines.append(command("error", failure, title="readiness gate failed", file=manifest))
    return lines


def append_summary(markdown: str, environ=os.environ) -> None:
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    with Path(target).open("a", encoding="utf-8") as handle:
        handle.write(markdown if markdown.endswith("\n") else markdown + "\n")
