"""Properties of docs/frameworks.md, checked on generated manifests and generated packs."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.crosswalk import available_packs, coverage, load_pack, parse_pack
from readiness.crosswalk.coverage import MET, NOT_COVERED, PARTIAL, SUPPORTED
from readiness.input.source import parse
from readiness.manifest.model import Manifest
from readiness.rubric.load import load_rubric
from readiness.scoring.engine import assess
from strategies import ANSWERS, improve, manifests

RUBRIC = load_rubric()
PACKS = [load_pack(name, RUBRIC) for name in available_packs()]
CRITERIA = [c.spec.id for c in RUBRIC.criteria]
COMMON = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def results(pack, data: dict, rubric=RUBRIC):
    manifest = Manifest.model_validate(data)
    return coverage(pack, rubric, assess(manifest, rubric), manifest)


@COMMON
@given(st.data())
def test_a_better_answer_never_lowers_a_frameworks_coverage(data):
    before = data.draw(manifests())
    info = data.draw(st.sampled_from(ANSWERS))
    section, name = info.path
    better = improve(info, before.get(section, {}).get(name), data.draw)
    if better is None:
        return
    after = json.loads(json.dumps(before))
    after.setdefault(section, {})[name] = better
    for pack in PACKS:
        old, new = results(pack, before), results(pack, after)
        assert new.figures.met >= old.figures.met, (pack.id, info.path)
        assert old.figures.met_percent is None or new.figures.met_percent >= old.figures.met_percent
        assert new.figures.evidenced >= old.figures.evidenced, (pack.id, info.path)
        assert old.figures.evidenced_percent is None or new.figures.evidenced_percent >= old.figures.evidenced_percent
        for a, b in zip(old.results, new.results, strict=True):
            if a.status == MET:
                assert b.status == MET, (pack.id, a.id, info.path)
            if a.status == SUPPORTED:
                assert b.status in (MET, SUPPORTED), (pack.id, a.id, info.path)
            if a.status == PARTIAL:
                assert b.status in (MET, SUPPORTED, PARTIAL), (pack.id, a.id, info.path)


@st.composite
def packs(draw) -> tuple[dict, set[str]]:
    """A pack of up to 12 requirements, each linked to up to three criteria of the default rubric or to none."""
    count = draw(st.integers(1, 12))
    requirements = [{"id": f"R-{i}", "title": f"Requirement {i}"} for i in range(count)]
    links = []
    for requirement in requirements:
        for criterion in draw(st.lists(st.sampled_from(CRITERIA), max_size=3, unique=True)):
            links.append(
                {
                    "criterion": criterion,
                    "requirement": requirement["id"],
                    "relation": draw(st.sampled_from(["satisfies", "contributes"])),
                    "rationale": "Generated.",
                }
            )
    dropped = set(draw(st.lists(st.sampled_from(CRITERIA), max_size=10)))
    data = {
        "id": "generated",
        "name": "Generated",
        "edition": "1",
        "source": "https://example.org",
        "version": "1",
        "requirements": requirements,
        "links": links,
    }
    return data, dropped


@COMMON
@given(packs(), manifests())
def test_a_requirement_with_no_linked_criterion_is_always_not_covered(generated, manifest_data):
    pack_data, dropped = generated
    pack = parse_pack(parse(json.dumps(pack_data), "generated.yaml"), RUBRIC)
    rubric = RUBRIC._replace(criteria=tuple(c for c in RUBRIC.criteria if c.spec.id not in dropped))  # as if an extension disabled them
    result = results(pack, manifest_data, rubric)
    present = {c.spec.id for c in rubric.criteria}
    for r in result.results:
        linked = {link["criterion"] for link in pack_data["links"] if link["requirement"] == r.id} & present
        if not linked:
            assert r.status == NOT_COVERED and not r.links
        else:
            assert r.status != NOT_COVERED
        if r.status == MET:
            assert any(lr.link.relation == "satisfies" for lr in r.links)
        if r.status == SUPPORTED:
            assert all(lr.link.relation == "contributes" for lr in r.links if lr.status != "not_applicable")
    assert result.figures.met <= result.figures.satisfiable <= result.figures.addressed <= result.figures.in_scope
    assert result.figures.evidenced <= result.figures.addressed


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests())
def test_every_bundled_section_is_json_and_the_same_twice(data):
    from readiness.crosswalk import framework_section

    manifest = Manifest.model_validate(data)
    assessment = assess(manifest, RUBRIC)
    for pack in PACKS:
        text = json.dumps(framework_section(pack, RUBRIC, assessment, manifest), ensure_ascii=False, allow_nan=False)
        assert text == json.dumps(framework_section(pack, RUBRIC, assessment, manifest), ensure_ascii=False, allow_nan=False)
