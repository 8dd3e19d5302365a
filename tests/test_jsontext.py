"""The fast JSON writer must be the standard library's output, byte for byte."""

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.reports.jsontext import dumps

LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(
    LEAVES,
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=8) | st.integers(), children, max_size=4),
    max_leaves=25,
)


@given(VALUES)
def test_dumps_is_json_dumps_indented(value):
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_unusual_values_take_the_standard_path():
    for value in ({1: "int key"}, [math.nan], {"x": math.inf}, {"nested": [{"a": -math.inf}]}):
        assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_type_json_cannot_encode_still_fails_like_json():
    with pytest.raises(TypeError):
        dumps({"when": object()})


def test_a_cycle_fails_like_json():
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps({"loop": loop})


def test_deep_nesting_still_matches_json():
    deep: list = []
    for _ in range(150):
        deep = [deep]
    assert dumps(deep) == json.dumps(deep, indent=2, ensure_ascii=False)
