"""The detector file format (pydantic, the single source of truth for it): read only when the catalog is built.

A built catalog holds each detector as a plain record (:func:`readiness.common.records.from_model`), so that a
scan served from the cache never defines these models.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Condition(BaseModel):
    """One entry of a structured file (YAML, workflow job, Dockerfile) that must exist: a key path glob and a value regex."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    key: str = Field(description="fnmatch glob over the '/'-joined key path, e.g. '*resources/limits/nvidia.com/gpu'.")
    value: str | None = Field(None, description="Regular expression the scalar value must match (search, case-sensitive).")


class Detector(BaseModel):
    """One thing the scan looks for, and the manifest answer it supports when found."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    id: str = Field(min_length=3, pattern=r"^[a-z0-9_.]+$")
    field: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$", description="Dotted manifest field, e.g. monitoring.drift_detection.")
    value: Any = Field(description="The answer (level, boolean or text) the finding supports.")
    rationale: str = Field(min_length=10)
    kind: Literal["text", "python", "yaml", "workflow", "dockerfile"]
    answers: bool = Field(True, description="False: counter-evidence only; it can contradict a claim but never becomes an answer.")
    contradicts: list[Any] = Field(
        default_factory=list, description="Claimed values this finding rules out, unless another finding shows one of them."
    )
    contradicts_always: bool = Field(
        False,
        description="The contradiction stands even when other findings support the claim "
        "(a credential in code contradicts 'never in code' whatever else is found).",
    )
    files: list[str] = Field(default_factory=list, description="fnmatch globs over the repository-relative path.")
    exclude: list[str] = Field(default_factory=list, description="Globs of paths never considered (added to the default exclusions).")
    include_tests: bool = Field(False, description="Also consider tests, docs and examples, which are excluded by default.")
    # text
    patterns: list[str] = Field(default_factory=list, description="text: regexes over non-comment lines; any one matching is a hit.")
    require: list[str] = Field(
        default_factory=list, description="All of these regexes must also match somewhere in the file's non-comment text."
    )
    unless: list[str] = Field(default_factory=list, description="No finding in a file whose non-comment text matches any of these.")
    # python
    calls: list[str] = Field(default_factory=list, description="python: globs over the resolved dotted name of a call.")
    decorators: list[str] = Field(default_factory=list, description="python: globs over resolved decorator names.")
    bases: list[str] = Field(default_factory=list, description="python: globs over resolved base classes.")
    requires_import: list[str] = Field(default_factory=list, description="python: the file must import one of these modules (prefix).")
    keywords: dict[str, Any] = Field(default_factory=dict, description="python: the call must pass these keywords ('*' = any value).")
    unless_keywords: dict[str, Any] = Field(default_factory=dict, description="python: no hit when the call passes one of these.")
    arg0: list[str] = Field(default_factory=list, description="python: the first positional argument is one of these literals (globs).")
    arg_names: list[str] = Field(
        default_factory=list, description="python: one of the first two positional arguments is a name matching these globs."
    )
    not_swallowed: bool = Field(False, description="python: the call is not inside a try whose handlers swallow the error.")
    notebook: Any = Field(None, description="python: value for hits in notebooks ('skip' ignores notebooks).")
    value_from_match: bool = Field(False, description="text: the answer is the first group the pattern captured (an owner's handle).")
    # yaml, workflow, dockerfile
    match: list[Condition] = Field(default_factory=list, description="Structured kinds: all must hold in one document (job, file).")
    unless_match: list[Condition] = Field(default_factory=list, description="Structured kinds: no hit when any holds in the document.")


class DetectorFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    format: Literal[1]
    detectors: list[Detector]
