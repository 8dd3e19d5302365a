"""Every identifier in every bundled pack is a real one: it appears in a checked-in list made from the framework's
published structure (tests/data/frameworks/<pack>.ids.txt, its source named in its header)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness.crosswalk import available_packs, load_pack

LISTS = Path(__file__).parent / "data" / "frameworks"

WELL_FORMED = {
    "nist-ai-rmf": r"(GOVERN|MAP|MEASURE|MANAGE) [1-9]\.[1-9][0-9]?|(GV|MP|MS|MG)-[1-9]\.[1-9][0-9]?-[0-9]{3}",
    "iso-42001": r"A\.(10|[2-9])\.[1-9](\.[1-9])?",
    "eu-ai-act": r"Art\. [1-9][0-9]*(\([1-9][0-9]*\)(\([a-z]\))?)?",
    "owasp-llm-2025": r"LLM(0[1-9]|10):2025",
}


def read_list(name: str) -> tuple[list[str], list[str]]:
    lines = (LISTS / f"{name}.ids.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("#")], [line for line in lines if line and not line.startswith("#")]


def test_every_bundled_pack_has_a_list_and_every_list_a_pack():
    assert sorted(p.name.removesuffix(".ids.txt") for p in LISTS.glob("*.ids.txt")) == available_packs() == sorted(WELL_FORMED)


@pytest.mark.parametrize("name", sorted(WELL_FORMED))
def test_the_list_names_its_source_and_every_entry_is_well_formed(name):
    header, ids = read_list(name)
    assert any("http" in line for line in header), "the header names the source's URL"
    assert len(ids) == len(set(ids)), "no identifier twice"
    bad = [i for i in ids if not re.fullmatch(WELL_FORMED[name], i)]
    assert not bad


@pytest.mark.parametrize("name", sorted(WELL_FORMED))
def test_every_identifier_in_the_pack_is_in_its_list(name):
    _, ids = read_list(name)
    pack = load_pack(name)
    assert [r.id for r in pack.requirements if r.id not in ids] == []


def test_the_lists_have_the_published_counts():
    assert len([i for i in read_list("nist-ai-rmf")[1] if " " in i]) == 72  # AI RMF 1.0 Core subcategories
    assert len(read_list("iso-42001")[1]) == 38  # Annex A reference controls
    assert len(read_list("owasp-llm-2025")[1]) == 10


def test_the_pack_keeps_the_framework_order_within_each_group():
    for name in sorted(WELL_FORMED):
        order = {identifier: index for index, identifier in enumerate(read_list(name)[1])}
        pack = load_pack(name)
        for group in {r.group for r in pack.requirements}:
            positions = [order[r.id] for r in pack.requirements if r.group == group]
            assert positions == sorted(positions), (name, group)
