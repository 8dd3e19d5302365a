"""The starter manifest `readiness init` writes, generated from the manifest model so it cannot drift from it.

Every question of every section is there, blank (a blank answer is YAML null: unanswered), under a comment
that says what it asks, which answers it takes and, given the rubric's notes, which criteria it feeds.
"""

from __future__ import annotations

import textwrap
import typing
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, NamedTuple

from readiness.input.validation import model_of
from readiness.manifest.fields import field_info
from readiness.manifest.model import Manifest

SCHEMA_FILE = "readiness.schema.json"
"""Where the starter's `$schema` line points: a file beside the manifest, written by `readiness init` (works offline)."""

WIDTH = 100
LIST_SECTIONS = ("evidence", "waivers", "extensions")


class Extension(NamedTuple):
    """An organization rubric's declared extension fact, as the starter shows it."""

    name: str
    description: str
    allowed: str


def allowed_values(dotted: str) -> str:
    """The answers a field takes, as a user writes them: `none | manual | automated`, `true | false`, `a number from 0 to 1`."""
    info = field_info(dotted)
    if info is None:
        return ""
    section, name = dotted.split(".")
    section_model = model_of(Manifest.model_fields[section].annotation)
    assert section_model is not None  # field_info found the field, so its section is a model
    field = section_model.model_fields[name]
    if info.kind in ("level", "enum") and info.enum is not None:
        return " | ".join(member.value for member in info.enum)
    if info.kind == "bool":
        return "true | false"
    if info.kind == "list":
        (inner,) = [a for a in typing.get_args(field.annotation) if a is not type(None)]
        (member,) = typing.get_args(inner)
        return "a list of: " + ", ".join(m.value for m in member) if issubclass(member, Enum) else "a list"
    if info.kind == "number":
        low = next((m.ge for m in field.metadata if getattr(m, "ge", None) is not None), None)
        high = next((m.le for m in field.metadata if getattr(m, "le", None) is not None), None)
        bounds = f" from {low:g} to {high:g}" if low is not None and high is not None else f", at least {low:g}" if low is not None else ""
        return f"a number{bounds} ({info.better} is better)" if info.better else f"a number{bounds}"
    return "text"


def _comment(text: str, indent: str, hang: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH - len(indent) - 2,
        initial_indent=indent + "# ",
        subsequent_indent=indent + "# " + hang,
        break_on_hyphens=False,
        break_long_words=False,
    )


def _header(schema: str) -> list[str]:
    return [
        f"# yaml-language-server: $schema={schema}",
        "# A readiness manifest: what your team says about its AI project. Score it with `readiness assess FILE`.",
        "#",
        "# Every answer is optional except project.name. A blank answer means 'not answered yet': the report",
        "# lists it with the points it is worth. Above each question: what it asks, the answers it takes, and",
        "# the rubric criteria it feeds (`readiness explain ID` says why a criterion matters and how to meet it).",
        "# `readiness interview FILE` asks the open questions one by one, most valuable first, and keeps your",
        "# comments. The line above lets editors complete and check this file against the JSON Schema in",
        f"# {SCHEMA_FILE} (write it with `readiness schema > {SCHEMA_FILE}`).",
    ]


def starter_text(
    notes: Mapping[str, Sequence[str]] | None = None,
    extensions: Sequence[Extension] = (),
    *,
    name: str = "My AI pilot",
    rubric: str | None = None,
    schema: str = SCHEMA_FILE,
) -> str:
    """The starter manifest; ``notes`` adds lines under a field's explanation (the criteria it feeds), keyed by dotted path."""
    notes = notes or {}
    lines = _header(schema) + ["version: 1"]
    if rubric is not None:
        lines += [
            "",
            "# The rubric this manifest is scored against (a path relative to this file, or a bundled rubric's id).",
            f"rubric: {_scalar(rubric)}",
        ]
    for section, info in Manifest.model_fields.items():
        model = model_of(info.annotation)
        if model is None:
            continue
        lines += [""] + _comment(info.description or "", "") + [f"{section}:"]
        for field_name, field in model.model_fields.items():
            dotted = f"{section}.{field_name}"
            lines += _comment((field.description or "") + (" Required." if field.is_required() else ""), "  ")
            details = [f"answers: {allowed_values(dotted)}", *notes.get(dotted, ())]
            lines += _comment(" · ".join(details), "  ", "  ")
            lines.append(f"  {field_name}: {_scalar(name)}" if dotted == "project.name" and name else f"  {field_name}:")
    lines += [""] + _comment(Manifest.model_fields["extensions"].description or "", "")
    if extensions:
        lines.append("extensions:")
        for extension in extensions:
            details = [f"answers: {extension.allowed}", *notes.get(f"extensions.{extension.name}", ())]
            lines += _comment(extension.description, "  ") + _comment(" · ".join(details), "  ", "  ")
            lines.append(f"  {extension.name}:")
    else:
        lines.append("# extensions: {}")
    lines += [
        "",
        *_comment(Manifest.model_fields["evidence"].description or "", ""),
        "# evidence:",
        "#   monitoring.drift_detection: [.github/workflows/drift.yml, https://wiki.example/drift-runbook]",
        "",
        *_comment(Manifest.model_fields["waivers"].description or "", ""),
        "# waivers:",
        "#   - {id: security.audits, reason: first audit booked for Q3, owner: CISO, expires: 2030-09-30}",
    ]
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    import json

    text = str(value)
    plain = text and text.strip() == text and all(ch.isalnum() or ch in " _-./" for ch in text) and not text[0].isdigit()
    return (
        text
        if plain and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "~")
        else json.dumps(text, ensure_ascii=False)
    )
