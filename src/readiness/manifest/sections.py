"""The manifest's sections, one pydantic model each; :mod:`readiness.manifest.model` assembles them.

Every answer field is optional (``None`` is "not answered"); each carries its description, and numbers their
direction (``better: lower`` or ``higher``) in the JSON Schema, so the docs reference and the engine's monotone
checks read the same declaration.
"""

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from readiness.manifest import strict
from readiness.manifest.levels import (
    AccessPolicy,
    Architecture,
    Audits,
    Autonomy,
    BusinessMode,
    CapacityPlanning,
    Compliance,
    CostTracking,
    Coverage,
    DataSensitivity,
    DataValidation,
    DeploymentAutomation,
    DriftDetection,
    EuAiActRisk,
    FeatureStore,
    GpuProvisioning,
    Impact,
    ImpactReporting,
    Integration,
    LockIn,
    ModelRegistry,
    ModelSource,
    Observability,
    PipelineAutomation,
    Practice,
    Privilege,
    Program,
    RedTeamCadence,
    Retraining,
    RetrievalPersonalData,
    RoiEvidence,
    Rollback,
    Scaling,
    ServiceMonitoring,
    Stage,
    SuccessMetrics,
    TeamFunction,
    Workload,
)


def _field(description: str, **extra: Any) -> Any:
    return Field(default=None, description=description, json_schema_extra=extra or None)


def _context(description: str) -> Any:
    return _field(description, context=True)


def _number(description: str, better: str, **bounds: Any) -> Any:
    return Field(default=None, description=description, json_schema_extra={"better": better}, **bounds)


class Section(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True, defer_build=True, protected_namespaces=()
    )

    @field_validator("*", mode="before")
    @classmethod
    def _strict_kind(cls, value: Any, info: ValidationInfo) -> Any:
        """A boolean or a string is never a number, nor a number a boolean (see :mod:`readiness.manifest.strict`)."""
        return strict.check(cls, info.field_name, value)


class Project(Section):
    """Who owns the project and what kind of system it is."""

    name: Annotated[str, Field(min_length=1, max_length=200, description="Name of the AI project or pilot.")]
    owner: str | None = _field(
        "Team or person accountable for the outcome in production (Protected Harbor: 'total ownership'; no shared, diluted responsibility). "
        "`none` says explicitly that nobody is."
    )
    stage: Stage | None = _context("Where the project is today: idea, prototype, pilot or production.")
    business_mode: BusinessMode | None = _context(
        "Whether the business unit is in growth, sustain or decline mode, which decides how resources are allocated (RTInsights)."
    )
    description: str | None = _field("What the system does and for whom.")
    serves_predictions: bool | None = _context("The system serves online predictions or generations to users or systems.")
    uses_gpus: bool | None = _context("Training or inference runs on GPUs.")
    uses_generative_ai: bool | None = _context("The system uses generative models (LLMs, diffusion models).")
    uses_agents: bool | None = _context("The system runs agents that call tools or act on other systems.")
    model_source: ModelSource | None = _context(
        "Where the model comes from: trained in house, fine-tuned by the team from a base model, or a third party's hosted model used through its API."
    )
    autonomy: Autonomy | None = _context(
        "What the system may do: answer only, recommend to a person who decides, act with a person's approval, or act autonomously "
        "(change other systems: call tools, write records, move money)."
    )
    data_sensitivity: DataSensitivity | None = _context(
        "Most sensitive data the system reads or retrieves: public, internal, personal, or special-category (health, biometrics and the like)."
    )
    impact: Impact | None = _context(
        "Impact of a wrong output: low, significant, or consequential (decisions about people's rights, money or health)."
    )
    workload: Workload | None = _context("Shape of the workload: batch runs, online requests, streaming, or interactive generation.")


class Data(Section):
    """Data pipelines: the first bottleneck (Tech Island) and the 'cracked data foundation' (Turner)."""

    pipeline_automation: PipelineAutomation | None = _field(
        "How training and inference data pipelines run: none, manual, scripted, or orchestrated (scheduled, retried, observable)."
    )
    validation: DataValidation | None = _field(
        "Data quality validation: none, manual spot checks, automated checks, or automated checks that block bad data."
    )
    schema_contracts: bool | None = _field(
        "Input schemas are versioned contracts, so schema changes are detected before they break the pipeline."
    )
    versioned_datasets: bool | None = _field("Training datasets are versioned, so any model can be traced to and rebuilt from its data.")
    feature_store: FeatureStore | None = _field("Feature management: none, ad hoc per project, or a shared feature store.")
    single_source_of_truth: bool | None = _field(
        "Data comes from a governed, unified platform (lakehouse, data fabric) rather than fragmented silos."
    )


class Deployment(Section):
    """Deployment and model versioning (Tech Island: manual deployment delays production)."""

    experiment_tracking: Practice | None = _field(
        "Experiments (parameters, metrics, artifacts) are tracked: none, manually, or automatically by a tool."
    )
    model_registry: ModelRegistry | None = _field(
        "Where models are versioned: none, files, a model registry, or a registry linking each model to its code and data."
    )
    automation: DeploymentAutomation | None = _field(
        "How models reach production: none, manual, scripted, CI/CD, or continuous delivery with automatic rollback."
    )
    rollback: Rollback | None = _field("Rolling back to the previous model: not possible, manual, or automated.")
    architecture: Architecture | None = _field("Serving architecture: monolith, modular, or independently deployable microservices.")
    integration: Integration | None = _field(
        "How outputs reach business workflows: not at all, manual export, batch feeds, or APIs embedded in the workflow."
    )
    retraining: Retraining | None = _field("Retraining: none, manual, on a schedule, or triggered automatically by drift or performance.")
    multi_model_orchestration: bool | None = _field(
        "Several models are orchestrated together (routing, ensembles, fallbacks) by a shared platform."
    )
    global_deployment: bool | None = _field("The model is deployed across regions or to the edge close to its users.")


class Compute(Section):
    """Compute and cost: throughput, GPUs and the price of inference (Tech Island, Turner and Protected Harbor)."""

    capacity_planning: CapacityPlanning | None = _field("Capacity for production load: not planned, estimated, or verified by load tests.")
    scaling: Scaling | None = _field("How serving capacity follows demand: fixed, scaled by hand, or autoscaling.")
    gpu_provisioning: GpuProvisioning | None = _field(
        "GPU capacity: none secured, best effort on shared pools, reserved for the workload, or elastic."
    )
    gpu_utilization_monitored: bool | None = _field("GPU utilization is measured, so under-provisioning and idle spend are visible.")
    cost_tracking: CostTracking | None = _field(
        "How inference cost is known: not at all, only from the cloud bill, per model, or per prediction."
    )
    hybrid_ready: bool | None = _field("Workloads can run across cloud and on-premises (hybrid, multicloud) without redesign.")
    inference_optimized: bool | None = _field("Inference is optimized for the hardware (quantization, compilation, accelerators).")


class Monitoring(Section):
    """Monitoring and observability: silent degradation is the fourth bottleneck (Tech Island)."""

    service_metrics: ServiceMonitoring | None = _field(
        "Latency, errors and throughput of the serving system (or the batch jobs): none, logs only, dashboards, uptime checks only, "
        "dashboards with alerting, or alerting on service-level objectives (SLOs)."
    )
    drift_detection: DriftDetection | None = _field(
        "Data and prediction drift detection: none, manual reviews, automated, or automated with alerts."
    )
    model_performance: Practice | None = _field(
        "Model quality in production is measured against outcomes: none, manually, or automatically."
    )
    alerts_routed_to_owner: bool | None = _field("Alerts reach an on-call owner who is expected to act on them.")
    incident_runbooks: bool | None = _field("Runbooks describe how to respond to model incidents before they happen.")
    observability: Observability | None = _field(
        "Depth of observability: none, basic metrics, end-to-end tracing, or predictive operations that anticipate incidents."
    )
    generative_output_evaluation: Practice | None = _field(
        "Generated outputs are evaluated in production (quality, safety, hallucination): none, manually, or automatically."
    )


class GenerativeAi(Section):
    """Generative AI: a model the team does not control, prompts as code, evaluations as data (CIO.com, Tech Island and Turner)."""

    model_version_pinned: bool | None = _field("The hosted model's version is pinned, so the provider cannot change it under the system.")
    prompt_versioning: bool | None = _field("Prompts and their templates are versioned and released like code.")
    versioned_eval_sets: bool | None = _field(
        "Evaluation sets (questions with expected answers or sources) are versioned, so releases are compared on the same data."
    )
    groundedness_evaluation: Practice | None = _field(
        "Answers are evaluated for groundedness (no hallucination, sources support the answer) before release: none, manually, or automatically."
    )
    personal_data_in_retrieval: RetrievalPersonalData | None = _field(
        "Personal data in the retrieval corpus: present and retrievable by anyone who asks, present but retrieved only as the user's "
        "permissions allow (or redacted), or absent."
    )


class Agents(Section):
    """Agents that act: containment before autonomy (Turner: least privilege, sandboxing, audits, adversarial testing)."""

    action_allowlist: bool | None = _field("The agent can call only the actions on an explicit allow-list.")
    human_approval: bool | None = _field("Consequential or irreversible actions wait for a person's approval.")
    action_audit_log: bool | None = _field("Every action the agent takes is logged with its inputs, so it can be audited and undone.")
    kill_switch: bool | None = _field("The agent can be stopped at once, by an operator, without a deployment.")


class Governance(Section):
    """Governance as a product feature: classification, lineage, auditability (RTInsights)."""

    data_classification: Coverage | None = _field("Data used by the system is classified by sensitivity: none, partly, or completely.")
    lineage: Coverage | None = _field("Lineage from source data to model to prediction: none, partial, or end to end.")
    audit_trail: Coverage | None = _field("Model changes and predictions are auditable: none, partly, or completely.")
    access_policy: AccessPolicy | None = _field(
        "Who may access data and models: no policy, ad hoc, a centralized policy, or a centralized policy enforced technically."
    )
    compliance_review: Compliance | None = _field(
        "When compliance requirements are addressed: never, after launch, during the build, or at design time."
    )
    metadata_catalog: bool | None = _field("Data and models are registered in a central metadata catalog.")
    model_documentation: bool | None = _field("Each production model has documentation (a model card: purpose, data, limits, owners).")
    eu_ai_act_risk: EuAiActRisk | None = _context(
        "Risk tier under the EU AI Act (Regulation (EU) 2024/1689) as the team's own legal assessment declares it "
        "(limited: transparency obligations only). readiness never classifies a system; it only shows which obligations follow from the declared tier."
    )


class Interoperability(Section):
    """Open standards instead of vendor lock-in (CIO.com and RTInsights)."""

    open_model_format: bool | None = _field(
        "Models are stored in an open, portable format (ONNX, safetensors, PMML) rather than a vendor's."
    )
    vendor_lock_in: LockIn | None = _field(
        "Dependence on one vendor: proprietary with no way out, proprietary with a tested exit plan, or portable."
    )
    standard_apis: bool | None = _field("Serving and integration use open, documented interfaces (OpenAPI, open inference protocols).")
    swappable_models: bool | None = _field("The model or model provider can be replaced without rewriting the application.")
    unified_control_plane: bool | None = _field("One control plane manages the AI workloads across environments.")
    build_vs_buy_decided: bool | None = _field("Build-versus-buy was decided and recorded for each component of the stack (Tech Island).")


class Security(Section):
    """Security at scale: least privilege, sandboxing, prompt injection, audits (Turner)."""

    privilege: Privilege | None = _field("Access held by the system and its service accounts: broad, scoped, or least privilege.")
    prompt_injection_testing: Practice | None = _field(
        "Testing against prompt injection: none, manual, or automated in the release pipeline."
    )
    agent_sandboxing: Coverage | None = _field("Tools and actions of agents run sandboxed: none, partly, or completely.")
    adversarial_testing: Practice | None = _field("Adversarial testing or red teaming: none, manual, or automated.")
    red_team_cadence: RedTeamCadence | None = _field(
        "How often the system is red-teamed: never, once, periodically (e.g. quarterly), or continuously (automated attacks in the pipeline)."
    )
    audits: Audits | None = _field("Security audits of the AI system: none, once, or on a regular schedule.")
    secrets_management: bool | None = _field("Credentials and keys live in a secrets manager, never in code or notebooks.")
    output_filtering: bool | None = _field("Outputs are filtered so the system cannot leak sensitive data.")


class Organization(Section):
    """Ownership and people: where most AI programs quietly break down (RTInsights, Turner and Protected Harbor)."""

    team_functions: list[TeamFunction] | None = _field(
        "Functions represented in the team that runs the system (cross-functional teams replace single-technology owners, RTInsights).",
        better="more",
    )
    executive_sponsor: bool | None = _field("A named executive sponsors the project and its scale decision.")
    ai_literacy: Program | None = _field(
        "Upskilling and AI literacy for the people who use the system: none, planned, in progress, or established."
    )
    change_management: Program | None = _field("Change management for affected teams: none, planned, in progress, or established.")
    end_users_involved: bool | None = _field("End users took part in the design and are consulted on changes.")
    knowledge_documented: bool | None = _field("Architecture and operating knowledge is documented, not held by a few people.")


class BusinessValue(Section):
    """Measured business value: pilots without metrics drift instead of graduating (RTInsights)."""

    success_metrics: SuccessMetrics | None = _field("Success metrics of the pilot: none, defined, or tied to a business KPI.")
    baseline_measured: bool | None = _field("The baseline (cost, manual hours, error rate before the AI) was measured.")
    roi_evidence: RoiEvidence | None = _field(
        "Evidence of return on investment: none, an estimate, measured in the pilot, or measured in production."
    )
    business_case_approved: bool | None = _field("A business case was written and approved before scaling.")
    inference_cost_tied_to_value: bool | None = _field("The cost of inference is compared with the value each prediction creates (Turner).")
    impact_reporting: ImpactReporting | None = _field(
        "Impact is reported to stakeholders: never, ad hoc, or regularly (an 'AI command room')."
    )
    scale_decision_criteria: bool | None = _field("Go/no-go criteria for scaling were agreed before the pilot started.")


class Kpis(Section):
    """Measured values of Tech Island's infrastructure KPIs."""

    p95_latency_ms: float | None = _number("P95 inference latency in milliseconds (target: below 50).", "lower", ge=0)
    deployment_cycle_days: float | None = _number(
        "Days from a model being ready to it serving in production (target: below 14).", "lower", ge=0
    )
    reproducibility_rate: float | None = _number(
        "Share of training runs that reproduce their recorded results, from 0 to 1 (target: above 0.9).", "higher", ge=0, le=1
    )
    cost_per_million_predictions: float | None = _number("Cost of one million predictions, in the organization's currency.", "lower", ge=0)
    cost_per_thousand_requests: float | None = _number(
        "Generative AI: cost of 1,000 requests (or conversations), in the organization's currency.", "lower", ge=0
    )
    time_to_first_token_ms: float | None = _number("Generative AI: time to the first token of an answer, in milliseconds.", "lower", ge=0)
    batch_window_completion: float | None = _number(
        "Batch systems: share of runs that finished within their window, from 0 to 1 (target: above 0.9).", "higher", ge=0, le=1
    )
    cost_change_yoy: float | None = _number(
        "Year-over-year change of the cost per million predictions, as a fraction: -0.3 means 30 % cheaper (target: -0.3 or lower).",
        "lower",
        ge=-1,
    )


class Waiver(Section):
    """An accepted, owned and time-boxed exception to one criterion."""

    id: Annotated[str, Field(min_length=1, description="Id of the waived criterion, e.g. `security.audits`.")]
    reason: Annotated[str, Field(min_length=1, description="Why the criterion does not have to be met for now.")]
    owner: Annotated[str, Field(min_length=1, description="Who accepted the risk.")]
    expires: dt.date = Field(description="Last day the waiver holds (YYYY-MM-DD); after it the criterion counts again.")
