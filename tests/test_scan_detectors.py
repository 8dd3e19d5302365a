"""Every detector fires on its positive fixture and stays silent on its negative one (tests/scan_cases.py)."""

from pathlib import Path

import pytest

from readiness.common.errors import InputError
from readiness.scan import scan_repository
from readiness.scan.catalog import compile_detector, default_catalog
from readiness.scan.decide import accepts, field_type
from scan_cases import NEGATIVE, POSITIVE, negative

IDS = [d.spec.id for d in default_catalog().detectors]


def make_repo(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root


def detectors_found(root: Path) -> set[str]:
    return {f.detector for f in scan_repository(root).findings}


def test_every_detector_has_cases():
    assert sorted(set(IDS) - set(POSITIVE)) == []
    assert sorted(set(POSITIVE) - set(IDS)) == []
    assert set(NEGATIVE) <= set(IDS)


def test_every_bundled_pattern_compiles():
    """The catalog compiles patterns on first use; this is where a broken bundled one is found."""
    for detector in default_catalog().detectors:
        assert compile_detector(detector.spec).patterns is not None


def test_a_bad_pattern_is_a_one_line_error_naming_its_detector():
    spec = default_catalog().detectors[0].spec.model_copy(update={"id": "broken.pattern", "kind": "text", "patterns": ["(unclosed"]})
    with pytest.raises(InputError, match=r"detector 'broken\.pattern': bad pattern"):
        compile_detector(spec)


@pytest.mark.parametrize("detector", IDS)
def test_positive(detector, tmp_path):
    assert detector in detectors_found(make_repo(tmp_path, POSITIVE[detector]))


@pytest.mark.parametrize("detector", IDS)
def test_negative(detector, tmp_path):
    assert detector not in detectors_found(make_repo(tmp_path, negative(detector)))


@pytest.mark.parametrize("detector", IDS)
def test_detector_values_fit_the_manifest_model(detector):
    """A value for a field the model knows must be one the model accepts; unknown fields are the new use-case facts."""
    spec = next(d.spec for d in default_catalog().detectors if d.spec.id == detector)
    if spec.value_from_match:
        assert field_type(spec.field) is str
        return
    if field_type(spec.field) is not None:
        assert accepts(spec.field, spec.value), (spec.field, spec.value)
        assert all(accepts(spec.field, v) for v in spec.contradicts)
    else:
        assert spec.field in ("project.model_source", "project.autonomy", "project.workload", "project.data_sensitivity", "project.impact")


@pytest.fixture
def own_detectors(tmp_path, monkeypatch):
    """A copy of the bundled detector files as the catalog's folder, with its own cache; the real catalog afterwards."""
    import shutil

    from readiness.scan import catalog

    folder = tmp_path / "detectors"
    shutil.copytree(catalog.FOLDER, folder)
    monkeypatch.setattr(catalog, "FOLDER", folder)
    monkeypatch.setenv("READINESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("READINESS_NO_CACHE", raising=False)
    default_catalog.cache_clear()
    yield folder
    default_catalog.cache_clear()


def test_the_cached_catalog_follows_the_detector_files(own_detectors, tmp_path):
    first = [d.spec.id for d in default_catalog().detectors]
    assert len(list((tmp_path / "cache").glob("detectors-*.pickle"))) == 1
    default_catalog.cache_clear()
    assert [d.spec.id for d in default_catalog().detectors] == first
    context = own_detectors / "context.yaml"
    context.write_text(context.read_text().replace("- id: genai.hosted_llm_call", "- id: genai.renamed_call", 1))
    default_catalog.cache_clear()
    assert [d.spec.id for d in default_catalog().detectors] == ["genai.renamed_call" if i == "genai.hosted_llm_call" else i for i in first]
    assert len(list((tmp_path / "cache").glob("detectors-*.pickle"))) == 2


def test_a_broken_detector_file_gets_a_located_error(own_detectors):
    context = own_detectors / "context.yaml"
    context.write_text(
        context.read_text().replace("  - id: genai.hosted_llm_call\n", "  - id: genai.hosted_llm_call\n    colour: red\n", 1)
    )
    with pytest.raises(InputError) as caught:
        default_catalog()
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.format().startswith(f"error: {context}:6:5: ")
    assert "colour" in diagnostic.format()


def test_a_name_needs_its_module_and_its_attribute_written_in_the_file():
    """The prefilter: 'Model' alone does not make a file worth parsing for `kserve.Model`; an aliased import still is."""
    from readiness.scan.match import FileView, _worth_it

    catalog = default_catalog()
    server = next(d for d in catalog.detectors if d.spec.id == "serving.model_server")
    assert not _worth_it(server, FileView("m.py", '"""Model code."""\nimport torch\n', catalog, []))
    assert _worth_it(server, FileView("m.py", "import kserve as ks\nclass M(ks.Model): ...\n", catalog, []))


def test_an_aliased_module_is_still_found(tmp_path):
    repo = make_repo(tmp_path, {"serve.py": "import kserve as ks\n\n\nclass Predictor(ks.Model):\n    pass\n"})
    assert "serving.model_server" in detectors_found(repo)


def test_a_yaml_key_path_needs_each_of_its_keys():
    from readiness.scan.catalog import _runs
    from readiness.scan.match import FileView, _worth_it

    catalog = default_catalog()
    admin = next(d for d in catalog.detectors if d.spec.id == "privilege.kubernetes_cluster_admin")
    assert not _worth_it(admin, FileView("c.yaml", "name: experiment\nverbs: [a]\n", catalog, []))
    assert _worth_it(admin, FileView("c.yaml", "roleRef:\n  name: cluster-admin\n", catalog, []))
    assert _runs("x[abc]yz*/rules/*") == ["rules"]  # a character class is never a literal the file must hold
