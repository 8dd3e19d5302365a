"""Small fixture rubrics and packs for the crosswalk tests: mechanisms are tested on data written here, not on the bundled packs."""

from __future__ import annotations

import datetime as dt
import textwrap

from conftest import criterion_yaml, make_rubric
from readiness.crosswalk import parse_pack
from readiness.input.source import parse
from readiness.manifest.model import Manifest
from readiness.scoring.engine import assess

GENERATIVE = "{field: project.uses_generative_ai, equals: true}"


def ops_rubric():
    """Four criteria on real manifest answers; one applies to generative systems only."""
    return make_rubric(
        criterion_yaml("ops.drift", "{field: monitoring.drift_detection, at_least: automated, partial: [{at_least: manual, credit: 0.5}]}"),
        criterion_yaml("ops.audit", "{field: governance.audit_trail, at_least: complete}"),
        criterion_yaml("ops.docs", "{field: governance.model_documentation, equals: true}"),
        criterion_yaml("ops.filter", "{field: security.output_filtering, equals: true}", applies_if=GENERATIVE),
    )


PACK = """
format: 1
id: fixture
name: Fixture framework
edition: "1st edition"
source: https://example.org/fixture
version: "0.1"
groups:
  - {id: one, name: Part one}
  - {id: two, name: Part two}
requirements:
  - {id: R-1, group: one, title: Monitored}
  - {id: R-2, group: one, title: Audited and documented}
  - {id: R-3, group: two, title: Only contributed to}
  - {id: R-4, group: two, title: Nothing links here}
  - {id: R-5, group: two, title: Generative only, applies_if: {field: project.uses_generative_ai, equals: true}}
  - {id: R-6, group: two, title: Filtered}
links:
  - {criterion: ops.drift, requirement: R-1, relation: satisfies, rationale: Drift detection monitors.}
  - {criterion: ops.audit, requirement: R-2, relation: satisfies, rationale: Audit trail.}
  - {criterion: ops.docs, requirement: R-2, relation: satisfies, rationale: Documentation.}
  - {criterion: ops.drift, requirement: R-3, relation: contributes, rationale: A part.}
  - {criterion: ops.docs, requirement: R-3, relation: contributes, rationale: Another part.}
  - {criterion: ops.drift, requirement: R-5, relation: satisfies, rationale: For generative systems.}
  - {criterion: ops.filter, requirement: R-6, relation: satisfies, rationale: The filter.}
"""


def pack_from(text: str, rubric, name: str = "pack.yaml"):
    return parse_pack(parse(textwrap.dedent(text), name), rubric)


def manifest(**sections) -> Manifest:
    data: dict = {"version": 1, "project": {"name": "p"}}
    for dotted, value in sections.items():
        section, field = dotted.split("__")
        data.setdefault(section, {})[field] = value
    return Manifest.model_validate(data)


def assessed(rubric, m: Manifest, **options):
    return assess(m, rubric, **options)


def waiver(criterion: str) -> dict:
    return {"id": criterion, "reason": "accepted", "owner": "cto", "expires": dt.date(2099, 1, 1).isoformat()}
