"""The draft manifest: only what the repository shows, each answer with its evidence, then the team's questions.

Written as text (not dumped) so that every answer can carry its evidence as a
comment. Values and paths are quoted as JSON strings, which YAML reads as
double-quoted scalars; paths are glob-escaped because ``evidence:`` entries
are globs for ``--verify-evidence``.
"""

from __future__ import annotations

import glob
import json
from typing import Any

from readiness.manifest.plain import answer_table, section_order
from readiness.scan.decide import accepts
from readiness.scan.model import Answer, ScanResult

EVIDENCE_COMMENTS = 3


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return json.dumps(str(value), ensure_ascii=False)


def _comments(answer: Answer, indent: str) -> list[str]:
    lines = []
    for finding in answer.findings[:EVIDENCE_COMMENTS]:
        lines.append(f"{indent}# evidence: {finding.evidence.location()}  {finding.evidence.excerpt}".rstrip())
    if len(answer.findings) > EVIDENCE_COMMENTS:
        lines.append(f"{indent}# ... and {len(answer.findings) - EVIDENCE_COMMENTS} more (readiness scan --format json)")
    return lines


def draft(result: ScanResult) -> str:
    accepted = [a for a in result.answers if accepts(a.field, a.value)]
    unknown = [a for a in result.answers if not accepts(a.field, a.value)]
    by_section: dict[str, list[Answer]] = {}
    for answer in accepted:
        by_section.setdefault(answer.field.partition(".")[0], []).append(answer)
    out = [
        f"# Draft manifest written by `readiness scan` ({result.note}).",
        "# It holds only what the repository shows; each answer names the file and line that decide it.",
        "# Review every answer, then answer the questions at the end.",
        "version: 1",
        "project:",
        f"  name: {_scalar(result.name)}  # from pyproject.toml or the folder name",
    ]
    order = {field: index for index, field in enumerate(answer_table())}
    for section in section_order():
        answers = by_section.get(section, [])
        if not answers:
            continue
        if section != "project":
            out.append(f"{section}:")
        for answer in sorted(answers, key=lambda a: order.get(a.field, len(order))):
            out.extend(_comments(answer, "  "))
            out.append(f"  {answer.field.partition('.')[2]}: {_scalar(answer.value)}")
    if accepted:
        out.append("evidence:")
        for answer in sorted(accepted, key=lambda a: a.field):
            out.append(f"  {answer.field}:")
            for path in sorted({f.evidence.path for f in answer.findings}):
                out.append(f"    - {_scalar(glob.escape(path))}")
    if result.conflicts:
        out.append("")
        out.append("# Findings that disagree, left for the team to decide:")
        for conflict in result.conflicts:
            values = sorted({_scalar(f.value) for f in conflict.findings})
            out.append(f"#   {conflict.field}: {' vs '.join(values)}")
            out.extend(f"#     {f.value!s}: {f.evidence.location()}  {f.evidence.excerpt}" for f in conflict.findings[:4])
    if unknown:
        out.append("")
        out.append("# Found, but not a field this manifest version accepts (kept out of the draft):")
        for answer in unknown:
            first = answer.findings[0].evidence
            out.append(f"#   {answer.field}: {_scalar(answer.value)}  ({first.location()}  {first.excerpt})")
    if result.questions:
        out.append("")
        out.append("# Questions only the team can answer, by roadmap impact (phase, severity, weight):")
        for q in result.questions:
            where = "looked for in the repository, not found" if q.looked_for else "not visible in code"
            out.append(f"#   {q.field} ({q.severity}, weight {q.weight:g}; {where}): {q.text}")
    return "\n".join(out) + "\n"
