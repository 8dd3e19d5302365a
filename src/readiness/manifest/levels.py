"""The ordered answer scales of the manifest, kept apart from its sections so the rubric can name them without the models.

A :class:`Level` subclass lists its members from worst to best: that order is what lets the engine promise
that a better answer never lowers a score. Plain enums are unordered choices.
"""

from enum import Enum


class Level(str, Enum):
    """An ordered maturity scale; members are declared from worst to best."""

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)


class Stage(Level):
    idea = "idea"
    prototype = "prototype"
    pilot = "pilot"
    production = "production"


class BusinessMode(str, Enum):
    growth = "growth"
    sustain = "sustain"
    decline = "decline"


class Practice(Level):
    """How a recurring practice is carried out."""

    none = "none"
    manual = "manual"
    automated = "automated"


class Coverage(Level):
    none = "none"
    partial = "partial"
    complete = "complete"


class PipelineAutomation(Level):
    none = "none"
    manual = "manual"
    scripted = "scripted"
    orchestrated = "orchestrated"


class DataValidation(Level):
    none = "none"
    manual = "manual"
    automated = "automated"
    blocking = "blocking"


class FeatureStore(Level):
    none = "none"
    ad_hoc = "ad_hoc"
    shared = "shared"


class ModelRegistry(Level):
    none = "none"
    files = "files"
    registry = "registry"
    registry_with_lineage = "registry_with_lineage"


class DeploymentAutomation(Level):
    none = "none"
    manual = "manual"
    scripted = "scripted"
    ci_cd = "ci_cd"
    continuous = "continuous"


class Rollback(Level):
    none = "none"
    manual = "manual"
    automated = "automated"


class Architecture(Level):
    monolith = "monolith"
    modular = "modular"
    microservices = "microservices"


class Integration(Level):
    none = "none"
    manual_export = "manual_export"
    batch = "batch"
    api = "api"


class Retraining(Level):
    none = "none"
    manual = "manual"
    scheduled = "scheduled"
    triggered = "triggered"


class CapacityPlanning(Level):
    none = "none"
    estimated = "estimated"
    load_tested = "load_tested"


class Scaling(Level):
    fixed = "fixed"
    manual = "manual"
    autoscaling = "autoscaling"


class GpuProvisioning(Level):
    none = "none"
    best_effort = "best_effort"
    reserved = "reserved"
    elastic = "elastic"


class CostTracking(Level):
    none = "none"
    cloud_bill = "cloud_bill"
    per_model = "per_model"
    per_prediction = "per_prediction"


class ServiceMonitoring(Level):
    """Uptime checks sit above dashboards: they alert someone when the service is down, dashboards alert no one."""

    none = "none"
    logs = "logs"
    dashboards = "dashboards"
    uptime_checks = "uptime_checks"
    alerting = "alerting"
    slo_alerting = "slo_alerting"


class DriftDetection(Level):
    none = "none"
    manual = "manual"
    automated = "automated"
    automated_with_alerts = "automated_with_alerts"


class Observability(Level):
    none = "none"
    basic = "basic"
    tracing = "tracing"
    predictive = "predictive"


class Compliance(Level):
    none = "none"
    after_launch = "after_launch"
    during_build = "during_build"
    at_design = "at_design"


class AccessPolicy(Level):
    none = "none"
    ad_hoc = "ad_hoc"
    centralized = "centralized"
    enforced = "enforced"


class LockIn(Level):
    proprietary = "proprietary"
    proprietary_with_exit_plan = "proprietary_with_exit_plan"
    portable = "portable"


class Privilege(Level):
    broad = "broad"
    scoped = "scoped"
    least_privilege = "least_privilege"


class RedTeamCadence(Level):
    none = "none"
    one_off = "one_off"
    periodic = "periodic"
    continuous = "continuous"


class RetrievalPersonalData(Level):
    """Personal data in a retrieval corpus, worst first: retrievable by anyone, retrievable only as permissions allow, absent."""

    unprotected = "unprotected"
    protected = "protected"
    absent = "absent"


class ModelSource(str, Enum):
    in_house = "in_house"
    fine_tuned = "fine_tuned"
    third_party_hosted = "third_party_hosted"


class Autonomy(str, Enum):
    answer_only = "answer_only"
    recommend = "recommend"
    act_with_approval = "act_with_approval"
    act_autonomously = "act_autonomously"


class DataSensitivity(str, Enum):
    public = "public"
    internal = "internal"
    personal = "personal"
    special_category = "special_category"


class Impact(str, Enum):
    low = "low"
    significant = "significant"
    consequential = "consequential"


class Workload(str, Enum):
    batch = "batch"
    online = "online"
    streaming = "streaming"
    interactive_generation = "interactive_generation"


class Audits(Level):
    none = "none"
    once = "once"
    regular = "regular"


class Program(Level):
    none = "none"
    planned = "planned"
    in_progress = "in_progress"
    established = "established"


class SuccessMetrics(Level):
    none = "none"
    defined = "defined"
    tied_to_business_kpi = "tied_to_business_kpi"


class RoiEvidence(Level):
    none = "none"
    estimated = "estimated"
    measured_in_pilot = "measured_in_pilot"
    measured_in_production = "measured_in_production"


class ImpactReporting(Level):
    none = "none"
    ad_hoc = "ad_hoc"
    regular = "regular"


class EuAiActRisk(str, Enum):
    """A risk tier of Regulation (EU) 2024/1689, as the team's own legal assessment places the system (not ordered)."""

    prohibited = "prohibited"
    high_risk_annex_iii = "high_risk_annex_iii"
    high_risk_annex_i = "high_risk_annex_i"
    limited = "limited"
    minimal = "minimal"
    not_in_scope = "not_in_scope"


class TeamFunction(str, Enum):
    data_science = "data_science"
    ml_engineering = "ml_engineering"
    data_engineering = "data_engineering"
    it_operations = "it_operations"
    security = "security"
    legal_compliance = "legal_compliance"
    finance = "finance"
    business = "business"
    end_users = "end_users"
