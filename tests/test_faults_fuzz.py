"""Issue 16 fuzz targets: baseline JSON (``diff``, ``--baseline``) and the project configuration.

Whatever the bytes, the outcome is a value or an InputError with diagnostics, never another exception; and a
baseline that loads can be compared and written as JSON without NaN.
"""

from __future__ import annotations

import copy
import json
import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from readiness import api
from readiness.cli import config, configmodel
from readiness.common.errors import InputError
from readiness.reports import registry
from readiness.trends import diff
from readiness.trends.baseline import load_report

REPORT = api.assess_file(ROOT / "examples" / "production-hardening.yaml").report
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
        st.sampled_from(["met", "unmet", "prototype", "data.validation", ""]),
    ),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=10,
)


def paths_of(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_of(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            yield from paths_of(item, prefix + (index,))


PATHS = [p for p in paths_of(REPORT) if p]


@st.composite
def mutated_reports(draw) -> dict:
    report = copy.deepcopy(REPORT)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        parent = report
        try:
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()):
                parent[path[-1]] = draw(json_values)
            else:
                del parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    return report


def check_baseline(path) -> None:
    try:
        baseline = load_report(path)
    except InputError as exc:
        assert exc.diagnostics and all(d.message for d in exc.diagnostics)
        return
    document = diff.compare(baseline, REPORT)
    text = registry.render(registry.DIFF, "json", document)
    json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c)))
    registry.render(registry.DIFF, "text", document)
    assert all(math.isfinite(v) for v in _numbers(document))


def _numbers(value):
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)


@FUZZ
@given(mutated_reports())
def test_any_mutated_baseline_loads_and_compares_or_is_a_diagnostic(tmp_path_factory, report):
    path = tmp_path_factory.mktemp("b") / "b.json"
    path.write_text(json.dumps(report))
    check_baseline(path)


@FUZZ
@given(
    st.one_of(
        st.text(max_size=400),
        st.builds(lambda r, cut: json.dumps(r)[:cut], mutated_reports(), st.integers(0, 4000)),
        st.builds(json.dumps, json_values),
    )
)
def test_any_text_as_a_baseline_is_a_result_or_a_diagnostic(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("b") / "b.json"
    path.write_text(text, encoding="utf-8")
    check_baseline(path)


config_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 200),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=12),
        st.sampled_from(["auto", "always", "json", "markdown", "2", "prototype", "rubrics/default.yaml"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(list(configmodel.ProjectConfig.model_fields) + ["format", "output", "x"]), children, max_size=4),
    ),
    max_leaves=12,
)
config_data = st.dictionaries(st.sampled_from(list(configmodel.ProjectConfig.model_fields) + ["unknown"]), config_values, max_size=6)


def check_config(path) -> None:
    try:
        loaded = config.load(path)
    except InputError as exc:
        assert exc.diagnostics
        return
    assert isinstance(loaded, configmodel.ProjectConfig)
    assert loaded.min_score is None or 0 <= loaded.min_score <= 100


@FUZZ
@given(config_data)
def test_any_yaml_configuration_is_a_configuration_or_a_diagnostic(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("c") / ".readiness.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    check_config(path)


def toml_value(value) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


@FUZZ
@given(config_data, st.sampled_from(["pyproject.toml", "other.toml"]), st.text(max_size=40))
def test_any_toml_configuration_is_a_configuration_or_a_diagnostic(tmp_path_factory, data, name, noise):
    path = tmp_path_factory.mktemp("c") / name
    body = "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in data.items())
    path.write_text(f"# [tool.readiness] {noise!r}\n[tool.readiness]\n{body}", encoding="utf-8")
    check_config(path)
    path.write_text(noise + body, encoding="utf-8")
    check_config(path)
