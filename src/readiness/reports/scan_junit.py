"""The ``Repository evidence`` JUnit suite of ``assess --scan``: one test case per claim of the manifest.

Observed passes; contradicted fails when ``--fail-on-contradiction`` gates the run, and otherwise passes with a
note, so a passing gate never shows red (docs/ci.md); not observed and not checked are skipped with the reason,
since neither is a verdict on the project.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from readiness.reports.scan_section import LABELS, NOTES, where

SKIPPED = ("not_observed", "not_checked")


def _gating(doc: dict) -> bool:
    return bool((doc.get("gate") or {}).get("fail_on_contradiction"))


def scan_totals(doc: dict) -> tuple[int, int]:
    """Test cases and failures the suite adds to the report's totals."""
    claims = (doc.get("scan") or {}).get("claims", [])
    return len(claims), sum(1 for c in claims if c["status"] == "contradicted") if _gating(doc) else 0


def scan_suite(root: ET.Element, doc: dict, element, text) -> None:
    scan = doc["scan"]
    claims = scan["claims"]
    suite = element(
        root,
        "testsuite",
        name="Repository evidence",
        tests=len(claims),
        failures=sum(1 for c in claims if c["status"] == "contradicted") if _gating(doc) else 0,
        errors=0,
        skipped=sum(1 for c in claims if c["status"] in SKIPPED),
        time="0",
        id="scan",
        package="readiness",
    )
    properties = element(suite, "properties")
    element(properties, "property", name="repository", value=scan["repository"])
    element(properties, "property", name="mode", value=scan["mode"])
    for status, count in scan["counts"].items():
        element(properties, "property", name=status, value=count)
    for claim in claims:
        case = element(
            suite,
            "testcase",
            name=f"{claim['criterion']}: {claim['field']} = {text(claim['claimed'])}",
            classname="readiness.scan",
            time="0",
        )
        found = "\n".join(f"{where(e)}: {e['excerpt']} ({e['detector']})" for e in claim["evidence"])
        if claim["status"] in SKIPPED:
            element(case, "skipped", message=f"{LABELS[claim['status']]}: {NOTES[claim['status']]}")
        elif claim["status"] == "contradicted" and not _gating(doc):
            out = element(case, "system-out")
            out.text = text(f"contradicted (not gating without --fail-on-contradiction): {found}")
        elif claim["status"] == "contradicted":
            failure = element(
                case,
                "failure",
                message=f"the repository contradicts the claim {claim['field']} = {text(claim['claimed'])}",
                type="contradicted",
            )
            failure.text = text(found)
        elif found:
            out = element(case, "system-out")
            out.text = text(found)
