"""The compiled-rubric cache: faster, never wrong."""

import pytest

from conftest import ROOT
from readiness.common import cache
from readiness.rubric.load import load_rubric

HEALTH = ROOT / "rubrics" / "health-regulated.yaml"


def uncached(monkeypatch, path=None) -> list:
    """What the rubric compiles to without the cache: the reference every cached load must equal."""
    with monkeypatch.context() as context:
        context.setenv("READINESS_NO_CACHE", "1")
        return [c.spec for c in load_rubric(path).criteria]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("READINESS_CACHE_DIR", str(folder))
    monkeypatch.delenv("READINESS_NO_CACHE", raising=False)
    return folder


def test_second_load_comes_from_the_cache_and_is_equal(cache_dir, monkeypatch):
    first = load_rubric()
    assert len(list(cache_dir.glob("rubric-*.pickle"))) == 1
    monkeypatch.setattr("readiness.rubric.load.parse_rubric", lambda *a, **k: pytest.fail("cache was not used"))
    second = load_rubric()
    assert second.spec == first.spec and [c.tests for c in second.criteria] == [c.tests for c in first.criteria]


def test_an_edit_is_never_served_stale(cache_dir, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text((ROOT / "rubrics" / "default.yaml").read_text())
    assert load_rubric(path).version == "2.0.0"
    path.write_text(path.read_text().replace('version: "2.0.0"', 'version: "2.0.1"', 1))
    assert load_rubric(path).version == "2.0.1"


def test_a_changed_base_invalidates_an_extending_rubric(cache_dir, tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text((ROOT / "rubrics" / "default.yaml").read_text())
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\nid: child\nversion: '1'\ntitle: Child\ndisable: [interop.build_vs_buy]\n")
    assert load_rubric(child).criterion("gov.lineage").spec.weight == 4
    text = base.read_text()
    start = text.index("  - id: gov.lineage")
    end = text.index("  - id: ", start + 1)
    base.write_text(text[:start] + text[start:end].replace("    weight: 4\n", "    weight: 2\n") + text[end:])
    assert load_rubric(child).criterion("gov.lineage").spec.weight == 2


def test_corrupt_or_foreign_entries_are_misses(cache_dir, monkeypatch):
    load_rubric()
    (entry,) = cache_dir.glob("rubric-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert [c.spec for c in load_rubric().criteria] == uncached(monkeypatch)
    assert cache.get("rubric", "nonexistent") is None


def test_unwritable_cache_folder_does_not_break_a_run(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("READINESS_CACHE_DIR", str(blocker / "sub"))
    assert [c.spec for c in load_rubric().criteria] == uncached(monkeypatch)


def test_cache_can_be_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("READINESS_NO_CACHE", "1")
    load_rubric()
    assert not cache_dir.exists()


def test_a_rubric_with_level_extensions_comes_from_the_cache_and_scores_alike(cache_dir, monkeypatch):
    from readiness import api

    claims = ROOT / "examples" / "organization" / "claims-triage.yaml"
    first = api.assess_file(claims, HEALTH).report
    assert len(list(cache_dir.glob("rubric-*.pickle"))) == 1
    monkeypatch.setattr("readiness.rubric.load.parse_rubric", lambda *a, **k: pytest.fail("cache was not used"))
    assert api.assess_file(claims, HEALTH).report == first


def test_level_extension_values_survive_pickling_as_the_same_members():
    import pickle

    from readiness.rubric.model import extension_levels

    scale = extension_levels("risk", ("none", "done"))
    member = pickle.loads(pickle.dumps(scale("done")))
    assert member is scale("done") and member.rank > scale("none").rank


VALIDATE_ALL = """
import json, sys
from pathlib import Path
from readiness.common.errors import InputError
from readiness.manifest.load import load_manifest
from readiness.manifest.model import Manifest
out = []
for path in sorted(Path(sys.argv[1]).glob("*.yaml")) + sorted(Path(sys.argv[2]).glob("*.yaml")):
    try:
        manifest, _ = load_manifest(str(path))
        out.append(manifest.__repr__())
    except InputError as exc:
        out.append(str(exc))
print(json.dumps({"results": out, "built": Manifest.__pydantic_complete__}))
"""


def _validate_all(env: dict) -> dict:
    import json
    import os
    import subprocess
    import sys

    args = [sys.executable, "-c", VALIDATE_ALL, str(ROOT / "examples"), str(ROOT / "tests" / "corpus" / "manifests")]
    result = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **env}, check=True)
    return json.loads(result.stdout)


def test_the_cached_manifest_validator_agrees_with_pydantic_on_every_example_and_corpus_file(cache_dir):
    cold = _validate_all({})
    assert len(list(cache_dir.glob("validator-*.pickle"))) == 3  # records, field table (valid manifests); models (errors)
    warm = _validate_all({})
    uncached = _validate_all({"READINESS_NO_CACHE": "1"})
    assert cold["results"] == warm["results"] == uncached["results"]
    assert len(cold["results"]) > 20 and any("unknown key" in r for r in cold["results"])
    assert cold["built"] and uncached["built"]
    assert not warm["built"], "a warm start should validate without building the manifest models' schema"


def test_a_corrupt_validator_entry_falls_back_to_pydantic(cache_dir):
    baseline = _validate_all({"READINESS_NO_CACHE": "1"})
    _validate_all({})
    entries = list(cache_dir.glob("validator-*.pickle"))
    assert len(entries) == 3
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    assert _validate_all({})["results"] == baseline["results"]


def test_without_metadata_strips_only_schema_metadata():
    from readiness.input.validation import without_metadata

    schema = {"type": "model", "metadata": {"hook": object()}, "schema": {"type": "default", "default": {"metadata": 1}}}
    assert without_metadata(schema) == {"type": "model", "schema": {"type": "default", "default": {"metadata": 1}}}


def test_entries_written_by_other_code_are_never_read(cache_dir, monkeypatch):
    from readiness.rubric import load as rubric

    reference = uncached(monkeypatch)
    load_rubric()
    monkeypatch.setattr("readiness.common.cache.CODE_STAMP", "some other checkout")
    parsed, compile_file = [], rubric.parse_rubric
    monkeypatch.setattr("readiness.rubric.load.parse_rubric", lambda *a, **k: parsed.append(a) or compile_file(*a, **k))
    assert [c.spec for c in load_rubric().criteria] == reference and parsed


def test_the_code_stamp_changes_when_a_module_changes(tmp_path, monkeypatch):
    import os

    import readiness

    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(readiness, "__file__", str(folder / "__init__.py"))
    before = readiness._code_stamp()
    (folder / "a.py").write_text("x = 22\n")
    os.utime(folder / "a.py", ns=(1, 1))
    assert readiness._code_stamp() != before


def test_without_metadata_keeps_fields_and_defaults_named_like_schema_keys():
    import pydantic_core
    from pydantic import BaseModel, ConfigDict

    from readiness.input.validation import without_metadata

    class Odd(BaseModel):
        model_config = ConfigDict(extra="forbid")
        type: str = "x"
        metadata: dict = {"type": "x", "metadata": {"kept": True}}

    schema, *rest = Odd.__pydantic_validator__.__reduce__()[1]
    stripped = without_metadata(schema)
    validator = pydantic_core.SchemaValidator(stripped, *rest)
    assert validator.validate_python({"metadata": {"a": 1}}).metadata == {"a": 1}
    assert validator.validate_python({}).metadata == {"type": "x", "metadata": {"kept": True}}
    assert "metadata" in schema and "metadata" not in stripped


def test_an_entry_others_can_write_is_not_unpickled(cache_dir, monkeypatch):
    reference = uncached(monkeypatch)
    load_rubric()
    (entry,) = cache_dir.glob("rubric-*.pickle")
    entry.chmod(0o666)
    parsed = []
    from readiness.rubric import load as rubric

    compile_file = rubric.parse_rubric
    monkeypatch.setattr("readiness.rubric.load.parse_rubric", lambda *a, **k: parsed.append(a) or compile_file(*a, **k))
    assert [c.spec for c in load_rubric().criteria] == reference and parsed


def test_no_cache_where_the_code_cannot_be_stamped(cache_dir, monkeypatch):
    from readiness.common import cache

    monkeypatch.setattr(cache, "CODE_STAMP", "")
    assert not cache.enabled()
    load_rubric()
    assert not cache_dir.exists()


def test_compiled_templates_others_could_write_are_not_loaded(cache_dir, monkeypatch):
    import jinja2

    from readiness import api
    from readiness.reports import templating
    from readiness.reports.options import RenderOptions

    outcome = api.assess_file(ROOT / "examples" / "early-pilot.yaml")
    templating.environment.cache_clear()
    first = api.render(outcome, "markdown", RenderOptions())
    loaded = []
    real = jinja2.bccache.Bucket.load_bytecode
    monkeypatch.setattr(jinja2.bccache.Bucket, "load_bytecode", lambda self, f: loaded.append(1) or real(self, f))
    templating.environment.cache_clear()
    assert api.render(outcome, "markdown", RenderOptions()) == first and loaded
    for entry in cache_dir.glob("jinja-*/*"):
        entry.chmod(0o666)
    loaded.clear()
    templating.environment.cache_clear()
    assert api.render(outcome, "markdown", RenderOptions()) == first and not loaded
    templating.environment.cache_clear()
