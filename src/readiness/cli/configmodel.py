"""The project configuration's model: its validation and its reference come from here (see :mod:`readiness.cli.config`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator
from pydantic_core import PydanticCustomError


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    format: str = Field(description="A report format: text, markdown, json, ...")
    output: Path | None = Field(None, description="File to write; standard output when left out.")


class ProjectConfig(BaseModel):
    """Defaults for `readiness assess` in this repository."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    rubric: Path | None = Field(None, description="Rubric file used instead of the bundled default.")
    min_score: float | None = Field(None, ge=0, le=100, description="Gate: minimum overall score.")
    min_phase: str | None = Field(None, description="Gate: roadmap phase the project must have reached (its id or 1-based number).")
    fail_on_blockers: StrictBool = Field(False, description="Gate: fail when any blocker is not met.")
    reports: list[Report] = Field(default=[], description="Reports to write on every run.")  # default_factory=list costs 6 ms at start-up
    template_dir: Path | None = Field(None, description="Folder of templates overriding the bundled ones.")
    verify_evidence: StrictBool = Field(False, description="Check evidence paths on every run.")
    color: Literal["auto", "always", "never"] = "auto"
    frameworks: list[str] = Field(default=[], description="Framework packs every report includes: bundled names, pack files, or all.")
    min_framework_coverage: dict[str, Annotated[float, Field(ge=0, le=100)]] = Field(
        default={}, description="Gate per framework (pack id: percent of the addressed requirements met or supported)."
    )

    @field_validator("min_phase", mode="before")
    @classmethod
    def _phase_number(cls, value: Any) -> Any:
        """``min_phase: 2`` means the second phase, as ``--min-phase 2`` does."""
        return str(value) if type(value) is int else value

    @field_validator("min_score", mode="before")
    @classmethod
    def _strict_number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float, type(None))):
            raise PydanticCustomError("float_type", "Input should be a number")
        return value

    def resolved(self, base: Path) -> ProjectConfig:
        def anchor(path: Path | None) -> Path | None:
            return None if path is None or path.is_absolute() else base / path

        return self.model_copy(
            update={
                "rubric": anchor(self.rubric) or self.rubric,
                "template_dir": anchor(self.template_dir) or self.template_dir,
                "reports": [r.model_copy(update={"output": anchor(r.output) or r.output}) for r in self.reports],
                "frameworks": [str(anchor(Path(f))) if is_path(f) and anchor(Path(f)) else f for f in self.frameworks],
            }
        )


def is_path(framework: str) -> bool:
    """A pack file rather than a bundled name (names are lower case words with hyphens)."""
    return "/" in framework or "\\" in framework or framework.lower().endswith((".yaml", ".yml"))
