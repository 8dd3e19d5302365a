"""Project configuration: the defaults a repository sets once, so CI runs `readiness assess manifest.yaml`.

Looked up from the current folder upwards: the first folder holding a
`.readiness.yaml`, or a `pyproject.toml` with a `[tool.readiness]` table,
wins. Paths in it are relative to that file's folder. Command-line flags
always win over it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from readiness.common.errors import Diagnostic, InputError

CONFIG_NAMES = (".readiness.yaml", "pyproject.toml")


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    format: str = Field(description="A report format: text, markdown, json, ...")
    output: Path | None = Field(None, description="File to write; standard output when left out.")


class ProjectConfig(BaseModel):
    """Defaults for `readiness assess` in this repository."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    rubric: Path | None = Field(None, description="Rubric file used instead of the bundled default.")
    min_score: float | None = Field(None, ge=0, le=100, description="Gate: minimum overall score.")
    min_phase: str | None = Field(None, description="Gate: roadmap phase the project must have reached.")
    fail_on_blockers: bool = Field(False, description="Gate: fail when any blocker is not met.")
    reports: list[Report] = Field(default=[], description="Reports to write on every run.")  # default_factory=list costs 6 ms at start-up
    template_dir: Path | None = Field(None, description="Folder of templates overriding the bundled ones.")
    verify_evidence: bool = Field(False, description="Check evidence paths on every run.")
    color: Literal["auto", "always", "never"] = "auto"
    frameworks: list[str] = Field(default=[], description="Framework packs every report includes: bundled names, pack files, or all.")
    min_framework_coverage: dict[str, Annotated[float, Field(ge=0, le=100)]] = Field(
        default={}, description="Gate per framework (pack id: percent of the addressed requirements met or supported).")

    def resolved(self, base: Path) -> "ProjectConfig":
        def anchor(path: Path | None) -> Path | None:
            return None if path is None or path.is_absolute() else base / path

        return self.model_copy(
            update={
                "rubric": anchor(self.rubric) or self.rubric,
                "template_dir": anchor(self.template_dir) or self.template_dir,
                "reports": [r.model_copy(update={"output": anchor(r.output) or r.output}) for r in self.reports],
                "frameworks": [str(anchor(Path(f))) if _is_path(f) and anchor(Path(f)) else f for f in self.frameworks],
            }
        )


def _is_path(framework: str) -> bool:
    """A pack file rather than a bundled name (names are lower case words with hyphens)."""
    return "/" in framework or "\\" in framework or framework.lower().endswith((".yaml", ".yml"))


def find(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "[tool.readiness]" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load(path: Path) -> ProjectConfig:
    from readiness.input.validation import top_level_mapping, validate

    if path.name == "pyproject.toml":
        import tomllib

        try:
            tool = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
            data = tool.get("readiness", {}) if isinstance(tool, dict) else {}
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(Diagnostic(str(path), f"cannot read [tool.readiness]: {exc}")) from None
        from readiness.input.source import Document

        document = Document(str(path), data)
        return validate(ProjectConfig, document, prefix=("tool", "readiness")).resolved(path.parent)
    from readiness.input.source import load as load_yaml

    document = load_yaml(path, what="configuration")
    if document.data is None:
        return defaults()
    top_level_mapping(document, "configuration")
    return validate(ProjectConfig, document).resolved(path.parent)


def discover(start: Path | None = None) -> ProjectConfig:
    path = find(start)
    return defaults() if path is None else load(path)


def defaults() -> ProjectConfig:
    """The configuration of a repository that has none (built from the field defaults, so no schema is built at start-up)."""
    return ProjectConfig.model_construct()
