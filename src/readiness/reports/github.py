"""GitHub Actions integration: workflow annotations, the job summary and the ``github`` report format.

Under ``GITHUB_ACTIONS=true`` annotations go to standard error, which the
runner reads for workflow commands as it does standard output, so a JSON
report on standard output stays valid JSON: failing blockers, failed gates,
and input errors (a bad manifest is annotated on its own line).

``--format github`` (as ruff and yamllint have) prints one workflow command
per criterion not met, at its manifest line: ``error`` for a blocker,
``warning`` for a major, ``notice`` for a minor; then one ``error`` per failed
gate. Paths are relative to the repository root, as the runner expects.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.common.errors import Diagnostic
from readiness.common.text import display
from readiness.reports.location import repository_path

if TYPE_CHECKING:
    from readiness.reports.options import RenderOptions

LEVELS = {"blocker": "error", "major": "warning", "minor": "notice"}
NOT_FINDINGS = ("met", "not_applicable", "waived")


def active(environ=os.environ) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(
    level: str, message: str, *, title: str | None = None, file: str | None = None, line: int | None = None, col: int | None = None
) -> str:
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


def workflow_annotations(report: dict, gate_failures: tuple[str, ...]) -> list[str]:
    """One error per failing blocker, at the manifest line that holds (or should hold) its answer, and one per failed gate."""
    by_id = {c["id"]: c for c in report["criteria"]}
    manifest = repository_path(report["manifest"])
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


def outputs(report: dict, passed: bool) -> dict[str, str]:
    """The step outputs the bundled action exposes: score, phase (id, or none), passed, bottleneck (id, when reported)."""
    bottleneck = report.get("bottleneck")
    if isinstance(bottleneck, dict):
        bottleneck = bottleneck.get("id") or bottleneck.get("name")
    return {
        "score": display(report["score"]),
        "phase": report["phase_reached"]["id"] if report.get("phase_reached") else "none",
        "passed": "true" if passed else "false",
        "bottleneck": "" if bottleneck is None else " ".join(str(bottleneck).split()),
    }


def write_outputs(report: dict, passed: bool, environ=os.environ) -> None:
    target = environ.get("GITHUB_OUTPUT")
    if not target:
        return
    with Path(target).open("a", encoding="utf-8") as handle:
        handle.writelines(f"{key}={value}\n" for key, value in outputs(report, passed).items())


def append_summary(markdown: str, environ=os.environ) -> None:
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    with Path(target).open("a", encoding="utf-8") as handle:
        handle.write(markdown if markdown.endswith("\n") else markdown + "\n")


def diagnostic_annotation(diagnostic: Diagnostic) -> str:
    """An input error as an ``::error`` on the file and line it names (stdin has no file to annotate)."""
    message = diagnostic.message + (f" (hint: {diagnostic.hint})" if diagnostic.hint else "")
    return command(
        "error", message, title="readiness input error", file=repository_path(diagnostic.file), line=diagnostic.line, col=diagnostic.column
    )


def _verdict(criterion: dict) -> str:
    if criterion["status"] == "unanswered":
        return f"not answered (set {criterion['field']})"
    if criterion["status"] == "unverified":
        return "claimed without evidence"
    verdict = "partially met" if criterion["status"] == "partial" else "not met"
    return f"{verdict} (answer: {display(criterion['answer'])}; expected: {criterion['expected']})"


def render(doc: dict, options: RenderOptions | None = None) -> str:
    manifest = repository_path(doc["manifest"])
    lines = []
    for criterion in doc["criteria"]:
        if criterion["status"] in NOT_FINDINGS:
            continue
        location = criterion["location"] or {}
        lines.append(
            command(
                LEVELS[criterion["severity"]],
                f"{criterion['title']}: {_verdict(criterion)}. {criterion['remediation']}",
                title=f"readiness {criterion['severity']} {criterion['id']}",
                file=manifest,
                line=location.get("line"),
                col=location.get("column"),
            )
        )
    for failure in (doc["gate"] or {}).get("failures", []):
        lines.append(command("error", failure, title="readiness gate failed", file=manifest))
    return "".join(line + "\n" for line in lines)
