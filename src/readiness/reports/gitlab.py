"""GitLab Code Quality: every criterion not met as a finding on the manifest line that answers it.

GitLab shows a Code Quality report (``artifacts: reports: codequality``) in the merge request's widget and, on
paid tiers, inline in the diff. The format is a JSON array of findings, each with a ``description``, a
``check_name`` (the criterion id), a ``fingerprint`` that stays the same when lines move (criterion id and path),
a ``severity`` and a ``location`` (path relative to the repository root, line). Rubric severities map onto
GitLab's by name: blocker, major, minor. Waived and not applicable criteria are not findings.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from readiness.common.text import display
from readiness.reports.location import repository_path

if TYPE_CHECKING:
    from readiness.reports.options import RenderOptions

SEVERITIES = {"blocker": "blocker", "major": "major", "minor": "minor"}
NOT_FINDINGS = ("met", "not_applicable", "waived")
_VERDICTS = {"partial": "partially met", "unmet": "not met", "unanswered": "not answered", "unverified": "claimed without evidence"}


def findings(doc: dict) -> list[dict]:
    path = repository_path(doc["manifest"]) or "-"
    result = []
    for criterion in doc["criteria"]:
        if criterion["status"] in NOT_FINDINGS:
            continue
        answer = "" if criterion["answer"] is None else f" (answer: {display(criterion['answer'])}; expected: {criterion['expected']})"
        location = criterion["location"] or {}
        result.append(
            {
                "description": f"{criterion['title']}: {_VERDICTS[criterion['status']]}{answer}. {criterion['remediation']}",
                "check_name": criterion["id"],
                "fingerprint": hashlib.sha256(f"{criterion['id']}\0{path}".encode()).hexdigest(),
                "severity": SEVERITIES[criterion["severity"]],
                "location": {"path": path, "lines": {"begin": location.get("line", 1)}},
                "categories": ["readiness", criterion["dimension"]],
            }
        )
    return result


def render(doc: dict, options: RenderOptions | None = None) -> str:
    return json.dumps(findings(doc), indent=2, ensure_ascii=False) + "\n"
