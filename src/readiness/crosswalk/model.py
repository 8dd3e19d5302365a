"""The framework pack file format: what a pack YAML may say (documented in ``docs/frameworks.md``).

A pack names a framework's requirements by their official identifiers, with
titles in the pack author's own words, and links criteria of a rubric to
them. These models are the single source of truth for the format; the
loader (:mod:`readiness.crosswalk.load`) validates a file against them and
then checks what a schema cannot (unique ids, links that name a real
requirement and a real criterion).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from readiness.rubric.fileformat import Applicability

SUPPORTED_FORMATS = (1,)
RELATIONS = ("satisfies", "contributes")
if TYPE_CHECKING:  # pydantic reads the runtime Literal; a type checker sees the type of its values
    Relation = str
else:
    Relation = Literal[RELATIONS]

PackId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=60)]
GroupId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=60)]
RequirementId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 .:()\-]*$", max_length=40)]
Line = Annotated[str, Field(min_length=1, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Group(_Strict):
    """A part of the framework (a function, an article, a control objective), for display and per-part figures."""

    id: GroupId
    name: Line
    description: str = ""


class Requirement(_Strict):
    id: RequirementId = Field(description="The framework's official identifier, e.g. `GOVERN 1.1`, `A.6.2.8`, `Art. 9(2)`, `LLM01:2025`.")
    title: Line = Field(description="A short title in the pack author's own words (never the framework's text).")
    group: GroupId | None = Field(None, description="Id of a declared group.")
    applies_if: Applicability | None = Field(
        None, description="When the requirement applies, on facts about the project (context fields); unanswered counts as applying."
    )


class Link(_Strict):
    criterion: str = Field(min_length=1, max_length=120, description="Id of a criterion of the rubric the pack is used with.")
    requirement: RequirementId = Field(description="Id of a requirement of this pack.")
    relation: Relation = Field(description="`satisfies`: the criterion met shows the requirement; `contributes`: it shows a part.")
    rationale: Line = Field(description="One line on why the criterion serves the requirement.")


class Declares(_Strict):
    """A context fact the report repeats as declared, e.g. the EU AI Act tier (the tool never decides it)."""

    field: str = Field(description="Dotted path of a context field of the manifest, e.g. `governance.eu_ai_act_risk`.")
    label: Line
    values: dict[str, Line] = Field(default_factory=dict, description="What the report says for each declared value.")
    unanswered: Line = Field(description="What the report says when the manifest leaves the field out.")
    disclaimer: Line = Field(description="Says that the tool does not decide this fact.")


class PackFile(_Strict):
    format: int = Field(1, description="Pack file format version.")
    id: PackId
    name: Line
    edition: Line = Field(description="The edition of the framework the identifiers follow.")
    source: Line = Field(description="Where the framework is published (URL).")
    version: Line = Field(description="Version of this pack (its links and titles), not of the framework.")
    description: str = ""
    declares: Declares | None = None
    groups: list[Group] = Field(default_factory=list)
    requirements: list[Requirement] = Field(min_length=1)
    links: list[Link] = Field(default_factory=list)
