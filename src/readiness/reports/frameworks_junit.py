"""JUnit suites for the framework sections: one suite per framework, one test case per requirement.

Kept apart from :mod:`readiness.reports.junit` so the criteria's suites and
the frameworks' can change independently; the rules are in that module's
docstring and in docs/frameworks.md.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

PASSED = ("met", "supported")
FAILED = ("partial", "gap", "unanswered")


def _failing(requirement: dict, gating: bool = True) -> bool:
    return gating and requirement["in_scope"] and requirement["status"] in FAILED


def _gating(doc: dict, section: dict) -> bool:
    """Open requirements fail only when this framework's gate failed, so a passing gate never shows red (docs/ci.md)."""
    minimum = ((doc.get("gate") or {}).get("min_framework_coverage") or {}).get(section["id"])
    figure = section["figures"]["evidenced_percent"]
    return minimum is not None and figure is not None and figure < minimum


def _skipped(requirement: dict) -> bool:
    return not requirement["in_scope"] or requirement["status"] in ("not_covered", "not_applicable")


def framework_totals(doc: dict) -> tuple[int, int]:
    """Test cases and failures the framework suites add to the report's totals."""
    sections = doc.get("frameworks") or []
    return (
        sum(len(s["requirements"]) for s in sections),
        sum(1 for s in sections for r in s["requirements"] if _failing(r, _gating(doc, s))),
    )


def framework_suite(root: ET.Element, doc: dict, section: dict, element, text) -> None:
    """Append ``section``'s suite to ``root``; ``element`` and ``text`` are the JUnit module's escaping helpers."""
    requirements = section["requirements"]
    figures = section["figures"]
    suite = element(
        root,
        "testsuite",
        name=f"Framework: {section['name']}",
        tests=len(requirements),
        failures=sum(1 for r in requirements if _failing(r, _gating(doc, section))),
        errors=0,
        skipped=sum(1 for r in requirements if _skipped(r)),
        time="0",
        id=f"framework-{section['id']}",
        package="readiness.frameworks",
        **({} if doc["manifest"] is None else {"file": doc["manifest"]}),
    )
    properties = element(suite, "properties")
    values = [
        ("framework", section["id"]),
        ("edition", section["edition"]),
        ("evidenced_percent", "n/a" if figures["evidenced_percent"] is None else figures["evidenced_percent"]),
        ("met_percent", "n/a" if figures["met_percent"] is None else figures["met_percent"]),
        ("addressed", f"{figures['addressed']} of {figures['in_scope']} in scope"),
    ]
    minimum = ((doc["gate"] or {}).get("min_framework_coverage") or {}).get(section["id"])
    if minimum is not None:
        values.append(("min_framework_coverage", minimum))
    if section["declared"] is not None:
        declared = section["declared"]
        values.append(("declared", f"{declared['label']}: {declared['value'] or 'not declared'}. {declared['disclaimer']}"))
    values.append(("notice", section["notice"]))
    for name, value in values:
        element(properties, "property", name=name, value=value)
    for requirement in requirements:
        case = element(
            suite,
            "testcase",
            name=f"{requirement['id']}: {requirement['title']}",
            classname=f"readiness.framework.{section['id']}",
            time="0",
        )
        if not requirement["in_scope"] or requirement["status"] == "not_applicable":
            element(case, "skipped", message="not applicable to this project")
        elif requirement["status"] == "not_covered":
            element(case, "skipped", message=f"not covered: no criterion of rubric {doc['rubric']['id']} addresses it")
        elif requirement["status"] in FAILED and not _gating(doc, section):
            note = element(case, "system-out")
            note.text = text(
                f"{requirement['status']} (no failed framework gate): open criteria {', '.join(requirement['open_criteria']) or 'none'}"
            )
        elif requirement["status"] in FAILED:
            open_criteria = ", ".join(requirement["open_criteria"]) or "none"
            failure = element(
                case, "failure", message=f"{requirement['status']}: open criteria {open_criteria}", type=requirement["status"]
            )
            failure.text = text(
                "\n".join(
                    f"{link['criterion']} ({link['relation']}): {link['criterion_status']}. {link['rationale']}"
                    for link in requirement["links"]
                )
            )
