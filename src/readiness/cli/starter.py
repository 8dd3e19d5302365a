"""`readiness init` and `readiness interview` once their arguments are parsed.

`init` writes the generated starter (every question, explained) and, beside it, the JSON Schema its first
line points editors to; `init -` prints the starter. With --interactive, and in `interview`, the answers come
from the guided questionnaire of :mod:`readiness.cli.interview`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from readiness.cli.console import EXIT_OK
from readiness.common.errors import UsageError


def starter(rubric_path: Path | None, folder: Path | None = None, name: str = "My AI pilot") -> str:
    """The starter for ``rubric_path``; a rubric other than the default is named in it (`rubric:`), relative to ``folder``."""
    from readiness.manifest.starter import Extension, starter_text
    from readiness.rubric.load import load_rubric
    from readiness.rubric.questions import notes

    rubric = load_rubric(rubric_path)
    extensions = [
        Extension(
            name,
            spec.description,
            " | ".join(spec.values or ())
            if spec.type == "level"
            else {"bool": "true | false", "number": "a number"}.get(spec.type, "text"),
        )
        for name, spec in rubric.spec.extensions.items()
    ]
    named = None
    if rubric_path is not None:
        import os

        named = os.path.relpath(Path(rubric_path).resolve(), (folder or Path.cwd()).resolve()).replace(os.sep, "/")
    return starter_text(notes(rubric), extensions, rubric=named, name=name)


def init(path: str, force: bool, rubric: Path | None, interactive: bool, quiet: bool, ask=None) -> int:
    from readiness.manifest.starter import SCHEMA_FILE
    from readiness.reports.output import write_atomic

    text = starter(rubric, Path.cwd() if path == "-" else Path(path).parent, name="" if interactive else "My AI pilot")
    if path == "-":
        if interactive:
            raise UsageError("--interactive writes a file", "give the file name instead of -")
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(path)
    if (target.exists() or target.is_symlink()) and not force:
        raise UsageError(f"{target} already exists", f"pass --force to overwrite it, or continue it with: readiness interview {target}")
    result = _interview(text, rubric, str(target), ask) if interactive else None
    if result is not None and not result.answered:
        print(f"stopped before the project's name: nothing written; start again with: readiness init -i {target}")
        return EXIT_OK
    write_atomic(target, result.text if result else text)
    schema = target.parent / SCHEMA_FILE
    wrote_schema = force or not schema.exists()
    if wrote_schema:
        import json

        from readiness.api import manifest_schema

        write_atomic(schema, json.dumps(manifest_schema(), indent=2, ensure_ascii=False) + "\n")
    if result is not None:
        print(_summary(result, str(target)))
    elif not quiet:
        print(f"wrote {target}: fill it in (or run: readiness interview {target}), then run: readiness assess {target}")
        if wrote_schema:
            print(f"wrote {schema}: the JSON Schema editors check {target.name} against")
    return EXIT_OK


def interview(path: str, rubric: Path | None, quiet: bool, ask=None) -> int:
    from readiness.input.files import read_text
    from readiness.reports.output import write_atomic

    if path == "-":
        raise UsageError("the interview edits a file", "give the manifest's file name")
    text = read_text(path, what="manifest")
    result = _interview(text, rubric, path, ask)
    if result.text != text:
        write_atomic(path, result.text)
    print(_summary(result, path))
    return EXIT_OK


def _summary(result, target: str) -> str:
    from readiness.cli.interview import summary

    return summary(result, target)


def _interview(text: str, rubric_path: Path | None, target: str, ask):
    from readiness.cli import interview as questionnaire
    from readiness.rubric.load import load_rubric

    if ask is None:
        questionnaire.needs_terminal()
        ask = questionnaire.terminal_asker()
    if rubric_path is None:
        from readiness.rubric.named import sniff

        rubric_path = sniff(text, Path(target).parent)
    return questionnaire.interview(text, load_rubric(rubric_path), ask, print, target)
