"""JUnit XML: the assessment as test results that Jenkins, GitLab and Azure DevOps already display.

Each dimension is a ``<testsuite>`` and each criterion a ``<testcase>``. The
rule: **a test fails only when it fails the job**, so the dashboard and the
exit code always agree.

- ``met`` passes; ``not_applicable`` is ``<skipped/>`` (the rubric asks it, this
  project does not need it), and so is ``waived``, with the waiver's reason,
  owner and expiry;
- a criterion that is open (``partial``, ``unmet``, ``unanswered``,
  ``unverified``) is a ``<failure>`` only when it is a cause of a failed gate:
  a failing blocker under ``--fail-on-blockers``, or an open criterion of a
  phase up to the one ``--min-phase`` requires when that phase was not
  reached. Any other open criterion is a passing test that says so in
  ``<system-out>`` (its status, credit and remediation): partial credit is
  still not met, it just does not fail this job;
- a configured gate adds a ``Gate`` suite with one test case, failing with
  the gate's own explanation (a ``--min-score`` or regression gate has no
  single criterion to blame, so only this case fails for it).

Without a gate the run exits 0 and no test fails.

With ``--framework``, each framework is a suite too (after the dimensions),
one test case per requirement, so a dashboard shows what the project lacks
per framework next to the gate that judges it: ``met`` and ``supported``
(the statuses the framework gate counts) pass; ``partial``, ``gap`` and
``unanswered`` fail, naming the open criteria; ``not_covered`` is skipped
(the rubric says nothing about it, which is not the project's failure, nor a
pass) and so is a requirement out of scope. The suite's properties carry the
figures, the minimum of a framework gate, the declared context and the
pack's notice (see :mod:`readiness.reports.frameworks_junit`).

With ``--scan``, a ``Repository evidence`` suite holds one test case per claim
(see :mod:`readiness.reports.scan_junit`): observed passes, contradicted fails,
not observed and not checked are skipped with the reason.

A configured gate adds a ``Gate`` suite with one test case, failing with the
gate's own explanation, so the job's verdict is visible next to its causes.

The XML is built with ElementTree, which escapes text and attributes; attributes
are written in insertion order and nothing depends on the clock or the host, so
the same report gives the same bytes. The layout follows the JUnit schema that
Jenkins' xUnit plugin validates against (tests/data/junit-10.xsd).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from readiness.common.text import display
from readiness.reports.document import source_names
from readiness.reports.frameworks_junit import framework_suite, framework_totals
from readiness.reports.scan_junit import scan_suite, scan_totals

if TYPE_CHECKING:
    from readiness.reports.options import RenderOptions

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
PASSED = ("met",)
SKIPPED = ("not_applicable", "waived")


def gating(doc: dict, criterion: dict) -> bool:
    """Whether this open criterion is a cause of the gate's failure (the rule in the module docstring)."""
    gate = doc["gate"]
    if gate is None or gate["passed"] or criterion["status"] in PASSED + SKIPPED:
        return False
    if gate["fail_on_blockers"] and any(b["id"] == criterion["id"] for b in doc["blockers"]):
        return True
    if gate["min_phase"] is None:
        return False
    order = [p["id"] for p in doc["roadmap"]]
    reached = -1 if doc["phase_reached"] is None else order.index(doc["phase_reached"]["id"])
    required = order.index(gate["min_phase"])
    return reached < required and order.index(criterion["phase"]) <= required


def _text(value) -> str:
    """Text XML 1.0 can carry: control characters from a manifest are dropped, not written as invalid XML."""
    return _NOT_XML.sub("", value if isinstance(value, str) else display(value))


def _element(parent: ET.Element | None, tag: str, **attributes) -> ET.Element:
    attrs = {key.rstrip("_"): _text(value) for key, value in attributes.items()}
    return ET.Element(tag, attrs) if parent is None else ET.SubElement(parent, tag, attrs)


def _where(doc: dict, criterion: dict) -> str:
    location = criterion["location"]
    if doc["manifest"] is None:
        return criterion["field"]
    if location is None:
        return f"{criterion['field']} in {doc['manifest']}"
    return f"{criterion['field']} at {doc['manifest']}:{location['line']}:{location['column']}"


def _details(doc: dict, criterion: dict, phase_names: dict) -> str:
    answer = "not answered" if criterion["answer"] is None else _text(criterion["answer"])
    credit = "" if criterion["credit"] in (None, 0) else f" (credit {criterion['credit']})"
    lines = [
        f"Status: {criterion['status']}{credit}",
        f"Severity: {criterion['severity']}; phase: {phase_names.get(criterion['phase'], criterion['phase'])}",
        f"Answer: {answer} ({_where(doc, criterion)})",
        f"Expected: {_text(criterion['expected'])}",
    ]
    unverified = {u["id"]: u for u in (doc.get("verification") or {}).get("unverified", [])}
    if criterion["id"] in unverified:
        lines.append(f"Evidence: {_text(unverified[criterion['id']]['reason'])}")
    lines += [f"How to meet it: {_text(criterion['remediation'])}", f"Why: {_text(criterion['rationale'])}"]
    if names := source_names(doc, criterion):
        lines.append(f"Sources: {_text('; '.join(names))}")
    return "\n".join(lines)


def _skip_reason(doc: dict, criterion: dict) -> str:
    if criterion["status"] == "not_applicable":
        return "not applicable to this project"
    waiver = next((w for w in doc.get("waivers", []) if w["id"] == criterion["id"] and w["state"] == "active"), None)
    if waiver is None:
        return "waived"
    return f"waived until {waiver['expires']} by {waiver['owner']}: {waiver['reason']}"


def _testcase(suite: ET.Element, doc: dict, criterion: dict, phase_names: dict) -> None:
    case = _element(
        suite, "testcase", name=f"{criterion['id']}: {criterion['title']}", classname=f"readiness.{criterion['dimension']}", time="0"
    )
    if criterion["status"] in SKIPPED:
        _element(case, "skipped", message=_skip_reason(doc, criterion))
    elif gating(doc, criterion):
        failure = _element(case, "failure", message=criterion["remediation"], type=criterion["status"])
        failure.text = _text(_details(doc, criterion, phase_names))
    elif criterion["status"] not in PASSED:
        out = _element(case, "system-out")
        out.text = _text("Open, but it does not fail this job's gate.\n" + _details(doc, criterion, phase_names))


def failing(doc: dict, criterion: dict) -> bool:
    return gating(doc, criterion)


def render(doc: dict, options: RenderOptions | None = None) -> str:
    phase_names = {p["id"]: p["name"] for p in doc["roadmap"]}
    criteria = doc["criteria"]
    failures = sum(1 for c in criteria if failing(doc, c))
    gate_failed = doc["gate"] is not None and not doc["gate"]["passed"]
    gate_cases = 0 if doc["gate"] is None else 1
    framework_cases, framework_failures = framework_totals(doc)
    scan_cases, scan_failures = scan_totals(doc)
    root = _element(
        None,
        "testsuites",
        name=f"readiness: {doc['project']['name']}",
        tests=len(criteria) + gate_cases + framework_cases + scan_cases,
        failures=failures + int(gate_failed) + framework_failures + scan_failures,
        errors=0,
        time="0",
    )
    if doc["gate"] is not None:
        suite = _element(
            root,
            "testsuite",
            name="Gate",
            tests=1,
            failures=int(gate_failed),
            errors=0,
            skipped=0,
            time="0",
            id="gate",
            package="readiness",
        )
        case = _element(suite, "testcase", name="readiness gate", classname="readiness.scoring.gate", time="0")
        if gate_failed:
            failure = _element(case, "failure", message="; ".join(doc["gate"]["failures"]), type="gate")
            failure.text = _text("\n".join(doc["gate"]["failures"]))
    for dimension in doc["dimensions"]:
        members = [c for c in criteria if c["dimension"] == dimension["id"]]
        suite = _element(
            root,
            "testsuite",
            name=dimension["name"],
            tests=len(members),
            failures=sum(1 for c in members if failing(doc, c)),
            errors=0,
            skipped=sum(1 for c in members if c["status"] in SKIPPED),
            time="0",
            id=dimension["id"],
            package="readiness",
            **({} if doc["manifest"] is None else {"file": doc["manifest"]}),
        )
        properties = _element(suite, "properties")
        _element(properties, "property", name="score", value="n/a" if dimension["score"] is None else dimension["score"])
        _element(properties, "property", name="weight", value=dimension["weight"])
        if (doc.get("bottleneck") or {}).get("id") == dimension["id"]:
            _element(properties, "property", name="bottleneck", value=doc["bottleneck"]["reason"])
        for criterion in members:
            _testcase(suite, doc, criterion, phase_names)
    for section in doc.get("frameworks") or []:
        framework_suite(root, doc, section, _element, _text)
    if doc.get("scan"):
        scan_suite(root, doc, _element, _text)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
