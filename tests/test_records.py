"""A valid manifest is read without the pydantic models, into records equal to what the models give (issue 11)."""

import os
import pickle
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from conftest import ROOT
from readiness.common.errors import InputError
from readiness.common.records import Record, plain_schema, record
from readiness.input.source import Document, load, parse
from readiness.input.validation import validate
from readiness.manifest import load as manifest_load
from readiness.manifest import plain as manifest_plain
from readiness.manifest.model import Manifest
from strategies import manifests
from test_faults_schema import EXTRA

FILES = sorted((ROOT / "tests" / "corpus" / "manifests").glob("*.yaml")) + sorted((ROOT / "examples").rglob("*.yaml"))


def plain(value):
    """Models and records alike as nested plain data, so that the two readings can be compared."""
    if isinstance(value, (BaseModel, Record)):
        return {"<section>": {k: plain(v) for k, v in vars(value).items()}}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return (type(value).__name__, value.value)
    return (type(value).__name__, value)


def by_models(document: Document):
    try:
        return plain(validate(Manifest, document))
    except InputError:
        return "refused"


def by_records(document: Document):
    found = manifest_plain.validator()
    assert found is not None, "the manifest's schema has a plain form"
    try:
        return plain(found.validate_python(document.data))
    except Exception:
        return "refused"


def documents():
    """Every fixture that reaches validation: a file the reader refuses, or whose top level is no mapping, never does."""
    found = []
    for path in FILES:
        try:
            found.append((path.name, load(path, what="manifest")))
        except InputError:
            continue
    found += [(name, parse(text, name)) for name, text in EXTRA.items()]
    return [(name, document) for name, document in found if isinstance(document.data, dict)]


@pytest.mark.parametrize(("name", "document"), documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_records_and_models_agree_on_every_fixture(name, document):
    assert by_records(document) == by_models(document)


def test_the_fixtures_include_refused_and_accepted_manifests():
    verdicts = {by_models(document) == "refused" for _, document in documents()}
    assert verdicts == {True, False}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests(), st.sampled_from([None, "true", 7, "x", [], {}]), st.sampled_from(["data", "kpis", "project", "waivers"]))
def test_records_and_models_agree_on_generated_manifests(data, odd, section):
    assert by_records(Document("m.yaml", data)) == by_models(Document("m.yaml", data))
    broken = {**data, section: odd}
    assert by_records(Document("m.yaml", broken)) == by_models(Document("m.yaml", broken))


def test_records_and_models_agree_on_every_field_and_kind_of_value():
    """The strict-kind check is folded into pydantic-core for yes/no and decimal fields, and dropped where it passes
    everything: every answer field, given a value of every kind, is accepted or refused alike, with the same value."""
    values = [None, True, False, 0, 1, 7, 2.5, -1.0, float("nan"), float("inf"), "", "true", "7", "automated", [], ["a"], {}]
    for field in manifest_plain.answer_table():
        section, _, name = field.partition(".")
        for value in values:
            data = {"version": 1, "project": {"name": "x"}}
            data.setdefault(section, {})[name] = value
            assert by_records(Document("m.yaml", data)) == by_models(Document("m.yaml", data)), (field, value)


def test_parse_manifest_returns_records_and_the_models_explain_errors():
    good = parse("version: 1\nproject: {name: x, uses_gpus: true}\nkpis: {p95_latency_ms: 40}\n", "m.yaml")
    manifest = manifest_load.parse_manifest(good)
    assert isinstance(manifest, Record) and manifest.project.uses_gpus is True and manifest.kpis.p95_latency_ms == 40
    assert manifest.monitoring.drift_detection is None and manifest.waivers == [] and manifest.extensions == {}
    with pytest.raises(InputError, match=r"error: m\.yaml:3:24: kpis\.p95_latency_ms: input should be a number, got true"):
        manifest_load.parse_manifest(parse("version: 1\nproject: {name: x}\nkpis: {p95_latency_ms: true}\n", "m.yaml"))


def test_without_a_plain_form_the_models_validate(monkeypatch):
    monkeypatch.setattr(manifest_plain, "_VALIDATOR", [None])
    manifest = manifest_load.parse_manifest(parse("version: 1\nproject: {name: x}\n", "m.yaml"))
    assert isinstance(manifest, Manifest)


def test_a_schema_with_an_unknown_validator_has_no_plain_form():
    with pytest.raises(ValueError, match="no plain twin for the validator"):
        plain_schema({"type": "function-before", "function": {"type": "no-info", "function": len}}, {}, lambda model: {})
    with pytest.raises(ValueError, match="no plain twin for the default factory"):
        plain_schema({"type": "default", "default_factory": set}, {}, lambda model: {})


def test_a_record_is_read_only_and_copies_with_updates():
    section = record({"a": 1, "b": [2]})
    with pytest.raises(AttributeError, match="read-only"):
        section.a = 3
    copy = section.model_copy(update={"a": 4})
    assert (copy.a, copy.b, section.a) == (4, [2], 1)
    assert section == record({"a": 1, "b": [2]}) and section != copy
    assert pickle.loads(pickle.dumps(section)) == section


def test_assessing_a_valid_manifest_defines_no_pydantic_model(tmp_path):
    """The point of the records: the start-up of `assess` (and `validate`) without pydantic's model machinery."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m in ('pydantic.main', 'readiness.manifest.model', "
        "'readiness.cli.configmodel')), file=sys.stderr))\n"
        "from readiness.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "READINESS_CACHE_DIR": str(tmp_path / "cache")}
    manifest = str(ROOT / "examples" / "enterprise-scale.yaml")
    for command in (["assess", manifest, "-f", "json"], ["assess", manifest, "-f", "markdown"], ["validate", manifest]):
        runs = [
            subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
            for _ in range(2)
        ]
        assert runs[0].stdout == runs[1].stdout
        assert runs[1].stderr.strip().splitlines()[-1] == "[]", f"{command}: {runs[1].stderr}"


def test_configuration_defaults_are_the_model_defaults(tmp_path, monkeypatch):
    from readiness.cli import config, configmodel

    monkeypatch.setenv("READINESS_CACHE_DIR", str(tmp_path))
    built = config.defaults()  # a miss: read from the model, then stored
    stored = config.defaults()
    assert vars(built) == vars(stored) == dict(vars(configmodel.ProjectConfig.model_construct()))
    assert Path(tmp_path).is_dir() and any(Path(tmp_path).iterdir())


def _by_validator(field: str, value) -> bool:
    section, _, name = field.partition(".")
    data = {"version": 1, "project": {"name": "x"}}
    data.setdefault(section, {})[name] = value
    try:
        Manifest.model_validate(data)
    except Exception:
        return False
    return True


def test_the_plain_verdicts_agree_with_the_models_on_every_field():
    """`accepts` decides choices, free text and yes/no answers from the field table; the models must agree on each."""
    probes = ["", " ", "text", "none", "None", "automated", " automated", "AUTOMATED", "true", True, False, 0, 1, 1.5]
    decided = set()
    for field, (kind, _) in manifest_plain.answer_table().items():
        members = [m.value for m in kind] if isinstance(kind, type) and issubclass(kind, Enum) else []
        for value in [*probes, *members, *(m.upper() for m in members), *(f"{m} " for m in members)]:
            verdict = manifest_plain._plain_verdict(field, kind, value)
            if verdict is not None:
                assert verdict == _by_validator(field, value), (field, value)
                decided.add(verdict)
            assert manifest_plain.accepts(field, value) == _by_validator(field, value), (field, value)
    assert decided == {True, False}


def test_scanning_a_repository_does_not_load_pydantic(tmp_path):
    """Deciding a drafted answer (a level, a boolean, an owner's name) needs the field table, not the validator."""
    repo = tmp_path / "repo"
    (repo / ".github").mkdir(parents=True)
    (repo / ".github" / "CODEOWNERS").write_text("* @example/ml-team\n")
    (repo / "train.py").write_text("import mlflow\n\nwith mlflow.start_run():\n    mlflow.log_metric('a', 1.0)\n")
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith('pydantic')), file=sys.stderr))\n"
        "from readiness.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "READINESS_CACHE_DIR": str(tmp_path / "cache")}
    for form in ("json", "yaml"):
        runs = [
            subprocess.run(
                [sys.executable, "-c", probe, "scan", str(repo), "-f", form], capture_output=True, text=True, env=env, check=True
            )
            for _ in range(2)
        ]
        assert "@example/ml-team" in runs[1].stdout
        assert runs[1].stderr.strip().splitlines()[-1] == "[]", f"{form}: {runs[1].stderr}"
