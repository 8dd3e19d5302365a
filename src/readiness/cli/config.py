"""Project configuration: the defaults a repository sets once, so CI runs `readiness assess manifest.yaml`.

Looked up from the current folder upwards: the first folder holding a
`.readiness.yaml`, or a `pyproject.toml` with a `[tool.readiness]` table,
wins (the TOML is parsed: a comment or a string that mentions the table does
not count). `--config FILE` names one: a `.toml` file is read as TOML (its
`[tool.readiness]` table), anything else as YAML. Paths in it are relative to
that file's folder. Command-line flags always win over it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator
from pydantic_core import PydanticCustomError

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
                "frameworks": [str(anchor(Path(f))) if _is_path(f) and anchor(Path(f)) else f for f in self.frameworks],
            }
        )


def _is_path(framework: str) -> bool:
    """A pack file rather than a bundled name (names are lower case words with hyphens)."""
    return "/" in framework or "\\" in framework or framework.lower().endswith((".yaml", ".yml"))


def find(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (the working folder), or None (also when that folder was deleted)."""
    try:
        folder = (start or Path.cwd()).resolve()
    except OSError:
        return None
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            try:
                if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                    return path
            except OSError:
                continue
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether the TOML really has a ``[tool.readiness]`` table; a file that cannot be parsed is loaded so its error shows."""
    try:
        text = _read(path)
    except InputError:
        return True
    if "readiness" not in text:
        return False
    try:
        tool = _parse_toml(text, path).get("tool")
    except InputError:
        return True
    return isinstance(tool, dict) and "readiness" in tool


def _read(path: Path) -> str:
    from readiness.input.files import read_text

    return read_text(path, what="configuration")


def _parse_toml(text: str, path: Path) -> dict:
    import re
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r" \(at line \d+, column \d+\)", "", str(exc)) if found else str(exc)
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        raise InputError(Diagnostic(str(path), f"invalid TOML: {message}", line, column)) from None
    except RecursionError:
        raise InputError(
            Diagnostic(str(path), "invalid TOML: nested too deeply", hint="a configuration is only a few levels deep")
        ) from None


def load(path: Path) -> ProjectConfig:
    from readiness.input.validation import top_level_mapping, validate

    if path.suffix.lower() == ".toml":
        from readiness.input.source import Document

        tool = _parse_toml(_read(path), path).get("tool")
        if not isinstance(tool, dict) or "readiness" not in tool:
            raise InputError(Diagnostic(str(path), "no [tool.readiness] table", hint="put the settings under a [tool.readiness] table"))
        data = tool["readiness"]
        if not isinstance(data, dict):
            raise InputError(Diagnostic(str(path), "tool.readiness must be a table", hint="write it as [tool.readiness] with keys below"))
        return validate(ProjectConfig, Document(str(path), data), prefix=("tool", "readiness")).resolved(path.parent)
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
