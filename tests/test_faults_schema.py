"""Issue 16: the published JSON Schema (`readiness schema`) and the validator agree on every fixture manifest.

Both read the same data: readiness's YAML 1.2 reading of the file (the reading schema tools and editors use).
A file the YAML reader refuses (duplicate keys, tags, alias bombs) has no data to compare and is left out.
"""

from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT
from readiness.api import manifest_schema
from readiness.common.errors import InputError
from readiness.input.source import load
from readiness.manifest.load import parse_manifest

CORPUS = sorted((ROOT / "tests" / "corpus" / "manifests").glob("*.yaml")) + sorted((ROOT / "examples").rglob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(manifest_schema())
# Rules a JSON Schema cannot state: a supported version number (the schema says integer), one waiver per criterion,
# evidence keyed by known answer fields. The tests below name them where they apply.
BEYOND_SCHEMA = ("unsupported manifest version", "is waived twice", "evidence for unknown field")

EXTRA = {
    "yes-as-bool": "version: 1\nproject: {name: x, uses_gpus: yes}\n",
    "quoted-number": "version: 1\nproject: {name: x}\nkpis: {deployment_cycle_days: '7'}\n",
    "bool-as-number": "version: 1\nproject: {name: x}\nkpis: {p95_latency_ms: true}\n",
    "date-text": "version: 1\nproject: {name: x}\nwaivers:\n  - {id: a.b, reason: r, owner: o, expires: 2030-01-31}\n",
    "octal-looking": "version: 1\nproject: {name: x}\nkpis: {p95_latency_ms: 0755}\n",
    "sexagesimal": "version: 1\nproject: {name: x}\nkpis: {p95_latency_ms: 1:30}\n",
    "float-int": "version: 1\nproject: {name: x}\nkpis: {p95_latency_ms: 12}\n",
    "null-section": "version: 1\nproject: {name: x}\nmonitoring:\n",
}


def verdicts(path: Path):
    try:
        document = load(path, what="manifest")
    except InputError:
        return None
    try:
        parse_manifest(document)
        ours = True
    except InputError as exc:
        if any(marker in d.message for d in exc.diagnostics for marker in BEYOND_SCHEMA):
            return None
        ours = False
    return ours, VALIDATOR.is_valid(document.data), document.data


FOUND = {path: verdicts(path) for path in CORPUS}
COMPARABLE = [path for path, found in FOUND.items() if found is not None]
LEFT_OUT = [path for path, found in FOUND.items() if found is None]


@pytest.mark.parametrize("path", COMPARABLE, ids=[str(p.relative_to(ROOT)) for p in COMPARABLE])
def test_schema_and_validator_agree_on_the_corpus(path):
    ours, schemas, _ = FOUND[path]
    assert ours == schemas, f"readiness says {ours}, the JSON Schema says {schemas}"


@pytest.mark.parametrize("path", LEFT_OUT, ids=[str(p.relative_to(ROOT)) for p in LEFT_OUT])
def test_a_file_left_out_is_one_readiness_refuses(path):
    with pytest.raises(InputError):
        parse_manifest(load(path, what="manifest"))


@pytest.mark.parametrize("name", sorted(EXTRA))
def test_schema_and_validator_agree_on_yaml_1_1_traps(tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(EXTRA[name])
    ours, schemas, _ = verdicts(path)
    assert ours == schemas


def test_the_corpus_has_valid_and_invalid_manifests():
    found = [v for v in (verdicts(p) for p in CORPUS) if v is not None]
    assert {ours for ours, _, _ in found} == {True, False}
