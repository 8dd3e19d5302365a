"""The manifest reference (docs/manifest.md), generated from the pydantic models.

The test suite compares docs/manifest.md with this output, so the reference
cannot drift from the model that validates manifests.
"""

from __future__ import annotations

import typing
from enum import Enum

from readiness.common.errors import MAX_DIAGNOSTICS
from readiness.common.walk import MAX_ENTRIES as MAX_WALK
from readiness.input.files import MAX_FILE_BYTES
from readiness.input.scalars import MAX_DIGITS
from readiness.input.source import MAX_ALIAS_NODES, MAX_DEPTH
from readiness.input.validation import model_of
from readiness.manifest.fields import field_info
from readiness.manifest.levels import Level
from readiness.manifest.model import Manifest

HEADER = f"""# Manifest reference

A manifest describes one AI project in YAML. Only `version` and `project.name`
are required: leave out what you do not know yet, and the report lists it as
an unanswered question instead of a failing answer. Unknown keys are errors
(with a suggestion), so a typo never silently drops an answer.

Generated from `src/readiness/manifest.py`; the JSON Schema of the same
models is printed by `readiness schema`. Regenerate this page with
`python -m pytest tests/test_docs.py --update-golden`.

Kinds of answer:

- **level**: an ordered maturity scale, listed here from worst to best; a
  criterion gives full credit from some level up and partial credit below.
- **yes/no**: `true` is the better answer.
- **number**: the schema says whether lower or higher is better.
- **context**: a fact about the project that decides which criteria apply
  (a project without GPUs is not asked about GPU capacity); never scored.

A publisher or author named in a description (such as Tech Island) stands for
the article the answer comes from, as in the default rubric's rationales;
[rubrics.md](rubrics.md#sources-and-references) lists the articles by title
and publisher.

Values are read by the YAML 1.2 core schema, as JSON Schema tools and editors
read them: only `true` and `false` are booleans (`yes`, `no`, `on`, `off` are
text), only `null`, `~` and an empty value are null, and dates are text. Types
are strict: a boolean or a quoted string is never a number (`'85'` is refused,
not read as 85), and a number or a string is never a boolean, so `readiness
schema` and the validator agree on every file. A section left empty is read
as empty. Each criterion may be waived once.

Limits on every manifest and rubric file: at most {MAX_FILE_BYTES // 1024} KiB, nesting at most
{MAX_DEPTH} levels deep, aliases adding at most {MAX_ALIAS_NODES:,} nodes, one YAML document, no
duplicate keys, no YAML tags beyond plain data, integers of at most {MAX_DIGITS:,} digits, UTF-8 (a
byte-order mark and CRLF line endings are accepted), a regular file or standard input (`-`): a FIFO,
socket or device is refused rather than waited on. At most {MAX_DIAGNOSTICS} problems are shown per
file, then how many more there are. Under `--verify-evidence` a pattern looks at no more than
{MAX_WALK:,} files and folders, `**` does not descend into symlinked folders, and the manifest's own
folder is never read as a pattern.
"""


def _kind(dotted: str, annotation) -> tuple[str, str]:
    info = field_info(dotted)
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    base = args[0]
    if info is None:
        return "text", ""
    if info.enum is not None:
        values = " · ".join(f"`{m.value}`" for m in info.enum)
        kind = "level" if issubclass(info.enum, Level) else "one of"
        return (kind if not info.context else f"context, {kind}"), values
    if info.kind == "list":
        item = typing.get_args(base)[0]
        return "list", " · ".join(f"`{m.value}`" for m in item) if isinstance(item, type) and issubclass(item, Enum) else ""
    if info.kind == "bool":
        return ("context, yes/no" if info.context else "yes/no"), ""
    if info.kind == "number":
        return f"number, {info.better} is better", ""
    return ("context, text" if info.context else "text"), ""


def manifest_reference() -> str:
    lines = [HEADER]
    lines.append("## Top level\n")
    lines.append("| key | required | description |\n|---|---|---|")
    for name, info in Manifest.model_fields.items():
        lines.append(f"| `{name}` | {'yes' if info.is_required() else 'no'} | {info.description or ''} |")
    for name, info in Manifest.model_fields.items():
        model = model_of(info.annotation)
        if model is None:
            continue
        lines.append(f"\n## `{name}`\n")
        lines.append(f"{(model.__doc__ or '').strip()}\n")
        lines.append("| key | kind | values | description |\n|---|---|---|---|")
        for field, field_spec in model.model_fields.items():
            kind, values = _kind(f"{name}.{field}", field_spec.annotation)
            bounds = [
                f"{m.__class__.__name__.lower()} {getattr(m, m.__class__.__name__.lower(), '')}"
                for m in field_spec.metadata
                if hasattr(m, m.__class__.__name__.lower())
            ]
            if bounds:
                values = (values + " " if values else "") + ", ".join(f"`{b}`" for b in bounds)
            required = " (required)" if field_spec.is_required() else ""
            lines.append(f"| `{field}`{required} | {kind} | {values} | {field_spec.description or ''} |")
    return "\n".join(lines) + "\n"
