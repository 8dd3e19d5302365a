"""Framework crosswalks (issue 14): what a readiness verdict shows about NIST AI RMF, ISO/IEC 42001, the EU AI Act,
OWASP LLM Top 10 or an organization's own policy, without ever claiming compliance. See ``docs/frameworks.md``."""

from readiness.crosswalk.coverage import (
    STATUSES,
    Coverage,
    Figures,
    RequirementResult,
    coverage,
)
from readiness.crosswalk.gate import (
    ALL,
    FrameworkGate,
    check_coverage,
    gates_by_id,
    parse_min_coverage,
    select_packs,
)
from readiness.crosswalk.load import (
    Pack,
    available_packs,
    frameworks_folder,
    load_pack,
    parse_pack,
)
from readiness.crosswalk.section import (
    criterion_references,
    framework_section,
    portfolio_frameworks,
    reference_tags,
    section_references,
)

__all__ = [
    "ALL",
    "STATUSES",
    "Coverage",
    "Figures",
    "FrameworkGate",
    "Pack",
    "RequirementResult",
    "available_packs",
    "check_coverage",
    "coverage",
    "criterion_references",
    "framework_section",
    "frameworks_folder",
    "gates_by_id",
    "load_pack",
    "parse_min_coverage",
    "parse_pack",
    "portfolio_frameworks",
    "reference_tags",
    "section_references",
    "select_packs",
]
