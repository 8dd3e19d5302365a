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
from typing import TYPE_CHECKING, cast

from readiness.common.errors import Diagnostic, InputError

if TYPE_CHECKING:
    from readiness.cli.configmodel import ProjectConfig

CONFIG_NAMES = (".readiness.yaml", "pyproject.toml")


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
    from readiness.cli.configmodel import ProjectConfig
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
    """The configuration of a repository that has none: the model's field defaults, stored so that no model is defined at start-up."""
    from readiness.common import cache
    from readiness.common.records import empty_section, plain_defaults

    key = cache.digest("validator", "configuration defaults")
    stored = cache.get("validator", key)
    if not isinstance(stored, dict):
        from readiness.cli.configmodel import ProjectConfig

        stored = plain_defaults(ProjectConfig)
        cache.put("validator", key, stored)
    return cast("ProjectConfig", empty_section(stored))
