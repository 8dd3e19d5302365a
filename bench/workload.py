"""Benchmark inputs, generated deterministically from ``examples/*.yaml``.

Every run must measure the same bytes, so nothing here depends on the clock,
the random seed of the process or the file system order: the single manifest
is a verbatim copy of an example, and portfolio manifest ``i`` is always the
same text. Portfolio folders are regenerated only when the examples or this
generator change (a stamp file records a hash of both), because writing
30,000 files takes longer than most benchmark cases.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

# Bump when the generated text changes, so that stale folders are rebuilt.
GENERATOR_VERSION = 1
# The ~3 KB manifest every single-file case reads (3.6 KB, the largest example).
MANIFEST_EXAMPLE = "enterprise-scale.yaml"
# How many answers of a portfolio manifest differ from the example it copies.
VARIED_ANSWERS = 4
STAMP = ".stamp"


@dataclass(frozen=True)
class Inputs:
    manifest: Path
    schema: Path
    portfolios: dict[int, Path]


@dataclass(frozen=True)
class Answer:
    """One single-line scalar answer of an example: where it is and its YAML source text."""

    path: tuple[str, str]
    start: int
    end: int
    source: str


def prepare(examples: Path, work: Path, readiness: list[str], sizes: list[int]) -> Inputs:
    """Write every input into ``work`` and return their paths."""
    work.mkdir(parents=True, exist_ok=True)
    manifest = work / "manifest.yaml"
    manifest.write_bytes((examples / MANIFEST_EXAMPLE).read_bytes())
    schema = work / "schema.json"
    # Regenerated every run: the model is being changed while the benchmark is used.
    schema.write_text(subprocess.run([*readiness, "schema"], check=True, capture_output=True, text=True).stdout)
    texts = [path.read_text(encoding="utf-8") for path in sorted(examples.glob("*.yaml"))]
    portfolios = {size: _portfolio(work / f"portfolio-{size}", texts, size) for size in sizes}
    return Inputs(manifest, schema, portfolios)


def _portfolio(folder: Path, texts: list[str], size: int) -> Path:
    """A folder of ``size`` varied manifests, rebuilt only when its stamp is stale."""
    stamp = hashlib.sha256(json.dumps([GENERATOR_VERSION, size, texts]).encode()).hexdigest()
    stamp_file = folder / STAMP
    if stamp_file.is_file() and stamp_file.read_text() == stamp:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    answers = [_answers(text) for text in texts]
    choices = _choices(answers)
    for index in range(size):
        base = index % len(texts)
        text = varied_manifest(texts[base], answers[base], choices, index)
        (folder / f"pilot-{index:05d}.yaml").write_text(text, encoding="utf-8")
    stamp_file.write_text(stamp)
    return folder


def varied_manifest(text: str, answers: list[Answer], choices: dict[tuple[str, str], list[str]], index: int) -> str:
    """Manifest ``index``: the example with its own project name and a few answers taken from other examples.

    Answers are only ever replaced by the YAML source of the same field in
    another example, so every generated manifest stays valid.
    """
    rng = random.Random(index)
    variable = [a for a in answers if a.path != ("project", "name") and len(choices[a.path]) > 1]
    replaced = {a.path: a for a in rng.sample(variable, min(VARIED_ANSWERS, len(variable)))}
    edits = []
    for answer in answers:
        if answer.path == ("project", "name"):
            name = yaml.load(answer.source, Loader=yaml.CSafeLoader)
            edits.append((answer, json.dumps(f"{name} (pilot {index:05d})")))
        elif answer.path in replaced:
            edits.append((answer, rng.choice([c for c in choices[answer.path] if c != answer.source])))
    for answer, source in sorted(edits, key=lambda edit: edit[0].start, reverse=True):
        text = text[: answer.start] + source + text[answer.end :]
    return text


def _answers(text: str) -> list[Answer]:
    """The ``section: {key: scalar}`` answers of a manifest written on one line each."""
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    found = []
    for section_key, section in root.value:
        if not isinstance(section, yaml.MappingNode):
            continue
        for key, value in section.value:
            if isinstance(value, yaml.ScalarNode) and value.start_mark.line == value.end_mark.line:
                source = text[value.start_mark.index : value.end_mark.index]
                found.append(Answer((section_key.value, key.value), value.start_mark.index, value.end_mark.index, source))
    return found


def _choices(answers: list[list[Answer]]) -> dict[tuple[str, str], list[str]]:
    """For each field, the distinct YAML sources the examples give it, in a fixed order."""
    choices: dict[tuple[str, str], list[str]] = {}
    for example in answers:
        for answer in example:
            options = choices.setdefault(answer.path, [])
            if answer.source not in options:
                options.append(answer.source)
    return choices
