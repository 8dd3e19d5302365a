"""Hypothesis strategies that build manifests from the manifest model itself."""

from __future__ import annotations

from hypothesis import strategies as st

from readiness.input.validation import model_of
from readiness.manifest.fields import FieldInfo, field_info
from readiness.manifest.model import Manifest

# Manifest text as a YAML file can carry it: the loader refuses control characters (terminal escapes).
TEXT = st.characters(blacklist_categories=("Cc", "Cs"))


def manifest_fields() -> list[FieldInfo]:
    fields = []
    for section, info in Manifest.model_fields.items():
        model = model_of(info.annotation)
        if model is None:
            continue
        for name in model.model_fields:
            if (section, name) != ("project", "name"):
                fields.append(field_info(f"{section}.{name}"))
    return fields


FIELDS = manifest_fields()
ANSWERS = [f for f in FIELDS if not f.context]


def list_item_values(info: FieldInfo) -> list[str]:
    import typing

    section, name = info.path
    annotation = model_of(Manifest.model_fields[section].annotation).model_fields[name].annotation
    item = typing.get_args(next(a for a in typing.get_args(annotation) if a is not type(None)))[0]
    return [m.value for m in item]


def value_for(info: FieldInfo) -> st.SearchStrategy:
    if info.enum is not None:
        return st.sampled_from([m.value for m in info.enum])
    if info.kind == "bool":
        return st.booleans()
    if info.kind == "number":
        if info.path[-1] in ("reproducibility_rate", "batch_window_completion"):
            return st.floats(0, 1)
        if info.path[-1] == "cost_change_yoy":
            return st.floats(-1, 5)
        return st.floats(0, 10_000)
    if info.kind == "list":
        return st.lists(st.sampled_from(list_item_values(info)), max_size=6)
    return st.text(TEXT, min_size=1, max_size=30).filter(str.strip)


@st.composite
def manifests(draw) -> dict:
    """A valid manifest as plain data, each field answered or left out at random."""
    data: dict = {"version": 1, "project": {"name": draw(st.text(TEXT, min_size=1, max_size=40).filter(str.strip))}}
    for info in FIELDS:
        if draw(st.booleans()):
            section, name = info.path
            data.setdefault(section, {})[name] = draw(value_for(info))
    return data


def improve(info: FieldInfo, value, draw) -> object:
    """A strictly better (or newly given) answer for ``info``, or None when none exists."""
    if value is None:
        return draw(value_for(info))
    if info.kind == "level":
        members = [m.value for m in info.enum]
        index = members.index(value)
        return None if index == len(members) - 1 else draw(st.sampled_from(members[index + 1 :]))
    if info.kind == "bool":
        return True if value is False else None
    if info.kind == "number":
        if info.better == "lower":
            floor = -1.0 if info.path[-1] == "cost_change_yoy" else 0.0
            return None if value <= floor else draw(st.floats(floor, value, exclude_max=True))
        return None if value >= 1.0 else draw(st.floats(value, 1.0, exclude_min=True))
    if info.kind == "list":
        missing = [v for v in list_item_values(info) if v not in value]
        return None if not missing else value + [draw(st.sampled_from(missing))]
    return None


# Arbitrary YAML-shaped data: keys mostly real field names (so deep paths are reached), values of any type.
KEYS = sorted({p for f in FIELDS for p in f.path} | {"version", "project", "name", "extra", "drift"})
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["none", "automated", "ci_cd", "least_privilege", "1", "true"]),
)
yaml_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8)), children, max_size=6),
    ),
    max_leaves=30,
)
