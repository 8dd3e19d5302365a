"""The rubric file format: what a rubric YAML may say.

These pydantic models are the source of truth for the format (documented in ``docs/rubrics.md``); the
compiler (:mod:`readiness.rubric.compiler`) validates a file against them and then checks what a schema
cannot (fields exist, checks are monotone). Only reading a rubric file imports this module: a run whose
compiled rubric is in the cache never defines these models (issue 7).
"""

from __future__ import annotations

import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from readiness.rubric.limits import Format, Month, Operand, Weight
from readiness.rubric.model import EFFORT_COST, SEVERITIES

SUPPORTED_FORMATS = (1,)
OPERATORS = ("present", "equals", "in", "at_least", "at_most", "above", "below")

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", max_length=80)]
# A reference's address: http(s), one line, none of the characters that end a link or an attribute in a report.
SAFE_URL = r"^https?://[^\s<>\"'`()\[\]{}|\\^]+$"
RubricId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.-]*$", max_length=80)]
ReferenceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Condition(_Strict):
    """One test of a manifest field; exactly one operator is given."""

    unknown_key_noun: typing.ClassVar[str] = "operator"

    field: str = Field(description="Dotted path of the manifest field, e.g. `monitoring.drift_detection`.")
    present: Literal[True] | None = Field(None, description="The field is answered (a non-empty list for lists).")
    equals: Any = Field(None, description="The answer equals this value.")
    in_: list[Any] | None = Field(None, alias="in", description="The answer is one of these values.")
    at_least: Any = Field(None, description="At least this maturity level, number, or number of list items.")
    at_most: Operand | None = Field(None, description="A number at most this value.")
    above: Operand | None = Field(None, description="A number strictly above this value.")
    below: Operand | None = Field(None, description="A number strictly below this value.")

    @model_validator(mode="after")
    def _one_operator(self) -> Condition:
        given = self.operators()
        if len(given) != 1:
            raise ValueError(f"give exactly one operator ({', '.join(OPERATORS)}), found {', '.join(given) if given else 'none'}")
        return self

    def operators(self) -> list[str]:
        values = {
            "present": self.present,
            "equals": self.equals,
            "in": self.in_,
            "at_least": self.at_least,
            "at_most": self.at_most,
            "above": self.above,
            "below": self.below,
        }
        return [op for op in OPERATORS if values[op] is not None or (op == "equals" and "equals" in self.model_fields_set)]

    @property
    def operator(self) -> str:
        return self.operators()[0]

    @property
    def operand(self) -> Any:
        return getattr(self, "in_" if self.operator == "in" else self.operator)


class Partial(Condition):
    field: str | None = Field(None, description="Defaults to the field of the enclosing check.")  # type: ignore[assignment]  # narrower than Condition on purpose
    credit: float = Field(gt=0, lt=1, description="Credit earned when this weaker condition holds.")


class Check(Condition):
    partial: list[Partial] = Field(default_factory=list, description="Weaker conditions that earn partial credit.")
    with_: list[Condition] = Field(
        default_factory=list, alias="with", description="Prerequisites on other answers: the check earns credit only while they all hold."
    )


class Applicability(_Strict):
    """When a criterion applies; a condition on an unanswered field counts as true."""

    field: str | None = None
    equals: Any = None
    in_: list[Any] | None = Field(None, alias="in")
    all: list[Applicability] | None = None
    any: list[Applicability] | None = None
    unanswered: bool | None = Field(
        None, description="What a condition on an unanswered field counts as (default: true in applies_if, false in a profile's when)."
    )


class Reference(_Strict):
    """An article or document that criteria cite in `sources`: reports name it by title and publisher, never by id."""

    id: ReferenceId = Field(description="What `sources` name it by; quote a numeric id (`'001'`).")
    cite: str = Field(min_length=1, max_length=60, description="How running text names it: its publisher or author, e.g. `CIO.com`.")
    title: str = Field(min_length=1, max_length=300)
    publisher: str | None = Field(None, min_length=1, max_length=120)
    author: str | None = Field(None, min_length=1, max_length=120)
    url: str | None = Field(
        None, max_length=500, pattern=SAFE_URL, description="An http(s) address; reports link to it and never fetch it."
    )
    date: str | None = Field(None, pattern=r"^\d{4}(-\d\d(-\d\d)?)?$", description="Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.")

    @model_validator(mode="after")
    def _attributed(self) -> Reference:
        if self.publisher is None and self.author is None:
            raise ValueError("a reference names its 'publisher', its 'author', or both")
        return self


class ReferenceFile(_Strict):
    """The table of references every rubric may cite (the bundled `rubrics/references/articles.yaml`)."""

    format: Format = 1
    references: list[Reference] = Field(min_length=1)


class Phase(_Strict):
    id: Identifier
    name: str
    start_month: Month
    end_month: Month | None = Field(None, ge=1, description="Null for an open-ended phase.")
    goal: str = ""


class Dimension(_Strict):
    id: Identifier
    name: str
    weight: Weight = 1.0
    description: str = ""


if typing.TYPE_CHECKING:  # the values are data (rubric/model.py); a type checker sees their type
    Severity = str
    Effort = str
else:
    Severity = Literal[SEVERITIES]
    Effort = Literal[tuple(EFFORT_COST)]


class Criterion(_Strict):
    id: Identifier
    dimension: str
    title: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    sources: list[str] = Field(
        min_length=1, description="Ids of the references the rationale comes from, e.g. `'001'` (docs/rubrics.md, References)."
    )
    check: Check
    applies_if: Applicability | None = None
    weight: Weight
    severity: Severity
    phase: str
    effort: Effort
    remediation: str = Field(min_length=1)
    requires: list[str] = Field(default_factory=list)
    evidence_required: bool = Field(False, description="Under --verify-evidence, a claim without evidence counts as unverified.")


class ExtensionField(_Strict):
    """The declared type of an organization-specific manifest fact under `extensions:`."""

    type: Literal["bool", "number", "text", "level"]
    values: list[Identifier] | None = Field(None, min_length=2, description="For `level`: the values, worst first.")
    better: Literal["higher", "lower"] | None = Field(None, description="For `number`: which direction is better.")
    description: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> ExtensionField:
        if (self.type == "level") != (self.values is not None):
            raise ValueError("'values' is required for type level, and only for it")
        if self.values is not None and len(set(self.values)) != len(self.values):
            raise ValueError("'values' must not repeat a value")
        if (self.type == "number") != (self.better is not None):
            raise ValueError("'better' (higher or lower) is required for type number, and only for it")
        return self


class ProfileChange(_Strict):
    severity: Severity | None = Field(None, description="The severity the criterion has for projects of this profile, if stricter.")
    phase: str | None = Field(None, description="The phase the criterion belongs to for projects of this profile, if earlier.")


class Profile(_Strict):
    """A use-case profile: for projects whose facts match `when`, some criteria become stricter (the strictest profile wins)."""

    id: Identifier
    title: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1, description="Ids of the references the rationale comes from.")
    when: Applicability
    criteria: dict[str, ProfileChange] = Field(min_length=1)
    leads: bool = Field(False, description="The open steps this profile tightens lead the roadmap among steps of the same severity.")


class BusinessModePlan(_Strict):
    """Which roadmap steps a business mode keeps: every step if `everything`, else those whose phase, severity or id is listed."""

    summary: str = Field(min_length=1, description="The one sentence the report shows.")
    everything: bool = False
    phases: list[str] = Field(default_factory=list)
    severities: list[Severity] = Field(default_factory=list)
    criteria: list[str] = Field(default_factory=list)
    decision_point: str | None = Field(None, description="A decision the roadmap ends with in this mode.")


class RubricFile(_Strict):
    format: Format = Field(1, description="Rubric file format version.")
    id: RubricId
    version: str = Field(min_length=1)
    title: str
    description: str = ""
    aggregation: Literal["weighted_mean", "minimum"] = "weighted_mean"
    phases: list[Phase] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    extensions: dict[Identifier, ExtensionField] = Field(
        default_factory=dict, description="Types of `extensions:` facts the criteria read."
    )
    profiles: list[Profile] = Field(default_factory=list, description="Use-case profiles (docs/scoring.md, section 4a).")
    references: list[Reference] = Field(default_factory=list, description="Sources of this rubric's own, beside the bundled articles.")
    stages: dict[str, str] = Field(
        default_factory=dict, description="Project stage -> the phase whose window a project at that stage is in."
    )
    business_modes: dict[str, BusinessModePlan] = Field(default_factory=dict, description="Business mode -> the roadmap steps it keeps.")


class CriterionOverride(_Strict):
    """What an extending rubric may change in an inherited criterion."""

    title: str | None = None
    rationale: str | None = None
    sources: list[str] | None = None
    check: Check | None = None
    applies_if: Applicability | None = None
    weight: Weight | None = None
    severity: Severity | None = None
    phase: str | None = None
    effort: Effort | None = None
    remediation: str | None = None
    requires: list[str] | None = None
    evidence_required: bool | None = None


class DimensionOverride(_Strict):
    name: str | None = None
    weight: Weight | None = None
    description: str | None = None


class Overrides(_Strict):
    criteria: dict[str, CriterionOverride] = Field(default_factory=dict)
    dimensions: dict[str, DimensionOverride] = Field(default_factory=dict)


class RubricExtension(_Strict):
    """A rubric that `extends:` another (the bundled `default`, or a file relative to this one)."""

    format: Format = 1
    extends: str
    id: RubricId
    version: str = Field(min_length=1)
    title: str
    description: str | None = None
    aggregation: Literal["weighted_mean", "minimum"] | None = None
    phases: list[Phase] = Field(default_factory=list, description="Phases appended after the inherited ones.")
    dimensions: list[Dimension] = Field(default_factory=list, description="Dimensions added to the inherited ones.")
    overrides: Overrides = Field(default_factory=Overrides)
    disable: list[str] = Field(default_factory=list, description="Inherited criteria to drop.")
    criteria: list[Criterion] = Field(default_factory=list, description="Criteria added to the inherited ones.")
    extensions: dict[Identifier, ExtensionField] = Field(default_factory=dict)
    profiles: list[Profile] = Field(default_factory=list, description="Profiles added to the inherited ones.")
    references: list[Reference] = Field(default_factory=list, description="References added to the inherited ones.")
    stages: dict[str, str] = Field(default_factory=dict, description="Stage windows that replace the inherited ones, per stage.")
    business_modes: dict[str, BusinessModePlan] = Field(
        default_factory=dict, description="Plans that replace the inherited ones, per mode."
    )
