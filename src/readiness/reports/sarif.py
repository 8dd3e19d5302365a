"""SARIF 2.1.0: every criterion the manifest does not meet, as a finding on the manifest line that answers it.

Code scanning (GitHub, and other SARIF viewers) then annotates the manifest
itself: the reviewer of a pull request sees "Data drift is detected
automatically: partially met" on the ``drift_detection`` line, with the fix.

- Each rubric criterion is a rule (id = criterion id): its title, rationale
  (``fullDescription``) and remediation (``help``), with its severity, phase
  and dimension as properties.
- Each applicable criterion that is not met (partial, unmet, unanswered,
  unverified) is a result, at the line and column of its answer in the
  manifest (or, for a missing answer, of the nearest enclosing key, where the
  answer belongs). The level follows the criterion's severity: blocker =
  error, major = warning, minor = note. A waived criterion is a result too,
  carrying the waiver as an accepted external suppression, so viewers list it
  as suppressed rather than hide that it is open.
- With ``--framework``, a rule linked to framework requirements carries them
  as ``properties.frameworks`` (``{framework, requirement, relation}``) and as
  tags ``<framework>:<requirement>`` (e.g. ``nist-ai-rmf:MEASURE 2.7``), so
  code scanning can filter findings by requirement; the run's properties
  carry each framework's figures.
- The manifest path is written as given, relative to ``%SRCROOT%`` (the
  checkout), so the annotation lands on the file in the repository.
- The manifest path is written relative to the root of its git repository
  (``%SRCROOT%``), wherever the tool ran from, so the annotation lands on the
  file in the repository; a manifest read from stdin has no file, and its
  results carry the answer's field as a logical location instead.
- Each result has a ``partialFingerprints`` entry (rule id and manifest path,
  not the line), so code scanning tracks one alert per criterion across
  edits that move lines.
- With ``assess --scan``, each claim the repository contradicts is a result too (level ``error``, property
  ``scan: contradicted``) on the manifest line of the claim, with the repository's evidence as related
  locations (relative to ``%SRCROOT%`` like the manifest) and its own fingerprint, so it is tracked apart
  from the criterion's score finding.
- ``informationUri`` and each rule's ``helpUri`` come from the package's
  ``Project-URL`` metadata (``Homepage``, ``Documentation``) when it declares
  them; ``help.markdown`` holds the remediation, the rationale and the check.

Text from the manifest goes into plain-text messages, where SARIF reads
``[text](target)`` as a link; brackets and backslashes are escaped so it stays text.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from readiness.common.text import one_line, shorten
from readiness.reports.document import source_names
from readiness.reports.location import repository_path

if TYPE_CHECKING:
    from readiness.reports.options import RenderOptions

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"blocker": "error", "major": "warning", "minor": "note"}
NOT_FINDINGS = ("met", "not_applicable")


def _plain(value) -> str:
    """Message text that SARIF viewers show literally: no embedded links, one line, bounded length."""
    text = shorten(one_line(value), 160)
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def artifact_location(manifest: str) -> dict:
    """The manifest as a SARIF artifact: relative to the repository root (``%SRCROOT%``), else a file: URI."""
    path = repository_path(manifest) or manifest
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        absolute = PureWindowsPath(path) if PureWindowsPath(path).drive else PurePosixPath(path)
        return {"uri": absolute.as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


@lru_cache(maxsize=1)
def project_urls() -> dict[str, str]:
    """The package's declared ``Project-URL`` entries by lower-cased label; empty when none are declared."""
    from importlib import metadata

    try:
        entries = metadata.metadata("readiness").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return {}
    return {label.strip().lower(): url.strip() for label, _, url in (e.partition(",") for e in entries)}


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


def _help_markdown(criterion: dict, sources: list[str]) -> str:
    return (
        f"**How to meet it:** {_md(criterion['remediation'])}\n\n"
        f"**Why it matters:** {_md(criterion['rationale'])}\n\n"
        + (f"**Sources:** {_md('; '.join(sources))}\n\n" if sources else "")
        + f"**Checked:** `{criterion['field']}` {_md(criterion['expected'])}. "
        f"Severity {criterion['severity']}, phase {criterion['phase']}, effort {criterion['effort']}."
    )


def _rule(criterion: dict, references: list[dict] | None = None, sources: tuple[str, ...] | list[str] = ()) -> dict:
    rule = {
        "id": criterion["id"],
        "shortDescription": {"text": criterion["title"]},
        "fullDescription": {"text": criterion["rationale"]},
        "help": {"text": criterion["remediation"], "markdown": _help_markdown(criterion, list(sources))},
        **({"helpUri": f"{project_urls()['documentation']}#{criterion['id']}"} if "documentation" in project_urls() else {}),
        "defaultConfiguration": {"level": LEVELS[criterion["severity"]]},
        "properties": {
            "severity": criterion["severity"],
            "phase": criterion["phase"],
            "dimension": criterion["dimension"],
            "effort": criterion["effort"],
            "weight": criterion["weight"],
            "field": criterion["field"],
            "sources": criterion["sources"],
            "tags": ["readiness", criterion["dimension"], criterion["phase"], criterion["severity"]],
        },
    }
    if references:
        rule["properties"]["frameworks"] = references
        rule["properties"]["tags"] += [f"{r['framework']}:{r['requirement']}" for r in references]  # crosswalk.reference_tags
    return rule


def _references(sections: list[dict]) -> dict[str, list[dict]]:
    """Per criterion, its framework links; the crosswalk is imported only when the report has framework sections."""
    if not sections:
        return {}
    from readiness.crosswalk.section import section_references

    return section_references(sections)


def _frameworks(sections: list[dict]) -> list[dict]:
    keys = ("evidenced_percent", "met_percent", "addressed", "in_scope", "met", "supported", "partial", "gap", "unanswered", "not_covered")
    return [{"id": s["id"], "name": s["name"], "edition": s["edition"], **{k: s["figures"][k] for k in keys}} for s in sections]


def _finding(doc: dict, criterion: dict) -> str:
    if criterion["status"] == "unanswered":
        return f"the manifest does not answer {criterion['field']}"
    if criterion["status"] == "unverified":
        reasons = {u["id"]: u["reason"] for u in (doc.get("verification") or {}).get("unverified", [])}
        return f"claimed but not verified ({_plain(reasons.get(criterion['id'], 'its evidence is missing'))})"
    if criterion["status"] == "waived":
        return f"waived (answer: {_plain(criterion['answer'])}; expected: {_plain(criterion['expected'])})"
    verdict = "partially met" if criterion["status"] == "partial" else "not met"
    return f"{verdict} (answer: {_plain(criterion['answer'])}; expected: {_plain(criterion['expected'])})"


def _suppression(doc: dict, criterion: dict) -> dict:
    waiver = next((w for w in doc.get("waivers", []) if w["id"] == criterion["id"] and w["state"] == "active"), None)
    if waiver is None:
        return {"kind": "external", "status": "accepted"}
    return {
        "kind": "external",
        "status": "accepted",
        "justification": f"{waiver['reason']} (owner {waiver['owner']}, expires {waiver['expires']})",
    }


def _result(doc: dict, criterion: dict, index: int) -> dict:
    result = {
        "ruleId": criterion["id"],
        "ruleIndex": index,
        "level": LEVELS[criterion["severity"]],
        "message": {"text": f"{_plain(criterion['title'])}: {_finding(doc, criterion)}. {_plain(criterion['remediation'])}"},
    }
    path = repository_path(doc["manifest"])
    if path is not None:
        physical: dict = {"artifactLocation": artifact_location(doc["manifest"])}
        if criterion["location"] is not None:
            physical["region"] = {"startLine": criterion["location"]["line"], "startColumn": criterion["location"]["column"]}
        result["locations"] = [{"physicalLocation": physical}]
    else:
        result["locations"] = [{"logicalLocations": [{"fullyQualifiedName": criterion["field"], "kind": "member"}]}]
    fingerprint = hashlib.sha256(f"{criterion['id']}\0{path or ''}".encode()).hexdigest()
    result["partialFingerprints"] = {"readinessCriterion/v1": fingerprint}
    if criterion["status"] == "waived":
        result["suppressions"] = [_suppression(doc, criterion)]
    result["properties"] = {
        "status": criterion["status"],
        "credit": criterion["credit"],
        "phase": criterion["phase"],
        "dimension": criterion["dimension"],
    }
    return result


def _evidence_uri(doc: dict, path: str) -> dict:
    """A scanned file's location: the scan names it relative to the scanned folder, which the report names relative to the manifest's."""
    import posixpath

    manifest = repository_path(doc["manifest"])
    folder = posixpath.dirname(manifest) if manifest is not None and not posixpath.isabs(manifest) else ""
    joined = posixpath.normpath(posixpath.join(folder, doc["scan"]["repository"], path))
    if joined.startswith("../"):
        return {"uri": quote(joined, safe="/")}
    return {"uri": quote(joined, safe="/"), "uriBaseId": "%SRCROOT%"}


def _contradiction(doc: dict, claim: dict, criteria: list[dict]) -> dict:
    index = next(i for i, c in enumerate(criteria) if c["id"] == claim["criterion"])
    criterion = criteria[index]
    from readiness.reports.scan_section import where

    found = "; ".join(f"{where(e)}: {e['excerpt']}" for e in claim["evidence"][:3])
    result = {
        "ruleId": claim["criterion"],
        "ruleIndex": index,
        "level": "error",
        "message": {
            "text": f"{_plain(criterion['title'])}: the manifest claims {_plain(claim['field'])} = {_plain(claim['claimed'])}, "
            f"and the repository contradicts it ({_plain(found)})."
        },
    }
    located = _result(doc, criterion, index)["locations"]
    result["locations"] = located
    result["relatedLocations"] = [
        {
            "id": n,
            "physicalLocation": {"artifactLocation": _evidence_uri(doc, e["path"]), "region": {"startLine": e["line"]}},
            "message": {"text": _plain(f"{e['detector']}: {e['excerpt']}")},
        }
        for n, e in enumerate(claim["evidence"], 1)
    ]
    fingerprint = hashlib.sha256(f"{claim['criterion']}\0{repository_path(doc['manifest']) or ''}\0contradicted".encode()).hexdigest()
    result["partialFingerprints"] = {"readinessContradiction/v1": fingerprint}
    result["properties"] = {
        "scan": "contradicted",
        "field": claim["field"],
        "phase": criterion["phase"],
        "dimension": criterion["dimension"],
    }
    return result


def log(doc: dict) -> dict:
    criteria = doc["criteria"]
    sections = doc.get("frameworks") or []
    references = _references(sections)
    run_properties = {
        "project": doc["project"]["name"],
        "score": doc["score"],
        "phaseReached": None if doc["phase_reached"] is None else doc["phase_reached"]["id"],
        "bottleneck": None if not doc.get("bottleneck") else doc["bottleneck"]["id"],
        "bottleneckReason": None if not doc.get("bottleneck") else doc["bottleneck"]["reason"],
        "rubric": f"{doc['rubric']['id']} {doc['rubric']['version']}",
    }
    if sections:
        run_properties["frameworks"] = _frameworks(sections)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "readiness",
                        "version": doc["tool"]["version"],
                        "semanticVersion": doc["tool"]["version"],
                        **({"informationUri": project_urls()["homepage"]} if "homepage" in project_urls() else {}),
                        "rules": [_rule(c, references.get(c["id"]), source_names(doc, c)) for c in criteria],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(doc, c, i) for i, c in enumerate(criteria) if c["status"] not in NOT_FINDINGS]
                + [
                    _contradiction(doc, claim, criteria)
                    for claim in (doc.get("scan") or {}).get("claims", [])
                    if claim["status"] == "contradicted"
                ],
                "properties": run_properties,
            }
        ],
    }


def render(doc: dict, options: RenderOptions | None = None) -> str:
    import json

    return json.dumps(log(doc), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
