"""The project manifest: what a team says about its AI project.

These pydantic models are the single source of truth for the manifest: its
validation, its JSON Schema (``readiness schema``) and its reference
(``docs/manifest.md``) all come from them.

Answers come in three kinds, and the kind is what lets the engine promise that
a better answer never lowers a score:

* maturity levels (subclasses of :class:`Level`) are ordered from worst to best
  in declaration order;
* booleans are better when true;
* numbers carry ``better: lower`` or ``better: higher`` in their schema.

Facts about the project that are neither better nor worse (does it use GPUs?)
are marked ``context`` and only decide whether a criterion applies.
"""

from typing import Annotated, Any

from pydantic import Field, field_validator

from readiness.manifest.sections import (
    Agents,
    BusinessValue,
    Compute,
    Data,
    Deployment,
    GenerativeAi,
    Governance,
    Interoperability,
    Kpis,
    Monitoring,
    Organization,
    Project,
    Section,
    Security,
    Waiver,
)

EvidenceRef = Annotated[str, Field(min_length=1, max_length=500)]
ExtensionValue = str | bool | int | float | None


class Manifest(Section):
    """A readiness manifest: one AI project, described by its team."""

    version: Annotated[int, Field(description="Manifest schema version this file was written for. Supported: 1.")]
    rubric: str | None = Field(
        default=None,
        description="The rubric this manifest is scored against: a file path relative to the manifest's folder, or a bundled "
        "rubric's id (default). A --rubric on the command line wins over it; it wins over the project configuration.",
    )
    project: Project = Field(description=Project.__doc__)
    data: Data = Field(default_factory=Data.model_construct, description=Data.__doc__)
    deployment: Deployment = Field(default_factory=Deployment.model_construct, description=Deployment.__doc__)
    generative_ai: GenerativeAi = Field(default_factory=GenerativeAi.model_construct, description=GenerativeAi.__doc__)
    agents: Agents = Field(default_factory=Agents.model_construct, description=Agents.__doc__)
    compute: Compute = Field(default_factory=Compute.model_construct, description=Compute.__doc__)
    monitoring: Monitoring = Field(default_factory=Monitoring.model_construct, description=Monitoring.__doc__)
    governance: Governance = Field(default_factory=Governance.model_construct, description=Governance.__doc__)
    interoperability: Interoperability = Field(default_factory=Interoperability.model_construct, description=Interoperability.__doc__)
    security: Security = Field(default_factory=Security.model_construct, description=Security.__doc__)
    organization: Organization = Field(default_factory=Organization.model_construct, description=Organization.__doc__)
    business_value: BusinessValue = Field(default_factory=BusinessValue.model_construct, description=BusinessValue.__doc__)
    kpis: Kpis = Field(default_factory=Kpis.model_construct, description=Kpis.__doc__)
    evidence: dict[str, list[EvidenceRef]] = Field(
        default_factory=dict,
        description="Evidence for answers, keyed by field (e.g. `monitoring.drift_detection`): paths or globs relative to "
        "the manifest's folder (a CI workflow, a monitoring config, a runbook) or URLs. Checked with --verify-evidence.",
    )
    waivers: list[Waiver] = Field(default_factory=list, description="Criteria waived for a time, each with reason, owner and expiry.")
    extensions: dict[str, ExtensionValue] = Field(
        default_factory=dict,
        description="Organization-specific facts, checked by criteria of an organization rubric that declares their types.",
    )

    @field_validator(
        "data",
        "deployment",
        "generative_ai",
        "agents",
        "compute",
        "monitoring",
        "governance",
        "interoperability",
        "security",
        "organization",
        "business_value",
        "kpis",
        "evidence",
        "extensions",
        mode="before",
    )
    @classmethod
    def _empty_section(cls, value: Any) -> Any:
        """A section whose every line is commented out is YAML null: read it as empty, not as an error."""
        return {} if value is None else value

    @field_validator("waivers", mode="before")
    @classmethod
    def _empty_list(cls, value: Any) -> Any:
        return [] if value is None else value
