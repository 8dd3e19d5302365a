"""The rubric a manifest names with its `rubric:` key, so a folder of organization manifests needs no --rubric.

Precedence, the same for every command: --rubric on the command line, then the manifest's `rubric:`, then the
project configuration, then the bundled default.
"""

from __future__ import annotations

import re
from pathlib import Path

from readiness.common.errors import InputError
from readiness.input.source import Document
from readiness.rubric.bundled import default_rubric_path

_RUBRIC_LINE = re.compile(r"""^rubric[ \t]*:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\n#]*?))[ \t]*(?:#.*)?$""", re.M)


def bundled(reference: str) -> Path | None:
    """A bundled rubric by its id (`default`, `health-regulated`), or None."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", reference):
        return None
    path = default_rubric_path().parent / f"{reference}.yaml"
    return path if path.is_file() else None


def bundled_ids() -> list[str]:
    return sorted(p.stem for p in default_rubric_path().parent.glob("*.yaml"))


def resolve(reference: str, folder: Path) -> Path | None:
    """The file a `rubric:` value names: a bundled id, else a path relative to ``folder``; None if there is none."""
    found = bundled(reference)
    if found is not None:
        return found
    path = folder / reference
    return path if path.is_file() else None


def manifest_rubric(document: Document, folder: Path) -> Path | None:
    """The rubric a parsed manifest names, as a path; None when it names none. A name that leads nowhere is an input error."""
    data = document.data
    reference = data.get("rubric") if isinstance(data, dict) else None
    if reference is None:
        return None
    if not isinstance(reference, str) or not reference.strip():
        raise InputError(
            document.diagnostic(
                ("rubric",),
                "rubric: expected a file path or a bundled rubric's id",
                f"for example `rubric: default`, or a path relative to {folder}",
            )
        )
    found = resolve(reference.strip(), folder)
    if found is None:
        raise InputError(
            document.diagnostic(
                ("rubric",),
                f"rubric '{reference}' not found",
                f"a path relative to the manifest's folder ({folder}), or a bundled rubric: {', '.join(bundled_ids())}",
            )
        )
    return found


def sniff(text: str, folder: Path) -> Path | None:
    """The rubric a manifest's text names, read without parsing (the portfolio sorts thousands of files by it)."""
    match = _RUBRIC_LINE.search(text)
    if match is None:
        return None
    reference = next(g for g in match.groups() if g is not None).strip()
    if not reference:
        return None
    return resolve(reference, folder) or folder / reference  # a missing file: loading it reports the error
